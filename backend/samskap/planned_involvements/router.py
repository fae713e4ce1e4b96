import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.routes import crud_router
from samskap.planned_involvements.plan import involvement_plan
from samskap.planned_involvements.schemas import (
    InvolvementPlan,
    PlannedInvolvementCreate,
    PlannedInvolvementPage,
    PlannedInvolvementRead,
    PlannedInvolvementUpdate,
)
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.problems import problem_responses

ProjectId = Annotated[uuid.UUID, Path(description="The id of the project")]

router = APIRouter()


@router.get(
    "/projects/{id}/involvement-plan",
    name="projects-involvement-plan",
    tags=["planned-involvements"],
    summary="The project's involvement plan against what happened",
    response_model=InvolvementPlan,
    responses=problem_responses(401, 404, 422),
)
async def plan(id: ProjectId, session: SessionDep, principal: PrincipalDep) -> InvolvementPlan:
    """Every planned involvement of the project (by planned_on) with the involvement record
    that fulfilled it, when it happened and how late, and the project's records that were
    not planned. Observers see head counts, not names."""
    return await involvement_plan(session, principal, id)


router.include_router(
    crud_router(
        path="/planned-involvements",
        resource="planned-involvements",
        singular="planned involvement",
        service=PlannedInvolvementService,
        read=PlannedInvolvementRead,
        create=PlannedInvolvementCreate,
        update=PlannedInvolvementUpdate,
        page=PlannedInvolvementPage,
        descriptions={
            "list": "One page of the planned involvements (the projects' involvement plans) "
            "you may see; `overdue=true` lists those still planned past their day.",
            "create": "Adds an entry to a project's involvement plan (seed 000): which "
            "stakeholders, how, when, about what, who is responsible, and the decision it must "
            "come before. It starts `planned`; it becomes `done` when an involvement record "
            "fulfils it (`involvement_id` here, or `planned_involvement_id` when the "
            "involvement is recorded), and is `cancelled` with a reason.",
            "delete": "Deletes a planned involvement that has not happened; a done one is kept "
            "(409 until its involvement_id is cleared).",
        },
    )
)
