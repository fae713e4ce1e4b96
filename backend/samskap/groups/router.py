import uuid

from fastapi import APIRouter

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
    group_id: uuid.UUID, session: SessionDep, principal: PrincipalDep
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
    )
)
