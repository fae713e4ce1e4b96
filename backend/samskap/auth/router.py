"""Logging in and out: POST /auth/token (password, refresh or sign-in code grant),
POST /auth/logout, and sign-in at the identity provider (GET /auth/oidc/login and callback)."""

import logging
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from samskap.auth.client_address import client_address
from samskap.auth.oidc import (
    LOGIN_SECONDS,
    PATH,
    SignInFailed,
    SignInService,
    cookie_name,
    hide_callback_query_in_access_log,
    login_page_error,
    oidc_client,
)
from samskap.auth.principal import PrincipalDep
from samskap.auth.schemas import (
    LoginOptions,
    LogoutRequest,
    Me,
    OidcProvider,
    PasswordGrant,
    RefreshGrant,
    TokenRequest,
    TokenResponse,
)
from samskap.auth.service import LoginService, log_out, who_am_i
from samskap.deps import SessionDep
from samskap.problems import NotFound, problem_responses

log = logging.getLogger("samskap.auth")
hide_callback_query_in_access_log()

public = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"])


@public.post(
    "/token",
    name="auth-token",
    summary="Log in, or refresh an access token",
    response_model=TokenResponse,
    responses=problem_responses(400, 401, 403, 413, 415, 422, 429),
)
async def token(body: TokenRequest, request: Request, session: SessionDep) -> Any:
    """Password grant: a new session (403 `password_login_disabled` when password login is
    switched off). Refresh grant: a new pair for a refresh token, which works once; using one
    a second time (two concurrent refreshes included) ends the session. Sign-in code grant
    (`oidc_code`): the tokens of a sign-in at the identity provider, for the one-time code
    the callback put in /login/oidc's fragment; it works once, within two minutes."""
    service = _login_service(request, session)
    if isinstance(body, PasswordGrant):
        return await service.log_in(
            body.username,
            body.password,
            limiter=request.app.state.login_limiter,
            address=_address(request),
        )
    if isinstance(body, RefreshGrant):
        return await service.refresh(body.refresh_token)
    return await service.redeem_sign_in_code(body.code)


@public.get(
    "/providers",
    name="auth-providers",
    summary="How one may log in",
    response_model=LoginOptions,
)
async def providers(request: Request) -> Any:
    """Whether the password grant is accepted, and the identity provider to sign in with."""
    settings = request.app.state.settings
    client = oidc_client(request.app.state)
    return LoginOptions(
        password=settings.password_login,
        oidc=OidcProvider(name=settings.oidc_provider_name, login_url=f"{PATH}/login")
        if client.configured
        else None,
    )


@public.get(
    "/oidc/login",
    name="auth-oidc-login",
    summary="Sign in at the identity provider",
    status_code=status.HTTP_302_FOUND,
    response_class=RedirectResponse,
    responses={
        302: {"description": "To the identity provider; or to /login?error=oidc_unavailable"},
        **problem_responses(404),
    },
)
async def oidc_login(
    request: Request,
    return_to: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="The web app's path to come back to after signing in (only a local "
            "path is followed)",
        ),
    ] = None,
) -> Response:
    """Sends the browser to the identity provider (authorisation code flow with PKCE); 404
    when no provider is configured."""
    client = oidc_client(request.app.state)
    if not client.configured:
        raise NotFound(detail="No identity provider is configured.")
    try:
        started = await client.start(return_to)
    except SignInFailed as exc:
        log.warning("sign-in at the identity provider could not start: %s", exc)
        return RedirectResponse(login_page_error(exc.code), status_code=status.HTTP_302_FOUND)
    response = RedirectResponse(started.url, status_code=status.HTTP_302_FOUND)
    response.set_cookie(
        started.cookie_name,
        started.cookie_value,
        max_age=LOGIN_SECONDS,
        path=PATH,
        secure=client.secure_cookie,
        httponly=True,
        samesite="lax",
    )
    return response


@public.get(
    "/oidc/callback",
    name="auth-oidc-callback",
    summary="Where the identity provider sends the browser back",
    status_code=status.HTTP_302_FOUND,
    response_class=RedirectResponse,
    responses={
        302: {
            "description": "Signed in: to /login/oidc#code=<one-time code>&return_to=<path>; "
            "else to /login?error=<code>"
        },
    },
)
async def oidc_callback(
    request: Request,
    session: SessionDep,
    code: Annotated[
        str | None, Query(max_length=2000, description="The provider's authorisation code")
    ] = None,
    state: Annotated[
        str | None, Query(max_length=200, description="The state the sign-in started with")
    ] = None,
    error: Annotated[
        str | None, Query(max_length=200, description="The provider's error, if it refused")
    ] = None,
    error_description: Annotated[
        str | None, Query(max_length=2000, description="The provider's words on its error")
    ] = None,
    error_uri: Annotated[
        str | None, Query(max_length=2000, description="The provider's page on its error")
    ] = None,
    iss: Annotated[
        str | None,
        Query(max_length=500, description="The issuer of the answer (RFC 9207), if sent"),
    ] = None,
    session_state: Annotated[
        str | None,
        Query(max_length=500, description="The provider's session state (not used)"),
    ] = None,
    scope: Annotated[
        str | None, Query(max_length=1000, description="The scopes granted (not used)")
    ] = None,
) -> Response:
    """Finishes a sign-in at the identity provider: checks the state, exchanges the code,
    verifies the ID token, finds, links or creates the account and starts its session; the
    browser goes on to the web app with the session's one-time code in the URL's fragment
    (failures: /login?error= oidc_state, oidc_denied, oidc_failed, oidc_unavailable,
    email_missing, email_not_verified or account_inactive)."""
    client = oidc_client(request.app.state)
    cookie = request.cookies.get(cookie_name(state)) if state else None
    try:
        if not client.configured:
            raise SignInFailed("oidc_unavailable", "no identity provider is configured")
        verified = await client.finish(
            state=state, code=code, error=error, issuer=iss, cookie=cookie
        )
        service = SignInService(session, _login_service(request, session))
        one_time = await service.sign_in(verified, _address(request))
        location = f"/login/oidc#code={one_time}&return_to={quote(verified.return_to)}"
    except SignInFailed as exc:
        log.warning("sign-in at the identity provider failed (%s): %s", exc.code, exc)
        location = login_page_error(exc.code)
    response = RedirectResponse(location, status_code=status.HTTP_302_FOUND)
    if state and cookie is not None:
        response.delete_cookie(
            cookie_name(state), path=PATH, secure=client.secure_cookie, httponly=True
        )
    return response


def _login_service(request: Request, session: SessionDep) -> LoginService:
    return LoginService(
        session, request.app.state.settings, getattr(request.state, "request_id", None)
    )


def _address(request: Request) -> str:
    return client_address(request)


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
