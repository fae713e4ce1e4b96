"""iCalendar feeds of events and deadlines for Outlook and the intranet, filtered like the
lists. Each item keeps its UID across changes, and its SEQUENCE is the record's version, so a
moved deadline updates the entry in a subscribed calendar instead of adding another."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from icalendar import Calendar
from icalendar import Event as VEvent

from samskap.auth.principal import Credentials, Principal, current_principal
from samskap.deadlines.service import DeadlineService
from samskap.deps import SessionDep
from samskap.events.service import EventService
from samskap.feeds.service import feed_deadlines, feed_events
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import Responses
from samskap.problems import Unauthorized, problem_responses

DEADLINE_LENGTH = timedelta(minutes=30)
ICS = "text/calendar"

router = APIRouter(tags=["calendar"])


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


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Samskap//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    return calendar


def _item(record, summary: str, start, end) -> VEvent:
    item = VEvent()
    item.add("uid", f"{record.id}@samskap")
    item.add("dtstamp", record.updated_at)
    item.add("last-modified", record.updated_at)
    item.add("sequence", record.version)
    item.add("summary", summary)
    item.add("dtstart", start)
    item.add("dtend", end)
    return item


def _answer(calendar: Calendar) -> Response:
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
        item = _item(event, event.title, event.starts_at, event.ends_at)
        if event.location:
            item.add("location", event.location)
        agenda = "\n".join(f"{a.get('time') or ''} {a['title']}".strip() for a in event.agenda)
        if agenda:
            item.add("description", agenda)
        item.add("categories", [event.kind])
        calendar.add_component(item)
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
        item = _item(
            deadline, f"Frist: {deadline.title}", deadline.due_at, deadline.due_at + DEADLINE_LENGTH
        )
        item.add("status", "CANCELLED" if deadline.status == "waived" else "CONFIRMED")
        if deadline.description:
            item.add("description", deadline.description)
        item.add("categories", [deadline.kind, deadline.status])
        calendar.add_component(item)
    return _answer(calendar)
