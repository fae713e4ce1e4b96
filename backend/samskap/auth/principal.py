"""Who is calling: a logged-in user (JWT), an integration (API token), or the system itself.

Every route but login, health and the OpenAPI document depends on `current_principal`; the
services narrow every query to the programmes the principal belongs to.

What one lookup found is kept for a few seconds (`CALLER_CACHE_SECONDS`), per process, under
the exact token the client sent, so that a client's next requests need no statement to know
who calls. A commit in this process that changes an account, a login session, an API token,
a membership, a programme or a person forgets every kept caller at once; a change made by
another process takes effect here within `CALLER_CACHE_SECONDS`. Expiry (of the access token,
the session, the API token) is checked on every request against the kept times.
"""

import time
import uuid
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import chain
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Row, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import TextClause

from samskap.auth.tokens import API_TOKEN_PREFIX, InvalidToken, digest, read_access_token
from samskap.db import utcnow
from samskap.deps import SessionDep
from samskap.models import ApiToken, AuthSession, Membership, Person, Programme, User
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


# How long a caller found by one lookup is known without another: the longest a revocation,
# deactivation or change of role made by another process takes to reach this one.
CALLER_CACHE_SECONDS = 5.0
_CALLER_CACHE_ENTRIES = 10_000
# The tables a principal is made of (or that cascade into them): a commit that writes one
# forgets every kept caller.
_CALLER_TABLES = frozenset(
    model.__tablename__ for model in (User, AuthSession, ApiToken, Membership, Programme, Person)
)
_CHANGED = "samskap_callers_changed"
# A write that changes nothing a principal is made of (when an API token was last used).
KEEPS_CALLERS = {"samskap_keeps_callers": True}


@dataclass
class _Known:
    principal: Principal
    until: float  # time.monotonic()
    expires_at: datetime  # the session's or the API token's own end
    token_expires_at: datetime | None = None  # the access token's
    last_used_at: datetime | None = None  # API tokens


class CallerCache:
    """Principals by the token that identified them, each for at most `seconds`."""

    def __init__(self, seconds: float, entries: int) -> None:
        self.seconds = seconds
        self.entries = entries
        self.known: dict[Hashable, _Known] = {}
        # Grows on every forget: a lookup that began before a change does not keep what it
        # read (it may be what the change just ended).
        self.generation = 0

    def get(self, key: Hashable) -> _Known | None:
        known = self.known.get(key)
        if known is None:
            return None
        if known.until <= time.monotonic():
            del self.known[key]
            return None
        return known

    def put(self, key: Hashable, known: _Known, generation: int) -> None:
        if generation != self.generation or self.seconds <= 0:
            return
        if len(self.known) >= self.entries:
            now = time.monotonic()
            self.known = {k: v for k, v in self.known.items() if v.until > now}
            if len(self.known) >= self.entries:
                self.known.clear()
        self.known[key] = known

    def forget(self) -> None:
        self.generation += 1
        self.known.clear()


callers = CallerCache(CALLER_CACHE_SECONDS, _CALLER_CACHE_ENTRIES)


def _writes_caller_table(statement: Any) -> bool:
    if isinstance(statement, TextClause):
        # Plain SQL is not looked into: anything but a read counts as a change.
        words = statement.text.split(None, 1)
        return not words or words[0].upper() not in ("SELECT", "PRAGMA")
    if isinstance(statement, UpdateBase):
        return getattr(statement.table, "name", None) in _CALLER_TABLES
    return False


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_writes(state: ORMExecuteState) -> None:
    if state.execution_options.get("samskap_keeps_callers"):
        return
    if not state.is_select and _writes_caller_table(state.statement):
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "after_flush")
def _note_flushed_writes(session: Session, _context: Any) -> None:
    for record in chain(session.new, session.dirty, session.deleted):
        table = getattr(record, "__table__", None)
        if table is not None and table.name in _CALLER_TABLES:
            session.info[_CHANGED] = True
            return


