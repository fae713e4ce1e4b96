"""Writing a measurement and keeping its indicator's baseline right.

The baseline of an indicator is the measurement marked as baseline; without one, the baseline
entered on the indicator; without that, its first measurement (by date, then by when it was
recorded). At most one measurement of an indicator is marked.

The indicator keeps the baseline in force in `baseline_value` and `baseline_on`, and where it
comes from in `baseline_measurement_id`: the measurement's id, or null when the baseline was
entered on the indicator (`entered_baseline_value`, `entered_baseline_on`) or there is none.
The entered baseline is kept apart, so that it is in force again once no measurement is
marked.
"""

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.models import Indicator, Measurement


async def baseline_candidate(session: AsyncSession, indicator: Indicator) -> Measurement | None:
    """The measurement that is the baseline if any is: the marked one, else the first."""
    return (
        await session.scalars(
            select(Measurement)
            .where(Measurement.indicator_id == indicator.id)
            .order_by(
                Measurement.is_baseline.desc(),
                Measurement.measured_on,
                Measurement.created_at,
                Measurement.id,
            )
            .limit(1)
        )
    ).first()


def settle_baseline(indicator: Indicator, candidate: Measurement | None) -> bool:
    """Put the baseline in force on the indicator; True when it changed."""
    wanted: tuple[float | None, date | None, uuid.UUID | None]
    if candidate is not None and (
        candidate.is_baseline or indicator.entered_baseline_value is None
    ):
        wanted = (candidate.value, candidate.measured_on, candidate.id)
    elif indicator.entered_baseline_value is not None:
        wanted = (indicator.entered_baseline_value, indicator.entered_baseline_on, None)
    else:
        wanted = (None, None, None)
    current = (indicator.baseline_value, indicator.baseline_on, indicator.baseline_measurement_id)
    if current == wanted:
        return False
    indicator.baseline_value, indicator.baseline_on, indicator.baseline_measurement_id = wanted
    return True


async def refresh_baseline(session: AsyncSession, indicator: Indicator) -> None:
    """Set the indicator's baseline in force from its measurements and its entered baseline.
    The indicator (and so its version) changes only when its baseline does."""
    await session.flush()
    if settle_baseline(indicator, await baseline_candidate(session, indicator)):
        await session.flush()


async def unmark_others(session: AsyncSession, indicator_id: uuid.UUID, keep: uuid.UUID) -> None:
    """Marking a measurement as baseline unmarks every other of its indicator (each such
    change bumps that measurement's version, so that its ETag stays truthful)."""
    for other in await session.scalars(
        select(Measurement).where(
            Measurement.indicator_id == indicator_id,
            Measurement.is_baseline.is_(True),
            Measurement.id != keep,
        )
    ):
        other.is_baseline = False


async def record_measurement(
    session: AsyncSession,
    *,
    indicator: Indicator,
    value: float,
    measured_on: date,
    respondents: int | None = None,
    source: str | None = None,
    note: str | None = None,
    survey_round_id: uuid.UUID | None = None,
    is_baseline: bool = False,
) -> Measurement:
    """Add a measurement of `indicator` (e.g. when a survey round closes) and refresh the
    indicator's baseline. The caller commits."""
    measurement = Measurement(
        programme_id=indicator.programme_id,
        indicator_id=indicator.id,
        value=value,
        measured_on=measured_on,
        respondents=respondents,
        source=source,
        note=note,
        survey_round_id=survey_round_id,
        is_baseline=is_baseline,
    )
    session.add(measurement)
    await session.flush()
    if is_baseline:
        await unmark_others(session, indicator.id, measurement.id)
    await refresh_baseline(session, indicator)
    return measurement
