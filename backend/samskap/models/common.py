"""Columns every record carries: a v7 UUID, timestamps and the version behind its ETag."""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import ForeignKey, FromClause, Integer, String, Uuid
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.kit.types import UTCDateTime

# Columns whose values never leave their table: not in the audit trail's snapshots, not in
# outbound events.
SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "refresh_token_hash", "secret"})


class Record:
    if TYPE_CHECKING:
        # As the declarative base (which every record also derives from) declares them, so
        # that code generic over records sees them.
        __tablename__: Any
        __table__: ClassVar[FromClause]

        def __init__(self, **kw: Any) -> None: ...

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        # UPDATE ... WHERE version = :seen, so concurrent writers cannot both win.
        return {"version_id_col": cls.version}


class InProgramme:
    """Records owned by one programme; every reference they hold stays inside it."""

    @declared_attr
    def programme_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("programme.id"), index=True)


class ExternallyKeyed:
    """`external_id` is the caller's own key, unique per programme, so imports can re-run.

    Indexed on its own too: every list filters by it, also across programmes."""

    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
