"""participation: ideas and the participation link, involvement links, planned involvements;
tasks given at a gathering (deadline.event_id)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 04:29:19.211670
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import samskap.kit.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The records an involvement concerns: one link table per kind, all of the same shape.
LINKS = ("decision", "event", "hearing", "submission", "goal", "idea")


def _create_involvement_link(name: str) -> None:
    table = f"involvement_{name}"
    op.create_table(
        table,
        sa.Column("involvement_id", sa.Uuid(), nullable=False),
        sa.Column(f"{name}_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvement.id"],
            name=op.f(f"fk_{table}_involvement_id_involvement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            [f"{name}_id"],
            [f"{name}.id"],
            name=op.f(f"fk_{table}_{name}_id_{name}"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("involvement_id", f"{name}_id", name=op.f(f"pk_{table}")),
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{name}_id"), [f"{name}_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "participation_link",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=True),
        sa.Column("project_id", sa.Uuid(), nullable=True),
        sa.Column("closed_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_participation_link_programme_id_programme"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_participation_link_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_participation_link_token_hash")),
    )
    with op.batch_alter_table("participation_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_link_closed_at"), ["closed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_participation_link_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_participation_link_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "idea",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("received_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitter_person_id", sa.Uuid(), nullable=True),
        sa.Column("submitter_name", sa.String(length=200), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("receipt_hash", sa.String(length=64), nullable=True),
        sa.Column("assessor_person_id", sa.Uuid(), nullable=True),
        sa.Column("assessor_group_id", sa.Uuid(), nullable=True),
        sa.Column("assessment", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("measure_id", sa.Uuid(), nullable=True),
        sa.Column("task_id", sa.Uuid(), nullable=True),
        sa.Column("archived_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessor_group_id"], ["group.id"], name=op.f("fk_idea_assessor_group_id_group")
        ),
        sa.ForeignKeyConstraint(
            ["assessor_person_id"], ["person.id"], name=op.f("fk_idea_assessor_person_id_person")
        ),
        sa.ForeignKeyConstraint(["group_id"], ["group.id"], name=op.f("fk_idea_group_id_group")),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_idea_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_idea_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_idea_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["submitter_person_id"], ["person.id"], name=op.f("fk_idea_submitter_person_id_person")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_idea_task_id_task")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea")),
        sa.UniqueConstraint(
            "programme_id", "external_id", name=op.f("uq_idea_programme_id_external_id")
        ),
        sa.UniqueConstraint("receipt_hash", name=op.f("uq_idea_receipt_hash")),
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_archived_at"), ["archived_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_idea_assessor_group_id"), ["assessor_group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_idea_assessor_person_id"), ["assessor_person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_idea_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_external_id"), ["external_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_measure_id"), ["measure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_idea_submitter_person_id"), ["submitter_person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_idea_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_title"), ["title"], unique=False)

    op.create_table(
        "idea_status_change",
        sa.Column("idea_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("changed_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"],
            ["idea.id"],
            name=op.f("fk_idea_status_change_idea_id_idea"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_idea_status_change_programme_id_programme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idea_status_change")),
    )
    with op.batch_alter_table("idea_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idea_status_change_changed_at"), ["changed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_idea_status_change_idea_id"), ["idea_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_idea_status_change_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "idea_support",
        sa.Column("idea_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("supported_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_idea_support_idea_id_idea"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_idea_support_person_id_person")
        ),
        sa.PrimaryKeyConstraint("idea_id", "person_id", name=op.f("pk_idea_support")),
    )
    with op.batch_alter_table("idea_support", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_support_person_id"), ["person_id"], unique=False)

    op.create_table(
        "planned_involvement",
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("matter", sa.Text(), nullable=False),
        sa.Column("stakeholder_kind", sa.String(length=40), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("responsible_person_id", sa.Uuid(), nullable=True),
        sa.Column("decision_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("involvement_id", sa.Uuid(), nullable=True),
        sa.Column("cancelled_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_planned_involvement_decision_id_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvement.id"],
            name=op.f("fk_planned_involvement_involvement_id_involvement"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_planned_involvement_programme_id_programme"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_planned_involvement_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_person_id"],
            ["person.id"],
            name=op.f("fk_planned_involvement_responsible_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_involvement")),
        sa.UniqueConstraint("involvement_id", name=op.f("uq_planned_involvement_involvement_id")),
        sa.UniqueConstraint(
            "programme_id",
            "external_id",
            name=op.f("uq_planned_involvement_programme_id_external_id"),
        ),
    )
    with op.batch_alter_table("planned_involvement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_decision_id"), ["decision_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_external_id"), ["external_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_planned_involvement_form"), ["form"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_planned_on"), ["planned_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_responsible_person_id"),
            ["responsible_person_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_planned_involvement_stakeholder_kind"),
            ["stakeholder_kind"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_planned_involvement_status"), ["status"], unique=False)

    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_deadline_event_id"), ["event_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_deadline_event_id_event"), "event", ["event_id"], ["id"]
        )

    for name in LINKS:
        _create_involvement_link(name)


def downgrade() -> None:
    for name in reversed(LINKS):
        op.drop_table(f"involvement_{name}")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_deadline_event_id_event"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_deadline_event_id"))
        batch_op.drop_column("event_id")

    with op.batch_alter_table("planned_involvement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_involvement_status"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_stakeholder_kind"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_responsible_person_id"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_project_id"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_programme_id"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_planned_on"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_form"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_external_id"))
        batch_op.drop_index(batch_op.f("ix_planned_involvement_decision_id"))

    op.drop_table("planned_involvement")
    with op.batch_alter_table("idea_support", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_support_person_id"))

    op.drop_table("idea_support")
    with op.batch_alter_table("idea_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_status_change_programme_id"))
        batch_op.drop_index(batch_op.f("ix_idea_status_change_idea_id"))
        batch_op.drop_index(batch_op.f("ix_idea_status_change_changed_at"))

    op.drop_table("idea_status_change")
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_title"))
        batch_op.drop_index(batch_op.f("ix_idea_task_id"))
        batch_op.drop_index(batch_op.f("ix_idea_submitter_person_id"))
        batch_op.drop_index(batch_op.f("ix_idea_status"))
        batch_op.drop_index(batch_op.f("ix_idea_received_at"))
        batch_op.drop_index(batch_op.f("ix_idea_project_id"))
        batch_op.drop_index(batch_op.f("ix_idea_programme_id"))
        batch_op.drop_index(batch_op.f("ix_idea_measure_id"))
        batch_op.drop_index(batch_op.f("ix_idea_group_id"))
        batch_op.drop_index(batch_op.f("ix_idea_external_id"))
        batch_op.drop_index(batch_op.f("ix_idea_channel"))
        batch_op.drop_index(batch_op.f("ix_idea_assessor_person_id"))
        batch_op.drop_index(batch_op.f("ix_idea_assessor_group_id"))
        batch_op.drop_index(batch_op.f("ix_idea_archived_at"))

    op.drop_table("idea")
    with op.batch_alter_table("participation_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_link_project_id"))
        batch_op.drop_index(batch_op.f("ix_participation_link_programme_id"))
        batch_op.drop_index(batch_op.f("ix_participation_link_closed_at"))

    op.drop_table("participation_link")
