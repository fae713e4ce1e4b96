"""Whom a mail about a record reaches: the persons it names and the current members of the
groups it names, looked up once for a whole batch, and of them each address once."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.mail.sending import valid_address
from samskap.mail.tokens import normal_address
from samskap.models import GroupMember, Person


async def people_and_members(
    session: AsyncSession,
    person_ids: Iterable[uuid.UUID],
    group_ids: Iterable[uuid.UUID],
    today: date,
) -> tuple[dict[uuid.UUID, Person], dict[uuid.UUID, list[Person]]]:
    """The persons by id, and each group's members on `today` by name (two queries at most)."""
    person_ids, group_ids = set(person_ids), set(group_ids)
    people: dict[uuid.UUID, Person] = {}
    members: dict[uuid.UUID, list[Person]] = defaultdict(list)
    if person_ids:
        for person in await session.scalars(select(Person).where(Person.id.in_(person_ids))):
            people[person.id] = person
    if group_ids:
        rows = await session.execute(
            select(GroupMember.group_id, Person)
            .join(Person, Person.id == GroupMember.person_id)
            .where(
                GroupMember.group_id.in_(group_ids),
                or_(GroupMember.starts_on.is_(None), GroupMember.starts_on <= today),
                or_(GroupMember.ends_on.is_(None), GroupMember.ends_on >= today),
            )
            .order_by(Person.name)
        )
        for group_id, person in rows:
            members[group_id].append(person)
    return people, members


def addressable(people: Iterable[Person]) -> list[Person]:
    """The persons, in order, that are not erased and have an address, each address (as mail
    choices key it) once."""
    out: list[Person] = []
    seen: set[str] = set()
    for person in people:
        if person.erased_at is not None or not valid_address(person.email):
            continue
        address = normal_address(person.email or "")
        if address not in seen:
            seen.add(address)
            out.append(person)
    return out
