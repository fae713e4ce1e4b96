"""iCalendar feeds of events and deadlines for Outlook and the intranet, filtered like the
lists. Each item keeps its UID across changes, and its SEQUENCE is the record's version, so a
moved deadline updates the entry in a subscribed calendar instead of adding another."""

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials

from samskap.auth.principal import Credentials, Principal, PrincipalDep, current_principal
from samskap.deadlines.service import DeadlineService
from samskap.deps import SessionDep
from samskap.events.service import EventService
from samskap.feeds.ics import new_calendar
from samskap.feeds.personal import CalendarFeedService, feed_url, personal_feed
from samskap.feeds.schemas import (
    CalendarFeedCreate,
    CalendarFeedCreated,
    CalendarFeedList,
    CalendarFeedRead,
)
from samskap.feeds.service import feed_deadlines, feed_events
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import Responses
from samskap.problems import Unauthorized, problem_responses

if TYPE_CHECKING:
    from icalendar import Calendar
    from icalendar import Event as VEvent

DEADLINE_LENGTH = timedelta(minutes=30)
ICS = "text/calendar"

router = APIRouter(tags=["calendar"])
# A person's own feeds, managed when signed in (the feed itself is on `router`: its token is
# the access).
personal = APIRouter(prefix="/me/calendar-feeds", tags=["me"])


async def feed_principal(
    request: Request,
    session: SessionDep,
    credentials: Credentials,
    token: Annotated[
        str | None,
        Query(
            description="An API token (smk_…), for calendar programs that cannot send a header",
            max_length=2000,
            pattern=r"^[A-Za-z0-9_.-]*$",
        ),
    ] = None,
) -> Principal:
    """A bearer token in the header, or an API token in the URL; never a login token there."""
    if credentials is None and token:
        if not token.startswith("smk_"):
            raise Unauthorized("Only an API token may be given in the URL.")
        credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
    return await current_principal(request, session, credentials)


FeedPrincipal = Annotated[Principal, Depends(feed_principal)]


def _calendar(name: str) -> "Calendar":
    calendar = new_calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    return calendar


def _item(record, summary: str, start, end) -> "VEvent":
    from icalendar import Event as VEvent

    item = VEvent()
    item.add("uid", f"{record.id}@samskap")
    item.add("dtstamp", record.updated_at)
    item.add("last-modified", record.updated_at)
    item.add("sequence", record.version)
    item.add("summary", summary)
    item.add("dtstart", start)
    item.add("dtend", end)
    return item


