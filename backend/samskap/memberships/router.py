import uuid

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.kit.routes import crud_router
from samskap.memberships.schemas import (
    MembershipCreate,
    MembershipPage,
    MembershipRead,
    MembershipUpdate,
)
from samskap.memberships.service import MembershipService
from samskap.programmes.service import ProgrammeService


async def memberships_of(
    programme_id: uuid.UUID, session: SessionDep, principal: PrincipalDep
) -> MembershipService:
    programme = await ProgrammeService(session, principal).get(programme_id)
    return MembershipService(session, principal, programme)


router = crud_router(
    path="/programmes/{programme_id}/memberships",
    resource="memberships",
    singular="membership",
    service=MembershipService,
    service_dependency=memberships_of,
    read=MembershipRead,
    create=MembershipCreate,
    update=MembershipUpdate,
    page=MembershipPage,
    delete_summary="Take a user's role in the programme away",
)
