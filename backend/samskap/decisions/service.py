import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from samskap.db import utcnow
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.kit.clock import local_day
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import Decision, Event, Group, Person, Project
from samskap.models.enums import (
    Affiliation,
    Attendance,
    DecisionStatus,
    EventKind,
    Party,
    ProgrammeRole,
)
from samskap.problems import Conflict, Forbidden

CONSULTATION_RULE = (
    "Hovedavtalen del B § 1-4: union representatives are consulted (drøfting) before a "
    "decision that changes how work is organised; arbeidsmiljøloven § 8-2"
)


def _archived(stmt, value: bool):
    column = Decision.archived_at
    return stmt.where(column.is_not(None) if value else column.is_(None))


@dataclass(frozen=True)
class Missing:
    """Something a reorganisation decision lacks to be final: a stable code that a client words
    in its own language, the same in English, and the particulars the wording needs."""

    code: str
    detail: str
    params: dict[str, str] = dataclass_field(default_factory=dict)

    def problem_item(self) -> dict:
        item: dict = {"pointer": "/consultation_event_id", "detail": self.detail, "code": self.code}
        if self.params:
            item["params"] = self.params
        return item


async def consultation_missing(session, decision: Decision) -> list[Missing]:
    """What a reorganisation decision lacks to be final: a signed consultation protocol with
    union representatives, dated on or before the decision."""
    return (await consultations_missing(session, [decision]))[decision.id]


async def consultations_missing(
    session, decisions: Sequence[Decision]
) -> dict[uuid.UUID, list[Missing]]:
    """consultation_missing for many decisions in a fixed number of queries."""
    event_ids = {d.consultation_event_id for d in decisions if d.consultation_event_id}
    events = {
        e.id: e
        for e in await session.scalars(
            select(Event).where(Event.id.in_(event_ids)).options(selectinload(Event.participants))
        )
    }
    present = {
        p.person_id
        for e in events.values()
        for p in e.participants
        if p.attendance == Attendance.present
    }
    union_reps = set(
        await session.scalars(
            select(Person.id).where(
                Person.id.in_(present), Person.affiliation == Affiliation.union_representative
            )
        )
    )
    group_ids = {e.group_id for e in events.values() if e.group_id}
    rows = await session.execute(select(Group.id, Group.project_id).where(Group.id.in_(group_ids)))
    group_projects: dict[uuid.UUID, uuid.UUID | None] = {
        group_id: project_id for group_id, project_id in rows
    }
    return {
        d.id: _missing(
            d,
            events.get(d.consultation_event_id) if d.consultation_event_id else None,
            union_reps,
            group_projects,
        )
        for d in decisions
    }


