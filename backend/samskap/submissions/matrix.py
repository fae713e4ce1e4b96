"""The delivery matrix of a programme: the areas (projects and groups) that hand in
submissions, by the versions they hand in (1, 2, 3, final), each cell on time, late, missing,
pending, waived or none; computed on read in three statements whatever the size."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.deadlines.delivery import Delivery, delivery_of
from samskap.governance import rules
from samskap.governance.as_of import AsOf
from samskap.governance.composition import FactValue, Finding, finding
from samskap.kit.clock import local_zone
from samskap.kit.references import require_in_programme
from samskap.models import (
    Deadline,
    Group,
    Programme,
    Project,
    Submission,
    SubmissionVersion,
    Template,
)
from samskap.models.enums import DeadlineStatus, VersionStatus
from samskap.problems import NotFound
from samskap.submissions.schemas import (
    DeliveryMatrix,
    MatrixArea,
    MatrixCell,
    MatrixColumn,
    MatrixDelivery,
)
from samskap.submissions.service import late_by

Area = tuple[Literal["project", "group"], uuid.UUID]


def cell_delivery(
    version: SubmissionVersion, due_at: datetime | None, status: str | None, now: datetime
) -> Delivery:
    """A version's delivery against its deadline at `now`; a version without a deadline is on
    time once submitted and pending until then."""
    submitted = version.status == VersionStatus.submitted
    if due_at is None:
        return Delivery.on_time if submitted else Delivery.pending
    if submitted:
        return delivery_of(DeadlineStatus.submitted, due_at, version.submitted_at)
    if status == DeadlineStatus.waived:
        return Delivery.waived
    return delivery_of(DeadlineStatus.open, due_at, None, now)


async def delivery_matrix(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    template_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> DeliveryMatrix:
    """Areas × version labels of a programme's submissions (of one template, if given)."""
    now = now or datetime.now(UTC)
    programme = await session.get(Programme, programme_id)
    if programme is None or principal.role_in(programme_id) is None:
        raise NotFound("programme")
    if template_id is not None:
        await require_in_programme(session, Template, template_id, programme_id, "template_id")

    submissions = select(
        Submission.id,
        Submission.title,
        Submission.project_id,
        Submission.group_id,
        Project.code,
        Project.name.label("project_name"),
        Group.name.label("group_name"),
    ).outerjoin(Project, Project.id == Submission.project_id)
    submissions = submissions.outerjoin(Group, Group.id == Submission.group_id).where(
        Submission.programme_id == programme_id
    )
    versions = (
        select(SubmissionVersion, Deadline.due_at, Deadline.status)
        .join(Submission, Submission.id == SubmissionVersion.submission_id)
        .outerjoin(Deadline, Deadline.id == SubmissionVersion.deadline_id)
        .where(Submission.programme_id == programme_id)
    )
    if template_id is not None:
        submissions = submissions.where(Submission.template_id == template_id)
        versions = versions.where(Submission.template_id == template_id)
    submission_rows = (
        await session.execute(submissions.order_by(Submission.title, Submission.id))
    ).all()
    version_rows = (
        await session.execute(
            versions.order_by(
                SubmissionVersion.position, SubmissionVersion.label, SubmissionVersion.id
            )
        )
    ).all()

    # One row per area; an area with several submissions shows the first by title in a cell
    # both answer.
    areas: dict[Area, MatrixArea] = {}
    area_of: dict[uuid.UUID, Area] = {}
    for row in submission_rows:
        key: Area = ("project", row.project_id) if row.project_id else ("group", row.group_id)
        area_of[row.id] = key
        if key not in areas:
            areas[key] = MatrixArea(
                kind=key[0],
                id=key[1],
                code=row.code if key[0] == "project" else None,
                name=row.project_name if key[0] == "project" else row.group_name,
                submission_id=row.id,
                submission_title=row.title,
                cells=[],
            )
    positions: dict[str, int] = {}
    rank = {row.id: i for i, row in enumerate(submission_rows)}
    chosen: dict[tuple[Area, str], tuple[int, MatrixCell]] = {}
    for version, due_at, status in version_rows:
        positions.setdefault(version.label, version.position)
        cell = MatrixCell(
            label=version.label,
            version_id=version.id,
            submission_id=version.submission_id,
            status=version.status,
            deadline_id=version.deadline_id,
            due_at=due_at,
            submitted_at=version.submitted_at,
            delivery=MatrixDelivery[cell_delivery(version, due_at, status, now).name],
            late_by_seconds=(
                late_by(version.submitted_at, due_at)
                if version.status == VersionStatus.submitted
                else None
            ),
        )
        where = (area_of[version.submission_id], version.label)
        order = rank[version.submission_id]
        if where not in chosen or order < chosen[where][0]:
            chosen[where] = (order, cell)
    labels = sorted(positions, key=lambda label: (positions[label], label))
    found = {(area, label): cell for (area, label), (_, cell) in chosen.items()}
    rows = sorted(areas.values(), key=_order)
    for key, area in areas.items():
        area.cells = [
            found.get((key, label))
            or MatrixCell(
                label=label,
                version_id=None,
                submission_id=area.submission_id,
                status=None,
                deadline_id=None,
                due_at=None,
                submitted_at=None,
                delivery=MatrixDelivery.none,
                late_by_seconds=None,
            )
            for label in labels
        ]
    return DeliveryMatrix(
        programme_id=programme_id,
        template_id=template_id,
        computed_at=now,
        versions=[MatrixColumn(label=label, position=positions[label]) for label in labels],
        areas=rows,
    )


