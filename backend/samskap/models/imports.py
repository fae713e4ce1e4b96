"""Imports: an uploaded file of records, the job that reads it, and what became of each row."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import InProgramme, Record
from samskap.models.enums import ImportMode, ImportOutcome, ImportResource, ImportStatus


class Import(Record, InProgramme, Base):
    """One uploaded file and the job that writes its rows into a programme.

    The file is kept with the job (deferred: lists never load it), so that any API process can
    run it in the background and a restarted one can run it again. `requested_by` is who sent
    it (`user:<id>` or `token:<id>`); with `idempotency_key` it makes a repeated request find
    the first one."""

    __tablename__ = "import_job"
    __table_args__ = (UniqueConstraint("requested_by", "idempotency_key"),)

    resource: Mapped[ImportResource] = mapped_column(EnumText(ImportResource, 32), index=True)
    filename: Mapped[str | None] = mapped_column(String(255))
    file_format: Mapped[str] = mapped_column(String(16))
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # SHA-256 of the file and the options, so that a reused Idempotency-Key with another
    # request is told apart from a repeat.
    request_digest: Mapped[str] = mapped_column(String(64))
    mode: Mapped[ImportMode] = mapped_column(EnumText(ImportMode, 32))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    background: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[ImportStatus] = mapped_column(EnumText(ImportStatus, 32), index=True)
    total_rows: Mapped[int | None] = mapped_column(Integer)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    # A problem with the whole file (unreadable, unknown column), as a problem's errors list.
    file_errors: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    requested_by: Mapped[str] = mapped_column(String(80), index=True)
    requested_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The worker running it writes this every few seconds; a running import whose heartbeat
    # has stopped belonged to a process that died, and is taken up again.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    cancel_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class ImportRow(Base):
    """What an import did with one row of its file (row numbers as a spreadsheet shows them:
    the header is row 1; in JSON, the item's position from 1)."""

    __tablename__ = "import_row"

    import_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("import_job.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[ImportOutcome] = mapped_column(EnumText(ImportOutcome, 16))
    external_id: Mapped[str | None] = mapped_column(String(200))
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # [{"column": ..., "code": ..., "detail": ...}] for a failed row.
    errors: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
