from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import Affiliation


class Person(Record, InProgramme, ExternallyKeyed, Base):
    __tablename__ = "person"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's people by name (the list's default order, and every picker).
        Index("ix_person_programme_id_name_id", "programme_id", "name", "id"),
    )

    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    organisation_unit: Mapped[str | None] = mapped_column(String(200), index=True)
    municipality_number: Mapped[str | None] = mapped_column(String(4), index=True)
    affiliation: Mapped[Affiliation] = mapped_column(EnumText(Affiliation, 32), index=True)
    # Union membership is special-category personal data (GDPR art. 9): its own column,
    # so that access rules can guard it apart from the rest of the person.
    union: Mapped[str | None] = mapped_column(String(200))
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
