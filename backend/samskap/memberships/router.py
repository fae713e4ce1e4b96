import uuid
from typing import Annotated

from fastapi import Path

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
    programme_id: Annotated[uuid.UUID, Path(description="The id of the programme")],
    session: SessionDep,
    principal: PrincipalDep,
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
    descriptions={
        "list": "One page of the programme's memberships: which user has which role in it, "
        "and which of the programme's people the user is.",
        "create": "Gives a user a role in the programme. Name the user's own record among the "
        "programme's people (`person_id`) so that their groups and projects count as theirs. "
        "A programme administrator can name a user who already holds a role in a programme "
        "they administer, a system administrator any user; any other user id answers 422 as an "
        "unknown one does, so that no one learns which accounts exist.",
        "delete": "Takes the user's role in the programme away; the user account stays.",
    },
)
