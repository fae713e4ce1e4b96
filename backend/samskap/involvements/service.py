import uuid
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Table, select
from sqlalchemy.orm import selectinload

from samskap.db import utcnow
from samskap.involvements.schemas import InvolvementRead
from samskap.kit.clock import local_today
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import (
    Decision,
    Event,
    Goal,
    Group,
    Hearing,
    Idea,
    Involvement,
    Person,
    PlannedInvolvement,
    Project,
    Submission,
    involvement_decision,
    involvement_event,
    involvement_goal,
    involvement_hearing,
    involvement_idea,
    involvement_submission,
)
from samskap.models.enums import InvolvementForm, ProgrammeRole, StakeholderKind
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.problems import Conflict, ValidationFailed


class Link(NamedTuple):
    """A kind of record an involvement concerns."""

    field: str  # the id list in the API and on the model
    rel: str  # the model's relationship to its link rows
    model: Any  # the record named
    table: Table  # the link table
    column: str  # the link table's column naming the record, also the list filter's name
    concerns: str  # the list filter's description


LINKS: tuple[Link, ...] = (
    Link(
        "decision_ids",
        "decision_links",
        Decision,
        involvement_decision,
        "decision_id",
        "Only records that concern this decision (name it in decision_ids)",
    ),
    Link(
        "event_ids",
        "event_links",
        Event,
        involvement_event,
        "event_id",
        "Only records that concern this meeting or gathering",
    ),
    Link(
        "hearing_ids",
        "hearing_links",
        Hearing,
        involvement_hearing,
        "hearing_id",
        "Only records that concern this hearing",
    ),
    Link(
        "submission_ids",
        "submission_links",
        Submission,
        involvement_submission,
        "submission_id",
        "Only records that concern this submission",
    ),
    Link(
        "goal_ids",
        "goal_links",
        Goal,
        involvement_goal,
        "goal_id",
        "Only records that concern this goal",
    ),
    Link(
        "idea_ids",
        "idea_links",
        Idea,
        involvement_idea,
        "idea_id",
        "Only records that concern this improvement idea",
    ),
)


def _archived(stmt, value: bool):
    column = Involvement.archived_at
    return stmt.where(column.is_not(None) if value else column.is_(None))


def _concerning(table: Table, column: str):
    def apply(stmt, value: uuid.UUID):
        return stmt.where(
            Involvement.id.in_(select(table.c.involvement_id).where(table.c[column] == value))
        )

    return apply


