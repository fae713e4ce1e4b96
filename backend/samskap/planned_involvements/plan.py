"""A project's involvement plan against what happened."""

import uuid

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.db import utcnow
from samskap.involvements.schemas import InvolvementRead
from samskap.involvements.service import InvolvementService
from samskap.kit.clock import local_today
from samskap.models import Involvement, PlannedInvolvement
from samskap.models.enums import PlannedInvolvementStatus
from samskap.planned_involvements.schemas import InvolvementPlan, PlanEntry, PlannedInvolvementRead
from samskap.projects.service import ProjectService


async def involvement_plan(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> InvolvementPlan:
    """Every planned involvement of the project with the record that fulfilled it, and the
    project's records that fulfil no plan; a constant number of statements."""
    project = await ProjectService(session, principal).get(project_id)
    planned = list(
        await session.scalars(
            select(PlannedInvolvement)
            .where(PlannedInvolvement.project_id == project.id)
            .order_by(PlannedInvolvement.planned_on, PlannedInvolvement.id)
        )
    )
    fulfilled = {p.involvement_id for p in planned if p.involvement_id is not None}
    involvements = InvolvementService(session, principal)
    records = list(
        await session.scalars(
            select(Involvement)
            .where(
                or_(
                    and_(Involvement.project_id == project.id, Involvement.archived_at.is_(None)),
                    Involvement.id.in_(fulfilled),
                )
            )
            .options(*InvolvementService.spec.options)
            .order_by(Involvement.occurred_on, Involvement.id)
        )
    )
    shown = {r.id: InvolvementRead.model_validate(await involvements.present(r)) for r in records}
    entries = []
    for p in planned:
        record = shown.get(p.involvement_id) if p.involvement_id else None
        happened = record.occurred_on if record else None
        late = (happened - p.planned_on).days if happened else None
        entries.append(
            PlanEntry(
                planned=PlannedInvolvementRead.model_validate(p),
                involvement=record,
                happened_on=happened,
                late_by_days=late if late and late > 0 else None,
            )
        )
    unplanned = [shown[r.id] for r in records if r.id not in fulfilled]
    counts = {str(s): sum(1 for p in planned if p.status == s) for s in PlannedInvolvementStatus}
    counts["overdue"] = sum(1 for p in planned if p.overdue)
    counts["unplanned"] = len(unplanned)
    return InvolvementPlan(
        project_id=project.id,
        as_of=local_today(),
        entries=entries,
        unplanned=unplanned,
        counts=counts,
        generated_at=utcnow(),
    )
