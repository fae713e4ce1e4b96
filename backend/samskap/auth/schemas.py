import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from samskap.kit.schemas import InputModel
from samskap.models.enums import ProgrammeRole


class PasswordGrant(InputModel):
    """Log in with e-mail and password; starts a new session."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"grant_type": "password", "username": "admin@samskap.example", "password": "…"}
            ]
        }
    )

    grant_type: Literal["password"] = Field(description="Always `password` for this grant")
    username: str = Field(min_length=1, max_length=320, description="The account's e-mail")
    password: str = Field(min_length=1, max_length=1000, description="The account's password")


class RefreshGrant(InputModel):
    """Exchange a refresh token for a new access token and a new refresh token."""

    grant_type: Literal["refresh_token"] = Field(
        description="Always `refresh_token` for this grant"
    )
    refresh_token: str = Field(
        min_length=1, max_length=200, description="The refresh token of the latest answer"
    )


class SignInCodeGrant(InputModel):
    """Exchange the one-time code of a sign-in at the identity provider for the session's
    tokens: the code comes in the fragment of /login/oidc, where the callback sends the
    browser; it works once and for two minutes."""

    grant_type: Literal["oidc_code"] = Field(description="Always `oidc_code` for this grant")
    code: str = Field(
        min_length=1, max_length=200, description="The `code` of the /login/oidc fragment"
    )


TokenRequest = Annotated[
    PasswordGrant | RefreshGrant | SignInCodeGrant, Field(discriminator="grant_type")
]


class TokenResponse(BaseModel):
    """The tokens of a session."""

    access_token: str = Field(description="Send as `Authorization: Bearer <access_token>`")
    token_type: Literal["bearer"] = Field("bearer", description="Always `bearer`")
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str = Field(
        description="Exchange for a new pair at /auth/token; revoked by logout"
    )


class LogoutRequest(InputModel):
    """Which session to end."""

    refresh_token: str | None = Field(
        None, max_length=200, description="Defaults to the session of the access token used"
    )


class MembershipBrief(BaseModel):
    """The caller's role in one programme."""

    model_config = ConfigDict(from_attributes=True)

    programme_id: uuid.UUID = Field(description="The programme")
    role: ProgrammeRole = Field(description="The caller's role in it")
    person_id: uuid.UUID | None = Field(
        description="Which of the programme's people the caller is, if named"
    )


class Me(BaseModel):
    """Who the token belongs to."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID | None = Field(description="The user's id; null for an API token")
    email: str | None = Field(description="The user's e-mail; null for an API token")
    name: str | None = Field(description="The user's name; null for an API token")
    system_admin: bool = Field(description="Whether the caller is a system administrator")
    via: str = Field(
        description="How the caller is authenticated: `session` (a user's login) or `api_token`"
    )
    memberships: list[MembershipBrief] = Field(
        description="The caller's programmes and roles; an API token has exactly one"
    )
    token_expires_at: datetime | None = Field(
        None, description="When the token used expires, where known"
    )


class OidcProvider(BaseModel):
    """The identity provider the login page offers."""

    name: str = Field(description="The provider's name for the button, e.g. `Entra ID`")
    login_url: str = Field(
        description="Where the browser goes to sign in (GET); add `?return_to=/path` to "
        "come back to a page of the web app"
    )


class LoginOptions(BaseModel):
    """How one may log in: what the login page shows."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "password": True,
                    "oidc": {"name": "Entra ID", "login_url": "/api/v1/auth/oidc/login"},
                }
            ]
        }
    )

    password: bool = Field(description="Whether the password grant is accepted")
    oidc: OidcProvider | None = Field(
        description="The identity provider to sign in with; null when none is configured"
    )
