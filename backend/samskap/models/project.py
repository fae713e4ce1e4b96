import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import Health, MandateStatus, ProjectCategory, ProjectStatus


class Project(Record, InProgramme, ExternallyKeyed, Base):
    __tablename__ = "project"
    __table_args__ = (
        UniqueConstraint("programme_id", "code"),
        UniqueConstraint("programme_id", "external_id"),
    )

    code: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[ProjectCategory] = mapped_column(EnumText(ProjectCategory, 32), index=True)
    mandate_text: Mapped[str | None] = mapped_column(Text)
    mandate_status: Mapped[MandateStatus] = mapped_column(EnumText(MandateStatus, 32), index=True)
    mandate_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mandate_approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    # The decision that approved the mandate; decisions also refer to projects, hence use_alter.
    mandate_decision_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("decision.id", ondelete="SET NULL", use_alter=True), index=True
    )
    leader_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    leader_allocation_percent: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[ProjectStatus] = mapped_column(EnumText(ProjectStatus, 32), index=True)
    health: Mapped[Health] = mapped_column(EnumText(Health, 32), index=True)
    health_explanation: Mapped[str | None] = mapped_column(Text)
    concerns_nav: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    starts_on: Mapped[date | None] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date, index=True)
