"""Building blocks for request and response schemas."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Percent = Annotated[int, Field(ge=0, le=100)]
MunicipalityNumber = Annotated[
    str, StringConstraints(pattern=r"^\d{4}$"), Field(description="Kommunenummer, four digits")
]


class InputModel(BaseModel):
    """Request bodies: unknown fields are refused so that typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class RecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Grows on every change; the ETag is this number")


def update_model(
    create: type[BaseModel], name: str, *, exclude: set[str] = frozenset(), doc: str | None = None
) -> type[BaseModel]:
    """A JSON Merge Patch body: every field of `create` optional, `null` clears it."""
    fields: dict[str, Any] = {}
    for field_name, info in create.model_fields.items():
        if field_name in exclude:
            continue
        fields[field_name] = (
            info.rebuild_annotation() | None,
            Field(None, description=info.description),
        )
    model = create_model(
        name,
        __base__=InputModel,
        __doc__=doc or f"Changes to apply. {create.__doc__ or ''}".strip(),
        **fields,
    )
    return model


def page_model(read: type[BaseModel], name: str) -> type[BaseModel]:
    return create_model(
        name,
        __doc__="One page of a list; pass next_cursor as cursor to get the next page.",
        items=(list[read], ...),
        next_cursor=(str | None, Field(None, description="null on the last page")),
    )
