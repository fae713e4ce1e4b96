"""Participation: employees' ideas (forbedringsforslag) and the link they come in by, support
for ideas, the records an involvement concerns, and a project's planned involvements."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.clock import local_today
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import (
    IdeaChannel,
    IdeaStatus,
    InvolvementForm,
    PlannedInvolvementStatus,
    StakeholderKind,
)


class ParticipationLink(Record, InProgramme, Base):
    """A programme's participation link: employees without an account submit ideas through it.

    Only the SHA-256 of the link's token is kept; the link itself is shown once.
    """

    __tablename__ = "participation_link"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(300))
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Idea(Record, InProgramme, ExternallyKeyed, Base):
    """An improvement idea (forbedringsforslag) and how it was followed up.

    An anonymous idea keeps no name, address or account of who sent it.
    """

    __tablename__ = "idea"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's ideas, newest first (the list's default order, read backwards).
        Index("ix_idea_programme_id_received_at_id", "programme_id", "received_at", "id"),
    )

    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    status: Mapped[IdeaStatus] = mapped_column(EnumText(IdeaStatus, 32), index=True)
    channel: Mapped[IdeaChannel] = mapped_column(EnumText(IdeaChannel, 16), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Who sent it: a person of the programme, or a name given through the link; neither for
    # an anonymous idea.
    submitter_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    submitter_name: Mapped[str | None] = mapped_column(String(200))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # The submitter follows the idea through a receipt link; only its SHA-256 is kept.
    receipt_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    assessor_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    assessor_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    assessment: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    measure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("measure.id"), index=True)
    task_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("task.id"), index=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class IdeaStatusChange(Record, InProgramme, Base):
    """One step in an idea's follow-up, shown to the submitter through the receipt link."""

    __tablename__ = "idea_status_change"

    idea_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[IdeaStatus] = mapped_column(EnumText(IdeaStatus, 32))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    # Why it is not pursued, for a change to `not_pursued` (required there).
    reason: Mapped[str | None] = mapped_column(Text)
    # The meeting at which the change was decided (e.g. the three-party forum's), if any.
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )


class IdeaSupport(Base):
    """A person of the programme supports an idea; one support per person."""

    __tablename__ = "idea_support"

    idea_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True
    )
    supported_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _involvement_link(name: str, target: str) -> Table:
    return Table(
        f"involvement_{name}",
        Base.metadata,
        Column(
            "involvement_id", ForeignKey("involvement.id", ondelete="CASCADE"), primary_key=True
        ),
        Column(
            f"{name}_id",
            ForeignKey(f"{target}.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


# The records an involvement concerns (the trail behind a decision, meeting, hearing ...).
involvement_decision = _involvement_link("decision", "decision")
involvement_event = _involvement_link("event", "event")
involvement_hearing = _involvement_link("hearing", "hearing")
involvement_submission = _involvement_link("submission", "submission")
involvement_goal = _involvement_link("goal", "goal")
involvement_idea = _involvement_link("idea", "idea")


class PlannedInvolvement(Record, InProgramme, ExternallyKeyed, Base):
    """One entry of a project's involvement plan (seed 000): who, how, when, about what, and
    who is responsible; fulfilled by the involvement that recorded it."""

    __tablename__ = "planned_involvement"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's involvement plan by planned day (the list's default order).
        Index(
            "ix_planned_involvement_programme_id_planned_on_id", "programme_id", "planned_on", "id"
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("project.id"), index=True)
    matter: Mapped[str] = mapped_column(Text)
    stakeholder_kind: Mapped[StakeholderKind] = mapped_column(
        EnumText(StakeholderKind, 40), index=True
    )
    form: Mapped[InvolvementForm] = mapped_column(EnumText(InvolvementForm, 32), index=True)
    planned_on: Mapped[date] = mapped_column(Date, index=True)
    responsible_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    # The decision it must come before, if the plan says so.
    decision_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("decision.id"), index=True)
    status: Mapped[PlannedInvolvementStatus] = mapped_column(
        EnumText(PlannedInvolvementStatus, 16), index=True
    )
    involvement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("involvement.id", ondelete="SET NULL"), unique=True
    )
    cancelled_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def overdue(self) -> bool:
        """Still planned and its day has passed in Oslo; computed on every read."""
        today = local_today()
        return self.status == PlannedInvolvementStatus.planned and self.planned_on < today
