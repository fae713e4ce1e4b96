"""A whole programme as one ZIP file, and reading that file back.

`GET /programmes/{id}/export` writes `manifest.json` and one JSON Lines file per resource:
each line one record exactly as the API reads it (the resource's read schema), through the
resource's own service, so that what a file holds is what the caller's lists would show, a
page at a time, guarded fields included (a union representative's union is shown only to
those who may read it, and reading it is written to the audit trail, as in JSON).

The resources come in an order where a reference points backwards: first those the import
reads back (`importable: true`: people, projects, groups, group members, phases, tasks,
deadlines, involvements), then every other list of the programme (`importable: false`).
Within a file, records come in the order they were created (a task's parent before the task).
Archived records (decisions, involvements, ideas) are in their files too, after the live
ones: a copy is complete.

Not in the export: who has access to the programme (memberships and API tokens belong to
user accounts and to this installation, not to the programme's content), the audit trail,
the record of earlier imports, and the content of uploaded files (`files.jsonl` holds their
metadata; the bytes are at `/files/{id}/content`).

The ZIP is written to a temporary file through a session of its own (the request's session
has ended once the handler returns) and streamed from there in chunks, so memory does not
grow with the programme.
"""

import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import anyio
from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.auth.principal import Principal
from samskap.criteria.schemas import CriterionAssessmentRead, GroupCriterionRead
from samskap.criteria.service import CriterionAssessmentService, GroupCriterionService
from samskap.deadlines.schemas import DeadlineRead
from samskap.deadlines.service import DeadlineService
from samskap.decisions.schemas import DecisionRead
from samskap.decisions.service import DecisionService
from samskap.documents.schemas import DocumentRead
from samskap.documents.service import DocumentService
from samskap.events.schemas import EventRead
from samskap.events.service import EventService
from samskap.files.schemas import StoredFileRead
from samskap.files.service import FileService
from samskap.goals.schemas import GoalRead, GoalSelectionRead, GoalSelectionRevisionRead
from samskap.goals.service import GoalSelectionRevisionService, GoalSelectionService, GoalService
from samskap.groups.schemas import GroupRead, MemberRead
from samskap.groups.service import GroupService, MemberService
from samskap.hearings.schemas import HearingRead, HearingResponseRead
from samskap.hearings.service import HearingResponseService, HearingService
from samskap.ideas.schemas import IdeaRead, ParticipationLinkRead
from samskap.ideas.service import IdeaService, ParticipationLinkService
from samskap.indicators.schemas import IndicatorRead, MeasurementRead
from samskap.indicators.service import IndicatorService, MeasurementService
from samskap.involvements.schemas import InvolvementRead
from samskap.involvements.service import InvolvementService
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.service import CrudService
from samskap.measures.schemas import MeasureRead
from samskap.measures.service import MeasureService
from samskap.models import GroupMember, Programme
from samskap.people.schemas import PersonRead
from samskap.people.service import PersonService
from samskap.phases.schemas import PhaseRead
from samskap.phases.service import PhaseService
from samskap.planned_involvements.schemas import PlannedInvolvementRead
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.programmes.schemas import ProgrammeRead
from samskap.programmes.service import ProgrammeService
from samskap.projects.schemas import ProjectRead
from samskap.projects.service import ProjectService
from samskap.submissions.schemas import SubmissionRead, VersionRead
from samskap.submissions.service import SubmissionService, VersionService
from samskap.surveys.schemas import SurveyQuestionRead, SurveyRoundRead
from samskap.surveys.service import SurveyQuestionService, SurveyRoundService
from samskap.tasks.schemas import TaskRead
from samskap.tasks.service import TaskService
from samskap.templates.schemas import TemplateRead
from samskap.templates.service import TemplateService

FORMAT = "samskap-programme-export"
FORMAT_VERSION = 1
ZIP_MEDIA_TYPE = "application/zip"
MANIFEST = "manifest.json"
PAGE_SIZE = 500
_CHUNK = 64 * 1024


