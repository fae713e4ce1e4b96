"""Imports: starting one (at once, or queued for the worker), reading them, their rows, and
cancelling. The rows themselves are written by the engine (engine.py); a queued import by
the worker (worker.py)."""

import base64
import binascii
import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import _jsonable
from samskap.auth.principal import Principal
from samskap.config import Settings
from samskap.db import utcnow
from samskap.imports.engine import (
    ColumnPlan,
    RowOutcome,
    TableImport,
    chunks,
    plan_columns,
    write_outcomes,
)
from samskap.imports.programme_export import (
    ProgrammeExport,
    import_programme,
    read_programme_export,
    require_empty,
)
from samskap.imports.readers import Table, UnreadableFile, read_table
from samskap.imports.schemas import ImportCounts, ImportRead, ImportRowError
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.kit.ids import uuid7
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService
from samskap.models import ApiToken, Membership, User
from samskap.models.enums import (
    ImportMode,
    ImportOutcome,
    ImportResource,
    ImportStatus,
    ProgrammeRole,
    TokenScope,
)
from samskap.models.imports import Import, ImportRow
from samskap.problems import BadRequest, Forbidden, NotFound, ValidationFailed, conflict

ERRORS_SHOWN = 100
ACTIVE = (ImportStatus.queued, ImportStatus.running)


def requester(principal: Principal) -> str:
    """Who sends an import, as stored: `user:<id>`, `token:<id>` (or `system`)."""
    if principal.token_id is not None:
        return f"token:{principal.token_id}"
    if principal.user_id is not None:
        return f"user:{principal.user_id}"
    return "system"


def request_digest(
    content: bytes, programme_id: uuid.UUID, resource: str, mode: str, dry_run: bool
) -> str:
    """SHA-256 of the options and the file: what makes a repeated request the same one."""
    options = {
        "programme_id": str(programme_id),
        "resource": str(resource),
        "mode": str(mode),
        "dry_run": dry_run,
    }
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    digest.update(b"\0")
    digest.update(content)
    return digest.hexdigest()


def unreadable(exc: UnreadableFile) -> ValidationFailed:
    return ValidationFailed(
        exc.detail, errors=[{"pointer": "/file", "code": exc.code, "detail": exc.detail}]
    )


def read_export(content: bytes) -> ProgrammeExport:
    """A programme export's ZIP, read (or refused: 422 at `/file`)."""
    try:
        return read_programme_export(content)
    except UnreadableFile as exc:
        raise unreadable(exc) from exc


def read_file(content: bytes, filename: str | None, content_type: str | None) -> Table:
    try:
        return read_table(content, filename, content_type)
    except UnreadableFile as exc:
        raise unreadable(exc) from exc


async def open_writes(session: AsyncSession) -> None:
    """Begin the session's transaction with a write. SQLite's driver begins a transaction
    only at the first write, so a savepoint before it would stand alone and commit on its
    own; PostgreSQL needs nothing."""
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Import)
            .where(Import.id.is_(None))
            .values(attempts=Import.attempts)
            .execution_options(synchronize_session=False)
        )


def tally(outcomes: list[RowOutcome]) -> Counter:
    return Counter(o.outcome for o in outcomes)


def count_values(counts: Counter) -> dict[str, int]:
    return {
        "created_count": counts[ImportOutcome.created],
        "updated_count": counts[ImportOutcome.updated],
        "unchanged_count": counts[ImportOutcome.unchanged],
        "failed_count": counts[ImportOutcome.failed],
    }


def nothing_written(outcomes: list[RowOutcome]) -> list[RowOutcome]:
    """The outcomes of rows that were rolled back: a record that would be created has no id."""
    for o in outcomes:
        if o.outcome == ImportOutcome.created:
            o.record_id = None
    return outcomes


def final_status(failed: int) -> ImportStatus:
    return ImportStatus.failed if failed else ImportStatus.succeeded


def finished_event(job: Import, actor_user_id: uuid.UUID | None) -> OutboundEvent:
    """`import.finished`: an import has ended (succeeded, failed or cancelled; a dry run
    too), announced in the transaction that writes its end. The actor is the user of a
    request that ran it at once; a background import ends by the worker, with no actor."""
    return OutboundEvent(
        type="import.finished",
        programme_id=job.programme_id,
        record_type=Import.__tablename__,
        record_id=job.id,
        data={
            "id": str(job.id),
            "programme_id": str(job.programme_id),
            "resource": str(job.resource),
            "status": str(job.status),
            "mode": str(job.mode),
            "dry_run": job.dry_run,
            "background": job.background,
            "filename": job.filename,
            "total_rows": job.total_rows,
            "rows_done": job.rows_done,
            "counts": {
                "created": job.created_count,
                "updated": job.updated_count,
                "unchanged": job.unchanged_count,
                "failed": job.failed_count,
            },
            "requested_by_user_id": (
                str(job.requested_by_user_id) if job.requested_by_user_id else None
            ),
            "started_at": job.started_at.isoformat() if job.started_at else None,
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        },
        actor_user_id=actor_user_id,
    )


