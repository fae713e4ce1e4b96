"""Logging in and refreshing: sessions, their single-use refresh tokens, failed-login limits."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event
from samskap.auth.passwords import verify_password_in_worker
from samskap.auth.principal import Principal
from samskap.auth.ratelimit import LoginLimiter
from samskap.auth.schemas import Me, MembershipBrief, TokenResponse
from samskap.auth.tokens import (
    digest,
    issue_access_token,
    new_refresh_token,
    new_sign_in_code,
    refresh_token_session,
    sign_in_code_session,
)
from samskap.config import Settings
from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.models import AuthSession, User
from samskap.problems import Forbidden, Unauthorized

UNKNOWN_REFRESH_TOKEN = "The refresh token is unknown, revoked or expired."
# How long the web app has to exchange the one-time code of a sign-in at the provider.
SIGN_IN_CODE_SECONDS = 120


class PasswordLoginDisabled(Forbidden):
    """Accounts sign in through the identity provider only (SAMSKAP_PASSWORD_LOGIN=false)."""

    def __init__(self) -> None:
        detail = "Logging in with a password is switched off; sign in with the identity provider."
        super().__init__(
            detail, errors=[{"code": "password_login_disabled", "detail": "password login is off"}]
        )


class RefreshTokenReused(Unauthorized):
    """A refresh token that was already exchanged: whoever holds it may have stolen it, so the
    session ends for every holder; the revocation stands although the request fails."""

    keeps_changes = True

    def __init__(self) -> None:
        super().__init__(
            "This refresh token has already been used; the session has ended. Log in again."
        )


class LoginService:
    def __init__(self, session: AsyncSession, settings: Settings, request_id: str | None):
        self.session = session
        self.settings = settings
        self.request_id = request_id

    async def log_in(
        self, username: str, password: str, *, limiter: LoginLimiter, address: str
    ) -> TokenResponse:
        """A new session for a right e-mail address and password."""
        if not self.settings.password_login:
            raise PasswordLoginDisabled()
        name = username.strip().lower()
        async with limiter.attempt(account=name, address=address) as attempt:
            user = await self.session.scalar(select(User).where(func.lower(User.email) == name))
            valid = await verify_password_in_worker(
                user.password_hash if user is not None else None, password
            )
            if user is None or not valid or not user.active:
                attempt.fail()
                raise Unauthorized("Wrong e-mail address or password.")
        return await self.start_session(user.id, address)

    async def start_session(self, user_id: uuid.UUID, address: str) -> TokenResponse:
        """A new session of a user whose identity has been established: the tokens."""
        session_id, refresh = await self._open_session(
            user_id,
            address,
            lifetime=timedelta(days=self.settings.refresh_token_days),
            secret=new_refresh_token,
        )
        return self._tokens(user_id, session_id, refresh)

    async def start_handed_over_session(
        self, user_id: uuid.UUID, address: str, *, method: str
    ) -> str:
        """A new session of a user signed in elsewhere (at the identity provider), to be handed
        to the web app: a one-time code that `redeem_sign_in_code` exchanges for the tokens
        within SIGN_IN_CODE_SECONDS. Until then the session holds the code's hash where a
        refresh token's would be, so that the code works exactly once."""
        _, code = await self._open_session(
            user_id,
            address,
            lifetime=timedelta(seconds=SIGN_IN_CODE_SECONDS),
            secret=new_sign_in_code,
            method=method,
        )
        return code

    async def _open_session(
        self,
        user_id: uuid.UUID,
        address: str,
        *,
        lifetime: timedelta,
        secret: Callable[[Settings, uuid.UUID], str],
        method: str | None = None,
    ) -> tuple[uuid.UUID, str]:
        now = utcnow()
        login = AuthSession(
            id=uuid7(),
            user_id=user_id,
            expires_at=now + lifetime,
            last_used_at=now,
            client_address=address[:64],
        )
        token = secret(self.settings, login.id)
        login.refresh_token_hash = digest(token)
        self.session.add(login)
        await self.session.flush()
        self._audit("login", user_id, login.id, {"method": method} if method else None)
        return login.id, token

    async def refresh(self, token: str) -> TokenResponse:
        """Exchanges a refresh token for a new pair, once. A token shown a second time, even
        by two concurrent requests, ends its session (RFC 9700 § 4.14.2)."""
        return await self._exchange(refresh_token_session(self.settings, token), token)

    async def redeem_sign_in_code(self, code: str) -> TokenResponse:
        """Exchanges the one-time code of a sign-in at the identity provider for the session's
        tokens, once; the session then lasts as a password login's does. A code shown a
        second time ends its session, as a reused refresh token does."""
        return await self._exchange(
            sign_in_code_session(self.settings, code),
            code,
            lifetime=timedelta(days=self.settings.refresh_token_days),
        )

    async def _exchange(
        self, session_id: uuid.UUID | None, token: str, *, lifetime: timedelta | None = None
    ) -> TokenResponse:
        if session_id is None:
            raise Unauthorized(UNKNOWN_REFRESH_TOKEN)
        now = utcnow()
        found = (
            await self.session.execute(
                select(AuthSession.user_id, User.active)
                .join(User, User.id == AuthSession.user_id)
                .where(
                    AuthSession.id == session_id,
                    AuthSession.revoked_at.is_(None),
                    AuthSession.expires_at > now,
                )
            )
        ).first()
        if found is None:
            raise Unauthorized(UNKNOWN_REFRESH_TOKEN)
        user_id, active = found
        if not active:
            raise Unauthorized("The account is not active.")
        refresh = new_refresh_token(self.settings, session_id)
        renewed = {"expires_at": now + lifetime} if lifetime is not None else {}
        # Rotates only if the presented token is still the current one: of two requests with
        # the same token, one rotates and the other finds nothing to update.
        # An UPDATE's result is a CursorResult (with its rowcount), which execute() does not say.
        rotated: CursorResult = await self.session.execute(  # type: ignore[assignment]
            update(AuthSession)
            .where(
                AuthSession.id == session_id,
                AuthSession.refresh_token_hash == digest(token),
                AuthSession.revoked_at.is_(None),
            )
            .values(
                refresh_token_hash=digest(refresh),
                last_used_at=now,
                version=AuthSession.version + 1,
                **renewed,
            )
            .execution_options(synchronize_session=False)
        )
        if rotated.rowcount != 1:
            await self._end_reused(session_id, user_id, now)
            raise RefreshTokenReused()
        return self._tokens(user_id, session_id, refresh)

    async def _end_reused(self, session_id: uuid.UUID, user_id: uuid.UUID, now: datetime) -> None:
        ended: CursorResult = await self.session.execute(  # type: ignore[assignment]
            update(AuthSession)
            .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now, version=AuthSession.version + 1)
            .execution_options(synchronize_session=False)
        )
        if ended.rowcount == 1:
            self._audit("revoke", user_id, session_id, {"reason": "refresh_token_reused"})

    def _audit(
        self, action: str, user_id: uuid.UUID, session_id: uuid.UUID, after: dict | None = None
    ) -> None:
        principal = Principal(
            via="session", user_id=user_id, session_id=session_id, request_id=self.request_id
        )
        record_event(
            self.session,
            principal,
            action=action,
            record_type="auth_session",
            record_id=session_id,
            programme_id=None,
            after=after,
        )

    def _tokens(self, user_id: uuid.UUID, session_id: uuid.UUID, refresh: str) -> TokenResponse:
        return TokenResponse(
            access_token=issue_access_token(self.settings, user_id, session_id),
            expires_in=self.settings.access_token_minutes * 60,
            refresh_token=refresh,
        )


