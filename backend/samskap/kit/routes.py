"""Builds the standard operations of a resource on top of its service.

Operation ids are `<resource>-list|get|create|update|delete` (and
`<resource>-get-by-external-id` for records with an `external_id`), so the generated client
reads as the API does.
"""

import uuid
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response, status
from pydantic import BaseModel

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.export import (
    EXPORT_CONTENT,
    EXPORT_DESCRIPTION,
    ExportFormat,
    export_response,
    requested_format,
)
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import (
    CREATED_WITH_ETAG,
    READ_WITH_ETAG,
    Responses,
    declare_body_schema,
)
from samskap.kit.patch import merged_update, merges_into_objects
from samskap.kit.service import CrudService
from samskap.models.enums import ProgrammeRole
from samskap.problems import problem_responses

MERGE_PATCH = "application/merge-patch+json"
LIST_WITH_EXPORTS: Responses = {200: {"content": EXPORT_CONTENT}}


def merge_patch_body(update: type[BaseModel]) -> dict[str, Any]:
    ref = {"schema": declare_body_schema(update)}
    return {
        "requestBody": {"required": True, "content": {MERGE_PATCH: ref, "application/json": ref}}
    }


# Words that start with a vowel letter but a consonant sound: "a user", "a union".
_CONSONANT_SOUNDS = ("one", "uni", "use", "usu", "eu")


def with_article(noun: str) -> str:
    """`an involvement`, `a user`, `an API token`."""
    word = noun.lower()
    vowel = word[:1] in set("aeiou") and not word.startswith(_CONSONANT_SOUNDS)
    return f"{'an' if vowel else 'a'} {noun}"


def _overrides(service: type[CrudService], method: str) -> str | None:
    """The docstring of a service method that replaces the shared one, if it has one."""
    own = getattr(service, method)
    if own is getattr(CrudService, method) or not own.__doc__:
        return None
    return " ".join(own.__doc__.split())


