"""Create-if-missing helpers shared by the demo programmes.

Every record the demo makes goes through the same service an API client would use, so the
demo obeys every validation rule. Records that carry an `external_id` are looked up by
(programme, external_id) first (programmes by external_id alone) and reused when found;
group members are matched on (group, person, role). What follows from a new record (the
phases a template creates, their results ticked off) is only done when that record was
created in this run, so a second run finds everything in place and creates nothing.
"""

import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import SYSTEM
from samskap.deadlines.schemas import DeadlineCreate
from samskap.deadlines.service import DeadlineService
from samskap.decisions.schemas import DecisionCreate
from samskap.decisions.service import DecisionService
from samskap.groups.schemas import GroupCreate, MemberCreate
from samskap.groups.service import GroupService, MemberService
from samskap.involvements.schemas import InvolvementCreate
from samskap.involvements.service import InvolvementService
from samskap.kit.etag import etag
from samskap.kit.service import CrudService
from samskap.models import (
    Deadline,
    Decision,
    ExpectedResult,
    Group,
    GroupMember,
    Involvement,
    Person,
    Phase,
    Programme,
    Project,
    Task,
)
from samskap.people.schemas import PersonCreate
from samskap.people.service import PersonService
from samskap.phases.schemas import ExpectedResultCreate, ExpectedResultUpdate, PhaseUpdate
from samskap.phases.service import ExpectedResultService, PhaseService
from samskap.programmes.schemas import ProgrammeCreate
from samskap.programmes.service import ProgrammeService
from samskap.projects.schemas import ProjectCreate
from samskap.projects.service import ProjectService
from samskap.tasks.schemas import TaskCreate
from samskap.tasks.service import TaskService

OSLO = ZoneInfo("Europe/Oslo")

# The kinds of record the demo creates, in the order `load_demo` reports them.
KINDS = (
    "programmes",
    "people",
    "projects",
    "groups",
    "members",
    "phases",
    "expected_results",
    "tasks",
    "deadlines",
    "involvements",
    "goals",
    "goal_selections",
    "indicators",
    "measurements",
    "survey_rounds",
    "measures",
    "group_criteria",
    "criterion_assessments",
    "documents",
    "hearings",
    "hearing_responses",
    "templates",
    "submissions",
    "submission_versions",
    "files",
    "participation_links",
    "ideas",
    "planned_involvements",
)