def _order(area: MatrixArea) -> tuple:
    """Projects by code, then groups by name."""
    return (area.kind != "project", (area.code or "").casefold(), area.name.casefold())


@dataclass
class VersionFindings:
    """The findings, and the deadlines a version-missing finding speaks for (their own
    overdue-deadline finding would say the same thing with less)."""

    findings: list[Finding]
    deadline_ids: set[uuid.UUID]


async def version_findings(
    session: AsyncSession, programme: Programme, judged: AsOf
) -> VersionFindings:
    """version-missing and version-late, as the programme stood at the moment judged: a
    version whose deadline (not waived) passed before then without it being submitted by
    then, and a version submitted by then but after its deadline, with how late. One
    statement."""
    moment = judged.moment
    zone = local_zone()
    rows = (
        await session.execute(
            select(
                SubmissionVersion,
                Submission.title,
                Submission.project_id,
                Project.code,
                Group.name.label("group_name"),
                Deadline.due_at,
                Deadline.status,
            )
            .join(Submission, Submission.id == SubmissionVersion.submission_id)
            .join(Deadline, Deadline.id == SubmissionVersion.deadline_id)
            .outerjoin(Project, Project.id == Submission.project_id)
            .outerjoin(Group, Group.id == Submission.group_id)
            .where(SubmissionVersion.programme_id == programme.id, Deadline.due_at < moment)
            .order_by(Deadline.due_at, Project.code, Group.name, SubmissionVersion.position)
        )
    ).all()
    found: list[Finding] = []
    covered: set[uuid.UUID] = set()
    for version, title, project_id, code, group_name, due_at, status in rows:
        area = code or group_name or title
        due = due_at.astimezone(zone)
        submitted = version.status == VersionStatus.submitted and (
            version.submitted_at is not None and version.submitted_at <= moment
        )
        facts: dict[str, FactValue] = {
            "area": area,
            "submission": title,
            "version": version.label,
            "due_at": due.isoformat(),
        }
        if not submitted:
            if status == DeadlineStatus.waived:
                continue
            covered.add(cast(uuid.UUID, version.deadline_id))
            found.append(
                finding(
                    rules.VERSION_MISSING,
                    f"{area}: version {version.label} of «{title}» was due "
                    f"{due:%Y-%m-%d %H:%M} and has not been submitted",
                    "submission_version",
                    version.id,
                    project_id,
                    facts=facts,
                )
            )
            continue
        late = late_by(version.submitted_at, due_at)
        if late is None:
            continue
        at = cast(datetime, version.submitted_at).astimezone(zone)
        found.append(
            finding(
                rules.VERSION_LATE,
                f"{area}: version {version.label} of «{title}» was submitted "
                f"{at:%Y-%m-%d %H:%M}, {late} seconds after its deadline {due:%Y-%m-%d %H:%M}",
                "submission_version",
                version.id,
                project_id,
                facts=facts | {"submitted_at": at.isoformat(), "late_by_seconds": late},
            )
        )
    return VersionFindings(found, covered)
