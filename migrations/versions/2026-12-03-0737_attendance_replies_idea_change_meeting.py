"""attendance replies and the meeting of an idea's status change

An invited person answers whether they will come (event_participant.reply, replied_at), and
an idea's status change can name the meeting where it was decided (idea_status_change.event_id).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:37:05.397469
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import samskap.kit.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("replied_at", samskap.kit.types.UTCDateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("idea_status_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_idea_status_change_event_id"), ["event_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_idea_status_change_event_id_event"),
            "event",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("idea_status_change", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_idea_status_change_event_id_event"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_idea_status_change_event_id"))
        batch_op.drop_column("event_id")

    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.drop_column("replied_at")
        batch_op.drop_column("reply")
