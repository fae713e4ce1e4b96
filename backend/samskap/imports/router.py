"""Imports: upload a CSV, XLSX or JSON file of one resource; follow it, read its rows, cancel."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Header, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from samskap.auth.principal import PrincipalDep
from samskap.config import get_settings
from samskap.deps import SessionDep
from samskap.imports.schemas import ImportPage, ImportRead, ImportRowPage
from samskap.imports.service import ImportService
from samskap.kit.etag import etag
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import ETAG_HEADER, LOCATION_HEADER, READ_WITH_ETAG, Responses
from samskap.kit.text import uploaded_file_name
from samskap.models.enums import ImportMode, ImportOutcome, ImportResource
from samskap.problems import PayloadTooLarge, problem_responses

router = APIRouter(prefix="/imports", tags=["imports"])


def _service(session: SessionDep, principal: PrincipalDep) -> ImportService:
    return ImportService(session, principal)


Svc = Annotated[ImportService, Depends(_service)]
ImportId = Annotated[uuid.UUID, Path(description="The id of the import")]
ListParams = Annotated[ListQuery, Depends(ImportService.spec.dependency())]

EXAMPLE_CSV = (
    "external_id;name;email;organisation_unit;affiliation\n"
    "HR-1001;Kari Nordmann;kari.nordmann@example.kommune.no;Oppvekst;employee\n"
)
STARTED: Responses = {
    201: {
        "description": "A small file, imported within the request: the import as it ended "
        "(`succeeded`, or `failed` with the rows' errors)",
        "headers": ETAG_HEADER | LOCATION_HEADER,
    },
    202: {
        "description": "A larger file, queued for the background worker: follow it at "
        "`Location` (status, rows_done of total_rows, counts)",
        "headers": ETAG_HEADER | LOCATION_HEADER,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportRead"}}},
    },
}


@router.post(
    "",
    name="imports-create",
    summary="Import a file of records",
    response_model=ImportRead,
    status_code=201,
    responses=STARTED | problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    max_body_size=get_settings().max_upload_bytes + 65_536,
)
async def create_import(
    svc: Svc,
    request: Request,
    programme_id: Annotated[
        uuid.UUID, Query(description="The programme the rows are written into")
    ],
    resource: Annotated[ImportResource, Query(description="What the file's rows are")],
    file: Annotated[
        UploadFile,
        File(
            description="The file: CSV (UTF-8, UTF-16 with a byte order mark or "
            "Windows-1252; `;`, `,`, tab or `|` separated, or as a first line `sep=;` says; a "
            "`'` before text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is "
            "dropped, as an export writes it), XLSX (the first sheet), a JSON array of objects "
            "or JSON Lines. The first row (or "
            "the objects' keys) names the columns: the fields of the resource's create body, "
            "references by `<field>_external_id`, or their Norwegian names (see "
            f"`GET /imports/templates`). For example:\n\n```\n{EXAMPLE_CSV}```"
        ),
    ],
    mode: Annotated[
        ImportMode,
        Query(description="What to do with a file that has bad rows"),
    ] = ImportMode.all_or_nothing,
    dry_run: Annotated[
        bool,
        Query(description="Only check every row against the API's rules and report; write nothing"),
    ] = False,
    idempotency_key: Annotated[
        str | None,
        Header(
            description="Your key for this request (at most 200 visible ASCII characters): the "
            "same key from you again answers the import it started, with the first answer's "
            "status code, instead of importing twice; the same key with another file or "
            "other options answers 422 `idempotency_key_reused`",
            pattern=r"^[\x21-\x7e]+$",
            max_length=200,
        ),
    ] = None,
) -> Any:
    """Imports a `multipart/form-data` upload (field `file`) of one resource into the
    programme. Each row is checked against the same rules as the API (the same error codes)
    and written as the API would write it, with its audit event: a row whose `external_id`
    (group members: whose group and person) matches a record updates it, only in the columns
    the file has (`updated`, or `unchanged` when nothing differs); any other row creates a
    record (`created`). References name records of the programme by id or, in a column
    `<field>_external_id` (lists: `_external_ids`, separated by `;`), by their external_id.

    In mode `all_or_nothing` (the default) any bad row means nothing is written (status
    `failed`, every bad row reported with its row, column and code); in `valid_rows` the good
    rows are written and the bad ones reported (status `failed` when any row failed,
    `succeeded` otherwise). `dry_run=true` checks everything and writes only the report.

    A file of at most `import_background_rows` rows (2,000 by default) is imported within the
    request: 201 with the import, its address in `Location`. A larger one is stored and
    queued: 202 with the import (`queued`); poll its `Location` until it has finished. A file
    that cannot be read at all (codes `unknown_format`, `unreadable_file`, `empty_file`), or
    whose header has an unknown (`unknown_column`), missing (`missing_column`) or repeated
    (`duplicate_column`) column, answers 422 with the error at `/file` and stores nothing; a
    file over `max_upload_bytes` 413. Needs the `editor` role in the programme or a higher one
    (an API token with scope `read_write` counts as an editor).

    With `resource=programme` the file is the ZIP of `GET /programmes/{id}/export`, read
    back into an empty programme (one that already holds people, projects, groups, phases,
    tasks, deadlines or involvements answers 409 `programme_not_empty`): its importable files
    in the manifest's dependency order, each record's `id` and references translated to the
    new records'. Rows are numbered on through the files (the first person is row 1, the
    first project the row after the last person, ...) and a failed row's `detail` begins with
    its file and line (`tasks.jsonl line 3: ...`). An export of more rows than
    `import_background_rows` is queued like any large file; the worker imports it in one
    transaction in every mode (its progress is written when it has ended, and a process that
    dies leaves nothing of it)."""
    limit = request.app.state.settings.max_upload_bytes
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise PayloadTooLarge.file(limit)
    job = await svc.start(
        programme_id=programme_id,
        resource=resource,
        mode=mode,
        dry_run=dry_run,
        filename=uploaded_file_name(file.filename) or None,
        content_type=file.content_type,
        content=content,
        idempotency_key=idempotency_key,
        settings=request.app.state.settings,
    )
    read = await svc.present(job)
    headers = {"Location": f"{request.url.path.rstrip('/')}/{job.id}", "ETag": etag(job.version)}
    return JSONResponse(
        read.model_dump(mode="json"), status_code=202 if job.background else 201, headers=headers
    )


@router.get(
    "",
    name="imports-list",
    summary="List imports",
    response_model=ImportPage,
    responses=problem_responses(400, 401, 422),
)
async def list_imports(svc: Svc, lq: ListParams) -> Any:
    """One page of the imports into the programmes you may read, newest first, each with its
    counts and first errors. Narrow it with the filters below and pass the answer's
    `next_cursor` back as `cursor` for the next page. A query parameter the list does not
    know answers 400."""
    return await svc.page(lq)


@router.get(
    "/{id}",
    name="imports-get",
    summary="Get an import",
    response_model=ImportRead,
    responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
)
async def get_import(id: ImportId, svc: Svc, response: Response) -> Any:
    """Where the import stands: its status, rows done of the total, counts per outcome, and
    its first 100 errors (all of them at `/imports/{id}/rows?outcome=failed`). The `ETag`
    changes as it progresses. Anyone who may read the programme may read its imports; an
    import you may not see answers 404."""
    job = await svc.get(id)
    response.headers["ETag"] = etag(job.version)
    return await svc.present(job)


@router.get(
    "/{id}/rows",
    name="imports-rows",
    summary="List an import's rows",
    response_model=ImportRowPage,
    responses=problem_responses(400, 401, 404, 422),
)
async def import_rows(
    id: ImportId,
    svc: Svc,
    outcome: Annotated[
        list[ImportOutcome] | None,
        Query(description="Only rows with this outcome; repeat for several"),
    ] = None,
    limit: Annotated[
        int,
        Query(ge=1, le=1000, description="How many rows one page holds (at most 1,000)"),
    ] = 100,
    cursor: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^[A-Za-z0-9_-]*$",
            description="Where the page starts: the `next_cursor` of the previous page; leave "
            "out for the first page",
        ),
    ] = None,
) -> Any:
    """What the import did with each row of the file, by row number (the header is row 1; in
    JSON, the item's position from 1): the outcome, the row's external_id, the record, and
    for a failed row its errors (column, code, detail). Rows appear as they are decided; a
    dry run's `created` rows have no record."""
    job = await svc.get(id)
    return await svc.rows(job, outcome, limit, cursor)


@router.post(
    "/{id}/cancel",
    name="imports-cancel",
    summary="Cancel an import",
    response_model=ImportRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 422),
)
async def cancel_import(id: ImportId, svc: Svc, response: Response) -> Any:
    """Asks a queued or running import to stop. A queued one is cancelled at once; a running
    one stops after the chunk it is writing (about 1,000 rows): in `all_or_nothing` nothing
    of it is written, in `valid_rows` the rows done so far stay. Answers the import (status
    `cancelled`, or still `running` with `cancel_requested_at` until the worker stops); one
    that has finished answers 409 `not_running`. Needs to be the one who started it, or a
    programme administrator."""
    job = await svc.cancel(await svc.get(id))
    response.headers["ETag"] = etag(job.version)
    return await svc.present(job)
