"""The programme at a glance: projects with their phase and health, deadlines that are
overdue or due soon, and how stakeholders were involved lately, in a fixed number of queries."""

import uuid
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.deadlines.schemas import DeadlineRead
from samskap.deadlines.service import open_at, overdue_at
from samskap.governance.as_of import judged_as_of
from samskap.models import Deadline, Involvement, Person, Phase, Programme, Project
from samskap.models.enums import Health, MandateStatus, PhaseStatus, ProjectStatus
from samskap.programmes.schemas import ProgrammeRead

UPCOMING_DAYS = 14
INVOLVEMENT_DAYS = 90
LIST_LIMIT = 20


class PersonBrief(BaseModel):
    """A person, by id and name."""

    id: uuid.UUID = Field(description="The person's id")
    name: str = Field(description="The person's name")


class PhaseBrief(BaseModel):
    """A phase, in short."""

    id: uuid.UUID = Field(description="The phase's id")
    project_id: uuid.UUID = Field(description="The project it belongs to")
    position: int = Field(description="Its place in the project's order of phases")
    name: str = Field(description="The phase's name")
    status: PhaseStatus = Field(description="Where the phase stands")
    starts_on: date | None = Field(description="The day it starts")
    ends_on: date | None = Field(description="The day it is to end")


class ProjectSummary(BaseModel):
    """A project at a glance."""

    id: uuid.UUID = Field(description="The project's id")
    code: str = Field(description="The project's code, e.g. A1/2")
    name: str = Field(description="The project's name")
    status: ProjectStatus = Field(description="Where the project stands")
    health: Health = Field(description="How the project is going")
    health_explanation: str | None = Field(description="Why it is at risk or off track")
    mandate_status: MandateStatus = Field(description="How far its mandate has come")
    leader: PersonBrief | None = Field(description="The project leader, if any")
    leader_allocation_percent: int | None = Field(
        description="The leader's share of working time on the project, in percent"
    )
    current_phase: PhaseBrief | None = Field(
        description="The active phase, else the first not completed, else the last"
    )
    phases_completed: int = Field(description="How many of its phases are completed")
    phases_total: int = Field(description="How many phases it has")


class InvolvementCount(BaseModel):
    """How many involvement records of one kind of stakeholder a project has."""

    project_id: uuid.UUID | None = Field(
        description="null: involvement of the programme as a whole"
    )
    stakeholder_kind: str = Field(
        description="Who was involved: a StakeholderKind value, e.g. union_representatives"
    )
    count: int = Field(description="How many records since involvement_since")


class ProgrammeOverview(BaseModel):
    """The programme at a glance, as of one day."""

    programme: ProgrammeRead
    generated_at: datetime = Field(description="When the overview was computed")
    as_of: date = Field(
        description="The day the overview is seen from: the as_of asked for, else today, or "
        "the programme's end once it has ended"
    )
    projects: list[ProjectSummary] = Field(description="Every project, by code")
    overdue_count: int = Field(description="How many deadlines are overdue, all told")
    overdue: list[DeadlineRead] = Field(
        description=f"The {LIST_LIMIT} most overdue as of the day seen from"
    )
    upcoming: list[DeadlineRead] = Field(
        description=f"Not yet delivered and due in the {UPCOMING_DAYS} days after it"
    )
    involvement_since: date = Field(
        description=f"The start of the involvement window: {INVOLVEMENT_DAYS} days before the "
        "day seen from"
    )
    involvement: list[InvolvementCount] = Field(
        description="Involvement records (not archived) since involvement_since, by project "
        "and kind of stakeholder"
    )
    phases: list[PhaseBrief] = Field(description="Every phase of the programme, for a timeline")


def _current(phases: list[Phase]) -> Phase | None:
    for status in (PhaseStatus.active, PhaseStatus.not_started):
        for phase in phases:
            if phase.status == status:
                return phase
    return phases[-1] if phases else None


async def programme_overview(
    session: AsyncSession, programme: Programme, as_of: date | None = None
) -> ProgrammeOverview:
    pid, generated_at = programme.id, utcnow()
    judged = await judged_as_of(session, programme, as_of)
    now = judged.moment
    projects = (
        await session.scalars(
            select(Project).where(Project.programme_id == pid).order_by(Project.code)
        )
    ).all()
    leader_ids = {p.leader_id for p in projects if p.leader_id}
    leaders = (
        {
            p.id: p
            for p in (await session.scalars(select(Person).where(Person.id.in_(leader_ids)))).all()
        }
        if leader_ids
        else {}
    )
    phases = (
        await session.scalars(
            select(Phase)
            .where(Phase.programme_id == pid)
            .order_by(Phase.project_id, Phase.position)
        )
    ).all()
    by_project: dict[uuid.UUID, list[Phase]] = {}
    for phase in phases:
        by_project.setdefault(phase.project_id, []).append(phase)

    open_deadlines = and_(Deadline.programme_id == pid, open_at(now))
    overdue_count = await session.scalar(
        select(func.count()).select_from(Deadline).where(open_deadlines, overdue_at(now))
    )
    overdue = (
        await session.scalars(
            select(Deadline)
            .where(open_deadlines, overdue_at(now))
            .order_by(Deadline.due_at)
            .limit(LIST_LIMIT)
        )
    ).all()
    upcoming = (
        await session.scalars(
            select(Deadline)
            .where(
                open_deadlines,
                Deadline.due_at >= now,
                Deadline.due_at < now + timedelta(days=UPCOMING_DAYS),
            )
            .order_by(Deadline.due_at)
            .limit(LIST_LIMIT)
        )
    ).all()

    today = judged.day
    since = today - timedelta(days=INVOLVEMENT_DAYS)
    counts = (
        await session.execute(
            select(Involvement.project_id, Involvement.stakeholder_kind, func.count())
            .where(
                Involvement.programme_id == pid,
                Involvement.archived_at.is_(None),
                Involvement.occurred_on >= since,
                Involvement.occurred_on <= today,
            )
            .group_by(Involvement.project_id, Involvement.stakeholder_kind)
        )
    ).all()

    def brief(phase: Phase | None) -> PhaseBrief | None:
        return PhaseBrief.model_validate(phase, from_attributes=True) if phase else None

    summaries = []
    for project in projects:
        own = by_project.get(project.id, [])
        leader = leaders.get(project.leader_id) if project.leader_id else None
        summaries.append(
            ProjectSummary(
                id=project.id,
                code=project.code,
                name=project.name,
                status=project.status,
                health=project.health,
                health_explanation=project.health_explanation,
                mandate_status=project.mandate_status,
                leader=PersonBrief(id=leader.id, name=leader.name) if leader else None,
                leader_allocation_percent=project.leader_allocation_percent,
                current_phase=brief(_current(own)),
                phases_completed=sum(1 for p in own if p.status == PhaseStatus.completed),
                phases_total=len(own),
            )
        )
    return ProgrammeOverview(
        programme=ProgrammeRead.model_validate(programme),
        generated_at=generated_at,
        as_of=today,
        projects=summaries,
        overdue_count=overdue_count or 0,
        overdue=[DeadlineRead.model_validate(d) for d in overdue],
        upcoming=[DeadlineRead.model_validate(d) for d in upcoming],
        involvement_since=since,
        involvement=[
            InvolvementCount(project_id=p, stakeholder_kind=k, count=n) for p, k, n in counts
        ],
        phases=[brief(p) for p in phases],
    )