def _normalised(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def on_the_same_matter(
    decision: Decision, event: Event, group_projects: dict[uuid.UUID, uuid.UUID | None]
) -> bool:
    """The meeting was about the decision's matter: the decision's project (the meeting's own,
    or its group's), or the protocol names the decision by its title or case number."""
    projects = {event.project_id, group_projects.get(event.group_id) if event.group_id else None}
    if decision.project_id is not None and decision.project_id in projects:
        return True
    matter = _normalised((event.protocol or {}).get("matter"))
    names = (_normalised(decision.title), _normalised(decision.case_number))
    return any(name and name in matter for name in names)


def _missing(
    decision: Decision,
    event: Event | None,
    union_reps: set[uuid.UUID],
    group_projects: dict[uuid.UUID, uuid.UUID | None],
) -> list[Missing]:
    if event is None:
        return [
            Missing(
                "no_consultation_linked",
                "no consultation meeting (drøftingsmøte) on the matter is linked",
            )
        ]
    missing = []
    if event.kind != EventKind.consultation_meeting:
        missing.append(
            Missing("not_a_consultation_meeting", "the linked event is not a consultation meeting")
        )
    elif not on_the_same_matter(decision, event, group_projects):
        missing.append(
            Missing(
                "consultation_on_another_matter",
                "the consultation meeting was on another matter: it is not about the decision's "
                "project, and its protocol does not name the decision (title or case number)",
            )
        )
    if event.protocol_signed_at is None:
        missing.append(
            Missing("protocol_unsigned", "the consultation meeting has no signed protocol")
        )
    else:
        signed = local_day(event.protocol_signed_at)
        if signed > decision.decided_on:
            missing.append(
                Missing(
                    "protocol_signed_after_decision",
                    f"the protocol was signed {signed}, after the decision ({decision.decided_on})",
                    {
                        "signed_on": signed.isoformat(),
                        "decided_on": decision.decided_on.isoformat(),
                    },
                )
            )
    reps_present = any(
        p.person_id in union_reps and p.attendance == Attendance.present for p in event.participants
    )
    parties = (event.protocol or {}).get("parties_present") or []
    if not reps_present and Party.employees not in parties:
        missing.append(
            Missing(
                "no_union_representative_present",
                "no union representative took part in the consultation meeting",
            )
        )
    return missing


class DecisionService(CrudService[Decision]):
    model = Decision
    label = "decision"
    spec = ListSpec(
        model=Decision,
        filters=[
            Filter(
                "programme_id", Decision.programme_id, uuid.UUID, "Only decisions of this programme"
            ),
            Filter(
                "body_group_id",
                Decision.body_group_id,
                uuid.UUID,
                "Only decisions taken by this body (a group, e.g. the joint committee)",
            ),
            Filter(
                "project_id", Decision.project_id, uuid.UUID, "Only decisions about this project"
            ),
            Filter("status", Decision.status, DecisionStatus, "Only decisions with this status"),
            Filter(
                "reorganisation",
                Decision.reorganisation,
                bool,
                ("Only decisions that reorganise work (true), or only those that do not (false)"),
            ),
            Filter(
                "case_number",
                Decision.case_number,
                str,
                "Only the decision with this case number (saksnummer), matched exactly",
            ),
            Filter(
                "decided_after",
                Decision.decided_on,
                date,
                "Only decisions taken on or after this date",
                op="ge",
            ),
            Filter(
                "decided_before",
                Decision.decided_on,
                date,
                "Only decisions taken on or before this date",
                op="le",
            ),
            Filter(
                "archived",
                Decision.archived_at,
                bool,
                "Archived only (true) or current only (false, the default)",
                apply=_archived,
            ),
        ],
        sorts={
            "decided_on": Decision.decided_on,
            "title": Decision.title,
            "created_at": Decision.created_at,
        },
        default_sort="-decided_on",
        search=[Decision.title, Decision.text, Decision.case_number],
    )

    async def list(self, lq):
        lq.filters.setdefault("archived", False)
        return await super().list(lq)

    async def apply(self, record, values, *, creating):
        if not creating and record.archived_at is not None:
            raise Conflict("The decision is archived and can no longer be changed.")
        if not creating and record.status == DecisionStatus.final:
            raise Conflict("A final decision is not changed; make a new decision instead.")
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Group, "body_group_id"),
            (Project, "project_id"),
            (Event, "consultation_event_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        self.finalising = values.get("status") == DecisionStatus.final
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        if not getattr(self, "finalising", False):
            return
        record.finalised_at = utcnow()
        if not record.reorganisation:
            return
        missing = await consultation_missing(self.session, record)
        if not missing:
            record.override_reason = None
            return
        if not (record.override_reason or "").strip():
            raise Conflict(
                "A reorganisation decision is final only after consultation with the union "
                f"representatives. Missing: {'; '.join(m.detail for m in missing)}. "
                f"({CONSULTATION_RULE})",
                errors=[m.problem_item() for m in missing],
            )
        if not self.principal.at_least(record.programme_id, ProgrammeRole.programme_admin):
            raise Forbidden(
                "Only a programme administrator may finalise a decision without "
                "the consultation it needs."
            )
        record.overridden_by_id = self.principal.user_id

    def audit(self, action, record, before, after):
        super().audit(action, record, before, after)
        was_final = (before or {}).get("status") == DecisionStatus.final
        if after is not None and after.get("status") == DecisionStatus.final and not was_final:
            emit(self.session, finalised_event(record, self.principal.user_id))

    async def delete(self, record, if_match):
        """Archive: decisions are kept."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        if record.archived_at is None:
            before = self.snapshot(record)
            record.archived_at = utcnow()
            record.updated_at = utcnow()
            await self.flush()
            self.audit("archive", record, before, self.snapshot(record))


def finalised_event(decision: Decision, actor_user_id: uuid.UUID | None) -> OutboundEvent:
    """`decision.finalised`: announced in the transaction that makes a decision final (by a
    create or a change), so that it is sent once the decision stands, and never if not."""
    return OutboundEvent(
        type="decision.finalised",
        programme_id=decision.programme_id,
        record_type="decision",
        record_id=decision.id,
        project_id=decision.project_id,
        data={
            "id": str(decision.id),
            "programme_id": str(decision.programme_id),
            "project_id": str(decision.project_id) if decision.project_id else None,
            "body_group_id": str(decision.body_group_id) if decision.body_group_id else None,
            "title": decision.title,
            "case_number": decision.case_number,
            "status": str(decision.status),
            "decided_on": decision.decided_on.isoformat(),
            "finalised_at": decision.finalised_at.isoformat() if decision.finalised_at else None,
            "reorganisation": decision.reorganisation,
            "override_reason": decision.override_reason,
        },
        actor_user_id=actor_user_id,
    )
