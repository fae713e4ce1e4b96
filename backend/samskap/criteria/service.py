import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.criteria.schemas import (
    CriteriaSummary,
    CriterionAssessmentRead,
    CriterionStatus,
    GroupCriteria,
    GroupCriterionRead,
)
from samskap.governance import rules
from samskap.governance.composition import Finding, finding
from samskap.groups.service import GroupService
from samskap.kit.clock import local_today
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import CriterionAssessment, Group, GroupCriterion, Person, Programme
from samskap.models.enums import (
    CriterionFulfilment,
    CriterionPurpose,
    GroupKind,
)
from samskap.problems import ValidationFailed

_PURPOSES = list(CriterionPurpose)


class GroupCriterionService(CrudService[GroupCriterion]):
    model = GroupCriterion
    label = "group criterion"
    spec = ListSpec(
        model=GroupCriterion,
        filters=[
            Filter(
                "programme_id",
                GroupCriterion.programme_id,
                uuid.UUID,
                "Only criteria of this programme",
            ),
            Filter(
                "group_kind",
                GroupCriterion.group_kind,
                GroupKind,
                "Only criteria for this kind of group",
            ),
            Filter(
                "purpose",
                GroupCriterion.purpose,
                CriterionPurpose,
                "Only criteria for this purpose",
            ),
        ],
        sorts={
            "sort_order": GroupCriterion.sort_order,
            "title": GroupCriterion.title,
            "created_at": GroupCriterion.created_at,
        },
        default_sort="sort_order",
        search=[GroupCriterion.title, GroupCriterion.description],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        await super().apply(record, values, creating=creating)


class CriterionAssessmentService(CrudService[CriterionAssessment]):
    model = CriterionAssessment
    label = "criterion assessment"
    spec = ListSpec(
        model=CriterionAssessment,
        filters=[
            Filter(
                "programme_id",
                CriterionAssessment.programme_id,
                uuid.UUID,
                "Only assessments in this programme",
            ),
            Filter(
                "group_id",
                CriterionAssessment.group_id,
                uuid.UUID,
                "Only assessments of this group",
            ),
            Filter(
                "criterion_id",
                CriterionAssessment.criterion_id,
                uuid.UUID,
                "Only assessments against this criterion",
            ),
            Filter(
                "fulfilment",
                CriterionAssessment.fulfilment,
                CriterionFulfilment,
                "Only assessments with this fulfilment",
            ),
            Filter(
                "assessed_after",
                CriterionAssessment.assessed_on,
                date,
                "Only assessments made on or after this date",
                op="ge",
            ),
            Filter(
                "assessed_before",
                CriterionAssessment.assessed_on,
                date,
                "Only assessments made on or before this date",
                op="le",
            ),
        ],
        sorts={
            "assessed_on": CriterionAssessment.assessed_on,
            "created_at": CriterionAssessment.created_at,
        },
        default_sort="-assessed_on",
        search=[CriterionAssessment.note],
    )

    async def apply(self, record, values, *, creating):
        if creating:
            group = await self.session.get(Group, values["group_id"])
            if group is None or self.principal.role_in(group.programme_id) is None:
                raise ValidationFailed.at(
                    "/group_id", "no group with this id", code="unknown_reference"
                )
            criterion = await require_in_programme(
                self.session,
                GroupCriterion,
                values["criterion_id"],
                group.programme_id,
                "criterion_id",
            )
            assert criterion is not None
            if criterion.group_kind != group.kind:
                raise ValidationFailed.at(
                    "/criterion_id",
                    f"the criterion is for groups of kind {criterion.group_kind}, and the "
                    f"group is of kind {group.kind}",
                    code="criterion_kind_mismatch",
                    params={
                        "criterion_kind": str(criterion.group_kind),
                        "group_kind": str(group.kind),
                    },
                )
            values["programme_id"] = group.programme_id
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session, Person, values.get("assessed_by_id"), programme_id, "assessed_by_id"
        )
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the groups they sit in."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.group_id in scope.group_ids

    async def validate(self, record):
        today = local_today()
        if record.assessed_on > today:
            raise ValidationFailed.at(
                "/assessed_on", "an assessment is recorded once it is made", code="in_future"
            )


