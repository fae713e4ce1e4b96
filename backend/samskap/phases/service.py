import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from samskap.db import utcnow
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.kit.ids import uuid7
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService, require_order
from samskap.memberships.scope import member_scope
from samskap.models import ExpectedResult, Person, Phase, Project
from samskap.models.enums import PhaseStatus
from samskap.problems import Conflict, ValidationFailed


class PhaseService(CrudService[Phase]):
    model = Phase
    label = "phase"
    spec = ListSpec(
        model=Phase,
        filters=[
            Filter("programme_id", Phase.programme_id, uuid.UUID, "Only phases of this programme"),
            Filter("project_id", Phase.project_id, uuid.UUID, "Only phases of this project"),
            Filter("status", Phase.status, PhaseStatus, "Only phases with this status"),
        ],
        sorts={
            "position": Phase.position,
            "starts_on": Phase.starts_on,
            "created_at": Phase.created_at,
        },
        default_sort="position",
        search=[Phase.name, Phase.description],
        options=(selectinload(Phase.expected_results),),
    )

    async def apply(self, record, values, *, creating):
        values.pop("expected_results", None)
        if creating:
            project = await self.session.get(Project, values["project_id"])
            if project is None or self.principal.role_in(project.programme_id) is None:
                raise ValidationFailed.at(
                    "/project_id", "no project with this id", code="unknown_reference"
                )
            values["programme_id"] = project.programme_id
            if values.get("position") is None:
                last = await self.session.scalar(
                    select(func.max(Phase.position)).where(Phase.project_id == project.id)
                )
                values["position"] = (last or 0) + 1
        self.closing = (
            not creating
            and values.get("status") == PhaseStatus.completed
            and record.status != PhaseStatus.completed
        )
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the phases of their projects (led, owned, or of a group
        they sit in)."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids

    async def validate(self, record):
        require_order(record.starts_on, record.ends_on, "starts_on", "ends_on")
        if record.status != PhaseStatus.completed:
            record.completed_at = None
            record.completed_by_id = None
        elif getattr(self, "closing", False):
            await self._check_gate(record)
            record.completed_at = utcnow()
            record.completed_by_id = self.principal.user_id

    async def _check_gate(self, record) -> None:
        """Seed 000: a phase is closed when its expected results are met (or waived)."""
        open_results = (
            await self.session.scalars(
                select(ExpectedResult.text)
                .where(
                    ExpectedResult.phase_id == record.id,
                    ExpectedResult.done.is_(False),
                    ExpectedResult.waived.is_(False),
                )
                .order_by(ExpectedResult.position)
            )
        ).all()
        if open_results:
            listed = "; ".join(open_results)
            raise Conflict(
                f"The phase cannot be completed while {len(open_results)} expected "
                f"result(s) are neither met nor waived: {listed}",
                errors=[
                    {
                        "pointer": "/status",
                        "code": "results_open",
                        "detail": "expected results are open",
                    }
                ],
            )

    async def update(self, record, patch, if_match):
        updated = await super().update(record, patch, if_match)
        if getattr(self, "closing", False):
            project = await self.session.get(Project, updated.project_id)
            emit(self.session, completed_event(updated, project, self.principal.user_id))
            await self._activate_next(updated)
        return updated

    async def _activate_next(self, phase) -> None:
        following = await self.session.scalar(
            select(Phase)
            .where(Phase.project_id == phase.project_id, Phase.position > phase.position)
            .order_by(Phase.position, Phase.id)
            .limit(1)
        )
        if following is not None and following.status == PhaseStatus.not_started:
            before = self.snapshot(following)
            following.status = PhaseStatus.active
            following.updated_at = utcnow()
            await self.flush()
            self.audit("update", following, before, self.snapshot(following))

    async def after_create(self, record, data):
        for position, text in enumerate(data.expected_results, start=1):
            self.session.add(
                ExpectedResult(
                    id=uuid7(),
                    programme_id=record.programme_id,
                    phase_id=record.id,
                    position=position,
                    text=text,
                    done=False,
                )
            )
        await self.flush()


def completed_event(
    phase: Phase, project: Project | None, actor_user_id: uuid.UUID | None
) -> OutboundEvent:
    """`phase.completed`: announced in the transaction that completes the phase."""
    return OutboundEvent(
        type="phase.completed",
        programme_id=phase.programme_id,
        record_type="phase",
        record_id=phase.id,
        project_id=phase.project_id,
        data={
            "id": str(phase.id),
            "programme_id": str(phase.programme_id),
            "project_id": str(phase.project_id),
            "project_code": project.code if project else None,
            "project_name": project.name if project else None,
            "name": phase.name,
            "position": phase.position,
            "status": str(phase.status),
            "starts_on": phase.starts_on.isoformat() if phase.starts_on else None,
            "ends_on": phase.ends_on.isoformat() if phase.ends_on else None,
            "completed_at": phase.completed_at.isoformat() if phase.completed_at else None,
            "completed_by_id": str(phase.completed_by_id) if phase.completed_by_id else None,
        },
        actor_user_id=actor_user_id,
    )


class ExpectedResultService(CrudService[ExpectedResult]):
    """The checklist of one phase, reached through /phases/{phase_id}/expected-results."""

    model = ExpectedResult
    label = "expected result"
    spec = ListSpec(
        model=ExpectedResult,
        filters=[
            Filter(
                "done",
                ExpectedResult.done,
                bool,
                "Only results ticked off as done (true), or only open ones (false)",
            )
        ],
        sorts={"position": ExpectedResult.position, "created_at": ExpectedResult.created_at},
        default_sort="position",
    )

    def __init__(self, session, principal, phase: Phase):
        super().__init__(session, principal)
        self.phase = phase

    async def member_may_write(self, record, action):
        """A `member` may too, for the phases of their projects (led, owned, or of a group
        they sit in)."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return self.phase.project_id in scope.project_ids

    def scoped(self, stmt):
        return stmt.where(ExpectedResult.phase_id == self.phase.id)

    async def apply(self, record, values, *, creating):
        if creating:
            values |= {"phase_id": self.phase.id, "programme_id": self.phase.programme_id}
            if values.get("position") is None:
                last = await self.session.scalar(
                    select(func.max(ExpectedResult.position)).where(
                        ExpectedResult.phase_id == self.phase.id
                    )
                )
                values["position"] = (last or 0) + 1
        await require_in_programme(
            self.session, Person, values.get("done_by_id"), self.phase.programme_id, "done_by_id"
        )
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        if record.waived and not (record.waived_reason or "").strip():
            raise ValidationFailed.at(
                "/waived_reason", "say why the result is waived", code="reason_required"
            )
        if not record.waived:
            record.waived_reason = None
        if record.done:
            record.done_at = record.done_at or utcnow()
            if record.done_at > utcnow():
                raise ValidationFailed.at("/done_at", "must not be in the future", code="in_future")
        else:
            record.done_at = None
            record.done_by_id = None
