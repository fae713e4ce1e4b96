"""Writing a measurement and keeping its indicator's baseline right.

The baseline of an indicator is the measurement marked as baseline; without one, the baseline
entered on the indicator; without that, its first measurement.
"""

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.models import Indicator, Measurement


async def refresh_baseline(session: AsyncSession, indicator: Indicator) -> None:
    """Set the indicator's baseline from its measurements: the one marked, else (when the
    indicator has none entered) the first."""
    await session.flush()
    rows = (
        await session.scalars(
            select(Measurement)
            .where(Measurement.indicator_id == indicator.id)
            .order_by(
                Measurement.is_baseline.desc(),
                Measurement.measured_on,
                Measurement.created_at,
            )
            .limit(1)
        )
    ).all()
    if not rows:
        return
    baseline = rows[0]
    if not baseline.is_baseline and indicator.baseline_value is not None:
        return
    if (indicator.baseline_value, indicator.baseline_on) != (baseline.value, baseline.measured_on):
        indicator.baseline_value = baseline.value
        indicator.baseline_on = baseline.measured_on


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
    if is_baseline:
        for other in await session.scalars(
            select(Measurement).where(
                Measurement.indicator_id == indicator.id, Measurement.is_baseline.is_(True)
            )
        ):
            other.is_baseline = False
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
    await refresh_baseline(session, indicator)
    return measurement
