import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.events.schemas import AttendanceRow, EventCreate, EventPage, EventRead, EventUpdate
from samskap.events.service import EventService, group_attendance
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
