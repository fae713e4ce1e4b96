import uuid
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from samskap.kit.schemas import InputModel, Name, RecordRead
from samskap.models.enums import TokenScope


class ApiTokenCreate(InputModel):
    """A token for an integration (intranet, import script), scoped to one programme."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "name": "Intranett: frister og grupper",
                    "scope": "read",
                    "expires_at": "2027-06-30T00:00:00+02:00",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(
        description="The one programme the token works in; you must administer it"
    )
    name: Name = Field(description="What the token is for, e.g. the integration that uses it")
    scope: TokenScope = Field(TokenScope.read, description="What the token may do")
    expires_at: AwareDatetime | None = Field(
        None, description="Defaults to 90 days from now; at most two years ahead"
    )


class ApiTokenRead(RecordRead, describe_from=ApiTokenCreate):
    programme_id: uuid.UUID
    name: str
    prefix: str = Field(description="The first characters of the token, to recognise it")
    scope: TokenScope
    expires_at: datetime = Field(description="When the token stops working")
    revoked_at: datetime | None = Field(
        description="When the token was revoked; a revoked token no longer works"
    )
    last_used_at: datetime | None = Field(
        description="When the token was last used (to the minute); null if never"
    )
    created_by_id: uuid.UUID | None = Field(description="The user who created the token")


class ApiTokenCreated(ApiTokenRead):
    """A new API token, with its secret."""

    token: str = Field(description="The secret, shown this once; only its hash is kept")


class ApiTokenPage(BaseModel):
    """One page of a list; pass next_cursor as cursor to get the next page."""

    items: list[ApiTokenRead] = Field(description="The tokens of this page, in the list's order")
    next_cursor: str | None = Field(
        None,
        description="Pass this as `cursor` (with the same filters and sort) for the next page; "
        "null on the last page",
    )
