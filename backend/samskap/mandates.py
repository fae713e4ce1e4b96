"""Mandates move draft -> proposed -> approved; a board proposes, the body above approves."""

from datetime import datetime

from samskap.db import utcnow
from samskap.models.enums import MandateStatus
from samskap.problems import ValidationFailed

_ALLOWED = {
    (MandateStatus.draft, MandateStatus.proposed),
    (MandateStatus.proposed, MandateStatus.approved),
    (MandateStatus.proposed, MandateStatus.draft),
    (MandateStatus.approved, MandateStatus.draft),
}


def check_transition(old: str | None, new: str) -> None:
    if old is None or old == new or (old, new) in _ALLOWED:
        return
    raise ValidationFailed.at(
        "/mandate_status",
        f"a mandate cannot go from {old} to {new}; it is proposed before it is approved",
        code="mandate_transition",
        params={"from": str(old), "to": str(new)},
    )


def settle(record, *, approved_at_field: str = "mandate_approved_at") -> None:
    """Text is needed once a mandate is proposed; approval is stamped with a time."""
    status = record.mandate_status
    if status != MandateStatus.draft and not (record.mandate_text or "").strip():
        raise ValidationFailed.at(
            "/mandate_text", f"a {status} mandate needs its text", code="mandate_text_required"
        )
    if hasattr(record, approved_at_field):
        approved_at: datetime | None = getattr(record, approved_at_field)
        if status == MandateStatus.approved and approved_at is None:
            setattr(record, approved_at_field, utcnow())
        elif status != MandateStatus.approved:
            setattr(record, approved_at_field, None)
            record.mandate_approved_by_id = None


async def check_approval(session, record) -> None:
    """Seed 003: the board proposes, the body above approves; the approval names its decision."""
    from samskap.models import Decision
    from samskap.models.enums import DecisionStatus

    if record.mandate_status != MandateStatus.approved:
        record.mandate_decision_id = None
        return
    if record.mandate_decision_id is None:
        raise ValidationFailed.at(
            "/mandate_decision_id",
            "an approved mandate names the decision that approved it",
            code="mandate_decision_required",
        )
    decision = await session.get(Decision, record.mandate_decision_id)
    if decision is None or decision.programme_id != record.programme_id:
        raise ValidationFailed.at(
            "/mandate_decision_id",
            "no decision with this id in the programme",
            code="unknown_reference",
        )
    if decision.status != DecisionStatus.final:
        raise ValidationFailed.at(
            "/mandate_decision_id", "the decision is not final yet", code="decision_not_final"
        )
