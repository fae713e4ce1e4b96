"""The programme on a time axis: the phases, deadlines and decisions that fall within a window,
for a Gantt chart. Bounded: at most `limit` of each kind, earliest first, with a flag when more
fell in the window, so that a client narrows the window (or a project) to see the rest."""

import uuid
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.kit.clock import local_zone
from samskap.models import Deadline, Decision, Phase, Programme, Project
from samskap.models.enums import DeadlineStatus, DecisionStatus, PhaseStatus, ProjectStatus
from samskap.problems import ValidationFailed

DEFAULT_LIMIT = 500
MAX_LIMIT = 2000
MAX_WINDOW_DAYS = 366 * 15

WINDOW_DESCRIPTION = (
    "The window: from its first day to its last (Oslo time), both included. Default: the "
    "programme's start (else a year before today) to the last of its target date and its "
    "projects' and phases' end dates (else a year after today); at most 15 years."
)


class TimelineProject(BaseModel):
    """A row of the chart."""

    id: uuid.UUID = Field(description="The project's id")
    code: str = Field(description="The project's code")
    name: str = Field(description="The project's name")
    status: ProjectStatus = Field(description="Where the project stands")
    starts_on: date | None = Field(description="The day it starts")
    ends_on: date | None = Field(description="The day it is to end")


class TimelinePhase(BaseModel):
    """A phase with dates that overlap the window."""

    id: uuid.UUID = Field(description="The phase's id")
    project_id: uuid.UUID = Field(description="The project it belongs to")
    position: int = Field(description="Its place in the project's order of phases")
    name: str = Field(description="The phase's name")
    status: PhaseStatus = Field(description="Where the phase stands")
    starts_on: date = Field(description="The day it starts")
    ends_on: date = Field(description="The day it is to end (its start when it has no end)")


class TimelineDeadline(BaseModel):
    """A deadline due within the window."""

    id: uuid.UUID = Field(description="The deadline's id")
    project_id: uuid.UUID | None = Field(description="The project it belongs to, if any")
    title: str = Field(description="What is due")
    due_at: datetime = Field(description="When it is due")
    status: DeadlineStatus = Field(description="Where it stands")
    overdue: bool = Field(description="Open and past its due time now")


class TimelineDecision(BaseModel):
    """A decision (not archived) taken within the window."""

    id: uuid.UUID = Field(description="The decision's id")
    project_id: uuid.UUID | None = Field(description="The project it concerns, if one")
    title: str = Field(description="What was decided")
    decided_on: date = Field(description="The day it was decided")
    status: DecisionStatus = Field(description="Draft or final")


class ProgrammeTimeline(BaseModel):
    """Phases, deadlines and decisions of a programme within a window of days."""

    programme_id: uuid.UUID = Field(description="The programme's id")
    from_: date = Field(alias="from", description="The window's first day")
    to: date = Field(description="The window's last day")
    today: date = Field(description="Today, Oslo time, for the chart's today line")
    projects: list[TimelineProject] = Field(description="Every project, by code: the rows")
    phases: list[TimelinePhase] = Field(
        description="Phases with a start day that overlap the window, earliest start first"
    )
    phases_truncated: bool = Field(description="More phases fall in the window than `limit`")
    deadlines: list[TimelineDeadline] = Field(
        description="Deadlines due within the window, earliest first"
    )
    deadlines_truncated: bool = Field(description="More deadlines fall in the window than `limit`")
    decisions: list[TimelineDecision] = Field(
        description="Decisions (not archived) taken within the window, earliest first"
    )
    decisions_truncated: bool = Field(description="More decisions fall in the window than `limit`")

    model_config = ConfigDict(populate_by_name=True)


def _window_error(detail: str, code: str) -> ValidationFailed:
    return ValidationFailed(
        f"to: {detail}", errors=[{"parameter": "to", "code": code, "detail": detail}]
    )


