"""Outbound events become notifications for the users they concern.

Who is told what (a person is reached through the user whose membership in that programme
names them, `Membership.person_id`; inactive users are told nothing, and the user who made the
change never is):

- `deadline.due_soon`, `deadline.overdue`: the deadline's responsible person, the members
  (today) of its responsible group, and its recipient;
- `event.created`: the meeting's participants (invited); `event.updated`: when its title,
  time or place changed, every participant, and otherwise only those just invited;
  `event.deleted` (the meeting cancelled): its participants; nothing for a meeting that
  has already ended (recorded afterwards, its attendance or protocol);
- `hearing.updated` when a hearing opens: the invited persons and the members (today) of the
  invited groups;
- `decision.finalised`, `phase.completed`: the programme's administrators and editors;
- `compliance.finding_opened`: the programme's administrators;
- `import.finished`: the user who started the import (so not for an import that ran within
  their own request: they saw its answer).

The whole batch of events costs a constant number of queries: the deadlines, the groups'
members, the memberships of the persons, roles and users named, and the programmes' names,
each loaded once for every event. A user
whose address chose to have notifications mailed (`mail_preference.notifications`) gets each
one mailed as well, by the mail module's `send_notification_mail`.

Notifications older than `notification_retention_days` (180) are deleted, read or not, by a
daily `notifications.prune`.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.outbox import OutboundEvent
from samskap.kit.clock import local_day
from samskap.kit.ids import uuid7
from samskap.mail.notify import send_notification_mail
from samskap.mail.service import choices_for
from samskap.mail.tokens import normal_address
from samskap.models import (
    Deadline,
    GroupMember,
    Membership,
    Notification,
    Programme,
    User,
)
from samskap.models.enums import ProgrammeRole

log = logging.getLogger("samskap.notifications")

DEADLINE_TYPES = {"deadline.due_soon", "deadline.overdue"}
EVENT_TYPES = {"event.created", "event.updated", "event.deleted"}
STAFF_TYPES = {"decision.finalised", "phase.completed"}
# What of a meeting, changed, its participants are told about.
MEETING_FIELDS = ("title", "starts_at", "ends_at", "location")
EDITORS = (ProgrammeRole.programme_admin, ProgrammeRole.editor)


def _uid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


@dataclass
class Wanted:
    """One notification to make: for whom (persons, groups, roles or users) and with what."""

    event: OutboundEvent
    facts: dict[str, Any]
    persons: set[uuid.UUID] = field(default_factory=set)
    groups: set[uuid.UUID] = field(default_factory=set)
    roles: tuple[ProgrammeRole, ...] = ()
    users: set[uuid.UUID] = field(default_factory=set)
    # A narrower notification for some persons only (those just invited to a meeting).
    for_persons: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)


def _participants(values: dict[str, Any] | None) -> set[uuid.UUID]:
    found = set()
    for p in (values or {}).get("participants") or []:
        person = _uid(p.get("person_id")) if isinstance(p, dict) else None
        if person is not None:
            found.add(person)
    return found


def _meeting_facts(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": values.get("title"),
        "starts_at": values.get("starts_at"),
        "ends_at": values.get("ends_at"),
        "location": values.get("location"),
        "kind": values.get("kind"),
    }


def _ended(values: dict[str, Any], now: datetime) -> bool:
    try:
        ends = datetime.fromisoformat(str(values.get("ends_at")))
    except ValueError:
        return False
    return ends.tzinfo is not None and ends < now


def _meeting(e: OutboundEvent) -> Wanted | None:
    # A meeting recorded, changed or removed after it has ended (its attendance, its
    # protocol) is nothing to tell its participants.
    if _ended(e.data, e.occurred_at):
        return None
    if e.type == "event.created":
        return Wanted(
            e, _meeting_facts(e.data) | {"invited": True, "changed": []}, _participants(e.data)
        )
    if e.type == "event.deleted":
        return Wanted(
            e, _meeting_facts(e.data) | {"cancelled": True, "changed": []}, _participants(e.data)
        )
    before = e.before or {}
    changed = [name for name in MEETING_FIELDS if before.get(name) != e.data.get(name)]
    now, earlier = _participants(e.data), _participants(before)
    facts = _meeting_facts(e.data) | {"changed": changed}
    if changed:
        wanted = Wanted(e, facts | {"invited": False}, now & earlier)
    else:
        wanted = Wanted(e, facts | {"invited": False})
    for person in now - earlier:
        wanted.for_persons[person] = facts | {"invited": True}
    return wanted if wanted.persons or wanted.for_persons else None


def _hearing(e: OutboundEvent) -> Wanted | None:
    opened = e.data.get("status") == "open" and (e.before or {}).get("status") != "open"
    if not opened:
        return None
    wanted = Wanted(
        e,
        {"title": e.data.get("title"), "deadline_at": e.data.get("deadline_at"), "status": "open"},
    )
    for invitee in e.data.get("invitees") or []:
        if not isinstance(invitee, dict):
            continue
        if (person := _uid(invitee.get("person_id"))) is not None:
            wanted.persons.add(person)
        if (group := _uid(invitee.get("group_id"))) is not None:
            wanted.groups.add(group)
    return wanted


def _staff(e: OutboundEvent) -> Wanted:
    d = e.data
    if e.type == "phase.completed":
        facts = {
            "title": d.get("name"),
            "project_id": d.get("project_id"),
            "project_code": d.get("project_code"),
            "project_name": d.get("project_name"),
            "completed_at": d.get("completed_at"),
        }
    else:
        facts = {
            "title": d.get("title"),
            "case_number": d.get("case_number"),
            "decided_on": d.get("decided_on"),
        }
    return Wanted(e, facts, roles=EDITORS)


def _finding(e: OutboundEvent) -> Wanted:
    d = e.data
    facts = {
        "title": d.get("title"),
        "rule": d.get("rule"),
        "message": d.get("message"),
        "facts": d.get("facts") or {},
        "project_id": d.get("project_id"),
    }
    return Wanted(e, facts, roles=(ProgrammeRole.programme_admin,))


def _import(e: OutboundEvent) -> Wanted | None:
    d = e.data
    requester = _uid(d.get("requested_by_user_id"))
    if requester is None:
        return None
    facts = {
        "title": d.get("filename") or d.get("resource"),
        "resource": d.get("resource"),
        "status": d.get("status"),
        "dry_run": d.get("dry_run"),
        "filename": d.get("filename"),
        "counts": d.get("counts") or {},
    }
    return Wanted(e, facts, users={requester})


def _first_look(e: OutboundEvent) -> Wanted | None:
    """What an event asks for, from the event alone (deadlines are completed later)."""
    if e.programme_id is None:
        return None
    if e.type in DEADLINE_TYPES:
        return Wanted(e, {"title": e.data.get("title"), "due_at": e.data.get("due_at")})
    if e.type in EVENT_TYPES:
        return _meeting(e)
    if e.type == "hearing.updated":
        return _hearing(e)
    if e.type in STAFF_TYPES:
        return _staff(e)
    if e.type == "compliance.finding_opened":
        return _finding(e)
    if e.type == "import.finished":
        return _import(e)
    return None


class Directory:
    """The users, groups and names the batch's notifications need, loaded once."""

    def __init__(self) -> None:
        self.users_of_person: dict[tuple[uuid.UUID, uuid.UUID], set[uuid.UUID]] = defaultdict(set)
        self.users_by_role: dict[tuple[uuid.UUID, ProgrammeRole], set[uuid.UUID]] = defaultdict(set)
        self.members_of: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        self.programme_names: dict[uuid.UUID, str] = {}
        # (programme, user) of each active user with a role there: no one else is told.
        self.members: set[tuple[uuid.UUID, uuid.UUID]] = set()

    @classmethod
    async def load(cls, session: AsyncSession, wanted: list[Wanted]) -> "Directory":
        """Of the programmes' memberships only those the batch may tell: the persons it
        names (and the members of the groups it names), the roles it tells, the users it
        names; so a programme with thousands of users costs what the batch needs."""
        found = cls()
        programmes = {w.event.programme_id for w in wanted if w.event.programme_id is not None}
        groups = {g for w in wanted for g in w.groups}
        if groups:
            today = local_day(utcnow())
            seats = await session.execute(
                select(GroupMember.group_id, GroupMember.person_id).where(
                    GroupMember.group_id.in_(groups),
                    or_(GroupMember.starts_on.is_(None), GroupMember.starts_on <= today),
                    or_(GroupMember.ends_on.is_(None), GroupMember.ends_on >= today),
                )
            )
            for group_id, seated in seats:
                found.members_of[group_id].add(seated)
        persons = {p for w in wanted for p in (*w.persons, *w.for_persons)}
        persons |= {p for seated in found.members_of.values() for p in seated}
        roles = {r for w in wanted for r in w.roles}
        users = {u for w in wanted for u in w.users}
        whom = [
            condition
            for condition, given in (
                (Membership.person_id.in_(persons), persons),
                (Membership.role.in_(roles), roles),
                (Membership.user_id.in_(users), users),
            )
            if given
        ]
        if whom:
            memberships = await session.execute(
                select(
                    Membership.programme_id,
                    Membership.user_id,
                    Membership.role,
                    Membership.person_id,
                )
                .join(User, User.id == Membership.user_id)
                .where(Membership.programme_id.in_(programmes), User.active.is_(True), or_(*whom))
            )
            for programme_id, user_id, role, person_id in memberships:
                found.members.add((programme_id, user_id))
                found.users_by_role[(programme_id, role)].add(user_id)
                if person_id is not None:
                    found.users_of_person[(programme_id, person_id)].add(user_id)
        found.programme_names = dict(
            (
                await session.execute(
                    select(Programme.id, Programme.name).where(Programme.id.in_(programmes))
                )
            ).all()
        )
        return found

    def users(self, programme_id: uuid.UUID, persons: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        return {u for p in persons for u in self.users_of_person.get((programme_id, p), ())}


async def _complete_deadlines(session: AsyncSession, wanted: list[Wanted]) -> None:
    """A deadline's responsible person, responsible group and recipient, as stored now."""
    ids = {w.event.record_id for w in wanted if w.event.type in DEADLINE_TYPES}
    if not ids:
        return
    deadlines = {
        d.id: d for d in await session.scalars(select(Deadline).where(Deadline.id.in_(ids)))
    }
    for w in wanted:
        if w.event.type not in DEADLINE_TYPES:
            continue
        deadline = deadlines.get(w.event.record_id) if w.event.record_id else None
        if deadline is None:
            continue
        w.persons |= {p for p in (deadline.responsible_person_id, deadline.recipient_id) if p}
        if deadline.responsible_group_id is not None:
            w.groups.add(deadline.responsible_group_id)
        w.facts |= {
            "title": deadline.title,
            "due_at": deadline.due_at.isoformat(),
            "kind": str(deadline.kind),
            "project_id": str(deadline.project_id) if deadline.project_id else None,
        }


def _recipients(w: Wanted, directory: Directory) -> dict[uuid.UUID, dict[str, Any]]:
    """Each user to tell, with the facts for them."""
    e = w.event
    assert e.programme_id is not None
    persons = set(w.persons)
    for group in w.groups:
        persons |= directory.members_of.get(group, set())
    users = directory.users(e.programme_id, persons) | w.users
    for role in w.roles:
        users |= directory.users_by_role.get((e.programme_id, role), set())
    told = dict.fromkeys(users, w.facts)
    for person, facts in w.for_persons.items():
        for user in directory.users(e.programme_id, [person]):
            told.setdefault(user, facts)
    told.pop(e.actor_user_id, None)  # type: ignore[arg-type]
    return told


def notifications_for(directory: Directory, wanted: list[Wanted]) -> list[Notification]:
    made: list[Notification] = []
    for w in wanted:
        e = w.event
        assert e.programme_id is not None
        name = directory.programme_names.get(e.programme_id)
        for user_id, facts in _recipients(w, directory).items():
            if (e.programme_id, user_id) not in directory.members:
                continue
            made.append(
                Notification(
                    id=uuid7(),
                    user_id=user_id,
                    programme_id=e.programme_id,
                    type=e.type,
                    record_type=e.record_type,
                    record_id=e.record_id,
                    facts={**facts, "programme_name": name},
                    created_at=utcnow(),
                    read_at=None,
                )
            )
    return made


async def _mail(session: AsyncSession, made: list[Notification]) -> None:
    """Each new notification of a user whose address chose `notifications` is mailed too (a
    `mail.notification` job in this transaction): the users' addresses and their choices
    are looked up once for the batch."""
    if not made:
        return
    addresses = dict(
        (
            await session.execute(
                select(User.id, User.email).where(User.id.in_({n.user_id for n in made}))
            )
        ).all()
    )
    choices = await choices_for(session, list(addresses.values()))
    chosen = {
        user_id
        for user_id, email in addresses.items()
        if choices[normal_address(email)].notifications
    }
    for n in made:
        if n.user_id in chosen:
            send_notification_mail(session, n.user_id, n)


@registry.consumer
async def notify(session: AsyncSession, events: list[OutboundEvent]) -> None:
    """Turns a dispatched batch of outbound events into notifications (see the module)."""
    wanted = [w for e in events if (w := _first_look(e)) is not None]
    if not wanted:
        return
    await _complete_deadlines(session, wanted)
    directory = await Directory.load(session, wanted)
    made = notifications_for(directory, wanted)
    session.add_all(made)
    await session.flush()
    await _mail(session, made)


PRUNE = "notifications.prune"


def id_before(moment: datetime) -> uuid.UUID:
    """The smallest version 7 UUID of `moment`'s millisecond: every notification made
    before it has a smaller id (ids grow in time), so the primary key finds them."""
    return uuid.UUID(int=(int(moment.timestamp() * 1000) << 80) | (0x7 << 76) | (0b10 << 62))


@registry.handler(PRUNE, max_attempts=3)
async def prune(ctx: Any) -> None:
    cutoff = utcnow() - timedelta(days=ctx.settings.notification_retention_days)
    await ctx.session.execute(delete(Notification).where(Notification.id < id_before(cutoff)))


registry.recurring(PRUNE, PRUNE, registry.every(timedelta(days=1)))
