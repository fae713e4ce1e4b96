"""The notification centre: a signed-in user's own notifications, newest first.

Notifications are written by the consumer of outbound events (consumer.py) and by the
webhooks (a webhook disabled); here they are read and marked read. They belong to a user, not
to a programme: only their owner sees them, and an API token (an integration, no person)
is refused with 403 `user_required`."""

import base64
import binascii
import uuid
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.db import utcnow
from samskap.models import Notification
from samskap.notifications.schemas import NotificationRead
from samskap.problems import BadRequest, Forbidden, NotFound

# The web app's page of a record, by record type: {p} is the programme, {id} the record.
RECORD_PAGES = {
    "deadline": "/p/{p}/deadlines",
    "event": "/p/{p}/events/{id}",
    "hearing": "/p/{p}/hearings/{id}",
    "decision": "/p/{p}/decisions/{id}",
    "project": "/p/{p}/projects/{id}",
    "group": "/p/{p}/groups/{id}",
    "person": "/p/{p}/people/{id}",
    "task": "/p/{p}/tasks",
    "idea": "/p/{p}/ideas/{id}",
    "indicator": "/p/{p}/indicators/{id}",
    "survey_round": "/p/{p}/surveys/{id}",
    "submission": "/p/{p}/submissions/{id}",
    "involvement": "/p/{p}/involvements",
    "document": "/p/{p}/documents",
    "goal": "/p/{p}/goals",
    "measure": "/p/{p}/measures",
    "webhook": "/p/{p}/webhooks",
}


def path_of(n: Notification) -> str | None:
    """Where the web app shows what the notification is about; computed when read, so that
    it follows the web app's routes rather than what they were when it was written."""
    if n.programme_id is None:
        return None
    programme = str(n.programme_id)
    if n.type.startswith("compliance."):
        return f"/p/{programme}/compliance"
    if n.record_type == "phase":
        project = n.facts.get("project_id")
        return f"/p/{programme}/projects/{project}" if project else f"/p/{programme}"
    if n.record_type == "import_job":
        resource = n.facts.get("resource")
        if resource and resource != "programme":
            return f"/p/{programme}/import/{resource}"
        return f"/p/{programme}"
    page = RECORD_PAGES.get(n.record_type or "")
    if page is None:
        return f"/p/{programme}"
    if "{id}" in page and n.record_id is None:
        return f"/p/{programme}"
    return page.format(p=programme, id=n.record_id)


def read_model(n: Notification) -> NotificationRead:
    return NotificationRead(
        id=n.id,
        type=n.type,
        programme_id=n.programme_id,
        record_type=n.record_type,
        record_id=n.record_id,
        facts=n.facts or {},
        path=path_of(n),
        created_at=n.created_at,
        read_at=n.read_at,
    )


def require_user(principal: Principal) -> uuid.UUID:
    """The signed-in user's id; an API token (an integration) or the system has none."""
    if principal.via != "session" or principal.user_id is None:
        raise Forbidden(
            "An API token acts for an integration, not for a person: notifications and "
            "personal settings are for signed-in users.",
            errors=[{"code": "user_required", "detail": "sign in as a user"}],
        )
    return principal.user_id


def _cursor_at(notification_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(notification_id.bytes).decode().rstrip("=")


def _id_of(cursor: str) -> uuid.UUID:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return uuid.UUID(bytes=raw)
    except (ValueError, binascii.Error) as exc:
        raise BadRequest("The cursor is not valid; use next_cursor from a previous page.") from exc


class NotificationService:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.user_id = require_user(principal)

    async def page(self, unread: bool | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """One page, newest first (ids grow in time): one statement whatever the page size."""
        stmt = select(Notification).where(Notification.user_id == self.user_id)
        if unread is True:
            stmt = stmt.where(Notification.read_at.is_(None))
        elif unread is False:
            stmt = stmt.where(Notification.read_at.is_not(None))
        if cursor:
            stmt = stmt.where(Notification.id < _id_of(cursor))
        rows = list(
            await self.session.scalars(stmt.order_by(Notification.id.desc()).limit(limit + 1))
        )
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = _cursor_at(rows[-1].id)
        return {"items": [read_model(n) for n in rows], "next_cursor": next_cursor}

    async def unread_count(self) -> int:
        count = await self.session.scalar(
            select(func.count()).where(
                Notification.user_id == self.user_id, Notification.read_at.is_(None)
            )
        )
        return int(count or 0)

    async def get(self, notification_id: uuid.UUID) -> Notification:
        found = await self.session.scalar(
            select(Notification).where(
                Notification.id == notification_id, Notification.user_id == self.user_id
            )
        )
        if found is None:
            raise NotFound("notification")
        return found

    async def mark_read(self, notification_id: uuid.UUID) -> NotificationRead:
        """Marks one notification read; one already read keeps its read_at."""
        n = await self.get(notification_id)
        before = snapshot(n)
        if n.read_at is None:
            n.read_at = utcnow()
            await self.session.flush()
        # The trail of one's own account: of no programme, so no programme's trail shows it.
        record_event(
            self.session,
            self.principal,
            action="read",
            record_type="notification",
            record_id=n.id,
            programme_id=None,
            before=before,
            after=snapshot(n),
        )
        return read_model(n)

    async def mark_all_read(self) -> int:
        result: CursorResult = await self.session.execute(  # type: ignore[assignment]
            update(Notification)
            .where(Notification.user_id == self.user_id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        marked = int(result.rowcount or 0)
        record_event(
            self.session,
            self.principal,
            action="read_all",
            record_type="notification",
            record_id=None,
            programme_id=None,
            after={"marked": marked},
        )
        return marked
