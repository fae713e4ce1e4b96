import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.governance.as_of import AS_OF_DESCRIPTION
from samskap.governance.compliance import Compliance
from samskap.governance.composition import Finding
from samskap.governance.service import compliance_report, group_composition
from samskap.kit.schemas import IsoDate
from samskap.problems import problem_responses

router = APIRouter(tags=["governance"])
ProgrammeId = Annotated[uuid.UUID, Path(description="The id of the programme")]
GroupId = Annotated[uuid.UUID, Path(description="The id of the group")]


@router.get(
    "/programmes/{id}/compliance",
    name="programmes-compliance",
    summary="Where the programme falls short of the rules, project by project",
    response_model=Compliance,
    responses=problem_responses(401, 404, 422),
)
async def compliance(
    id: ProgrammeId,
    session: SessionDep,
    principal: PrincipalDep,
    as_of: Annotated[IsoDate | None, Query(description=AS_OF_DESCRIPTION)] = None,
) -> Compliance:
    """Composition findings, mandates, project leaders, employee involvement and overdue
    deadlines, each with its rule and source."""
    return await compliance_report(session, principal, id, as_of)


@router.get(
    "/groups/{id}/composition",
    name="groups-composition",
    summary="The composition findings of a group, computed now",
    response_model=list[Finding],
    responses=problem_responses(401, 404, 422),
)
async def composition(id: GroupId, session: SessionDep, principal: PrincipalDep) -> list[Finding]:
    """Empty when the group is composed as its kind requires."""
    return await group_composition(session, principal, id)
