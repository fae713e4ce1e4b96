"""imports: uploaded files, their jobs and what became of each row

An import keeps its file, options, status, progress and counts (import_job); each row's
outcome and errors are kept in import_row.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 11:39:53.582752
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import samskap.kit.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_job",
        sa.Column("resource", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("file_format", sa.String(length=16), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=True),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("file_errors", sa.JSON(), nullable=True),
        sa.Column("requested_by", sa.String(length=80), nullable=False),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("started_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "cancel_requested_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_import_job_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_import_job_requested_by_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_job")),
        sa.UniqueConstraint(
            "requested_by",
            "idempotency_key",
            name=op.f("uq_import_job_requested_by_idempotency_key"),
        ),
    )
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_job_heartbeat_at"), ["heartbeat_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_import_job_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_import_job_requested_by"), ["requested_by"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_import_job_requested_by_user_id"), ["requested_by_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_import_job_resource"), ["resource"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_job_status"), ["status"], unique=False)

    op.create_table(
        "import_row",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("errors", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["import_job.id"],
            name=op.f("fk_import_row_import_id_import_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "row", name=op.f("pk_import_row")),
    )


def downgrade() -> None:
    op.drop_table("import_row")
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_job_status"))
        batch_op.drop_index(batch_op.f("ix_import_job_resource"))
        batch_op.drop_index(batch_op.f("ix_import_job_requested_by_user_id"))
        batch_op.drop_index(batch_op.f("ix_import_job_requested_by"))
        batch_op.drop_index(batch_op.f("ix_import_job_programme_id"))
        batch_op.drop_index(batch_op.f("ix_import_job_heartbeat_at"))

    op.drop_table("import_job")
