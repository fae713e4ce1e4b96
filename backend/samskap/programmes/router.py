import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.governance.as_of import AS_OF_DESCRIPTION
from samskap.kit.routes import crud_router
from samskap.kit.schemas import IsoDate
from samskap.problems import problem_responses
from samskap.programmes.overview import ProgrammeOverview, programme_overview
from samskap.programmes.schemas import (
    ProgrammeCreate,
    ProgrammePage,
    ProgrammeRead,
    ProgrammeUpdate,
)
from samskap.programmes.service import ProgrammeService

ProgrammeId = Annotated[uuid.UUID, Path(description="The id of the programme")]

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