class ProgrammeSeats(MemberService):
    """The seats of every group of a programme: the groups' member lists read as one list,
    with the same visibility (a seat is seen by whoever sees its group's programme)."""

    spec = ListSpec(
        model=GroupMember,
        filters=[
            Filter(
                "programme_id",
                GroupMember.programme_id,
                uuid.UUID,
                "Only seats in the groups of this programme",
            )
        ],
        sorts={"created_at": GroupMember.created_at},
        default_sort="created_at",
    )

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        CrudService.__init__(self, session, principal)

    def scoped(self, stmt):
        return CrudService.scoped(self, stmt)


@dataclass(frozen=True)
class Part:
    """One file of the export: a resource's list, filtered by the programme."""

    resource: str
    service: Callable[[AsyncSession, Principal], Any]
    read: type[BaseModel]
    importable: bool = False

    @property
    def path(self) -> str:
        return f"{self.resource}.jsonl"

    def walks(self, programme_id: uuid.UUID) -> list[dict[str, Any]]:
        """The list's filters for the programme: twice for a list that leaves out archived
        records unless asked, so that those are in the copy too."""
        mine: dict[str, Any] = {"programme_id": [programme_id]}
        names = {f.name for f in self.service.spec.filters}  # type: ignore[attr-defined]
        if "archived" in names:
            return [mine | {"archived": False}, mine | {"archived": True}]
        return [mine]

    def sort(self) -> str:
        spec: ListSpec = self.service.spec  # type: ignore[attr-defined]
        return "created_at" if "created_at" in spec.sorts else spec.default_sort

    async def pages(
        self, session: AsyncSession, principal: Principal, programme_id: uuid.UUID
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """The programme's records of this resource as the caller's list would show them,
        a page at a time, each as the JSON the API answers."""
        svc = self.service(session, principal)
        present = getattr(svc, "present", None)
        for filters in self.walks(programme_id):
            lq = ListQuery(filters, None, self.sort(), PAGE_SIZE, None)
            async for records in _every(svc, lq):
                page = []
                for record in records:
                    shown = await present(record) if present is not None else record
                    item = self.read.model_validate(shown, from_attributes=True)
                    page.append(item.model_dump(mode="json", by_alias=True))
                yield page


async def _every(svc: Any, lq: ListQuery) -> AsyncIterator[Sequence[Any]]:
    """The service's `every`, or, for a read-only list without one, its `list` walked along
    its own cursor in the same way."""
    if isinstance(svc, CrudService):
        async for records in svc.every(lq, PAGE_SIZE):
            yield records
        return
    cursor = None
    while True:
        records, cursor = await svc.list(replace(lq, cursor=cursor))
        yield records
        if cursor is None:
            return


# In dependency order: every reference of an importable record points to an earlier file.
PARTS: tuple[Part, ...] = (
    Part("people", PersonService, PersonRead, importable=True),
    Part("projects", ProjectService, ProjectRead, importable=True),
    Part("groups", GroupService, GroupRead, importable=True),
    Part("group_members", ProgrammeSeats, MemberRead, importable=True),
    Part("phases", PhaseService, PhaseRead, importable=True),
    Part("tasks", TaskService, TaskRead, importable=True),
    Part("deadlines", DeadlineService, DeadlineRead, importable=True),
    Part("involvements", InvolvementService, InvolvementRead, importable=True),
    Part("files", FileService, StoredFileRead),
    Part("events", EventService, EventRead),
    Part("decisions", DecisionService, DecisionRead),
    Part("documents", DocumentService, DocumentRead),
    Part("goals", GoalService, GoalRead),
    Part("goal_selections", GoalSelectionService, GoalSelectionRead),
    Part("goal_selection_revisions", GoalSelectionRevisionService, GoalSelectionRevisionRead),
    Part("indicators", IndicatorService, IndicatorRead),
    Part("measurements", MeasurementService, MeasurementRead),
    Part("measures", MeasureService, MeasureRead),
    Part("group_criteria", GroupCriterionService, GroupCriterionRead),
    Part("criterion_assessments", CriterionAssessmentService, CriterionAssessmentRead),
    Part("survey_rounds", SurveyRoundService, SurveyRoundRead),
    Part("survey_questions", SurveyQuestionService, SurveyQuestionRead),
    Part("templates", TemplateService, TemplateRead),
    Part("submissions", SubmissionService, SubmissionRead),
    Part("submission_versions", VersionService, VersionRead),
    Part("hearings", HearingService, HearingRead),
    Part("hearing_responses", HearingResponseService, HearingResponseRead),
    Part("participation_links", ParticipationLinkService, ParticipationLinkRead),
    Part("ideas", IdeaService, IdeaRead),
    Part("planned_involvements", PlannedInvolvementService, PlannedInvolvementRead),
)

_IMPORTABLE = ", ".join(p.resource for p in PARTS if p.importable)
_OTHERS = ", ".join(p.resource for p in PARTS if not p.importable)
EXPORT_DESCRIPTION = (
    "The whole programme as a ZIP file: `manifest.json` and one JSON Lines file per resource, "
    "each line one record exactly as the API reads it. The manifest says "
    f'`"format": "{FORMAT}"`, `"format_version": {FORMAT_VERSION}`, when it was exported '
    "(`exported_at`, RFC 3339), the programme itself, and its `files` in dependency order, "
    "each with its `resource`, `path`, number of `rows` and whether `POST /imports?resource="
    "programme` reads it back (`importable`). The importable resources come first, in an order "
    f"where every reference points to an earlier file ({_IMPORTABLE}); "
    "then every other list of the programme "
    f"({_OTHERS}). Within a file, records "
    "come in the order they were created; archived decisions, involvements and ideas come "
    "after the live ones. Not exported: memberships and API tokens (access, not content), the "
    "audit trail, earlier imports, and uploaded files' content (their metadata is in "
    "`files.jsonl`). "
    "Needs the `editor` role in the programme, or a higher one (an API token with scope "
    "`read_write` counts as an editor); a lower role answers 403. Each file shows what your "
    "lists show you: guarded fields follow the same rules as in JSON (a union "
    "representative's union only for a programme administrator, and the read is logged), so a "
    "complete copy is one a programme administrator exports. The file is streamed; memory "
    "does not grow with the programme."
)

EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The programme as a ZIP file of a manifest and JSON Lines files",
        "content": {
            ZIP_MEDIA_TYPE: {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "description": "A ZIP archive: manifest.json and one <resource>.jsonl per "
                    "resource",
                }
            }
        },
        "headers": {
            "Content-Disposition": {
                "description": "attachment, named samskap-programme-<id>.zip",
                "schema": {"type": "string"},
            }
        },
    }
}


