"""Indicators and their measurements: the rules on writing them, the figures computed on every
read (latest value, when the next measurement is due, progress), the chart's series and the
two compliance rules about baselines and follow-ups."""

import calendar
import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import SYSTEM, Principal
from samskap.governance import rules
from samskap.governance.as_of import AsOf
from samskap.governance.composition import Finding, finding
from samskap.indicators.measuring import (
    baseline_candidate,
    refresh_baseline,
    settle_baseline,
    unmark_others,
)
from samskap.indicators.schemas import IndicatorRead, IndicatorSeries, SeriesPoint
from samskap.kit.clock import local_today
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import Goal, Indicator, Measurement, Programme
from samskap.models.enums import GoalKind, IndicatorDirection, IndicatorMethod
from samskap.problems import ValidationFailed

MEASURED_GOALS = (GoalKind.effect, GoalKind.result)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 =
    28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def progress(
    direction: IndicatorDirection,
    baseline: float | None,
    target: float | None,
    latest: float | None,
) -> float | None:
    """The share of the way from baseline to target that `latest` has come."""
    if baseline is None or target is None or latest is None or target == baseline:
        return None
    if (target > baseline) != (direction == IndicatorDirection.higher_is_better):
        return None
    return round((latest - baseline) / (target - baseline), 4)


def _difference(value: float, other: float | None) -> float | None:
    # Rounded so that 3.3 - 3.1 reads 0.2 and not 0.19999999999999973.
    return None if other is None else round(value - other, 10)


@dataclass(frozen=True)
class Latest:
    value: float | None = None
    on: date | None = None
    count: int = 0


async def latest_measurements(
    session: AsyncSession, indicator_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Latest]:
    """The latest measurement and the number of measurements of each indicator, in one
    statement whatever the number of indicators."""
    if not indicator_ids:
        return {}
    ranked = (
        select(
            Measurement.indicator_id,
            Measurement.value,
            Measurement.measured_on,
            func.count().over(partition_by=Measurement.indicator_id).label("n"),
            func.row_number()
            .over(
                partition_by=Measurement.indicator_id,
                order_by=(
                    Measurement.measured_on.desc(),
                    Measurement.created_at.desc(),
                    Measurement.id.desc(),
                ),
            )
            .label("rank"),
        )
        .where(Measurement.indicator_id.in_(indicator_ids))
        .subquery()
    )
    rows = await session.execute(
        select(ranked.c.indicator_id, ranked.c.value, ranked.c.measured_on, ranked.c.n).where(
            ranked.c.rank == 1
        )
    )
    return {row[0]: Latest(row[1], row[2], row[3]) for row in rows}


def next_due(indicator: Indicator, latest_on: date | None) -> date | None:
    since = latest_on or indicator.baseline_on
    if indicator.interval_months is None or since is None:
        return None
    return add_months(since, indicator.interval_months)


def indicator_read(indicator: Indicator, latest: Latest, today: date) -> IndicatorRead:
    due = next_due(indicator, latest.on)
    fields = {
        name: getattr(indicator, name)
        for name in IndicatorRead.model_fields
        if hasattr(indicator, name)
    }
    return IndicatorRead.model_validate(
        fields
        | {
            "latest_value": latest.value,
            "latest_on": latest.on,
            "measurement_count": latest.count,
            "next_measurement_due": due,
            "follow_up_overdue": due is not None and due < today,
            "progress": progress(
                indicator.direction, indicator.baseline_value, indicator.target_value, latest.value
            ),
        }
    )


async def _write_scope(session: AsyncSession, principal: Any, goal_id: uuid.UUID) -> bool:
    """A member may write the indicators (and their measurements) of goals of the projects
    and groups they are in."""
    goal = await session.get(Goal, goal_id)
    if goal is None:
        return False
    scope = await member_scope(session, principal, goal.programme_id)
    return goal.project_id in scope.project_ids or goal.group_id in scope.group_ids


