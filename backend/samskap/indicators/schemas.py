import uuid
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import IndicatorDirection, IndicatorMethod

Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Value = Annotated[float, Field(allow_inf_nan=False, ge=-1e12, le=1e12)]

BASELINE_RULE = (
    "The baseline in force: the measurement marked as baseline, else the baseline entered on "
    "the indicator, else its first measurement"
)


class IndicatorCreate(InputModel):
    """An indicator (indikator): how an effect or result goal is measured, from its baseline
    towards its target, and how often."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "goal_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "name": "Opplevd medvirkning i arbeidslaget",
                    "unit": "snitt 1–5",
                    "direction": "higher_is_better",
                    "method": "survey",
                    "target_value": 4.2,
                    "target_on": "2016-12-31",
                    "interval_months": 12,
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the indicator belongs to")
    goal_id: uuid.UUID = Field(
        description="The effect or result goal it measures, in the same programme"
    )
    name: Title = Field(description="What is measured")
    description: LongText | None = Field(None, description="How it is measured and read")
    unit: Unit | None = Field(None, description="The unit of its values, e.g. % or snitt 1–5")
    direction: IndicatorDirection = Field(
        IndicatorDirection.higher_is_better, description="Which way the indicator should move"
    )
    method: IndicatorMethod = Field(description="How it is measured")
    baseline_value: Value | None = Field(
        None,
        description="A baseline entered by hand (give baseline_on with it). A measurement "
        "marked as baseline takes precedence; without either, the first measurement is the "
        "baseline",
    )
    baseline_on: date | None = Field(
        None, description="The date of the entered baseline (give baseline_value with it)"
    )
    target_value: Value | None = Field(
        None, description="The value to reach (give target_on with it)"
    )
    target_on: date | None = Field(
        None, description="When the target should be reached (give target_value with it)"
    )
    interval_months: int | None = Field(
        None,
        ge=1,
        le=60,
        description="How often it is measured, in months (1–60); a follow-up is overdue once "
        "this long has passed since the latest measurement",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


IndicatorUpdate = update_model(IndicatorCreate, "IndicatorUpdate", exclude={"programme_id"})


class IndicatorRead(RecordRead, describe_from=IndicatorCreate):
    programme_id: uuid.UUID
    goal_id: uuid.UUID
    name: str
    description: str | None
    unit: str | None
    direction: IndicatorDirection
    method: IndicatorMethod
    baseline_value: float | None = Field(
        description=f"{BASELINE_RULE}: its value; null when there is none"
    )
    baseline_on: date | None = Field(description=f"{BASELINE_RULE}: its date")
    baseline_measurement_id: uuid.UUID | None = Field(
        description="The measurement the baseline in force comes from; null when it is the "
        "one entered on the indicator, or when there is no baseline"
    )
    entered_baseline_value: float | None = Field(
        description="The baseline entered on the indicator (written as baseline_value), in "
        "force when no measurement is marked as baseline"
    )
    entered_baseline_on: date | None = Field(
        description="The date of the entered baseline (written as baseline_on)"
    )
    target_value: float | None
    target_on: date | None
    interval_months: int | None
    external_id: str | None
    latest_value: float | None = Field(
        description="The value of the latest measurement (by date); null without measurements"
    )
    latest_on: date | None = Field(description="The date of the latest measurement")
    measurement_count: int = Field(description="How many measurements the indicator has")
    next_measurement_due: date | None = Field(
        description="When the next measurement is due: interval_months after the latest "
        "measurement (or after the baseline when there is no measurement); null without an "
        "interval or a date to count from"
    )
    follow_up_overdue: bool = Field(
        description="next_measurement_due has passed (Oslo time), computed when read"
    )
    progress: float | None = Field(
        description="How far the latest value has come from the baseline towards the target: "
        "0 at the baseline, 1 at the target, below 0 when worse than the baseline, above 1 "
        "beyond the target. Null without a baseline, target or measurement, when baseline and "
        "target are equal, or when the target lies the wrong way for the direction"
    )


IndicatorPage = page_model(IndicatorRead, "IndicatorPage")


class MeasurementCreate(InputModel):
    """A measurement (måling) of an indicator: its value on a date, from how many respondents
    and which source; the baseline or a follow-up."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "indicator_id": "0193a0e4-7c1e-7000-8000-000000000005",
                    "value": 3.4,
                    "measured_on": "2013-10-15",
                    "respondents": 118,
                    "source": "Kartlegging 2013",
                    "is_baseline": True,
                }
            ]
        }
    )

    indicator_id: uuid.UUID = Field(description="The indicator measured")
    value: Value = Field(description="The measured value, in the indicator's unit")
    measured_on: date = Field(description="The day it was measured; not in the future")
    respondents: int | None = Field(
        None, ge=0, le=10_000_000, description="How many answered or were counted"
    )
    source: Source | None = Field(None, description="Where the value comes from")
    note: LongText | None = Field(None, description="Anything a reader should know about it")
    is_baseline: bool = Field(
        False,
        description="This measurement is the indicator's baseline; marking it unmarks any "
        "other, and it takes precedence over a baseline entered on the indicator",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


MeasurementUpdate = update_model(MeasurementCreate, "MeasurementUpdate", exclude={"indicator_id"})


class MeasurementRead(RecordRead, describe_from=MeasurementCreate):
    programme_id: uuid.UUID = Field(description="The programme of the indicator")
    indicator_id: uuid.UUID
    value: float
    measured_on: date
    respondents: int | None
    source: str | None
    note: str | None
    is_baseline: bool = Field(description="Marked as the indicator's baseline")
    survey_round_id: uuid.UUID | None = Field(
        description="The survey round that wrote the measurement when it closed; read-only"
    )
    external_id: str | None


MeasurementPage = page_model(MeasurementRead, "MeasurementPage")


class SeriesPoint(BaseModel):
    """One measurement in the series, with how it moved."""

    measurement_id: uuid.UUID = Field(description="The measurement's id")
    measured_on: date = Field(description="The day it was measured")
    value: float = Field(description="The measured value")
    respondents: int | None = Field(description="How many answered or were counted")
    source: str | None = Field(description="Where the value comes from")
    note: str | None = Field(description="Anything a reader should know about it")
    is_baseline: bool = Field(description="This measurement is the baseline in force")
    marked_as_baseline: bool = Field(
        description="Marked as the baseline (is_baseline of the measurement); an unmarked one "
        "can still be the baseline in force as the first measurement"
    )
    survey_round_id: uuid.UUID | None = Field(description="The survey round that wrote it")
    version: int = Field(description="The measurement's version, for If-Match")
    change_from_baseline: float | None = Field(
        description="value minus the baseline in force; null without a baseline"
    )
    change_from_previous: float | None = Field(
        description="value minus the previous measurement's; null for the first"
    )


class IndicatorSeries(BaseModel):
    """Everything a chart of the indicator needs, in one read."""

    indicator: IndicatorRead = Field(description="The indicator with its computed fields")
    points: list[SeriesPoint] = Field(description="Its measurements, oldest first")
