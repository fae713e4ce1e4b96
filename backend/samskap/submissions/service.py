"""Submissions (innspill, arbeidsbok) and their versions: section texts checked against the
template, attached files, submitting (which freezes a version and marks its deadline
submitted), and comparing two versions section by section."""

import difflib
import math
import uuid
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, insert, select

from samskap.db import utcnow
from samskap.deadlines.delivery import delivery_of
from samskap.deadlines.schemas import DeadlineUpdate
from samskap.deadlines.service import DeadlineService
from samskap.kit.etag import check_if_match, etag
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import (
    Deadline,
    Group,
    Project,
    StoredFile,
    Submission,
    SubmissionVersion,
    Template,
)
from samskap.models.document import submission_version_file
from samskap.models.enums import DeadlineStatus, VersionStatus
from samskap.problems import Conflict, ValidationFailed
from samskap.submissions.schemas import (
    SectionComparison,
    SubmissionRead,
    VersionComparison,
    VersionFileRead,
    VersionRead,
    VersionSummary,
)

# Written here, since the services' own `list` method hides the built-in name inside them.
Ids = list[uuid.UUID]
Summaries = dict[uuid.UUID, list[VersionSummary]]
FilesOf = dict[uuid.UUID, list[VersionFileRead]]
FileLinks = list[dict]
Change = Literal["unchanged", "changed", "added", "removed"]


def frozen() -> Conflict:
    return Conflict(
        "The version has been submitted and is frozen; make a new version instead.",
        errors=[{"code": "version_frozen", "detail": "submitted versions cannot change"}],
    )


def late_by(submitted_at: datetime | None, due_at: datetime | None) -> int | None:
    if submitted_at is None or due_at is None:
        return None
    late = math.ceil((submitted_at - due_at).total_seconds())
    return late if late > 0 else None


def _timing(version: SubmissionVersion, deadline: tuple[datetime, str] | None) -> dict[str, Any]:
    """due_at, delivery and late_by_seconds of a version answering `deadline`."""
    if deadline is None:
        return {"due_at": None, "delivery": None, "late_by_seconds": None}
    due_at, status = deadline
    if version.status == VersionStatus.submitted:
        delivery = delivery_of(DeadlineStatus.submitted, due_at, version.submitted_at)
    elif status == DeadlineStatus.waived:
        delivery = delivery_of(DeadlineStatus.waived, due_at, None)
    else:
        delivery = delivery_of(DeadlineStatus.open, due_at, None)
    late = late_by(version.submitted_at, due_at) if version.status == "submitted" else None
    return {"due_at": due_at, "delivery": delivery, "late_by_seconds": late}


async def _deadlines(session, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[datetime, str]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(Deadline.id, Deadline.due_at, Deadline.status).where(Deadline.id.in_(ids))
    )
    return {row.id: (row.due_at, row.status) for row in rows}


