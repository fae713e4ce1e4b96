"""The trail behind a decision: who was involved before it, how, when, what they said and what
came of it, in time order, with its consultation meeting, the hearing responses on it, the
employees' ideas its records name, and the planned involvements of its project held against
it. Read in a constant number of statements, however long the trail."""

import csv
import io
import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from samskap.auth.principal import Principal
from samskap.db import utcnow
from samskap.decisions.service import DecisionService
from samskap.involvements.schemas import DocumentLink
from samskap.involvements.service import InvolvementService
from samskap.kit.clock import local_zone
from samskap.models import (
    Decision,
    Event,
    Group,
    Hearing,
    HearingResponse,
    Idea,
    Involvement,
    Person,
    involvement_decision,
    involvement_event,
    involvement_hearing,
)
from samskap.models.enums import (
    Attendance,
    DecisionStatus,
    HearingHandling,
    IdeaStatus,
    InvolvementForm,
    ProgrammeRole,
    StakeholderKind,
    Vocabulary,
)
from samskap.planned_involvements.schemas import PlannedInvolvementRead
from samskap.planned_involvements.service import (
    happened_before,
    occurred_days,
    planned_for_decisions,
)


class TrailEntryKind(Vocabulary):
    """What an entry of a decision's trail is."""

    involvement = "involvement", "an involvement record (medvirkning)"
    consultation_meeting = (
        "consultation_meeting",
        "the decision's consultation meeting (drøftingsmøte) and its protocol",
    )
    hearing_response = "hearing_response", "a response to a hearing (høringsuttalelse)"
    idea = "idea", "an employee's improvement idea (forbedringsforslag) a record on the trail names"


class TrailLink(Vocabulary):
    """How an entry is tied to the decision."""

    decision = "decision", "an involvement record that names the decision"
    consultation_meeting = (
        "consultation_meeting",
        "the decision's consultation meeting, or a record that names that meeting",
    )
    hearing = (
        "hearing",
        "a hearing named together with the decision by an involvement record: its responses, "
        "and records that name the hearing",
    )
    project_hearing = (
        "project_hearing",
        "a hearing of the decision's project: its responses received on or before the decision",
    )
    record = "record", "an idea named by an involvement record on the trail"


class TrailAttendance(BaseModel):
    """Who came to a meeting, by number."""

    invited: int = Field(description="How many were invited")
    present: int = Field(description="How many took part")
    absent: int = Field(description="How many were absent")
    unknown: int = Field(description="How many have no attendance recorded")


class TrailEntry(BaseModel):
    """One step of the trail: who was involved, how, when, what they said, what came of it."""

    kind: TrailEntryKind = Field(description="What the entry is")
    record_type: str = Field(
        description="The record behind it: involvement, event, hearing_response or idea"
    )
    record_id: uuid.UUID = Field(description="The id of that record")
    occurred_on: date = Field(description="The day it happened (Oslo)")
    occurred_at: datetime | None = Field(
        description="When it happened, where the time is known (a meeting's start, a "
        "response's receipt); null for records kept by day"
    )
    before_decision: bool = Field(
        description="Whether it happened on or before the day of the decision"
    )
    via: list[TrailLink] = Field(description="How it is tied to the decision")
    matter: str = Field(description="What it was about")
    form: InvolvementForm = Field(description="How they were involved")
    stakeholder_kind: StakeholderKind | None = Field(
        description="Who was involved, by kind; null for a consultation meeting (see parties)"
    )
    group: str | None = Field(description="The group through which they were involved")
    parties: list[str] = Field(
        description="The parties: a meeting's parties present (administration, employees, "
        "politicians, other), or the party a hearing response speaks for"
    )
    people: list[str] = Field(
        description="Who took part, by name; empty for observers, who see head_count, and for "
        "an anonymous idea"
    )
    head_count: int = Field(description="How many took part")
    attendance: TrailAttendance | None = Field(
        description="A meeting's attendance by number; null for other entries"
    )
    statements: str | None = Field(
        description="What they said: the record's statements, the protocol's views per party, "
        "the response's text, or the idea's description"
    )
    outcome: str | None = Field(
        description="What came of it: the record's outcome, whether the meeting agreed, how "
        "the response was handled, with its comment, or where the idea stands, with its "
        "assessment or the reason it is not pursued"
    )
    agreed: bool | None = Field(description="A consultation meeting: whether the parties agreed")
    handling: HearingHandling | None = Field(
        description="A hearing response: how it was handled; null until handled"
    )
    hearing_id: uuid.UUID | None = Field(description="The hearing a response answers")
    idea_status: IdeaStatus | None = Field(
        description="An idea: where it stands now; null for other entries"
    )
    documents: list[DocumentLink] = Field(description="Minutes, protocols and other papers")