async def announce_finished(session: AsyncSession, job_id: uuid.UUID) -> None:
    """Emit `import.finished` for an import the worker has just ended in `session` (by an
    UPDATE: the import is read again as that transaction sees it)."""
    job = await session.scalar(
        select(Import).where(Import.id == job_id).execution_options(populate_existing=True)
    )
    if job is not None:
        emit(session, finished_event(job, None))


async def principal_of(session: AsyncSession, job: Import) -> Principal | None:
    """The principal that sent an import, as they stand now (for the worker): a user with
    their current roles, or an API token that is still valid; None if neither is."""
    kind, _, raw = job.requested_by.partition(":")
    request_id = f"import:{job.id}"
    if kind == "user":
        user = await session.get(User, uuid.UUID(raw))
        if user is None or not user.active:
            return None
        memberships = (
            await session.scalars(select(Membership).where(Membership.user_id == user.id))
        ).all()
        return Principal(
            via="session",
            user_id=user.id,
            system_admin=user.system_admin,
            roles={m.programme_id: m.role for m in memberships},
            persons={m.programme_id: m.person_id for m in memberships if m.person_id},
            request_id=request_id,
        )
    if kind == "token":
        token = await session.get(ApiToken, uuid.UUID(raw))
        if token is None or token.revoked_at is not None or token.expires_at <= utcnow():
            return None
        role = (
            ProgrammeRole.editor if token.scope == TokenScope.read_write else ProgrammeRole.observer
        )
        return Principal(
            via="api_token",
            token_id=token.id,
            roles={token.programme_id: role},
            request_id=request_id,
        )
    return None


