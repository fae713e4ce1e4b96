import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.events.schemas import (
    AttendanceRow,
    EventCreate,
    EventPage,
    EventRead,
    EventReply,
    EventUpdate,
)
from samskap.events.service import EventService, group_attendance
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

router = APIRouter()
router.include_router(
    crud_router(
        path="/events",
        resource="events",
        singular="event",
        service=EventService,
        read=EventRead,
        create=EventCreate,
        update=EventUpdate,
        page=EventPage,
        descriptions={
            "create": "Creates an event of the programme or one of its groups: a gathering, "
            "meeting or consultation meeting (drøftingsmøte), with its agenda and the people "
            "invited. Attendance can be recorded once the event has started; a consultation "
            "meeting's signed protocol lets a reorganisation decision become final.",
        },
    )
)


@router.get(
    "/groups/{id}/attendance",
    name="groups-attendance",
    tags=["groups"],
    summary="Attendance of each member at the group's events",
    response_model=list[AttendanceRow],
    responses=problem_responses(401, 404, 422),
)
async def attendance(
    id: Annotated[uuid.UUID, Path(description="The id of the group")],
    session: SessionDep,
    principal: PrincipalDep,
) -> list[AttendanceRow]:
    """Per member: events invited to, present, absent, excused (seed 004: parties must
    prioritise attending)."""
    return await group_attendance(session, principal, id)


@router.post(
    "/events/{id}/reply",
    name="events-reply",
    tags=["events"],
    summary="Answer your invitation to an event",
    response_model=EventRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 422),
)
async def reply(
    id: Annotated[uuid.UUID, Path(description="The id of the event")],
    body: EventReply,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
) -> EventRead:
    """Records whether you will come (`attending` or `declined`), as the person your
    membership names, with the time you answered; a later answer replaces it. Only an invited
    person answers, for themself (403 `not_invited`), whatever their role, and only before the
    event starts (409 `meeting_started`). No If-Match: the answer changes only your own
    invitation; the event's version grows. Attendance itself is recorded by the secretary."""
    svc = EventService(session, principal)
    answered = await svc.reply(await svc.get(id), body.reply)
    response.headers["ETag"] = etag(answered.version)
    return EventRead.model_validate(answered)