class TrailPlanned(BaseModel):
    """A planned involvement of the decision's project and whether it happened before it."""

    planned: PlannedInvolvementRead = Field(description="The planned involvement")
    happened_on: date | None = Field(
        description="When the record that fulfilled it happened; null unless done"
    )
    happened_before_decision: bool = Field(
        description="Done by a record dated on or before the decision's day"
    )


class DecisionTrail(BaseModel):
    """Who was involved before a decision, how, when, what they said and what came of it."""

    decision_id: uuid.UUID = Field(description="The decision's id")
    title: str = Field(description="The decision's title")
    case_number: str | None = Field(description="Its case number (saksnummer)")
    decided_on: date = Field(description="The day it was (or is to be) decided")
    status: DecisionStatus = Field(description="Whether it is taken")
    reorganisation: bool = Field(description="Whether it changes how work is organised")
    project_id: uuid.UUID | None = Field(description="The project it concerns")
    consultation_event_id: uuid.UUID | None = Field(
        description="Its consultation meeting (drøftingsmøte)"
    )
    entries: list[TrailEntry] = Field(
        description="Everything that concerns the decision, oldest first (by day, then time, "
        "then kind)"
    )
    planned: list[TrailPlanned] = Field(
        description="The planned involvements of its project for it: those naming it, and "
        "those naming no decision planned on or before its day; by planned_on"
    )
    generated_at: datetime = Field(description="When the answer was computed")


_PARTY_WORDS = {
    "administration": "Arbeidsgiver",
    "employees": "Arbeidstakerne",
    "politicians": "Politikerne",
    "other": "Andre",
}
_HANDLING_WORDS = {
    HearingHandling.accepted: "Tatt til følge",
    HearingHandling.partly_accepted: "Delvis tatt til følge",
    HearingHandling.not_accepted: "Ikke tatt til følge",
}
_IDEA_WORDS = {
    IdeaStatus.received: "Mottatt",
    IdeaStatus.assessing: "Under vurdering",
    IdeaStatus.accepted: "Akseptert",
    IdeaStatus.in_progress: "Under gjennomføring",
    IdeaStatus.implemented: "Gjennomført",
    IdeaStatus.not_pursued: "Ikke videreført",
}
_KIND_ORDER = {
    TrailEntryKind.idea: 0,
    TrailEntryKind.involvement: 1,
    TrailEntryKind.hearing_response: 2,
    TrailEntryKind.consultation_meeting: 3,
}


def _zone() -> ZoneInfo:
    return local_zone()


