import uuid
from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import func, select

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.events.schemas import AttendanceRow, EventCreate, EventPage, EventRead, EventUpdate
from samskap.events.service import EventService
from samskap.groups.service import GroupService
from samskap.kit.routes import crud_router
from samskap.models import Event, EventParticipant, GroupMember, Person
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
    group = await GroupService(session, principal).get(id)
    rows = (
        await session.execute(
            select(EventParticipant.person_id, EventParticipant.attendance, func.count())
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.group_id == group.id)
            .group_by(EventParticipant.person_id, EventParticipant.attendance)
        )
    ).all()
    names = dict(
        (
            await session.execute(
                select(Person.id, Person.name)
                .join(GroupMember, GroupMember.person_id == Person.id)
                .where(GroupMember.group_id == group.id)
            )
        ).all()
    )
    others = {r[0] for r in rows} - set(names)
    if others:
        names |= dict(
            (
                await session.execute(select(Person.id, Person.name).where(Person.id.in_(others)))
            ).all()
        )
    table = {pid: {"present": 0, "absent": 0, "excused": 0, "not_recorded": 0} for pid in names}
    for person_id, status, count in rows:
        table[person_id][status or "not_recorded"] += count
    return [
        AttendanceRow(person_id=pid, name=names[pid], invited=sum(c.values()), **c)
        for pid, c in sorted(table.items(), key=lambda kv: names[kv[0]])
    ]
