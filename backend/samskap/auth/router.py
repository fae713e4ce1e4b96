"""Logging in and out: POST /auth/token (password or refresh grant), POST /auth/logout."""

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import Response
from sqlalchemy import func, select

from samskap.audit.log import record_event
from samskap.auth.passwords import dummy_hash, verify_password
from samskap.auth.principal import Principal, PrincipalDep
from samskap.auth.schemas import LogoutRequest, Me, PasswordGrant, TokenRequest, TokenResponse
from samskap.auth.tokens import REFRESH_TOKEN_PREFIX, digest, issue_access_token, new_secret
from samskap.db import utcnow
from samskap.deps import SessionDep
from samskap.kit.ids import uuid7
from samskap.models import AuthSession, User
from samskap.problems import TooManyRequests, Unauthorized, problem_responses

public = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"])


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@public.post(
    "/token",
    name="auth-token",
    summary="Log in, or refresh an access token",
    response_model=TokenResponse,
    responses=problem_responses(400, 401, 413, 415, 422, 429),
)
async def token(body: TokenRequest, request: Request, session: SessionDep) -> Any:
    """Password grant gives a new session; refresh grant rotates the refresh token."""
    settings = request.app.state.settings
    if isinstance(body, PasswordGrant):
        login = await _password_login(body, request, session)
    else:
        login = await session.scalar(
            select(AuthSession).where(AuthSession.refresh_token_hash == digest(body.refresh_token))
        )
        now = utcnow()
        if login is None or login.revoked_at is not None or login.expires_at <= now:
            raise Unauthorized("The refresh token is unknown, revoked or expired.")
        user = await session.get(User, login.user_id)
        if user is None or not user.active:
            raise Unauthorized("The account is not active.")
    refresh = new_secret(REFRESH_TOKEN_PREFIX)
    login.refresh_token_hash = digest(refresh)
    login.last_used_at = utcnow()
    await session.flush()
    return TokenResponse(
        access_token=issue_access_token(settings, login.user_id, login.id),
        expires_in=settings.access_token_minutes * 60,
        refresh_token=refresh,
    )


async def _password_login(body: PasswordGrant, request: Request, session) -> AuthSession:
    settings = request.app.state.settings
    account_key = "account:" + body.username.strip().lower()
    address_key = "address:" + _client_address(request)
    limiter = request.app.state.login_limiter
    for key in (account_key, address_key):
        wait = limiter[key.split(":")[0]].retry_after(key)
        if wait is not None:
            raise TooManyRequests("Too many failed logins; wait before trying again.", wait)
    user = await session.scalar(
        select(User).where(func.lower(User.email) == body.username.strip().lower())
    )
    valid = verify_password(user.password_hash if user else dummy_hash(), body.password)
    if user is None or not valid or not user.active:
        limiter["account"].hit(account_key)
        limiter["address"].hit(address_key)
        raise Unauthorized("Wrong e-mail address or password.")
    limiter["account"].clear(account_key)
    login = AuthSession(
        id=uuid7(),
        user_id=user.id,
        refresh_token_hash=digest(new_secret("")),
        expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        client_address=_client_address(request)[:64],
    )
    session.add(login)
    await session.flush()
    principal = Principal(
        via="session",
        user_id=user.id,
        session_id=login.id,
        request_id=getattr(request.state, "request_id", None),
    )
    record_event(
        session,
        principal,
        action="login",
        record_type="auth_session",
        record_id=login.id,
        programme_id=None,
    )
    return login


@router.post(
    "/logout",
    name="auth-logout",
    summary="Log out: revoke the session",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 422),
)
async def logout(
    principal: PrincipalDep, session: SessionDep, body: LogoutRequest | None = None
) -> Response:
    """Revokes the refresh token and every access token of the session."""
    if body is not None and body.refresh_token:
        login = await session.scalar(
            select(AuthSession).where(
                AuthSession.refresh_token_hash == digest(body.refresh_token),
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
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/me",
    name="auth-me",
    summary="Who the token belongs to, and its roles",
    response_model=Me,
    responses=problem_responses(401),
)
async def me(principal: PrincipalDep, session: SessionDep) -> Any:
    """The caller's account and programme roles (for an API token: its one programme)."""
    user = await session.get(User, principal.user_id) if principal.user_id else None
    memberships = [
        {"programme_id": p, "role": r, "person_id": principal.person_in(p)}
        for p, r in principal.roles.items()
    ]
    return Me(
        id=user.id if user else None,
        email=user.email if user else None,
        name=user.name if user else None,
        system_admin=principal.system_admin,
        via=principal.via,
        memberships=memberships,
    )
