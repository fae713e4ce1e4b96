"""Where the programme falls short of how a reorganisation must be run, project by project."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.criteria.service import groups_missing_setup_assessments
from samskap.db import utcnow
from samskap.deadlines.service import overdue_at
from samskap.decisions.service import consultations_missing
from samskap.goals.service import effect_goals_without_indicator, selections_without_rationale
from samskap.governance import rules
from samskap.governance.as_of import AsOf, judged_as_of
from samskap.governance.composition import FactValue, Finding, finding, programme_composition
from samskap.governance.mandates import approval_problems
from samskap.hearings.service import hearing_findings
from samskap.indicators.service import indicator_findings
from samskap.kit.clock import local_zone
from samskap.measures.service import measures_without_result
from samskap.models import (
    Deadline,
    Decision,
    Group,
    Involvement,
    Person,
    Phase,
    Programme,
    Project,
)
from samskap.models.enums import (
    DecisionStatus,
    MandateStatus,
    PhaseStatus,
    ProjectStatus,
    StakeholderKind,
)
from samskap.planned_involvements.service import plan_findings
from samskap.submissions.matrix import version_findings

INVOLVEMENT_DAYS = 60
LEADER_ALLOCATION = (60, 100)
_EMPLOYEE_SIDE = (StakeholderKind.employees, StakeholderKind.union_representatives)


class RuleRead(BaseModel):
    """A rule the report checks, and the law, agreement or source document it comes from."""

    id: str = Field(description="The rule's id, as findings name it in `rule`")
    title: str = Field(description="What the rule asks, in English")
    source: str = Field(description="Where the rule comes from: law, agreement or seed document")


class ProjectCompliance(BaseModel):
    """One project and where it falls short."""

    project_id: uuid.UUID = Field(description="The project's id")
    code: str = Field(description="The project's code, e.g. A1/2")
    name: str = Field(description="The project's name")
    mandate_status: MandateStatus = Field(description="How far its mandate has come")
    current_phase: str | None = Field(
        description="Its active phase, else its first not started, as `<position>. <name>`"
    )
    findings: list[Finding] = Field(description="What falls short; empty when nothing does")


class Compliance(BaseModel):
    """Where a programme falls short of the rules, project by project."""

    programme_id: uuid.UUID = Field(description="The programme's id")
    generated_at: datetime = Field(description="When the report was computed")
    as_of: date = Field(
        description="The day the programme is judged on: the as_of asked for, else today, or "
        "the programme's end once it has ended"
    )
    rules: list[RuleRead] = Field(description="Every rule checked, with its source")
    projects: list[ProjectCompliance] = Field(description="Every project, by code")
    programme_findings: list[Finding] = Field(
        description="Findings that belong to no single project (programme groups, people)"
    )
    total: int = Field(description="How many findings there are, all told")


def _current_phase(phases: list[Phase]) -> str | None:
    for status in (PhaseStatus.active, PhaseStatus.not_started):
        for phase in phases:
            if phase.status == status:
                return f"{phase.position}. {phase.name}"
    return None


async def programme_compliance(
    session: AsyncSession, programme: Programme, as_of: date | None = None
) -> Compliance:
    now = utcnow()
    judged = await judged_as_of(session, programme, as_of)
    projects = (
        await session.scalars(
            select(Project).where(Project.programme_id == programme.id).order_by(Project.code)
        )
    ).all()
    phases = (
        await session.scalars(
            select(Phase).where(Phase.programme_id == programme.id).order_by(Phase.position)
        )
    ).all()
    phases_of: dict[uuid.UUID, list[Phase]] = {}
    for phase in phases:
        phases_of.setdefault(phase.project_id, []).append(phase)
    found = await compliance_findings(session, programme, judged, projects)
    by_project: dict[uuid.UUID | None, list[Finding]] = {}
    for f in found:
        by_project.setdefault(f.project_id, []).append(f)
    return Compliance(
        programme_id=programme.id,
        generated_at=now,
        as_of=judged.day,
        rules=[RuleRead(id=r.id, title=r.title, source=r.source) for r in rules.ALL],
        projects=[
            ProjectCompliance(
                project_id=p.id,
                code=p.code,
                name=p.name,
                mandate_status=p.mandate_status,
                current_phase=_current_phase(phases_of.get(p.id, [])),
                findings=by_project.get(p.id, []),
            )
            for p in projects
        ],
        programme_findings=by_project.get(None, []),
        total=len(found),
    )


async def compliance_findings(
    session: AsyncSession, programme: Programme, judged: AsOf, projects: Sequence[Project]
) -> list[Finding]:
    """Every finding of the programme as of the day judged on, in a fixed number of queries;
    the report and the overview both count from these."""
    today = judged.day
    involved = set(
        (
            await session.scalars(
                select(Involvement.project_id).where(
                    Involvement.programme_id == programme.id,
                    Involvement.archived_at.is_(None),
                    Involvement.stakeholder_kind.in_(_EMPLOYEE_SIDE),
                    Involvement.occurred_on >= today - timedelta(days=INVOLVEMENT_DAYS),
                    Involvement.occurred_on <= today,
                )
            )
        ).all()
    )
    overdue = (
        await session.scalars(
            select(Deadline)
            .where(Deadline.programme_id == programme.id, overdue_at(judged.moment))
            .order_by(Deadline.due_at)
        )
    ).all()
    found = await programme_composition(session, programme, today)
    decisions = (
        await session.scalars(
            select(Decision)
            .where(
                Decision.programme_id == programme.id,
                Decision.reorganisation.is_(True),
                Decision.archived_at.is_(None),
            )
            .order_by(Decision.decided_on)
        )
    ).all()
    missing_by_decision = await consultations_missing(session, decisions)
    for decision in decisions:
        missing = missing_by_decision[decision.id]
        if not missing:
            continue
        facts: dict[str, FactValue] = {
            "decision": decision.title,
            "state": "draft",
            "missing": [m.code for m in missing],
        }
        if decision.status == DecisionStatus.final:
            facts |= {
                "state": "final_by_override",
                "override_reason": decision.override_reason or "",
            }
            state = "made final by override: " + (decision.override_reason or "")
        else:
            state = "cannot be made final"
        for m in missing:
            facts |= m.params
        found.append(
            finding(
                rules.REORGANISATION_CONSULTATION,
                f"«{decision.title}» ({state}); missing: {'; '.join(m.detail for m in missing)}",
                "decision",
                decision.id,
                decision.project_id,
                facts=facts,
            )
        )

    found += await _mandate_approvals(session, programme, projects)
    found += await effect_goals_without_indicator(session, programme)
    found += await selections_without_rationale(session, programme)
    found += await indicator_findings(session, programme, judged)
    found += await measures_without_result(session, programme, today)
    found += await groups_missing_setup_assessments(session, programme, today)
    found += await hearing_findings(session, programme)
    found += await plan_findings(session, programme, judged.day)
    versions = await version_findings(session, programme, judged)
    found += versions.findings
    leaders = {
        p.id: p.name
        for p in await session.scalars(
            select(Person).where(Person.id.in_({p.leader_id for p in projects if p.leader_id}))
        )
    }
    for project in projects:
        if project.status in (ProjectStatus.completed, ProjectStatus.cancelled):
            continue
        found += _leader_findings(project, leaders)
        if project.mandate_status != MandateStatus.approved:
            found.append(
                finding(
                    rules.MANDATE_APPROVED,
                    f"{project.code}: the mandate is {project.mandate_status}",
                    "project",
                    project.id,
                    project.id,
                    facts={"project": project.code, "mandate_status": str(project.mandate_status)},
                )
            )
        if project.status == ProjectStatus.active and project.id not in involved:
            since = today - timedelta(days=INVOLVEMENT_DAYS)
            found.append(
                finding(
                    rules.EMPLOYEE_INVOLVEMENT,
                    f"{project.code}: no involvement of employees or union representatives "
                    f"recorded since {since}",
                    "project",
                    project.id,
                    project.id,
                    facts={"project": project.code, "since": since.isoformat()},
                )
            )
    for deadline in (d for d in overdue if d.id not in versions.deadline_ids):
        due = deadline.due_at.astimezone(local_zone())
        found.append(
            finding(
                rules.OVERDUE_DEADLINE,
                f"«{deadline.title}» was due {due:%Y-%m-%d %H:%M}",
                "deadline",
                deadline.id,
                deadline.project_id,
                facts={"deadline": deadline.title, "due_at": due.isoformat()},
            )
        )

    return found


def _leader_findings(project: Project, leaders: dict[uuid.UUID, str]) -> list[Finding]:
    """Seed 003: a project is led by a project leader at 60-100 %. An allocation not recorded
    is not judged; an active project without a leader is."""
    low, high = LEADER_ALLOCATION
    percent = project.leader_allocation_percent
    if project.leader_id is None:
        if project.status != ProjectStatus.active:
            return []
        message = f"{project.code}: the project has no project leader"
        facts: dict[str, FactValue] = {"project": project.code, "state": "no_leader"}
    elif percent is not None and not low <= percent <= high:
        leader = leaders.get(project.leader_id, "")
        message = f"{project.code}: the project leader {leader} is allocated {percent} %"
        facts = {
            "project": project.code,
            "state": "allocation",
            "leader": leader,
            "allocation": percent,
        }
    else:
        return []
    return [finding(rules.PROJECT_LEADER, message, "project", project.id, project.id, facts=facts)]


async def _mandate_approvals(
    session: AsyncSession, programme: Programme, projects: Sequence[Project]
) -> list[Finding]:
    """Approved mandates whose approval does not hold (any more): the decision archived, or
    approved before the rules of seed 003 were checked."""
    groups = list(
        await session.scalars(
            select(Group).where(Group.programme_id == programme.id).order_by(Group.name)
        )
    )
    records: list[Project | Group] = [*projects, *groups]
    approved = [r for r in records if r.mandate_status == MandateStatus.approved]
    ids = {r.mandate_decision_id for r in approved if r.mandate_decision_id}
    decisions = {
        d.id: d for d in await session.scalars(select(Decision).where(Decision.id.in_(ids)))
    }
    found = []
    for record in approved:
        decision = decisions.get(record.mandate_decision_id) if record.mandate_decision_id else None
        params: dict[str, FactValue] = {}
        if decision is None:
            codes, detail, title = ["mandate_decision_required"], "no approving decision", ""
        else:
            problems = approval_problems(record, decision, groups)
            if not problems:
                continue
            codes = [p.code for p in problems]
            detail = "; ".join(p.detail for p in problems)
            title = decision.title
            for problem in problems:
                params |= problem.params
        project_id: uuid.UUID | None
        if isinstance(record, Project):
            kind, name, project_id = "project", record.code, record.id
        else:
            kind, name, project_id = "group", record.name, record.project_id
        found.append(
            finding(
                rules.MANDATE_APPROVAL,
                f"{name}: the approval of the mandate does not hold ({detail})",
                kind,
                record.id,
                project_id,
                facts={
                    "record_type": kind,
                    "name": name,
                    "decision": title,
                    "problems": codes,
                    **params,
                },
            )
        )
    return found
