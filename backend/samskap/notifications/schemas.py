"""The notification centre's answers, and a person's own calendar feeds."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class NotificationRead(BaseModel):
    """Something that happened that concerns you, for your notification centre."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The notification's id (grows in time)")
    type: str = Field(
        description="What happened, as the outbound event's type: deadline.due_soon, "
        "deadline.overdue, event.created, event.updated, event.deleted (a meeting "
        "cancelled), hearing.updated (a hearing opened), decision.finalised, "
        "phase.completed, compliance.finding_opened, import.finished, webhook.disabled",
        examples=["deadline.due_soon"],
    )
    programme_id: uuid.UUID | None = Field(description="The programme it happened in")
    record_type: str | None = Field(
        description="The kind of record it is about (deadline, event, hearing, decision, "
        "phase, import_job, webhook; for a compliance finding the record that falls short)"
    )
    record_id: uuid.UUID | None = Field(description="The id of that record")
    facts: dict[str, Any] = Field(
        description="What a client needs to word it in its own language. Every type has "
        "`title` (the record's title or name) and `programme_name`. deadline.*: due_at, "
        "kind; event.*: starts_at, ends_at, location, kind, changed (the fields that "
        "changed: title, starts_at, ends_at, location), invited (true when you were just "
        "invited), cancelled (event.deleted); hearing.updated: deadline_at, status (open); "
        "decision.finalised: case_number, decided_on; phase.completed: project_id, "
        "project_code, project_name; compliance.finding_opened: rule, message, facts (the "
        "finding's own facts, see the compliance report); import.finished: resource, status, "
        "dry_run, filename, counts (created, updated, unchanged, failed); webhook.disabled: "
        "url, webhook_id",
        examples=[
            {
                "title": "Arbeidsbok 1",
                "due_at": "2026-12-07T12:00:00+00:00",
                "kind": "workbook",
                "programme_name": "Nordre Follo 2020",
            }
        ],
    )
    path: str | None = Field(
        description="Where the web app shows the record, e.g. /p/{programme_id}/events/{id}; "
        "null when there is no such page",
        examples=["/p/0193a0e4-7c1e-7000-8000-000000000001/deadlines"],
    )
    created_at: datetime = Field(description="When the notification was made")
    read_at: datetime | None = Field(description="When you marked it read; null while unread")


class NotificationPage(BaseModel):
    """One page of your notifications, newest first; pass next_cursor as cursor for the
    next page."""

    items: list[NotificationRead] = Field(description="The notifications of this page")
    next_cursor: str | None = Field(
        None,
        description="Pass this as `cursor` (with the same filter) for the next page; null on "
        "the last page",
    )


class UnreadCount(BaseModel):
    """How many of your notifications are unread."""

    unread: int = Field(description="The number of unread notifications", examples=[3])


class MarkedRead(BaseModel):
    """What marking every notification read did."""

    marked: int = Field(description="How many notifications were unread and are now read")
