import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from samskap.kit.schemas import RecordRead, page_model


class StoredFileRead(RecordRead):
    """An uploaded file: its name, its type as read from its content, its size and SHA-256.
    Its content is at `/files/{id}/content`."""

    programme_id: uuid.UUID = Field(description="The programme the file belongs to")
    filename: str = Field(
        description="The file's name as uploaded; for an observer, a file of a document exempt "
        "from public access is named by its id only"
    )
    content_type: str = Field(
        description="The media type read from the content (PDF, PNG, JPEG, DOCX, XLSX, PPTX or "
        "UTF-8 text), e.g. application/pdf"
    )
    size: int = Field(description="The size in bytes")
    sha256: str = Field(description="SHA-256 of the content, in hex; also the ETag of the content")
    uploaded_by: str | None = Field(description="Who uploaded it (the user's e-mail address)")
    exempt_from_public_access: bool = Field(
        False,
        description="A document of the register that is exempt from public access uses the "
        "file: observers may not download it",
    )


StoredFilePage = page_model(StoredFileRead, "StoredFilePage")


class FileUse(BaseModel):
    """Where a file is used (answered with 409 on delete)."""

    documents: int = Field(description="Documents of the register that use the file")
    submission_versions: int = Field(description="Submission versions that attach the file")


__all__ = ["FileUse", "StoredFilePage", "StoredFileRead", "datetime"]