def _answer(calendar: "Calendar") -> Response:
    return Response(
        calendar.to_ical(),
        media_type=f"{ICS}; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )


_ICS_RESPONSE: Responses = {
    200: {
        "content": {ICS: {"schema": {"type": "string"}}},
        "description": "An iCalendar (RFC 5545) feed",
    }
}


def _add_event(calendar: "Calendar", event) -> None:
    item = _item(event, event.title, event.starts_at, event.ends_at)
    if event.location:
        item.add("location", event.location)
    agenda = "\n".join(f"{a.get('time') or ''} {a['title']}".strip() for a in event.agenda)
    if agenda:
        item.add("description", agenda)
    item.add("categories", [event.kind])
    calendar.add_component(item)


def _add_deadline(calendar: "Calendar", deadline) -> None:
    item = _item(
        deadline, f"Frist: {deadline.title}", deadline.due_at, deadline.due_at + DEADLINE_LENGTH
    )
    item.add("status", "CANCELLED" if deadline.status == "waived" else "CONFIRMED")
    if deadline.description:
        item.add("description", deadline.description)
    item.add("categories", [deadline.kind, deadline.status])
    calendar.add_component(item)


@router.get(
    "/events.ics",
    name="events-calendar",
    summary="Events as an iCalendar feed",
    response_class=Response,
    responses=_ICS_RESPONSE | problem_responses(401, 422),
)
async def events_feed(
    principal: FeedPrincipal,
    session: SessionDep,
    lq: Annotated[ListQuery, Depends(EventService.spec.dependency())],
) -> Response:
    """Filtered like GET /events; the paging parameters are ignored."""
    events = await feed_events(session, principal, lq)
    calendar = _calendar("Samskap: møter og samlinger")
    for event in events:
        _add_event(calendar, event)
    return _answer(calendar)


@router.get(
    "/deadlines.ics",
    name="deadlines-calendar",
    summary="Deadlines as an iCalendar feed",
    response_class=Response,
    responses=_ICS_RESPONSE | problem_responses(401, 422),
)
async def deadlines_feed(
    principal: FeedPrincipal,
    session: SessionDep,
    lq: Annotated[ListQuery, Depends(DeadlineService.spec.dependency())],
) -> Response:
    """Filtered like GET /deadlines; the paging parameters are ignored."""
    deadlines = await feed_deadlines(session, principal, lq)
    calendar = _calendar("Samskap: frister")
    for deadline in deadlines:
        _add_deadline(calendar, deadline)
    return _answer(calendar)


@router.get(
    "/calendar/{token}.ics",
    name="calendar-personal-feed",
    summary="Your own meetings and deadlines as an iCalendar feed",
    response_class=Response,
    responses=_ICS_RESPONSE | problem_responses(404, 422),
)
async def personal_calendar(
    token: Annotated[
        str,
        Path(
            description="The feed's secret (smc_…), from POST /me/calendar-feeds",
            max_length=200,
        ),
    ],
    session: SessionDep,
) -> Response:
    """No other authentication: the secret address is the access, so keep it as a
    password. The meetings you are invited to and the deadlines you answer for (as the
    responsible person or a member of the responsible group) or receive, in every programme
    where your membership names your person, from a year ago on; each with the same UID and
    SEQUENCE as in the programme feeds. An unknown or revoked address answers 404."""
    found = await personal_feed(session, token)
    calendar = _calendar(f"Samskap: {found.feed.name}")
    for event in found.events:
        _add_event(calendar, event)
    for deadline in found.deadlines:
        _add_deadline(calendar, deadline)
    return _answer(calendar)


def _calendar_feeds(session: SessionDep, principal: PrincipalDep) -> CalendarFeedService:
    return CalendarFeedService(session, principal)


FeedSvc = Annotated[CalendarFeedService, Depends(_calendar_feeds)]


@personal.get(
    "",
    name="me-calendar-feeds-list",
    summary="Your calendar feeds",
    response_model=CalendarFeedList,
    responses=problem_responses(401, 403),
)
async def list_calendar_feeds(svc: FeedSvc) -> CalendarFeedList:
    """Your personal calendar feeds, newest first, revoked ones included; their addresses
    are never shown again. An API token answers 403 `user_required`."""
    return CalendarFeedList(items=[CalendarFeedRead.model_validate(f) for f in await svc.list()])


@personal.post(
    "",
    name="me-calendar-feeds-create",
    summary="Make a calendar feed of your meetings and deadlines",
    response_model=CalendarFeedCreated,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 413, 415, 422),
)
async def create_calendar_feed(
    body: CalendarFeedCreate, svc: FeedSvc, request: Request
) -> CalendarFeedCreated:
    """A secret address (`url`) for a calendar program (Outlook, Google Calendar, a phone)
    to subscribe to: your meetings and deadlines in every programme. The address is in this
    answer only; revoke the feed to stop it. An API token answers 403 `user_required`."""
    feed, token = await svc.create(body.name)
    return CalendarFeedCreated(
        **CalendarFeedRead.model_validate(feed).model_dump(),
        token=token,
        url=feed_url(request.app.state.settings.public_url, token),
    )


@personal.post(
    "/{id}/revoke",
    name="me-calendar-feeds-revoke",
    summary="Revoke one of your calendar feeds",
    response_model=CalendarFeedRead,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def revoke_calendar_feed(
    id: Annotated[uuid.UUID, Path(description="The id of the calendar feed")], svc: FeedSvc
) -> CalendarFeedRead:
    """Its address answers 404 from now on; the feed stays listed, revoked. 409
    `already_revoked` when it is. Another user's feed answers 404, as an unknown id does."""
    return CalendarFeedRead.model_validate(await svc.revoke(id))
