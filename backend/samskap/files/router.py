"""Files: upload (multipart), metadata, content, list and delete."""

import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from samskap.auth.principal import PrincipalDep
from samskap.config import get_settings
from samskap.deps import IfMatch, SessionDep
from samskap.files.schemas import StoredFilePage, StoredFileRead
from samskap.files.service import FileService, content_stream
from samskap.kit.etag import etag
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import CREATED_WITH_ETAG, READ_WITH_ETAG, Responses
from samskap.problems import problem_responses

router = APIRouter(prefix="/files", tags=["files"])


def _service(session: SessionDep, principal: PrincipalDep) -> FileService:
    return FileService(session, principal)


Svc = Annotated[FileService, Depends(_service)]
FileId = Annotated[uuid.UUID, Path(description="The id of the file")]
ListParams = Annotated[ListQuery, Depends(FileService.spec.dependency())]


@router.get(
    "",
    name="files-list",
    summary="List files",
    response_model=StoredFilePage,
    responses=problem_responses(400, 401, 422),
)
async def list_files(svc: Svc, lq: ListParams) -> Any:
    """One page of the files you may see (their metadata), newest first. Narrow it with the
    filters below, order it with `sort`, and pass the answer's `next_cursor` back as `cursor`
    for the next page. A query parameter the list does not know answers 400."""
    return await svc.page(lq)


@router.post(
    "",
    name="files-create",
    summary="Upload a file",
    response_model=StoredFileRead,
    status_code=status.HTTP_201_CREATED,
    responses=CREATED_WITH_ETAG | problem_responses(400, 401, 403, 404, 413, 415, 422),
    # The file may be larger than other bodies: up to max_upload_bytes, and the form around it.
    max_body_size=get_settings().max_upload_bytes + 65_536,
)
async def upload_file(
    svc: Svc,
    request: Request,
    response: Response,
    programme_id: Annotated[uuid.UUID, Query(description="The programme the file belongs to")],
    file: Annotated[
        UploadFile,
        File(
            description="The file: PDF, DOCX, XLSX, PPTX, PNG, JPEG or UTF-8 text (.txt, .csv, "
            ".md), at most `max_upload_bytes` (25 MB by default)"
        ),
    ],
) -> Any:
    """Uploads a file as `multipart/form-data` (field `file`). Its type is read from its
    content, and the name's extension must agree with it: a file of another type answers 415
    with code `unsupported_type`, a name that does not fit its content 415 with code
    `type_mismatch`, and a file over the size limit 413 with code `file_too_large`; a refused
    file stores nothing. Answers 201 with the file's metadata (its SHA-256 included), its
    address in `Location` and its version in `ETag`. Needs the `member` role in the programme
    or a higher one (an API token with scope `read_write` counts as an editor)."""
    limit = request.app.state.settings.max_upload_bytes
    record = await svc.upload(programme_id, file.filename, file.file, limit)
    response.headers["Location"] = f"{request.url.path.rstrip('/')}/{record.id}"
    response.headers["ETag"] = etag(record.version)
    return await svc.present(record)


@router.get(
    "/{id}",
    name="files-get",
    summary="Get a file's metadata",
    response_model=StoredFileRead,
    responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
)
async def get_file(id: FileId, svc: Svc, response: Response) -> Any:
    """The file's name, type, size and SHA-256. The `ETag` header holds its version, to send
    as `If-Match` when you delete it. A file that does not exist, or that you may not see,
    answers 404."""
    record = await svc.get(id)
    response.headers["ETag"] = etag(record.version)
    return await svc.present(record)


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266, 5987)."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


CONTENT_RESPONSE: Responses = {
    200: {
        "description": "The file's content, with its media type",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        "headers": {
            "ETag": {
                "description": "The content's SHA-256, in quotes",
                "schema": {"type": "string"},
            },
            "Content-Disposition": {
                "description": "attachment, with the file's name (filename*, UTF-8)",
                "schema": {"type": "string"},
            },
        },
    }
}


@router.get(
    "/{id}/content",
    name="files-content",
    summary="Download a file's content",
    response_class=StreamingResponse,
    responses=CONTENT_RESPONSE | problem_responses(401, 403, 404, 422),
)
async def file_content(id: FileId, svc: Svc, request: Request) -> Any:
    """Streams the content as uploaded, with its `Content-Type`, `Content-Length` and
    `Content-Disposition: attachment` (the name in UTF-8 as `filename*`); the `ETag` is the
    SHA-256. An observer may not download the file of a document exempt from public access
    (403, code `exempt_from_public_access`)."""
    record = await svc.get(id)
    await svc.check_download(record)
    headers = {
        "Content-Length": str(record.size),
        "Content-Disposition": content_disposition(record.filename),
        "ETag": f'"{record.sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": headers["ETag"]})
    return StreamingResponse(
        content_stream(request.app.state.sessions, record.id),
        media_type=record.content_type,
        headers=headers,
    )


@router.delete(
    "/{id}",
    name="files-delete",
    summary="Delete a file",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def delete_file(id: FileId, svc: Svc, if_match: IfMatch) -> Response:
    """Deletes a file and its content for good. A file that a document of the register or a
    submission version uses answers 409 (code `file_in_use`). Send the version you read (its
    `ETag`) as `If-Match`: a stale one answers 412 and a missing one 428, and nothing
    changes. Answers 204. Needs the `editor` role in the programme or a higher one (an API
    token with scope `read_write` counts as an editor); a `member` may delete the files they
    uploaded."""
    await svc.delete(await svc.get(id), if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
