import uuid

from sqlalchemy import select

from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import Membership, Person, Programme, User
from samskap.models.enums import ProgrammeRole
from samskap.problems import Forbidden, ValidationFailed


class MembershipService(CrudService[Membership]):
    """Roles in one programme, at /programmes/{programme_id}/memberships; admins only."""

    model = Membership
    label = "membership"
    write_role = ProgrammeRole.programme_admin
    spec = ListSpec(
        model=Membership,
        filters=[
            Filter("role", Membership.role, ProgrammeRole, "Only memberships with this role"),
            Filter("user_id", Membership.user_id, uuid.UUID, "Only this user's membership"),
            Filter(
                "person_id",
                Membership.person_id,
                uuid.UUID,
                "Only the membership that names this person",
            ),
        ],
        sorts={"created_at": Membership.created_at, "role": Membership.role},
        default_sort="created_at",
    )

    def __init__(self, session, principal, programme: Programme):
        super().__init__(session, principal)
        if not principal.at_least(programme.id, ProgrammeRole.programme_admin):
            raise Forbidden("Only programme administrators see and grant roles.")
        self.programme_record = programme

    def scoped(self, stmt):
        return stmt.where(Membership.programme_id == self.programme_record.id)

    async def apply(self, record, values, *, creating):
        if creating:
            values["programme_id"] = self.programme_record.id
            if not await self._may_see_user(values["user_id"]):
                # The same answer whether the account is missing or only hidden, so that the
                # answer does not tell which user ids exist.
                raise ValidationFailed.at(
                    "/user_id", "no user with this id", code="unknown_reference"
                )
        await require_in_programme(
            self.session, Person, values.get("person_id"), self.programme_record.id, "person_id"
        )
        await super().apply(record, values, creating=creating)

    async def _may_see_user(self, user_id: uuid.UUID) -> bool:
        """System administrators see every account; a programme administrator sees the users
        who hold a role in a programme they administer (those their membership lists show)."""
        administered = self.principal.admin_programmes()
        if administered is None:
            return await self.session.get(User, user_id) is not None
        seen = await self.session.scalar(
            select(Membership.id)
            .where(Membership.user_id == user_id, Membership.programme_id.in_(administered))
            .limit(1)
        )
        return seen is not None