def who_may_write(service: type[CrudService]) -> str:
    """Who may create, change and delete the service's records, from the rules it enforces."""
    rule = _overrides(service, "authorize")
    if rule:
        return rule
    role = service.write_role
    text = f"Needs the `{role}` role in the programme"
    if role != ProgrammeRole.programme_admin:
        text += ", or a higher one"
    if role == ProgrammeRole.editor:
        text += " (an API token with scope `read_write` counts as an editor)"
    member_rule = _overrides(service, "member_may_write")
    return f"{text}. {member_rule}" if member_rule else f"{text}."


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
    plural: str | None = None,
    delete_summary: str | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> APIRouter:
    """The list/get/create/update/delete operations of one resource.

    `service_dependency` builds the service for a request; a sub-resource passes one that
    loads the parent from the path first (so a missing parent answers 404).

    Summaries and descriptions are written from `singular` and `plural` (by default the
    resource name in words); `descriptions` replaces the opening of an operation's
    description ("list", "get", "create", "update", "delete"), while what the shared
    machinery does (paging, ETag and If-Match, who may write) is always said after it.
    """
    router = APIRouter(prefix=path, tags=[resource])
    plural = plural or resource.replace("-", " ")
    a_singular = with_article(singular)
    own = dict(descriptions or {})
    who = who_may_write(service)
    unique_in = "the programme" if hasattr(service.model, "programme_id") else "Samskap"
    by_external_id = (
        f" `external_id` is your own key for the record, unique in {unique_in} (a second "
        "record with the same one answers 409), so that a script can find it again."
        if "external_id" in create.model_fields
        else ""
    )
    if_match = (
        "Send the version you read (its `ETag`) as `If-Match`: a stale one answers 412 and a "
        "missing one 428, and nothing changes."
    )
    in_programme = hasattr(service.model, "programme_id")
    text = {
        "get-by-external-id": f"One {singular}, by your own key for it (`external_id`),"
        + (
            " in the programme named by `programme_id` (the key is unique within a programme)."
            if in_programme
            else " which is unique in Samskap."
        )
        + " So a script can find a record it made before without keeping Samskap's ids."
        " The answer is the same as by its id, `ETag` header included."
        f" {a_singular.capitalize()} that does not exist, or that you may not see, answers 404.",
        "list": own.get("list", f"One page of the {plural} you may see.")
        + " Narrow it with the filters below (repeat a filter to match any of its values),"
        " order it with `sort`, and pass the answer's `next_cursor` back as `cursor` for the"
        " next page. A query parameter the list does not know answers 400." + EXPORT_DESCRIPTION,
        "get": own.get("get", f"One {singular}, by its id.")
        + " The `ETag` header holds its version, to send as `If-Match` when you change or"
        f" delete it. {a_singular.capitalize()} that does not exist, or that you may not see,"
        " answers 404.",
        "create": own.get("create", f"Creates {a_singular}.")
        + " Answers 201 with the new record, its address in `Location` and its version in"
        f" `ETag`.{by_external_id} {who}",
        "update": own.get("update", f"Changes {a_singular}.")
        + " The body is a JSON Merge Patch (RFC 7396): send only the fields to change; `null`"
        f" clears a field and nested objects merge. {if_match} Answers the changed record"
        f" with its new `ETag`. {who}",
        "delete": own.get(
            "delete",
            f"Deletes {a_singular} for good; one that other records still refer to answers 409.",
        )
        + f" {if_match} Answers 204. {who}",
    }

    # `async`, as every dependency on a request's path: a plain function would be run in a
    # worker thread, a hand-over that costs more than the call.
    async def _service(session: SessionDep, principal: PrincipalDep) -> CrudService:
        return service(session, principal)

    Svc = Annotated[CrudService, Depends(service_dependency or _service)]
    ListParams = Annotated[ListQuery, Depends(service.spec.dependency())]

    RecordId = Annotated[uuid.UUID, Path(description=f"The id of the {singular}")]

    async def load(id: RecordId, svc: Svc) -> Any:
        return await svc.get(id)

    Record = Annotated[Any, Depends(load)]
    # A list whose answer is the read model's columns as they are is read as rows.
    row_columns = service.row_columns(read.model_fields)

    @router.get(
        "",
        name=f"{resource}-list",
        summary=f"List {plural}",
        description=text["list"],
        response_model=page,
        responses=LIST_WITH_EXPORTS | problem_responses(400, 401, 422),
    )
    async def list_records(
        svc: Svc,
        lq: ListParams,
        request: Request,
        format: Annotated[
            ExportFormat | None,
            Query(
                description="`json` (the default), or the whole list as a `csv` or `xlsx` "
                "file; without it, `Accept` chooses"
            ),
        ] = None,
    ) -> Any:
        chosen = requested_format(request, format)
        if chosen != ExportFormat.json:
            return export_response(request, svc, lq, read, resource, chosen)
        if row_columns is not None and type(svc) is service:
            items, next_cursor = await svc.list_rows(lq, row_columns)
            return {"items": items, "next_cursor": next_cursor}
        items, next_cursor = await svc.list(lq)
        return {"items": [await svc.present(i) for i in items], "next_cursor": next_cursor}

    ExternalId = Annotated[
        str,
        Path(description=f"Your own key for the {singular} (its `external_id`)", max_length=200),
    ]

    async def answer(record: Any, svc: CrudService, response: Response) -> Any:
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    # Registered before `/{id}`, so that the fixed segment is never taken for an id.
    by_external_id_route = router.get(
        "/by-external-id/{external_id}",
        name=f"{resource}-get-by-external-id",
        summary=f"Get {a_singular} by its external id",
        description=text["get-by-external-id"],
        response_model=read,
        responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
    )
    if hasattr(service.model, "external_id") and in_programme:

        @by_external_id_route
        async def get_record_in_programme_by_external_id(
            external_id: ExternalId,
            programme_id: Annotated[
                uuid.UUID, Query(description="The programme in which the key is unique")
            ],
            svc: Svc,
            response: Response,
        ) -> Any:
            return await answer(
                await svc.get_by_external_id(external_id, programme_id), svc, response
            )

    elif hasattr(service.model, "external_id"):

        @by_external_id_route
        async def get_record_by_external_id(
            external_id: ExternalId, svc: Svc, response: Response
        ) -> Any:
            return await answer(await svc.get_by_external_id(external_id), svc, response)

    @router.get(
        "/{id}",
        name=f"{resource}-get",
        summary=f"Get {a_singular}",
        description=text["get"],
        response_model=read,
        responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
    )
    async def get_record(id: RecordId, svc: Svc, response: Response) -> Any:
        # The record read here, not through `Record`: FastAPI walks a dependency's own
        # dependencies again even when its value is known, so `load` would walk the
        # service's (the caller, the session) a second time on the commonest request.
        return await answer(await svc.get(id), svc, response)

    @router.post(
        "",
        name=f"{resource}-create",
        summary=f"Create {a_singular}",
        description=text["create"],
        response_model=read,
        status_code=status.HTTP_201_CREATED,
        responses=CREATED_WITH_ETAG | problem_responses(400, 401, 403, 409, 413, 415, 422),
    )
    async def create_record(body: create, svc: Svc, request: Request, response: Response) -> Any:  # type: ignore[valid-type]
        record = await svc.create(body)
        response.headers["Location"] = f"{request.url.path.rstrip('/')}/{record.id}"
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    @router.patch(
        "/{id}",
        name=f"{resource}-update",
        summary=f"Update {a_singular} (JSON Merge Patch)",
        description=text["update"],
        response_model=read,
        responses=READ_WITH_ETAG
        | problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
        openapi_extra=merge_patch_body(update),
    )
    async def update_record(
        record: Record,
        body: Annotated[Any, Body()],
        svc: Svc,
        response: Response,
        if_match: IfMatch,
    ) -> Any:
        # The record as the caller sees it, only when a nested object is to be merged into it.
        shown = (
            read.model_validate(await svc.present(record)) if merges_into_objects(body) else None
        )
        changes = merged_update(update, shown, body)
        record = await svc.update(record, changes, if_match)
        response.headers["ETag"] = etag(record.version)
        return await svc.present(record)

    @router.delete(
        "/{id}",
        name=f"{resource}-delete",
        summary=delete_summary or f"Delete {a_singular}",
        description=text["delete"],
        status_code=status.HTTP_204_NO_CONTENT,
        responses=problem_responses(401, 403, 404, 409, 412, 428),
    )
    async def delete_record(record: Record, svc: Svc, if_match: IfMatch) -> Response:
        await svc.delete(record, if_match)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
