"""Goals in a tree (societal → effect → result), the programme's goal catalogue, the projects'
and groups' selections from it with their history, and the tree with each indicator's latest
value."""

import uuid
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.governance import rules
from samskap.governance.composition import Finding, finding
from samskap.indicators.service import progress
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import (
    ApiToken,
    Goal,
    GoalSelection,
    GoalSelectionRevision,
    Group,
    Indicator,
    Measurement,
    Person,
    Programme,
    Project,
    User,
    measure_goal,
)
from samskap.models.enums import GoalKind, GoalStatus
from samskap.problems import Conflict, NotFound, ValidationFailed

# The kind of goal each kind may sit under (Digdir's project model, R4.4).
PARENT_KIND = {GoalKind.effect: GoalKind.societal, GoalKind.result: GoalKind.effect}


def _in_catalogue(stmt: Select, value: bool) -> Select:
    return stmt.where(Goal.in_catalogue.is_(value))


def _top_level(stmt: Select, value: bool) -> Select:
    return stmt.where(Goal.parent_id.is_(None) if value else Goal.parent_id.is_not(None))


class GoalService(CrudService[Goal]):
    model = Goal
    label = "goal"
    spec = ListSpec(
        model=Goal,
        filters=[
            Filter("programme_id", Goal.programme_id, uuid.UUID, "Only goals of this programme"),
            Filter("project_id", Goal.project_id, uuid.UUID, "Only goals of this project"),
            Filter("group_id", Goal.group_id, uuid.UUID, "Only goals of this group"),
            Filter("parent_id", Goal.parent_id, uuid.UUID, "Only goals directly under this goal"),
            Filter(
                "top_level",
                Goal.parent_id,
                bool,
                "Only goals without a parent (true) or only goals with one (false)",
                apply=_top_level,
            ),
            Filter("kind", Goal.kind, GoalKind, "Only goals of this kind"),
            Filter("status", Goal.status, GoalStatus, "Only goals with this status"),
            Filter("theme", Goal.theme, str, "Only goals of this theme (exact)"),
            Filter("owner_id", Goal.owner_id, uuid.UUID, "Only goals owned by this person"),
            Filter(
                "in_catalogue",
                Goal.in_catalogue,
                bool,
                "Only catalogue goals (true) or only goals outside the catalogue (false)",
                apply=_in_catalogue,
            ),
        ],
        sorts={
            "sort_order": Goal.sort_order,
            "title": Goal.title,
            "theme": Goal.theme,
            "kind": Goal.kind,
            "created_at": Goal.created_at,
        },
        default_sort="sort_order",
        search=[Goal.title, Goal.description, Goal.theme],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Project, "project_id"),
            (Group, "group_id"),
            (Person, "owner_id"),
            (Goal, "parent_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        withdrawn = not creating and values.get("in_catalogue") is False and record.in_catalogue
        if withdrawn and await self._count(GoalSelection, GoalSelection.goal_id, record.id):
            raise ValidationFailed.at(
                "/in_catalogue",
                "projects or groups have selected this catalogue goal; withdraw their "
                "selections first",
                code="catalogue_goal_selected",
            )
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the goals of their projects (led, owned, or of a group they
        sit in) and groups; catalogue goals and programme goals need an editor."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids or record.group_id in scope.group_ids

    async def validate(self, record):
        if record.status == GoalStatus.dropped:
            if not (record.dropped_reason or "").strip():
                raise ValidationFailed.at(
                    "/dropped_reason",
                    "say why the goal was dropped",
                    code="dropped_reason_required",
                )
        else:
            record.dropped_reason = None
        if record.in_catalogue and (record.project_id or record.group_id):
            raise ValidationFailed.at(
                "/in_catalogue",
                "a catalogue goal belongs to no project or group",
                code="catalogue_goal_in_area",
            )
        await self._validate_place(record)

    async def _validate_place(self, record: Goal) -> None:
        """The tree: societal → effect → result, a result goal without a parent belongs to a
        project, and no goal sits under itself."""
        if record.parent_id is None:
            if record.kind == GoalKind.result and record.project_id is None:
                raise ValidationFailed.at(
                    "/parent_id",
                    "a result goal sits under an effect goal or directly under a project",
                    code="result_goal_needs_parent_or_project",
                )
        else:
            if record.kind == GoalKind.societal:
                raise ValidationFailed.at(
                    "/parent_id",
                    "a societal goal is at the top of the tree",
                    code="societal_goal_has_no_parent",
                )
            parent = await self.session.get(Goal, record.parent_id)
            assert parent is not None  # checked in apply
            expected = PARENT_KIND[record.kind]
            if parent.kind != expected:
                raise ValidationFailed.at(
                    "/parent_id",
                    f"a {record.kind} goal sits under a {expected} goal, not a {parent.kind} goal",
                    code="parent_kind_mismatch",
                    params={"expected": str(expected), "actual": str(parent.kind)},
                )
            seen = {record.id}
            above: Goal | None = parent
            while above is not None:
                if above.id in seen:
                    raise ValidationFailed.at(
                        "/parent_id",
                        "a goal cannot sit under itself or under a goal below it",
                        code="parent_cycle",
                    )
                seen.add(above.id)
                above = await self.session.get(Goal, above.parent_id) if above.parent_id else None
        # The goals under it must still fit when its kind changes.
        child_kinds = set(
            (await self.session.scalars(select(Goal.kind).where(Goal.parent_id == record.id))).all()
        )
        misfits = {k for k in child_kinds if PARENT_KIND.get(k) != record.kind}
        if misfits:
            raise ValidationFailed.at(
                "/kind",
                "goals under this one would no longer fit under it; move them first",
                code="children_kind_mismatch",
                params={"children": ", ".join(sorted(str(k) for k in misfits))},
            )

    async def _count(self, model: Any, column: Any, goal_id: uuid.UUID) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(model).where(column == goal_id)
            )
            or 0
        )

    async def delete(self, record, if_match):
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        holds = {
            "children": await self._count(Goal, Goal.parent_id, record.id),
            "indicators": await self._count(Indicator, Indicator.goal_id, record.id),
            "selections": await self._count(GoalSelection, GoalSelection.goal_id, record.id),
            "selection_history": await self._count(
                GoalSelectionRevision, GoalSelectionRevision.goal_id, record.id
            ),
            "measures": await self._count(measure_goal, measure_goal.c.goal_id, record.id),
        }
        held = {name: n for name, n in holds.items() if n}
        if held:
            what = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in held.items())
            raise Conflict(
                f"The goal is still in use ({what}); remove those first, or mark the goal "
                "dropped instead.",
                errors=[
                    {
                        "pointer": "/",
                        "code": "goal_in_use",
                        "detail": f"still in use: {what}",
                        "params": {name: str(n) for name, n in held.items()},
                    }
                ],
            )
        await super().delete(record, if_match)