async def _default_window(
    session: AsyncSession, programme: Programme, today: date
) -> tuple[date, date]:
    ends = [
        await session.scalar(
            select(Project.ends_on)
            .where(Project.programme_id == programme.id)
            .order_by(Project.ends_on.desc().nulls_last())
            .limit(1)
        ),
        await session.scalar(
            select(Phase.ends_on)
            .where(Phase.programme_id == programme.id)
            .order_by(Phase.ends_on.desc().nulls_last())
            .limit(1)
        ),
        programme.target_on,
    ]
    known = [d for d in ends if d is not None]
    start = programme.starts_on or today - timedelta(days=365)
    end = max(known) if known else today + timedelta(days=365)
    return start, max(start, end)


async def programme_timeline(
    session: AsyncSession,
    programme: Programme,
    first: date | None,
    last: date | None,
    project_id: uuid.UUID | None,
    limit: int,
) -> ProgrammeTimeline:
    zone, now = local_zone(), utcnow()
    today = now.astimezone(zone).date()
    if first is None or last is None:
        default_first, default_last = await _default_window(session, programme, today)
        first = first or default_first
        last = last or max(first, default_last)
    if last < first:
        raise _window_error(f"must not be before from ({first})", "before_from")
    if (last - first).days > MAX_WINDOW_DAYS:
        raise _window_error("the window is longer than 15 years", "window_too_long")
    pid = programme.id
    start_at = datetime.combine(first, time(), tzinfo=zone)
    end_at = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)

    projects = (
        await session.scalars(
            select(Project)
            .where(Project.programme_id == pid)
            .where(Project.id == project_id if project_id else true())
            .order_by(Project.code)
        )
    ).all()

    def of_project(column):
        return column == project_id if project_id else true()

    phases = (
        await session.scalars(
            select(Phase)
            .where(
                Phase.programme_id == pid,
                of_project(Phase.project_id),
                Phase.starts_on.is_not(None),
                Phase.starts_on <= last,
                or_(
                    and_(Phase.ends_on.is_(None), Phase.starts_on >= first),
                    Phase.ends_on >= first,
                ),
            )
            .order_by(Phase.starts_on, Phase.position, Phase.id)
            .limit(limit + 1)
        )
    ).all()
    deadlines = (
        await session.scalars(
            select(Deadline)
            .where(
                Deadline.programme_id == pid,
                of_project(Deadline.project_id),
                Deadline.due_at >= start_at,
                Deadline.due_at < end_at,
            )
            .order_by(Deadline.due_at, Deadline.id)
            .limit(limit + 1)
        )
    ).all()
    decisions = (
        await session.scalars(
            select(Decision)
            .where(
                Decision.programme_id == pid,
                of_project(Decision.project_id),
                Decision.archived_at.is_(None),
                Decision.decided_on >= first,
                Decision.decided_on <= last,
            )
            .order_by(Decision.decided_on, Decision.id)
            .limit(limit + 1)
        )
    ).all()
    return ProgrammeTimeline(
        programme_id=pid,
        from_=first,
        to=last,
        today=today,
        projects=[
            TimelineProject(
                id=p.id,
                code=p.code,
                name=p.name,
                status=p.status,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
            )
            for p in projects
        ],
        phases=[
            TimelinePhase(
                id=p.id,
                project_id=p.project_id,
                position=p.position,
                name=p.name,
                status=p.status,
                starts_on=p.starts_on,
                ends_on=p.ends_on or p.starts_on,
            )
            for p in phases[:limit]
            if p.starts_on is not None
        ],
        phases_truncated=len(phases) > limit,
        deadlines=[
            TimelineDeadline(
                id=d.id,
                project_id=d.project_id,
                title=d.title,
                due_at=d.due_at,
                status=d.status,
                overdue=d.status == DeadlineStatus.open and d.due_at < now,
            )
            for d in deadlines[:limit]
        ],
        deadlines_truncated=len(deadlines) > limit,
        decisions=[
            TimelineDecision(
                id=d.id,
                project_id=d.project_id,
                title=d.title,
                decided_on=d.decided_on,
                status=d.status,
            )
            for d in decisions[:limit]
        ],
        decisions_truncated=len(decisions) > limit,
    )
