from sqlalchemy import func, select

from samskap.auth.passwords import hash_password_in_worker
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService
from samskap.models import User
from samskap.problems import Conflict, Forbidden


class UserService(CrudService[User]):
    """Accounts; only system administrators see or change them (others use /auth/me)."""

    model = User
    label = "user"
    spec = ListSpec(
        model=User,
        filters=[
            Filter(
                "system_admin",
                User.system_admin,
                bool,
                "Only system administrators (true), or only other users (false)",
            ),
            Filter(
                "active",
                User.active,
                bool,
                "Only accounts that may log in (true), or only deactivated ones (false)",
            ),
        ],
        sorts={"name": User.name, "email": User.email, "created_at": User.created_at},
        default_sort="name",
        search=[User.name, User.email],
    )

    def programme_of(self, record):
        return None

    def scoped(self, stmt):
        if not self.principal.system_admin:
            raise Forbidden("Only system administrators manage user accounts.")
        return stmt

    async def authorize(self, record, action):
        """Only system administrators manage user accounts."""
        if not self.principal.system_admin:
            raise Forbidden("Only system administrators manage user accounts.")

    async def apply(self, record, values, *, creating):
        if "password" in values:
            password = values.pop("password")
            if password is not None:
                record.password_hash = await hash_password_in_worker(password)
        if values.get("email"):
            values["email"] = values["email"].strip()
            clash = await self.session.scalar(
                select(User.id).where(
                    func.lower(User.email) == values["email"].lower(), User.id != record.id
                )
            )
            if clash is not None:
                raise Conflict(
                    "An account with this e-mail address exists.",
                    errors=[
                        {"pointer": "/email", "code": "already_in_use", "detail": "already in use"}
                    ],
                )
        await super().apply(record, values, creating=creating)
