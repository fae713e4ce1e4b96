"""The deadline scan: a recurring job (every minute) that announces each open deadline once
when it enters its programme's reminder window and once when its due time passes.

Due soon: the deadline is due on or before the day `reminder_days_before` days from today
(Oslo time), so its window opens at the start of that day; `deadline.due_soon` is emitted and
its responsible person, the members of its responsible group and its recipient who chose
`deadline_reminders` get a reminder by mail, each in their language. Overdue: its due time
has passed (within the last week, so that old deadlines are not announced when the scan
first runs): `deadline.overdue` is emitted. Each announcement is recorded in
`outbound_notice` under "deadline:{id}:{what}:{due time}" in the same transaction as the
event and the mails, so nothing is announced twice, and a deadline moved to another time is
announced again. A run costs the same few queries however many deadlines there are.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.config import Settings
from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.jobs.worker import JobContext
from samskap.kit.clock import local_day, local_zone
from samskap.kit.types import UTCDateTime
from samskap.mail.recipients import addressable, people_and_members
from samskap.mail.sending import enqueue_mail
from samskap.mail.service import choices_for
from samskap.mail.templates import render, time_words
from samskap.mail.tokens import choices_url, normal_address
from samskap.models import Deadline, Notice, Person, Programme
from samskap.models.enums import DeadlineStatus

SCAN = "deadlines.scan"
# How long after its due time a deadline is still announced as overdue.
OVERDUE_WITHIN = timedelta(days=7)
MAX_REMINDER_DAYS = 60

registry.recurring(SCAN, SCAN, registry.every(timedelta(minutes=1)))


@dataclass
class Announcement:
    deadline: Deadline
    programme_name: str
    what: str  # due_soon | overdue

    @property
    def key(self) -> str:
        return notice_key(self.deadline, self.what)


def notice_key(deadline: Deadline, what: str) -> str:
    return f"deadline:{deadline.id}:{what}:{deadline.due_at.astimezone(UTC).isoformat()}"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=local_zone()).astimezone(UTC)


def _moment(value: datetime) -> Any:
    return literal(value, UTCDateTime())


async def _candidates(session: AsyncSession, now: datetime) -> list[Announcement]:
    today = local_day(now)
    # Due before the start of the day after the window's last day, per programme setting.
    window_end = case(
        {
            days: _moment(_day_start(today + timedelta(days=days + 1)))
            for days in range(MAX_REMINDER_DAYS + 1)
        },
        value=Programme.reminder_days_before,
        else_=_moment(_day_start(today + timedelta(days=MAX_REMINDER_DAYS + 1))),
    )
    rows = await session.execute(
        select(Deadline, Programme.name)
        .join(Programme, Programme.id == Deadline.programme_id)
        .where(
            Deadline.status == DeadlineStatus.open,
            Deadline.due_at > now - OVERDUE_WITHIN,
            or_(Deadline.due_at <= now, Deadline.due_at < window_end),
        )
        .order_by(Deadline.due_at, Deadline.id)
    )
    return [
        Announcement(deadline, name, "overdue" if deadline.due_at <= now else "due_soon")
        for deadline, name in rows
    ]


async def _recipients(
    session: AsyncSession, deadlines: list[Deadline], today: date
) -> dict[uuid.UUID, list[Person]]:
    """Per deadline: its responsible person, its responsible group's current members and its
    recipient, with an address, each once (two queries for all of them)."""
    people, members = await people_and_members(
        session,
        {p for d in deadlines for p in (d.responsible_person_id, d.recipient_id) if p},
        {d.responsible_group_id for d in deadlines if d.responsible_group_id},
        today,
    )
    out: dict[uuid.UUID, list[Person]] = {}
    for d in deadlines:
        chosen: list[Person] = []
        if d.responsible_person_id in people:
            chosen.append(people[d.responsible_person_id])
        chosen += members.get(d.responsible_group_id, []) if d.responsible_group_id else []
        if d.recipient_id in people:
            chosen.append(people[d.recipient_id])
        out[d.id] = addressable(chosen)
    return out


def event_data(deadline: Deadline) -> dict[str, Any]:
    def text(value: Any) -> str | None:
        return str(value) if value is not None else None

    return {
        "id": str(deadline.id),
        "title": deadline.title,
        "due_at": deadline.due_at.isoformat(),
        "kind": str(deadline.kind),
        "status": str(deadline.status),
        "project_id": text(deadline.project_id),
        "programme_id": str(deadline.programme_id),
        "group_id": text(deadline.group_id),
        "responsible_person_id": text(deadline.responsible_person_id),
        "responsible_group_id": text(deadline.responsible_group_id),
        "recipient_id": text(deadline.recipient_id),
    }


async def scan_deadlines(
    session: AsyncSession, settings: Settings, now: datetime | None = None
) -> list[Announcement]:
    """Announces what is due soon or overdue and not yet announced (adds the notices, the
    events and the mails to `session`; the caller commits). Returns what it announced."""
    now = now or utcnow()
    candidates = await _candidates(session, now)
    if not candidates:
        return []
    keys = [c.key for c in candidates]
    done = set(await session.scalars(select(Notice.key).where(Notice.key.in_(keys))))
    fresh = [c for c in candidates if c.key not in done]
    if not fresh:
        return []
    session.add_all([Notice(key=c.key, created_at=now) for c in fresh])
    for c in fresh:
        d = c.deadline
        emit(
            session,
            OutboundEvent(
                type=f"deadline.{c.what}",
                programme_id=d.programme_id,
                record_type="deadline",
                record_id=d.id,
                project_id=d.project_id,
                data=event_data(d),
                occurred_at=now,
            ),
        )
    due_soon = [c for c in fresh if c.what == "due_soon"]
    if due_soon:
        await _remind(session, settings, due_soon, now)
    return fresh


async def _remind(
    session: AsyncSession, settings: Settings, due_soon: list[Announcement], now: datetime
) -> None:
    today = local_day(now)
    recipients = await _recipients(session, [c.deadline for c in due_soon], today)
    addresses = {normal_address(p.email or "") for people in recipients.values() for p in people}
    choices = await choices_for(session, addresses)
    base = settings.public_url.rstrip("/")
    for c in due_soon:
        d = c.deadline
        for person in recipients[d.id]:
            address = normal_address(person.email or "")
            chosen = choices[address]
            if not chosen.deadline_reminders:
                continue
            link = choices_url(settings, address)
            mail = render(
                "deadline_reminder",
                chosen.language,
                {
                    "title": d.title,
                    "due": time_words(d.due_at, chosen.language),
                    "programme": c.programme_name,
                    "description": d.description,
                },
                choices=link,
                link=f"{base}/p/{d.programme_id}/deadlines",
            )
            enqueue_mail(session, settings, to=address, mail=mail, choices=link)


@registry.handler(SCAN, max_attempts=3)
async def scan(ctx: JobContext) -> None:
    await scan_deadlines(ctx.session, ctx.settings)


__all__ = ["scan", "scan_deadlines"]
