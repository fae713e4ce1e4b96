import uuid

from fastapi import APIRouter

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses
from samskap.programmes.overview import ProgrammeOverview, programme_overview
from samskap.programmes.schemas import (
    ProgrammeCreate,
    ProgrammePage,
    ProgrammeRead,
    ProgrammeUpdate,
)
from samskap.programmes.service import ProgrammeService

router = APIRouter()
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
    id: uuid.UUID, session: SessionDep, principal: PrincipalDep
) -> ProgrammeOverview:
    """Projects with phase and health, overdue and upcoming deadlines, recent involvement."""
    programme = await ProgrammeService(session, principal).get(id)
    return await programme_overview(session, programme)
