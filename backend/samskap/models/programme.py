from datetime import date

from sqlalchemy import JSON, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText
from samskap.models.common import ExternallyKeyed, Record
from samskap.models.enums import ProgrammeStatus


class Programme(Record, ExternallyKeyed, Base):
    __tablename__ = "programme"
    __table_args__ = (UniqueConstraint("external_id"),)

    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    vision: Mapped[str | None] = mapped_column(Text)
    owner_organisation: Mapped[str | None] = mapped_column(String(200), index=True)
    # [{"name": "Ski", "number": "0213"}, ...]: a short, fixed list read with the programme.
    municipalities: Mapped[list[dict]] = mapped_column(JSON, default=list)
    starts_on: Mapped[date | None] = mapped_column(Date)
    target_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[ProgrammeStatus] = mapped_column(EnumText(ProgrammeStatus, 32), index=True)
    # Reminders of a deadline go out this many days before it is due.
    reminder_days_before: Mapped[int] = mapped_column(Integer, default=3, server_default="3")

    def municipality_numbers(self) -> set[str]:
        return {m["number"] for m in self.municipalities or []}