@event.listens_for(Session, "after_commit")
def _forget_callers_after_change(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        callers.forget()


@event.listens_for(Session, "after_rollback")
def _nothing_changed(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def _cache_key(request: Request, token: str) -> Hashable:
    # The same token means the same caller only on the same database.
    return (id(request.app.state.engine), token)


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


def _fresh(principal: Principal) -> Principal:
    """A request's own copy of a kept principal (its per-request cache starts empty)."""
    return replace(principal, cache={}, request_id=None)


async def _from_access_token(request: Request, session, token: str) -> Principal:
    key = _cache_key(request, token)
    known = callers.get(key)
    if known is not None:
        now = utcnow()
        if known.token_expires_at is not None and known.token_expires_at <= now:
            raise Unauthorized("The access token is invalid or has expired.")
        if known.expires_at <= now:
            raise Unauthorized("The session has ended; log in again.")
        return _fresh(known.principal)
    generation = callers.generation
    settings = request.app.state.settings
    try:
        claims = read_access_token(settings, token)
    except InvalidToken as exc:
        raise Unauthorized("The access token is invalid or has expired.") from exc
    # One statement: the account, the session (revoked, expired) and every membership, a row
    # per membership.
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
    rows = await _all(session, stmt)
    if not rows:
        raise Unauthorized("The access token is invalid or has expired.")
    first = rows[0]
    if not first.active or first.revoked_at is not None or first.expires_at <= utcnow():
        raise Unauthorized("The session has ended; log in again.")
    memberships = [row for row in rows if row.programme_id is not None]
    principal = Principal(
        via="session",
        user_id=claims.user_id,
        session_id=claims.session_id,
        system_admin=first.system_admin,
        roles={m.programme_id: m.role for m in memberships},
        persons={m.programme_id: m.person_id for m in memberships if m.person_id},
    )
    # Each request checks the access token's expiry and the session's against these.
    until = time.monotonic() + callers.seconds
    known = _Known(principal, until, first.expires_at, token_expires_at=claims.expires_at)
    callers.put(key, known, generation)
    return _fresh(principal)


async def _all(session, stmt) -> list[Row]:
    # Often a request's first statement: the session tries it once more on a new connection
    # if the pooled one turns out closed (db.RequestSession).
    return list((await session.execute(stmt)).all())


async def _from_api_token(request: Request, session, secret: str) -> Principal:
    key = _cache_key(request, secret)
    known = callers.get(key)
    now = utcnow()
    if known is None:
        generation = callers.generation
        stmt = select(
            ApiToken.id,
            ApiToken.programme_id,
            ApiToken.scope,
            ApiToken.revoked_at,
            ApiToken.expires_at,
            ApiToken.last_used_at,
        ).where(ApiToken.token_hash == digest(secret))
        rows = await _all(session, stmt)
        token = rows[0] if rows else None
        if token is None or token.revoked_at is not None or token.expires_at <= now:
            raise Unauthorized("The API token is unknown, revoked or expired.")
        role = (
            ProgrammeRole.editor if token.scope == TokenScope.read_write else ProgrammeRole.observer
        )
        principal = Principal(via="api_token", token_id=token.id, roles={token.programme_id: role})
        until = time.monotonic() + callers.seconds
        known = _Known(principal, until, token.expires_at, last_used_at=token.last_used_at)
        callers.put(key, known, generation)
    elif known.expires_at <= now:
        raise Unauthorized("The API token is unknown, revoked or expired.")
    token_id = known.principal.token_id
    wait = await request.app.state.token_limiter.hit(str(token_id))
    if wait is not None:
        raise TooManyRequests("This API token has made too many requests; slow down.", wait)
    if known.last_used_at is None or now - known.last_used_at > timedelta(minutes=1):
        # A plain UPDATE, at most once a minute per token (also while it is kept): concurrent
        # reads with one token must not trip the version check.
        known.last_used_at = now
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == token_id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False, **KEEPS_CALLERS)
        )
    return _fresh(known.principal)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