class InvolvementService(CrudService[Involvement]):
    model = Involvement
    label = "involvement"
    spec = ListSpec(
        model=Involvement,
        filters=[
            Filter(
                "programme_id",
                Involvement.programme_id,
                uuid.UUID,
                "Only involvement records of this programme",
            ),
            Filter(
                "project_id",
                Involvement.project_id,
                uuid.UUID,
                "Only involvement records of this project",
            ),
            Filter(
                "group_id",
                Involvement.group_id,
                uuid.UUID,
                "Only involvement records of this group",
            ),
            Filter(
                "stakeholder_kind",
                Involvement.stakeholder_kind,
                StakeholderKind,
                "Only records of this kind of stakeholder",
            ),
            Filter(
                "form",
                Involvement.form,
                InvolvementForm,
                "Only records of this form of involvement",
            ),
            Filter(
                "occurred_after",
                Involvement.occurred_on,
                date,
                "Only involvement that happened on or after this date",
                op="ge",
            ),
            Filter(
                "occurred_before",
                Involvement.occurred_on,
                date,
                "Only involvement that happened on or before this date",
                op="le",
            ),
            Filter(
                "archived",
                Involvement.archived_at,
                bool,
                "Archived records only (true) or current ones only (false, the default "
                "when left out)",
                apply=_archived,
            ),
            *(
                Filter(
                    link.column,
                    Involvement.id,
                    uuid.UUID,
                    link.concerns,
                    apply=_concerning(link.table, link.column),
                )
                for link in LINKS
            ),
        ],
        sorts={"occurred_on": Involvement.occurred_on, "created_at": Involvement.created_at},
        default_sort="-occurred_on",
        search=[Involvement.matter, Involvement.statements, Involvement.outcome],
        options=(
            selectinload(Involvement.participants),
            *(selectinload(getattr(Involvement, link.rel)) for link in LINKS),
        ),
    )

    async def apply(self, record, values, *, creating):
        if not creating and record.archived_at is not None:
            raise Conflict("The involvement is archived and can no longer be changed.")
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        await require_in_programme(
            self.session, Group, values.get("group_id"), programme_id, "group_id"
        )
        if values.get("documents") is not None:
            values["documents"] = [
                {**d, "url": str(d["url"]) if d.get("url") else None} for d in values["documents"]
            ]
        if "participant_ids" in values:
            ids = values.pop("participant_ids") or []
            record.participants = await self._participants(ids, programme_id)
        if creating:
            for link in LINKS:
                setattr(record, link.rel, [])
        for link in LINKS:
            if link.field in values:
                ids = values.pop(link.field) or []
                await self._check_linked(link.model, link.field, ids, programme_id)
                # A link that stays keeps its row; the others are added or removed.
                kept = {getattr(row, link.column): row for row in getattr(record, link.rel)}
                row_class = getattr(Involvement, link.rel).property.mapper.class_
                setattr(
                    record,
                    link.rel,
                    [kept.get(i) or row_class(**{link.column: i}) for i in ids],
                )
        self.fulfils = None
        planned_id = values.pop("planned_involvement_id", None)
        if planned_id is not None:
            self.fulfils = await PlannedInvolvementService(self.session, self.principal).to_fulfil(
                planned_id, programme_id, "/planned_involvement_id"
            )
            values["project_id"] = values.get("project_id") or self.fulfils.project_id
        await super().apply(record, values, creating=creating)

    async def _check_linked(
        self, model: Any, field: str, ids: list[uuid.UUID], programme_id: uuid.UUID
    ) -> None:
        """The records named in `field` are each of the programme, none twice; one query."""
        if not ids:
            return
        found = set(
            await self.session.scalars(
                select(model.id).where(model.id.in_(ids), model.programme_id == programme_id)
            )
        )
        label = model.__tablename__.replace("_", " ")
        for i, record_id in enumerate(ids):
            if record_id not in found:
                raise ValidationFailed.at(
                    f"/{field}/{i}",
                    f"no {label} with this id in the programme",
                    code="unknown_reference",
                )
            if ids.index(record_id) != i:
                raise ValidationFailed.at(f"/{field}/{i}", "listed twice", code="duplicate")

    async def after_create(self, record, data):
        planned: PlannedInvolvement | None = getattr(self, "fulfils", None)
        if planned is not None:
            await PlannedInvolvementService(self.session, self.principal).fulfil(
                planned, record, "/planned_involvement_id"
            )

    async def _participants(self, ids: list[uuid.UUID], programme_id: uuid.UUID) -> list[Person]:
        people = {
            p.id: p
            for p in await self.session.scalars(
                select(Person).where(Person.id.in_(ids), Person.programme_id == programme_id)
            )
        }
        for i, person_id in enumerate(ids):
            if person_id not in people:
                raise ValidationFailed.at(
                    f"/participant_ids/{i}",
                    "no person with this id in the programme",
                    code="unknown_reference",
                )
            if ids.index(person_id) != i:
                raise ValidationFailed.at(f"/participant_ids/{i}", "listed twice", code="duplicate")
        return [people[i] for i in ids]

    async def member_may_write(self, record, action):
        """Any `member` may too: recording how stakeholders were involved is open to every
        member of the programme."""
        return True

    def snapshot(self, record):
        return (
            super().snapshot(record)
            | {"participant_ids": [str(p) for p in record.participant_ids]}
            | {link.field: [str(i) for i in getattr(record, link.field)] for link in LINKS}
        )

    async def present(self, record):
        """Observers see who was involved by kind and number, not by name."""
        if self.principal.at_least(record.programme_id, ProgrammeRole.member):
            return record
        read = InvolvementRead.model_validate(record)
        return read.model_copy(update={"participant_ids": []})

    async def validate(self, record):
        if not record.participants and not record.head_count:
            raise ValidationFailed.at(
                "/participant_ids",
                "name the participants or give a head count",
                code="participants_required",
            )
        if record.occurred_on > local_today():
            raise ValidationFailed.at(
                "/occurred_on", "an involvement is recorded once it has happened", code="in_future"
            )

    async def delete(self, record, if_match):
        """Archive: accountability records are kept."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        if record.archived_at is None:
            before = self.snapshot(record)
            record.archived_at = utcnow()
            record.updated_at = utcnow()
            await self.flush()
            self.audit("archive", record, before, self.snapshot(record))

    async def list(self, lq):
        lq.filters.setdefault("archived", False)
        return await super().list(lq)
