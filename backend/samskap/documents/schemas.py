import uuid
from datetime import date
from typing import Annotated

from pydantic import AnyHttpUrl, ConfigDict, Field, StringConstraints

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import DocumentKind, PublicAccess

DocumentTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
]
Basis = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class DocumentCreate(InputModel):
    """An entry of the programme's document register (referanseliste): a decision, note,
    agreement, hearing letter or response, minutes, presentation, plan or report, with a file
    or a link, and its status under offentleglova."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Notat: Prosess for organisering av tjenesteområdene",
                    "kind": "note",
                    "document_date": "2018-08-21",
                    "author": "Rådmannen",
                    "file_id": "0193a0e4-7c1e-7000-8000-000000000009",
                    "public_access": "exempt",
                    "exemption_basis": "offl. § 14",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the document belongs to")
    title: DocumentTitle = Field(description="The document's title")
    kind: DocumentKind = Field(description="What kind of document it is")
    document_date: date | None = Field(None, description="The document's date")
    author: Name | None = Field(
        None, description="The body or person who wrote it, as text (or give author_group_id)"
    )
    author_group_id: uuid.UUID | None = Field(
        None, description="The group (body) of the programme that wrote it"
    )
    version_label: Label | None = Field(None, description="Its version, e.g. 2 or «endelig»")
    description: LongText | None = Field(None, description="What the document is about")
    file_id: uuid.UUID | None = Field(
        None, description="The uploaded file (POST /files); give this or url, or both"
    )
    url: AnyHttpUrl | None = Field(
        None, description="Where to read it (http or https only); give this or file_id, or both"
    )
    public_access: PublicAccess = Field(
        PublicAccess.public, description="Whether the public may see it (offentleglova)"
    )
    exemption_basis: Basis | None = Field(
        None,
        description="The legal basis of the exemption, e.g. «offl. § 14» or «offl. § 13 jf. "
        "fvl. § 13»; required when exempt, cleared when public",
    )
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    decision_id: uuid.UUID | None = Field(None, description="The decision it concerns, if any")
    event_id: uuid.UUID | None = Field(
        None, description="The event (meeting, gathering) it concerns, if any"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


DocumentUpdate = update_model(DocumentCreate, "DocumentUpdate", exclude={"programme_id"})


class DocumentRead(RecordRead, describe_from=DocumentCreate):
    programme_id: uuid.UUID
    title: str
    kind: DocumentKind
    document_date: date | None
    author: str | None
    author_group_id: uuid.UUID | None
    version_label: str | None
    description: str | None
    file_id: uuid.UUID | None
    url: str | None
    public_access: PublicAccess
    exemption_basis: str | None
    project_id: uuid.UUID | None
    decision_id: uuid.UUID | None
    event_id: uuid.UUID | None
    external_id: str | None
    withheld: bool = Field(
        False,
        description="True when the document is exempt from public access and you read it as an "
        "observer: only its title, kind, date and exemption basis are shown",
    )


DocumentPage = page_model(DocumentRead, "DocumentPage")
