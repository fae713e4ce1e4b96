"""The programme at a glance, answering where each project stands, what is late and where
involvement is missing, in a fixed number of queries and an answer bounded by the number of
projects (a few hundred bytes each): the phases, deadlines and decisions themselves are in the
timeline (programmes/timeline.py) and the findings in the compliance report."""

import uuid
from collections import Counter
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.deadlines.service import open_at, overdue_at
from samskap.governance import rules
from samskap.governance.as_of import judged_as_of
from samskap.governance.compliance import compliance_findings
from samskap.models import Deadline, Involvement, Person, Phase, Programme, Project
from samskap.models.enums import (
    DeadlineStatus,
    Health,
    PhaseStatus,
    ProjectStatus,
    StakeholderKind,
    Vocabulary,
)
from samskap.programmes.schemas import ProgrammeRead

UPCOMING_DAYS = 14
INVOLVEMENT_DAYS = 90
LIST_LIMIT = 10

# Rules that rest on a law or a collective agreement (arbeidsmiljøloven, Hovedavtalen,
# inndelingslova, kommuneloven): a finding under one of them is a breach a union or the
# county governor can hold the programme to. Every other rule is the programme's own practice
# as its source documents describe it.
LAW_RULES = frozenset(
    {
        rules.BOARD_UNION.id,
        rules.JCC_SIDES.id,
        rules.EMPLOYEE_INVOLVEMENT.id,
        rules.MANDATE_APPROVAL.id,
        rules.REORGANISATION_CONSULTATION.id,
        rules.HEARING_PARTIES.id,
        rules.PLANNED_INVOLVEMENT_OVERDUE.id,
        rules.DECISION_PLANNED_INVOLVEMENT_MISSED.id,
    }
)


class Severity(Vocabulary):
    """How grave a compliance finding is."""

    law = "law", "its rule rests on a law or a collective agreement"
    practice = "practice", "its rule is the programme's practice from its source documents"


def severity_of(rule_id: str) -> Severity:
    return Severity.law if rule_id in LAW_RULES else Severity.practice


class PersonBrief(BaseModel):
    """A person, by id and name."""

    id: uuid.UUID = Field(description="The person's id")
    name: str = Field(description="The person's name")


class CurrentPhaseBasis(Vocabulary):
    """Why a phase is a project's current one."""

    active = "active", "its status is active"
    dated = "dated", "no phase is active, and its dates contain the day seen from"
    next = "next", "no phase is active or dated now: the first phase not completed"
    last_completed = "last_completed", "every phase is completed: the last one"


CURRENT_PHASE_RULE = (
    "The project's current phase, as of the day seen from: the phase whose status is active "
    "(the first, by position, if several are), else the phase whose dates contain that day "
    "(dated), else the first phase not completed (next: the one to begin), else, when every "
    "phase is completed, the last one (last_completed); null for a project with no phases. "
    "`basis` says which of these found it."
)


class CurrentPhase(BaseModel):
    """Where a project stands in its phase plan (the phase's dates are in the timeline)."""

    position: int = Field(description="Its place in the project's order of phases")
    name: str = Field(description="The phase's name")
    basis: CurrentPhaseBasis = Field(
        description="Why it is the current one: active (its status), dated (its dates contain "
        "the day seen from), next (the first not completed), last_completed (all are completed)"
    )


class FindingCounts(BaseModel):
    """Open compliance findings by severity."""

    law: int = Field(
        description="Findings under a rule that rests on a law or a collective agreement "
        "(arbeidsmiljøloven, Hovedavtalen, inndelingslova, kommuneloven)"
    )
    practice: int = Field(
        description="Findings under a rule of practice from the programme's source documents"
    )


class ProjectSummary(BaseModel):
    """A project at a glance: where it stands, what is late, how it is involving."""

    id: uuid.UUID = Field(description="The project's id")
    code: str = Field(description="The project's code, e.g. A1/2")
    name: str = Field(description="The project's name")
    status: ProjectStatus = Field(description="Where the project stands")
    health: Health = Field(description="How the project is going, as its leader reports it")
    health_explanation: str | None = Field(description="Why it is at risk or off track")
    leader_name: str | None = Field(
        description="The project leader's name, if it has one (their allocation and the "
        "mandate are on the project, and in the findings when they fall short)"
    )
    current_phase: CurrentPhase | None = Field(description=CURRENT_PHASE_RULE)
    phase_plan: list[PhaseStatus] = Field(
        description="The status of each of its phases in their order, for a bar of the plan "
        "(the phases themselves, with names and dates, are in the timeline)"
    )
    findings: FindingCounts = Field(
        description="Its open findings in the compliance report as of the day seen from"
    )
    overdue_count: int = Field(description="Its deadlines still open and overdue")
    upcoming_count: int = Field(
        description=f"Its deadlines still open and due in the {UPCOMING_DAYS} days after the "
        "day seen from"
    )
    involvement: dict[StakeholderKind, int] = Field(
        description="Its involvement records (not archived) since involvement_since, by kind "
        "of stakeholder; kinds with none are left out, so an empty object is a project with "
        "no involvement in the window"
    )


