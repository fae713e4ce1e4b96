"""Hearings and their responses; every response is mirrored by an involvement record of form
`hearing`, kept in step with it; the summary; the compliance rules on hearings."""

import io
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from samskap.db import utcnow
from samskap.governance import rules
from samskap.governance.composition import Finding, finding
from samskap.involvements.schemas import InvolvementCreate, InvolvementUpdate
from samskap.involvements.service import InvolvementService
from samskap.kit.clock import local_zone
from samskap.kit.etag import check_if_match, etag
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import (
    Document,
    Group,
    Hearing,
    HearingInvitee,
    HearingResponse,
    Person,
    Programme,
    Project,
    StoredFile,
    SubmissionVersion,
)
from samskap.models.enums import (
    GroupKind,
    HearingHandling,
    HearingParty,
    HearingStatus,
    InvolvementForm,
    StakeholderKind,
)
from samskap.problems import ValidationFailed, conflict

# Who an involvement record says was involved, by the party that responded.
STAKEHOLDER_OF_PARTY = {
    HearingParty.union: StakeholderKind.union_representatives,
    HearingParty.union_representatives: StakeholderKind.union_representatives,
    HearingParty.safety_representatives: StakeholderKind.safety_representatives,
}

# The words of a handling in the involvement record's outcome (the programme's language).
HANDLING_WORDS = {
    HearingHandling.accepted: "Tatt til følge",
    HearingHandling.partly_accepted: "Delvis tatt til følge",
    HearingHandling.not_accepted: "Ikke tatt til følge",
}


def _oslo(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())


