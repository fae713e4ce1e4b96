import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from samskap.auth.principal import PrincipalDep
from samskap.criteria.schemas import (
    CriterionAssessmentCreate,
    CriterionAssessmentPage,
    CriterionAssessmentRead,
    CriterionAssessmentUpdate,
    GroupCriteria,
    GroupCriterionCreate,
    GroupCriterionPage,
    GroupCriterionRead,
    GroupCriterionUpdate,
)
from samskap.criteria.service import (
    CriterionAssessmentService,
    GroupCriterionService,
    group_criteria,
)
from samskap.deps import SessionDep
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

router = APIRouter()
router.include_router(
    crud_router(
        path="/group-criteria",
        resource="group-criteria",
        singular="group criterion",
        plural="criteria for kinds of group",
        service=GroupCriterionService,
        read=GroupCriterionRead,
        create=GroupCriterionCreate,
        update=GroupCriterionUpdate,
        page=GroupCriterionPage,
        descriptions={
            "create": "Creates a criterion for every group of one kind in the programme: for "
            "setting such a group up (`setup`) or for evaluating its results (`evaluation`), "
            "as seed 001 has for work teams. Each group of the kind is then assessed against "
            "it (`/criterion-assessments`).",
            "delete": "Deletes a criterion for good, with every assessment made against it.",
        },
    )
)
router.include_router(
    crud_router(
        path="/criterion-assessments",
        resource="criterion-assessments",
        singular="criterion assessment",
        service=CriterionAssessmentService,
        read=CriterionAssessmentRead,
        create=CriterionAssessmentCreate,
        update=CriterionAssessmentUpdate,
        page=CriterionAssessmentPage,
        descriptions={
            "create": "Records how a group meets one of the criteria its programme sets for "
            "its kind, as assessed on a day (not in the future). A criterion for another kind "
            "of group answers 422 `criterion_kind_mismatch`. Assessments are kept as a dated "
            "history; the latest per criterion counts.",
        },
    )
)


@router.get(
    "/groups/{id}/criteria",
    name="groups-criteria",
    tags=["groups"],
    summary="The group against the criteria for its kind",
    description="Every criterion the programme sets for the group's kind (setup before "
    "evaluation), each with its latest assessment and the dated history, and how many are "
    "met, partly met, not met and not assessed.",
    response_model=GroupCriteria,
    responses=problem_responses(401, 404, 422),
)
async def criteria_of_group(
    id: Annotated[uuid.UUID, Path(description="The id of the group")],
    session: SessionDep,
    principal: PrincipalDep,
) -> GroupCriteria:
    """The group against the criteria for its kind."""
    return await group_criteria(session, principal, id)
