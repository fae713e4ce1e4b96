import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import GroupKind, MandateStatus, MemberRole, Party


class Group(Record, InProgramme, ExternallyKeyed, Base):
    __tablename__ = "group"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    kind: Mapped[GroupKind] = mapped_column(EnumText(GroupKind, 40), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    mandate_text: Mapped[str | None] = mapped_column(Text)
    mandate_status: Mapped[MandateStatus] = mapped_column(EnumText(MandateStatus, 32), index=True)
    mandate_decision_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("decision.id", ondelete="SET NULL", use_alter=True), index=True
    )


class GroupMember(Record, InProgramme, Base):
    __tablename__ = "group_member"

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[MemberRole] = mapped_column(EnumText(MemberRole, 32), index=True)
    party: Mapped[Party] = mapped_column(EnumText(Party, 32), index=True)
    municipality_number: Mapped[str | None] = mapped_column(String(4), index=True)
    allocation_percent: Mapped[int | None] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
