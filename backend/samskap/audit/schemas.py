"""What the audit trail answers: its events, one by one or a page at a time."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditEventRead(BaseModel):
    """One entry of the audit trail: who changed what, when, how, before and after."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The event's id")
    occurred_at: datetime = Field(description="When it happened")
    programme_id: uuid.UUID | None = Field(
        description="The programme it happened in; null for user accounts and logins"
    )
    actor_user_id: uuid.UUID | None = Field(description="The user who did it, if a user did")
    actor_token_id: uuid.UUID | None = Field(description="The API token it was done through")
    session_id: uuid.UUID | None = Field(description="The login session it was done in")
    via: str = Field(
        description="How the actor was authenticated: `session`, `api_token` or `system` "
        "(the command line, e.g. loading the demo)"
    )
    action: str = Field(
        description="What was done: create, update, delete, archive, erase, login, logout, …"
    )
    record_type: str = Field(description="The kind of record, e.g. project or deadline")
    record_id: uuid.UUID | None = Field(description="The record's id")
    before: dict[str, Any] | None = Field(
        description="The record's fields before the change; null for a create"
    )
    after: dict[str, Any] | None = Field(
        description="The record's fields after the change; null for a delete"
    )
    request_id: str | None = Field(
        description="The id of the HTTP request (X-Request-ID), to find it in the server log"
    )


class AuditEventPage(BaseModel):
    """One page of a list; pass next_cursor as cursor to get the next page."""

    items: list[AuditEventRead] = Field(description="The events of this page, in the list's order")
    next_cursor: str | None = Field(
        None,
        description="Pass this as `cursor` (with the same filters and sort) for the next page; "
        "null on the last page",
    )
