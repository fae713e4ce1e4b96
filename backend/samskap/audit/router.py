"""Reading the audit trail. There is no operation that changes or deletes an event."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from samskap.audit.schemas import AuditEventPage, AuditEventRead
from samskap.audit.service import SPEC, AuditService
from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.listing import ListQuery
from samskap.problems import problem_responses

router = APIRouter(prefix="/audit-events", tags=["audit"])
ListParams = Annotated[ListQuery, Depends(SPEC.dependency())]


@router.get(
    "",
    name="audit-events-list",
    summary="List audit events",
    response_model=AuditEventPage,
    responses=problem_responses(400, 401, 422),
)
async def list_events(principal: PrincipalDep, session: SessionDep, lq: ListParams) -> Any:
    """Every write (who, when, how, before and after) in the programmes you administer."""
    items, next_cursor = await AuditService(session, principal).list(lq)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/{id}",
    name="audit-events-get",
    summary="Get an audit event",
    response_model=AuditEventRead,
    responses=problem_responses(401, 404, 422),
)
async def get_event(
    id: Annotated[uuid.UUID, Path(description="The id of the audit event")],
    principal: PrincipalDep,
    session: SessionDep,
) -> Any:
    """One event of the trail."""
    return await AuditService(session, principal).get(id)
