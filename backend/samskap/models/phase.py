import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import PhaseStatus


class Phase(Record, InProgramme, ExternallyKeyed, Base):
    __tablename__ = "phase"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    activities: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[PhaseStatus] = mapped_column(EnumText(PhaseStatus, 32), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    expected_results: Mapped[list["ExpectedResult"]] = relationship(
        lazy="raise",
        order_by="(ExpectedResult.position, ExpectedResult.id)",
        viewonly=True,
    )


class ExpectedResult(Record, InProgramme, Base):
    """One line of a phase's checklist of expected results."""

    __tablename__ = "expected_result"

    phase_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("phase.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    waived: Mapped[bool] = mapped_column(Boolean, default=False)
    waived_reason: Mapped[str | None] = mapped_column(Text)
