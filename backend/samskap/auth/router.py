"""Logging in and out: POST /auth/token (password or refresh grant), POST /auth/logout."""

from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import Response
from sqlalchemy import select

from samskap.audit.log import record_event
from samskap.auth.principal import PrincipalDep
from samskap.auth.schemas import LogoutRequest, Me, PasswordGrant, TokenRequest, TokenResponse
from samskap.auth.service import LoginService
from samskap.auth.tokens import digest
from samskap.db import utcnow
from samskap.deps import SessionDep
from samskap.models import AuthSession, User
from samskap.problems import Unauthorized, problem_responses

public = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"])


@public.post(
    "/token",
    name="auth-token",
    summary="Log in, or refresh an access token",
    response_model=TokenResponse,
    responses=problem_responses(400, 401, 413, 415, 422, 429),
)
async def token(body: TokenRequest, request: Request, session: SessionDep) -> Any:
    """Password grant: a new session. Refresh grant: a new pair for a refresh token, which
    works once; using one a second time (two concurrent refreshes included) ends the session."""
    service = LoginService(
        session, request.app.state.settings, getattr(request.state, "request_id", None)
    )
    if isinstance(body, PasswordGrant):
        return await service.log_in(
            body.username,
            body.password,
            limiter=request.app.state.login_limiter,
            address=request.client.host if request.client else "unknown",
        )
    return await service.refresh(body.refresh_token)


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