class DeadlineBrief(BaseModel):
    """A deadline, in short."""

    id: uuid.UUID = Field(description="The deadline's id")
    title: str = Field(description="What is due")
    due_at: datetime = Field(description="When it is due")
    status: DeadlineStatus = Field(description="Where it stands")
    project_id: uuid.UUID | None = Field(description="The project it belongs to, if any")
    responsible: PersonBrief | None = Field(description="Who is to deliver it, if a person")


class ProgrammeOverview(BaseModel):
    """The programme at a glance, as of one day."""

    programme: ProgrammeRead
    generated_at: datetime = Field(description="When the overview was computed")
    as_of: date = Field(
        description="The day the overview is seen from: the as_of asked for, else today, or "
        "the programme's end once it has ended"
    )
    projects: list[ProjectSummary] = Field(
        description="Every project, by code, including those with no involvement"
    )
    findings_total: int = Field(
        description="Open findings of the compliance report, all told (projects and programme)"
    )
    programme_findings: FindingCounts = Field(
        description="Open findings that belong to no single project"
    )
    overdue_count: int = Field(description="How many deadlines are open and overdue, all told")
    overdue: list[DeadlineBrief] = Field(
        description=f"Up to {LIST_LIMIT} deadlines still open and overdue, the most recently "
        "due first: what slipped lately is what can still be caught up; the oldest are at the "
        "end of the deadlines list sorted by due date"
    )
    upcoming: list[DeadlineBrief] = Field(
        description=f"Up to {LIST_LIMIT} deadlines still open and due in the {UPCOMING_DAYS} "
        "days after the day seen from, the soonest first"
    )
    upcoming_count: int = Field(description="How many deadlines are due in that window")
    involvement_since: date = Field(
        description=f"The start of the involvement window: {INVOLVEMENT_DAYS} days before the "
        "day seen from"
    )
    programme_involvement: dict[StakeholderKind, int] = Field(
        description="Involvement records of the programme as a whole (no project) since "
        "involvement_since, by kind of stakeholder"
    )


def current_phase(phases: list[Phase], day: date) -> CurrentPhase | None:
    """The current phase of one project's phases (in position order): see CURRENT_PHASE_RULE."""
    found: tuple[Phase, CurrentPhaseBasis] | None = None
    active = next((p for p in phases if p.status == PhaseStatus.active), None)
    dated = next(
        (p for p in phases if p.starts_on and p.ends_on and p.starts_on <= day <= p.ends_on),
        None,
    )
    upcoming = next((p for p in phases if p.status != PhaseStatus.completed), None)
    if active:
        found = (active, CurrentPhaseBasis.active)
    elif dated:
        found = (dated, CurrentPhaseBasis.dated)
    elif upcoming:
        found = (upcoming, CurrentPhaseBasis.next)
    elif phases:
        found = (phases[-1], CurrentPhaseBasis.last_completed)
    if found is None:
        return None
    phase, basis = found
    return CurrentPhase(position=phase.position, name=phase.name, basis=basis)


def _counts(counter: Counter[Severity]) -> FindingCounts:
    return FindingCounts(law=counter[Severity.law], practice=counter[Severity.practice])


