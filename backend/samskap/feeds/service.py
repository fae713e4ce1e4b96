"""What the calendar feeds hold: the events and deadlines a list with the same filters would
show this principal, without paging and in time order."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.deadlines.service import DeadlineService
from samskap.events.service import EventService
from samskap.kit.listing import ListQuery
from samskap.models import Deadline, Event

# A calendar program fetches the whole feed at once; past this it is a list to page through.
MAX_ITEMS = 2000


async def feed_events(
    session: AsyncSession, principal: Principal, lq: ListQuery
) -> Sequence[Event]:
    service = EventService(session, principal)
    stmt = EventService.spec.statement(lq, service.scoped(select(Event)))
    return (await session.scalars(stmt.order_by(Event.starts_at).limit(MAX_ITEMS))).all()


async def feed_deadlines(
    session: AsyncSession, principal: Principal, lq: ListQuery
) -> Sequence[Deadline]:
    service = DeadlineService(session, principal)
    stmt = DeadlineService.spec.statement(lq, service.scoped(select(Deadline)))
    return (await session.scalars(stmt.order_by(Deadline.due_at).limit(MAX_ITEMS))).all()
