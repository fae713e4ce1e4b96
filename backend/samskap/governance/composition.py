"""Composition checks on groups, computed on every read from the current memberships."""

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.governance import rules
from samskap.models import Group, GroupMember, Person, Programme, Project
from samskap.models.enums import Affiliation, GroupKind, Party

FactValue = str | int | list[str]


class Finding(BaseModel):
    """Something that falls short of a rule."""

    rule: str = Field(description="The id of the rule (see `rules` in the compliance report)")
    title: str = Field(description="What the rule asks, in English")
    source: str = Field(description="Where the rule comes from: law, agreement or seed document")
    message: str = Field(description="What is wrong, in English")
    facts: dict[str, FactValue] = Field(
        default_factory=dict,
        description="The finding's particulars, so that a client can word the message in its "
        "own language. By rule: three-party-balance: group, politicians, administration, "
        "employees; board-municipalities: group, municipalities (names); "
        "board-union-representative and board-nav: group; joint-consultative-committee-sides: "
        "group, employer, employees; allocation-over-100: person, total; mandate-approved: "
        "project (code), mandate_status; employee-involvement-60-days: project (code), since "
        "(YYYY-MM-DD); overdue-deadline: deadline (title), due_at (RFC 3339); "
        "reorganisation-consultation: decision (title), state (draft or final_by_override), "
        "override_reason (when overridden), missing (the codes of a refusal to finalise) and "
        "their params (signed_on, decided_on); project-leader-60-100: project (code), state "
        "(no_leader, or allocation with leader (name) and allocation); "
        "mandate-approval-decision: record_type (project or group), name (project code or "
        "group name), decision (title, empty when none), problems (the codes of a refusal to "
        "approve) and their params (bodies, body, approved_on, decided_on); measure-result: "
        "measure (title), due_on (YYYY-MM-DD), status; group-criteria-assessed: group (name), "
        "missing (the titles of the setup criteria not assessed), count; indicator-baseline: "
        "indicator (name); follow-up-overdue: indicator (name), last_on and due_on "
        "(YYYY-MM-DD), interval_months; hearing-response-handled: hearing (title), count; "
        "hearing-parties: hearing (title), missing (union_representatives, "
        "joint_consultative_committee); version-missing: area (project code or group name), "
        "submission (title), version (label), due_at; version-late: the same, submitted_at "
        "and late_by_seconds; planned-involvement-overdue: project (code), matter, planned_on "
        "(YYYY-MM-DD), stakeholder_kind, form; decision-planned-involvement-missed: decision "
        "(title), decided_on (YYYY-MM-DD), missed (the matters of the planned involvements "
        "that had not happened), count",
        examples=[{"group": "Prosjektstyre Helse og velferd"}],
    )
    record_type: str = Field(
        description="The kind of record that falls short: group, project, person, deadline, "
        "decision, measure, indicator, hearing, submission_version or planned_involvement"
    )
    record_id: uuid.UUID = Field(description="The id of that record")
    project_id: uuid.UUID | None = Field(
        None, description="The project it belongs to; null for the programme as a whole"
    )


def finding(
    rule: rules.Rule,
    message: str,
    record_type: str,
    record_id: uuid.UUID,
    project_id: uuid.UUID | None = None,
    *,
    facts: dict[str, FactValue],
) -> Finding:
    return Finding(
        rule=rule.id,
        title=rule.title,
        source=rule.source,
        message=message,
        facts=facts,
        record_type=record_type,
        record_id=record_id,
        project_id=project_id,
    )


def _current(member: GroupMember, today: date) -> bool:
    return (member.starts_on is None or member.starts_on <= today) and (
        member.ends_on is None or member.ends_on >= today
    )


