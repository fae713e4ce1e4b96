"""The event types a webhook may subscribe to: created, updated and deleted for every record
of a programme that is announced (samskap/jobs/outbox.py), and the domain events."""

from functools import cache

from samskap.db import Base
from samskap.jobs.outbox import QUIET_RECORDS
from samskap.models.common import Record

PING = "webhook.ping"

DOMAIN_EVENTS: dict[str, str] = {
    "deadline.due_soon": "A deadline that is still open is due within the programme's "
    "reminder_days_before days",
    "deadline.overdue": "A deadline has passed its due time without being met",
    "decision.finalised": "A decision has become final",
    "phase.completed": "A project's phase has been completed",
    "compliance.finding_opened": "A compliance rule of the programme no longer holds: a new "
    "finding",
    "compliance.finding_cleared": "A compliance finding has been cleared: the rule holds again",
    "import.finished": "An import of a file into the programme has finished",
    PING: "A test event, sent only by the ping operation to the one webhook pinged",
}

# Announced by audited writes, but not records of their own table.
_EXTRA_RECORDS = ("idea_support",)

_WHAT = {
    "created": "was created",
    "updated": "was changed (archiving counts as a change)",
    "deleted": "was deleted",
}


def record_types() -> list[str]:
    """The tables whose changes are announced: the records of a programme, quiet ones left
    out."""
    tables = {
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Record)
    }
    return sorted((tables | set(_EXTRA_RECORDS)) - QUIET_RECORDS)


@cache
def event_types() -> dict[str, str]:
    """Every event type with its description, record events first."""
    catalogue: dict[str, str] = {}
    for table in record_types():
        noun = table.replace("_", " ")
        for what, happened in _WHAT.items():
            catalogue[f"{table}.{what}"] = f"A {noun} {happened}"
    catalogue.update(DOMAIN_EVENTS)
    return catalogue
