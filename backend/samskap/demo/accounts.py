"""Demo accounts: one user per role, with passwords printed by `make run`.

The passwords are public, so the demo refuses to create these accounts outside development.
"""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.passwords import hash_password
from samskap.kit.ids import uuid7
from samskap.models import Membership, Person, Programme, User


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    password: str
    role: str
    programme: str | None = None
    person: str | None = None

    @property
    def system_admin(self) -> bool:
        return self.role == "system_admin"


NF, KR, SO = "demo:nf", "demo:kr", "demo:so"
PROGRAMME_NAMES = {
    NF: "Nordre Follo 2020",
    KR: "Nye Kristiansand 2020",
    SO: "Sørum arbeidslag",
}
ACCOUNTS = [
    DemoAccount(
        "admin@samskap.example", "Systemadministrator", "demo-admin-samskap", "system_admin"
    ),
    DemoAccount(
        "programleder@nordrefollo.example",
        "Tor Erik Viken",
        "demo-programleder",
        "programme_admin",
        NF,
        "eier",
    ),
    DemoAccount(
        "programkontor@nordrefollo.example",
        "Ingrid Haugland",
        "demo-programkontor",
        "editor",
        NF,
        "prosjektleder",
    ),
    DemoAccount(
        "medlem@nordrefollo.example",
        "Hovedtillitsvalgt Utdanningsforbundet",
        "demo-medlem-samskap",
        "member",
        NF,
        "htv-udf",
    ),
    DemoAccount(
        "observator@nordrefollo.example",
        "Folkevalgt i trepartsforumet",
        "demo-observator",
        "observer",
        NF,
        "pol-ski-1",
    ),
    DemoAccount(
        "programleder@kristiansand.example",
        "Vegard Åsland",
        "demo-programleder-krs",
        "programme_admin",
        KR,
        "programleder",
    ),
    DemoAccount(
        "prosjektleder@sorum.example",
        "Jon Helge Bakken",
        "demo-prosjektleder-sorum",
        "programme_admin",
        SO,
        "prosjektleder",
    ),
]


async def ensure_accounts(session: AsyncSession) -> int:
    """Create the demo accounts that are missing; return how many were created."""
    created = 0
    for account in ACCOUNTS:
        user = await session.scalar(
            select(User).where(func.lower(User.email) == account.email.lower())
        )
        if user is None:
            user = User(
                id=uuid7(),
                email=account.email,
                name=account.name,
                password_hash=hash_password(account.password),
                system_admin=account.system_admin,
                active=True,
            )
            session.add(user)
            await session.flush()
            created += 1
        if account.programme is None:
            continue
        programme = await session.scalar(
            select(Programme).where(Programme.external_id == f"{account.programme}:programme")
        )
        person = await session.scalar(
            select(Person).where(
                Person.programme_id == programme.id,
                Person.external_id == f"{account.programme}:person:{account.person}",
            )
        )
        has_role = await session.scalar(
            select(Membership.id).where(
                Membership.programme_id == programme.id, Membership.user_id == user.id
            )
        )
        if has_role is None:
            session.add(
                Membership(
                    id=uuid7(),
                    programme_id=programme.id,
                    user_id=user.id,
                    role=account.role,
                    person_id=person.id if person else None,
                )
            )
            await session.flush()
    return created
