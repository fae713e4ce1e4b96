"""The governance reports a caller may ask for: a programme's compliance, a group's
composition, each for a programme or group the caller can see."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.governance.compliance import (
    Compliance,
    FindingPage,
    finding_page,
    programme_compliance,
)
from samskap.governance.composition import Finding, programme_composition
from samskap.groups.service import GroupService
from samskap.kit.clock import local_today
from samskap.models import Programme
from samskap.programmes.service import ProgrammeService


async def compliance_report(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    as_of: date | None,
    include_findings: bool = False,
) -> Compliance:
    programme = await ProgrammeService(session, principal).get(programme_id)
    return await programme_compliance(session, programme, as_of, include_findings=include_findings)


async def compliance_findings_page(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    as_of: date | None,
    *,
    project_id: uuid.UUID | None,
    programme_only: bool,
    rule: str | None,
    limit: int,
    cursor: str | None,
) -> FindingPage:
    programme = await ProgrammeService(session, principal).get(programme_id)
    return await finding_page(
        session,
        programme,
        as_of,
        project_id=project_id,
        programme_only=programme_only,
        rule=rule,
        limit=limit,
        cursor=cursor,
    )


async def group_composition(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID
) -> list[Finding]:
    group = await GroupService(session, principal).get(group_id)
    programme = await session.get_one(Programme, group.programme_id)
    return await programme_composition(session, programme, local_today(), group_id=group.id)