async def actor_label(session: AsyncSession, principal: Principal) -> str:
    """Who is writing, in words: a user's name and e-mail, an API token's name, or system."""
    if principal.user_id is not None:
        user = await session.get(User, principal.user_id)
        if user is not None:
            return f"{user.name} <{user.email}>"
    if principal.token_id is not None:
        token = await session.get(ApiToken, principal.token_id)
        if token is not None:
            return f"API token «{token.name}»"
    return "system"


class GoalSelectionService(CrudService[GoalSelection]):
    model = GoalSelection
    label = "goal selection"
    spec = ListSpec(
        model=GoalSelection,
        filters=[
            Filter(
                "programme_id",
                GoalSelection.programme_id,
                uuid.UUID,
                "Only selections in this programme",
            ),
            Filter("goal_id", GoalSelection.goal_id, uuid.UUID, "Only selections of this goal"),
            Filter(
                "project_id", GoalSelection.project_id, uuid.UUID, "Only this project's selections"
            ),
            Filter("group_id", GoalSelection.group_id, uuid.UUID, "Only this group's selections"),
        ],
        sorts={"created_at": GoalSelection.created_at, "updated_at": GoalSelection.updated_at},
        default_sort="created_at",
        search=[GoalSelection.rationale, GoalSelection.meaning, GoalSelection.operationalisation],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            goal = await self.session.get(Goal, values["goal_id"])
            if goal is None or self.principal.role_in(goal.programme_id) is None:
                raise ValidationFailed.at(
                    "/goal_id", "no goal with this id", code="unknown_reference"
                )
            if not goal.in_catalogue:
                raise ValidationFailed.at(
                    "/goal_id",
                    "only a catalogue goal can be selected",
                    code="goal_not_in_catalogue",
                )
            record.programme_id = goal.programme_id
            if (values.get("project_id") is None) == (values.get("group_id") is None):
                raise ValidationFailed.at(
                    "/project_id",
                    "name exactly one area: a project or a group",
                    code="one_area_required",
                )
            await require_in_programme(
                self.session, Project, values.get("project_id"), goal.programme_id, "project_id"
            )
            await require_in_programme(
                self.session, Group, values.get("group_id"), goal.programme_id, "group_id"
            )
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the selections of their projects (led, owned, or of a group
        they sit in) and groups."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids or record.group_id in scope.group_ids

    async def validate(self, record):
        area = (
            GoalSelection.project_id == record.project_id
            if record.project_id is not None
            else GoalSelection.group_id == record.group_id
        )
        existing = await self.session.scalar(
            select(GoalSelection.id).where(
                GoalSelection.goal_id == record.goal_id, area, GoalSelection.id != record.id
            )
        )
        if existing is not None:
            raise Conflict(
                "This area has already selected the goal; change that selection instead.",
                errors=[
                    {
                        "pointer": "/goal_id",
                        "code": "goal_already_selected",
                        "detail": f"already selected by this area (selection {existing})",
                        "params": {"selection_id": str(existing)},
                    }
                ],
            )

    async def _revision(self, record: GoalSelection, action: str) -> None:
        self.session.add(
            GoalSelectionRevision(
                programme_id=record.programme_id,
                selection_id=record.id,
                goal_id=record.goal_id,
                project_id=record.project_id,
                group_id=record.group_id,
                action=action,
                selection_version=record.version,
                rationale=record.rationale,
                meaning=record.meaning,
                operationalisation=record.operationalisation,
                changed_by=await actor_label(self.session, self.principal),
            )
        )
        await self.flush()

    async def create(self, data):
        record = await super().create(data)
        await self._revision(record, "created")
        return record

    async def update(self, record, patch, if_match):
        before = record.version
        record = await super().update(record, patch, if_match)
        if record.version != before:
            await self._revision(record, "updated")
        return record

    async def delete(self, record, if_match):
        await super().delete(record, if_match)
        await self._revision(record, "deleted")


REVISIONS = ListSpec(
    model=GoalSelectionRevision,
    filters=[
        Filter(
            "programme_id",
            GoalSelectionRevision.programme_id,
            uuid.UUID,
            "Only revisions in this programme",
        ),
        Filter(
            "selection_id",
            GoalSelectionRevision.selection_id,
            uuid.UUID,
            "Only the revisions of this selection (also after it was deleted)",
        ),
        Filter("goal_id", GoalSelectionRevision.goal_id, uuid.UUID, "Only selections of this goal"),
        Filter(
            "project_id",
            GoalSelectionRevision.project_id,
            uuid.UUID,
            "Only selections of this project",
        ),
        Filter(
            "group_id", GoalSelectionRevision.group_id, uuid.UUID, "Only selections of this group"
        ),
    ],
    sorts={"changed_at": GoalSelectionRevision.changed_at},
    default_sort="-changed_at",
)


class GoalSelectionRevisionService:
    """Reading the history of goal selections; it is written only by the selections' writes."""

    spec = REVISIONS

    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal

    async def list(self, lq: ListQuery):
        stmt = select(GoalSelectionRevision)
        visible = self.principal.programme_ids()
        if visible is not None:
            stmt = stmt.where(GoalSelectionRevision.programme_id.in_(visible))
        return await self.spec.page(self.session, lq, stmt)


async def goal_tree(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    project_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The goals of a programme (or of one project: its goals, the catalogue goals it selected
    and the goals above them) as a tree, in four statements whatever the size."""
    programme = await session.get(Programme, programme_id)
    if programme is None or principal.role_in(programme_id) is None:
        raise NotFound("programme")
    if project_id is not None:
        await require_in_programme(session, Project, project_id, programme_id, "project_id")

    goals = (
        await session.execute(
            select(Goal, Person.name)
            .outerjoin(Person, Person.id == Goal.owner_id)
            .where(Goal.programme_id == programme_id)
            .order_by(Goal.sort_order, Goal.title, Goal.id)
        )
    ).all()
    selections = (
        await session.execute(
            select(GoalSelection, Project.code, Project.name, Group.name)
            .outerjoin(Project, Project.id == GoalSelection.project_id)
            .outerjoin(Group, Group.id == GoalSelection.group_id)
            .where(GoalSelection.programme_id == programme_id)
            .order_by(Project.code, Group.name, GoalSelection.id)
        )
    ).all()
    indicators = (
        await session.scalars(
            select(Indicator)
            .where(Indicator.programme_id == programme_id)
            .order_by(Indicator.name, Indicator.id)
        )
    ).all()
    # The latest measurement of each indicator: its date and count per indicator (the index on
    # indicator and date answers it), joined back for the value; one statement.
    newest = (
        select(
            Measurement.indicator_id,
            func.max(Measurement.measured_on).label("measured_on"),
            func.count().label("n"),
        )
        .where(Measurement.programme_id == programme_id)
        .group_by(Measurement.indicator_id)
        .subquery()
    )
    latest = {
        row.indicator_id: row
        for row in (
            await session.execute(
                select(
                    Measurement.indicator_id, Measurement.value, newest.c.measured_on, newest.c.n
                )
                .join(
                    newest,
                    and_(
                        Measurement.indicator_id == newest.c.indicator_id,
                        Measurement.measured_on == newest.c.measured_on,
                    ),
                )
                # Of two on the same day the one recorded last counts: it comes last here.
                .order_by(Measurement.created_at, Measurement.id)
            )
        ).all()
    }

    by_goal_indicators: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for indicator in indicators:
        last = latest.get(indicator.id)
        value = last.value if last is not None else None
        by_goal_indicators.setdefault(indicator.goal_id, []).append(
            {
                "id": indicator.id,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "baseline_value": indicator.baseline_value,
                "baseline_on": indicator.baseline_on,
                "target_value": indicator.target_value,
                "target_on": indicator.target_on,
                "latest_value": value,
                "latest_on": last.measured_on if last is not None else None,
                "measurement_count": last.n if last is not None else 0,
                "progress": progress(
                    indicator.direction, indicator.baseline_value, indicator.target_value, value
                ),
            }
        )
    by_goal_selections: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for selection, code, project_name, group_name in selections:
        if project_id is not None and selection.project_id != project_id:
            continue
        area = f"{code} {project_name}" if code is not None else (group_name or "")
        by_goal_selections.setdefault(selection.goal_id, []).append(
            {
                "id": selection.id,
                "version": selection.version,
                "project_id": selection.project_id,
                "group_id": selection.group_id,
                "area_name": area,
                "rationale": selection.rationale,
                "meaning": selection.meaning,
                "operationalisation": selection.operationalisation,
            }
        )

    by_id = {goal.id: goal for goal, _ in goals}
    if project_id is not None:
        wanted = {
            g.id
            for g, _ in goals
            if g.project_id == project_id or (g.in_catalogue and g.id in by_goal_selections)
        }
        for goal_id in list(wanted):
            above = by_id[goal_id].parent_id
            while above is not None and above not in wanted and above in by_id:
                wanted.add(above)
                above = by_id[above].parent_id
    else:
        wanted = set(by_id)

    nodes: dict[uuid.UUID, dict[str, Any]] = {}
    for goal, owner_name in goals:
        if goal.id not in wanted:
            continue
        nodes[goal.id] = {
            "id": goal.id,
            "version": goal.version,
            "kind": goal.kind,
            "title": goal.title,
            "description": goal.description,
            "theme": goal.theme,
            "status": goal.status,
            "dropped_reason": goal.dropped_reason,
            "owner_id": goal.owner_id,
            "owner_name": owner_name,
            "project_id": goal.project_id,
            "group_id": goal.group_id,
            "parent_id": goal.parent_id,
            "sort_order": goal.sort_order,
            "in_catalogue": goal.in_catalogue,
            "indicators": by_goal_indicators.get(goal.id, []),
            "selections": by_goal_selections.get(goal.id, []),
            "children": [],
        }
    roots: list[dict[str, Any]] = []
    # `goals` is already in sort_order, title order, so children are appended in order.
    for node in nodes.values():
        parent = nodes.get(node["parent_id"]) if node["parent_id"] else None
        (parent["children"] if parent is not None else roots).append(node)
    return {"programme_id": programme_id, "project_id": project_id, "goals": roots}


# Compliance --------------------------------------------------------------------------------


async def effect_goals_without_indicator(
    session: AsyncSession, programme: Programme
) -> list[Finding]:
    """Effect goals being worked towards (not dropped or achieved) that nothing measures."""
    has_indicator = select(Indicator.id).where(Indicator.goal_id == Goal.id).exists()
    goals = (
        await session.scalars(
            select(Goal)
            .where(
                Goal.programme_id == programme.id,
                Goal.kind == GoalKind.effect,
                Goal.status.not_in((GoalStatus.dropped, GoalStatus.achieved)),
                ~has_indicator,
            )
            .order_by(Goal.sort_order, Goal.title)
        )
    ).all()
    return [
        finding(
            rules.EFFECT_GOAL_INDICATOR,
            f"The effect goal «{goal.title}» has no indicator",
            "goal",
            goal.id,
            goal.project_id,
            facts={"goal": goal.title},
        )
        for goal in goals
    ]


async def selections_without_rationale(
    session: AsyncSession, programme: Programme
) -> list[Finding]:
    """Catalogue goals a project or group selected without saying why."""
    rows = (
        await session.execute(
            select(GoalSelection, Goal.title, Project.code, Group.name, Group.project_id)
            .join(Goal, Goal.id == GoalSelection.goal_id)
            .outerjoin(Project, Project.id == GoalSelection.project_id)
            .outerjoin(Group, Group.id == GoalSelection.group_id)
            .where(
                GoalSelection.programme_id == programme.id,
                or_(
                    GoalSelection.rationale.is_(None),
                    func.trim(GoalSelection.rationale) == "",
                ),
                and_(Goal.in_catalogue.is_(True)),
            )
            .order_by(Project.code, Group.name, Goal.sort_order, Goal.title)
        )
    ).all()
    found = []
    for selection, title, code, group_name, group_project_id in rows:
        area = code if code is not None else (group_name or "")
        found.append(
            finding(
                rules.GOAL_SELECTION_RATIONALE,
                f"{area}: the selected goal «{title}» has no rationale",
                "goal_selection",
                selection.id,
                selection.project_id or group_project_id,
                facts={"goal": title, "area": area},
            )
        )
    return found
