"""Building blocks for request and response schemas."""

import re
import uuid
from collections.abc import Collection
from datetime import date, datetime
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from email_validator import SPECIAL_USE_DOMAIN_NAMES
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError

from samskap.kit.text import document_plain_text, has_control_character

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Percent = Annotated[int, Field(ge=0, le=100)]
MunicipalityNumber = Annotated[
    str, StringConstraints(pattern=r"^\d{4}$"), Field(description="Kommunenummer, four digits")
]

# An address of plain ASCII letters in the forms that email_validator accepts and returns
# unchanged: a dot-atom local part of at most 64 characters, a lower-case domain of LDH
# labels ending in a top-level domain of letters. Anything else (upper case in the domain,
# Unicode, quoting, «Name <address>», a special-use domain) goes to email_validator itself.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_PLAIN_EMAIL = re.compile(
    rf"(?P<local>{_ATEXT}{{1,64}}(?:\.{_ATEXT}+)*)"
    r"@(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})",
    re.ASCII,
)


def _is_plain_email(value: str) -> bool:
    match = _PLAIN_EMAIL.fullmatch(value)
    if match is None or len(value) > 254 or len(match["local"]) > 64:
        return False
    domain = match["domain"]
    return len(domain) <= 253 and "--" not in domain and not _special_use(domain)


def _special_use(domain: str) -> bool:
    """Whether the domain is a special-use name or under one: the whole domain, then what
    follows each of its dots, looked up in email_validator's list."""
    while True:
        if domain in SPECIAL_USE_DOMAIN_NAMES:
            return True
        _, dot, domain = domain.partition(".")
        if not dot:
            return False


def _plain_email_first(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    return value if isinstance(value, str) and _is_plain_email(value) else handler(value)


# EmailStr, with the common case answered without email_validator's Unicode checks (a third
# of an imported person's time): the same addresses accepted, the same value returned.
Email = Annotated[EmailStr, WrapValidator(_plain_email_first)]


EXTERNAL_ID = (
    "Your own key for the record, e.g. its id in the system it was imported from; unique in "
    "the programme, so that a re-run import finds the record instead of adding another"
)


class InputModel(BaseModel):
    """Request bodies: unknown fields are refused so that typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        for prop in schema.get("properties", {}).values():
            document_plain_text(prop)
        return schema

    @model_validator(mode="before")
    @classmethod
    def _dates_are_text(cls, data: Any) -> Any:
        # A date or a time is written as text (RFC 3339), never as a number of seconds.
        if not isinstance(data, dict):
            return data
        errors = [
            InitErrorDetails(type=_TIMESTAMP, loc=(name,), input=data[name])
            for name in _time_fields(cls)
            if name in data and _is_number(data[name])
        ]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return data

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


_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


_TIMESTAMP = PydanticCustomError(
    "date_format", "give a date as YYYY-MM-DD and a time as RFC 3339, not a number"
)


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and _NUMBER.fullmatch(value) is not None
    )


def _mentions_time(annotation: Any) -> bool:
    if annotation in (date, datetime, AwareDatetime):
        return True
    return any(_mentions_time(a) for a in get_args(annotation))


# The fields of each input model whose type mentions a date or a time: looking through a
# type is not cheap, and a model's fields do not change once it is built.
_TIME_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _time_fields(model: type[BaseModel]) -> tuple[str, ...]:
    names = _TIME_FIELDS.get(model)
    if names is None:
        names = _TIME_FIELDS[model] = tuple(
            name for name, field in model.model_fields.items() if _mentions_time(field.annotation)
        )
    return names


def refuse_timestamp(value: Any) -> Any:
    """Dates and times come as RFC 3339 text; a number (of seconds since 1970) is refused."""
    if _is_number(value):
        raise _TIMESTAMP
    return value


IsoDate = Annotated[date, BeforeValidator(refuse_timestamp)]
IsoDateTime = Annotated[datetime, BeforeValidator(refuse_timestamp)]
AwareIsoDateTime = Annotated[AwareDatetime, BeforeValidator(refuse_timestamp)]


def accepts_none(annotation: Any) -> bool:
    """Whether a field's type admits null."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return accepts_none(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return any(accepts_none(a) for a in get_args(annotation))
    return annotation is None or annotation is type(None) or annotation is Any


def _not_null(value: Any) -> Any:
    # A field that cannot be empty: left out it stays as it is, null is refused by name.
    if value is None:
        raise PydanticCustomError("not_nullable", "may not be null; leave the field out instead")
    return value


def _drop_null_defaults(schema: dict[str, Any]) -> None:
    """Update schemas: a field left out is unchanged, so no field has a default to show."""
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class MergePatch(InputModel):
    """The body of a PATCH (JSON Merge Patch, RFC 7396)."""

    model_config = ConfigDict(json_schema_extra=_drop_null_defaults)


def update_model(
    create: type[BaseModel],
    name: str,
    *,
    exclude: Collection[str] = frozenset(),
    doc: str | None = None,
) -> type[BaseModel]:
    """A JSON Merge Patch body: every field of `create` optional; `null` clears a field that
    may be empty, and only such a field accepts it."""
    fields: dict[str, Any] = {}
    for field_name, info in create.model_fields.items():
        if field_name in exclude:
            continue
        annotation = info.rebuild_annotation()
        fields[field_name] = (
            annotation
            if accepts_none(info.annotation)
            else Annotated[annotation, BeforeValidator(_not_null)],
            Field(None, description=info.description),
        )
    model = create_model(
        name,
        __base__=MergePatch,
        __doc__=doc or f"Changes to apply. {create.__doc__ or ''}".strip(),
        **fields,
    )
    return model


def page_model(read: type[BaseModel], name: str) -> type[BaseModel]:
    return create_model(
        name,
        __doc__="One page of a list; pass next_cursor as cursor to get the next page.",
        items=(
            # `read` is a model given at run time, which no checker can follow.
            list[read],  # type: ignore[valid-type]
            Field(description="The records of this page, in the list's order"),
        ),
        next_cursor=(
            str | None,
            Field(
                None,
                description="Pass this as `cursor` (with the same filters and sort) for the "
                "next page; null on the last page",
            ),
        ),
    )
