"""Hearings (CRUD, open, close, summary as JSON and DOCX) and hearing responses (CRUD)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.hearings.schemas import (
    HearingCreate,
    HearingPage,
    HearingRead,
    HearingResponseCreate,
    HearingResponsePage,
    HearingResponseRead,
    HearingResponseUpdate,
    HearingSummary,
    HearingUpdate,
)
from samskap.hearings.service import HearingResponseService, HearingService
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG, Responses
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

router = APIRouter()
router.include_router(
    crud_router(
        path="/hearings",
        resource="hearings",
        singular="hearing",
        service=HearingService,
        read=HearingRead,
        create=HearingCreate,
        update=HearingUpdate,
        page=HearingPage,
        descriptions={
            "create": "Creates a hearing (høring) as a draft: what is heard (a document of the "
            "register or a submission version), the letter, the invited parties and the "
            "deadline for responses. Open it to take responses.",
            "update": "Changes a hearing. `invitees` replaces the list; a party that stays "
            "keeps its id, and one that has responded cannot be removed (409 "
            "`invitee_responded`). A new `deadline_at` marks the responses late or not anew.",
            "delete": "Deletes a hearing for good; one with responses answers 409 (delete "
            "them first).",
        },
    )
)
router.include_router(
    crud_router(
        path="/hearing-responses",
        resource="hearing-responses",
        singular="hearing response",
        service=HearingResponseService,
        read=HearingResponseRead,
        create=HearingResponseCreate,
        update=HearingResponseUpdate,
        page=HearingResponsePage,
        descriptions={
            "create": "Registers a response to an open or closed hearing (a draft answers 409 "
            "`hearing_not_open`). A response received after the deadline is taken and marked "
            "`late`. Each response is also written as an involvement record of form "
            "`hearing` (see `involvement_id`), kept in step when the response or its handling "
            "changes.",
            "delete": "Deletes a response for good; its involvement record is archived, not "
            "erased.",
        },
    )
)

HearingId = Annotated[uuid.UUID, Path(description="The id of the hearing")]


def _service(session: SessionDep, principal: PrincipalDep) -> HearingService:
    return HearingService(session, principal)


Hearings = Annotated[HearingService, Depends(_service)]

DOCX_OK: Responses = {
    200: {
        "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}},
        "description": "The summary as a Word document",
    }
}


@router.post(
    "/hearings/{id}/open",
    name="hearings-open",
    tags=["hearings"],
    summary="Open a hearing for responses",
    response_model=HearingRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def open_hearing(id: HearingId, svc: Hearings, response: Response, if_match: IfMatch) -> Any:
    """Opens a draft hearing that invites at least one party (409 `no_invitees` otherwise;
    409 `hearing_not_draft` when it is not a draft). Needs the `editor` role."""
    opened = await svc.open(await svc.get(id), if_match)
    response.headers["ETag"] = etag(opened.version)
    return opened


@router.post(
    "/hearings/{id}/close",
    name="hearings-close",
    tags=["hearings"],
    summary="Close a hearing",
    response_model=HearingRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def close_hearing(id: HearingId, svc: Hearings, response: Response, if_match: IfMatch) -> Any:
    """Closes an open hearing (409 `hearing_not_open` otherwise). Responses can still be
    registered and handled; the compliance report flags a closed hearing with responses not
    handled. Needs the `editor` role."""
    closed = await svc.close(await svc.get(id), if_match)
    response.headers["ETag"] = etag(closed.version)
    return closed


@router.get(
    "/hearings/{id}/summary",
    name="hearings-summary",
    tags=["hearings"],
    summary="The summary of a hearing's responses",
    response_model=HearingSummary,
    responses=problem_responses(401, 404, 422),
)
async def hearing_summary(id: HearingId, svc: Hearings) -> Any:
    """The summary (sammenstilling av høringsuttalelser): the responses per party with their
    handling and comment, the invited parties that have not responded, and how many responses
    were handled each way."""
    return await svc.summary(await svc.get(id))


@router.get(
    "/hearings/{id}/summary.docx",
    name="hearings-summary-docx",
    tags=["hearings"],
    summary="The summary of a hearing as a Word document",
    response_class=Response,
    responses=DOCX_OK | problem_responses(401, 404, 422),
)
async def hearing_summary_docx(id: HearingId, svc: Hearings) -> Response:
    """The same summary as a DOCX file, in Norwegian bokmål: per party a table of who wrote,
    what they said, the handling and its comment."""
    hearing = await svc.get(id)
    content = await svc.summary_docx(hearing)
    return Response(
        content,
        media_type=DOCX,
        headers={"Content-Disposition": 'attachment; filename="sammenstilling.docx"'},
    )
