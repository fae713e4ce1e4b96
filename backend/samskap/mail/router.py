"""Mail choices: the signed-in user's own (/me/mail-preferences) and, without login, those
of the address a mail's link names (/mail-preferences/{token})."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from samskap.auth.principal import Principal, PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG
from samskap.mail.schemas import MailPreferenceRead, MailPreferenceUpdate
from samskap.mail.service import MailPreferenceService
from samskap.problems import problem_responses

router = APIRouter(tags=["mail-preferences"])
public = APIRouter(tags=["mail-preferences"])

Token = Annotated[
    str,
    Path(
        description="The token of the link at the end of every mail: the address, signed by "
        "the server",
        max_length=1000,
        pattern=r"^[A-Za-z0-9_.=-]+$",
    ),
]


def _answer(record, response: Response) -> MailPreferenceRead:
    response.headers["ETag"] = etag(record.version)
    return MailPreferenceRead.model_validate(record)


def _service(request: Request, session, principal: Principal) -> MailPreferenceService:
    return MailPreferenceService(session, principal, request.app.state.settings)


@router.get(
    "/me/mail-preferences",
    name="me-mail-preferences-get",
    summary="Your mail choices",
    response_model=MailPreferenceRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403),
)
async def get_mine(
    request: Request, session: SessionDep, principal: PrincipalDep, response: Response
) -> MailPreferenceRead:
    """What your account's address receives by e-mail, and in which language (the defaults,
    at version 0, until you choose). An API token answers 403 `user_required`."""
    svc = _service(request, session, principal)
    return _answer(await svc.get(await svc.own_address()), response)


@router.patch(
    "/me/mail-preferences",
    name="me-mail-preferences-update",
    summary="Change your mail choices",
    response_model=MailPreferenceRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 409, 412, 422, 428),
)
async def update_mine(
    request: Request,
    body: MailPreferenceUpdate,  # type: ignore[valid-type]
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatch,
) -> MailPreferenceRead:
    """JSON Merge Patch of your choices, with If-Match of the version read ("0" before the
    first change). An API token answers 403 `user_required`."""
    svc = _service(request, session, principal)
    record = await svc.update(await svc.own_address(), body, if_match)
    return _answer(record, response)


def _link_principal(request: Request) -> Principal:
    # Whoever holds the link: no account, the request's id for the audit trail.
    return Principal(via="system", request_id=getattr(request.state, "request_id", None))


@public.get(
    "/mail-preferences/{token}",
    name="mail-preferences-get",
    summary="The mail choices of the address a mail's link names",
    response_model=MailPreferenceRead,
    responses=READ_WITH_ETAG | problem_responses(404, 422),
)
async def get_by_token(
    token: Token, request: Request, session: SessionDep, response: Response
) -> MailPreferenceRead:
    """No login: the token in the link at the end of every mail names the address and is
    signed by the server; a token it did not sign answers 404."""
    svc = _service(request, session, _link_principal(request))
    return _answer(await svc.get(svc.token_address(token)), response)


@public.patch(
    "/mail-preferences/{token}",
    name="mail-preferences-update",
    summary="Change the mail choices of the address a mail's link names",
    response_model=MailPreferenceRead,
    responses=READ_WITH_ETAG | problem_responses(404, 409, 412, 422, 428),
)
async def update_by_token(
    token: Token,
    request: Request,
    body: MailPreferenceUpdate,  # type: ignore[valid-type]
    session: SessionDep,
    response: Response,
    if_match: IfMatch,
) -> MailPreferenceRead:
    """JSON Merge Patch with If-Match, as for your own; no login (the link's token is the
    access; a token the server did not sign answers 404). Turning every choice off stops
    every mail to the address."""
    svc = _service(request, session, _link_principal(request))
    record = await svc.update(svc.token_address(token), body, if_match)
    return _answer(record, response)
