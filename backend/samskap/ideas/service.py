"""Ideas (forbedringsforslag): submitted in the programme or through a participation link,
assessed step by step (every status change kept), supported by the programme's people, and
turned into a measure or a task, linked and not copied."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.auth.tokens import digest, new_secret
from samskap.db import utcnow
from samskap.ideas.schemas import (
    ChangeMeeting,
    IdeaAssess,
    IdeaRead,
    IdeaStatusChangeRead,
    IdeaToMeasure,
    IdeaToTask,
)
from samskap.kit.clock import local_zone
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.measures.schemas import MeasureCreate
from samskap.measures.service import MeasureService
from samskap.memberships.scope import member_scope
from samskap.models import (
    Event,
    Group,
    Idea,
    IdeaStatusChange,
    IdeaSupport,
    Measure,
    ParticipationLink,
    Person,
    Project,
    Task,
)
from samskap.models.enums import IdeaChannel, IdeaStatus, ProgrammeRole
from samskap.problems import Forbidden, NotFound, ValidationFailed, conflict
from samskap.tasks.schemas import TaskCreate
from samskap.tasks.service import TaskService

# The statuses from which an idea can become a measure or a task.
CARRIED_OUT = (IdeaStatus.accepted, IdeaStatus.in_progress)


def idea_snapshot(record: Idea) -> dict[str, Any]:
    """The idea for the audit trail, without its receipt's hash."""
    values = snapshot(record)
    values.pop("receipt_hash", None)
    return values


def require_text(value: str, field: str) -> None:
    """Text that must say something: blanks alone are refused."""
    if not value.strip():
        raise ValidationFailed.at(f"/{field}", "must not be empty", code="required")


def _set_or_not(column):
    """A boolean filter on a nullable time: set (true) or not set (false)."""

    def apply(stmt, value: bool):
        return stmt.where(column.is_not(None) if value else column.is_(None))

    return apply


