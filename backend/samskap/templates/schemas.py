import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    Title,
    page_model,
    update_model,
)

SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Key = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=SLUG)
]


class TemplateSection(InputModel):
    """One section of a template, in the order the sections are listed."""

    key: Key = Field(
        description="The section's key: lower-case letters, digits, `-` and `_` (a slug), unique "
        "in the template; a version's `sections` are keyed by it"
    )
    title: Title = Field(description="The section's heading")
    guidance: LongText | None = Field(None, description="What the section should say")
    max_length: int | None = Field(
        None,
        ge=1,
        le=200_000,
        description="The most characters a version's text for the section may hold; none: no limit",
    )


class RequiredAttachment(InputModel):
    """An attachment every version must carry before it is submitted (e.g. an org chart)."""

    key: Key = Field(
        description="The attachment's key (a slug), unique in the template; a version's file "
        "names it as `attachment_key`"
    )
    title: Title = Field(description="What the attachment is")
    description: LongText | None = Field(None, description="More about what is required")


class TemplateCreate(InputModel):
    """A template (mal) a submission follows: guidance, ordered sections with a maximum
    length, and the attachments it requires."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Mal for innspill",
                    "guidance": "Innspillet skal være på maks 2 sider pluss organisasjonskart.",
                    "sections": [
                        {"key": "organisering", "title": "Organisasjons- og ledernivåer"},
                        {"key": "ansvar", "title": "Ansvar og oppgaver", "max_length": 2000},
                    ],
                    "required_attachments": [{"key": "org-kart", "title": "Organisasjonskart"}],
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the template belongs to")
    title: Title = Field(description="The template's name")
    guidance: LongText | None = Field(None, description="How to fill in the template")
    sections: list[TemplateSection] = Field(
        default_factory=list, max_length=100, description="The sections, in order"
    )
    required_attachments: list[RequiredAttachment] = Field(
        default_factory=list,
        max_length=50,
        description="The attachments a version must carry before it is submitted",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


TemplateUpdate = update_model(TemplateCreate, "TemplateUpdate", exclude={"programme_id"})


class TemplateSectionRead(BaseModel):
    """One section of a template."""

    key: str = Field(description="The section's key, unique in the template")
    title: str = Field(description="The section's heading")
    guidance: str | None = Field(None, description="What the section should say")
    max_length: int | None = Field(
        None, description="The most characters a version's text may hold; null: no limit"
    )


class RequiredAttachmentRead(BaseModel):
    """An attachment a version must carry before it is submitted."""

    key: str = Field(description="The attachment's key, unique in the template")
    title: str = Field(description="What the attachment is")
    description: str | None = Field(None, description="More about what is required")


class TemplateRead(RecordRead, describe_from=TemplateCreate):
    programme_id: uuid.UUID
    title: str
    guidance: str | None
    sections: list[TemplateSectionRead]
    required_attachments: list[RequiredAttachmentRead]
    external_id: str | None


TemplatePage = page_model(TemplateRead, "TemplatePage")
