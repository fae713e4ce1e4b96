import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from samskap.kit.schemas import RecordRead, page_model
from samskap.models.enums import ImportMode, ImportOutcome, ImportResource, ImportStatus


class RowError(BaseModel):
    """Why a row was refused: the column, a stable code and words for people."""

    column: str | None = Field(
        description="The column (the API's field name) the error is about; null for the row "
        "as a whole"
    )
    code: str = Field(description="The same machine code the API gives for the same mistake")
    detail: str = Field(description="What is wrong, in English, for people reading logs")


class ImportRowError(RowError):
    """One error of one row."""

    row: int = Field(
        description="The row as a spreadsheet shows it (the header is row 1); in JSON, the "
        "item's position counted from 1"
    )


class ImportCounts(BaseModel):
    """How many rows had each outcome so far."""

    created: int = Field(description="Rows that created a record (or would, in a dry run)")
    updated: int = Field(description="Rows that changed a record (or would)")
    unchanged: int = Field(description="Rows whose record already had these values")
    failed: int = Field(description="Rows refused, with their errors")


class ImportRead(RecordRead):
    """An import: the file, its options, where it stands and what it did so far."""

    programme_id: uuid.UUID = Field(description="The programme the rows are written into")
    resource: ImportResource
    filename: str | None = Field(description="The uploaded file's name")
    file_format: str = Field(description="How the file was read: csv, xlsx, json, jsonl or zip")
    mode: ImportMode
    dry_run: bool = Field(description="Whether the rows were only checked, nothing written")
    background: bool = Field(
        description="Whether the import runs as a background job (files over the "
        "`import_background_rows` setting, 2,000 rows by default)"
    )
    status: ImportStatus
    total_rows: int | None = Field(description="Rows in the file; null until it has been read")
    rows_done: int = Field(description="Rows read and decided so far")
    counts: ImportCounts
    errors: list[ImportRowError] = Field(
        description="The first 100 errors of failed rows, by row; all of them at "
        "`/imports/{id}/rows?outcome=failed`"
    )
    errors_truncated: bool = Field(description="Whether there are more errors than listed")
    requested_by_user_id: uuid.UUID | None = Field(
        description="The user who sent the file (null for an API token)"
    )
    started_at: datetime | None = Field(description="When the rows began to be read")
    finished_at: datetime | None = Field(description="When the import finished, if it has")
    cancel_requested_at: datetime | None = Field(
        description="When someone asked to stop it, if anyone did"
    )


class ImportRowRead(BaseModel):
    """What the import did with one row of the file."""

    row: int = Field(description="The row as a spreadsheet shows it (the header is row 1)")
    outcome: ImportOutcome
    external_id: str | None = Field(description="The row's external_id, if it had one")
    record_id: uuid.UUID | None = Field(
        description="The record created, updated or found unchanged (null for a failed row "
        "and in a dry run for a row that would create one)"
    )
    errors: list[RowError] = Field(description="Why the row was refused (empty unless failed)")


ImportPage = page_model(ImportRead, "ImportPage")
ImportRowPage = page_model(ImportRowRead, "ImportRowPage")