async def log_out(session: AsyncSession, principal: Principal, refresh_token: str | None) -> None:
    """Revokes the session of the refresh token given (which must be the caller's), else the
    session of the access token used; an API token has none to end."""
    if refresh_token:
        login = await session.scalar(
            select(AuthSession).where(
                AuthSession.refresh_token_hash == digest(refresh_token),
                AuthSession.user_id == principal.user_id,
            )
        )
    elif principal.session_id is not None:
        login = await session.get(AuthSession, principal.session_id)
    else:
        login = None
    if login is None:
        raise Unauthorized("No session to end with these credentials.")
    if login.revoked_at is None:
        login.revoked_at = utcnow()
        record_event(
            session,
            principal,
            action="logout",
            record_type="auth_session",
            record_id=login.id,
            programme_id=None,
        )


async def who_am_i(session: AsyncSession, principal: Principal) -> Me:
    """The caller's account and programme roles (for an API token: its one programme)."""
    user = await session.get(User, principal.user_id) if principal.user_id else None
    return Me(
        id=user.id if user else None,
        email=user.email if user else None,
        name=user.name if user else None,
        system_admin=principal.system_admin,
        via=principal.via,
        memberships=[
            MembershipBrief(programme_id=p, role=r, person_id=principal.person_in(p))
            for p, r in principal.roles.items()
        ],
    )
