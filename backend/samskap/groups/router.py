import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.groups.schemas import (
    GroupCreate,
    GroupPage,
    GroupRead,
    GroupUpdate,
    MemberCreate,
    MemberPage,
    MemberRead,
    MemberUpdate,
)
from samskap.groups.service import GroupService, MemberService
from samskap.kit.routes import crud_router


async def members_of(
    group_id: Annotated[uuid.UUID, Path(description="The id of the group")],
    session: SessionDep,
    principal: PrincipalDep,
) -> MemberService:
    group = await GroupService(session, principal).get(group_id)
    return MemberService(session, principal, group)


router = APIRouter()
router.include_router(
    crud_router(
        path="/groups",
        resource="groups",
        singular="group",
        service=GroupService,
        read=GroupRead,
        create=GroupCreate,
        update=GroupUpdate,
        page=GroupPage,
        delete_summary="Delete a group and its memberships",
        descriptions={
            "create": "Creates a group of a programme, or of one of its projects: a joint "
            "committee, steering group, project board, working group or another kind, each "
            "with its own composition rules (see `GET /groups/{id}/composition`).",
            "delete": "Deletes a group and its members' seats; a group that other records "
            "still refer to (tasks, deadlines, events, …) answers 409.",
        },
    )
)
router.include_router(
    crud_router(
        path="/groups/{group_id}/members",
        resource="group-members",
        singular="group member",
        service=MemberService,
        service_dependency=members_of,
        read=MemberRead,
        create=MemberCreate,
        update=MemberUpdate,
        page=MemberPage,
        descriptions={
            "list": "One page of the group's members: each seat with its person, role, party, "
            "represented municipality and time allocation.",
            "create": "Gives a person a seat in the group, with a role, the party they sit for "
            "and their time allocation. A person holds one seat per role at a time.",
            "delete": "Removes a seat from the group; the person stays in the programme.",
        },
    )
)
