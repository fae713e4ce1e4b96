import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.governance.as_of import AS_OF_DESCRIPTION
from samskap.imports.programme_export import (
    EXPORT_DESCRIPTION,
    EXPORT_RESPONSES,
    export_response,
)
from samskap.kit.routes import crud_router
from samskap.kit.schemas import IsoDate
from samskap.problems import problem_responses
from samskap.programmes.overview import ProgrammeOverview, programme_overview
from samskap.programmes.schemas import (
    ProgrammeCreate,
    ProgrammePage,
    ProgrammeRead,
    ProgrammeTemplateRead,
    ProgrammeUpdate,
)
from samskap.programmes.service import ProgrammeService
from samskap.programmes.templates import PROGRAMME_TEMPLATES, programme_template
from samskap.programmes.timeline import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ProgrammeTimeline,
    programme_timeline,
)
from samskap.programmes.timeline import WINDOW_DESCRIPTION as WINDOW

ProgrammeId = Annotated[uuid.UUID, Path(description="The id of the programme")]

router = APIRouter()


@router.get(
    "/programme-templates",
    name="programme-templates-list",
    tags=["programmes"],
    summary="List the structures a new programme can start from",
    response_model=list[ProgrammeTemplateRead],
    responses=problem_responses(401),
)
async def list_programme_templates() -> list[dict]:
    """The templates a programme can be created from (`template` on programme create)."""
    return [programme_template(t) for t in PROGRAMME_TEMPLATES.values()]


router.include_router(
    crud_router(
        path="/programmes",
        resource="programmes",
        singular="programme",
        service=ProgrammeService,
        read=ProgrammeRead,
        create=ProgrammeCreate,
        update=ProgrammeUpdate,
        page=ProgrammePage,
        delete_summary="Delete a programme that no longer holds any records",
        descriptions={
            "list": "One page of the programmes you belong to (every programme, for a system "
            "administrator).",
            "create": "Creates a programme (program, sammenslåingsprogram): the frame that "
            "holds the projects, groups, people and records of one reorganisation or merger.",
            "delete": "Deletes a programme that no longer holds any records (projects, groups, "
            "people, …); one that still does answers 409.",
        },
    )
)


@router.get(
    "/programmes/{id}/overview",
    name="programmes-overview",
    tags=["programmes"],
    summary="The programme at a glance",
    response_model=ProgrammeOverview,
    responses=problem_responses(401, 404, 422),
)
async def overview(
    id: ProgrammeId,
    session: SessionDep,
    principal: PrincipalDep,
    as_of: Annotated[IsoDate | None, Query(description=AS_OF_DESCRIPTION)] = None,
) -> ProgrammeOverview:
    """Projects with phase and health, overdue and upcoming deadlines, recent involvement."""
    programme = await ProgrammeService(session, principal).get(id)
    return await programme_overview(session, programme, as_of)


@router.get(
    "/programmes/{id}/timeline",
    name="programmes-timeline",
    tags=["programmes"],
    summary="Phases, deadlines and decisions within a window, for a Gantt chart",
    response_model=ProgrammeTimeline,
    responses=problem_responses(401, 404, 422),
)
async def timeline(
    id: ProgrammeId,
    session: SessionDep,
    principal: PrincipalDep,
    from_: Annotated[
        IsoDate | None, Query(alias="from", description="The window's first day. " + WINDOW)
    ] = None,
    to: Annotated[IsoDate | None, Query(description="The window's last day. " + WINDOW)] = None,
    project_id: Annotated[uuid.UUID | None, Query(description="Only this project's")] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="At most this many of each kind")
    ] = DEFAULT_LIMIT,
) -> ProgrammeTimeline:
    """Phases, deadlines and decisions of the programme within a window, earliest first."""
    programme = await ProgrammeService(session, principal).get(id)
    return await programme_timeline(session, programme, from_, to, project_id, limit)


@router.get(
    "/programmes/{id}/export",
    name="programmes-export",
    tags=["programmes"],
    summary="Export the whole programme as a ZIP of JSON Lines files",
    description=EXPORT_DESCRIPTION,
    response_class=StreamingResponse,
    responses=EXPORT_RESPONSES | problem_responses(401, 403, 404, 422),
)
async def export(
    id: ProgrammeId, session: SessionDep, principal: PrincipalDep, request: Request
) -> StreamingResponse:
    programme = await ProgrammeService(session, principal).exportable(id)
    return export_response(request, principal, programme)