def group_findings(
    group: Group,
    members: list[tuple[GroupMember, Person]],
    programme: Programme,
    project: Project | None,
    today: date,
) -> list[Finding]:
    seated = [(m, p) for m, p in members if _current(m, today)]
    found: list[Finding] = []

    def flag(rule: rules.Rule, message: str, **facts: FactValue) -> None:
        facts = {"group": group.name, **facts}
        found.append(finding(rule, message, "group", group.id, group.project_id, facts=facts))

    parties = Counter(m.party for m, _ in seated)
    if group.kind == GroupKind.three_party_forum:
        counts = [
            parties[Party.politicians],
            parties[Party.administration],
            parties[Party.employees],
        ]
        if 0 in counts or len(set(counts)) > 1:
            flag(
                rules.THREE_PARTY_BALANCE,
                f"{group.name}: politicians {counts[0]}, administration {counts[1]}, "
                f"employees {counts[2]}",
                politicians=counts[0],
                administration=counts[1],
                employees=counts[2],
            )
    if group.kind == GroupKind.project_board:
        led = {
            m.municipality_number
            for m, _ in seated
            if m.party == Party.administration and m.municipality_number
        }
        missing = [mun["name"] for mun in programme.municipalities if mun["number"] not in led]
        if missing:
            flag(
                rules.BOARD_MUNICIPALITIES,
                f"{group.name}: no leader from {', '.join(missing)}",
                municipalities=missing,
            )
        if not any(p.affiliation == Affiliation.union_representative for _, p in seated):
            flag(rules.BOARD_UNION, f"{group.name}: no union representative")
        if (
            project is not None
            and project.concerns_nav
            and not any(p.affiliation == Affiliation.nav for _, p in seated)
        ):
            flag(rules.BOARD_NAV, f"{group.name}: the project concerns NAV, but NAV is absent")
    if group.kind == GroupKind.joint_consultative_committee:
        employer = parties[Party.administration] + parties[Party.politicians]
        employees = parties[Party.employees]
        if employees == 0 or employer <= employees:
            flag(
                rules.JCC_SIDES,
                f"{group.name}: employer side {employer}, employee side {employees}",
                employer=employer,
                employees=employees,
            )
    return found


async def programme_composition(
    session: AsyncSession,
    programme: Programme,
    today: date,
    group_id: uuid.UUID | None = None,
    *,
    loaded: tuple[Sequence[Group], Sequence[Project]] | None = None,
    leader_names: dict[uuid.UUID, str] | None = None,
) -> list[Finding]:
    """Findings for the groups of a programme (or one group), and over-allocated people;
    `loaded`: the programme's groups (by name) and projects, when the caller has them, and
    `leader_names` the names of the projects' leaders."""
    if loaded is not None:
        groups, project_list = loaded
    else:
        groups_stmt = select(Group).where(Group.programme_id == programme.id)
        if group_id is not None:
            groups_stmt = groups_stmt.where(Group.id == group_id)
        groups = (await session.scalars(groups_stmt.order_by(Group.name))).all()
        project_list = (
            await session.scalars(select(Project).where(Project.programme_id == programme.id))
        ).all()
    seats = (
        await session.execute(
            select(GroupMember, Person)
            .join(Person, Person.id == GroupMember.person_id)
            .where(GroupMember.programme_id == programme.id)
        )
    ).all()
    projects = {p.id: p for p in project_list}
    by_group: dict[uuid.UUID, list[tuple[GroupMember, Person]]] = defaultdict(list)
    for member, person in seats:
        by_group[member.group_id].append((member, person))

    found: list[Finding] = []
    for group in groups:
        found += group_findings(
            group,
            by_group[group.id],
            programme,
            projects.get(group.project_id) if group.project_id is not None else None,
            today,
        )
    if group_id is not None:
        return found

    allocation: Counter[uuid.UUID] = Counter()
    names: dict[uuid.UUID, str] = {}
    for member, person in seats:
        if member.allocation_percent and _current(member, today):
            allocation[person.id] += member.allocation_percent
            names[person.id] = person.name
    for project in projects.values():
        if project.leader_id and project.leader_allocation_percent:
            allocation[project.leader_id] += project.leader_allocation_percent
    unnamed = [i for i, total in allocation.items() if total > 100 and i not in names]
    leaders: dict[uuid.UUID, str] = {}
    if leader_names is not None:
        leaders = leader_names
    elif unnamed:
        rows = await session.execute(select(Person.id, Person.name).where(Person.id.in_(unnamed)))
        leaders = dict(rows.tuples().all())
    for person_id, total in sorted(allocation.items(), key=lambda kv: -kv[1]):
        if total > 100:
            name = names.get(person_id) or leaders.get(person_id) or ""
            found.append(
                finding(
                    rules.OVER_ALLOCATED,
                    f"{name}: {total} %",
                    "person",
                    person_id,
                    facts={"person": name, "total": total},
                )
            )
    return found
