import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from samskap.governance import rules
from samskap.governance.composition import Finding, finding
from samskap.kit.clock import local_today
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService, require_order
from samskap.memberships.scope import member_scope
from samskap.models import Goal, Group, Measure, Person, Programme, Project, Task, measure_goal
from samskap.models.enums import MeasureStatus
from samskap.problems import ValidationFailed


def without_result():
    """Neither cancelled nor done with a result."""
    return and_(
        Measure.status != MeasureStatus.cancelled,
        or_(
            Measure.status != MeasureStatus.done,
            Measure.result.is_(None),
            func.trim(Measure.result) == "",
        ),
    )


def overdue_without_result_on(day: date):
    """Past its due date at `day` without a documented result."""
    return and_(Measure.due_on.is_not(None), Measure.due_on < day, without_result())


def _by_goal(stmt, value: uuid.UUID):
    linked = exists().where(
        measure_goal.c.measure_id == Measure.id, measure_goal.c.goal_id == value
    )
    return stmt.where(linked)


def _overdue_without_result(stmt, value: bool):
    clause = overdue_without_result_on(local_today())
    return stmt.where(clause if value else not_(clause))


class MeasureService(CrudService[Measure]):
    model = Measure
    label = "measure"
    spec = ListSpec(
        model=Measure,
        filters=[
            Filter(
                "programme_id", Measure.programme_id, uuid.UUID, "Only measures of this programme"
            ),
            Filter("project_id", Measure.project_id, uuid.UUID, "Only measures of this project"),
            Filter("group_id", Measure.group_id, uuid.UUID, "Only measures of this group"),
            Filter(
                "goal_id",
                Measure.id,
                uuid.UUID,
                "Only measures linked to this goal",
                apply=_by_goal,
            ),
            Filter("owner_id", Measure.owner_id, uuid.UUID, "Only measures this person owns"),
            Filter("status", Measure.status, MeasureStatus, "Only measures with this status"),
            Filter(
                "due_before",
                Measure.due_on,
                date,
                "Only measures due before this date",
                op="lt",
            ),
            Filter(
                "due_after",
                Measure.due_on,
                date,
                "Only measures due on or after this date",
                op="ge",
            ),
            Filter(
                "overdue_without_result",
                Measure.due_on,
                bool,
                "Past due (Oslo time) without a documented result (true) or not (false)",
                apply=_overdue_without_result,
            ),
        ],
        sorts={
            "due_on": Measure.due_on,
            "title": Measure.title,
            "created_at": Measure.created_at,
        },
        default_sort="due_on",
        search=[Measure.title, Measure.description, Measure.result],
        options=(selectinload(Measure.goals), selectinload(Measure.tasks)),
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Project, "project_id"),
            (Group, "group_id"),
            (Person, "owner_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        if "goal_ids" in values:
            ids = values.pop("goal_ids")
            if ids is None or not ids:
                raise ValidationFailed.at(
                    "/goal_ids", "link at least one goal", code="goal_required"
                )
            record.goals = await self._linked(Goal, ids, programme_id, "goal_ids")
        if "task_ids" in values:
            ids = values.pop("task_ids") or []
            record.tasks = await self._linked(Task, ids, programme_id, "task_ids")
        if values.get("evidence") is not None:
            values["evidence"] = [
                {"title": e["title"], "url": str(e["url"])} for e in values["evidence"]
            ]
        elif "evidence" in values:
            values["evidence"] = []
        await super().apply(record, values, creating=creating)

    async def _linked(
        self, model: Any, ids: list[uuid.UUID], programme_id: uuid.UUID, field: str
    ) -> list:
        found = {
            r.id: r
            for r in await self.session.scalars(
                select(model).where(model.id.in_(ids), model.programme_id == programme_id)
            )
        }
        for i, record_id in enumerate(ids):
            if record_id not in found:
                noun = "goal" if model is Goal else "task"
                raise ValidationFailed.at(
                    f"/{field}/{i}",
                    f"no {noun} with this id in the programme",
                    code="unknown_reference",
                )
            if ids.index(record_id) != i:
                raise ValidationFailed.at(f"/{field}/{i}", "listed twice", code="duplicate")
        return [found[i] for i in ids]

    async def member_may_write(self, record, action):
        """A `member` may too, for the measures of their projects (led, owned, or of a group
        they sit in) and groups, and those they own."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return (
            record.project_id in scope.project_ids
            or record.group_id in scope.group_ids
            or (scope.person_id is not None and record.owner_id == scope.person_id)
        )

    def snapshot(self, record):
        return super().snapshot(record) | {
            "goal_ids": [str(i) for i in record.goal_ids],
            "task_ids": [str(i) for i in record.task_ids],
        }

    async def validate(self, record):
        require_order(record.starts_on, record.due_on, "starts_on", "due_on")
        if record.result is not None and not record.result.strip():
            record.result = None
        if record.status == MeasureStatus.done and record.result is None:
            raise ValidationFailed.at(
                "/result",
                "a measure that is done needs its result: what changed",
                code="result_required",
            )
        if record.result is not None and record.result_on is None:
            record.result_on = local_today()
        if record.result_on is not None and record.result_on > local_today():
            raise ValidationFailed.at("/result_on", "must not be in the future", code="in_future")


async def measures_without_result(
    session: AsyncSession, programme: Programme, day: date
) -> list[Finding]:
    """Rule `measure-result`: every measure past its due date at `day` has a documented
    result (done with a result, or cancelled)."""
    overdue = await session.scalars(
        select(Measure)
        .where(Measure.programme_id == programme.id, overdue_without_result_on(day))
        .order_by(Measure.due_on, Measure.title)
    )
    return [
        finding(
            rules.MEASURE_RESULT,
            f"«{m.title}» was due {m.due_on} and has no documented result ({m.status})",
            "measure",
            m.id,
            m.project_id,
            facts={
                "measure": m.title,
                "due_on": m.due_on.isoformat() if m.due_on else "",
                "status": str(m.status),
            },
        )
        for m in overdue
    ]
