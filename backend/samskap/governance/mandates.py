"""Mandates move draft -> proposed -> approved; a board proposes, the body above approves."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime

from sqlalchemy import select

from samskap.db import utcnow
from samskap.kit.clock import local_day
from samskap.models import Decision, Group, Project
from samskap.models.enums import DecisionStatus, GroupKind, MandateStatus
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
    if record.mandate_status != MandateStatus.approved:
        record.mandate_decision_id = None
        return
    if record.mandate_decision_id is None:
        raise ValidationFailed.at(
            "/mandate_decision_id",
            "an approved mandate names the decision that approved it",
            code="mandate_decision_required",
        )
    with session.no_autoflush:
        decision = await session.get(Decision, record.mandate_decision_id)
        if decision is None or decision.programme_id != record.programme_id:
            raise ValidationFailed.at(
                "/mandate_decision_id",
                "no decision with this id in the programme",
                code="unknown_reference",
            )
        groups = list(
            await session.scalars(select(Group).where(Group.programme_id == record.programme_id))
        )
    problems = approval_problems(record, decision, groups)
    if problems:
        raise ValidationFailed(
            "mandate_decision_id: " + "; ".join(p.detail for p in problems),
            errors=[p.problem_item() for p in problems],
        )


@dataclass(frozen=True)
class ApprovalProblem:
    """Why a decision does not approve a mandate: a stable code, the same in English, and the
    particulars a client needs to word it."""

    code: str
    detail: str
    params: dict[str, str] = dataclass_field(default_factory=dict)

    def problem_item(self) -> dict:
        item: dict = {"pointer": "/mandate_decision_id", "code": self.code, "detail": self.detail}
        if self.params:
            item["params"] = self.params
        return item


def body_rank(group: Group) -> int:
    """How high a body stands in a programme: the joint committee (fellesnemnda) above the
    programme's steering group, above a project's board or steering group, above the rest."""
    if group.kind == GroupKind.joint_committee:
        return 3
    if group.kind == GroupKind.steering_group and group.project_id is None:
        return 2
    if group.kind in (GroupKind.project_board, GroupKind.steering_group):
        return 1
    return 0


def is_above(body: Group, record: Project | Group) -> bool:
    """Whether `body` stands above the one that proposes `record`'s mandate: a project's
    board proposes the project's (seed 003), a group proposes its own. A project's board or
    steering group is above the other groups of its own project only."""
    if isinstance(record, Project):
        return body_rank(body) >= 2
    if body.id == record.id or body_rank(body) <= body_rank(record):
        return False
    if body_rank(body) == 1:
        return body.project_id is not None and body.project_id == record.project_id
    return True


def _names(decision: Decision, needle: str | None) -> bool:
    if not needle or not needle.strip():
        return False
    text = " ".join(f"{decision.title} {decision.text or ''}".split()).casefold()
    pattern = r"(?<!\w)" + re.escape(" ".join(needle.split()).casefold()) + r"(?!\w)"
    return re.search(pattern, text) is not None


def concerns(decision: Decision, record: Project | Group) -> bool:
    """The decision is about the project or group, or names it in its title or text."""
    if isinstance(record, Project):
        return (
            decision.project_id == record.id
            or _names(decision, record.code)
            or _names(decision, record.name)
        )
    return (decision.project_id is not None and decision.project_id == record.project_id) or _names(
        decision, record.name
    )


def approval_problems(
    record: Project | Group, decision: Decision, groups: Sequence[Group]
) -> list[ApprovalProblem]:
    """What keeps `decision` from approving `record`'s mandate; `groups` are the programme's."""
    problems = []
    if decision.status != DecisionStatus.final:
        problems.append(ApprovalProblem("decision_not_final", "the decision is not final yet"))
    if decision.archived_at is not None:
        problems.append(ApprovalProblem("decision_archived", "the decision is archived"))
    above = [g for g in groups if is_above(g, record)]
    body = next((g for g in groups if g.id == decision.body_group_id), None)
    if body is None and above:
        problems.append(
            ApprovalProblem(
                "approving_body_missing",
                "the decision names no deciding body; a mandate is approved by a body above "
                f"the one that proposed it ({', '.join(g.name for g in above)})",
                {"bodies": ", ".join(g.name for g in above)},
            )
        )
    elif body is not None and not is_above(body, record):
        problems.append(
            ApprovalProblem(
                "approving_body_not_above",
                f"{body.name} does not stand above the body that proposed the mandate; the joint "
                "committee or the programme's steering group approves it",
                {"body": body.name},
            )
        )
    if not concerns(decision, record):
        problems.append(
            ApprovalProblem(
                "decision_on_another_matter",
                "the decision is not about this project or group and does not name it",
            )
        )
    approved_at = getattr(record, "mandate_approved_at", None)
    if approved_at is not None:
        approved_on = local_day(approved_at)
        if approved_on < decision.decided_on:
            problems.append(
                ApprovalProblem(
                    "approved_before_decision",
                    f"the mandate is approved {approved_on}, before the decision "
                    f"({decision.decided_on})",
                    {
                        "approved_on": approved_on.isoformat(),
                        "decided_on": decision.decided_on.isoformat(),
                    },
                )
            )
    return problems
