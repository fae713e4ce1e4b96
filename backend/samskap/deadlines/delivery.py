"""Whether a deadline (or a version answering it) was met: on time, late, missing, pending or
waived, computed from its status and times at the moment of reading."""

from datetime import UTC, datetime

from sqlalchemy import and_

from samskap.models import Deadline
from samskap.models.enums import DeadlineStatus, Vocabulary


class Delivery(Vocabulary):
    """How a deadline stands, computed on every read."""

    on_time = "on_time", "delivered at or before its due time"
    late = "late", "delivered after its due time (see late_by_seconds)"
    missing = "missing", "not delivered, and its due time has passed"
    pending = "pending", "not delivered yet, and not yet due"
    waived = "waived", "no longer required"


def delivery_of(
    status: str,
    due_at: datetime,
    submitted_at: datetime | None,
    now: datetime | None = None,
) -> Delivery:
    """The delivery of something due at `due_at` with this status and delivery time."""
    if status == DeadlineStatus.waived:
        return Delivery.waived
    if status == DeadlineStatus.submitted and submitted_at is not None:
        return Delivery.on_time if submitted_at <= due_at else Delivery.late
    return Delivery.missing if due_at < (now or datetime.now(UTC)) else Delivery.pending


def delivery_clause(value: Delivery, now: datetime):
    """The deadlines whose delivery is `value` at `now`, as a query condition."""
    submitted = and_(
        Deadline.status == DeadlineStatus.submitted, Deadline.submitted_at.is_not(None)
    )
    return {
        Delivery.on_time: and_(submitted, Deadline.submitted_at <= Deadline.due_at),
        Delivery.late: and_(submitted, Deadline.submitted_at > Deadline.due_at),
        Delivery.missing: and_(Deadline.status == DeadlineStatus.open, Deadline.due_at < now),
        Delivery.pending: and_(Deadline.status == DeadlineStatus.open, Deadline.due_at >= now),
        Delivery.waived: Deadline.status == DeadlineStatus.waived,
    }[value]
