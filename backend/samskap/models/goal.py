"""Goals and how they are measured: the goal tree, the catalogue a programme's projects choose
from, their selections with history, indicators and measurements."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base, utcnow
from samskap.kit.ids import uuid7
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import GoalKind, GoalStatus, IndicatorDirection, IndicatorMethod


class Goal(Record, InProgramme, ExternallyKeyed, Base):
    """A societal, effect or result goal; catalogue goals (e.g. the municipal plan's goals) are
    the ones a programme's projects and groups select from."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("goal.id"), index=True)
    kind: Mapped[GoalKind] = mapped_column(EnumText(GoalKind, 32), index=True)
    title: Mapped[str] = mapped_column(String(500), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(200), index=True)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[GoalStatus] = mapped_column(EnumText(GoalStatus, 32), index=True)
    dropped_reason: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    in_catalogue: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class GoalSelection(Record, InProgramme, ExternallyKeyed, Base):
    """A project or group has chosen a catalogue goal: why, what it means for the area and how
    it will be made operational (seed 002, tasks 2 and 4)."""

    __tablename__ = "goal_selection"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        UniqueConstraint("goal_id", "project_id"),
        UniqueConstraint("goal_id", "group_id"),
    )

    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goal.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    rationale: Mapped[str | None] = mapped_column(Text)
    meaning: Mapped[str | None] = mapped_column(Text)
    operationalisation: Mapped[str | None] = mapped_column(Text)


class GoalSelectionRevision(InProgramme, Base):
    """One state of a goal selection, kept when it is made, changed or withdrawn."""

    __tablename__ = "goal_selection_revision"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    # Not a foreign key: the history of a selection outlives it, still under its id.
    selection_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goal.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    selection_version: Mapped[int | None] = mapped_column(Integer)
    rationale: Mapped[str | None] = mapped_column(Text)
    meaning: Mapped[str | None] = mapped_column(Text)
    operationalisation: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    changed_by: Mapped[str | None] = mapped_column(String(320))


class Indicator(Record, InProgramme, ExternallyKeyed, Base):
    """How an effect or result goal is measured, from where it started to where it should go."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goal.id"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(50))
    direction: Mapped[IndicatorDirection] = mapped_column(EnumText(IndicatorDirection, 32))
    method: Mapped[IndicatorMethod] = mapped_column(EnumText(IndicatorMethod, 32), index=True)
    # The baseline in force (what progress and the chart measure from), kept by
    # indicators/measuring.py: the measurement marked as baseline, else the one entered on
    # the indicator (entered_baseline_*), else the first measurement. baseline_measurement_id
    # names the measurement it comes from; null when it was entered or there is none. It is
    # not a foreign key (measurement already refers to indicator); measuring.py keeps it.
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_on: Mapped[date | None] = mapped_column(Date)
    baseline_measurement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    entered_baseline_value: Mapped[float | None] = mapped_column(Float)
    entered_baseline_on: Mapped[date | None] = mapped_column(Date)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_on: Mapped[date | None] = mapped_column(Date)
    interval_months: Mapped[int | None] = mapped_column(Integer)


class Measurement(Record, InProgramme, ExternallyKeyed, Base):
    """One value of an indicator on a date; the baseline or a follow-up."""

    __tablename__ = "measurement"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        Index("ix_measurement_indicator_measured_on", "indicator_id", "measured_on"),
    )

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float] = mapped_column(Float)
    measured_on: Mapped[date] = mapped_column(Date, index=True)
    respondents: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    is_baseline: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    survey_round_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("survey_round.id", ondelete="SET NULL"), index=True
    )
