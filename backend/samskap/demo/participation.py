"""The steps both merger programmes' participation is built from: a participation link with a
fixed token, employees' ideas (forbedringsforslag) with their dated follow-up, the forum
meetings that decide it, the people who support them, and the measure and task an accepted
idea becomes.

Everything goes through the services an API client would use: the public form's `submit`
for ideas sent through the link, `IdeaService.create` as the submitting person for ideas sent
with an account, `assess`, `support`, `to_measure` and `to_task`. What the services stamp with
the current time (when an idea came in, when its status changed, when someone supported it)
is then set to the story's fixed time, so that the demo tells the same story on every day it
is loaded; so are the link's token and one receipt's token, which the README gives. An idea
sent through the link cannot carry an external id on the public form, so it is given its own
afterwards. An idea that already exists (by external id) is left as it is, with everything
that follows from it.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from samskap.auth.principal import SYSTEM, Principal
from samskap.auth.tokens import digest
from samskap.demo.loader import DemoLoader
from samskap.events.schemas import EventCreate
from samskap.events.service import EventService
from samskap.ideas import participation
from samskap.ideas.schemas import (
    IdeaAssess,
    IdeaCreate,
    IdeaToMeasure,
    IdeaToTask,
    IdeaUpdate,
    ParticipationLinkCreate,
    PublicIdeaSubmit,
)
from samskap.ideas.service import IdeaService, ParticipationLinkService
from samskap.kit.etag import etag
from samskap.measures.schemas import MeasureCreate
from samskap.measures.service import MeasureService
from samskap.models import (
    Event,
    Goal,
    Group,
    Idea,
    IdeaStatusChange,
    IdeaSupport,
    Measure,
    ParticipationLink,
    Person,
    Programme,
    Project,
)
from samskap.models.enums import IdeaStatus
from samskap.tasks.schemas import TaskCreate


@dataclass(frozen=True)
class Step:
    """A status change of an idea: when, and at which meeting it was decided, if any."""

    status: str
    at: datetime
    meeting: str | None = None
    comment: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class MeasureSpec:
    goals: tuple[str, ...]
    owner: str
    status: str
    starts_on: date
    due_on: date
    result: str | None = None
    result_on: date | None = None


@dataclass(frozen=True)
class TaskSpec:
    title: str
    assignee: str
    status: str
    due_on: date
    project: str
    group: str | None = None
    priority: str = "normal"


@dataclass(frozen=True)
class IdeaSpec:
    key: str
    title: str
    description: str
    received_at: datetime
    # A person's key for an idea sent with an account; None for one sent through the link.
    submitter: str | None = None
    # The name given on the public form; None there means the idea was sent anonymously.
    name: str | None = None
    anonymous: bool = False
    project: str | None = None
    steps: tuple[Step, ...] = ()
    # (person key, when) for each person who supports the idea.
    supporters: tuple[tuple[str, datetime], ...] = ()
    measure: MeasureSpec | None = None
    task: TaskSpec | None = None
    # A fixed receipt token, so that the README can show the submitter's view.
    receipt: str | None = None
    assessment: str | None = None


def as_person(programme_id: uuid.UUID, person_id: uuid.UUID) -> Principal:
    """The system acting as one of the programme's people (who submits or supports)."""
    return Principal(via="system", system_admin=True, persons={programme_id: person_id})


async def participation_link(
    loader: DemoLoader, programme: Programme, token: str, label: str, made_at: datetime
) -> ParticipationLink:
    """The programme's participation link, whose token is the fixed one the README gives: only
    its SHA-256 is stored, as for every link. It is dated when the story made it."""
    link = await loader.session.scalar(
        select(ParticipationLink).where(ParticipationLink.token_hash == digest(token))
    )
    if link is None:
        link = await ParticipationLinkService(loader.session).create(
            ParticipationLinkCreate(programme_id=programme.id, label=label)
        )
        link.token_hash = digest(token)
        link.created_at = link.updated_at = made_at
        await loader.session.flush()
        loader.created["participation_links"] += 1
    return link


async def forum_meeting(
    loader: DemoLoader,
    forum: Group,
    *,
    external_id: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    agenda: tuple[tuple[str, str, str], ...],
    attendance: dict[Person, str | None],
) -> Event:
    """A meeting of the forum: its agenda as (time, item, who leads), and each invited person
    with whether they came (None for a meeting still ahead)."""
    meeting, _ = await loader.ensure(
        "events",
        EventService(loader.session),
        Event,
        EventCreate(
            programme_id=forum.programme_id,
            group_id=forum.id,
            kind="meeting",
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            agenda=[
                {"time": time, "title": item, "responsible": who} for time, item, who in agenda
            ],
            participants=[
                {"person_id": person.id, "attendance": came} for person, came in attendance.items()
            ],
            external_id=external_id,
        ),
        forum.programme_id,
    )
    return meeting


