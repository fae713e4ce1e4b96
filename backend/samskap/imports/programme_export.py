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

import io
import json
import uuid
import zipfile
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.criteria.schemas import CriterionAssessmentRead, GroupCriterionRead
from samskap.criteria.service import CriterionAssessmentService, GroupCriterionService
from samskap.db import utcnow
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
from samskap.imports.columns import fields
from samskap.imports.engine import CHUNK_ROWS, RowOutcome, TableImport, failed, plan_columns
from samskap.imports.readers import JSONL, MISSING, Row, Table, UnreadableFile
from samskap.indicators.schemas import IndicatorRead, MeasurementRead
from samskap.indicators.service import IndicatorService, MeasurementService
from samskap.involvements.schemas import InvolvementRead
from samskap.involvements.service import InvolvementService
from samskap.kit.export import through_temporary_file
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.service import CrudService
from samskap.measures.schemas import MeasureRead
from samskap.measures.service import MeasureService
from samskap.models import (
    Deadline,
    Group,
    GroupMember,
    Involvement,
    Person,
    Phase,
    Programme,
    Project,
    Task,
    User,
)
from samskap.models.enums import ImportOutcome, ImportResource
from samskap.people.schemas import PersonRead
from samskap.people.service import PersonService
from samskap.phases.schemas import ExpectedResultCreate, PhaseCreate, PhaseRead
from samskap.phases.service import ExpectedResultService, PhaseService
from samskap.planned_involvements.schemas import PlannedInvolvementRead
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.problems import AppError, ValidationFailed, body_errors, conflict, error_items
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
        for filters in self.walks(programme_id):
            lq = ListQuery(filters, None, self.sort(), PAGE_SIZE, None)
            async for records in _every(svc, lq):
                page = []
                for shown in await _shown(svc, list(records)):
                    item = self.read.model_validate(shown, from_attributes=True)
                    page.append(item.model_dump(mode="json", by_alias=True))
                yield page


async def _shown(svc: Any, records: list[Any]) -> list[Any]:
    """The records as the principal may see them: the service's `shown` for a page at once
    where it has one, else its `present` for each (a read-only list shows them as they are)."""
    if hasattr(svc, "shown"):
        return list(await svc.shown(records))
    if hasattr(svc, "present"):
        return [await svc.present(record) for record in records]
    return records


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
    async def write(path: str) -> None:
        async with request.app.state.sessions() as session:
            programme = await ProgrammeService(session, principal).get(programme_id)
            await write_export(session, principal, programme, path)
            # Reading guarded fields leaves audit events, as it does in JSON.
            await session.commit()

    async for chunk in through_temporary_file(".zip", write):
        yield chunk


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


# Reading it back ---------------------------------------------------------------------------
#
# `read_programme_export` reads the ZIP into one Table per importable file (the same Table
# the file readers give), and `import_programme` writes them into an empty programme through
# the import engine, with one map of old ids to new ones: a record's references are
# translated as they are read. The rows are numbered on through the files in dependency
# order (the first person is row 1, the first project the row after the last person, ...),
# so that each row of the import has its own number; a failed row's error says its file and
# line. Phases are written here rather than by the engine (they are no resource of their
# own for imports): each as POST /phases creates it, with its checklist.
#
# A Table holds the create body's fields of its resource, the record's `id` and its
# references; fields the API computes (created_at, version, overdue, ...) are left out. Links
# to records that the import does not create (an involvement's decisions, events, hearings,
# submissions, goals and ideas; a deadline's event) are left out too: those records are in
# the files marked `importable: false`. A mandate approved by a decision is the exception: an
# approved mandate must name its decision, which the import does not create, so such a
# project or group is refused (`unknown_reference` on mandate_decision_id) rather than
# changed. A person's
# erasure, a phase's completion and an involvement's archiving are states no create body
# sets: they are restored on the new record after its file is imported.

IMPORT_ORDER = [part.resource for part in PARTS if part.importable]
# Time-stamped states that no create body sets, restored on the new record.
RESTORED: dict[str, tuple[str, ...]] = {
    "people": ("erased_at",),
    "phases": ("completed_at", "completed_by_id"),
    "involvements": ("archived_at",),
}
# References to records of files that are not imported.
LEFT_OUT: dict[str, frozenset[str]] = {
    "projects": frozenset({"phase_template"}),
    "deadlines": frozenset({"event_id"}),
    "involvements": frozenset(
        {
            "decision_ids",
            "event_ids",
            "hearing_ids",
            "submission_ids",
            "goal_ids",
            "idea_ids",
            "planned_involvement_id",
        }
    ),
}
PHASE_COLUMNS = [
    "id",
    "project_id",
    "position",
    "name",
    "description",
    "activities",
    "starts_on",
    "ends_on",
    "status",
    "external_id",
    "expected_results",
]
# What an export may hold once unpacked; the upload itself is limited by max_upload_bytes.
# Each importable file is read whole, so this bounds the memory a programme import takes
# (a ZIP entry is never read past the size it declares).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ProgrammeExport:
    """A programme export as read: its manifest, a Table per importable file in dependency
    order, and per file the states to restore after it (old id → field → value)."""

    manifest: dict[str, Any]
    tables: list[tuple[str, Table]]
    restore: dict[str, dict[uuid.UUID, dict[str, Any]]]

    @property
    def total(self) -> int:
        return sum(table.total for _, table in self.tables)

    def offsets(self) -> dict[str, int]:
        """Per file, the row number before its first line."""
        found, offset = {}, 0
        for resource, table in self.tables:
            found[resource] = offset
            offset += table.total
        return found