class IndicatorService(CrudService[Indicator]):
    model = Indicator
    label = "indicator"
    spec = ListSpec(
        model=Indicator,
        filters=[
            Filter(
                "programme_id",
                Indicator.programme_id,
                uuid.UUID,
                "Only indicators of this programme",
            ),
            Filter("goal_id", Indicator.goal_id, uuid.UUID, "Only indicators of this goal"),
            Filter("method", Indicator.method, IndicatorMethod, "Only indicators measured so"),
        ],
        sorts={"name": Indicator.name, "created_at": Indicator.created_at},
        default_sort="name",
        search=[Indicator.name, Indicator.description],
    )

    def __init__(self, session: AsyncSession, principal: Principal = SYSTEM):
        super().__init__(session, principal)
        # The latest measurements of the page just listed, so that presenting it costs no
        # statement per indicator.
        self._latest: dict[uuid.UUID, Latest] | None = None

    async def list(self, lq):
        items, next_cursor = await super().list(lq)
        self._latest = await latest_measurements(self.session, [i.id for i in items])
        return items, next_cursor

    async def present(self, record):
        if self._latest is not None and record.id in self._latest:
            latest = self._latest[record.id]
        elif self._latest is not None:
            latest = Latest()
        else:
            latest = (await latest_measurements(self.session, [record.id])).get(record.id, Latest())
        return indicator_read(record, latest, local_today())

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        if "goal_id" in values:
            goal = await require_in_programme(
                self.session, Goal, values["goal_id"], programme_id, "goal_id"
            )
            if goal is not None and goal.kind not in MEASURED_GOALS:
                raise ValidationFailed.at(
                    "/goal_id",
                    f"an indicator measures an effect or a result goal, not a {goal.kind} goal",
                    code="goal_not_measurable",
                    params={"kind": str(goal.kind)},
                )
        values = dict(values)
        for name in ("baseline_value", "baseline_on"):
            if name in values:
                values[f"entered_{name}"] = values.pop(name)
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the indicators of goals of their projects and groups."""
        return await _write_scope(self.session, self.principal, record.goal_id)

    async def validate(self, record):
        for value, on, first, second in (
            ("entered_baseline_value", "entered_baseline_on", "baseline_value", "baseline_on"),
            ("target_value", "target_on", "target_value", "target_on"),
        ):
            given = (getattr(record, value) is None, getattr(record, on) is None)
            if given[0] != given[1]:
                missing = first if given[0] else second
                other = second if given[0] else first
                raise ValidationFailed.at(
                    f"/{missing}",
                    f"give {first} and {second} together, or neither",
                    code="given_together",
                    params={"field": other},
                )
        if (
            record.entered_baseline_on is not None
            and record.target_on is not None
            and record.target_on <= record.entered_baseline_on
        ):
            raise ValidationFailed.at(
                "/target_on",
                f"must be after baseline_on ({record.entered_baseline_on})",
                code="before_start",
                params={"field": "baseline_on", "value": str(record.entered_baseline_on)},
            )
        # The entered baseline may have changed: put the one in force on the record before
        # it is written, in the same UPDATE.
        with self.session.no_autoflush:
            candidate = None
            if record.id is not None and record in self.session:
                candidate = await baseline_candidate(self.session, record)
            settle_baseline(record, candidate)

    async def series(self, indicator_id: uuid.UUID) -> IndicatorSeries:
        indicator = await self.get(indicator_id)
        measurements = list(
            await self.session.scalars(
                select(Measurement)
                .where(Measurement.indicator_id == indicator.id)
                .order_by(Measurement.measured_on, Measurement.created_at, Measurement.id)
            )
        )
        last = measurements[-1] if measurements else None
        latest = Latest(last.value, last.measured_on, len(measurements)) if last else Latest()
        points = []
        previous: float | None = None
        for m in measurements:
            points.append(
                SeriesPoint(
                    measurement_id=m.id,
                    measured_on=m.measured_on,
                    value=m.value,
                    respondents=m.respondents,
                    source=m.source,
                    note=m.note,
                    is_baseline=m.id == indicator.baseline_measurement_id,
                    marked_as_baseline=m.is_baseline,
                    survey_round_id=m.survey_round_id,
                    version=m.version,
                    change_from_baseline=_difference(m.value, indicator.baseline_value),
                    change_from_previous=_difference(m.value, previous),
                )
            )
            previous = m.value
        return IndicatorSeries(
            indicator=indicator_read(indicator, latest, local_today()), points=points
        )


SERIES_CSV_COLUMNS = (
    "measured_on",
    "value",
    "respondents",
    "source",
    "is_baseline",
    "change_from_baseline",
    "change_from_previous",
    "note",
)


def series_csv(series: IndicatorSeries) -> str:
    """The series as CSV (comma separated, a header row, dates as YYYY-MM-DD, numbers with a
    decimal point), for copying into a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SERIES_CSV_COLUMNS)
    for point in series.points:
        row = point.model_dump(mode="json")
        writer.writerow(
            [
                ""
                if row[c] is None
                else str(row[c]).lower()
                if isinstance(row[c], bool)
                else row[c]
                for c in SERIES_CSV_COLUMNS
            ]
        )
    return out.getvalue()


