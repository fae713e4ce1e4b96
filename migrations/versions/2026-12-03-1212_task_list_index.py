"""a programme's tasks in the list's default order

An index on task (programme_id, created_at, id): the default task list, and an export that
walks it page by page, reads each page from the index instead of sorting every task again.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:12:11.003768
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_programme_id_created_at_id",
            ["programme_id", "created_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_programme_id_created_at_id")
