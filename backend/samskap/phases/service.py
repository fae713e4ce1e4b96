import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from samskap.access import member_scope
from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService, require_order
from samskap.models import ExpectedResult, Person, Phase, Project
from samskap.models.enums import PhaseStatus
from samskap.problems import ValidationFailed
from samskap.references import require_in_programme


class PhaseService(CrudService[Phase]):
    model = Phase
    label = "phase"
    spec = ListSpec(
        model=Phase,
        filters=[
            Filter("programme_id", Phase.programme_id, uuid.UUID, "Programme"),
            Filter("project_id", Phase.project_id, uuid.UUID, "Project"),
            Filter("status", Phase.status, PhaseStatus, "Phase status"),
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
                raise ValidationFailed.at("/project_id", "no project with this id")
            values["programme_id"] = project.programme_id
            if values.get("position") is None:
                last = await self.session.scalar(
                    select(func.max(Phase.position)).where(Phase.project_id == project.id)
                )
                values["position"] = (last or 0) + 1
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids

    async def validate(self, record):
        require_order(record.starts_on, record.ends_on, "starts_on", "ends_on")

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


class ExpectedResultService(CrudService[ExpectedResult]):
    """The checklist of one phase, reached through /phases/{phase_id}/expected-results."""

    model = ExpectedResult
    label = "expected result"
    spec = ListSpec(
        model=ExpectedResult,
        filters=[Filter("done", ExpectedResult.done, bool, "Ticked off or not")],
        sorts={"position": ExpectedResult.position, "created_at": ExpectedResult.created_at},
        default_sort="position",
    )

    def __init__(self, session, principal, phase: Phase):
        super().__init__(session, principal)
        self.phase = phase

    async def member_may_write(self, record, action):
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
        if record.done:
            record.done_at = record.done_at or utcnow()
            if record.done_at > utcnow():
                raise ValidationFailed.at("/done_at", "must not be in the future")
        else:
            record.done_at = None
            record.done_by_id = None
