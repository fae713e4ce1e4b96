"""Submissions and their versions (CRUD), submitting a version, and comparing two."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses
from samskap.submissions.matrix import delivery_matrix
from samskap.submissions.schemas import (
    DeliveryMatrix,
    SubmissionCreate,
    SubmissionPage,
    SubmissionRead,
    SubmissionUpdate,
    VersionComparison,
    VersionCreate,
    VersionPage,
    VersionRead,
    VersionUpdate,
)
from samskap.submissions.service import SubmissionService, VersionService


def _service(session: SessionDep, principal: PrincipalDep) -> VersionService:
    return VersionService(session, principal)


Versions = Annotated[VersionService, Depends(_service)]

router = APIRouter()
# Declared before the versions' own routes, so that `compare` is not read as a version id.
compare_router = APIRouter()


@compare_router.get(
    "/submission-versions/compare",
    name="submission-versions-compare",
    tags=["submission-versions"],
    summary="Compare two versions of a submission section by section",
    response_model=VersionComparison,
    responses=problem_responses(401, 404, 422),
)
async def compare(
    svc: Versions,
    from_id: Annotated[uuid.UUID, Query(alias="from", description="The earlier version's id")],
    to_id: Annotated[uuid.UUID, Query(alias="to", description="The later version's id")],
) -> Any:
    """For every section of the template, in its order (then any section the template no
    longer has): unchanged, changed, added or removed, with both texts and a line-by-line
    diff. Both versions must belong to the same submission (422 `different_submissions`); a
    version you may not see answers 404."""
    return await svc.compare(from_id, to_id)


router.include_router(compare_router)
router.include_router(
    crud_router(
        path="/submissions",
        resource="submissions",
        singular="submission",
        service=SubmissionService,
        read=SubmissionRead,
        create=SubmissionCreate,
        update=SubmissionUpdate,
        page=SubmissionPage,
        descriptions={
            "create": "Creates a submission (innspill, arbeidsbok): what one project or one "
            "group hands in against a template, version by version. Reading it lists its "
            "versions with their status, their deadline's due time and whether they met it.",
            "delete": "Deletes a submission with all its versions, submitted ones included.",
        },
    )
)
router.include_router(
    crud_router(
        path="/submission-versions",
        resource="submission-versions",
        singular="submission version",
        service=VersionService,
        read=VersionRead,
        create=VersionCreate,
        update=VersionUpdate,
        page=VersionPage,
        descriptions={
            "create": "Creates a draft version of a submission (1, 2, 3, final) with its section "
            "texts and attached files, answering a deadline of the same programme. A section "
            "the template does not have answers 422 `unknown_section`, a text over the "
            "section's `max_length` 422 `section_too_long` (both at `/sections/<key>`, the "
            "latter with `max_length` and `length`); a file of another programme 422 "
            "`unknown_reference`.",
            "update": "Changes a draft version, its files included (the list is replaced); a "
            "submitted version is frozen and answers 409 `version_frozen`.",
            "delete": "Deletes a draft version; a submitted one answers 409 `version_frozen`.",
        },
    )
)


@router.post(
    "/submission-versions/{id}/submit",
    name="submission-versions-submit",
    tags=["submission-versions"],
    summary="Submit a version to its deadline's recipient",
    response_model=VersionRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def submit(
    id: Annotated[uuid.UUID, Path(description="The id of the submission version")],
    svc: Versions,
    response: Response,
    if_match: IfMatch,
) -> Any:
    """Submits a draft version: it is frozen from now on (409 `version_frozen` on any change),
    `submitted_at` is now and `submitted_by_id` the caller's person in the programme (if
    any), and it goes to its deadline's recipient (`recipient_id`). Every attachment the
    template requires must be attached (422 `attachment_required`, naming its key in
    `params.key`), and the section texts must still fit the template. An open deadline it
    answers is marked submitted at the same time, by the deadlines' own rules (the caller
    must be allowed to change that deadline); all of it happens, or nothing. Needs the
    `editor` role, or `member` for a submission of the member's own project or group."""
    shown = await svc.submit(await svc.get(id), if_match)
    response.headers["ETag"] = etag(shown.version)
    return shown


@router.get(
    "/delivery-matrix",
    name="delivery-matrix-get",
    tags=["submissions"],
    summary="The programme's delivery matrix: areas by versions",
    response_model=DeliveryMatrix,
    responses=problem_responses(401, 404, 422),
)
async def get_delivery_matrix(
    principal: PrincipalDep,
    session: SessionDep,
    programme_id: Annotated[uuid.UUID, Query(description="The programme whose deliveries to show")],
    template_id: Annotated[
        uuid.UUID | None, Query(description="Only submissions following this template")
    ] = None,
) -> Any:
    """Every project and group with a submission (projects by code, then groups by name) by
    every version label (in position order), each cell the area's version with that label:
    its status, deadline, due and submission times and its delivery (on_time, late with
    `late_by_seconds`, missing, pending, waived, or `none` when the area has no such
    version), judged now. Anyone with a role in the programme, observers too, may read it; a
    programme you cannot see answers 404, a template of another programme 422."""
    return await delivery_matrix(session, principal, programme_id, template_id)
