"""Measures (tiltak) towards goals, their results, and the criteria for a kind of group."""

import uuid
from datetime import date

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samskap.db import Base
from samskap.kit.types import EnumText
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import CriterionFulfilment, CriterionPurpose, GroupKind, MeasureStatus
from samskap.models.goal import Goal
from samskap.models.task import Task

measure_goal = Table(
    "measure_goal",
    Base.metadata,
    Column("measure_id", ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True, index=True),
)

measure_task = Table(
    "measure_task",
    Base.metadata,
    Column("measure_id", ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Measure(Record, InProgramme, ExternallyKeyed, Base):
    """A measure (tiltak) towards one or more goals, and its documented result."""

    __tablename__ = "measure"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's measures by due day, those without one after them.
        Index("ix_measure_programme_id_due_on_id", "programme_id", "due_on", "id"),
    )

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[MeasureStatus] = mapped_column(EnumText(MeasureStatus, 32), index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    result: Mapped[str | None] = mapped_column(Text)
    result_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[list[dict]] = mapped_column(JSON, default=list)

    goals: Mapped[list[Goal]] = relationship(
        secondary=measure_goal, lazy="raise", order_by=Goal.sort_order
    )
    tasks: Mapped[list[Task]] = relationship(
        secondary=measure_task, lazy="raise", order_by=Task.title
    )

    @property
    def goal_ids(self) -> list[uuid.UUID]:
        return [g.id for g in self.goals]

    @property
    def task_ids(self) -> list[uuid.UUID]:
        return [t.id for t in self.tasks]


class GroupCriterion(Record, InProgramme, ExternallyKeyed, Base):
    """A criterion a programme sets for groups of one kind: for setting one up, or for
    evaluating its results (seed 001: criteria for work teams)."""

    __tablename__ = "group_criterion"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    group_kind: Mapped[GroupKind] = mapped_column(EnumText(GroupKind, 40), index=True)
    purpose: Mapped[CriterionPurpose] = mapped_column(EnumText(CriterionPurpose, 32), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CriterionAssessment(Record, InProgramme, Base):
    """How a group meets a criterion, as assessed on a date; assessments are kept, the latest
    counts."""

    __tablename__ = "criterion_assessment"

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("group_criterion.id", ondelete="CASCADE"), index=True
    )
    assessed_on: Mapped[date] = mapped_column(Date, index=True)
    fulfilment: Mapped[CriterionFulfilment] = mapped_column(
        EnumText(CriterionFulfilment, 32), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    assessed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
