import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.governance.as_of import AS_OF_DESCRIPTION
from samskap.governance.compliance import (
    FINDINGS_DEFAULT_LIMIT,
    FINDINGS_MAX_LIMIT,
    Compliance,
    FindingPage,
)
from samskap.governance.composition import Finding
from samskap.governance.service import (
    compliance_findings_page,
    compliance_report,
    group_composition,
)
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
    include: Annotated[
        Literal["findings"] | None,
        Query(
            description="findings: every finding in the answer, under its project or the "
            "programme (unbounded: for exports and scripts). Default: counts only, the findings "
            "paged at /programmes/{id}/compliance/findings"
        ),
    ] = None,
) -> Compliance:
    """Counts of the findings by project and by rule (composition, mandates, project leaders,
    employee involvement, overdue deadlines and more), each rule with its source."""
    return await compliance_report(session, principal, id, as_of, include == "findings")


@router.get(
    "/programmes/{id}/compliance/findings",
    name="programmes-compliance-findings",
    summary="The compliance report's findings, a page at a time",
    response_model=FindingPage,
    responses=problem_responses(400, 401, 404, 422),
)
async def compliance_findings(
    id: ProgrammeId,
    session: SessionDep,
    principal: PrincipalDep,
    project_id: Annotated[
        uuid.UUID | None, Query(description="Only the findings of this project")
    ] = None,
    scope: Annotated[
        Literal["programme"] | None,
        Query(description="programme: only the findings that belong to no single project"),
    ] = None,
    rule: Annotated[
        str | None, Query(max_length=80, description="Only the findings under this rule (its id)")
    ] = None,
    as_of: Annotated[IsoDate | None, Query(description=AS_OF_DESCRIPTION)] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=FINDINGS_MAX_LIMIT,
            description=f"How many findings one page holds (at most {FINDINGS_MAX_LIMIT})",
        ),
    ] = FINDINGS_DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            max_length=1000,
            pattern=r"^[A-Za-z0-9_-]*$",
            description="Where the page starts: the `next_cursor` of the previous page, with "
            "the same filters; leave out for the first page",
        ),
    ] = None,
) -> FindingPage:
    """By rule, in the order the report lists its rules, then by the record that falls short."""
    return await compliance_findings_page(
        session,
        principal,
        id,
        as_of,
        project_id=project_id,
        programme_only=scope == "programme",
        rule=rule,
        limit=limit,
        cursor=cursor,
    )


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