async def decision_trail(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID
) -> DecisionTrail:
    decision = await DecisionService(session, principal).get(decision_id)
    names_shown = principal.at_least(decision.programme_id, ProgrammeRole.member)
    zone = _zone()

    direct = select(involvement_decision.c.involvement_id).where(
        involvement_decision.c.decision_id == decision.id
    )
    linked_hearings = set(
        await session.scalars(
            select(involvement_hearing.c.hearing_id).where(
                involvement_hearing.c.involvement_id.in_(direct)
            )
        )
    )
    hearing_clause: list[ColumnElement[bool]] = [Hearing.id.in_(linked_hearings)]
    if decision.project_id is not None:
        hearing_clause.append(Hearing.project_id == decision.project_id)
    hearings = {
        h.id: h
        for h in await session.scalars(
            select(Hearing).where(
                Hearing.programme_id == decision.programme_id, or_(*hearing_clause)
            )
        )
    }

    event_id = decision.consultation_event_id
    meeting = None
    if event_id is not None:
        meeting = (
            await session.scalars(
                select(Event).where(Event.id == event_id).options(selectinload(Event.participants))
            )
        ).first()

    involvement_clause: list[ColumnElement[bool]] = [Involvement.id.in_(direct)]
    if event_id is not None:
        involvement_clause.append(
            Involvement.id.in_(
                select(involvement_event.c.involvement_id).where(
                    involvement_event.c.event_id == event_id
                )
            )
        )
    if linked_hearings:
        involvement_clause.append(
            Involvement.id.in_(
                select(involvement_hearing.c.involvement_id).where(
                    involvement_hearing.c.hearing_id.in_(linked_hearings)
                )
            )
        )
    involvements = list(
        await session.scalars(
            select(Involvement)
            .where(
                Involvement.programme_id == decision.programme_id,
                Involvement.archived_at.is_(None),
                or_(*involvement_clause),
            )
            .options(*InvolvementService.spec.options)
        )
    )
    responses = list(
        await session.scalars(
            select(HearingResponse).where(HearingResponse.hearing_id.in_(list(hearings)))
        )
    )

    # Employees' input: the ideas the records on the trail name, with who sent a named one.
    idea_ids = {idea_id for i in involvements for idea_id in i.idea_ids}
    ideas = list(
        (
            await session.execute(
                select(Idea, Person.name)
                .outerjoin(Person, Person.id == Idea.submitter_person_id)
                .where(
                    Idea.programme_id == decision.programme_id,
                    Idea.archived_at.is_(None),
                    Idea.id.in_(idea_ids),
                )
            )
        ).all()
    )

    group_ids = {i.group_id for i in involvements if i.group_id}
    group_ids.update(idea.group_id for idea, _ in ideas if idea.group_id)
    if meeting is not None and meeting.group_id:
        group_ids.add(meeting.group_id)
    groups = dict(
        (await session.execute(select(Group.id, Group.name).where(Group.id.in_(group_ids)))).all()
    )
    meeting_people = [p.person_id for p in meeting.participants] if meeting else []
    people = dict(
        (
            await session.execute(
                select(Person.id, Person.name).where(Person.id.in_(meeting_people))
            )
        ).all()
    )

    entries: list[TrailEntry] = []
    shown_responses: set[uuid.UUID] = set()
    mirrored: set[uuid.UUID] = set()
    for r in responses:
        linked = r.hearing_id in linked_hearings
        received = r.received_at.astimezone(zone)
        if not linked and received.date() > decision.decided_on:
            continue
        shown_responses.add(r.id)
        if r.involvement_id:
            mirrored.add(r.involvement_id)
        outcome = None
        if r.handling is not None:
            outcome = _HANDLING_WORDS[r.handling]
            if r.handling_comment:
                outcome += f": {r.handling_comment}"
        hearing = hearings[r.hearing_id]
        entries.append(
            TrailEntry(
                kind=TrailEntryKind.hearing_response,
                record_type="hearing_response",
                record_id=r.id,
                occurred_on=received.date(),
                occurred_at=r.received_at,
                before_decision=received.date() <= decision.decided_on,
                via=[TrailLink.hearing if linked else TrailLink.project_hearing],
                matter=hearing.title,
                form=InvolvementForm.hearing,
                stakeholder_kind=None,
                group=None,
                parties=[r.on_behalf_of] if r.on_behalf_of else [],
                people=[r.from_name] if names_shown else [],
                head_count=1,
                attendance=None,
                statements=r.text,
                outcome=outcome,
                agreed=None,
                handling=r.handling,
                hearing_id=r.hearing_id,
                idea_status=None,
                documents=[],
            )
        )

    for i in involvements:
        if i.id in mirrored:
            continue
        via = []
        if decision.id in i.decision_ids:
            via.append(TrailLink.decision)
        if event_id is not None and event_id in i.event_ids:
            via.append(TrailLink.consultation_meeting)
        if linked_hearings.intersection(i.hearing_ids):
            via.append(TrailLink.hearing)
        entries.append(
            TrailEntry(
                kind=TrailEntryKind.involvement,
                record_type="involvement",
                record_id=i.id,
                occurred_on=i.occurred_on,
                occurred_at=None,
                before_decision=i.occurred_on <= decision.decided_on,
                via=via,
                matter=i.matter,
                form=i.form,
                stakeholder_kind=i.stakeholder_kind,
                group=groups.get(i.group_id) if i.group_id else None,
                parties=[],
                people=[p.name for p in i.participants] if names_shown else [],
                head_count=i.participant_count or i.head_count or 0,
                attendance=None,
                statements=i.statements,
                outcome=i.outcome,
                agreed=None,
                handling=None,
                hearing_id=None,
                idea_status=None,
                documents=[DocumentLink.model_validate(d) for d in i.documents or []],
            )
        )

    for idea, person_name in ideas:
        entries.append(_idea_entry(idea, person_name, decision, groups, names_shown))

    if meeting is not None:
        entries.append(_meeting_entry(meeting, decision, groups, people, names_shown))

    entries.sort(
        key=lambda e: (
            e.occurred_on,
            e.occurred_at or datetime.combine(e.occurred_on, time(), tzinfo=zone),
            _KIND_ORDER[e.kind],
            e.record_id,
        )
    )
    return DecisionTrail(
        decision_id=decision.id,
        title=decision.title,
        case_number=decision.case_number,
        decided_on=decision.decided_on,
        status=decision.status,
        reorganisation=decision.reorganisation,
        project_id=decision.project_id,
        consultation_event_id=decision.consultation_event_id,
        entries=entries,
        planned=await _planned(session, decision),
        generated_at=utcnow(),
    )


