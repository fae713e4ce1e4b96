"""A project's involvement plan (seed 000): planned involvements, their fulfilment by the
involvement record that shows they happened, and the compliance rules on the plan."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.governance import rules
from samskap.governance.composition import Finding, finding
from samskap.kit.clock import local_today
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import (
    Decision,
    Involvement,
    Person,
    PlannedInvolvement,
    Programme,
    Project,
)
from samskap.models.enums import (
    DecisionStatus,
    InvolvementForm,
    PlannedInvolvementStatus,
    StakeholderKind,
)
from samskap.problems import ValidationFailed, conflict


def overdue_on(day: date):
    """Still planned, and planned for a day before `day`."""
    return and_(
        PlannedInvolvement.status == PlannedInvolvementStatus.planned,
        PlannedInvolvement.planned_on < day,
    )


def _overdue(stmt, value: bool):
    clause = overdue_on(local_today())
    return stmt.where(clause if value else not_(clause))


class PlannedInvolvementService(CrudService[PlannedInvolvement]):
    model = PlannedInvolvement
    label = "planned involvement"
    spec = ListSpec(
        model=PlannedInvolvement,
        filters=[
            Filter(
                "programme_id",
                PlannedInvolvement.programme_id,
                uuid.UUID,
                "Only planned involvements of this programme's projects",
            ),
            Filter(
                "project_id",
                PlannedInvolvement.project_id,
                uuid.UUID,
                "Only the involvement plan of this project",
            ),
            Filter(
                "status",
                PlannedInvolvement.status,
                PlannedInvolvementStatus,
                "Only planned involvements with this status",
            ),
            Filter(
                "stakeholder_kind",
                PlannedInvolvement.stakeholder_kind,
                StakeholderKind,
                "Only those that involve this kind of stakeholder",
            ),
            Filter(
                "form",
                PlannedInvolvement.form,
                InvolvementForm,
                "Only those of this form of involvement",
            ),
            Filter(
                "decision_id",
                PlannedInvolvement.decision_id,
                uuid.UUID,
                "Only those that must come before this decision",
            ),
            Filter(
                "responsible_person_id",
                PlannedInvolvement.responsible_person_id,
                uuid.UUID,
                "Only those this person answers for",
            ),
            Filter(
                "planned_after",
                PlannedInvolvement.planned_on,
                date,
                "Only those planned on or after this date",
                op="ge",
            ),
            Filter(
                "planned_before",
                PlannedInvolvement.planned_on,
                date,
                "Only those planned on or before this date",
                op="le",
            ),
            Filter(
                "overdue",
                PlannedInvolvement.status,
                bool,
                "Overdue only (true: still planned and planned for a day before today in "
                "Oslo) or only those that are not (false)",
                apply=_overdue,
            ),
        ],
        sorts={
            "planned_on": PlannedInvolvement.planned_on,
            "created_at": PlannedInvolvement.created_at,
        },
        default_sort="planned_on",
        search=[PlannedInvolvement.matter, PlannedInvolvement.cancelled_reason],
    )

    async def _project(self, project_id: uuid.UUID) -> Project:
        project = await self.session.get(Project, project_id)
        if project is None or self.principal.role_in(project.programme_id) is None:
            raise ValidationFailed.at(
                "/project_id", "no project with this id", code="unknown_reference"
            )
        return project

    async def apply(self, record, values, *, creating):
        if creating:
            project = await self._project(values["project_id"])
            values["programme_id"] = project.programme_id
            record.status = PlannedInvolvementStatus.planned
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session,
            Person,
            values.get("responsible_person_id"),
            programme_id,
            "responsible_person_id",
        )
        await require_in_programme(
            self.session, Decision, values.get("decision_id"), programme_id, "decision_id"
        )
        # A new entry is planned unless it says otherwise.
        status_given = "status" in values and not (
            creating and values["status"] == PlannedInvolvementStatus.planned
        )
        was_done = record.status == PlannedInvolvementStatus.done
        if "involvement_id" in values:
            involvement_id = values.pop("involvement_id")
            if involvement_id is None:
                record.involvement_id = None
            elif involvement_id != record.involvement_id:
                if record.involvement_id is not None:
                    raise conflict(
                        "the planned involvement is already fulfilled by another record; "
                        "clear involvement_id first",
                        "already_fulfilled",
                        "/involvement_id",
                    )
                if record.status == PlannedInvolvementStatus.cancelled and not status_given:
                    raise conflict(
                        "the planned involvement is cancelled; make it planned again first",
                        "planned_cancelled",
                        "/involvement_id",
                    )
                project_id = values.get("project_id") or record.project_id
                involvement = await self._involvement(involvement_id, programme_id, project_id)
                await self._not_fulfilling_another(involvement.id, record.id)
                record.involvement_id = involvement.id
        await super().apply(record, values, creating=creating)
        if record.involvement_id is not None:
            if status_given and record.status != PlannedInvolvementStatus.done:
                raise ValidationFailed.at(
                    "/status",
                    "a planned involvement fulfilled by a record is done; clear involvement_id "
                    "to change its status",
                    code="fulfilled",
                )
            record.status = PlannedInvolvementStatus.done
        elif record.status == PlannedInvolvementStatus.done:
            if status_given or not was_done:
                raise ValidationFailed.at(
                    "/status",
                    "a planned involvement is done when an involvement record fulfils it: "
                    "give involvement_id",
                    code="involvement_required",
                )
            record.status = PlannedInvolvementStatus.planned
        if record.status != PlannedInvolvementStatus.cancelled:
            record.cancelled_reason = None

    async def validate(self, record):
        if (
            record.status == PlannedInvolvementStatus.cancelled
            and not (record.cancelled_reason or "").strip()
        ):
            raise ValidationFailed.at(
                "/cancelled_reason",
                "say why the planned involvement is cancelled",
                code="reason_required",
            )

    async def _involvement(
        self,
        involvement_id: uuid.UUID,
        programme_id: uuid.UUID,
        project_id: uuid.UUID,
        pointer: str = "/involvement_id",
    ) -> Involvement:
        involvement = await self.session.get(Involvement, involvement_id)
        if involvement is None or involvement.programme_id != programme_id:
            raise ValidationFailed.at(
                pointer, "no involvement with this id in the programme", code="unknown_reference"
            )
        if involvement.archived_at is not None:
            raise conflict("the involvement record is archived", "involvement_archived", pointer)
        self._same_project(involvement, project_id, pointer)
        return involvement

    @staticmethod
    def _same_project(involvement: Involvement, project_id: uuid.UUID, pointer: str) -> None:
        if involvement.project_id != project_id:
            raise ValidationFailed.at(
                pointer,
                "the involvement record is not of the planned involvement's project",
                code="other_project",
            )

    async def _not_fulfilling_another(
        self, involvement_id: uuid.UUID, planned_id: uuid.UUID | None
    ) -> None:
        other = await self.session.scalar(
            select(PlannedInvolvement.id).where(
                PlannedInvolvement.involvement_id == involvement_id,
                PlannedInvolvement.id != planned_id,
            )
        )
        if other is not None:
            raise conflict(
                "the involvement record already fulfils another planned involvement",
                "involvement_fulfils_another",
                "/involvement_id",
            )

    # Fulfilment by a new involvement record ------------------------------------------------
    async def to_fulfil(
        self, planned_id: uuid.UUID, programme_id: uuid.UUID, pointer: str
    ) -> PlannedInvolvement:
        """The planned involvement a new record is to fulfil: of the programme, neither done
        nor cancelled."""
        planned = await self.session.get(PlannedInvolvement, planned_id)
        if planned is None or planned.programme_id != programme_id:
            raise ValidationFailed.at(
                pointer,
                "no planned involvement with this id in the programme",
                code="unknown_reference",
            )
        if planned.status == PlannedInvolvementStatus.done:
            raise conflict(
                "the planned involvement is already fulfilled", "already_fulfilled", pointer
            )
        if planned.status == PlannedInvolvementStatus.cancelled:
            raise conflict("the planned involvement is cancelled", "planned_cancelled", pointer)
        return planned

    async def fulfil(
        self, planned: PlannedInvolvement, involvement: Involvement, pointer: str
    ) -> None:
        """Whoever may record the involvement may say which planned one it fulfils."""
        self._same_project(involvement, planned.project_id, pointer)
        before = self.snapshot(planned)
        planned.involvement_id = involvement.id
        planned.status = PlannedInvolvementStatus.done
        planned.cancelled_reason = None
        planned.updated_at = utcnow()
        await self.flush()
        self.audit("update", planned, before, self.snapshot(planned))

    async def delete(self, record, if_match):
        """A planned involvement that has been fulfilled is kept: it documents the plan."""
        if record.status == PlannedInvolvementStatus.done:
            check_if_match(if_match, record.version)
            await self.authorize(record, "delete")
            raise conflict(
                "a fulfilled planned involvement is kept; clear involvement_id first",
                "fulfilled",
                "/involvement_id",
            )
        await super().delete(record, if_match)


# The plan held against decisions, and the compliance rules ---------------------------------


async def planned_for_decisions(
    session: AsyncSession, decisions: Sequence[Decision]
) -> dict[uuid.UUID, list[PlannedInvolvement]]:
    """For each decision, the planned involvements that had to happen before it: those that
    name it, and those of its project that name no decision and are planned on or before its
    day. Cancelled ones are included (with their reason); one statement for all."""
    found: dict[uuid.UUID, list[PlannedInvolvement]] = {d.id: [] for d in decisions}
    if not decisions:
        return found
    ids = [d.id for d in decisions]
    projects = {d.project_id for d in decisions if d.project_id is not None}
    rows = await session.scalars(
        select(PlannedInvolvement)
        .where(
            or_(
                PlannedInvolvement.decision_id.in_(ids),
                and_(
                    PlannedInvolvement.decision_id.is_(None),
                    PlannedInvolvement.project_id.in_(projects),
                ),
            )
        )
        .order_by(PlannedInvolvement.planned_on, PlannedInvolvement.id)
    )
    planned = list(rows)
    for d in decisions:
        found[d.id] = [
            p
            for p in planned
            if p.decision_id == d.id
            or (
                p.decision_id is None
                and d.project_id is not None
                and p.project_id == d.project_id
                and p.planned_on <= d.decided_on
            )
        ]
    return found


async def occurred_days(
    session: AsyncSession, planned: Sequence[PlannedInvolvement]
) -> dict[uuid.UUID, date]:
    """The day each record that fulfilled one of `planned` happened; one statement."""
    fulfilled = [p.involvement_id for p in planned if p.involvement_id]
    if not fulfilled:
        return {}
    return dict(
        (
            await session.execute(
                select(Involvement.id, Involvement.occurred_on).where(Involvement.id.in_(fulfilled))
            )
        ).all()
    )


def happened_before(
    planned: PlannedInvolvement, occurred: dict[uuid.UUID, date], decision: Decision
) -> bool:
    """Done by an involvement record dated on or before the decision's day."""
    if planned.status != PlannedInvolvementStatus.done or planned.involvement_id is None:
        return False
    day = occurred.get(planned.involvement_id)
    return day is not None and day <= decision.decided_on


