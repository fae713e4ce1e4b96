import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
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
from samskap.models.person import Person

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
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

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

    @property
    def participant_ids(self) -> list[uuid.UUID]:
        return [p.id for p in self.participants]

    @property
    def participant_count(self) -> int:
        return len(self.participants)