class HearingService(CrudService[Hearing]):
    model = Hearing
    label = "hearing"
    spec = ListSpec(
        model=Hearing,
        filters=[
            Filter(
                "programme_id", Hearing.programme_id, uuid.UUID, "Only hearings of this programme"
            ),
            Filter("project_id", Hearing.project_id, uuid.UUID, "Only hearings of this project"),
            Filter("document_id", Hearing.document_id, uuid.UUID, "Only hearings of this document"),
            Filter("status", Hearing.status, HearingStatus, "Only hearings with this status"),
        ],
        sorts={
            "deadline_at": Hearing.deadline_at,
            "title": Hearing.title,
            "created_at": Hearing.created_at,
        },
        default_sort="-deadline_at",
        search=[Hearing.title, Hearing.matter, Hearing.letter],
        options=(selectinload(Hearing.invitees),),
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
            record.status = HearingStatus.draft
            record.invitees = []
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Project, "project_id"),
            (Document, "document_id"),
            (SubmissionVersion, "submission_version_id"),
            (Document, "letter_document_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        if "invitees" in values:
            invitees = values.pop("invitees") or []
            await self._invitees(record, invitees, programme_id)
        deadline_changed = not creating and "deadline_at" in values
        await super().apply(record, values, creating=creating)
        if deadline_changed:
            await self.session.execute(
                update(HearingResponse)
                .where(HearingResponse.hearing_id == record.id)
                .values(late=HearingResponse.received_at > record.deadline_at)
            )

    async def _invitees(self, record: Hearing, given: list[dict], programme_id: uuid.UUID):
        """Replace the invitees; one that stays (same party, name, group and person) keeps its
        id, so the responses that name it still do."""
        existing = {(i.party, i.name, i.group_id, i.person_id): i for i in (record.invitees or [])}
        kept: list[HearingInvitee] = []
        for n, item in enumerate(given):
            name = item.get("name")
            group = await require_in_programme(
                self.session, Group, item.get("group_id"), programme_id, f"invitees/{n}/group_id"
            )
            person = await require_in_programme(
                self.session,
                Person,
                item.get("person_id"),
                programme_id,
                f"invitees/{n}/person_id",
            )
            name = name or (group.name if group else None) or (person.name if person else None)
            if not name:
                raise ValidationFailed.at(
                    f"/invitees/{n}/name",
                    "name the party, or give its group or person",
                    code="party_name_required",
                )
            key = (item["party"], name, item.get("group_id"), item.get("person_id"))
            if any((i.party, i.name, i.group_id, i.person_id) == key for i in kept):
                raise ValidationFailed.at(f"/invitees/{n}", "listed twice", code="duplicate")
            invitee = existing.pop(key, None) or HearingInvitee(
                programme_id=programme_id,
                party=item["party"],
                name=name,
                group_id=item.get("group_id"),
                person_id=item.get("person_id"),
            )
            invitee.position = n
            kept.append(invitee)
        removed = [i.id for i in existing.values() if i.id is not None]
        if removed:
            answered = await self.session.scalar(
                select(HearingResponse.id).where(HearingResponse.invitee_id.in_(removed)).limit(1)
            )
            if answered is not None:
                raise conflict(
                    "an invited party that has responded cannot be removed", "invitee_responded"
                )
        record.invitees = kept

    def snapshot(self, record):
        return super().snapshot(record) | {
            "invitees": [
                {
                    "party": str(i.party),
                    "name": i.name,
                    "group_id": str(i.group_id) if i.group_id else None,
                    "person_id": str(i.person_id) if i.person_id else None,
                }
                for i in record.invitees
            ]
        }

    async def validate(self, record):
        if record.document_id is not None and record.submission_version_id is not None:
            raise ValidationFailed.at(
                "/submission_version_id",
                "a hearing is of a document or of a submission version, not both",
                code="one_subject",
            )
        if record.status == HearingStatus.closed and record.closed_at is None:
            record.closed_at = utcnow()

    async def _act(self, record: Hearing, if_match: str | None) -> dict[str, Any]:
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        return self.snapshot(record)

    async def _done(self, record: Hearing, before: dict[str, Any]) -> Hearing:
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record

    async def open(self, record: Hearing, if_match: str | None) -> Hearing:
        """Send the hearing out: a draft with at least one invited party becomes open."""
        before = await self._act(record, if_match)
        if record.status != HearingStatus.draft:
            raise conflict("only a draft hearing can be opened", "hearing_not_draft")
        if not record.invitees:
            raise conflict("invite at least one party before opening the hearing", "no_invitees")
        record.status = HearingStatus.open
        return await self._done(record, before)

    async def close(self, record: Hearing, if_match: str | None) -> Hearing:
        """End an open hearing; its responses are then to be handled and summarised."""
        before = await self._act(record, if_match)
        if record.status != HearingStatus.open:
            raise conflict("only an open hearing can be closed", "hearing_not_open")
        record.status = HearingStatus.closed
        record.closed_at = utcnow()
        return await self._done(record, before)

    async def responses(self, hearing: Hearing) -> list[HearingResponse]:
        return list(
            await self.session.scalars(
                select(HearingResponse)
                .where(HearingResponse.hearing_id == hearing.id)
                .order_by(HearingResponse.received_at, HearingResponse.id)
            )
        )

    async def summary(self, hearing: Hearing) -> dict[str, Any]:
        """The responses per party with their handling, and counts per handling."""
        responses = await self.responses(hearing)
        invitees = {i.id: i for i in hearing.invitees}
        invited_names = {i.name for i in hearing.invitees}
        parties: dict[str, dict[str, Any]] = {}
        answered: set[uuid.UUID] = set()
        counts = {str(h): 0 for h in HearingHandling} | {"unhandled": 0}
        for r in responses:
            invitee = invitees.get(r.invitee_id) if r.invitee_id else None
            party = r.on_behalf_of or (invitee.name if invitee else None) or r.from_name
            if invitee is not None:
                answered.add(invitee.id)
            entry = parties.setdefault(
                party,
                {
                    "party": party,
                    "invited": invitee is not None or party in invited_names,
                    "responses": [],
                },
            )
            entry["invited"] = entry["invited"] or invitee is not None
            entry["responses"].append(r)
            counts[str(r.handling) if r.handling else "unhandled"] += 1
        silent = [
            i.name or "" for i in hearing.invitees if i.id not in answered and i.name not in parties
        ]
        return {
            "hearing_id": hearing.id,
            "title": hearing.title,
            "matter": hearing.matter,
            "status": hearing.status,
            "deadline_at": hearing.deadline_at,
            "parties": sorted(parties.values(), key=lambda p: p["party"].lower()),
            "silent_invitees": silent,
            "handling_counts": counts,
            "total": len(responses),
        }

    async def summary_docx(self, hearing: Hearing) -> bytes:
        """The summary as a Word document (DOCX), in Norwegian bokmål."""
        data = await self.summary(hearing)
        # python-docx (and lxml) are imported when a summary is made, not at start.
        from docx import Document as DocxDocument

        doc = DocxDocument()
        doc.add_heading(f"Sammenstilling av høringsuttalelser: {data['title']}", level=1)
        if data["matter"]:
            doc.add_paragraph(data["matter"])
        doc.add_paragraph(
            f"Høringsfrist: {_oslo(data['deadline_at']):%d.%m.%Y kl. %H:%M}. "
            f"Antall uttalelser: {data['total']}."
        )
        counts = data["handling_counts"]
        doc.add_paragraph(
            f"Tatt til følge: {counts['accepted']}. Delvis tatt til følge: "
            f"{counts['partly_accepted']}. Ikke tatt til følge: {counts['not_accepted']}. "
            f"Ikke behandlet: {counts['unhandled']}."
        )
        for party in data["parties"]:
            doc.add_heading(party["party"], level=2)
            table = doc.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells, ("Fra", "Uttalelse", "Behandling", "Kommentar"), strict=True
            ):
                cell.text = text
            for r in party["responses"]:
                received = f"{r.from_name}, mottatt {_oslo(r.received_at):%d.%m.%Y}"
                if r.late:
                    received += " (etter fristen)"
                row = table.add_row().cells
                row[0].text = received
                row[1].text = r.text
                row[2].text = HANDLING_WORDS.get(r.handling, "Ikke behandlet")
                row[3].text = r.handling_comment or ""
        if data["silent_invitees"]:
            doc.add_heading("Inviterte som ikke har svart", level=2)
            for name in data["silent_invitees"]:
                doc.add_paragraph(name, style="List Bullet")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def _handled(stmt, value: bool):
    column = HearingResponse.handling
    return stmt.where(column.is_not(None) if value else column.is_(None))