def _newest_first(a: CriterionAssessment) -> tuple[date, uuid.UUID]:
    return (a.assessed_on, a.id)


async def group_criteria(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID
) -> GroupCriteria:
    """Every criterion for the group's kind, with its latest assessment and the history."""
    group = await GroupService(session, principal).get(group_id)
    criteria = (
        await session.scalars(
            select(GroupCriterion)
            .where(
                GroupCriterion.programme_id == group.programme_id,
                GroupCriterion.group_kind == group.kind,
            )
            .order_by(GroupCriterion.sort_order, GroupCriterion.title, GroupCriterion.id)
        )
    ).all()
    criteria = sorted(criteria, key=lambda c: _PURPOSES.index(c.purpose))
    assessments = (
        await session.scalars(
            select(CriterionAssessment).where(
                CriterionAssessment.group_id == group.id,
                CriterionAssessment.criterion_id.in_([c.id for c in criteria]),
            )
        )
    ).all()
    by_criterion: dict[uuid.UUID, list[CriterionAssessment]] = defaultdict(list)
    for a in assessments:
        by_criterion[a.criterion_id].append(a)
    rows = []
    counts = dict.fromkeys(CriterionFulfilment, 0)
    for c in criteria:
        history = sorted(by_criterion[c.id], key=_newest_first, reverse=True)
        latest = history[0] if history else None
        if latest is not None:
            counts[latest.fulfilment] += 1
        rows.append(
            CriterionStatus(
                criterion=GroupCriterionRead.model_validate(c),
                latest=CriterionAssessmentRead.model_validate(latest) if latest else None,
                history=[CriterionAssessmentRead.model_validate(a) for a in history],
            )
        )
    return GroupCriteria(
        group_id=group.id,
        group_kind=group.kind,
        criteria=rows,
        summary=CriteriaSummary(
            total=len(criteria),
            met=counts[CriterionFulfilment.met],
            partly_met=counts[CriterionFulfilment.partly_met],
            not_met=counts[CriterionFulfilment.not_met],
            not_assessed=len(criteria) - sum(counts.values()),
        ),
    )


async def groups_missing_setup_assessments(
    session: AsyncSession, programme: Programme, day: date
) -> list[Finding]:
    """Rule `group-criteria-assessed`: a group of a kind for which the programme has setup
    criteria has been assessed against each of them by `day`."""
    setup = (
        await session.scalars(
            select(GroupCriterion)
            .where(
                GroupCriterion.programme_id == programme.id,
                GroupCriterion.purpose == CriterionPurpose.setup,
            )
            .order_by(GroupCriterion.sort_order, GroupCriterion.title)
        )
    ).all()
    if not setup:
        return []
    kinds = {c.group_kind for c in setup}
    groups = (
        await session.scalars(
            select(Group)
            .where(Group.programme_id == programme.id, Group.kind.in_(kinds))
            .order_by(Group.name)
        )
    ).all()
    assessed = set(
        (
            await session.execute(
                select(CriterionAssessment.group_id, CriterionAssessment.criterion_id).where(
                    CriterionAssessment.programme_id == programme.id,
                    CriterionAssessment.assessed_on <= day,
                )
            )
        ).all()
    )
    found = []
    for group in groups:
        missing = [
            c.title
            for c in setup
            if c.group_kind == group.kind and (group.id, c.id) not in assessed
        ]
        if missing:
            found.append(
                finding(
                    rules.GROUP_CRITERIA_ASSESSED,
                    f"{group.name}: not assessed against {len(missing)} setup criteria: "
                    + "; ".join(missing),
                    "group",
                    group.id,
                    group.project_id,
                    facts={"group": group.name, "missing": missing, "count": len(missing)},
                )
            )
    return found
