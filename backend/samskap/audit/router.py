"""Reading the audit trail. There is no operation that changes or deletes an event."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.models import AuditEvent, Membership
from samskap.problems import NotFound, problem_responses


class AuditEventRead(BaseModel):
    """One entry of the audit trail: who changed what, when, how, before and after."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The event's id")
    occurred_at: datetime = Field(description="When it happened")
    programme_id: uuid.UUID | None = Field(
        description="The programme it happened in; null for user accounts and logins"
    )
    actor_user_id: uuid.UUID | None = Field(description="The user who did it, if a user did")
    actor_token_id: uuid.UUID | None = Field(description="The API token it was done through")
    session_id: uuid.UUID | None = Field(description="The login session it was done in")
    via: str = Field(
        description="How the actor was authenticated: `session`, `api_token` or `system` "
        "(the command line, e.g. loading the demo)"
    )
    action: str = Field(
        description="What was done: create, update, delete, archive, erase, login, logout, …"
    )
    record_type: str = Field(description="The kind of record, e.g. project or deadline")
    record_id: uuid.UUID | None = Field(description="The record's id")
    before: dict[str, Any] | None = Field(
        description="The record's fields before the change; null for a create"
    )
    after: dict[str, Any] | None = Field(
        description="The record's fields after the change; null for a delete"
    )
    request_id: str | None = Field(
        description="The id of the HTTP request (X-Request-ID), to find it in the server log"
    )


class AuditEventPage(BaseModel):
    """One page of a list; pass next_cursor as cursor to get the next page."""

    items: list[AuditEventRead] = Field(description="The events of this page, in the list's order")
    next_cursor: str | None = Field(
        None,
        description="Pass this as `cursor` (with the same filters and sort) for the next page; "
        "null on the last page",
    )


def _about_person(stmt, person_id: uuid.UUID):
    """Events about the person's record, or done by the user who is that person."""
    users = select(Membership.user_id).where(Membership.person_id == person_id)
    return stmt.where(
        or_(
            (AuditEvent.record_type == "person") & (AuditEvent.record_id == person_id),
            AuditEvent.actor_user_id.in_(users),
        )
    )


SPEC = ListSpec(
    model=AuditEvent,
    filters=[
        Filter("programme_id", AuditEvent.programme_id, uuid.UUID, "Programme"),
        Filter("record_type", AuditEvent.record_type, str, "Kind of record, e.g. project"),
        Filter("record_id", AuditEvent.record_id, uuid.UUID, "The record"),
        Filter("action", AuditEvent.action, str, "create, update, delete, archive, erase, …"),
        Filter("actor_user_id", AuditEvent.actor_user_id, uuid.UUID, "Who did it (user)"),
        Filter("actor_token_id", AuditEvent.actor_token_id, uuid.UUID, "Through which token"),
        Filter(
            "person_id",
            AuditEvent.record_id,
            uuid.UUID,
            "About this person, or done by the user who is this person",
            apply=_about_person,
        ),
        Filter(
            "occurred_after", AuditEvent.occurred_at, datetime, "At or after this time", op="ge"
        ),
        Filter("occurred_before", AuditEvent.occurred_at, datetime, "Before this time", op="lt"),
    ],
    sorts={"occurred_at": AuditEvent.occurred_at},
    default_sort="-occurred_at",
)

router = APIRouter(prefix="/audit-events", tags=["audit"])
ListParams = Annotated[ListQuery, Depends(SPEC.dependency())]


def _scoped(principal, stmt):
    admin_of = principal.admin_programmes()
    return stmt if admin_of is None else stmt.where(AuditEvent.programme_id.in_(admin_of))


@router.get(
    "",
    name="audit-events-list",
    summary="List audit events",
    response_model=AuditEventPage,
    responses=problem_responses(400, 401, 422),
)
async def list_events(principal: PrincipalDep, session: SessionDep, lq: ListParams) -> Any:
    """Every write (who, when, how, before and after) in the programmes you administer."""
    items, next_cursor = await SPEC.page(session, lq, _scoped(principal, select(AuditEvent)))
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
    stmt = _scoped(principal, select(AuditEvent).where(AuditEvent.id == id))
    event = (await session.scalars(stmt)).first()
    if event is None:
        raise NotFound("audit event")
    return event
