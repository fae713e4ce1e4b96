"""The programme at a glance, answering where each project stands, what is late and where
involvement is missing, in a fixed number of queries and an answer bounded by the number of
projects (a few hundred bytes each): the phases, deadlines and decisions themselves are in the
timeline (programmes/timeline.py) and the findings in the compliance report."""

import uuid
from collections import Counter
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.deadlines.service import open_at
from samskap.governance import rules
from samskap.governance.as_of import judged_as_of
from samskap.governance.compliance import (
    DeadlineCounts,
    compliance_findings,
    programme_projects,
)
from samskap.models import Deadline, Person, Phase, Programme
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


def _phase_rank(day: date):
    """The order in which a project's phases are its current one (see CURRENT_PHASE_RULE):
    active, then dated, then not completed, each the first by position; then, all completed,
    the last by position. The basis is the rank's first part."""
    basis = case(
        (Phase.status == PhaseStatus.active, 0),
        (and_(Phase.starts_on <= day, Phase.ends_on >= day), 1),
        (Phase.status != PhaseStatus.completed, 2),
        else_=3,
    )
    # A plain column for the last one, by position backwards, since phases number from 1.
    order = case((basis == 3, -Phase.position), else_=Phase.position)
    return basis, func.row_number().over(partition_by=Phase.project_id, order_by=(basis, order))


_BASES = (
    CurrentPhaseBasis.active,
    CurrentPhaseBasis.dated,
    CurrentPhaseBasis.next,
    CurrentPhaseBasis.last_completed,
)


async def phase_plans(
    session: AsyncSession, programme_id: uuid.UUID, day: date
) -> tuple[dict[uuid.UUID, list[PhaseStatus]], dict[uuid.UUID, CurrentPhase]]:
    """Each project's phase statuses in order, and its current phase as of `day`, chosen in
    the database (one statement, a row a phase)."""
    basis, rank = _phase_rank(day)
    rows = await session.execute(
        select(
            Phase.project_id,
            Phase.status,
            Phase.position,
            Phase.name,
            basis.label("basis"),
            rank.label("rank"),
        )
        .where(Phase.programme_id == programme_id)
        .order_by(Phase.project_id, Phase.position)
    )
    plans: dict[uuid.UUID, list[PhaseStatus]] = {}
    current: dict[uuid.UUID, CurrentPhase] = {}
    for project_id, status, position, name, found_by, place in rows:
        plans.setdefault(project_id, []).append(status)
        if place == 1:
            current[project_id] = CurrentPhase(position=position, name=name, basis=_BASES[found_by])
    return plans, current


def _counts(counter: Counter[Severity]) -> FindingCounts:
    return FindingCounts(law=counter[Severity.law], practice=counter[Severity.practice])


async def programme_overview(
    session: AsyncSession, programme: Programme, as_of: date | None = None
) -> ProgrammeOverview:
    pid, generated_at = programme.id, utcnow()
    judged = await judged_as_of(session, programme, as_of)
    now, today = judged.moment, judged.day
    projects, leaders = await programme_projects(session, programme)
    plans, current = await phase_plans(session, pid, today)

    def first(where, *order):
        return (
            select(
                Deadline.id,
                Deadline.title,
                Deadline.due_at,
                Deadline.status,
                Deadline.project_id,
                Deadline.responsible_person_id,
            )
            .where(Deadline.programme_id == pid, open_at(now), where)
            .order_by(*order)
            .limit(LIST_LIMIT)
            .subquery()
        )

    # The latest overdue and the soonest upcoming deadlines, with their responsible people's
    # names: one statement, each part its own index range and limit.
    late = first(Deadline.due_at < now, Deadline.due_at.desc(), Deadline.id.desc())
    soon = first(
        and_(Deadline.due_at >= now, Deadline.due_at < now + timedelta(days=UPCOMING_DAYS)),
        Deadline.due_at,
        Deadline.id,
    )
    both = union_all(
        select(late, literal(True).label("late")), select(soon, literal(False).label("late"))
    ).subquery()
    listed = (
        await session.execute(
            select(both, Person.name.label("responsible_name")).outerjoin(
                Person, Person.id == both.c.responsible_person_id
            )
        )
    ).all()
    overdue = sorted((d for d in listed if d.late), key=lambda d: (d.due_at, d.id), reverse=True)
    upcoming = sorted((d for d in listed if not d.late), key=lambda d: (d.due_at, d.id))

    since = today - timedelta(days=INVOLVEMENT_DAYS)
    findings = await compliance_findings(
        session,
        programme,
        judged,
        projects,
        leaders,
        details=False,
        upcoming_days=UPCOMING_DAYS,
        involvement_since=since,
    )
    involvement = findings.involvement
    severities: dict[uuid.UUID | None, Counter[Severity]] = {}
    for project_id, by_rule in findings.by_project().items():
        for rule, n in by_rule.items():
            severities.setdefault(project_id, Counter())[severity_of(rule)] += n
    deadlines = findings.deadlines
    none = DeadlineCounts(0, 0, 0)

    def brief(row) -> DeadlineBrief:
        return DeadlineBrief(
            id=row.id,
            title=row.title,
            due_at=row.due_at,
            status=row.status,
            project_id=row.project_id,
            responsible=PersonBrief(id=row.responsible_person_id, name=row.responsible_name)
            if row.responsible_person_id is not None and row.responsible_name is not None
            else None,
        )

    summaries = []
    for project in projects:
        counts = deadlines.get(project.id, none)
        summaries.append(
            ProjectSummary(
                id=project.id,
                code=project.code,
                name=project.name,
                status=project.status,
                health=project.health,
                health_explanation=project.health_explanation,
                leader_name=leaders.get(project.leader_id) if project.leader_id else None,
                current_phase=current.get(project.id),
                phase_plan=plans.get(project.id, []),
                findings=_counts(severities.get(project.id, Counter())),
                overdue_count=counts.overdue,
                upcoming_count=counts.upcoming,
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
        overdue_count=sum(c.overdue for c in deadlines.values()),
        overdue=[brief(d) for d in overdue],
        upcoming=[brief(d) for d in upcoming],
        upcoming_count=sum(c.upcoming for c in deadlines.values()),
        involvement_since=since,
        programme_involvement=involvement.get(None, {}),
    )
