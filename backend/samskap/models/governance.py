"""Meetings and decisions: what the agreements require to be documented."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import Attendance, AttendanceReply, DecisionStatus, EventKind


class EventParticipant(Base):
    """An invited person, and whether they came (null until the meeting has been held)."""

    __tablename__ = "event_participant"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True
    )
    attendance: Mapped[Attendance | None] = mapped_column(EnumText(Attendance, 16))
    # The person's own answer before the meeting (null until they answer).
    reply: Mapped[AttendanceReply | None] = mapped_column(EnumText(AttendanceReply, 16))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Event(Record, InProgramme, ExternallyKeyed, Base):
    """A gathering, meeting or consultation meeting (drøftingsmøte) of a group or the programme."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's meetings by start (the list's default order, and -starts_at read backwards).
        Index("ix_event_programme_id_starts_at_id", "programme_id", "starts_at", "id"),
    )

    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[EventKind] = mapped_column(EnumText(EventKind, 32), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    agenda: Mapped[list[dict]] = mapped_column(JSON, default=list)
    minutes: Mapped[str | None] = mapped_column(Text)
    # A consultation meeting's protocol: matter, parties present, agreed, views, signed_at.
    protocol: Mapped[dict | None] = mapped_column(JSON)
    protocol_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    participants: Mapped[list["EventParticipant"]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EventParticipant.person_id",
    )


class Decision(Record, InProgramme, ExternallyKeyed, Base):
    """A vedtak of a body; accountability records are archived, never deleted."""

    __tablename__ = "decision"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's decisions, newest first (the list's default order, read backwards).
        Index("ix_decision_programme_id_decided_on_id", "programme_id", "decided_on", "id"),
    )

    body_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    decided_on: Mapped[date] = mapped_column(Date, index=True)
    case_number: Mapped[str | None] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    status: Mapped[DecisionStatus] = mapped_column(EnumText(DecisionStatus, 16), index=True)
    reorganisation: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    consultation_event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("event.id"), index=True
    )
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    override_reason: Mapped[str | None] = mapped_column(Text)
    overridden_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
