"""Building blocks for request and response schemas."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

from samskap.kit.text import has_control_character

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Percent = Annotated[int, Field(ge=0, le=100)]
MunicipalityNumber = Annotated[
    str, StringConstraints(pattern=r"^\d{4}$"), Field(description="Kommunenummer, four digits")
]


EXTERNAL_ID = (
    "Your own key for the record, e.g. its id in the system it was imported from; unique in "
    "the programme, so that a re-run import finds the record instead of adding another"
)


class InputModel(BaseModel):
    """Request bodies: unknown fields are refused so that typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # NUL and the like have no place in text; PostgreSQL refuses NUL outright.
        if has_control_character(value):
            raise PydanticCustomError(
                "control_character",
                "must not contain control characters such as NUL (tab and line breaks are fine)",
            )
        return value


class RecordRead(BaseModel):
    """A stored record as the API answers it.

    `class ThingRead(RecordRead, describe_from=ThingCreate)` takes the description of the
    schema and of each field it shares with `ThingCreate` (whose Update copies them too), so
    that a field is described once, where it is written.
    """

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The record's id, a UUID (version 7, so ids grow in time)")
    created_at: datetime = Field(description="When the record was created")
    updated_at: datetime = Field(description="When the record last changed")
    version: int = Field(
        description="Grows by one on every change; the ETag header is this number in quotes, "
        "to send as If-Match"
    )

    def __init_subclass__(cls, describe_from: type[BaseModel] | None = None, **kwargs: Any):
        super().__init_subclass__(**kwargs)

    @classmethod
    def __pydantic_init_subclass__(
        cls, describe_from: type[BaseModel] | None = None, **kwargs: Any
    ) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if describe_from is None:
            return
        if not cls.__doc__:
            cls.__doc__ = describe_from.__doc__
        for name, info in cls.model_fields.items():
            source = describe_from.model_fields.get(name)
            if info.description is None and source is not None:
                info.description = source.description
        cls.model_rebuild(force=True)


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
        items=(list[read], Field(description="The records of this page, in the list's order")),
        next_cursor=(
            str | None,
            Field(
                None,
                description="Pass this as `cursor` (with the same filters and sort) for the "
                "next page; null on the last page",
            ),
        ),
    )
