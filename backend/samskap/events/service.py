import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from samskap.auth.principal import Principal
from samskap.db import utcnow
from samskap.events.schemas import AttendanceRow
from samskap.groups.service import GroupService
from samskap.kit.clock import local_zone
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService, require_order
from samskap.models import Event, EventParticipant, Group, GroupMember, Person, Project
from samskap.models.enums import AttendanceReply, EventKind
from samskap.problems import Forbidden, ValidationFailed, conflict


def _aware(value: datetime) -> datetime:

    return value if value.tzinfo else value.replace(tzinfo=local_zone())


class EventService(CrudService[Event]):
    model = Event
    label = "event"
    spec = ListSpec(
        model=Event,
        filters=[
            Filter("programme_id", Event.programme_id, uuid.UUID, "Only events of this programme"),
            Filter("group_id", Event.group_id, uuid.UUID, "Only events of this group"),
            Filter("project_id", Event.project_id, uuid.UUID, "Only events of this project"),
            Filter("kind", Event.kind, EventKind, "Only events of this kind"),
            Filter(
                "starts_after",
                Event.starts_at,
                datetime,
                (
                    "Only events that start at or after this time (a date, or a time "
                    "without offset, is Oslo time)"
                ),
                op="ge",
                apply=lambda stmt, v: stmt.where(Event.starts_at >= _aware(v)),
            ),
            Filter(
                "starts_before",
                Event.starts_at,
                datetime,
                (
                    "Only events that start before this time (a date, or a time without"
                    " offset, is Oslo time)"
                ),
                op="lt",
                apply=lambda stmt, v: stmt.where(Event.starts_at < _aware(v)),
            ),
        ],
        sorts={"starts_at": Event.starts_at, "title": Event.title, "created_at": Event.created_at},
        default_sort="starts_at",
        search=[Event.title, Event.location, Event.minutes],
        options=(selectinload(Event.participants),),
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session, Group, values.get("group_id"), programme_id, "group_id"
        )
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        self.participants_given = "participants" in values
        if "participants" in values:
            record.participants = await self._participants(
                values.pop("participants") or [], programme_id, record
            )
        if "agenda" in values and values["agenda"] is not None:
            values["agenda"] = [
                {
                    **item,
                    "documents": [
                        {**d, "url": str(d["url"]) if d.get("url") else None}
                        for d in item.get("documents", [])
                    ],
                }
                for item in values["agenda"]
            ]
        if "protocol" in values:
            protocol = values["protocol"]
            values["protocol_signed_at"] = protocol.get("signed_at") if protocol else None
            if protocol and protocol.get("signed_at"):
                protocol = {**protocol, "signed_at": protocol["signed_at"].isoformat()}
            values["protocol"] = protocol
        await super().apply(record, values, creating=creating)

    async def _participants(self, rows: list[dict], programme_id, record):
        seen: set[uuid.UUID] = set()
        # Keep the rows of people already invited: same key, only the attendance changes.
        existing = (
            {}
            if record.id is None or record.version is None
            else {p.person_id: p for p in record.participants}
        )
        out = []
        for i, row in enumerate(rows):
            await require_in_programme(
                self.session, Person, row["person_id"], programme_id, f"participants/{i}/person_id"
            )
            if row["person_id"] in seen:
                raise ValidationFailed.at(
                    f"/participants/{i}/person_id", "listed twice", code="duplicate"
                )
            seen.add(row["person_id"])
            participant = existing.get(row["person_id"]) or EventParticipant(
                person_id=row["person_id"]
            )
            participant.attendance = row.get("attendance")
            out.append(participant)
        return out

    async def member_may_write(self, record, action):
        return False

    def snapshot(self, record):
        return super().snapshot(record) | {
            "participants": [
                {
                    "person_id": str(p.person_id),
                    "attendance": p.attendance,
                    "reply": p.reply,
                    "replied_at": p.replied_at.isoformat() if p.replied_at else None,
                }
                for p in record.participants
            ]
        }

    async def reply(self, record: Event, answer: AttendanceReply) -> Event:
        """The caller's own answer to their invitation, taken until the meeting starts."""
        person_id = self.principal.person_in(record.programme_id)
        mine = [p for p in record.participants if person_id and p.person_id == person_id]
        if not mine:
            raise Forbidden(
                "Only an invited person answers an invitation, and only for themself.",
                errors=[{"code": "not_invited", "detail": "you are not invited to this event"}],
            )
        if record.starts_at <= utcnow():
            raise conflict(
                f"the event started at {record.starts_at}; answers are taken only before it",
                "meeting_started",
                "/reply",
                starts_at=record.starts_at.isoformat(),
            )
        before = self.snapshot(record)
        mine[0].reply = answer
        mine[0].replied_at = utcnow()
        # The event's version grows (its participants are part of what it shows), without
        # the version check: answers of several invited people at once must all stand.
        await self.session.execute(
            update(Event)
            .where(Event.id == record.id)
            .values(version=Event.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record

    async def validate(self, record):
        require_order(record.starts_at, record.ends_at, "starts_at", "ends_at")
        if record.protocol is not None and record.kind != EventKind.consultation_meeting:
            raise ValidationFailed.at(
                "/protocol",
                "only a consultation meeting has a protocol",
                code="protocol_not_allowed",
            )
        self._check_attendance(record)
        if record.protocol_signed_at is not None and record.protocol_signed_at > utcnow():
            raise ValidationFailed.at(
                "/protocol/signed_at", "must not be in the future", code="in_future"
            )

    def _check_attendance(self, record):
        """Who came is known only once the meeting has started."""
        if record.starts_at is None or record.starts_at <= utcnow():
            return
        for i, participant in enumerate(record.participants):
            if participant.attendance is None:
                continue
            pointer = (
                f"/participants/{i}/attendance"
                if getattr(self, "participants_given", True)
                else "/starts_at"
            )
            raise ValidationFailed.at(
                pointer,
                f"attendance is recorded once the meeting has started ({record.starts_at})",
                code="meeting_not_started",
                params={"starts_at": record.starts_at.isoformat()},
            )


async def group_attendance(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID
) -> list[AttendanceRow]:
    """Per member (and anyone else invited to the group's events): how often invited,
    present, absent, excused, or not recorded."""
    group = await GroupService(session, principal).get(group_id)
    rows = (
        await session.execute(
            select(EventParticipant.person_id, EventParticipant.attendance, func.count())
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.group_id == group.id)
            .group_by(EventParticipant.person_id, EventParticipant.attendance)
        )
    ).all()
    names = dict(
        (
            await session.execute(
                select(Person.id, Person.name)
                .join(GroupMember, GroupMember.person_id == Person.id)
                .where(GroupMember.group_id == group.id)
            )
        ).all()
    )
    others = {r[0] for r in rows} - set(names)
    if others:
        names |= dict(
            (
                await session.execute(select(Person.id, Person.name).where(Person.id.in_(others)))
            ).all()
        )
    table = {pid: {"present": 0, "absent": 0, "excused": 0, "not_recorded": 0} for pid in names}
    for person_id, status, count in rows:
        table[person_id][status or "not_recorded"] += count
    return [
        AttendanceRow(person_id=pid, name=names[pid], invited=sum(c.values()), **c)
        for pid, c in sorted(table.items(), key=lambda kv: names[kv[0]])
    ]
