"""Your notification centre: what happened that concerns you, newest first."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from samskap.auth.principal import PrincipalDep
from samskap.config import get_settings
from samskap.deps import SessionDep
from samskap.notifications.schemas import (
    MarkedRead,
    NotificationPage,
    NotificationRead,
    UnreadCount,
)
from samskap.notifications.service import NotificationService
from samskap.problems import problem_responses

router = APIRouter(prefix="/me/notifications", tags=["me"])
_settings = get_settings()


def _service(session: SessionDep, principal: PrincipalDep) -> NotificationService:
    return NotificationService(session, principal)


Svc = Annotated[NotificationService, Depends(_service)]


@router.get(
    "",
    name="me-notifications-list",
    summary="Your notifications, newest first",
    response_model=NotificationPage,
    responses=problem_responses(400, 401, 403, 422),
)
async def list_notifications(
    svc: Svc,
    unread: Annotated[
        bool | None,
        Query(description="Only unread ones (true), only read ones (false); default: all"),
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=_settings.max_page_size,
            description=f"How many one page holds (at most {_settings.max_page_size})",
        ),
    ] = _settings.default_page_size,
    cursor: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^[A-Za-z0-9_-]*$",
            description="Where the page starts: the `next_cursor` of the previous page; leave "
            "out for the first page",
        ),
    ] = None,
) -> dict:
    """Your own notifications: deadlines due soon or overdue, meetings you are invited to and
    their changes, hearings opened for you, decisions finalised and phases completed (for
    administrators and editors), compliance findings (administrators), your background
    imports ended, your webhooks disabled. Each carries `facts` to word it and `path`, the
    web app's page of its record. An API token answers 403 `user_required`."""
    return await svc.page(unread, limit, cursor)


@router.get(
    "/unread-count",
    name="me-notifications-unread-count",
    summary="How many of your notifications are unread",
    response_model=UnreadCount,
    responses=problem_responses(401, 403),
)
async def unread_count(svc: Svc) -> UnreadCount:
    """For the bell in the web app's header, which asks every minute. An API token answers
    403 `user_required`."""
    return UnreadCount(unread=await svc.unread_count())


@router.post(
    "/read-all",
    name="me-notifications-read-all",
    summary="Mark all your notifications read",
    response_model=MarkedRead,
    responses=problem_responses(401, 403, 422),
)
async def read_all(svc: Svc) -> MarkedRead:
    """Every unread notification of yours is marked read now; answers how many were. An API
    token answers 403 `user_required`."""
    return MarkedRead(marked=await svc.mark_all_read())


@router.post(
    "/{id}/read",
    name="me-notifications-read",
    summary="Mark one of your notifications read",
    response_model=NotificationRead,
    responses=problem_responses(401, 403, 404),
)
async def read_one(
    id: Annotated[uuid.UUID, Path(description="The id of the notification")], svc: Svc
) -> NotificationRead:
    """Sets `read_at`; a notification already read keeps its `read_at` (asking again changes
    nothing). Another user's notification answers 404, as an unknown id does."""
    return await svc.mark_read(id)
