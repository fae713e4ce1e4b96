"""Outbound events and the outbox that carries them.

A change that others should hear about (a record created, updated or deleted; a deadline due
soon; a decision finalised) is `emit`ted into the session. When the session commits, the
events of the transaction become one `outbox.dispatch` job in that same transaction: a
rolled-back request sends nothing, a committed one always sends. The worker runs the job by
handing the events to every registered consumer (webhooks, notifications, e-mail), in the
transaction that marks the job done, so each consumer adds its deliveries exactly once.
"""

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.queue import enqueue
from samskap.models.common import SECRET_COLUMNS

DISPATCH = "outbox.dispatch"
# At most this many events in one dispatch job.
DISPATCH_BATCH = 500
_PENDING = "samskap_outbox"
# session.info[OUTBOX_OFF] = True: this session's changes announce nothing (the demo loader).
OUTBOX_OFF = "samskap_outbox_off"

ACTIONS = {"create": "created", "update": "updated", "delete": "deleted", "archive": "updated"}

# Records whose changes are not announced: secrets, accounts, the queue's own rows, and
# answers whose link to a person must not leave the system.
QUIET_RECORDS = frozenset(
    {
        "auth_session",
        "api_token",
        "user_account",
        "calendar_feed",
        "mail_preference",
        "notification",
        "webhook",
        "survey_answer",
        "survey_invitation",
        "import_row",
    }
)
# Never in an event's data, whatever the record (special-category personal data).
HIDDEN_FIELDS = SECRET_COLUMNS | {"union"}


@dataclass
class OutboundEvent:
    """Something that happened in a programme, as webhooks, notifications and mail see it.

    `type` is "<record>.<what>": `task.created`, `deadline.updated`, `deadline.due_soon`,
    `decision.finalised`. `data` is the record's fields (hidden ones left out) or the
    domain event's particulars; `before` the record's fields before an update."""

    type: str
    programme_id: uuid.UUID | None
    record_type: str | None = None
    record_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    data: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] | None = None
    actor_user_id: uuid.UUID | None = None
    occurred_at: datetime = field(default_factory=utcnow)
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def to_json(self) -> dict[str, Any]:
        value = asdict(self)
        for key in ("programme_id", "record_id", "project_id", "actor_user_id", "id"):
            value[key] = str(value[key]) if value[key] is not None else None
        value["occurred_at"] = self.occurred_at.isoformat()
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "OutboundEvent":
        def uid(key: str) -> uuid.UUID | None:
            return uuid.UUID(value[key]) if value.get(key) else None

        return cls(
            type=value["type"],
            programme_id=uid("programme_id"),
            record_type=value.get("record_type"),
            record_id=uid("record_id"),
            project_id=uid("project_id"),
            data=value.get("data") or {},
            before=value.get("before"),
            actor_user_id=uid("actor_user_id"),
            occurred_at=datetime.fromisoformat(value["occurred_at"]),
            id=uid("id") or uuid.uuid4(),
        )


def _session_of(session: Any) -> Session:
    # An AsyncSession's events and info live on its sync Session.
    return getattr(session, "sync_session", session)


def emit(session: Any, outbound: OutboundEvent) -> None:
    """Announce `outbound` when, and only if, the session's transaction commits. An event
    emitted inside a savepoint goes with the savepoint: dropped if it is rolled back, kept
    (until the whole transaction commits) if it is released."""
    sync = _session_of(session)
    if sync.info.get(OUTBOX_OFF):
        return
    within = sync.get_nested_transaction() or sync.get_transaction()
    sync.info.setdefault(_PENDING, []).append((within, outbound))


def visible(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: v for k, v in values.items() if k not in HIDDEN_FIELDS}


def emit_change(
    session: Any,
    *,
    action: str,
    record_type: str,
    record_id: uuid.UUID | None,
    programme_id: uuid.UUID | None,
    before: dict | None,
    after: dict | None,
    actor_user_id: uuid.UUID | None,
) -> None:
    """The created/updated/deleted event of an audited write, for programme records."""
    what = ACTIONS.get(action)
    if what is None or programme_id is None or record_type in QUIET_RECORDS:
        return
    data = visible(after if after is not None else before) or {}
    project = data.get("project_id")
    emit(
        session,
        OutboundEvent(
            type=f"{record_type}.{what}",
            programme_id=programme_id,
            record_type=record_type,
            record_id=record_id,
            project_id=uuid.UUID(project) if isinstance(project, str) else None,
            data=data,
            before=visible(before) if what == "updated" else None,
            actor_user_id=actor_user_id,
        ),
    )


@event.listens_for(Session, "before_commit")
def _enqueue_dispatch(session: Session) -> None:
    # Fired for a savepoint's release too: its events wait for the whole transaction.
    if session.in_nested_transaction():
        return
    pending: list[tuple[Any, OutboundEvent]] | None = session.info.pop(_PENDING, None)
    if pending and not session.info.get(OUTBOX_OFF):
        # A large transaction (an import) becomes several jobs, so that no one job's payload
        # or run grows with it; events keep their order within each.
        for start in range(0, len(pending), DISPATCH_BATCH):
            batch = pending[start : start + DISPATCH_BATCH]
            enqueue(session, DISPATCH, {"events": [e.to_json() for _, e in batch]})


def _inside(transaction: Any, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, ended: SessionTransaction) -> None:
    """A rolled-back transaction takes its events with it; a rolled-back savepoint only
    those emitted inside it (the transaction's earlier events still stand)."""
    pending: list[tuple[Any, OutboundEvent]] | None = session.info.get(_PENDING)
    if not pending:
        return
    if ended.parent is None:
        session.info.pop(_PENDING, None)
        return
    session.info[_PENDING] = [(t, e) for t, e in pending if not _inside(t, ended)]


@registry.handler(DISPATCH)
async def dispatch(ctx: Any) -> None:
    events = [OutboundEvent.from_json(e) for e in ctx.payload.get("events", [])]
    for run in registry.CONSUMERS:
        await run(ctx.session, events)
