import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response, status

from samskap.api_tokens.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenPage, ApiTokenRead
from samskap.api_tokens.service import ApiTokenService
from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import check_if_match, etag
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import CREATED_WITH_ETAG, READ_WITH_ETAG
from samskap.problems import problem_responses

router = APIRouter(prefix="/api-tokens", tags=["api-tokens"])
TokenId = Annotated[uuid.UUID, Path(description="The id of the API token")]


def _service(session: SessionDep, principal: PrincipalDep) -> ApiTokenService:
    return ApiTokenService(session, principal)


Svc = Annotated[ApiTokenService, Depends(_service)]
ListParams = Annotated[ListQuery, Depends(ApiTokenService.spec.dependency())]


@router.get(
    "",
    name="api-tokens-list",
    summary="List API tokens",
    response_model=ApiTokenPage,
    responses=problem_responses(400, 401, 422),
)
async def list_tokens(svc: Svc, lq: ListParams) -> Any:
    """Tokens of the programmes you administer; secrets are never shown again."""
    items, next_cursor = await svc.list(lq)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/{id}",
    name="api-tokens-get",
    summary="Get an API token",
    response_model=ApiTokenRead,
    responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
)
async def get_token(id: TokenId, svc: Svc, response: Response) -> Any:
    """One token's name, scope, expiry and last use."""
    token = await svc.get(id)
    response.headers["ETag"] = etag(token.version)
    return token


@router.post(
    "",
    name="api-tokens-create",
    summary="Create an API token",
    response_model=ApiTokenCreated,
    status_code=status.HTTP_201_CREATED,
    responses=CREATED_WITH_ETAG | problem_responses(400, 401, 403, 413, 415, 422),
)
async def create_token(body: ApiTokenCreate, svc: Svc, request: Request, response: Response) -> Any:
    """The secret (smk_…) is in this answer only; store it in the integration at once."""
    token, secret = await svc.issue(body)
    response.headers["Location"] = f"{request.url.path}/{token.id}"
    response.headers["ETag"] = etag(token.version)
    return {**ApiTokenRead.model_validate(token).model_dump(), "token": secret}


@router.delete(
    "/{id}",
    name="api-tokens-delete",
    summary="Revoke an API token",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412),
)
async def revoke_token(id: TokenId, svc: Svc, if_match: IfMatch) -> Response:
    """The token stops working at once; it stays listed, marked revoked."""
    token = await svc.get(id)
    check_if_match(if_match, token.version)
    await svc.delete(token, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
