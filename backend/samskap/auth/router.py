"""Logging in and out: POST /auth/token (password or refresh grant), POST /auth/logout."""

from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import Response

from samskap.auth.principal import PrincipalDep
from samskap.auth.schemas import LogoutRequest, Me, PasswordGrant, TokenRequest, TokenResponse
from samskap.auth.service import LoginService, log_out, who_am_i
from samskap.deps import SessionDep
from samskap.problems import problem_responses

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
    await log_out(session, principal, body.refresh_token if body is not None else None)
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
    return await who_am_i(session, principal)