class ImportService(CrudService[Import]):
    model = Import
    label = "import"
    spec = ListSpec(
        model=Import,
        filters=[
            Filter(
                "programme_id", Import.programme_id, uuid.UUID, "Only imports into this programme"
            ),
            Filter("resource", Import.resource, ImportResource, "Only imports of this resource"),
            Filter("status", Import.status, ImportStatus, "Only imports with this status"),
        ],
        sorts={"created_at": Import.created_at},
        default_sort="-created_at",
    )

    def snapshot(self, record: Import) -> dict[str, Any]:
        """The import as the trail keeps it: its options and state, not the file."""
        return {
            attr.key: _jsonable(getattr(record, attr.key))
            for attr in inspect(record).mapper.column_attrs
            if attr.key != "content"
        }

    # reading -----------------------------------------------------------------------------------
    async def present_many(self, jobs: list[Import]) -> list[ImportRead]:
        """The imports as the API shows them, with the first errors of each: one query."""
        ids = [j.id for j in jobs]
        rows: dict[uuid.UUID, list[tuple[int, list]]] = {i: [] for i in ids}
        if ids:
            number = (
                func.row_number()
                .over(partition_by=ImportRow.import_id, order_by=ImportRow.row)
                .label("n")
            )
            failed = (
                select(ImportRow.import_id, ImportRow.row, ImportRow.errors, number)
                .where(ImportRow.import_id.in_(ids), ImportRow.outcome == ImportOutcome.failed)
                .subquery()
            )
            stmt = (
                select(failed.c.import_id, failed.c.row, failed.c.errors)
                .where(failed.c.n <= ERRORS_SHOWN)
                .order_by(failed.c.import_id, failed.c.row)
            )
            for import_id, row, errors in await self.session.execute(stmt):
                rows[import_id].append((row, errors or []))
        return [self._read(job, rows[job.id]) for job in jobs]

    async def present(self, record: Import) -> ImportRead:
        return (await self.present_many([record]))[0]

    def _read(self, job: Import, failed_rows: list[tuple[int, list]]) -> ImportRead:
        # A problem with the whole file (found by the worker) is reported at the header row.
        errors = [
            ImportRowError(row=1, column=None, code=e["code"], detail=e["detail"])
            for e in job.file_errors or []
        ]
        errors += [
            ImportRowError(row=row, column=e.get("column"), code=e["code"], detail=e["detail"])
            for row, items in failed_rows
            for e in items
        ]
        truncated = len(errors) > ERRORS_SHOWN or job.failed_count > len(failed_rows)
        return ImportRead(
            id=job.id,
            created_at=job.created_at,
            updated_at=job.updated_at,
            version=job.version,
            programme_id=job.programme_id,
            resource=job.resource,
            filename=job.filename,
            file_format=job.file_format,
            mode=job.mode,
            dry_run=job.dry_run,
            background=job.background,
            status=job.status,
            total_rows=job.total_rows,
            rows_done=job.rows_done,
            counts=ImportCounts(
                created=job.created_count,
                updated=job.updated_count,
                unchanged=job.unchanged_count,
                failed=job.failed_count,
            ),
            errors=errors[:ERRORS_SHOWN],
            errors_truncated=truncated,
            requested_by_user_id=job.requested_by_user_id,
            started_at=job.started_at,
            finished_at=job.finished_at,
            cancel_requested_at=job.cancel_requested_at,
        )

    async def page(self, lq) -> dict[str, Any]:
        jobs, next_cursor = await self.list(lq)
        return {"items": await self.present_many(jobs), "next_cursor": next_cursor}

    async def rows(
        self,
        job: Import,
        outcomes: list[ImportOutcome] | None,
        limit: int,
        cursor: str | None,
    ) -> dict[str, Any]:
        """One page of an import's rows by row number, optionally of some outcomes only."""
        stmt = select(ImportRow).where(ImportRow.import_id == job.id)
        if outcomes:
            stmt = stmt.where(ImportRow.outcome.in_(outcomes))
        if cursor:
            stmt = stmt.where(ImportRow.row > _row_of(cursor))
        stmt = stmt.order_by(ImportRow.row).limit(limit + 1)
        found = list(await self.session.scalars(stmt))
        next_cursor = None
        if len(found) > limit:
            found = found[:limit]
            next_cursor = _cursor_at(found[-1].row)
        items = [
            {
                "row": r.row,
                "outcome": r.outcome,
                "external_id": r.external_id,
                "record_id": r.record_id,
                "errors": r.errors or [],
            }
            for r in found
        ]
        return {"items": items, "next_cursor": next_cursor}

    # starting ----------------------------------------------------------------------------------
    def _may_import(self, programme_id: uuid.UUID) -> None:
        role = self.principal.role_in(programme_id)
        if role is None:
            raise NotFound("programme")
        if not self.principal.at_least(programme_id, ProgrammeRole.editor):
            raise Forbidden(f"Your role in this programme ({role}) may not import records.")

    async def _by_key(self, key: str) -> Import | None:
        stmt = select(Import).where(
            Import.requested_by == requester(self.principal), Import.idempotency_key == key
        )
        return (await self.session.scalars(stmt.execution_options(populate_existing=True))).first()

    def _replay(self, job: Import, digest: str) -> Import:
        """The import a repeated request started, recorded in the trail as asked again."""
        if job.request_digest != digest:
            raise ValidationFailed(
                "This Idempotency-Key was used for another file or other options.",
                errors=[
                    {
                        "parameter": "Idempotency-Key",
                        "code": "idempotency_key_reused",
                        "detail": "already used for another file or other options; send a "
                        "new key for a new import",
                    }
                ],
            )
        self.audit("replay", job, None, None)
        return job

    async def start(
        self,
        *,
        programme_id: uuid.UUID,
        resource: ImportResource,
        mode: ImportMode,
        dry_run: bool,
        filename: str | None,
        content_type: str | None,
        content: bytes,
        idempotency_key: str | None,
        settings: Settings,
    ) -> Import:
        """Start an import: done at once for a small file, queued for the worker otherwise.
        A repeated Idempotency-Key answers the import it started."""
        self._may_import(programme_id)
        digest = request_digest(content, programme_id, resource, mode, dry_run)
        if idempotency_key is not None:
            earlier = await self._by_key(idempotency_key)
            if earlier is not None:
                return self._replay(earlier, digest)
        if resource == ImportResource.programme:
            # A programme export (programme_export.py).
            export = read_export(content)
            await require_empty(self.session, programme_id)
            file_format, total = "zip", export.total
        else:
            table = read_file(content, filename, content_type)
            plan = plan_columns(resource, table.columns)
            file_format, total = table.format, table.total
        background = total > settings.import_background_rows
        now = utcnow()
        job = Import(
            id=uuid7(),
            programme_id=programme_id,
            resource=resource,
            filename=(filename or "")[-255:] or None,
            file_format=file_format,
            content=content if background else None,
            request_digest=digest,
            mode=mode,
            dry_run=dry_run,
            background=background,
            status=ImportStatus.queued if background else ImportStatus.running,
            total_rows=total,
            rows_done=0,
            created_count=0,
            updated_count=0,
            unchanged_count=0,
            failed_count=0,
            requested_by=requester(self.principal),
            requested_by_user_id=self.principal.user_id,
            idempotency_key=idempotency_key,
            started_at=None if background else now,
            attempts=0,
        )
        await open_writes(self.session)
        try:
            async with self.session.begin_nested():
                self.session.add(job)
                await self.session.flush()
        except IntegrityError:
            # Another request with the same key was first: answer what it started.
            earlier = await self._by_key(idempotency_key) if idempotency_key else None
            if earlier is None:
                raise
            return self._replay(earlier, digest)
        self.audit("create", job, None, self.snapshot(job))
        if background:
            return job
        if resource == ImportResource.programme:
            await self._settle(
                job,
                lambda: import_programme(
                    self.session,
                    self.principal,
                    programme_id,
                    export,
                    chunk_rows=settings.import_chunk_rows,
                ),
            )
        else:
            await self._run_now(job, table, plan, settings.import_chunk_rows)
        return job

    async def _run_now(self, job: Import, table: Table, plan: ColumnPlan, chunk_rows: int) -> None:
        """A small file within the request: its rows in a savepoint of the request's
        transaction, kept or rolled back as the mode says, then the report."""
        rows = TableImport(
            self.session,
            self.principal,
            job.programme_id,
            job.resource,
            plan,
            split_lists=table.format in ("csv", "xlsx"),
        )
        await rows.prepare()

        async def write() -> list[RowOutcome]:
            outcomes: list[RowOutcome] = []
            for chunk in chunks(table.rows(), chunk_rows):
                outcomes.extend(await rows.process(chunk))
            return outcomes

        await self._settle(job, write)

    async def _settle(self, job: Import, write: Callable[[], Awaitable[list[RowOutcome]]]) -> None:
        """The rows `write` writes, in a savepoint of the request's transaction, kept or
        rolled back as the mode says; then the report."""
        savepoint = await self.session.begin_nested()
        try:
            outcomes = await write()
        except BaseException:
            await savepoint.rollback()
            raise
        counts = tally(outcomes)
        failed = counts[ImportOutcome.failed]
        if job.dry_run or (failed and job.mode == ImportMode.all_or_nothing):
            await savepoint.rollback()
            nothing_written(outcomes)
        else:
            await savepoint.commit()
        await write_outcomes(self.session, job.id, outcomes)
        for name, value in count_values(counts).items():
            setattr(job, name, value)
        job.rows_done = len(outcomes)
        job.status = final_status(failed)
        job.finished_at = utcnow()
        await self.session.flush()
        emit(self.session, finished_event(job, self.principal.user_id))

    # cancelling --------------------------------------------------------------------------------
    async def cancel(self, job: Import) -> Import:
        """Ask a queued or running import to stop: a queued one stops at once, a running one
        at its next chunk."""
        role = self.principal.role_in(job.programme_id)
        if role is None:
            raise NotFound(self.label)
        if job.requested_by != requester(self.principal) and not self.principal.at_least(
            job.programme_id, ProgrammeRole.programme_admin
        ):
            raise Forbidden(
                "Only the one who started an import, or a programme administrator, may cancel it."
            )
        before = self.snapshot(job)
        now = utcnow()
        asked = await self.session.execute(
            update(Import)
            .where(Import.id == job.id, Import.status.in_(ACTIVE))
            .values(
                cancel_requested_at=func.coalesce(Import.cancel_requested_at, now),
                version=Import.version + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if asked.rowcount != 1:  # type: ignore[attr-defined]
            raise conflict(
                f"The import has finished ({job.status}); only a queued or running import "
                "can be cancelled.",
                "not_running",
            )
        await self.session.execute(
            update(Import)
            .where(Import.id == job.id, Import.status == ImportStatus.queued)
            .values(status=ImportStatus.cancelled, finished_at=now, version=Import.version + 1)
            .execution_options(synchronize_session=False)
        )
        job = await self.get(job.id)
        self.audit("cancel", job, before, self.snapshot(job))
        if job.status == ImportStatus.cancelled:
            # A queued import ends here; a running one when the worker reads the request.
            emit(self.session, finished_event(job, self.principal.user_id))
        return job


def _cursor_at(row: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"row": row}).encode()).decode().rstrip("=")


def _row_of(cursor: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        row = data["row"]
        if type(row) is not int or not 0 <= row < 2**31:
            raise ValueError("out of range")
        return row
    except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise BadRequest("The cursor is not valid; use next_cursor from a previous page.") from exc