def oslo(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A wall-clock time in Norway, as the workbooks state their deadlines."""
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


def email_for(name: str, domain: str) -> str:
    """An address on a reserved domain (RFC 2606): the demo people are invented."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    local = ".".join(part for part in text.replace("-", " ").split())
    return f"{local}@{domain}"


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    title: str
    unit: str
    municipality: str | None
    affiliation: str = "employee"
    union: str | None = None


@dataclass(frozen=True)
class Seat:
    person: str
    party: str
    role: str = "member"
    municipality: str | None = None
    allocation: int | None = None
    starts_on: date | None = None


@dataclass(frozen=True)
class ResultTick:
    """Tick off (or add) an expected result of a phase created from a template."""

    text: str
    done_on: date | None = None
    done_by: str | None = None


class DemoLoader:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.created: Counter[str] = Counter({kind: 0 for kind in KINDS})
        self.decisions = 0

    # lookups -------------------------------------------------------------------------------
    async def _existing(self, model: type, external_id: str, programme_id: uuid.UUID | None):
        stmt = select(model).where(model.external_id == external_id)
        if programme_id is not None:
            stmt = stmt.where(model.programme_id == programme_id)
        return (await self.session.scalars(stmt)).first()

    async def _ensure(
        self,
        kind: str,
        service: CrudService,
        model: type,
        data: BaseModel,
        programme_id: uuid.UUID | None,
    ):
        existing = await self._existing(model, data.external_id, programme_id)
        if existing is not None:
            return existing, False
        record = await service.create(data)
        self.created[kind] += 1
        return record, True

    # records -------------------------------------------------------------------------------
    async def programme(self, data: ProgrammeCreate) -> Programme:
        programme, _ = await self._ensure(
            "programmes", ProgrammeService(self.session), Programme, data, None
        )
        return programme

    async def people(
        self, programme: Programme, prefix: str, domain: str, specs: list[PersonSpec]
    ) -> dict[str, Person]:
        people: dict[str, Person] = {}
        service = PersonService(self.session)
        for spec in specs:
            data = PersonCreate(
                programme_id=programme.id,
                name=spec.name,
                email=email_for(spec.name, domain),
                title=spec.title,
                organisation_unit=spec.unit,
                municipality_number=spec.municipality,
                affiliation=spec.affiliation,
                union=spec.union,
                external_id=f"{prefix}:person:{spec.key}",
            )
            people[spec.key], _ = await self._ensure("people", service, Person, data, programme.id)
        return people

    async def decision(self, data: DecisionCreate) -> Decision:
        """A decision, such as the one that approves a mandate: made before what it approves."""
        decision = await self._existing(Decision, data.external_id, data.programme_id)
        if decision is None:
            decision = await DecisionService(self.session).create(data)
            if decision.finalised_at is not None:
                # The service stamps the moment of loading; the demo's dates are fixed, so a
                # final decision became final at noon on the day it was decided.
                day = decision.decided_on
                decision.finalised_at = oslo(day.year, day.month, day.day)
            self.decisions += 1
        return decision

    async def project(self, data: ProjectCreate) -> tuple[Project, bool]:
        project, created = await self._ensure(
            "projects", ProjectService(self.session), Project, data, data.programme_id
        )
        if created and data.phase_template:
            phases = await self.phases_of(project)
            self.created["phases"] += len(phases)
            self.created["expected_results"] += (
                await self.session.scalar(
                    select(func.count(ExpectedResult.id)).where(
                        ExpectedResult.phase_id.in_([p.id for p in phases])
                    )
                )
                or 0
            )
        return project, created

    async def group(self, data: GroupCreate) -> Group:
        group, _ = await self._ensure(
            "groups", GroupService(self.session), Group, data, data.programme_id
        )
        return group

    async def members(self, group: Group, people: dict[str, Person], seats: list[Seat]) -> None:
        """Seat people in a group unless they already sit there in that role."""
        taken = {
            (person_id, role)
            for person_id, role in await self.session.execute(
                select(GroupMember.person_id, GroupMember.role).where(
                    GroupMember.group_id == group.id
                )
            )
        }
        service = MemberService(self.session, SYSTEM, group)
        for seat in seats:
            person = people[seat.person]
            if (person.id, seat.role) in taken:
                continue
            await service.create(
                MemberCreate(
                    person_id=person.id,
                    role=seat.role,
                    party=seat.party,
                    municipality_number=seat.municipality,
                    allocation_percent=seat.allocation,
                    starts_on=seat.starts_on,
                )
            )
            taken.add((person.id, seat.role))
            self.created["members"] += 1

    async def task(self, data: TaskCreate, programme_id: uuid.UUID) -> Task:
        task, _ = await self._ensure("tasks", TaskService(self.session), Task, data, programme_id)
        return task

    async def deadline(self, data: DeadlineCreate) -> Deadline:
        deadline, _ = await self._ensure(
            "deadlines", DeadlineService(self.session), Deadline, data, data.programme_id
        )
        return deadline

    async def involvement(self, data: InvolvementCreate) -> Involvement:
        involvement, _ = await self._ensure(
            "involvements", InvolvementService(self.session), Involvement, data, data.programme_id
        )
        return involvement

    # phases --------------------------------------------------------------------------------
    async def phases_of(self, project: Project) -> list[Phase]:
        return list(
            await self.session.scalars(
                select(Phase).where(Phase.project_id == project.id).order_by(Phase.position)
            )
        )

    async def progress_phase(
        self, phase: Phase, patch: PhaseUpdate, people: dict[str, Person], results: list[ResultTick]
    ) -> Phase:
        """Tick or add a template phase's results, then give it its key, dates and status.

        The results come first, so that a phase is only closed once its results are met.
        Only called for a project created in this run: a phase someone has since moved on is
        not moved back by loading the demo again.
        """
        service = ExpectedResultService(self.session, SYSTEM, phase)
        existing = {
            r.text: r
            for r in await self.session.scalars(
                select(ExpectedResult).where(ExpectedResult.phase_id == phase.id)
            )
        }
        for tick in results:
            done_at = (
                oslo(tick.done_on.year, tick.done_on.month, tick.done_on.day, 15)
                if tick.done_on
                else None
            )
            done_by_id = people[tick.done_by].id if tick.done_by else None
            result = existing.get(tick.text)
            if result is None:
                await service.create(
                    ExpectedResultCreate(
                        text=tick.text,
                        done=tick.done_on is not None,
                        done_at=done_at,
                        done_by_id=done_by_id,
                    )
                )
                self.created["expected_results"] += 1
            elif tick.done_on is not None and not result.done:
                await service.update(
                    result,
                    ExpectedResultUpdate(done=True, done_at=done_at, done_by_id=done_by_id),
                    etag(result.version),
                )
        return await PhaseService(self.session).update(phase, patch, etag(phase.version))

    async def ensure(
        self,
        kind: str,
        service: CrudService,
        model: type,
        data: BaseModel,
        programme_id: uuid.UUID,
    ) -> tuple[Any, bool]:
        """Any record with an `external_id`: found, or created through its service."""
        return await self._ensure(kind, service, model, data, programme_id)

    def counts(self) -> dict[str, int]:
        return {kind: self.created[kind] for kind in KINDS}
