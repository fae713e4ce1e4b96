"""hearings

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 01:07:58.156479
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import samskap.kit.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "hearing",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("matter", sa.Text(), nullable=True),
        sa.Column("project_id", sa.Uuid(), nullable=True),
        sa.Column("concerns_employees", sa.Boolean(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("submission_version_id", sa.Uuid(), nullable=True),
        sa.Column("letter", sa.Text(), nullable=True),
        sa.Column("letter_document_id", sa.Uuid(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("deadline_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_hearing_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["letter_document_id"],
            ["document.id"],
            name=op.f("fk_hearing_letter_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_hearing_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_hearing_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["submission_version_id"],
            ["submission_version.id"],
            name=op.f("fk_hearing_submission_version_id_submission_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing")),
        sa.UniqueConstraint(
            "programme_id", "external_id", name=op.f("uq_hearing_programme_id_external_id")
        ),
    )
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hearing_deadline_at"), ["deadline_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_hearing_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hearing_external_id"), ["external_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hearing_letter_document_id"), ["letter_document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hearing_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hearing_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hearing_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hearing_submission_version_id"), ["submission_version_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hearing_title"), ["title"], unique=False)

    op.create_table(
        "hearing_invitee",
        sa.Column("hearing_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"], name=op.f("fk_hearing_invitee_group_id_group")
        ),
        sa.ForeignKeyConstraint(
            ["hearing_id"],
            ["hearing.id"],
            name=op.f("fk_hearing_invitee_hearing_id_hearing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_hearing_invitee_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_hearing_invitee_programme_id_programme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing_invitee")),
    )
    with op.batch_alter_table("hearing_invitee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hearing_invitee_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hearing_invitee_hearing_id"), ["hearing_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hearing_invitee_party"), ["party"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hearing_invitee_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_invitee_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "hearing_response",
        sa.Column("hearing_id", sa.Uuid(), nullable=False),
        sa.Column("from_name", sa.String(length=300), nullable=False),
        sa.Column("from_person_id", sa.Uuid(), nullable=True),
        sa.Column("on_behalf_of", sa.String(length=300), nullable=True),
        sa.Column("invitee_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("handling", sa.String(length=32), nullable=True),
        sa.Column("handling_comment", sa.Text(), nullable=True),
        sa.Column("involvement_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_person_id"],
            ["person.id"],
            name=op.f("fk_hearing_response_from_person_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_response_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["invitee_id"],
            ["hearing_invitee.id"],
            name=op.f("fk_hearing_response_invitee_id_hearing_invitee"),
        ),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvement.id"],
            name=op.f("fk_hearing_response_involvement_id_involvement"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_hearing_response_programme_id_programme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing_response")),
    )
    with op.batch_alter_table("hearing_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hearing_response_from_person_id"), ["from_person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_handling"), ["handling"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_hearing_id"), ["hearing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_invitee_id"), ["invitee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_involvement_id"), ["involvement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hearing_response_received_at"), ["received_at"], unique=False
        )

    op.create_table(
        "hearing_response_file",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_file.id"],
            name=op.f("fk_hearing_response_file_file_id_stored_file"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["hearing_response.id"],
            name=op.f("fk_hearing_response_file_response_id_hearing_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "file_id", name=op.f("pk_hearing_response_file")),
    )
    with op.batch_alter_table("hearing_response_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hearing_response_file_file_id"), ["file_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("hearing_response_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hearing_response_file_file_id"))

    op.drop_table("hearing_response_file")
    with op.batch_alter_table("hearing_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hearing_response_received_at"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_programme_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_involvement_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_invitee_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_hearing_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_handling"))
        batch_op.drop_index(batch_op.f("ix_hearing_response_from_person_id"))

    op.drop_table("hearing_response")
    with op.batch_alter_table("hearing_invitee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hearing_invitee_programme_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_invitee_person_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_invitee_party"))
        batch_op.drop_index(batch_op.f("ix_hearing_invitee_hearing_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_invitee_group_id"))

    op.drop_table("hearing_invitee")
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hearing_title"))
        batch_op.drop_index(batch_op.f("ix_hearing_submission_version_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_status"))
        batch_op.drop_index(batch_op.f("ix_hearing_project_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_programme_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_letter_document_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_external_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_document_id"))
        batch_op.drop_index(batch_op.f("ix_hearing_deadline_at"))

    op.drop_table("hearing")
