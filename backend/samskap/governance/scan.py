"""The compliance scan: a recurring job that tells when a programme starts, or stops, falling
short of a rule.

Every `compliance_scan_minutes` (5) one worker computes the compliance report of each
programme that has not ended (planned or active), as GET /programmes/{id}/compliance does, and
compares its findings with what the previous scan saw (`compliance_state`, one row per
finding, keyed by the rule and the record that falls short). A finding not seen before (or
seen, cleared, and back) is announced as `compliance.finding_opened`; one that is gone as
`compliance.finding_cleared`; each once. The first scan of a programme announces every
finding it has, once: a programme administrator wants to know them. A finding whose wording
or facts change (a date in its message) stays open, its facts brought up to date quietly.

Each programme is scanned in a transaction of its own, so a programme whose report fails is
logged and the others are scanned all the same. Every transition is a guarded write (an insert
the unique key refuses twice, rolling that programme's scan back; an UPDATE that counts its
rows), so two scans that overlap announce each change once.
"""

import logging
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.config import get_settings
from samskap.db import utcnow
from samskap.governance.compliance import programme_compliance
from samskap.governance.composition import Finding
from samskap.jobs import registry
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.kit.ids import uuid7
from samskap.models import ComplianceState, Programme
from samskap.models.enums import ProgrammeStatus

log = logging.getLogger("samskap.compliance")

SCAN = "compliance.scan"
SCANNED = (ProgrammeStatus.planned, ProgrammeStatus.active)


def finding_key(f: Finding) -> str:
    """What tells one finding from another: its rule and the record that falls short (a rule
    flags a record once; its message and facts may change while it stays open)."""
    return f"{f.rule}:{f.record_type}:{f.record_id}"


def _event(
    kind: str, programme_id: uuid.UUID, state: ComplianceState, finding: dict[str, Any]
) -> OutboundEvent:
    project = finding.get("project_id")
    return OutboundEvent(
        type=f"compliance.finding_{kind}",
        programme_id=programme_id,
        record_type=finding.get("record_type"),
        record_id=uuid.UUID(finding["record_id"]) if finding.get("record_id") else None,
        project_id=uuid.UUID(project) if project else None,
        data={
            "id": str(state.id),
            "programme_id": str(programme_id),
            "rule": finding.get("rule"),
            "title": finding.get("title"),
            "source": finding.get("source"),
            "message": finding.get("message"),
            "facts": finding.get("facts") or {},
            "record_type": finding.get("record_type"),
            "record_id": finding.get("record_id"),
            "project_id": project,
            "opened_at": state.opened_at.isoformat(),
            "cleared_at": state.cleared_at.isoformat() if state.cleared_at else None,
        },
    )


async def _changed(session: AsyncSession, stmt: Any) -> bool:
    result: CursorResult = await session.execute(  # type: ignore[assignment]
        stmt.execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def scan_programme(session: AsyncSession, programme: Programme) -> tuple[int, int]:
    """Compares the programme's findings now with the last scan's, records the difference
    and announces it, in the session's transaction (the caller commits). Returns how many
    findings opened and how many cleared."""
    report = await programme_compliance(session, programme, include_findings=True)
    found: dict[str, dict[str, Any]] = {}
    for f in [
        *(report.programme_findings or []),
        *(x for p in report.projects for x in p.findings or []),
    ]:
        found.setdefault(finding_key(f), f.model_dump(mode="json"))
    states = {
        s.key: s
        for s in await session.scalars(
            select(ComplianceState).where(ComplianceState.programme_id == programme.id)
        )
    }
    now = utcnow()
    opened = cleared = 0
    for key, finding in found.items():
        state = states.get(key)
        if state is None:
            state = ComplianceState(
                id=uuid7(),
                programme_id=programme.id,
                key=key[:300],
                rule=finding["rule"][:80],
                finding=finding,
                opened_at=now,
                cleared_at=None,
            )
            # An overlapping scan that recorded it first makes this flush fail on the unique
            # key: this programme's scan is then rolled back whole, announcing nothing.
            session.add(state)
            await session.flush()
        elif state.cleared_at is not None:
            back = (
                update(ComplianceState)
                .where(ComplianceState.id == state.id, ComplianceState.cleared_at.is_not(None))
                .values(opened_at=now, cleared_at=None, finding=finding)
            )
            if not await _changed(session, back):
                continue
            state.opened_at, state.cleared_at = now, None
        else:
            if state.finding != finding:
                await _changed(
                    session,
                    update(ComplianceState)
                    .where(ComplianceState.id == state.id)
                    .values(finding=finding),
                )
            continue
        emit(session, _event("opened", programme.id, state, finding))
        opened += 1
    for key, state in states.items():
        if key in found or state.cleared_at is not None:
            continue
        gone = (
            update(ComplianceState)
            .where(ComplianceState.id == state.id, ComplianceState.cleared_at.is_(None))
            .values(cleared_at=now)
        )
        if not await _changed(session, gone):
            continue
        state.cleared_at = now
        emit(session, _event("cleared", programme.id, state, state.finding))
        cleared += 1
    return opened, cleared


async def scan(sessions: Any) -> dict[str, int]:
    """Scans every programme that has not ended, each in a transaction of its own."""
    async with sessions() as session:
        programme_ids = list(
            await session.scalars(
                select(Programme.id).where(Programme.status.in_(SCANNED)).order_by(Programme.id)
            )
        )
    totals = {"programmes": 0, "opened": 0, "cleared": 0, "failed": 0}
    for programme_id in programme_ids:
        try:
            async with sessions() as session:
                programme = await session.get(Programme, programme_id)
                if programme is None or programme.status not in SCANNED:
                    continue
                opened, cleared = await scan_programme(session, programme)
                await session.commit()
        except Exception:
            log.exception("compliance scan of programme %s failed", programme_id)
            totals["failed"] += 1
            continue
        totals["programmes"] += 1
        totals["opened"] += opened
        totals["cleared"] += cleared
    if totals["opened"] or totals["cleared"] or totals["failed"]:
        log.info("compliance scan: %s", totals)
    return totals


@registry.handler(SCAN, max_attempts=1, lease=timedelta(minutes=5))
async def run(ctx: Any) -> None:
    await scan(ctx.sessions)


registry.recurring(
    SCAN, SCAN, registry.every(timedelta(minutes=get_settings().compliance_scan_minutes))
)
