"""What a programme member (not an editor) may change: the things of the groups and projects
they are in, as the person their membership names."""

import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.models import Group, GroupMember, Project


@dataclass(frozen=True)
class MemberScope:
    person_id: uuid.UUID | None
    project_ids: frozenset[uuid.UUID]
    group_ids: frozenset[uuid.UUID]


async def member_scope(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID
) -> MemberScope:
    key = ("member-scope", programme_id)
    if key in principal.cache:
        return principal.cache[key]
    person_id = principal.person_in(programme_id)
    scope = MemberScope(person_id, frozenset(), frozenset())
    if person_id is not None:
        groups = (
            await session.execute(
                select(Group.id, Group.project_id)
                .join(GroupMember, GroupMember.group_id == Group.id)
                .where(GroupMember.person_id == person_id)
            )
        ).all()
        led = (
            await session.scalars(
                select(Project.id).where(
                    or_(Project.leader_id == person_id, Project.owner_id == person_id)
                )
            )
        ).all()
        scope = MemberScope(
            person_id,
            frozenset(led) | frozenset(p for _, p in groups if p is not None),
            frozenset(g for g, _ in groups),
        )
    principal.cache[key] = scope
    return scope
