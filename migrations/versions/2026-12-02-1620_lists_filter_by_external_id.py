"""every list filters by external_id: an index of its own on each table that has one

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 16:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "programme",
    "project",
    "person",
    "group",
    "phase",
    "task",
    "deadline",
    "involvement",
    "event",
    "decision",
)


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_external_id", table, ["external_id"], unique=False)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(f"ix_{table}_external_id", table_name=table)
