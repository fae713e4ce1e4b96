"""Where the programme falls short of how a reorganisation must be run, project by project.

The report costs a fixed number of queries whatever the programme's size, and its answer is
bounded by the number of projects: counts by default, the findings themselves paged
(GET /programmes/{id}/compliance/findings) or, asked for, all of them (include=findings).
Every rule but one yields findings bounded by the programme's structure (its projects,
groups, people, decisions, goals, hearings, submissions); overdue deadlines grow with the
records, so they are counted in the database and read only a page at a time."""

import base64
import binascii
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from pydantic import BaseModel, Field
from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.criteria.service import groups_missing_setup_assessments
from samskap.db import utcnow
from samskap.deadlines.service import open_at, overdue_at
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
from samskap.problems import BadRequest, ValidationFailed
from samskap.submissions.matrix import version_findings

INVOLVEMENT_DAYS = 60
LEADER_ALLOCATION = (60, 100)
_EMPLOYEE_SIDE = (StakeholderKind.employees, StakeholderKind.union_representatives)
RULE_ORDER = {r.id: n for n, r in enumerate(rules.ALL)}
_OVERDUE = RULE_ORDER[rules.OVERDUE_DEADLINE.id]
FINDINGS_DEFAULT_LIMIT = 50
FINDINGS_MAX_LIMIT = 500


class RuleRead(BaseModel):
    """A rule the report checks, and the law, agreement or source document it comes from."""

    id: str = Field(description="The rule's id, as findings name it in `rule`")
    title: str = Field(description="What the rule asks, in English")
    source: str = Field(description="Where the rule comes from: law, agreement or seed document")
    count: int = Field(description="How many findings the report has under it")


class ProjectCompliance(BaseModel):
    """One project and where it falls short."""

    project_id: uuid.UUID = Field(description="The project's id")
    code: str = Field(description="The project's code, e.g. A1/2")
    name: str = Field(description="The project's name")
    mandate_status: MandateStatus = Field(description="How far its mandate has come")
    current_phase: str | None = Field(
        description="Its active phase, else its first not started, as `<position>. <name>`"
    )
    findings_count: int = Field(description="How many findings it has; 0 when nothing falls short")
    findings: list[Finding] | None = Field(
        None,
        description="What falls short, only with include=findings (else null: the findings are "
        "paged at /programmes/{id}/compliance/findings?project_id=…)",
    )


class Compliance(BaseModel):
    """Where a programme falls short of the rules, project by project."""

    programme_id: uuid.UUID = Field(description="The programme's id")
    generated_at: datetime = Field(description="When the report was computed")
    as_of: date = Field(
        description="The day the programme is judged on: the as_of asked for, else today, or "
        "the programme's end once it has ended"
    )
    rules: list[RuleRead] = Field(
        description="Every rule checked, with its source and how many findings it has"
    )
    projects: list[ProjectCompliance] = Field(description="Every project, by code")
    programme_findings_count: int = Field(
        description="How many findings belong to no single project (programme groups, people)"
    )
    programme_findings: list[Finding] | None = Field(
        None,
        description="Those findings, only with include=findings (else null: they are paged at "
        "/programmes/{id}/compliance/findings?scope=programme)",
    )
    total: int = Field(description="How many findings there are, all told")


class FindingPage(BaseModel):
    """One page of the compliance report's findings, by rule (in the order of `rules`) and then
    by the id of the record that falls short."""

    items: list[Finding] = Field(description="The findings of this page, at most `limit`")
    next_cursor: str | None = Field(description="Where the next page starts; null on the last")