class ParticipationLinkService(CrudService[ParticipationLink]):
    model = ParticipationLink
    label = "participation link"
    spec = ListSpec(
        model=ParticipationLink,
        filters=[
            Filter(
                "programme_id",
                ParticipationLink.programme_id,
                uuid.UUID,
                "Only links of this programme",
            ),
            Filter(
                "project_id", ParticipationLink.project_id, uuid.UUID, "Only links of this project"
            ),
            Filter(
                "closed",
                ParticipationLink.closed_at,
                bool,
                "Closed links only (true) or open ones only (false)",
                apply=_set_or_not(ParticipationLink.closed_at),
            ),
        ],
        sorts={"created_at": ParticipationLink.created_at},
        default_sort="-created_at",
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
            self.token = new_secret()
            record.token_hash = digest(self.token)
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        await super().apply(record, values, creating=creating)

    async def close(self, record: ParticipationLink, if_match: str | None) -> ParticipationLink:
        """Close the link: it takes no more ideas, and its form answers 410."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        if record.closed_at is not None:
            raise conflict("the link is already closed", "link_closed")
        before = self.snapshot(record)
        record.closed_at = utcnow()
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record


class IdeaService(CrudService[Idea]):
    model = Idea
    label = "idea"
    spec = ListSpec(
        model=Idea,
        filters=[
            Filter("programme_id", Idea.programme_id, uuid.UUID, "Only ideas of this programme"),
            Filter("status", Idea.status, IdeaStatus, "Only ideas with this status"),
            Filter("project_id", Idea.project_id, uuid.UUID, "Only ideas about this project"),
            Filter("group_id", Idea.group_id, uuid.UUID, "Only ideas about this group"),
            Filter(
                "assessor_person_id",
                Idea.assessor_person_id,
                uuid.UUID,
                "Only ideas this person assesses",
            ),
            Filter(
                "assessor_group_id",
                Idea.assessor_group_id,
                uuid.UUID,
                "Only ideas this group (e.g. the three-party forum) assesses",
            ),
            Filter(
                "submitter_person_id",
                Idea.submitter_person_id,
                uuid.UUID,
                "Only ideas this person submitted with their name",
            ),
            Filter("channel", Idea.channel, IdeaChannel, "Only ideas that came in this way"),
            Filter(
                "archived",
                Idea.archived_at,
                bool,
                "Archived ideas only (true) or current ones only (false, the default when "
                "left out)",
                apply=_set_or_not(Idea.archived_at),
            ),
        ],
        sorts={
            "received_at": Idea.received_at,
            "title": Idea.title,
            "status": Idea.status,
            "created_at": Idea.created_at,
        },
        default_sort="-received_at",
        search=[Idea.title],
    )

    def __init__(self, session: AsyncSession, principal: Principal):
        super().__init__(session, principal)
        # Support counts, the caller's supports and submitters' names of the ideas being shown.
        self._shown: dict[uuid.UUID, tuple[int, bool, str | None]] = {}

    # writing -----------------------------------------------------------------------------------
    @staticmethod
    def _require_current(record: Idea) -> None:
        if record.archived_at is not None:
            raise conflict("the idea is archived and can no longer change", "idea_archived")

    async def apply(self, record, values, *, creating):
        if not creating:
            self._require_current(record)
        if creating:
            await self.programme(values["programme_id"])
            record.channel = IdeaChannel.account
            record.status = IdeaStatus.received
            record.received_at = utcnow()
            if not values.get("anonymous"):
                record.submitter_person_id = self.principal.person_in(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        await self._references(values, programme_id)
        await super().apply(record, values, creating=creating)

    async def _references(self, values: dict[str, Any], programme_id: uuid.UUID) -> None:
        for model, field in (
            (Project, "project_id"),
            (Group, "group_id"),
            (Person, "assessor_person_id"),
            (Group, "assessor_group_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)

    async def validate(self, record):
        require_text(record.description, "description")
        if record.assessor_person_id is not None and record.assessor_group_id is not None:
            raise ValidationFailed.at(
                "/assessor_group_id",
                "name one assessor: a person or a group",
                code="one_assessor",
            )

    async def after_create(self, record, data):
        self.session.add(
            IdeaStatusChange(
                programme_id=record.programme_id,
                idea_id=record.id,
                status=IdeaStatus.received,
                changed_at=record.received_at,
            )
        )
        await self.flush()

    async def member_may_write(self, record, action):
        """A `member` may submit ideas, and change and assess those they assess (as the
        assessor person, or in the assessor group)."""
        if action == "create":
            return True
        if action == "delete":
            return False
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.assessor_group_id in scope.group_ids or (
            scope.person_id is not None and record.assessor_person_id == scope.person_id
        )

    def snapshot(self, record):
        return idea_snapshot(record)

    def audit(self, action, record, before, after):
        if action == "create" and record.anonymous:
            # Nothing in the trail ties an anonymous idea to the account that sent it.
            anonymous = Principal(via="system", request_id=self.principal.request_id)
            record_event(
                self.session,
                anonymous,
                action=action,
                record_type="idea",
                record_id=record.id,
                programme_id=record.programme_id,
                after=after,
            )
            return
        super().audit(action, record, before, after)

    async def delete(self, record, if_match):
        """Archive: ideas are kept for the record."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        if record.archived_at is None:
            before = self.snapshot(record)
            record.archived_at = utcnow()
            record.updated_at = utcnow()
            await self.flush()
            self.audit("archive", record, before, self.snapshot(record))

    async def _changed(self, record: Idea, before: dict[str, Any]) -> Idea:
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record

    async def _act(self, record: Idea, if_match: str | None) -> dict[str, Any]:
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        self._require_current(record)
        return self.snapshot(record)

    async def assess(self, record: Idea, body: IdeaAssess, if_match: str | None) -> Idea:
        """Move the idea to a status, with a comment; not_pursued needs its reason."""
        before = await self._act(record, if_match)
        reason = (body.reason or "").strip() or None
        if body.status == IdeaStatus.received:
            raise ValidationFailed.at(
                "/status", "an idea is received only when it comes in", code="status_not_allowed"
            )
        if body.status == IdeaStatus.not_pursued and reason is None:
            raise ValidationFailed.at(
                "/reason",
                "say why the idea is not pursued",
                code="reason_required",
            )
        if body.status != IdeaStatus.not_pursued and reason is not None:
            raise ValidationFailed.at(
                "/reason",
                "a reason is given only when the idea is not pursued",
                code="reason_not_allowed",
            )
        assessors = body.model_dump(
            exclude_unset=True, include={"assessor_person_id", "assessor_group_id"}
        )
        await self._references(assessors, record.programme_id)
        await require_in_programme(
            self.session, Event, body.event_id, record.programme_id, "event_id"
        )
        for name, value in assessors.items():
            setattr(record, name, value)
        await self.validate(record)
        record.status = body.status
        record.reason = reason
        self.session.add(
            IdeaStatusChange(
                programme_id=record.programme_id,
                idea_id=record.id,
                status=body.status,
                changed_at=utcnow(),
                comment=(body.comment or "").strip() or None,
                reason=reason,
                event_id=body.event_id,
            )
        )
        return await self._changed(record, before)

    async def status_changes(self, record: Idea) -> list[dict[str, Any]]:
        return await status_changes_of(self.session, record.id)

    async def _carried_out(self, record: Idea, if_match: str | None, linked: str) -> dict:
        before = await self._act(record, if_match)
        if record.status not in CARRIED_OUT:
            raise conflict(
                "only an accepted idea, or one in progress, becomes a measure or a task",
                "idea_not_accepted",
            )
        if getattr(record, linked) is not None:
            noun = linked.removesuffix("_id")
            raise conflict(f"the idea is already linked to a {noun}", "already_linked")
        return before

    async def _link_existing(
        self,
        record: Idea,
        body: IdeaToMeasure | IdeaToTask,
        model: type[Measure] | type[Task],
        field: str,
    ) -> bool:
        """Link the record `body` names by its id (`field`) and answer True, or answer False
        when it names none and a new one is to be made."""
        linked = getattr(body, field)
        if linked is None:
            return False
        given = body.model_dump(exclude_unset=True, exclude={field})
        if given:
            noun = field.removesuffix("_id")
            raise ValidationFailed.at(
                f"/{next(iter(given))}",
                f"give either an existing {field} or what a new {noun} needs",
                code="not_with_existing",
            )
        await require_in_programme(self.session, model, linked, record.programme_id, field)
        setattr(record, field, linked)
        return True

    async def to_measure(self, record: Idea, body: IdeaToMeasure, if_match: str | None) -> Idea:
        """Link a measure of the programme, or make one from the idea."""
        before = await self._carried_out(record, if_match, "measure_id")
        if not await self._link_existing(record, body, Measure, "measure_id"):
            if not body.goal_ids:
                raise ValidationFailed.at(
                    "/goal_ids",
                    "a new measure works towards at least one goal",
                    code="goal_required",
                )
            measure = await MeasureService(self.session, self.principal).create(
                MeasureCreate.model_validate(
                    {
                        "programme_id": record.programme_id,
                        "project_id": record.project_id,
                        "group_id": body.group_id if body.group_id is not None else record.group_id,
                        "title": record.title,
                        "description": record.description,
                        "owner_id": body.owner_id,
                        "starts_on": body.starts_on,
                        "due_on": body.due_on,
                        "goal_ids": body.goal_ids,
                    }
                )
            )
            record.measure_id = measure.id
        return await self._changed(record, before)

    async def to_task(self, record: Idea, body: IdeaToTask, if_match: str | None) -> Idea:
        """Link a task of the programme, or make one from the idea."""
        before = await self._carried_out(record, if_match, "task_id")
        if not await self._link_existing(record, body, Task, "task_id"):
            project_id = body.project_id or record.project_id
            if project_id is None:
                raise ValidationFailed.at(
                    "/project_id",
                    "the idea names no project: say which project the task belongs to",
                    code="project_required",
                )
            await require_in_programme(
                self.session, Project, project_id, record.programme_id, "project_id"
            )
            task = await TaskService(self.session, self.principal).create(
                TaskCreate.model_validate(
                    {
                        "project_id": project_id,
                        "group_id": body.group_id,
                        "title": record.title,
                        "description": record.description,
                        "assignee_id": body.assignee_id,
                        "priority": body.priority,
                        "due_on": body.due_on,
                    }
                )
            )
            record.task_id = task.id
        return await self._changed(record, before)

    # support -----------------------------------------------------------------------------------
    async def _supporter(self, record: Idea) -> uuid.UUID:
        if not self.principal.at_least(record.programme_id, ProgrammeRole.member):
            role = self.principal.role_in(record.programme_id)
            raise Forbidden(f"Your role in this programme ({role}) may not support ideas.")
        person_id = self.principal.person_in(record.programme_id)
        if person_id is None:
            raise ValidationFailed(
                "Support is given as a person of the programme; your account names none.",
                errors=[
                    {
                        "code": "person_required",
                        "detail": "your membership names no person of the programme",
                    }
                ],
            )
        self._require_current(record)
        return person_id

    def _support_event(self, record: Idea, person_id: uuid.UUID, action: str) -> None:
        values = {"idea_id": str(record.id), "person_id": str(person_id)}
        record_event(
            self.session,
            self.principal,
            action=action,
            record_type="idea_support",
            record_id=record.id,
            programme_id=record.programme_id,
            before=values if action == "delete" else None,
            after=values if action == "create" else None,
        )

    async def _support_row(self, idea_id: uuid.UUID, person_id: uuid.UUID) -> IdeaSupport | None:
        return await self.session.get(IdeaSupport, (idea_id, person_id))

    async def support(self, record: Idea) -> dict[str, Any]:
        """Support the idea as your person; a second support answers 409."""
        person_id = await self._supporter(record)
        if await self._support_row(record.id, person_id) is not None:
            raise conflict("you already support this idea", "already_supported")
        self.session.add(IdeaSupport(idea_id=record.id, person_id=person_id, supported_at=utcnow()))
        await self.flush()
        self._support_event(record, person_id, "create")
        return await self.support_state(record)

    async def withdraw_support(self, record: Idea, if_match: str | None) -> None:
        """Withdraw your support; 404 when you do not support the idea."""
        check_if_match(if_match, record.version)
        person_id = await self._supporter(record)
        row = await self._support_row(record.id, person_id)
        if row is None:
            raise NotFound(detail="You do not support this idea.")
        await self.session.delete(row)
        await self.flush()
        self._support_event(record, person_id, "delete")

    async def support_state(self, record: Idea) -> dict[str, Any]:
        await self._load_shown([record])
        count, supported, _ = self._shown[record.id]
        return {"idea_id": record.id, "supported": supported, "support_count": count}

    # reading -----------------------------------------------------------------------------------
    async def list(self, lq):
        lq.filters.setdefault("archived", False)
        items, next_cursor = await super().list(lq)
        await self._load_shown(items)
        return items, next_cursor

    async def _load_shown(self, ideas: Sequence[Idea]) -> None:
        """Support counts, the caller's own supports and the submitters' names, in three
        statements whatever the number of ideas."""
        if not ideas:
            return
        ids = [i.id for i in ideas]
        counts = dict(
            (
                await self.session.execute(
                    select(IdeaSupport.idea_id, func.count())
                    .where(IdeaSupport.idea_id.in_(ids))
                    .group_by(IdeaSupport.idea_id)
                )
            ).all()
        )
        mine: set[uuid.UUID] = set()
        persons = set(self.principal.persons.values())
        if persons:
            mine = set(
                await self.session.scalars(
                    select(IdeaSupport.idea_id).where(
                        IdeaSupport.idea_id.in_(ids), IdeaSupport.person_id.in_(persons)
                    )
                )
            )
        submitters = {i.submitter_person_id for i in ideas if i.submitter_person_id}
        names: dict[uuid.UUID, str] = {}
        if submitters:
            names = dict(
                (
                    await self.session.execute(
                        select(Person.id, Person.name).where(Person.id.in_(submitters))
                    )
                ).all()
            )
        for idea in ideas:
            name = idea.submitter_name
            if idea.submitter_person_id is not None:
                name = names.get(idea.submitter_person_id, name)
            self._shown[idea.id] = (counts.get(idea.id, 0), idea.id in mine, name)

    async def present(self, record):
        """Everyone who may see the programme sees the idea; the submitter is named only when
        they chose to be, since an anonymous idea keeps no name at all."""
        if record.id not in self._shown:
            await self._load_shown([record])
        count, supported, name = self._shown[record.id]
        shown = IdeaRead.model_validate(
            {
                **{f: getattr(record, f) for f in IdeaRead.model_fields if hasattr(record, f)},
                "support_count": count,
                "supported": supported,
                "submitter_name": None if record.anonymous else name,
            }
        )
        return shown


async def status_changes_of(session: AsyncSession, idea_id: uuid.UUID) -> list[dict[str, Any]]:
    """The idea's status changes, oldest first, each with the title and day of the meeting
    where it was decided (one statement)."""
    zone = local_zone()
    rows = (
        await session.execute(
            select(IdeaStatusChange, Event.title, Event.starts_at)
            .outerjoin(Event, Event.id == IdeaStatusChange.event_id)
            .where(IdeaStatusChange.idea_id == idea_id)
            .order_by(IdeaStatusChange.changed_at, IdeaStatusChange.id)
        )
    ).all()
    return [
        {
            **{f: getattr(change, f) for f in IdeaStatusChangeRead.model_fields if f != "meeting"},
            "meeting": None
            if title is None
            else ChangeMeeting(title=title, held_on=starts_at.astimezone(zone).date()),
        }
        for change, title, starts_at in rows
    ]
