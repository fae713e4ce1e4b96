import uuid
from datetime import UTC, datetime

from sqlalchemy import and_, not_, or_

from samskap.db import utcnow
from samskap.deadlines.delivery import Delivery, delivery_clause
from samskap.kit.clock import local_zone
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import Deadline, Event, Group, Person, Project
from samskap.models.enums import DeadlineKind, DeadlineStatus
from samskap.problems import ValidationFailed


def open_at(moment: datetime):
    """Not delivered by `moment`: still open, or submitted only after it. A waived deadline
    counts as settled (when it was waived is not kept)."""
    return or_(
        Deadline.status == DeadlineStatus.open,
        and_(Deadline.status == DeadlineStatus.submitted, Deadline.submitted_at > moment),
    )


def overdue_at(moment: datetime):
    """Past due and not delivered at `moment`; at the current time, open and past due."""
    return and_(Deadline.due_at < moment, open_at(moment))


def _overdue(stmt, value: bool):
    clause = overdue_at(utcnow())
    return stmt.where(clause if value else not_(clause))


def _is_submitted_late():
    return and_(
        Deadline.status == DeadlineStatus.submitted,
        Deadline.submitted_at.is_not(None),
        Deadline.submitted_at > Deadline.due_at,
    )


def _submitted_late(stmt, value: bool):
    clause = _is_submitted_late()
    return stmt.where(clause if value else not_(clause))


def _delivery(stmt, value: Delivery):
    return stmt.where(delivery_clause(value, utcnow()))


def _aware(value: datetime) -> datetime:
    """A bare date or local time in a filter means Oslo time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    return value.astimezone(UTC)


class DeadlineService(CrudService[Deadline]):
    model = Deadline
    label = "deadline"
    spec = ListSpec(
        model=Deadline,
        filters=[
            Filter(
                "programme_id", Deadline.programme_id, uuid.UUID, "Only deadlines of this programme"
            ),
            Filter("project_id", Deadline.project_id, uuid.UUID, "Only deadlines of this project"),
            Filter("group_id", Deadline.group_id, uuid.UUID, "Only deadlines of this group"),
            Filter(
                "responsible_person_id",
                Deadline.responsible_person_id,
                uuid.UUID,
                "Only deadlines this person is responsible for",
            ),
            Filter(
                "responsible_group_id",
                Deadline.responsible_group_id,
                uuid.UUID,
                "Only deadlines this group is responsible for",
            ),
            Filter(
                "recipient_id",
                Deadline.recipient_id,
                uuid.UUID,
                "Only deadlines whose delivery goes to this person (the recipient)",
            ),
            Filter(
                "event_id",
                Deadline.event_id,
                uuid.UUID,
                "Only the tasks given at this gathering or meeting",
            ),
            Filter("kind", Deadline.kind, DeadlineKind, "Only deadlines of this kind"),
            Filter("status", Deadline.status, DeadlineStatus, "Only deadlines with this status"),
            Filter(
                "due_before",
                Deadline.due_at,
                datetime,
                "Due before this time (a date or time without offset is Oslo time)",
                op="lt",
                apply=lambda stmt, v: stmt.where(Deadline.due_at < _aware(v)),
            ),
            Filter(
                "due_after",
                Deadline.due_at,
                datetime,
                "Due at or after this time (a date or time without offset is Oslo time)",
                op="ge",
                apply=lambda stmt, v: stmt.where(Deadline.due_at >= _aware(v)),
            ),
            Filter(
                "overdue",
                Deadline.due_at,
                bool,
                "Open and past due now (true) or not (false)",
                apply=_overdue,
            ),
            Filter(
                "submitted_late",
                Deadline.status,
                bool,
                "Submitted after its due time (true) or not (false: on time, open or waived)",
                apply=_submitted_late,
            ),
            Filter(
                "delivery",
                Deadline.status,
                Delivery,
                "Only deadlines whose delivery, computed now, is this: on_time, late, missing, "
                "pending or waived",
                apply=_delivery,
            ),
        ],
        sorts={
            "due_at": Deadline.due_at,
            "title": Deadline.title,
            "created_at": Deadline.created_at,
        },
        default_sort="due_at",
        search=[Deadline.title, Deadline.description],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Project, "project_id"),
            (Group, "group_id"),
            (Person, "responsible_person_id"),
            (Group, "responsible_group_id"),
            (Person, "recipient_id"),
            (Event, "event_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the deadlines of their projects (led, owned, or of a group
        they sit in) and groups, and those they answer for or receive."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return (
            record.project_id in scope.project_ids
            or record.group_id in scope.group_ids
            or record.responsible_group_id in scope.group_ids
            or (
                scope.person_id is not None
                and scope.person_id in (record.responsible_person_id, record.recipient_id)
            )
        )

    async def validate(self, record):
        if (record.responsible_person_id is None) == (record.responsible_group_id is None):
            raise ValidationFailed.at(
                "/responsible_person_id",
                "name exactly one responsible: a person or a group",
                code="one_responsible_required",
            )
        if record.status == DeadlineStatus.submitted:
            record.submitted_at = record.submitted_at or utcnow()
            if record.submitted_at > utcnow():
                raise ValidationFailed.at(
                    "/submitted_at", "must not be in the future", code="in_future"
                )
        else:
            record.submitted_at = None
