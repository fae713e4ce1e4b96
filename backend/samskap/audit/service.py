"""Reading the audit trail: programme administrators see their programmes' events, a system
administrator every event. Nothing here changes or deletes an event."""

import uuid
from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.models import AuditEvent, Membership
from samskap.problems import NotFound


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


class AuditService:
    spec = SPEC

    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal

    def scoped(self, stmt: Select) -> Select:
        """Only the events of the programmes the principal administers."""
        admin_of = self.principal.admin_programmes()
        return stmt if admin_of is None else stmt.where(AuditEvent.programme_id.in_(admin_of))

    async def list(self, lq: ListQuery) -> tuple[list[AuditEvent], str | None]:
        return await SPEC.page(self.session, lq, self.scoped(select(AuditEvent)))

    async def get(self, event_id: uuid.UUID) -> AuditEvent:
        stmt = self.scoped(select(AuditEvent).where(AuditEvent.id == event_id))
        event = (await self.session.scalars(stmt)).first()
        if event is None:
            raise NotFound("audit event")
        return event