class SubmissionService(CrudService[Submission]):
    model = Submission
    label = "submission"
    spec = ListSpec(
        model=Submission,
        filters=[
            Filter(
                "programme_id",
                Submission.programme_id,
                uuid.UUID,
                "Only submissions of this programme",
            ),
            Filter(
                "template_id",
                Submission.template_id,
                uuid.UUID,
                "Only submissions following this template",
            ),
            Filter(
                "project_id", Submission.project_id, uuid.UUID, "Only submissions of this project"
            ),
            Filter("group_id", Submission.group_id, uuid.UUID, "Only submissions of this group"),
        ],
        sorts={"title": Submission.title, "created_at": Submission.created_at},
        default_sort="title",
        search=[Submission.title],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._versions: Summaries | None = None

    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
        programme_id = values["programme_id"] if creating else record.programme_id
        for model, field in (
            (Template, "template_id"),
            (Project, "project_id"),
            (Group, "group_id"),
        ):
            await require_in_programme(self.session, model, values.get(field), programme_id, field)
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        if (record.project_id is None) == (record.group_id is None):
            raise ValidationFailed.at(
                "/project_id",
                "name exactly one who hands it in: a project or a group",
                code="one_owner_required",
            )

    async def member_may_write(self, record, action):
        """A `member` may too, for the submissions of their own projects (led, owned, or of a
        group they sit in) and groups."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.project_id in scope.project_ids or record.group_id in scope.group_ids

    async def list(self, lq: ListQuery):
        items, cursor = await super().list(lq)
        self._versions = await self._summaries([i.id for i in items])
        return items, cursor

    async def _summaries(self, ids: Ids) -> Summaries:
        found: Summaries = {i: [] for i in ids}
        if not ids:
            return found
        rows = await self.session.execute(
            select(SubmissionVersion, Deadline.due_at, Deadline.status)
            .outerjoin(Deadline, Deadline.id == SubmissionVersion.deadline_id)
            .where(SubmissionVersion.submission_id.in_(ids))
            .order_by(SubmissionVersion.position, SubmissionVersion.label)
        )
        for version, due_at, status in rows:
            deadline = (due_at, status) if due_at is not None else None
            found[version.submission_id].append(
                VersionSummary(
                    id=version.id,
                    label=version.label,
                    position=version.position,
                    status=version.status,
                    submitted_at=version.submitted_at,
                    deadline_id=version.deadline_id,
                    **_timing(version, deadline),
                )
            )
        return found

    async def present(self, record):
        if self._versions is not None and record.id in self._versions:
            versions = self._versions[record.id]
        else:
            versions = (await self._summaries([record.id]))[record.id]
        shown = SubmissionRead.model_validate(
            {
                **{c.key: getattr(record, c.key) for c in Submission.__table__.columns},
                "versions": versions,
            }
        )
        return shown


class VersionService(CrudService[SubmissionVersion]):
    model = SubmissionVersion
    label = "submission version"
    spec = ListSpec(
        model=SubmissionVersion,
        filters=[
            Filter(
                "programme_id",
                SubmissionVersion.programme_id,
                uuid.UUID,
                "Only versions of this programme",
            ),
            Filter(
                "submission_id",
                SubmissionVersion.submission_id,
                uuid.UUID,
                "Only versions of this submission",
            ),
            Filter(
                "deadline_id",
                SubmissionVersion.deadline_id,
                uuid.UUID,
                "Only versions answering this deadline",
            ),
            Filter(
                "status",
                SubmissionVersion.status,
                VersionStatus,
                "Only versions with this status",
            ),
        ],
        sorts={
            "position": SubmissionVersion.position,
            "submitted_at": SubmissionVersion.submitted_at,
            "created_at": SubmissionVersion.created_at,
        },
        default_sort="position",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._files: FilesOf | None = None
        self._deadlines: dict[uuid.UUID, tuple[datetime, str]] | None = None
        self._pending_files: FileLinks | None = None

    # reading ---------------------------------------------------------------------------------
    async def list(self, lq: ListQuery):
        items, cursor = await super().list(lq)
        self._files = await self._files_of([i.id for i in items])
        self._deadlines = await _deadlines(
            self.session, {i.deadline_id for i in items if i.deadline_id is not None}
        )
        return items, cursor

    async def _files_of(self, ids: Ids) -> FilesOf:
        found: FilesOf = {i: [] for i in ids}
        if not ids:
            return found
        link = submission_version_file.c
        rows = await self.session.execute(
            select(
                link.version_id,
                link.attachment_key,
                StoredFile.id,
                StoredFile.filename,
                StoredFile.content_type,
                StoredFile.size,
            )
            .join(StoredFile, StoredFile.id == link.file_id)
            .where(link.version_id.in_(ids))
            .order_by(StoredFile.filename, StoredFile.id)
        )
        for row in rows:
            found[row.version_id].append(
                VersionFileRead(
                    file_id=row.id,
                    attachment_key=row.attachment_key,
                    filename=row.filename,
                    content_type=row.content_type,
                    size=row.size,
                )
            )
        return found

    async def present(self, record):
        if self._files is not None and record.id in self._files:
            files = self._files[record.id]
        else:
            files = (await self._files_of([record.id]))[record.id]
        deadlines = self._deadlines
        if deadlines is None or (
            record.deadline_id is not None and record.deadline_id not in deadlines
        ):
            ids = {record.deadline_id} if record.deadline_id is not None else set()
            deadlines = await _deadlines(self.session, ids)
        deadline = deadlines.get(record.deadline_id) if record.deadline_id else None
        return VersionRead.model_validate(
            {
                **{c.key: getattr(record, c.key) for c in SubmissionVersion.__table__.columns},
                "files": files,
                **_timing(record, deadline),
            }
        )

    # writing ---------------------------------------------------------------------------------
    async def _submission(self, submission_id: uuid.UUID) -> Submission:
        submission = (
            await self.session.scalars(
                SubmissionService(self.session, self.principal).scoped(
                    select(Submission).where(Submission.id == submission_id)
                )
            )
        ).first()
        if submission is None:
            raise ValidationFailed.at(
                "/submission_id", "no submission with this id", code="unknown_reference"
            )
        return submission

    async def _template(self, record: SubmissionVersion) -> Template | None:
        submission = await self.session.get(Submission, record.submission_id)
        if submission is None or submission.template_id is None:
            return None
        return await self.session.get(Template, submission.template_id)

    async def apply(self, record, values, *, creating):
        if creating:
            submission = await self._submission(values.pop("submission_id"))
            record.submission_id = submission.id
            record.programme_id = submission.programme_id
            record.status = VersionStatus.draft
            if values.get("position") is None:
                last = (
                    await self.session.scalars(
                        select(SubmissionVersion.position)
                        .where(SubmissionVersion.submission_id == submission.id)
                        .order_by(SubmissionVersion.position.desc())
                        .limit(1)
                    )
                ).first()
                values["position"] = 1 if last is None else last + 1
        elif record.status == VersionStatus.submitted:
            raise frozen()
        elif "position" in values and values["position"] is None:
            raise ValidationFailed.at("/position", "may not be null", code="not_nullable")
        await require_in_programme(
            self.session, Deadline, values.get("deadline_id"), record.programme_id, "deadline_id"
        )
        template = await self._template(record)
        if "sections" in values:
            values["sections"] = {k: v for k, v in (values["sections"] or {}).items()}
            check_sections(template, values["sections"])
        if "files" in values:
            self._pending_files = await self._check_files(template, record, values.pop("files"))
        await super().apply(record, values, creating=creating)
        if not creating and self._pending_files is not None:
            await self._write_files(record)

    async def _check_files(
        self, template: Template | None, record: SubmissionVersion, files: FileLinks | None
    ) -> FileLinks:
        keys = {a["key"] for a in (template.required_attachments if template else [])}
        seen: set[uuid.UUID] = set()
        checked: FileLinks = []
        for index, item in enumerate(files or []):
            await require_in_programme(
                self.session,
                StoredFile,
                item["file_id"],
                record.programme_id,
                f"files/{index}/file_id",
            )
            if item["file_id"] in seen:
                raise ValidationFailed.at(
                    f"/files/{index}/file_id",
                    "the file is attached twice",
                    code="duplicate_file",
                )
            seen.add(item["file_id"])
            key = item.get("attachment_key")
            if key is not None and key not in keys:
                raise ValidationFailed.at(
                    f"/files/{index}/attachment_key",
                    f"the template requires no attachment with key {key!r}",
                    code="unknown_attachment",
                    params={"key": key},
                )
            checked.append({"file_id": item["file_id"], "attachment_key": key})
        return checked

    async def _write_files(self, record: SubmissionVersion) -> None:
        files, self._pending_files = self._pending_files or [], None
        link = submission_version_file
        await self.session.execute(delete(link).where(link.c.version_id == record.id))
        if files:
            await self.session.execute(
                insert(link), [{"version_id": record.id, **item} for item in files]
            )

    async def after_create(self, record, data):
        if self._pending_files:
            await self._write_files(record)

    async def validate(self, record):
        taken = (
            await self.session.scalars(
                select(SubmissionVersion.id).where(
                    SubmissionVersion.submission_id == record.submission_id,
                    SubmissionVersion.label == record.label,
                    SubmissionVersion.id != record.id,
                )
            )
        ).first()
        if taken is not None:
            raise Conflict(
                f"The submission already has a version labelled {record.label!r}.",
                errors=[
                    {"pointer": "/label", "code": "already_in_use", "detail": "already in use"}
                ],
            )

    async def member_may_write(self, record, action):
        """A `member` may too, for the versions of their own projects' and groups'
        submissions."""
        submission = await self.session.get(Submission, record.submission_id)
        if submission is None:
            return False
        return await SubmissionService(self.session, self.principal).member_may_write(
            submission, action
        )

    async def delete(self, record, if_match):
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        if record.status == VersionStatus.submitted:
            raise frozen()
        await super().delete(record, if_match)

    # submitting ------------------------------------------------------------------------------
    async def submit(
        self, record: SubmissionVersion, if_match: str | None, at: datetime | None = None
    ) -> VersionRead:
        """Freeze a draft version, record when and by whom, send it to the deadline's
        recipient and mark the deadline submitted. `at`, for loading a process's history
        (the demo) and never offered by the API, is when it was submitted; now by default."""
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        if record.status == VersionStatus.submitted:
            raise frozen()
        before = self.snapshot(record)
        template = await self._template(record)
        check_sections(template, record.sections or {})
        attached = {f.attachment_key for f in (await self._files_of([record.id]))[record.id]}
        for attachment in template.required_attachments if template else []:
            if attachment["key"] not in attached:
                raise ValidationFailed.at(
                    "/files",
                    f"attach the required {attachment['title']!r} (key {attachment['key']!r}) "
                    "before submitting",
                    code="attachment_required",
                    params={"key": attachment["key"]},
                )
        now = at or utcnow()
        record.status = VersionStatus.submitted
        record.submitted_at = now
        record.submitted_by_id = self.principal.person_in(record.programme_id)
        if record.deadline_id is not None:
            deadlines = DeadlineService(self.session, self.principal)
            deadline = await deadlines.get(record.deadline_id)
            record.recipient_id = deadline.recipient_id
            if deadline.status == DeadlineStatus.open:
                await deadlines.update(
                    deadline,
                    DeadlineUpdate(status=DeadlineStatus.submitted, submitted_at=now),
                    etag(deadline.version),
                )
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return await self.present(record)

    # comparing -------------------------------------------------------------------------------
    async def compare(self, from_id: uuid.UUID, to_id: uuid.UUID) -> VersionComparison:
        """Two versions of one submission, section by section."""
        old, new = await self.get(from_id), await self.get(to_id)
        if old.submission_id != new.submission_id:
            raise ValidationFailed(
                "Both versions must belong to the same submission.",
                errors=[
                    {
                        "parameter": "to",
                        "code": "different_submissions",
                        "detail": "not a version of the same submission as `from`",
                    }
                ],
            )
        template = await self._template(old)
        titles = {s["key"]: s["title"] for s in (template.sections if template else [])}
        old_texts, new_texts = old.sections or {}, new.sections or {}
        extra = sorted((set(old_texts) | set(new_texts)) - set(titles))
        return VersionComparison(
            from_id=old.id,
            to_id=new.id,
            from_label=old.label,
            to_label=new.label,
            sections=[
                _compare(key, titles.get(key), old_texts.get(key), new_texts.get(key))
                for key in [*titles, *extra]
            ],
        )


def _compare(key: str, title: str | None, old: str | None, new: str | None) -> SectionComparison:
    change: Change
    if (old or "") == (new or ""):
        change = "unchanged"
    elif not old:
        change = "added"
    elif not new:
        change = "removed"
    else:
        change = "changed"
    diff = (
        []
        if change == "unchanged"
        else [
            line
            for line in difflib.unified_diff(
                (old or "").splitlines(), (new or "").splitlines(), lineterm="", n=1
            )
            if not line.startswith(("---", "+++", "@@"))
        ]
    )
    return SectionComparison(
        key=key, title=title, change=change, from_text=old, to_text=new, diff=diff
    )


def _pointer_token(key: str) -> str:
    """A key as one token of a JSON pointer (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


def check_sections(template: Template | None, sections: dict[str, str]) -> None:
    """Section texts: only the template's sections, none over its maximum length."""
    limits = {s["key"]: s.get("max_length") for s in (template.sections if template else [])}
    for key, text in sections.items():
        if key not in limits:
            raise ValidationFailed.at(
                f"/sections/{_pointer_token(key)}",
                f"the template has no section {key!r}",
                code="unknown_section",
                params={"key": key},
            )
        limit = limits[key]
        if limit is not None and len(text) > limit:
            raise ValidationFailed.at(
                f"/sections/{_pointer_token(key)}",
                f"{len(text)} characters; the section takes at most {limit}",
                code="section_too_long",
                params={"max_length": str(limit), "length": str(len(text))},
            )
