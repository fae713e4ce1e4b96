"""Hearings (høringer) of a document or a submission version, their invited parties and their
responses (høringsuttalelser) with their handling."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.document import StoredFile
from samskap.models.enums import HearingHandling, HearingParty, HearingStatus


class Hearing(Record, InProgramme, ExternallyKeyed, Base):
    """A hearing: what is heard, the letter, who is invited and by when they answer."""

    __tablename__ = "hearing"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    title: Mapped[str] = mapped_column(String(300), index=True)
    matter: Mapped[str | None] = mapped_column(Text)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    concerns_employees: Mapped[bool] = mapped_column(Boolean, default=False)
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("document.id"), index=True)
    submission_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("submission_version.id"), index=True
    )
    letter: Mapped[str | None] = mapped_column(Text)
    letter_document_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("document.id"), index=True
    )
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[HearingStatus] = mapped_column(EnumText(HearingStatus, 16), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    invitees: Mapped[list["HearingInvitee"]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="HearingInvitee.position",
        back_populates="hearing",
    )


class HearingInvitee(Record, InProgramme, Base):
    """A party invited to a hearing: a group, a person, or a party named in text (a union)."""

    __tablename__ = "hearing_invitee"

    hearing_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("hearing.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    party: Mapped[HearingParty] = mapped_column(EnumText(HearingParty, 40), index=True)
    name: Mapped[str | None] = mapped_column(String(300))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)

    hearing: Mapped[Hearing] = relationship(lazy="raise", back_populates="invitees")


hearing_response_file = Table(
    "hearing_response_file",
    Base.metadata,
    Column("response_id", ForeignKey("hearing_response.id", ondelete="CASCADE"), primary_key=True),
    Column("file_id", ForeignKey("stored_file.id"), primary_key=True, index=True),
)


class HearingResponse(Record, InProgramme, Base):
    """A response to a hearing: from whom, on behalf of which party, its text and attachments,
    when it came, and how it was handled. Mirrored by an involvement record of form
    `hearing`."""

    __tablename__ = "hearing_response"

    hearing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hearing.id"), index=True)
    from_name: Mapped[str] = mapped_column(String(300))
    from_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    on_behalf_of: Mapped[str | None] = mapped_column(String(300))
    invitee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("hearing_invitee.id"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    handling: Mapped[HearingHandling | None] = mapped_column(
        EnumText(HearingHandling, 32), index=True
    )
    handling_comment: Mapped[str | None] = mapped_column(Text)
    involvement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("involvement.id"), index=True
    )

    files: Mapped[list[StoredFile]] = relationship(
        secondary=hearing_response_file, lazy="raise", order_by=StoredFile.filename
    )

    @property
    def file_ids(self) -> list[uuid.UUID]:
        return [f.id for f in self.files]