async def programme_overview(
    session: AsyncSession, programme: Programme, as_of: date | None = None
) -> ProgrammeOverview:
    pid, generated_at = programme.id, utcnow()
    judged = await judged_as_of(session, programme, as_of)
    now, today = judged.moment, judged.day
    projects = (
        await session.scalars(
            select(Project).where(Project.programme_id == pid).order_by(Project.code)
        )
    ).all()
    phases = (
        await session.execute(
            select(
                Phase.project_id,
                Phase.position,
                Phase.name,
                Phase.status,
                Phase.starts_on,
                Phase.ends_on,
            )
            .where(Phase.programme_id == pid)
            .order_by(Phase.project_id, Phase.position)
        )
    ).all()
    phases_of: dict[uuid.UUID, list] = {}
    for phase in phases:
        phases_of.setdefault(phase.project_id, []).append(phase)

    open_deadlines = and_(Deadline.programme_id == pid, open_at(now))
    upcoming_window = and_(
        open_deadlines,
        Deadline.due_at >= now,
        Deadline.due_at < now + timedelta(days=UPCOMING_DAYS),
    )
    overdue_by_project = dict(
        (
            await session.execute(
                select(Deadline.project_id, func.count())
                .where(open_deadlines, overdue_at(now))
                .group_by(Deadline.project_id)
            )
        ).all()
    )
    upcoming_by_project = dict(
        (
            await session.execute(
                select(Deadline.project_id, func.count())
                .where(upcoming_window)
                .group_by(Deadline.project_id)
            )
        ).all()
    )
    overdue = (
        await session.scalars(
            select(Deadline)
            .where(open_deadlines, overdue_at(now))
            .order_by(Deadline.due_at.desc(), Deadline.id.desc())
            .limit(LIST_LIMIT)
        )
    ).all()
    upcoming = (
        await session.scalars(
            select(Deadline)
            .where(upcoming_window)
            .order_by(Deadline.due_at, Deadline.id)
            .limit(LIST_LIMIT)
        )
    ).all()

    person_ids = {p.leader_id for p in projects if p.leader_id} | {
        d.responsible_person_id for d in (*overdue, *upcoming) if d.responsible_person_id
    }
    people = (
        {
            p.id: PersonBrief(id=p.id, name=p.name)
            for p in (
                await session.execute(
                    select(Person.id, Person.name).where(Person.id.in_(person_ids))
                )
            ).all()
        }
        if person_ids
        else {}
    )

    since = today - timedelta(days=INVOLVEMENT_DAYS)
    involvement: dict[uuid.UUID | None, dict[StakeholderKind, int]] = {}
    for project_id, kind, count in (
        await session.execute(
            select(Involvement.project_id, Involvement.stakeholder_kind, func.count())
            .where(
                Involvement.programme_id == pid,
                Involvement.archived_at.is_(None),
                Involvement.occurred_on >= since,
                Involvement.occurred_on <= today,
            )
            .group_by(Involvement.project_id, Involvement.stakeholder_kind)
            .order_by(Involvement.stakeholder_kind)
        )
    ).all():
        involvement.setdefault(project_id, {})[kind] = count

    findings = await compliance_findings(session, programme, judged, projects)
    severities: dict[uuid.UUID | None, Counter[Severity]] = {}
    for project_id, by_rule in findings.by_project().items():
        for rule, n in by_rule.items():
            severities.setdefault(project_id, Counter())[severity_of(rule)] += n

    def brief(deadline: Deadline) -> DeadlineBrief:
        return DeadlineBrief(
            id=deadline.id,
            title=deadline.title,
            due_at=deadline.due_at,
            status=deadline.status,
            project_id=deadline.project_id,
            responsible=people.get(deadline.responsible_person_id)
            if deadline.responsible_person_id
            else None,
        )

    summaries = []
    for project in projects:
        own = phases_of.get(project.id, [])
        summaries.append(
            ProjectSummary(
                id=project.id,
                code=project.code,
                name=project.name,
                status=project.status,
                health=project.health,
                health_explanation=project.health_explanation,
                leader_name=people[project.leader_id].name if project.leader_id in people else None,
                current_phase=current_phase(own, today),
                phase_plan=[p.status for p in own],
                findings=_counts(severities.get(project.id, Counter())),
                overdue_count=overdue_by_project.get(project.id, 0),
                upcoming_count=upcoming_by_project.get(project.id, 0),
                involvement=involvement.get(project.id, {}),
            )
        )
    return ProgrammeOverview(
        programme=ProgrammeRead.model_validate(programme),
        generated_at=generated_at,
        as_of=today,
        projects=summaries,
        findings_total=findings.total,
        programme_findings=_counts(severities.get(None, Counter())),
        overdue_count=sum(overdue_by_project.values()),
        overdue=[brief(d) for d in overdue],
        upcoming=[brief(d) for d in upcoming],
        upcoming_count=sum(upcoming_by_project.values()),
        involvement_since=since,
        programme_involvement=involvement.get(None, {}),
    )
