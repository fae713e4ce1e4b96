import uuid
from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import DeadlineKind, DeadlineStatus


class Deadline(Record, InProgramme, ExternallyKeyed, Base):
    """A frist: what is due, from whom, to whom, by when."""

    __tablename__ = "deadline"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's deadlines by due time (the list's default order).
        Index("ix_deadline_programme_id_due_at_id", "programme_id", "due_at", "id"),
        # Its open (or submitted, ...) deadlines in the same order.
        Index(
            "ix_deadline_programme_id_status_due_at_id", "programme_id", "status", "due_at", "id"
        ),
        # A project's deadlines in the same order (the programme leads: every list has it).
        Index(
            "ix_deadline_programme_id_project_id_due_at_id",
            "programme_id",
            "project_id",
            "due_at",
            "id",
        ),
    )

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    responsible_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    responsible_group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("group.id"), index=True
    )
    recipient_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    # A task given at a gathering (e.g. «Oppgave 2b»): the deadline answers it.
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event.id"), index=True)
    kind: Mapped[DeadlineKind] = mapped_column(EnumText(DeadlineKind, 32), index=True)
    status: Mapped[DeadlineStatus] = mapped_column(EnumText(DeadlineStatus, 32), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def overdue(self) -> bool:
        """Computed on every read, so it never goes stale."""
        return self.status == "open" and self.due_at < datetime.now(UTC)
