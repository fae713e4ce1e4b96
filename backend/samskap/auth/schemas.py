import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from samskap.kit.schemas import InputModel
from samskap.models.enums import ProgrammeRole


class PasswordGrant(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"grant_type": "password", "username": "admin@samskap.example", "password": "…"}
            ]
        }
    )

    grant_type: Literal["password"]
    username: str = Field(min_length=1, max_length=320, description="The account's e-mail")
    password: str = Field(min_length=1, max_length=1000)


class RefreshGrant(InputModel):
    grant_type: Literal["refresh_token"]
    refresh_token: str = Field(min_length=1, max_length=200)


TokenRequest = Annotated[PasswordGrant | RefreshGrant, Field(discriminator="grant_type")]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str = Field(
        description="Exchange for a new pair at /auth/token; revoked by logout"
    )


class LogoutRequest(InputModel):
    refresh_token: str | None = Field(
        None, max_length=200, description="Defaults to the session of the access token used"
    )


class MembershipBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    programme_id: uuid.UUID
    role: ProgrammeRole
    person_id: uuid.UUID | None


class Me(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID | None
    email: str | None
    name: str | None
    system_admin: bool
    via: str
    memberships: list[MembershipBrief]
    token_expires_at: datetime | None = None
