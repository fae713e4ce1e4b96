"""Mail choices (mail_preference), keyed by address: read them for many addresses at once
when mails are composed, and read and change one address's through the API (the signed-in
user's own account address, or the address a link's signed token names)."""

from dataclasses import dataclass, fields
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.config import Settings
from samskap.db import utcnow
from samskap.kit.etag import check_if_match
from samskap.kit.ids import uuid7
from samskap.mail.tokens import normal_address, read_mail_token
from samskap.models import MailPreference, User
from samskap.notifications.service import require_user
from samskap.problems import Conflict, NotFound, ValidationFailed


@dataclass(frozen=True)
class Choices:
    """What one address receives (its row, or the defaults)."""

    email: str
    language: str = "nb"
    deadline_reminders: bool = True
    meeting_invitations: bool = True
    hearing_invitations: bool = True
    notifications: bool = False
    daily_digest: bool = False

    def wants(self, choice: str) -> bool:
        return bool(getattr(self, choice))


# What an address without a row of its own receives: the fields of Choices but its address.
DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Choices) if f.name != "email"}


async def choices_for(session: AsyncSession, emails: set[str] | list[str]) -> dict[str, Choices]:
    """The choices of each address (normalised), in one query; the defaults where none."""
    wanted = {normal_address(e) for e in emails if e}
    found: dict[str, Choices] = {}
    if wanted:
        rows = await session.scalars(
            select(MailPreference).where(MailPreference.email.in_(sorted(wanted)))
        )
        for row in rows:
            found[row.email] = Choices(row.email, **{k: getattr(row, k) for k in DEFAULTS})
    return {e: found.get(e) or Choices(e) for e in wanted}


def _default_row(email: str) -> MailPreference:
    # Not added to the session: shown with version 0 until a change creates the row.
    now = utcnow()
    return MailPreference(email=email, version=0, created_at=now, updated_at=now, **DEFAULTS)


class MailPreferenceService:
    """One address's choices, for its owner: a signed-in user (their account's address) or
    whoever holds the link with the address's signed token."""

    def __init__(self, session: AsyncSession, principal: Principal, settings: Settings):
        self.session = session
        self.principal = principal
        self.settings = settings

    async def own_address(self) -> str:
        user_id = require_user(self.principal)
        email = await self.session.scalar(select(User.email).where(User.id == user_id))
        if email is None:
            raise NotFound("user")
        return normal_address(email)

    def token_address(self, token: str) -> str:
        email = read_mail_token(self.settings, token)
        if email is None:
            raise NotFound("mail preference")
        return email

    async def get(self, email: str) -> MailPreference:
        row = await self.session.scalar(
            select(MailPreference)
            .where(MailPreference.email == email)
            .execution_options(populate_existing=True)
        )
        return row or _default_row(email)

    async def update(self, email: str, patch: BaseModel, if_match: str | None) -> MailPreference:
        record = await self.get(email)
        check_if_match(if_match, record.version)
        changes = patch.model_dump(exclude_unset=True)
        for name, value in changes.items():
            if value is None:
                raise ValidationFailed.at(f"/{name}", "may not be null", code="not_nullable")
        if not changes:
            return record
        creating = record.version == 0
        before = None if creating else snapshot(record)
        if creating:
            record = MailPreference(id=uuid7(), email=email, **DEFAULTS)
            self.session.add(record)
        for name, value in changes.items():
            setattr(record, name, value)
        record.updated_at = utcnow()
        try:
            await self.session.flush()
        except IntegrityError as exc:
            raise Conflict(
                "The choices of this address were made meanwhile. Read them again and retry."
            ) from exc
        record_event(
            self.session,
            self.principal,
            action="create" if creating else "update",
            record_type="mail_preference",
            record_id=record.id,
            programme_id=None,
            before=before,
            after=snapshot(record),
        )
        return record
