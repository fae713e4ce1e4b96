"""Who is calling: a logged-in user (JWT), an integration (API token), or the system itself.

Every route but login, health and the OpenAPI document depends on `current_principal`; the
services narrow every query to the programmes the principal belongs to.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Row, select, update

from samskap.auth.tokens import API_TOKEN_PREFIX, InvalidToken, digest, read_access_token
from samskap.db import first_statement, utcnow
from samskap.deps import SessionDep
from samskap.models import ApiToken, AuthSession, Membership, User
from samskap.models.enums import ProgrammeRole, TokenScope
from samskap.problems import TooManyRequests, Unauthorized

RANK = {
    ProgrammeRole.observer: 1,
    ProgrammeRole.member: 2,
    ProgrammeRole.editor: 3,
    ProgrammeRole.programme_admin: 4,
}


@dataclass
class Principal:
    via: Literal["session", "api_token", "system"]
    user_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None
    token_id: uuid.UUID | None = None
    system_admin: bool = False
    roles: dict[uuid.UUID, ProgrammeRole] = field(default_factory=dict)
    persons: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    request_id: str | None = None
    cache: dict = field(default_factory=dict, repr=False)

    def programme_ids(self) -> set[uuid.UUID] | None:
        """The programmes this principal may read; None means all of them."""
        return None if self.system_admin else set(self.roles)

    def role_in(self, programme_id: uuid.UUID | None) -> ProgrammeRole | None:
        if self.system_admin:
            return ProgrammeRole.programme_admin
        return self.roles.get(programme_id) if programme_id else None

    def at_least(self, programme_id: uuid.UUID | None, role: ProgrammeRole) -> bool:
        mine = self.role_in(programme_id)
        return mine is not None and RANK[mine] >= RANK[role]

    def person_in(self, programme_id: uuid.UUID) -> uuid.UUID | None:
        return self.persons.get(programme_id)

    def admin_programmes(self) -> set[uuid.UUID] | None:
        if self.system_admin:
            return None
        return {p for p, r in self.roles.items() if r == ProgrammeRole.programme_admin}


SYSTEM = Principal(via="system", system_admin=True)

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="A user's access token from POST /api/v1/auth/token, or an integration's "
    "API token (smk_…)",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def current_principal(
    request: Request, session: SessionDep, credentials: Credentials
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized()
    token = credentials.credentials
    if token.startswith(API_TOKEN_PREFIX):
        principal = await _from_api_token(request, session, token)
    else:
        principal = await _from_access_token(request, session, token)
    principal.request_id = getattr(request.state, "request_id", None)
    request.state.principal = principal
    return principal


async def _from_access_token(request: Request, session, token: str) -> Principal:
    settings = request.app.state.settings
    try:
        claims = read_access_token(settings, token)
    except InvalidToken as exc:
        raise Unauthorized("The access token is invalid or has expired.") from exc
    # One statement: the account, the session (whose revocation takes effect at once, as it
    # is read on every request) and every membership, a row per membership.
    stmt = (
        select(
            User.active,
            User.system_admin,
            AuthSession.revoked_at,
            AuthSession.expires_at,
            Membership.programme_id,
            Membership.role,
            Membership.person_id,
        )
        .select_from(User)
        .join(AuthSession, AuthSession.user_id == User.id)
        .outerjoin(Membership, Membership.user_id == User.id)
        .where(User.id == claims.user_id, AuthSession.id == claims.session_id)
    )
    rows = await first_statement(session, lambda: _all(session, stmt))
    if not rows:
        raise Unauthorized("The access token is invalid or has expired.")
    first = rows[0]
    if not first.active or first.revoked_at is not None or first.expires_at <= utcnow():
        raise Unauthorized("The session has ended; log in again.")
    memberships = [row for row in rows if row.programme_id is not None]
    return Principal(
        via="session",
        user_id=claims.user_id,
        session_id=claims.session_id,
        system_admin=first.system_admin,
        roles={m.programme_id: m.role for m in memberships},
        persons={m.programme_id: m.person_id for m in memberships if m.person_id},
    )


async def _all(session, stmt) -> list[Row]:
    return list((await session.execute(stmt)).all())


async def _from_api_token(request: Request, session, secret: str) -> Principal:
    stmt = select(
        ApiToken.id,
        ApiToken.programme_id,
        ApiToken.scope,
        ApiToken.revoked_at,
        ApiToken.expires_at,
        ApiToken.last_used_at,
    ).where(ApiToken.token_hash == digest(secret))
    rows = await first_statement(session, lambda: _all(session, stmt))
    token = rows[0] if rows else None
    now = utcnow()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        raise Unauthorized("The API token is unknown, revoked or expired.")
    wait = await request.app.state.token_limiter.hit(str(token.id))
    if wait is not None:
        raise TooManyRequests("This API token has made too many requests; slow down.", wait)
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        # A plain UPDATE, at most once a minute per token: concurrent reads with one token
        # must not trip the version check.
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == token.id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )
    role = ProgrammeRole.editor if token.scope == TokenScope.read_write else ProgrammeRole.observer
    return Principal(via="api_token", token_id=token.id, roles={token.programme_id: role})


PrincipalDep = Annotated[Principal, Depends(current_principal)]