class HearingResponseService(CrudService[HearingResponse]):
    model = HearingResponse
    label = "hearing response"
    spec = ListSpec(
        model=HearingResponse,
        filters=[
            Filter(
                "programme_id",
                HearingResponse.programme_id,
                uuid.UUID,
                "Only responses to hearings of this programme",
            ),
            Filter(
                "hearing_id",
                HearingResponse.hearing_id,
                uuid.UUID,
                "Only responses to this hearing",
            ),
            Filter(
                "invitee_id",
                HearingResponse.invitee_id,
                uuid.UUID,
                "Only responses on behalf of this invited party",
            ),
            Filter(
                "handling",
                HearingResponse.handling,
                HearingHandling,
                "Only responses handled this way",
            ),
            Filter(
                "handled",
                HearingResponse.handling,
                bool,
                "Handled responses only (true) or those not yet handled (false)",
                apply=_handled,
            ),
            Filter("late", HearingResponse.late, bool, "Received after the deadline (true) or not"),
        ],
        sorts={
            "received_at": HearingResponse.received_at,
            "created_at": HearingResponse.created_at,
        },
        default_sort="received_at",
        search=[HearingResponse.from_name, HearingResponse.on_behalf_of, HearingResponse.text],
        options=(selectinload(HearingResponse.files),),
    )

    async def _hearing(self, hearing_id: uuid.UUID) -> Hearing:
        hearing = (
            await self.session.scalars(
                select(Hearing)
                .where(Hearing.id == hearing_id)
                .options(selectinload(Hearing.invitees))
            )
        ).first()
        if hearing is None or self.principal.role_in(hearing.programme_id) is None:
            raise ValidationFailed.at(
                "/hearing_id", "no hearing with this id", code="unknown_reference"
            )
        return hearing

    async def apply(self, record, values, *, creating):
        hearing = await self._hearing(values["hearing_id"] if creating else record.hearing_id)
        if creating:
            values["programme_id"] = hearing.programme_id
        programme_id = hearing.programme_id
        await require_in_programme(
            self.session, Person, values.get("from_person_id"), programme_id, "from_person_id"
        )
        if values.get("invitee_id") is not None:
            invitee = next((i for i in hearing.invitees if i.id == values["invitee_id"]), None)
            if invitee is None:
                raise ValidationFailed.at(
                    "/invitee_id",
                    "no invited party of this hearing with this id",
                    code="unknown_reference",
                )
            if not values.get("on_behalf_of") and not (not creating and record.on_behalf_of):
                values["on_behalf_of"] = invitee.name
        if "file_ids" in values:
            record.files = await self._files(values.pop("file_ids") or [], programme_id)
        if values.get("handling") is None and "handling" in values:
            values.setdefault("handling_comment", None)
        await super().apply(record, values, creating=creating)
        if record.received_at is not None:
            record.late = record.received_at > hearing.deadline_at

    async def _files(self, ids: list[uuid.UUID], programme_id: uuid.UUID) -> list[StoredFile]:
        files = {
            f.id: f
            for f in await self.session.scalars(
                select(StoredFile).where(
                    StoredFile.id.in_(ids), StoredFile.programme_id == programme_id
                )
            )
        }
        for i, file_id in enumerate(ids):
            if file_id not in files:
                raise ValidationFailed.at(
                    f"/file_ids/{i}",
                    "no file with this id in the programme",
                    code="unknown_reference",
                )
            if ids.index(file_id) != i:
                raise ValidationFailed.at(f"/file_ids/{i}", "listed twice", code="duplicate")
        return [files[i] for i in ids]

    async def validate(self, record):
        status = await self.session.scalar(
            select(Hearing.status).where(Hearing.id == record.hearing_id)
        )
        if status == HearingStatus.draft:
            raise conflict(
                "the hearing is a draft: open it before registering responses",
                "hearing_not_open",
            )
        if record.received_at > utcnow():
            raise ValidationFailed.at(
                "/received_at", "a response is registered once received", code="in_future"
            )

    def snapshot(self, record):
        return super().snapshot(record) | {"file_ids": [str(f) for f in record.file_ids]}

    # The mirrored involvement record -----------------------------------------------------
    async def _involvement_values(self, record: HearingResponse) -> dict[str, Any]:
        hearing = await self._hearing(record.hearing_id)
        invitee = next((i for i in hearing.invitees if i.id == record.invitee_id), None)
        party = invitee.party if invitee else None
        outcome = None
        if record.handling is not None:
            outcome = HANDLING_WORDS[record.handling]
            if record.handling_comment:
                outcome += f": {record.handling_comment}"
        statements = record.text
        if record.on_behalf_of:
            statements = f"{record.on_behalf_of} ({record.from_name}): {record.text}"
        submission_id = None
        if hearing.submission_version_id is not None:
            submission_id = await self.session.scalar(
                select(SubmissionVersion.submission_id).where(
                    SubmissionVersion.id == hearing.submission_version_id
                )
            )
        return {
            "project_id": hearing.project_id,
            "group_id": invitee.group_id if invitee else None,
            # The record names what it concerns: the hearing, and the submission it hears.
            "hearing_ids": [hearing.id],
            "submission_ids": [submission_id] if submission_id else [],
            "matter": hearing.title,
            "stakeholder_kind": STAKEHOLDER_OF_PARTY.get(party, StakeholderKind.other)
            if party
            else StakeholderKind.other,
            "form": InvolvementForm.hearing,
            "occurred_on": _oslo(record.received_at).date(),
            "participant_ids": [record.from_person_id] if record.from_person_id else [],
            "head_count": None if record.from_person_id else 1,
            "statements": statements[:20_000],
            "outcome": outcome,
        }

    async def after_create(self, record, data):
        values = await self._involvement_values(record)
        involvement = await InvolvementService(self.session, self.principal).create(
            InvolvementCreate(programme_id=record.programme_id, **values)
        )
        record.involvement_id = involvement.id
        await self.flush()

    async def update(self, record, patch, if_match):
        record = await super().update(record, patch, if_match)
        if record.involvement_id is not None:
            involvements = InvolvementService(self.session, self.principal)
            involvement = await involvements.get(record.involvement_id)
            if involvement.archived_at is None:
                values = await self._involvement_values(record)
                await involvements.update(
                    involvement, InvolvementUpdate(**values), etag(involvement.version)
                )
        return record

    async def delete(self, record, if_match):
        """Deletes the response; its involvement record is archived, not erased."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        involvement_id = record.involvement_id
        await super().delete(record, if_match)
        if involvement_id is not None:
            involvements = InvolvementService(self.session, self.principal)
            involvement = await involvements.find(involvement_id)
            if involvement is not None and involvement.archived_at is None:
                await involvements.delete(involvement, etag(involvement.version))


# Compliance ------------------------------------------------------------------------------


def _invites(hearing: Hearing, party: HearingParty, groups: dict[uuid.UUID, Group]) -> bool:
    for i in hearing.invitees:
        if i.party == party:
            return True
        group = groups.get(i.group_id) if i.group_id else None
        if (
            party == HearingParty.joint_consultative_committee
            and group is not None
            and group.kind == GroupKind.joint_consultative_committee
        ):
            return True
        if party == HearingParty.union_representatives and i.party == HearingParty.union:
            return True
    return False


async def hearing_findings(session: AsyncSession, programme: Programme) -> list[Finding]:
    """A closed hearing with responses not handled; a hearing on a matter that concerns
    employees that does not invite the union representatives and the joint consultative
    committee."""
    hearings = list(
        await session.scalars(
            select(Hearing)
            .where(Hearing.programme_id == programme.id)
            .options(selectinload(Hearing.invitees))
            .order_by(Hearing.deadline_at, Hearing.id)
        )
    )
    if not hearings:
        return []
    unhandled: dict[uuid.UUID, int] = {}
    for hearing_id in await session.scalars(
        select(HearingResponse.hearing_id).where(
            HearingResponse.programme_id == programme.id, HearingResponse.handling.is_(None)
        )
    ):
        unhandled[hearing_id] = unhandled.get(hearing_id, 0) + 1
    group_ids = {i.group_id for h in hearings for i in h.invitees if i.group_id}
    groups = {g.id: g for g in await session.scalars(select(Group).where(Group.id.in_(group_ids)))}
    found = []
    for hearing in hearings:
        count = unhandled.get(hearing.id, 0)
        if hearing.status == HearingStatus.closed and count:
            found.append(
                finding(
                    rules.HEARING_RESPONSE_HANDLED,
                    f"«{hearing.title}» is closed with {count} response(s) not handled",
                    "hearing",
                    hearing.id,
                    hearing.project_id,
                    facts={"hearing": hearing.title, "count": count},
                )
            )
        if not hearing.concerns_employees:
            continue
        missing = [
            str(party)
            for party in (
                HearingParty.union_representatives,
                HearingParty.joint_consultative_committee,
            )
            if not _invites(hearing, party, groups)
        ]
        if missing:
            found.append(
                finding(
                    rules.HEARING_PARTIES,
                    f"«{hearing.title}» concerns employees but does not invite: "
                    + ", ".join(m.replace("_", " ") for m in missing),
                    "hearing",
                    hearing.id,
                    hearing.project_id,
                    facts={"hearing": hearing.title, "missing": missing},
                )
            )
    return found
