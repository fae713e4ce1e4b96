"""A person's own calendar feeds: their meetings and deadlines, across programmes, at a
secret, revocable address that a calendar program reads without signing in.

The address holds a token of its own (`smc_…`), stored only as its SHA-256 (as API tokens
are); it is listed and revoked by its owner through /me/calendar-feeds. What the feed holds
is worked out when it is read, for the user as they stand then: in each programme where
their membership names a person, the meetings that person is invited to and the deadlines
they answer for (as the responsible person, or as a member of the responsible group) or
receive. A revoked feed, or one of a user who can no longer log in, answers 404.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.auth.tokens import digest, new_secret
from samskap.db import utcnow
from samskap.kit.clock import local_day
from samskap.kit.ids import uuid7
from samskap.models import (
    CalendarFeed,
    Deadline,
    Event,
    EventParticipant,
    GroupMember,
    Membership,
    User,
)
from samskap.notifications.service import require_user
from samskap.problems import NotFound, conflict

FEED_TOKEN_PREFIX = "smc_"
# A calendar program reads the whole feed at once; what ended longer ago than this is left
# out, and no more than MAX_ITEMS of each kind are given.
PAST = timedelta(days=365)
MAX_ITEMS = 2000


def feed_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/api/v1/calendar/{token}.ics"


class CalendarFeedService:
    """The signed-in user's own feeds (an API token answers 403 `user_required`)."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self.user_id = require_user(principal)

    async def list(self) -> Sequence[CalendarFeed]:
        return (
            await self.session.scalars(
                select(CalendarFeed)
                .where(CalendarFeed.user_id == self.user_id)
                .order_by(CalendarFeed.id.desc())
            )
        ).all()

    async def create(self, name: str) -> tuple[CalendarFeed, str]:
        """A new feed and its token, which is not kept (only its hash)."""
        secret = new_secret(FEED_TOKEN_PREFIX)
        now = utcnow()
        feed = CalendarFeed(
            id=uuid7(),
            user_id=self.user_id,
            name=name,
            prefix=secret[:12],
            token_hash=digest(secret),
            created_at=now,
            updated_at=now,
        )
        self.session.add(feed)
        await self.session.flush()
        self._audit("create", feed, None)
        return feed, secret

    async def get(self, feed_id: uuid.UUID) -> CalendarFeed:
        feed = await self.session.scalar(
            select(CalendarFeed).where(
                CalendarFeed.id == feed_id, CalendarFeed.user_id == self.user_id
            )
        )
        if feed is None:
            raise NotFound("calendar feed")
        return feed

    async def revoke(self, feed_id: uuid.UUID) -> CalendarFeed:
        """The feed's address stops working at once; the feed stays listed, revoked."""
        feed = await self.get(feed_id)
        if feed.revoked_at is not None:
            raise conflict("The calendar feed is already revoked.", "already_revoked")
        before = snapshot(feed)
        feed.revoked_at = utcnow()
        feed.updated_at = feed.revoked_at
        await self.session.flush()
        self._audit("revoke", feed, before)
        return feed

    def _audit(self, action: str, feed: CalendarFeed, before: dict | None) -> None:
        # One's own account: of no programme, so no programme's trail shows it.
        record_event(
            self.session,
            self.principal,
            action=action,
            record_type="calendar_feed",
            record_id=feed.id,
            programme_id=None,
            before=before,
            after=snapshot(feed),
        )


@dataclass
class PersonalFeed:
    """What a personal feed holds when it is read."""

    feed: CalendarFeed
    events: Sequence[Event]
    deadlines: Sequence[Deadline]


async def feed_by_token(session: AsyncSession, token: str) -> CalendarFeed:
    """The live feed this token opens, its last use noted (at most once a minute); an
    unknown or revoked token, or one of an inactive user, is NotFound."""
    if not token.startswith(FEED_TOKEN_PREFIX):
        raise NotFound("calendar feed")
    row = (
        await session.execute(
            select(CalendarFeed, User.active)
            .join(User, User.id == CalendarFeed.user_id)
            .where(CalendarFeed.token_hash == digest(token))
        )
    ).first()
    if row is None:
        raise NotFound("calendar feed")
    feed, active = row
    if feed.revoked_at is not None or not active:
        raise NotFound("calendar feed")
    now = utcnow()
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(minutes=1):
        # A plain UPDATE: calendar programs that read at once must not trip the version.
        await session.execute(
            update(CalendarFeed)
            .where(CalendarFeed.id == feed.id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )
    return feed


async def personal_feed(session: AsyncSession, token: str) -> PersonalFeed:
    """The meetings and deadlines of the feed's user, in every programme where their
    membership names a person: a fixed number of queries."""
    feed = await feed_by_token(session, token)
    persons = list(
        await session.scalars(
            select(Membership.person_id).where(
                Membership.user_id == feed.user_id, Membership.person_id.is_not(None)
            )
        )
    )
    if not persons:
        return PersonalFeed(feed, [], [])
    now = utcnow()
    today = local_day(now)
    since = now - PAST
    invited = select(EventParticipant.event_id).where(EventParticipant.person_id.in_(persons))
    events = (
        await session.scalars(
            select(Event)
            .where(Event.id.in_(invited), Event.ends_at >= since)
            .order_by(Event.starts_at, Event.id)
            .limit(MAX_ITEMS)
        )
    ).all()
    their_groups = select(GroupMember.group_id).where(
        GroupMember.person_id.in_(persons),
        or_(GroupMember.starts_on.is_(None), GroupMember.starts_on <= today),
        or_(GroupMember.ends_on.is_(None), GroupMember.ends_on >= today),
    )
    deadlines = (
        await session.scalars(
            select(Deadline)
            .where(
                or_(
                    Deadline.responsible_person_id.in_(persons),
                    Deadline.recipient_id.in_(persons),
                    Deadline.responsible_group_id.in_(their_groups),
                ),
                Deadline.due_at >= since,
            )
            .order_by(Deadline.due_at, Deadline.id)
            .limit(MAX_ITEMS)
        )
    ).all()
    return PersonalFeed(feed, events, deadlines)