async def plan_findings(session: AsyncSession, programme: Programme, day: date) -> list[Finding]:
    """planned-involvement-overdue: a planned involvement still planned after its day, as of
    `day`; decision-planned-involvement-missed: a final reorganisation decision, taken by
    `day`, before which a planned involvement for it did not happen (cancelled ones excepted,
    as their reason is recorded)."""
    found: list[Finding] = []
    for p, code in await session.execute(
        select(PlannedInvolvement, Project.code)
        .outerjoin(Project, Project.id == PlannedInvolvement.project_id)
        .where(PlannedInvolvement.programme_id == programme.id, overdue_on(day))
        .order_by(PlannedInvolvement.planned_on, PlannedInvolvement.id)
    ):
        found.append(
            finding(
                rules.PLANNED_INVOLVEMENT_OVERDUE,
                f"{code or ''}: «{p.matter[:200]}» was planned for "
                f"{p.planned_on} and has not been held",
                "planned_involvement",
                p.id,
                p.project_id,
                facts={
                    "project": code or "",
                    "matter": p.matter[:200],
                    "planned_on": p.planned_on.isoformat(),
                    "stakeholder_kind": str(p.stakeholder_kind),
                    "form": str(p.form),
                },
            )
        )
    decisions = list(
        await session.scalars(
            select(Decision)
            .where(
                Decision.programme_id == programme.id,
                Decision.reorganisation.is_(True),
                Decision.status == DecisionStatus.final,
                Decision.archived_at.is_(None),
                Decision.decided_on <= day,
            )
            .order_by(Decision.decided_on, Decision.id)
        )
    )
    by_decision = await planned_for_decisions(session, decisions)
    occurred = await occurred_days(session, [p for ps in by_decision.values() for p in ps])
    for d in decisions:
        missed = [
            p
            for p in by_decision[d.id]
            if p.status != PlannedInvolvementStatus.cancelled
            and not happened_before(p, occurred, d)
        ]
        if not missed:
            continue
        found.append(
            finding(
                rules.DECISION_PLANNED_INVOLVEMENT_MISSED,
                f"«{d.title}» ({d.decided_on}) was taken before {len(missed)} planned "
                "involvement(s) happened: " + "; ".join(p.matter[:200] for p in missed),
                "decision",
                d.id,
                d.project_id,
                facts={
                    "decision": d.title,
                    "decided_on": d.decided_on.isoformat(),
                    "missed": [p.matter[:200] for p in missed],
                    "count": len(missed),
                },
            )
        )
    return found
