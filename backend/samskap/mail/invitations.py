"""Meeting and hearing invitations by mail, from the outbound events of the change.

A consumer of the outbox picks the events that invite someone and hands them to a
`mail.invitations` job (no I/O in the consumer; the job composes, with the settings, in the
transaction that marks it done; a meeting that has already ended, or a hearing whose
deadline has passed, invites no one: it is being recorded, not arranged):

- `event.created`: each participant (an invited person with an address who chose
  `meeting_invitations`) gets an invitation with an iCalendar file, METHOD:REQUEST, UID
  "{event id}@samskap" as in the calendar feeds, SEQUENCE the event's version, ORGANIZER the
  sender and ATTENDEE the participant.
- `event.updated`: when its title, start, end or place changed, every participant gets the
  changed invitation (a higher SEQUENCE replaces the entry in their calendar); a participant
  added gets an invitation, one removed a cancellation.
- `event.deleted`: the meeting is cancelled: METHOD:CANCEL to each participant.
- `hearing.updated` from draft to open (and a hearing created open): the invited persons and
  the current members of the invited groups who chose `hearing_invitations` are asked to
  respond, with the deadline for answers.
"""

import uuid
from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.feeds.ics import new_calendar
from samskap.jobs import registry
from samskap.jobs.outbox import OutboundEvent
from samskap.jobs.queue import enqueue
from samskap.jobs.worker import JobContext
from samskap.kit.clock import local_day, local_today
from samskap.mail.recipients import addressable, people_and_members
from samskap.mail.sending import Attachment, enqueue_mail, valid_address
from samskap.mail.service import Choices, choices_for
from samskap.mail.templates import clock_words, render, time_words
from samskap.mail.tokens import choices_url, normal_address
from samskap.models import Person, Programme

INVITATIONS = "mail.invitations"
# What makes a meeting's invitation change in a calendar.
MEETING_FIELDS = ("title", "starts_at", "ends_at", "location")
MATTER_LENGTH = 2000


def _opened(event: OutboundEvent) -> bool:
    if event.type == "hearing.created":
        return event.data.get("status") == "open"
    if event.type == "hearing.updated":
        return event.data.get("status") == "open" and (event.before or {}).get("status") != "open"
    return False


def _inviting(event: OutboundEvent) -> bool:
    return event.type in ("event.created", "event.updated", "event.deleted") or _opened(event)


@registry.consumer
async def invitations(session: AsyncSession, events: list[OutboundEvent]) -> None:
    """Hands the events that invite someone to a mail.invitations job."""
    chosen = [e.to_json() for e in events if _inviting(e)]
    if chosen:
        enqueue(session, INVITATIONS, {"events": chosen})


def _participants(data: dict[str, Any] | None) -> list[str]:
    return [p["person_id"] for p in (data or {}).get("participants") or []]


def _when(value: Any) -> datetime | None:
    if isinstance(value, str) and value:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def meeting_calendar(
    *,
    method: str,
    data: dict[str, Any],
    sequence: int,
    organizer: str,
    attendee: str,
    attendee_name: str | None,
    programme: str | None,
) -> bytes:
    """The iCalendar file of one meeting for one participant: REQUEST or CANCEL."""
    from icalendar import Event as VEvent
    from icalendar import vCalAddress, vText

    calendar = new_calendar()
    calendar.add("method", method)
    item = VEvent()
    item.add("uid", f"{data['id']}@samskap")
    item.add("dtstamp", utcnow())
    item.add("sequence", sequence)
    item.add("summary", data.get("title") or "")
    starts, ends = _when(data.get("starts_at")), _when(data.get("ends_at"))
    if starts:
        item.add("dtstart", starts)
    if ends:
        item.add("dtend", ends)
    if data.get("location"):
        item.add("location", data["location"])
    agenda = "\n".join(
        f"{a.get('time') or ''} {a.get('title') or ''}".strip() for a in data.get("agenda") or []
    )
    description = "\n\n".join(p for p in (programme, agenda) if p)
    if description:
        item.add("description", description)
    name, address = parseaddr(organizer)
    organizer_address = vCalAddress(f"mailto:{address or organizer}")
    if name:
        organizer_address.params["cn"] = vText(name)
    item.add("organizer", organizer_address)
    attendee_address = vCalAddress(f"mailto:{attendee}")
    if attendee_name:
        attendee_address.params["cn"] = vText(attendee_name)
    attendee_address.params["role"] = vText("REQ-PARTICIPANT")
    attendee_address.params["partstat"] = vText("NEEDS-ACTION")
    attendee_address.params["rsvp"] = vText("FALSE")
    item.add("attendee", attendee_address)
    item.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    calendar.add_component(item)
    return calendar.to_ical()


