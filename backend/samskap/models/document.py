"""Files, the programme's document register, templates and submissions with versions."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import DocumentKind, PublicAccess, VersionStatus


class StoredFile(Record, InProgramme, Base):
    """An uploaded file: its name, its type as read from its content, its size and SHA-256.

    The content is kept in the database in chunks (`file_chunk`), so every API process of a
    deployment reads the same files and no process holds a whole file in memory."""

    __tablename__ = "stored_file"

    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by: Mapped[str | None] = mapped_column(String(320))


class FileChunk(Base):
    """One piece of a stored file's content, in order."""

    __tablename__ = "file_chunk"

    file_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("stored_file.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Record, InProgramme, ExternallyKeyed, Base):
    """An entry of the programme's document register (referanseliste), with its status under
    offentleglova."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's documents, newest first; those without a date after them.
        Index("ix_document_programme_id_document_date_id", "programme_id", "document_date", "id"),
    )

    title: Mapped[str] = mapped_column(String(500), index=True)
    kind: Mapped[DocumentKind] = mapped_column(EnumText(DocumentKind, 32), index=True)
    document_date: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    author_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    version_label: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    public_access: Mapped[PublicAccess] = mapped_column(EnumText(PublicAccess, 16), index=True)
    exemption_basis: Mapped[str | None] = mapped_column(String(300))
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    decision_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("decision.id"), index=True)
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event.id"), index=True)


class Template(Record, InProgramme, ExternallyKeyed, Base):
    """A template (mal) a submission follows: guidance, ordered sections with a maximum
    length, and the attachments it requires (e.g. an org chart)."""

    __tablename__ = "template"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    title: Mapped[str] = mapped_column(String(300), index=True)
    guidance: Mapped[str | None] = mapped_column(Text)
    # [{"key", "title", "guidance", "max_length"}], in order.
    sections: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # [{"key", "title", "description"}]
    required_attachments: Mapped[list[dict]] = mapped_column(JSON, default=list)


class Submission(Record, InProgramme, ExternallyKeyed, Base):
    """What a project or group hands in against a template (innspill, arbeidsbok), version by
    version."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    title: Mapped[str] = mapped_column(String(300), index=True)
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("template.id"), index=True)
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)


submission_version_file = Table(
    "submission_version_file",
    Base.metadata,
    Column("version_id", ForeignKey("submission_version.id", ondelete="CASCADE"), primary_key=True),
    Column("file_id", ForeignKey("stored_file.id"), primary_key=True, index=True),
    Column("attachment_key", String(100)),
)


class SubmissionVersion(Record, InProgramme, Base):
    """One version of a submission (1, 2, 3, final): its section texts and attachments,
    answering a deadline; frozen once submitted."""

    __tablename__ = "submission_version"
    __table_args__ = (UniqueConstraint("submission_id", "label"),)

    submission_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    deadline_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deadline.id"), index=True)
    # {"<section key>": "text"}
    sections: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    status: Mapped[VersionStatus] = mapped_column(EnumText(VersionStatus, 16), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    submitted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    recipient_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