class MeasurementService(CrudService[Measurement]):
    model = Measurement
    label = "measurement"
    spec = ListSpec(
        model=Measurement,
        filters=[
            Filter(
                "programme_id",
                Measurement.programme_id,
                uuid.UUID,
                "Only measurements of this programme's indicators",
            ),
            Filter(
                "indicator_id",
                Measurement.indicator_id,
                uuid.UUID,
                "Only measurements of this indicator",
            ),
            Filter(
                "measured_after",
                Measurement.measured_on,
                date,
                "Measured on or after this day",
                op="ge",
            ),
            Filter(
                "measured_before",
                Measurement.measured_on,
                date,
                "Measured before this day",
                op="lt",
            ),
            Filter(
                "is_baseline",
                Measurement.is_baseline,
                bool,
                "Only measurements marked as baseline (true) or not (false)",
                apply=lambda stmt, v: stmt.where(Measurement.is_baseline.is_(v)),
            ),
        ],
        sorts={
            "measured_on": Measurement.measured_on,
            "value": Measurement.value,
            "created_at": Measurement.created_at,
        },
        default_sort="measured_on",
        search=[Measurement.source, Measurement.note],
    )

    def scoped_indicators(self, stmt):
        visible = self.principal.programme_ids()
        return stmt if visible is None else stmt.where(Indicator.programme_id.in_(visible))

    async def apply(self, record, values, *, creating):
        if creating:
            indicator = await self._visible_indicator(values["indicator_id"])
            values = values | {"programme_id": indicator.programme_id}
        await super().apply(record, values, creating=creating)

    async def _visible_indicator(self, indicator_id: uuid.UUID) -> Indicator:
        indicator = (
            await self.session.scalars(
                self.scoped_indicators(select(Indicator).where(Indicator.id == indicator_id))
            )
        ).first()
        if indicator is None:
            raise ValidationFailed.at(
                "/indicator_id", "no indicator with this id", code="unknown_reference"
            )
        return indicator

    async def member_may_write(self, record, action):
        """A `member` may too, for the indicators of goals of their projects and groups."""
        indicator = await self.session.get(Indicator, record.indicator_id)
        return indicator is not None and await _write_scope(
            self.session, self.principal, indicator.goal_id
        )

    async def validate(self, record):
        today = local_today()
        if record.measured_on > today:
            raise ValidationFailed.at(
                "/measured_on",
                f"a measurement is recorded once it is made; not after today ({today})",
                code="in_future",
                params={"today": today.isoformat()},
            )

    async def _settle(self, record_indicator_id: uuid.UUID, marked: uuid.UUID | None) -> None:
        indicator = await self.session.get(Indicator, record_indicator_id)
        if indicator is None:
            return
        if marked is not None:
            await unmark_others(self.session, indicator.id, marked)
        await refresh_baseline(self.session, indicator)

    async def after_create(self, record, data):
        await self._settle(record.indicator_id, record.id if record.is_baseline else None)

    async def update(self, record, patch, if_match):
        updated = await super().update(record, patch, if_match)
        await self._settle(updated.indicator_id, updated.id if updated.is_baseline else None)
        return updated

    async def delete(self, record, if_match):
        indicator_id = record.indicator_id
        await super().delete(record, if_match)
        await self._settle(indicator_id, None)


async def indicator_findings(
    session: AsyncSession, programme: Programme, judged: AsOf
) -> list[Finding]:
    """indicator-baseline and follow-up-overdue, as the programme stood on the day judged:
    only measurements made (and baselines dated) by then count. Every indicator is judged,
    also one recorded later: indicators are often entered after the fact, with the
    measurements of earlier years."""
    day = judged.day
    measured = (
        select(
            Measurement.indicator_id.label("indicator_id"),
            func.max(Measurement.measured_on).label("last_on"),
        )
        .where(Measurement.programme_id == programme.id, Measurement.measured_on <= day)
        .group_by(Measurement.indicator_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(Indicator, Goal.project_id, measured.c.last_on)
            .join(Goal, Goal.id == Indicator.goal_id)
            .outerjoin(measured, measured.c.indicator_id == Indicator.id)
            .where(Indicator.programme_id == programme.id)
            .order_by(Indicator.name, Indicator.id)
        )
    ).all()
    found: list[Finding] = []
    for indicator, project_id, last_on in rows:
        entered_on = indicator.entered_baseline_on
        entered = entered_on if entered_on is not None and entered_on <= day else None
        if last_on is None and entered is None:
            found.append(
                finding(
                    rules.INDICATOR_BASELINE,
                    f"«{indicator.name}» has no baseline",
                    "indicator",
                    indicator.id,
                    project_id,
                    facts={"indicator": indicator.name},
                )
            )
            continue
        if indicator.interval_months is None:
            continue
        since = max(d for d in (last_on, entered) if d is not None)
        due = add_months(since, indicator.interval_months)
        if due < day:
            found.append(
                finding(
                    rules.FOLLOW_UP_OVERDUE,
                    f"«{indicator.name}» was due a measurement on {due} (every "
                    f"{indicator.interval_months} months, last on {since})",
                    "indicator",
                    indicator.id,
                    project_id,
                    facts={
                        "indicator": indicator.name,
                        "last_on": since.isoformat(),
                        "due_on": due.isoformat(),
                        "interval_months": indicator.interval_months,
                    },
                )
            )
    return found
