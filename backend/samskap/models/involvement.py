import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import InvolvementForm, StakeholderKind
from samskap.models.participation import (
    involvement_decision,
    involvement_event,
    involvement_goal,
    involvement_hearing,
    involvement_idea,
    involvement_submission,
)
from samskap.models.person import Person


def _links(target: str, column: str) -> Any:
    # Read back oldest record first (ids are time-ordered), whatever order they were given in.
    return relationship(
        target,
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=f"{target}.{column}",
    )


involvement_participant = Table(
    "involvement_participant",
    Base.metadata,
    Column("involvement_id", ForeignKey("involvement.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id"), primary_key=True, index=True),
)


class Involvement(Record, InProgramme, ExternallyKeyed, Base):
    """A record that stakeholders were involved: who, how, when, what they said, what came of it.

    Accountability records are archived, never deleted.
    """

    __tablename__ = "involvement"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's involvements, newest first (the list's default order, read backwards).
        Index("ix_involvement_programme_id_occurred_on_id", "programme_id", "occurred_on", "id"),
        # A project's involvements in the same order (the programme leads: every list has it).
        Index(
            "ix_involvement_programme_id_project_id_occurred_on_id",
            "programme_id",
            "project_id",
            "occurred_on",
            "id",
        ),
    )

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    matter: Mapped[str] = mapped_column(Text)
    stakeholder_kind: Mapped[StakeholderKind] = mapped_column(
        EnumText(StakeholderKind, 40), index=True
    )
    form: Mapped[InvolvementForm] = mapped_column(EnumText(InvolvementForm, 32), index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    head_count: Mapped[int | None] = mapped_column(Integer)
    statements: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[list[dict]] = mapped_column(JSON, default=list)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    participants: Mapped[list[Person]] = relationship(
        secondary=involvement_participant, lazy="raise", order_by=Person.name
    )

    # The records it concerns: the trail behind a decision, a meeting, a hearing ... Kept as
    # link rows (not the records themselves), so reading them loads ids only.
    decision_links: Mapped[list["InvolvementDecision"]] = _links(
        "InvolvementDecision", "decision_id"
    )
    event_links: Mapped[list["InvolvementEvent"]] = _links("InvolvementEvent", "event_id")
    hearing_links: Mapped[list["InvolvementHearing"]] = _links("InvolvementHearing", "hearing_id")
    submission_links: Mapped[list["InvolvementSubmission"]] = _links(
        "InvolvementSubmission", "submission_id"
    )
    goal_links: Mapped[list["InvolvementGoal"]] = _links("InvolvementGoal", "goal_id")
    idea_links: Mapped[list["InvolvementIdea"]] = _links("InvolvementIdea", "idea_id")

    @property
    def participant_ids(self) -> list[uuid.UUID]:
        return [p.id for p in self.participants]

    @property
    def decision_ids(self) -> list[uuid.UUID]:
        return [link.decision_id for link in self.decision_links]

    @property
    def event_ids(self) -> list[uuid.UUID]:
        return [link.event_id for link in self.event_links]

    @property
    def hearing_ids(self) -> list[uuid.UUID]:
        return [link.hearing_id for link in self.hearing_links]

    @property
    def submission_ids(self) -> list[uuid.UUID]:
        return [link.submission_id for link in self.submission_links]

    @property
    def goal_ids(self) -> list[uuid.UUID]:
        return [link.goal_id for link in self.goal_links]

    @property
    def idea_ids(self) -> list[uuid.UUID]:
        return [link.idea_id for link in self.idea_links]

    @property
    def participant_count(self) -> int:
        return len(self.participants)


class _Link(Base):
    """One record an involvement concerns: a row of an `involvement_<record>` link table."""

    __abstract__ = True

    involvement_id: Mapped[uuid.UUID]


class InvolvementDecision(_Link):
    __table__ = involvement_decision
    decision_id: Mapped[uuid.UUID]


class InvolvementEvent(_Link):
    __table__ = involvement_event
    event_id: Mapped[uuid.UUID]


class InvolvementHearing(_Link):
    __table__ = involvement_hearing
    hearing_id: Mapped[uuid.UUID]


class InvolvementSubmission(_Link):
    __table__ = involvement_submission
    submission_id: Mapped[uuid.UUID]


class InvolvementGoal(_Link):
    __table__ = involvement_goal
    goal_id: Mapped[uuid.UUID]


class InvolvementIdea(_Link):
    __table__ = involvement_idea
    idea_id: Mapped[uuid.UUID]