def columns_of(resource: str) -> list[str]:
    """The columns of a resource's Table: `id`, then the create body's fields (references
    to records that are not imported left out)."""
    if resource == "phases":
        return PHASE_COLUMNS
    left_out = LEFT_OUT.get(resource, frozenset())
    return ["id", *(name for name in fields(ImportResource[resource]) if name not in left_out)]


def _unreadable(detail: str, code: str = "unreadable_file") -> UnreadableFile:
    return UnreadableFile(code, detail)


def _open(content: bytes) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(
            "This is not a ZIP file: a programme is imported from the ZIP that "
            "GET /programmes/{id}/export gives.",
            "unknown_format",
        ) from exc
    if MANIFEST not in names:
        raise _unreadable(
            "The ZIP file holds no manifest.json, so it is not a programme export "
            "(a list of one resource is imported with its own resource).",
            "unknown_format",
        )
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise _unreadable("The ZIP file unpacks to more than an export may hold (256 MiB).")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (json.JSONDecodeError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise _unreadable(f"manifest.json cannot be read: {exc}.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _unreadable(
            f'manifest.json does not say "format": "{FORMAT}": this is not a programme export.',
            "unknown_format",
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _unreadable(
            f"The export is of format_version {manifest.get('format_version')!r}; this Samskap "
            f"reads version {FORMAT_VERSION}.",
            "unknown_format",
        )
    if not isinstance(manifest.get("files"), list) or not all(
        isinstance(entry, dict) for entry in manifest["files"]
    ):
        raise _unreadable("manifest.json has no list of files.")
    return archive, manifest


def _records(archive: zipfile.ZipFile, path: str) -> list[dict[str, Any]]:
    try:
        text = archive.read(path).decode("utf-8")
    except KeyError as exc:
        raise _unreadable(f"manifest.json names {path}, which the ZIP file does not hold.") from exc
    except (UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise _unreadable(f"{path} cannot be read as UTF-8 text: {exc}.") from exc
    records = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _unreadable(f"{path} line {line_number} is not JSON: {exc.msg}.") from exc
        if not isinstance(item, dict):
            raise _unreadable(f"{path} line {line_number} is not a JSON object.")
        records.append(item)
    return records


def _parents_first(records: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """Tasks in an order where a task's parent (when in the file) comes before it; otherwise
    as they were."""
    by_id = {item.get("id"): (n, item) for n, item in records}
    placed: set[Any] = set()
    ordered: list[tuple[int, dict[str, Any]]] = []
    for _, item in records:
        chain = []
        current: dict[str, Any] | None = item
        while current is not None and current.get("id") not in placed:
            chain.append(current)
            placed.add(current.get("id"))
            parent = by_id.get(current.get("parent_id"))
            current = parent[1] if parent is not None else None
        for task in reversed(chain):
            ordered.append(by_id[task.get("id")])
    return ordered


def _table(columns: list[str], rows: list[tuple[int, list[Any]]]) -> Table:
    return Table(JSONL, columns, len(rows), lambda: iter(rows))


def read_programme_export(content: bytes) -> ProgrammeExport:
    """Read a programme export (the ZIP of GET /programmes/{id}/export) into its manifest
    and a Table per importable file, or raise UnreadableFile saying why it cannot be."""
    archive, manifest = _open(content)
    with archive:
        listed = {}
        for entry in manifest["files"]:
            if not entry.get("importable"):
                continue
            resource, path = entry.get("resource"), entry.get("path")
            if resource not in IMPORT_ORDER or not isinstance(path, str):
                raise _unreadable(
                    f"manifest.json marks {resource!r} importable, but the import reads only "
                    + ", ".join(IMPORT_ORDER)
                    + "."
                )
            listed[resource] = path
        tables: list[tuple[str, Table]] = []
        restore: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
        offset = 0
        for resource in IMPORT_ORDER:
            if resource not in listed:
                continue
            numbered = list(enumerate(_records(archive, listed[resource]), start=offset + 1))
            if resource == "tasks":
                numbered = _parents_first(numbered)
            columns = columns_of(resource)
            rows = [(n, [item.get(c, MISSING) for c in columns]) for n, item in numbered]
            tables.append((resource, _table(columns, rows)))
            kept = RESTORED.get(resource, ())
            states = {}
            for n, item in numbered:
                old = _as_uuid(item.get("id"))
                values = {
                    name: _restored_time(
                        item.get(name), f"{listed[resource]} line {n - offset}, {name}"
                    )
                    if name.endswith("_at")
                    else item.get(name)
                    for name in kept
                }
                if old is not None and any(v is not None for v in values.values()):
                    states[old] = values
            if states:
                restore[resource] = states
            offset += len(rows)
    return ProgrammeExport(manifest, tables, restore)


def _restored_time(value: Any, where: str) -> datetime | None:
    """A state's time (`erased_at`, ...) as the export writes it: RFC 3339 with its offset,
    or null; anything else makes the file unreadable (no create body checks it)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    raise _unreadable(f"{where}: {value!r} is no time with its offset (RFC 3339).")


def _as_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            return None
    return value if isinstance(value, uuid.UUID) else None


# Writing it into a programme -----------------------------------------------------------------

# What the import writes; a programme holding any of it is not empty.
_WRITTEN = (Person, Project, Group, GroupMember, Phase, Task, Deadline, Involvement)
_MODELS: dict[str, type[Any]] = {
    "people": Person,
    "phases": Phase,
    "involvements": Involvement,
}


async def require_empty(session: AsyncSession, programme_id: uuid.UUID) -> None:
    """Refuse (409 `programme_not_empty`) a programme that already holds records of the kinds
    the import writes: an export is read back into an empty programme only."""
    for model in _WRITTEN:
        stmt = select(model.id).where(model.programme_id == programme_id).limit(1)
        if (await session.scalars(stmt)).first() is not None:
            raise conflict(
                "A programme export is imported into an empty programme only; this one already "
                f"holds {model.__tablename__.replace('_', ' ')} records.",
                "programme_not_empty",
            )


async def import_programme(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    export: ProgrammeExport,
    *,
    chunk_rows: int = CHUNK_ROWS,
) -> list[RowOutcome]:
    """Write an export's importable files into an empty programme within `session` (which it
    does not commit), in dependency order with one map of old ids to new ones; returns every
    row's outcome (a failed row's error details name its file and line)."""
    await require_empty(session, programme_id)
    id_map: dict[uuid.UUID, uuid.UUID] = {}
    outcomes: list[RowOutcome] = []
    offsets = export.offsets()
    for resource, table in export.tables:
        if resource == "phases":
            done = await _import_phases(session, principal, table, id_map)
        else:
            if resource == "tasks":
                table = _phases_mapped(table, id_map)
            done = await _import_rows(
                session,
                principal,
                programme_id,
                ImportResource[resource],
                table,
                id_map,
                chunk_rows,
            )
        await _restore(session, principal, resource, export.restore.get(resource, {}), id_map)
        outcomes += _located(done, f"{resource}.jsonl", offsets[resource])
    return outcomes


async def _import_rows(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    resource: ImportResource,
    table: Table,
    id_map: dict[uuid.UUID, uuid.UUID],
    chunk_rows: int,
) -> list[RowOutcome]:
    """The engine's import of one Table, in chunks that never hold both a task and its parent
    (the engine looks a chunk's references up before it writes the chunk)."""
    plan = plan_columns(resource, table.columns, allow_id=True)
    rows = TableImport(
        session, principal, programme_id, resource, plan, id_map=id_map, split_lists=False
    )
    await rows.prepare()
    outcomes: list[RowOutcome] = []
    for chunk in _chunks(table, chunk_rows):
        outcomes.extend(await rows.process(chunk))
    return outcomes


def _chunks(table: Table, size: int) -> Iterator[list[Row]]:
    parent_at = table.columns.index("parent_id") if "parent_id" in table.columns else None
    chunk: list[Row] = []
    ids: set[Any] = set()
    for number, cells in table.rows():
        parent = cells[parent_at] if parent_at is not None else None
        if len(chunk) >= size or (parent is not None and parent in ids):
            yield chunk
            chunk, ids = [], set()
        chunk.append((number, cells))
        ids.add(cells[0])
    if chunk:
        yield chunk


def _phases_mapped(table: Table, id_map: dict[uuid.UUID, uuid.UUID]) -> Table:
    """A task's phase named by its new id (phases are imported here, not by the engine, so
    the engine does not map that reference itself)."""
    at = table.columns.index("phase_id")

    def rows() -> Iterator[Row]:
        for number, cells in table.rows():
            old = _as_uuid(cells[at])
            if old is not None and old in id_map:
                cells = [*cells[:at], str(id_map[old]), *cells[at + 1 :]]
            yield number, cells

    return Table(table.format, table.columns, table.total, rows)


def _located(outcomes: list[RowOutcome], path: str, offset: int) -> list[RowOutcome]:
    for outcome in outcomes:
        for error in outcome.errors or []:
            error["detail"] = f"{path} line {outcome.row - offset}: {error['detail']}"
    return outcomes


def _errors_of(exc: AppError) -> list[dict[str, Any]]:
    return [
        {
            "column": (item.get("pointer") or "").lstrip("/").split("/", 1)[0] or None,
            "code": item["code"],
            "detail": item["detail"],
        }
        for item in error_items(exc)
    ]


def _invalid(exc: ValidationError, prefix: str = "") -> ValidationFailed:
    """A body refused by its schema, as the API words it."""
    items = body_errors(exc)
    for item in items:
        if prefix and "pointer" in item:
            item["pointer"] = prefix + item["pointer"]
    return ValidationFailed("; ".join(i["detail"] for i in items), errors=items)


async def _import_phases(
    session: AsyncSession,
    principal: Principal,
    table: Table,
    id_map: dict[uuid.UUID, uuid.UUID],
) -> list[RowOutcome]:
    """Each phase as POST /phases creates it, with its checklist as POST
    /phases/{id}/expected-results creates each result (ticked, waived, by whom, when)."""
    phases = PhaseService(session, principal)
    outcomes = []
    for number, cells in table.rows():
        item = {c: v for c, v in zip(table.columns, cells, strict=True) if v is not MISSING}
        external_id = item.get("external_id") if isinstance(item.get("external_id"), str) else None
        try:
            phase = await _phase(session, principal, phases, item, id_map)
        except AppError as exc:
            outcomes.append(
                RowOutcome(number, ImportOutcome.failed, external_id, None, _errors_of(exc))
            )
            continue
        except IntegrityError as exc:
            outcomes.append(
                failed(number, None, "conflict", "the database refused the row: " + str(exc.orig))
            )
            continue
        old = _as_uuid(item.get("id"))
        if old is not None:
            id_map[old] = phase.id
        outcomes.append(RowOutcome(number, ImportOutcome.created, external_id, phase.id))
    return outcomes


async def _phase(
    session: AsyncSession,
    principal: Principal,
    phases: PhaseService,
    item: dict[str, Any],
    id_map: dict[uuid.UUID, uuid.UUID],
) -> Phase:
    old_project = _as_uuid(item.get("project_id"))
    if old_project is None or old_project not in id_map:
        raise ValidationFailed.at(
            "/project_id", "no project with this id in the programme", code="unknown_reference"
        )
    body = {name: item[name] for name in PHASE_COLUMNS[2:-1] if name in item}
    try:
        data = PhaseCreate.model_validate(body | {"project_id": id_map[old_project]})
    except ValidationError as exc:
        raise _invalid(exc) from exc
    results = item.get("expected_results") or []
    if not isinstance(results, list):
        raise ValidationFailed.at("/expected_results", "must be a list", code="list_type")
    checklist = []
    for i, result in enumerate(results):
        if not isinstance(result, dict):
            raise ValidationFailed.at(
                f"/expected_results/{i}", "must be an object", code="model_type"
            )
        done_by = _as_uuid(result.get("done_by_id"))
        values = {name: result.get(name) for name in ExpectedResultCreate.model_fields}
        values["done_by_id"] = id_map.get(done_by, done_by) if done_by else None
        try:
            checklist.append(ExpectedResultCreate.model_validate(values))
        except ValidationError as exc:
            raise _invalid(exc, f"/expected_results/{i}") from exc
    async with session.begin_nested():
        phase = await phases.create(data)
        results_service = ExpectedResultService(session, principal, phase)
        for result_data in checklist:
            await results_service.create(result_data)
    return phase


async def _restore(
    session: AsyncSession,
    principal: Principal,
    resource: str,
    states: dict[uuid.UUID, dict[str, Any]],
    id_map: dict[uuid.UUID, uuid.UUID],
) -> None:
    """Set on the new records the states no create body sets (erased, completed, archived),
    each change audited as an update."""
    model = _MODELS.get(resource)
    if model is None:
        return
    for old, values in states.items():
        new = id_map.get(old)
        record = await session.get(model, new) if new is not None else None
        if record is None:
            continue
        before = snapshot(record)
        for name, value in values.items():
            if name == "completed_by_id":
                user = _as_uuid(value)
                # The user who completed it, where that account exists in this Samskap.
                value = user if user and await session.get(User, user) is not None else None
            setattr(record, name, value)
        record.updated_at = utcnow()
        await session.flush()
        record_event(
            session,
            principal,
            action="update",
            record_type=model.__tablename__,
            record_id=record.id,
            programme_id=record.programme_id,
            before=before,
            after=snapshot(record),
        )
