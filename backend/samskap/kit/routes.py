"""Builds the five standard operations of a resource on top of its service.

Operation ids are `<resource>-list|get|create|update|delete`, so the generated client
reads as the API does.
"""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.listing import ListQuery
from samskap.kit.service import CrudService
from samskap.problems import problem_responses

MERGE_PATCH = "application/merge-patch+json"


def merge_patch_body(update: type[BaseModel]) -> dict[str, Any]:
    ref = {"schema": {"$ref": f"#/components/schemas/{update.__name__}"}}
    return {
        "requestBody": {"required": True, "content": {MERGE_PATCH: ref, "application/json": ref}}
    }


def crud_router(
    *,
    path: str,
    resource: str,
    singular: str,
    service: type[CrudService],
    service_dependency: Callable[..., Any] | None = None,
    read: type[BaseModel],
    create: type[BaseModel],
    update: type[BaseModel],
    page: type[BaseModel],
    delete_summary: str | None = None,
) -> APIRouter:
    """The list/get/create/update/delete operations of one resource.

    `service_dependency` builds the service for a request; a sub-resource passes one that
    loads the parent from the path first (so a missing parent answers 404).
    """
    router = APIRouter(prefix=path, tags=[resource])

    def _service(session: SessionDep, principal: PrincipalDep) -> CrudService:
        return service(session, principal)

    Svc = Annotated[CrudService, Depends(service_dependency or _service)]
    ListParams = Annotated[ListQuery, Depends(service.spec.dependency())]

    async def load(id: uuid.UUID, svc: Svc) -> Any:
        return await svc.get(id)

    Record = Annotated[Any, Depends(load)]

    @router.get(
        "",
        name=f"{resource}-list",
        summary=f"List {resource}",
        response_model=page,
        responses=problem_responses(400, 401, 422),
    )
    async def list_records(svc: Svc, lq: ListParams) -> Any:
        items, next_cursor = await svc.list(lq)
        return {"items": [await svc.present(i) for i in items], "next_cursor": next_cursor}

    @router.get(
        "/{id}",
        name=f"{resource}-get",
        summary=f"Get a {singular}",
        response_model=read,
        responses=problem_responses(401, 404, 422),
    )
    async def get_record(record: Record, svc: Svc, response: Response) -> Any:
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    @router.post(
        "",
        name=f"{resource}-create",
        summary=f"Create a {singular}",
        response_model=read,
        status_code=status.HTTP_201_CREATED,
        responses=problem_responses(400, 401, 403, 409, 413, 415, 422),
    )
    async def create_record(body: create, svc: Svc, request: Request, response: Response) -> Any:  # type: ignore[valid-type]
        record = await svc.create(body)
        response.headers["Location"] = f"{request.url.path.rstrip('/')}/{record.id}"
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    @router.patch(
        "/{id}",
        name=f"{resource}-update",
        summary=f"Update a {singular} (JSON Merge Patch)",
        response_model=read,
        responses=problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
        openapi_extra=merge_patch_body(update),
    )
    async def update_record(
        record: Record,
        body: update,  # type: ignore[valid-type]
        svc: Svc,
        response: Response,
        if_match: IfMatch,
    ) -> Any:
        record = await svc.update(record, body, if_match)
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    @router.delete(
        "/{id}",
        name=f"{resource}-delete",
        summary=delete_summary or f"Delete a {singular}",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=problem_responses(401, 403, 404, 409, 412),
    )
    async def delete_record(record: Record, svc: Svc, if_match: IfMatch) -> Response:
        await svc.delete(record, if_match)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
