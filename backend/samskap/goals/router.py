import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.goals.schemas import (
    GoalCreate,
    GoalPage,
    GoalRead,
    GoalSelectionCreate,
    GoalSelectionPage,
    GoalSelectionRead,
    GoalSelectionRevisionPage,
    GoalSelectionUpdate,
    GoalTree,
    GoalUpdate,
)
from samskap.goals.service import (
    REVISIONS,
    GoalSelectionRevisionService,
    GoalSelectionService,
    GoalService,
    goal_tree,
)
from samskap.kit.listing import ListQuery
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

router = APIRouter()
router.include_router(
    crud_router(
        path="/goals",
        resource="goals",
        singular="goal",
        service=GoalService,
        read=GoalRead,
        create=GoalCreate,
        update=GoalUpdate,
        page=GoalPage,
        descriptions={
            "create": "Creates a goal in the programme's goal tree (Digdir's project model: "
            "societal goal → effect goal → result goal), or a catalogue goal for the "
            "projects and groups to select (`in_catalogue`). An effect goal sits under a "
            "societal goal or at the top; a result goal under an effect goal, or directly "
            "under a project; a dropped goal says why. Breaking these rules answers 422 with "
            "a code (`parent_kind_mismatch`, `societal_goal_has_no_parent`, "
            "`result_goal_needs_parent_or_project`, `parent_cycle`, `catalogue_goal_in_area`, "
            "`dropped_reason_required`).",
            "delete": "Deletes a goal for good. A goal that still has goals under it, "
            "indicators, selections (or their history) or measures answers 409 "
            "(`goal_in_use`, its `params` saying what holds it); mark it dropped instead.",
        },
    )
)
router.include_router(
    crud_router(
        path="/goal-selections",
        resource="goal-selections",
        singular="goal selection",
        service=GoalSelectionService,
        read=GoalSelectionRead,
        create=GoalSelectionCreate,
        update=GoalSelectionUpdate,
        page=GoalSelectionPage,
        descriptions={
            "create": "A project or group selects a catalogue goal of its programme, with the "
            "rationale (begrunnelse), what the goal means for the area and how it will be made "
            "operational (seed 002). One selection per goal and area: a second answers 409 "
            "(`goal_already_selected`, naming the existing selection in `params`). Every "
            "create, change and delete is kept in `/goal-selection-revisions`.",
            "delete": "Withdraws a goal selection; its history stays in "
            "`/goal-selection-revisions`.",
        },
    )
)

RevisionParams = Annotated[ListQuery, Depends(REVISIONS.dependency())]


@router.get(
    "/goal-selection-revisions",
    name="goal-selection-revisions-list",
    tags=["goal-selections"],
    summary="List the history of goal selections",
    response_model=GoalSelectionRevisionPage,
    responses=problem_responses(400, 401, 422),
)
async def list_revisions(principal: PrincipalDep, session: SessionDep, lq: RevisionParams) -> Any:
    """Each state of the goal selections you may see, newest first: made, changed, withdrawn."""
    items, next_cursor = await GoalSelectionRevisionService(session, principal).list(lq)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/goal-tree",
    name="goal-tree-get",
    tags=["goals"],
    summary="The goal tree of a programme or project",
    response_model=GoalTree,
    responses=problem_responses(401, 404, 422),
)
async def get_goal_tree(
    principal: PrincipalDep,
    session: SessionDep,
    programme_id: Annotated[uuid.UUID, Query(description="The programme whose goals to show")],
    project_id: Annotated[
        uuid.UUID | None,
        Query(
            description="Only this project's goals, the catalogue goals it selected and the "
            "goals above them"
        ),
    ] = None,
) -> Any:
    """Goals as a tree with each indicator's latest value against baseline and target, and
    the areas that selected each catalogue goal."""
    return await goal_tree(session, principal, programme_id, project_id)
