"""The daily digest: every morning at 07.00 (Oslo time) each user who chose `daily_digest`
gets one mail listing their notifications of the last 24 hours that are still unread; a user
with none gets nothing. The day's run is recorded in `outbound_notice` ("digest:{day}"), so a
digest job run twice on one day sends once. A run costs the same few queries however many
users there are."""

import uuid
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.config import Settings
from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.worker import JobContext
from samskap.kit.clock import local_day, local_zone
from samskap.mail.notify import worded_facts
from samskap.mail.sending import enqueue_mail, valid_address
from samskap.mail.templates import language_of, notification_line, render
from samskap.mail.tokens import choices_url, normal_address
from samskap.models import MailPreference, Notice, Notification, User
from samskap.notifications.service import path_of

DIGEST = "mail.digest"
SENT_AT = time(7, 0)
MAX_ITEMS = 50
_MORE = {"nb": "… og {n} til", "nn": "… og {n} til", "en": "… and {n} more"}


def next_morning(now: datetime) -> datetime:
    """The next 07.00 in Oslo after `now`."""
    local = now.astimezone(local_zone())
    day = local.date() if local.time() < SENT_AT else local.date() + timedelta(days=1)
    return datetime.combine(day, SENT_AT, tzinfo=local_zone()).astimezone(UTC)


# A new installation sends its first digest the next morning, not when its worker starts.
registry.recurring(DIGEST, DIGEST, next_morning, at_start=False)


async def send_digests(
    session: AsyncSession, settings: Settings, now: datetime | None = None
) -> int:
    """Adds today's digest mails to `session` (once a day); how many."""
    now = now or utcnow()
    key = f"digest:{local_day(now).isoformat()}"
    if await session.get(Notice, key) is not None:
        return 0
    session.add(Notice(key=key, created_at=now))
    users = (
        await session.execute(
            select(User.id, User.email, MailPreference.language)
            .join(MailPreference, MailPreference.email == func.lower(User.email))
            .where(MailPreference.daily_digest.is_(True), User.active.is_(True))
        )
    ).all()
    if not users:
        return 0
    unread: dict[uuid.UUID, list[Notification]] = defaultdict(list)
    for notification in await session.scalars(
        select(Notification)
        .where(
            Notification.user_id.in_([u.id for u in users]),
            Notification.read_at.is_(None),
            Notification.created_at > now - timedelta(days=1),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    ):
        unread[notification.user_id].append(notification)
    base = settings.public_url.rstrip("/")
    sent = 0
    for user_id, email, chosen_language in users:
        mine = unread.get(user_id)
        if not mine or not valid_address(email):
            continue
        language = language_of(chosen_language)
        items: list[tuple[str, str | None]] = []
        for n in mine[:MAX_ITEMS]:
            facts: dict[str, Any] = worded_facts(n.facts or {}, language)
            path = path_of(n)
            items.append(
                (notification_line(n.type, facts, language), base + path if path else None)
            )
        if len(mine) > MAX_ITEMS:
            items.append((_MORE[language].format(n=len(mine) - MAX_ITEMS), None))
        address = normal_address(email)
        choices = choices_url(settings, address)
        mail = render(
            "digest",
            language,
            {"count": len(mine)},
            choices=choices,
            link=f"{base}/notifications",
            items=items,
        )
        enqueue_mail(session, settings, to=address, mail=mail, choices=choices)
        sent += 1
    return sent


@registry.handler(DIGEST, max_attempts=3)
async def digest(ctx: JobContext) -> None:
    await send_digests(ctx.session, ctx.settings)