@dataclass
class FindingSet:
    """Every finding of a programme as of a day: those of the rules bounded by the
    programme's structure in full, and the overdue deadlines as counts by project (their
    findings are read a page at a time, `overdue_findings`)."""

    judged: AsOf
    listed: list[Finding]
    overdue_by_project: dict[uuid.UUID | None, int]
    # Deadlines a version-missing finding stands for: not flagged again as overdue.
    overdue_excluded: frozenset[uuid.UUID] = field(default_factory=frozenset)
    # Every open deadline overdue, and due in the window asked for, by project (the overview's
    # figures), counted in the statement that counts the overdue findings.
    deadlines: dict[uuid.UUID | None, "DeadlineCounts"] = field(default_factory=dict)
    # Findings counted without being made (when no details were asked for), by project and rule.
    counted: Counter[tuple[uuid.UUID | None, str]] = field(default_factory=Counter)
    # Involvement records by project and kind of stakeholder, when asked for (the overview).
    involvement: dict[uuid.UUID | None, dict[StakeholderKind, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.listed) + sum(self.counted.values()) + sum(self.overdue_by_project.values())

    def by_project(self) -> dict[uuid.UUID | None, Counter[str]]:
        """How many findings each project (None: the programme) has under each rule."""
        counts: dict[uuid.UUID | None, Counter[str]] = {}
        for f in self.listed:
            counts.setdefault(f.project_id, Counter())[f.rule] += 1
        for (project_id, rule), n in self.counted.items():
            counts.setdefault(project_id, Counter())[rule] += n
        for project_id, n in self.overdue_by_project.items():
            counts.setdefault(project_id, Counter())[rules.OVERDUE_DEADLINE.id] += n
        return counts


@dataclass(frozen=True)
class DeadlineCounts:
    """A project's open deadlines: overdue (all), overdue and flagged as such (not stood for
    by a version-missing finding), and due in a window after the moment judged."""

    overdue: int
    flagged: int
    upcoming: int


async def programme_projects(
    session: AsyncSession, programme: Programme
) -> tuple[list[Project], dict[uuid.UUID, str]]:
    """The programme's projects by code, and their leaders' names, in one statement."""
    rows = (
        await session.execute(
            select(Project, Person.name)
            .outerjoin(Person, Person.id == Project.leader_id)
            .where(Project.programme_id == programme.id)
            .order_by(Project.code)
        )
    ).all()
    projects = [project for project, _ in rows]
    leaders = {
        p.leader_id: name for p, name in rows if p.leader_id is not None and name is not None
    }
    return projects, leaders


async def current_phases(session: AsyncSession, programme: Programme) -> dict[uuid.UUID, str]:
    """Each project's active phase, else its first not started, as `<position>. <name>`:
    chosen in the database, one row a project."""
    key = case((Phase.status == PhaseStatus.active, 0), else_=1)
    ranked = (
        select(
            Phase.project_id,
            Phase.position,
            Phase.name,
            func.row_number()
            .over(partition_by=Phase.project_id, order_by=(key, Phase.position))
            .label("rank"),
        )
        .where(
            Phase.programme_id == programme.id,
            Phase.status.in_((PhaseStatus.active, PhaseStatus.not_started)),
        )
        .subquery()
    )
    rows = await session.execute(
        select(ranked.c.project_id, ranked.c.position, ranked.c.name).where(ranked.c.rank == 1)
    )
    return {project_id: f"{position}. {name}" for project_id, position, name in rows}


async def programme_compliance(
    session: AsyncSession,
    programme: Programme,
    as_of: date | None = None,
    *,
    include_findings: bool = False,
) -> Compliance:
    now = utcnow()
    judged = await judged_as_of(session, programme, as_of)
    projects, leaders = await programme_projects(session, programme)
    phases = await current_phases(session, programme)
    found = await compliance_findings(
        session, programme, judged, projects, leaders, details=include_findings
    )
    counts = found.by_project()
    by_rule: Counter[str] = Counter()
    for counter in counts.values():
        by_rule.update(counter)
    details: dict[uuid.UUID | None, list[Finding]] = {}
    if include_findings:
        every = [*found.listed, *await overdue_findings(session, programme, found)]
        for f in sorted(every, key=_order):
            details.setdefault(f.project_id, []).append(f)
    return Compliance(
        programme_id=programme.id,
        generated_at=now,
        as_of=judged.day,
        rules=[
            RuleRead(id=r.id, title=r.title, source=r.source, count=by_rule[r.id])
            for r in rules.ALL
        ],
        projects=[
            ProjectCompliance(
                project_id=p.id,
                code=p.code,
                name=p.name,
                mandate_status=p.mandate_status,
                current_phase=phases.get(p.id),
                findings_count=sum(counts.get(p.id, Counter()).values()),
                findings=details.get(p.id, []) if include_findings else None,
            )
            for p in projects
        ],
        programme_findings_count=sum(counts.get(None, Counter()).values()),
        programme_findings=details.get(None, []) if include_findings else None,
        total=found.total,
    )


def _order(f: Finding) -> tuple[int, uuid.UUID, str]:
    return (RULE_ORDER[f.rule], f.record_id, f.record_type)


def _overdue_finding(deadline_id: uuid.UUID, title: str, due_at: datetime, project_id) -> Finding:
    due = due_at.astimezone(local_zone())
    return finding(
        rules.OVERDUE_DEADLINE,
        f"«{title}» was due {due:%Y-%m-%d %H:%M}",
        "deadline",
        deadline_id,
        project_id,
        facts={"deadline": title, "due_at": due.isoformat()},
    )


def _overdue_deadlines(programme: Programme, found: FindingSet):
    stmt = select(Deadline.project_id).where(
        Deadline.programme_id == programme.id, overdue_at(found.judged.moment)
    )
    if found.overdue_excluded:
        stmt = stmt.where(Deadline.id.not_in(found.overdue_excluded))
    return stmt


async def overdue_findings(
    session: AsyncSession,
    programme: Programme,
    found: FindingSet,
    *,
    project_id: uuid.UUID | None = None,
    programme_only: bool = False,
    after: uuid.UUID | None = None,
    limit: int | None = None,
) -> list[Finding]:
    """The overdue-deadline findings, by deadline id: all of them, or a page (`after` the id
    of the last one seen, at most `limit`), of one project or of the programme alone."""
    stmt = (
        _overdue_deadlines(programme, found)
        .add_columns(Deadline.id, Deadline.title, Deadline.due_at)
        .order_by(Deadline.id)
    )
    if project_id is not None:
        stmt = stmt.where(Deadline.project_id == project_id)
    if programme_only:
        stmt = stmt.where(Deadline.project_id.is_(None))
    if after is not None:
        stmt = stmt.where(Deadline.id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        _overdue_finding(row.id, row.title, row.due_at, row.project_id)
        for row in (await session.execute(stmt)).all()
    ]


def _encode_cursor(key: tuple[int, uuid.UUID, str]) -> str:
    raw = json.dumps({"r": key[0], "i": str(key[1]), "t": key[2]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, uuid.UUID, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
        rule, record_id, record_type = data["r"], uuid.UUID(data["i"]), data["t"]
        if type(rule) is not int or not isinstance(record_type, str):
            raise ValueError("not a cursor")
        return rule, record_id, record_type
    except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise BadRequest("The cursor is not valid; use next_cursor from a previous page.") from exc


async def finding_page(
    session: AsyncSession,
    programme: Programme,
    as_of: date | None,
    *,
    project_id: uuid.UUID | None,
    programme_only: bool,
    rule: str | None,
    limit: int,
    cursor: str | None,
) -> FindingPage:
    """One page of the findings, by rule and record: the bounded rules are computed whole and
    sliced, the overdue deadlines read from the database after the cursor, `limit` + 1 at
    most, so a page costs the same whatever the number of deadlines."""
    if rule is not None and rule not in RULE_ORDER:
        raise ValidationFailed(
            f"rule: {rule} is not a rule of the report",
            errors=[{"parameter": "rule", "code": "unknown_rule", "detail": "not a rule id"}],
        )
    if project_id is not None and programme_only:
        raise ValidationFailed(
            "scope: programme and project_id exclude each other",
            errors=[
                {
                    "parameter": "scope",
                    "code": "conflicting_filters",
                    "detail": "scope=programme lists findings of no project; leave out project_id",
                }
            ],
        )
    after = _decode_cursor(cursor) if cursor else None
    judged = await judged_as_of(session, programme, as_of)
    projects, leaders = await programme_projects(session, programme)
    found = await compliance_findings(session, programme, judged, projects, leaders)

    def wanted(f: Finding) -> bool:
        if rule is not None and f.rule != rule:
            return False
        if programme_only:
            return f.project_id is None
        return project_id is None or f.project_id == project_id

    candidates = [f for f in found.listed if wanted(f) and (after is None or _order(f) > after)]
    if (rule is None or rule == rules.OVERDUE_DEADLINE.id) and (
        after is None or after[0] <= _OVERDUE
    ):
        candidates += await overdue_findings(
            session,
            programme,
            found,
            project_id=project_id,
            programme_only=programme_only,
            after=after[1] if after is not None and after[0] == _OVERDUE else None,
            limit=limit + 1,
        )
    page = sorted(candidates, key=_order)[: limit + 1]
    next_cursor = _encode_cursor(_order(page[limit - 1])) if len(page) > limit else None
    return FindingPage(items=page[:limit], next_cursor=next_cursor)


async def compliance_findings(
    session: AsyncSession,
    programme: Programme,
    judged: AsOf,
    projects: Sequence[Project],
    leaders: dict[uuid.UUID, str],
    *,
    details: bool = True,
    upcoming_days: int = 0,
    involvement_since: date | None = None,
) -> FindingSet:
    """Every finding of the programme as of the day judged on, in a fixed number of queries;
    the report and the overview both count from these. `projects` and their `leaders`' names
    as `programme_projects` gives them; `details=False`: the findings of the rules on
    projects are only counted (`FindingSet.counted`), not made; `upcoming_days`: also count
    the open deadlines due in that many days after the moment judged (`FindingSet.deadlines`);
    `involvement_since` (at least 60 days back): also count the involvement records from that
    day on by project and kind of stakeholder (`FindingSet.involvement`)."""
    today = judged.day
    recent = today - timedelta(days=INVOLVEMENT_DAYS)
    involvement: dict[uuid.UUID | None, dict[StakeholderKind, int]] = {}
    involved: set[uuid.UUID | None] = set()
    if involvement_since is not None and involvement_since <= recent:
        # One pass gives the overview's counts and the rule's answer: the last day each
        # project involved each kind of stakeholder in the window.
        for project_id, kind, count, last_on in await session.execute(
            select(
                Involvement.project_id,
                Involvement.stakeholder_kind,
                func.count(),
                func.max(Involvement.occurred_on),
            )
            .where(
                Involvement.programme_id == programme.id,
                Involvement.archived_at.is_(None),
                Involvement.occurred_on >= involvement_since,
                Involvement.occurred_on <= today,
            )
            .group_by(Involvement.project_id, Involvement.stakeholder_kind)
            .order_by(Involvement.stakeholder_kind)
        ):
            involvement.setdefault(project_id, {})[kind] = count
            if kind in _EMPLOYEE_SIDE and last_on >= recent:
                involved.add(project_id)
    else:
        involved.update(
            await session.scalars(
                select(Involvement.project_id)
                .where(
                    Involvement.programme_id == programme.id,
                    Involvement.archived_at.is_(None),
                    Involvement.stakeholder_kind.in_(_EMPLOYEE_SIDE),
                    Involvement.occurred_on >= recent,
                    Involvement.occurred_on <= today,
                )
                .distinct()
            )
        )
    groups = (
        await session.scalars(
            select(Group).where(Group.programme_id == programme.id).order_by(Group.name)
        )
    ).all()
    found = await programme_composition(
        session, programme, today, loaded=(groups, projects), leader_names=leaders
    )
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
    missing_by_decision = await consultations_missing(session, decisions) if decisions else {}
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

    found += await _mandate_approvals(session, projects, groups)
    found += await effect_goals_without_indicator(session, programme)
    found += await selections_without_rationale(session, programme)
    found += await indicator_findings(session, programme, judged)
    found += await measures_without_result(session, programme, today)
    found += await groups_missing_setup_assessments(session, programme, today)
    found += await hearing_findings(session, programme)
    found += await plan_findings(session, programme, judged.day)
    versions = await version_findings(session, programme, judged)
    found += versions.findings
    counted: Counter[tuple[uuid.UUID | None, str]] = Counter()
    for project in projects:
        for rule in _project_shortfalls(project, involved):
            if details:
                found.append(_project_finding(rule, project, leaders, recent))
            else:
                counted[project.id, rule.id] += 1
    result = FindingSet(judged, found, {}, frozenset(versions.deadline_ids), counted=counted)
    result.involvement = involvement
    result.deadlines = await _deadline_counts(session, programme, result, upcoming_days)
    result.overdue_by_project = {
        project_id: counts.flagged
        for project_id, counts in result.deadlines.items()
        if counts.flagged
    }
    return result


async def _deadline_counts(
    session: AsyncSession, programme: Programme, found: FindingSet, upcoming_days: int
) -> dict[uuid.UUID | None, DeadlineCounts]:
    """One pass over the programme's open deadlines due before the end of the window, grouped
    by project: how many are overdue, how many of those are flagged, how many are upcoming."""
    moment = found.judged.moment
    overdue = Deadline.due_at < moment
    flagged = (
        and_(overdue, Deadline.id.not_in(found.overdue_excluded))
        if found.overdue_excluded
        else overdue
    )
    until = moment + timedelta(days=upcoming_days)
    rows = await session.execute(
        select(
            Deadline.project_id,
            func.count().filter(overdue),
            func.count().filter(flagged),
            func.count().filter(Deadline.due_at >= moment),
        )
        .where(Deadline.programme_id == programme.id, open_at(moment), Deadline.due_at < until)
        .group_by(Deadline.project_id)
    )
    return {
        project_id: DeadlineCounts(overdue_count, flagged_count, upcoming_count)
        for project_id, overdue_count, flagged_count, upcoming_count in rows
    }


def _project_shortfalls(project: Project, involved: set[uuid.UUID | None]) -> list[rules.Rule]:
    """The rules on projects one falls short of: a leader at 60-100 % (seed 003: an
    allocation not recorded is not judged, an active project without a leader is), an
    approved mandate, employees involved in the last 60 days (while active)."""
    if project.status in (ProjectStatus.completed, ProjectStatus.cancelled):
        return []
    short = []
    low, high = LEADER_ALLOCATION
    percent = project.leader_allocation_percent
    if (project.leader_id is None and project.status == ProjectStatus.active) or (
        project.leader_id is not None and percent is not None and not low <= percent <= high
    ):
        short.append(rules.PROJECT_LEADER)
    if project.mandate_status != MandateStatus.approved:
        short.append(rules.MANDATE_APPROVED)
    if project.status == ProjectStatus.active and project.id not in involved:
        short.append(rules.EMPLOYEE_INVOLVEMENT)
    return short


def _project_finding(
    rule: rules.Rule, project: Project, leaders: dict[uuid.UUID, str], since: date
) -> Finding:
    """The finding of a rule `_project_shortfalls` found the project short of."""
    facts: dict[str, FactValue] = {"project": project.code}
    if rule == rules.PROJECT_LEADER and project.leader_id is None:
        message = f"{project.code}: the project has no project leader"
        facts["state"] = "no_leader"
    elif rule == rules.PROJECT_LEADER and project.leader_id is not None:
        leader = leaders.get(project.leader_id, "")
        percent = cast(int, project.leader_allocation_percent)
        message = f"{project.code}: the project leader {leader} is allocated {percent} %"
        facts |= {"state": "allocation", "leader": leader, "allocation": percent}
    elif rule == rules.MANDATE_APPROVED:
        message = f"{project.code}: the mandate is {project.mandate_status}"
        facts["mandate_status"] = str(project.mandate_status)
    else:
        message = (
            f"{project.code}: no involvement of employees or union representatives "
            f"recorded since {since}"
        )
        facts["since"] = since.isoformat()
    return finding(rule, message, "project", project.id, project.id, facts=facts)


async def _mandate_approvals(
    session: AsyncSession, projects: Sequence[Project], groups: Sequence[Group]
) -> list[Finding]:
    """Approved mandates whose approval does not hold (any more): the decision archived, or
    approved before the rules of seed 003 were checked."""
    records: list[Project | Group] = [*projects, *groups]
    approved = [r for r in records if r.mandate_status == MandateStatus.approved]
    ids = {r.mandate_decision_id for r in approved if r.mandate_decision_id}
    decisions = (
        {d.id: d for d in await session.scalars(select(Decision).where(Decision.id.in_(ids)))}
        if ids
        else {}
    )
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
