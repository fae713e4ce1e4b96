"""Appending to the audit trail. Nothing in the API updates or deletes an audit event.

Every write of a programme's record is also announced as an outbound event (created,
updated, deleted) through the outbox: see samskap/jobs/outbox.py."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.jobs.outbox import emit_change
from samskap.models import AuditEvent
from samskap.models.common import SECRET_COLUMNS


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(record: Any) -> dict[str, Any]:
    """The record's column values as JSON, secrets left out."""
    mapper = inspect(record).mapper
    return {
        attr.key: _jsonable(getattr(record, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SECRET_COLUMNS
    }


def record_event(
    session: AsyncSession,
    principal: Principal,
    *,
    action: str,
    record_type: str,
    record_id: uuid.UUID | None,
    programme_id: uuid.UUID | None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    event = AuditEvent(
        programme_id=programme_id,
        actor_user_id=principal.user_id,
        actor_token_id=principal.token_id,
        session_id=principal.session_id,
        via=principal.via,
        action=action,
        record_type=record_type,
        record_id=record_id,
        before=before,
        after=after,
        request_id=principal.request_id,
    )
    session.add(event)
    emit_change(
        session,
        action=action,
        record_type=record_type,
        record_id=record_id,
        programme_id=programme_id,
        before=before,
        after=after,
        actor_user_id=principal.user_id,
    )
    return event