class IdeaBuilder:
    """Ideas of one programme, all assessed by one forum."""

    def __init__(
        self,
        loader: DemoLoader,
        programme: Programme,
        prefix: str,
        link: ParticipationLink,
        forum: Group,
        people: dict[str, Person],
        projects: dict[str, Project],
        groups: dict[str, Group],
        meetings: dict[str, Event],
    ):
        self.loader = loader
        self.session = loader.session
        self.programme = programme
        self.prefix = prefix
        self.link = link
        self.forum = forum
        self.people = people
        self.projects = projects
        self.groups = groups
        self.meetings = meetings

    async def build(self, specs: list[IdeaSpec]) -> dict[str, Idea]:
        ideas: dict[str, Idea] = {}
        for spec in specs:
            ideas[spec.key] = await self.idea(spec)
        return ideas

    async def idea(self, spec: IdeaSpec) -> Idea:
        external_id = f"{self.prefix}:idea:{spec.key}"
        existing = await self.session.scalar(
            select(Idea).where(
                Idea.programme_id == self.programme.id, Idea.external_id == external_id
            )
        )
        if existing is not None:
            return existing
        pid = self.programme.id
        project = self.projects[spec.project] if spec.project else None
        if spec.submitter is None:
            receipt = await participation.submit(
                self.session,
                self.link,
                PublicIdeaSubmit(
                    title=spec.title,
                    description=spec.description,
                    project_id=project.id if project else None,
                    anonymous=spec.anonymous,
                    name=None if spec.anonymous else spec.name,
                ),
            )
            idea = await self.session.scalar(
                select(Idea).where(Idea.receipt_hash == digest(receipt.receipt_token))
            )
            assert idea is not None
            idea.external_id = external_id
            if spec.receipt:
                idea.receipt_hash = digest(spec.receipt)
            await self.session.flush()
            # The forum assesses what comes in through the link.
            idea = await IdeaService(self.session, SYSTEM).update(
                idea, IdeaUpdate(assessor_group_id=self.forum.id), etag(idea.version)
            )
        else:
            submitter = self.people[spec.submitter]
            service = IdeaService(self.session, as_person(pid, submitter.id))
            idea = await service.create(
                IdeaCreate(
                    programme_id=pid,
                    title=spec.title,
                    description=spec.description,
                    project_id=project.id if project else None,
                    anonymous=spec.anonymous,
                    assessor_group_id=self.forum.id,
                    assessment=spec.assessment,
                    external_id=external_id,
                )
            )
        self.loader.created["ideas"] += 1
        idea.received_at = spec.received_at
        first = await self._last_change(idea)
        first.changed_at = spec.received_at
        await self.session.flush()

        for person, at in spec.supporters:
            await self._support(idea, person, at)
        linked = False
        for step in spec.steps:
            idea = await self._step(idea, step)
            if not linked and idea.status in (IdeaStatus.accepted, IdeaStatus.in_progress):
                idea = await self._carry_out(idea, spec)
                linked = True
        return idea

    async def _last_change(self, idea: Idea) -> IdeaStatusChange:
        change = await self.session.scalar(
            select(IdeaStatusChange)
            .where(IdeaStatusChange.idea_id == idea.id)
            .order_by(IdeaStatusChange.changed_at.desc(), IdeaStatusChange.id.desc())
            .limit(1)
        )
        assert change is not None
        return change

    async def _step(self, idea: Idea, step: Step) -> Idea:
        """One dated step, decided at the forum's meeting when it names one."""
        meeting = self.meetings[step.meeting] if step.meeting else None
        service = IdeaService(self.session, SYSTEM)
        body = IdeaAssess.model_validate(
            {
                "status": step.status,
                "comment": step.comment,
                "reason": step.reason,
                "event_id": meeting.id if meeting else None,
            }
        )
        idea = await service.assess(idea, body, etag(idea.version))
        change = await self._last_change(idea)
        change.changed_at = step.at
        await self.session.flush()
        return idea

    async def _support(self, idea: Idea, person_key: str, at: datetime) -> None:
        person = self.people[person_key]
        service = IdeaService(self.session, as_person(self.programme.id, person.id))
        await service.support(idea)
        row = await self.session.get(IdeaSupport, (idea.id, person.id))
        assert row is not None
        row.supported_at = at
        await self.session.flush()

    async def _carry_out(self, idea: Idea, spec: IdeaSpec) -> Idea:
        """The task and the measure an accepted idea becomes, linked to it (not copied)."""
        pid = self.programme.id
        service = IdeaService(self.session, SYSTEM)
        task = None
        if spec.task is not None:
            t = spec.task
            task = await self.loader.task(
                TaskCreate(
                    project_id=self.projects[t.project].id,
                    group_id=self.groups[t.group].id if t.group else None,
                    title=t.title,
                    description=f"Fra forbedringsforslaget «{spec.title}».",
                    assignee_id=self.people[t.assignee].id,
                    status=t.status,
                    priority=t.priority,
                    due_on=t.due_on,
                    external_id=f"{self.prefix}:task:idea-{spec.key}",
                ),
                pid,
            )
            idea = await service.to_task(idea, IdeaToTask(task_id=task.id), etag(idea.version))
        if spec.measure is not None:
            m = spec.measure
            goals = list(
                await self.session.scalars(
                    select(Goal.id).where(
                        Goal.programme_id == pid,
                        Goal.external_id.in_([f"{self.prefix}:{g}" for g in m.goals]),
                    )
                )
            )
            measure, _ = await self.loader.ensure(
                "measures",
                MeasureService(self.session),
                Measure,
                MeasureCreate(
                    programme_id=pid,
                    project_id=self.projects[spec.project].id if spec.project else None,
                    group_id=self.forum.id,
                    title=spec.title,
                    description=spec.description,
                    owner_id=self.people[m.owner].id,
                    status=m.status,
                    starts_on=m.starts_on,
                    due_on=m.due_on,
                    goal_ids=goals,
                    task_ids=[task.id] if task else [],
                    result=m.result,
                    result_on=m.result_on,
                    external_id=f"{self.prefix}:measure:idea-{spec.key}",
                ),
                pid,
            )
            idea = await service.to_measure(
                idea, IdeaToMeasure(measure_id=measure.id), etag(idea.version)
            )
        return idea