def _lines(page: list[dict[str, Any]]) -> bytes:
    return "".join(
        json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n" for item in page
    ).encode("utf-8")


async def write_export(
    session: AsyncSession, principal: Principal, programme: Programme, path: str
) -> dict[str, Any]:
    """Write the programme's export to the ZIP file at `path`; returns its manifest."""
    shown = ProgrammeRead.model_validate(programme, from_attributes=True)
    files = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in PARTS:
            rows = 0
            with archive.open(part.path, "w", force_zip64=True) as entry:
                async for page in part.pages(session, principal, programme.id):
                    entry.write(_lines(page))
                    rows += len(page)
            files.append(
                {
                    "resource": part.resource,
                    "path": part.path,
                    "rows": rows,
                    "importable": part.importable,
                }
            )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "programme": shown.model_dump(mode="json", by_alias=True),
            "files": files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


async def _zip(request: Request, principal: Principal, programme_id: uuid.UUID):
    handle, path = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    try:
        async with request.app.state.sessions() as session:
            programme = await ProgrammeService(session, principal).get(programme_id)
            await write_export(session, principal, programme, path)
            # Reading guarded fields leaves audit events, as it does in JSON.
            await session.commit()
        async with await anyio.open_file(path, "rb") as file:
            while chunk := await file.read(_CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def export_response(
    request: Request, principal: Principal, programme: Programme
) -> StreamingResponse:
    """The programme's export, streamed; the caller's right to it is checked before."""
    return StreamingResponse(
        _zip(request, principal, programme.id),
        media_type=ZIP_MEDIA_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="samskap-programme-{programme.id}.zip"'
        },
    )