def _meeting_entry(
    meeting: Event,
    decision: Decision,
    groups: dict,
    people: dict,
    names_shown: bool,
) -> TrailEntry:
    protocol = meeting.protocol or {}
    start = meeting.starts_at.astimezone(_zone())
    counts = {a: 0 for a in ("present", "absent", "unknown")}
    present = []
    for p in meeting.participants:
        if p.attendance == Attendance.present:
            counts["present"] += 1
            present.append(people.get(p.person_id, ""))
        elif p.attendance is None:
            counts["unknown"] += 1
        else:
            counts["absent"] += 1
    present.sort()
    views = "\n".join(
        f"{_PARTY_WORDS.get(v.get('party'), v.get('party'))}: {v.get('view')}"
        for v in protocol.get("views") or []
    )
    agreed = protocol.get("agreed")
    outcome = None if agreed is None else ("Enighet" if agreed else "Uenighet")
    return TrailEntry(
        kind=TrailEntryKind.consultation_meeting,
        record_type="event",
        record_id=meeting.id,
        occurred_on=start.date(),
        occurred_at=meeting.starts_at,
        before_decision=start.date() <= decision.decided_on,
        via=[TrailLink.consultation_meeting],
        matter=protocol.get("matter") or meeting.title,
        form=InvolvementForm.consultation,
        stakeholder_kind=None,
        group=groups.get(meeting.group_id) if meeting.group_id else None,
        parties=list(protocol.get("parties_present") or []),
        people=present if names_shown else [],
        head_count=counts["present"],
        attendance=TrailAttendance(invited=len(meeting.participants), **counts),
        statements=views or None,
        outcome=outcome,
        agreed=agreed,
        handling=None,
        hearing_id=None,
        idea_status=None,
        documents=[],
    )


def _idea_entry(
    idea: Idea, person_name: str | None, decision: Decision, groups: dict, names_shown: bool
) -> TrailEntry:
    received = idea.received_at.astimezone(_zone())
    submitter = None if idea.anonymous else (person_name or idea.submitter_name)
    outcome = _IDEA_WORDS[idea.status]
    said = idea.reason if idea.status == IdeaStatus.not_pursued else idea.assessment
    if said:
        outcome += f": {said}"
    return TrailEntry(
        kind=TrailEntryKind.idea,
        record_type="idea",
        record_id=idea.id,
        occurred_on=received.date(),
        occurred_at=idea.received_at,
        before_decision=received.date() <= decision.decided_on,
        via=[TrailLink.record],
        matter=idea.title,
        form=InvolvementForm.participation,
        stakeholder_kind=StakeholderKind.employees,
        group=groups.get(idea.group_id) if idea.group_id else None,
        parties=[],
        people=[submitter] if submitter and names_shown else [],
        head_count=1,
        attendance=None,
        statements=idea.description,
        outcome=outcome,
        agreed=None,
        handling=None,
        hearing_id=None,
        idea_status=idea.status,
        documents=[],
    )


async def _planned(session: AsyncSession, decision: Decision) -> list[TrailPlanned]:
    planned = (await planned_for_decisions(session, [decision]))[decision.id]
    occurred = await occurred_days(session, planned)
    return [
        TrailPlanned(
            planned=PlannedInvolvementRead.model_validate(p),
            happened_on=occurred.get(p.involvement_id) if p.involvement_id else None,
            happened_before_decision=happened_before(p, occurred, decision),
        )
        for p in planned
    ]


TRAIL_CSV_COLUMNS = (
    "occurred_on",
    "occurred_at",
    "kind",
    "form",
    "stakeholder_kind",
    "group",
    "parties",
    "people",
    "head_count",
    "present",
    "absent",
    "matter",
    "statements",
    "outcome",
    "handling",
    "before_decision",
    "via",
    "record_type",
    "record_id",
)


def trail_csv(trail: DecisionTrail) -> str:
    """The trail's entries as CSV: UTF-8 with a byte order mark (so that a spreadsheet reads
    æ, ø and å right), comma separated, a header row, one row per entry in the trail's order;
    lists joined with «; »."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TRAIL_CSV_COLUMNS)
    for e in trail.entries:
        writer.writerow(
            [
                e.occurred_on.isoformat(),
                e.occurred_at.isoformat() if e.occurred_at else "",
                str(e.kind),
                str(e.form),
                str(e.stakeholder_kind) if e.stakeholder_kind else "",
                e.group or "",
                "; ".join(e.parties),
                "; ".join(e.people),
                e.head_count,
                e.attendance.present if e.attendance else "",
                e.attendance.absent if e.attendance else "",
                e.matter,
                e.statements or "",
                e.outcome or "",
                str(e.handling) if e.handling else "",
                "true" if e.before_decision else "false",
                "; ".join(str(v) for v in e.via),
                e.record_type,
                str(e.record_id),
            ]
        )
    return out.getvalue()