class _Batch:
    """What the mails of one batch of events need, each looked up once."""

    def __init__(self, session: AsyncSession, ctx: JobContext) -> None:
        self.session = session
        self.settings = ctx.settings
        self.people: dict[str, Person] = {}
        self.members: dict[str, list[Person]] = {}
        self.programmes: dict[str, str] = {}
        self.choices: dict[str, Choices] = {}

    async def load(self, person_ids: set[str], group_ids: set[str], programme_ids: set[str]):
        people, members = await people_and_members(
            self.session,
            {uuid.UUID(p) for p in person_ids},
            {uuid.UUID(g) for g in group_ids},
            local_today(),
        )
        self.people = {str(pid): person for pid, person in people.items()}
        self.members = {str(gid): seated for gid, seated in members.items()}
        if programme_ids:
            names = await self.session.execute(
                select(Programme.id, Programme.name).where(
                    Programme.id.in_([uuid.UUID(p) for p in programme_ids])
                )
            )
            self.programmes = {str(pid): name for pid, name in names}
        addresses = {
            normal_address(p.email or "")
            for p in [*self.people.values(), *(m for ms in self.members.values() for m in ms)]
            if valid_address(p.email)
        }
        self.choices = await choices_for(self.session, addresses)

    def reachable(self, people: list[Person], choice: str) -> list[tuple[Person, Choices]]:
        """Each person once, with an address, not erased, who chose `choice`."""
        out = []
        for person in addressable(people):
            address = normal_address(person.email or "")
            chosen = self.choices.get(address) or Choices(address)
            if chosen.wants(choice):
                out.append((person, chosen))
        return out

    def link(self, path: str) -> str:
        return self.settings.public_url.rstrip("/") + path

    def meeting_mail(
        self, kind: str, method: str, event: OutboundEvent, data: dict, sequence: int, ids: list
    ) -> None:
        people = [self.people[i] for i in ids if i in self.people]
        programme = self.programmes.get(str(event.programme_id))
        for person, chosen in self.reachable(people, "meeting_invitations"):
            address = normal_address(person.email or "")
            language = chosen.language
            starts, ends = _when(data.get("starts_at")), _when(data.get("ends_at"))
            same_day = starts and ends and local_day(starts) == local_day(ends)
            facts = {
                "title": data.get("title"),
                "programme": programme,
                "starts": time_words(starts, language) if starts else None,
                "ends": (
                    clock_words(ends, language)
                    if same_day and ends
                    else (time_words(ends, language) if ends else None)
                ),
                "location": data.get("location"),
            }
            choices = choices_url(self.settings, address)
            mail = render(
                kind,
                language,
                facts,
                choices=choices,
                link=self.link(f"/p/{event.programme_id}/events/{data['id']}")
                if method == "REQUEST"
                else None,
            )
            ics = meeting_calendar(
                method=method,
                data=data,
                sequence=sequence,
                organizer=self.settings.mail_sender,
                attendee=address,
                attendee_name=person.name,
                programme=programme,
            )
            content_type = f"text/calendar; method={method}"
            filename = "avlysning.ics" if method == "CANCEL" else "invitasjon.ics"
            if language == "en":
                filename = "cancellation.ics" if method == "CANCEL" else "invitation.ics"
            enqueue_mail(
                self.session,
                self.settings,
                to=address,
                mail=mail,
                choices=choices,
                attachments=[Attachment(filename, content_type, ics)],
            )

    def hearing_mail(self, event: OutboundEvent) -> None:
        data = event.data
        invited: list[Person] = []
        for invitee in data.get("invitees") or []:
            if invitee.get("person_id") in self.people:
                invited.append(self.people[invitee["person_id"]])
            if invitee.get("group_id"):
                invited += self.members.get(invitee["group_id"], [])
        programme = self.programmes.get(str(event.programme_id))
        deadline = _when(data.get("deadline_at"))
        matter = data.get("matter")
        if isinstance(matter, str) and len(matter) > MATTER_LENGTH:
            matter = matter[: MATTER_LENGTH - 1] + "…"
        for person, chosen in self.reachable(invited, "hearing_invitations"):
            address = normal_address(person.email or "")
            choices = choices_url(self.settings, address)
            mail = render(
                "hearing_invitation",
                chosen.language,
                {
                    "title": data.get("title"),
                    "programme": programme,
                    "deadline": time_words(deadline, chosen.language) if deadline else None,
                    "matter": matter,
                },
                choices=choices,
                link=self.link(f"/p/{event.programme_id}/hearings/{data['id']}"),
            )
            enqueue_mail(self.session, self.settings, to=address, mail=mail, choices=choices)


def _meeting_changed(event: OutboundEvent) -> bool:
    before = event.before or {}
    return any(event.data.get(f) != before.get(f) for f in MEETING_FIELDS)


@registry.handler(INVITATIONS)
async def send_invitations(ctx: JobContext) -> None:
    events = [OutboundEvent.from_json(e) for e in ctx.payload.get("events", [])]
    batch = _Batch(ctx.session, ctx)
    person_ids: set[str] = set()
    group_ids: set[str] = set()
    for e in events:
        person_ids |= set(_participants(e.data)) | set(_participants(e.before))
        for invitee in e.data.get("invitees") or [] if e.type.startswith("hearing.") else []:
            if invitee.get("person_id"):
                person_ids.add(invitee["person_id"])
            if invitee.get("group_id"):
                group_ids.add(invitee["group_id"])
    await batch.load(person_ids, group_ids, {str(e.programme_id) for e in events})
    now = utcnow()
    for e in events:
        data = e.data
        version = int(data.get("version") or 1)
        ends = _when(data.get("ends_at")) or _when(data.get("deadline_at"))
        if ends is not None and ends <= now:
            continue  # a meeting recorded after it was held, a hearing already past
        if e.type == "event.created":
            batch.meeting_mail(
                "meeting_invitation", "REQUEST", e, data, version, _participants(data)
            )
        elif e.type == "event.updated":
            invited, was = _participants(data), set(_participants(e.before))
            kept = [p for p in invited if p in was]
            added = [p for p in invited if p not in was]
            removed = [p for p in _participants(e.before) if p not in set(invited)]
            if _meeting_changed(e):
                batch.meeting_mail("meeting_changed", "REQUEST", e, data, version, kept)
            batch.meeting_mail("meeting_invitation", "REQUEST", e, data, version, added)
            batch.meeting_mail("meeting_cancelled", "CANCEL", e, data, version, removed)
        elif e.type == "event.deleted":
            batch.meeting_mail(
                "meeting_cancelled", "CANCEL", e, data, version + 1, _participants(data)
            )
        elif _opened(e):
            batch.hearing_mail(e)


__all__ = ["invitations", "meeting_calendar", "send_invitations"]
