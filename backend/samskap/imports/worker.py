"""The background worker: runs queued imports, one at a time, in every API process.

The import row is the job. A worker claims one with a guarded UPDATE (`WHERE status =
'queued'`, or `running` with a heartbeat older than `import_stale_seconds`: its process
died), so two processes never both take it; the loser's UPDATE matches no row. There is no
job-queue library here on purpose: the job, its progress and its outcome already live in
the import's own rows, and no maintained Python queue serves both SQLite and PostgreSQL
through the database the app already has: Celery, RQ, Dramatiq and arq need Redis or
RabbitMQ; Procrastinate and PgQueuer are PostgreSQL-only; Huey's SQL store goes through a
second ORM (peewee) and a consumer process of its own. A second system to run
for one kind of job would cost more than this module.

How a process that dies leaves an import:
- `all_or_nothing` (and every dry run): the rows are written in one transaction that
  commits only at the end, so nothing of it is left; the worker that takes it up again
  starts over.
- `valid_rows`: each chunk's rows commit together with the import's rows_done and counts,
  so the worker that takes it up resumes after rows_done, and no row is half-written.

Progress (heartbeat, rows_done, counts) is written every chunk in short transactions of its
own; on SQLite, which has one writer at a time, an all_or_nothing import writes it only at
the end. A cancel request is read between chunks.
"""

import asyncio
import contextlib
import gc
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from itertools import islice
from typing import Any

from fastapi import FastAPI
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import undefer

from samskap.auth.principal import Principal
from samskap.config import Settings
from samskap.db import utcnow
from samskap.imports.engine import RowOutcome, TableImport, chunks, plan_columns, write_outcomes
from samskap.imports.programme_export import import_programme, read_programme_export
from samskap.imports.readers import UnreadableFile, read_table
from samskap.imports.service import (
    announce_finished,
    count_values,
    final_status,
    nothing_written,
    open_writes,
    principal_of,
    tally,
)
from samskap.models.enums import ImportMode, ImportOutcome, ImportResource, ImportStatus
from samskap.models.imports import Import
from samskap.problems import AppError

log = logging.getLogger("samskap.imports")

Sessions = async_sessionmaker[AsyncSession]
AfterChunk = Callable[[uuid.UUID], Awaitable[None]]


class LostClaim(Exception):
    """Another worker took the import over (this one's heartbeat had stopped)."""


def _claimable(stale_before: Any) -> Any:
    return or_(
        Import.status == ImportStatus.queued,
        and_(
            Import.status == ImportStatus.running,
            or_(Import.heartbeat_at.is_(None), Import.heartbeat_at < stale_before),
        ),
    )


async def claim(sessions: Sessions, settings: Settings) -> tuple[uuid.UUID, int] | None:
    """Take the oldest queued import (or a running one whose worker died): its id and the
    attempt this is, or None when there is nothing to do."""
    now = utcnow()
    stale_before = now - timedelta(seconds=settings.import_stale_seconds)
    async with sessions() as session:
        candidate = await session.scalar(
            select(Import.id)
            .where(Import.background.is_(True), _claimable(stale_before))
            .order_by(Import.created_at)
            .limit(1)
        )
        if candidate is None:
            return None
        taken = await session.execute(
            update(Import)
            .where(Import.id == candidate, _claimable(stale_before))
            .values(
                status=ImportStatus.running,
                heartbeat_at=now,
                started_at=now,
                attempts=Import.attempts + 1,
                version=Import.version + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        await session.commit()
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            return None
        attempt = await session.scalar(select(Import.attempts).where(Import.id == candidate))
    return candidate, int(attempt or 0)


def _mine(job_id: uuid.UUID, attempt: int) -> Any:
    return and_(
        Import.id == job_id, Import.attempts == attempt, Import.status == ImportStatus.running
    )


async def _set(session: AsyncSession, job_id: uuid.UUID, attempt: int, **values: Any) -> None:
    """Update the import, as long as it is still this worker's; else LostClaim."""
    now = utcnow()
    result = await session.execute(
        update(Import)
        .where(_mine(job_id, attempt))
        .values(**values, version=Import.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LostClaim(str(job_id))


@contextlib.contextmanager
def _heap_frozen() -> Any:
    """While an import runs, the objects that were there before it (the app, the file's
    rows) are left out of the garbage collector's full collections, which would otherwise
    walk them all again every few thousand rows: a fifth of a large import's time. What
    the import itself leaves behind is collected as usual; the rest is handed back after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Run:
    """One claimed import, run to its end."""

    def __init__(
        self,
        sessions: Sessions,
        settings: Settings,
        job_id: uuid.UUID,
        attempt: int,
        after_chunk: AfterChunk | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.job_id = job_id
        self.attempt = attempt
        self.after_chunk = after_chunk

    async def cancel_requested(self) -> bool:
        async with self.sessions() as session:
            asked = await session.scalar(
                select(Import.cancel_requested_at).where(Import.id == self.job_id)
            )
        return asked is not None

    async def finish(self, **values: Any) -> None:
        async with self.sessions() as session:
            await _set(session, self.job_id, self.attempt, finished_at=utcnow(), **values)
            await announce_finished(session, self.job_id)
            await session.commit()

    async def run(self) -> None:
        async with self.sessions() as session:
            job = await session.scalar(
                select(Import).where(Import.id == self.job_id).options(undefer(Import.content))
            )
            assert job is not None
            principal = await principal_of(session, job)
        if principal is None:
            await self.finish(
                status=ImportStatus.failed,
                file_errors=[
                    {
                        "pointer": "/file",
                        "code": "requester_gone",
                        "detail": "the user or API token that sent the file can no longer act",
                    }
                ],
            )
            return
        if job.resource == ImportResource.programme:
            await self.programme(job, principal)
            return
        try:
            table = read_table(job.content or b"", job.filename)
            plan = plan_columns(job.resource, table.columns)
        except (UnreadableFile, AppError) as exc:
            code = getattr(exc, "code", None) or "unreadable_file"
            await self.finish(
                status=ImportStatus.failed,
                file_errors=[{"pointer": "/file", "code": code, "detail": str(exc)}],
            )
            return
        self.job = job
        self.table = table
        self.make_rows = lambda session: TableImport(
            session,
            principal,
            job.programme_id,
            job.resource,
            plan,
            split_lists=table.format in ("csv", "xlsx"),
        )
        with _heap_frozen():
            if job.mode == ImportMode.valid_rows and not job.dry_run:
                await self.chunk_by_chunk()
            else:
                await self.all_at_once()

    async def programme(self, job: Import, principal: Principal) -> None:
        """A programme export (programme_export.py): all its files in one transaction, since
        the map of old ids to new ones lives only as long as it, in every mode; the report is
        written once it has ended. A process that dies leaves nothing of it: the worker that
        takes it up again starts over."""
        try:
            export = read_programme_export(job.content or b"")
        except UnreadableFile as exc:
            await self.finish(
                status=ImportStatus.failed,
                file_errors=[{"pointer": "/file", "code": exc.code, "detail": exc.detail}],
            )
            return
        async with self.sessions() as session:
            await open_writes(session)
            try:
                outcomes = await import_programme(
                    session,
                    principal,
                    job.programme_id,
                    export,
                    chunk_rows=self.settings.import_chunk_rows,
                )
            except AppError as exc:
                # The programme received records after the export was queued.
                await session.rollback()
                items = exc.errors or [{"code": "conflict", "detail": exc.detail}]
                await self.finish(
                    status=ImportStatus.failed,
                    file_errors=[
                        {"pointer": "/file", "code": item["code"], "detail": item["detail"]}
                        for item in items
                    ],
                )
                return
            if await self.cancel_requested():
                await session.rollback()
                await self.finish(status=ImportStatus.cancelled)
                return
            counts = tally(outcomes)
            failed = counts[ImportOutcome.failed]
            final = {
                "status": final_status(failed),
                "rows_done": len(outcomes),
                "heartbeat_at": utcnow(),
                "finished_at": utcnow(),
                **count_values(counts),
            }
            if not job.dry_run and not (failed and job.mode == ImportMode.all_or_nothing):
                await write_outcomes(session, job.id, outcomes)
                await _set(session, job.id, self.attempt, **final)
                await announce_finished(session, job.id)
                await session.commit()
                return
            await session.rollback()
        async with self.sessions() as session:
            await write_outcomes(session, job.id, nothing_written(outcomes))
            await _set(session, job.id, self.attempt, **final)
            await announce_finished(session, job.id)
            await session.commit()

    async def progress(self, rows_done: int, counts: Counter) -> None:
        async with self.sessions() as session:
            await _set(
                session,
                self.job_id,
                self.attempt,
                rows_done=rows_done,
                heartbeat_at=utcnow(),
                **count_values(counts),
            )
            await session.commit()

    async def all_at_once(self) -> None:
        """One transaction for every row; the report is written once it has ended."""
        job = self.job
        size = self.settings.import_chunk_rows
        async with self.sessions() as session:
            await open_writes(session)
            # SQLite has one writer: the rows' transaction holds it, so progress waits.
            separate_progress = session.get_bind().dialect.name != "sqlite"
            rows = self.make_rows(session)
            await rows.prepare()
            outcomes: list[RowOutcome] = []
            counts: Counter = Counter()
            for chunk in chunks(self.table.rows(), size):
                if await self.cancel_requested():
                    await session.rollback()
                    await self.finish(status=ImportStatus.cancelled)
                    return
                found = await rows.process(chunk)
                outcomes.extend(found)
                counts.update(o.outcome for o in found)
                if separate_progress:
                    await self.progress(len(outcomes), counts)
                if self.after_chunk is not None:
                    await self.after_chunk(self.job_id)
            if await self.cancel_requested():
                await session.rollback()
                await self.finish(status=ImportStatus.cancelled)
                return
            failed = counts[ImportOutcome.failed]
            final = {
                "status": final_status(failed),
                "rows_done": len(outcomes),
                "heartbeat_at": utcnow(),
                "finished_at": utcnow(),
                **count_values(counts),
            }
            if job.dry_run or failed:
                await session.rollback()
            else:
                await write_outcomes(session, job.id, outcomes)
                await _set(session, job.id, self.attempt, **final)
                await announce_finished(session, job.id)
                await session.commit()
                return
        async with self.sessions() as session:
            await write_outcomes(session, job.id, nothing_written(outcomes))
            await _set(session, job.id, self.attempt, **final)
            await announce_finished(session, job.id)
            await session.commit()

    async def chunk_by_chunk(self) -> None:
        """Each chunk's rows commit with the import's progress; a resumed import starts after
        the rows done."""
        job = self.job
        size = self.settings.import_chunk_rows
        done = job.rows_done
        counts = Counter(
            {
                ImportOutcome.created: job.created_count,
                ImportOutcome.updated: job.updated_count,
                ImportOutcome.unchanged: job.unchanged_count,
                ImportOutcome.failed: job.failed_count,
            }
        )
        async with self.sessions() as session:
            rows = self.make_rows(session)
            await rows.prepare()
            remaining = self.table.rows()
            for number, cells in islice(remaining, done):
                rows.key_only(number, cells)
            for chunk in chunks(remaining, size):
                if await self.cancel_requested():
                    await self.finish(status=ImportStatus.cancelled)
                    return
                await open_writes(session)
                found = await rows.process(chunk)
                await write_outcomes(session, job.id, found)
                done += len(found)
                counts.update(tally(found))
                await _set(
                    session,
                    job.id,
                    self.attempt,
                    rows_done=done,
                    heartbeat_at=utcnow(),
                    **count_values(counts),
                )
                await session.commit()
                if self.after_chunk is not None:
                    await self.after_chunk(self.job_id)
        if await self.cancel_requested():
            await self.finish(status=ImportStatus.cancelled)
            return
        await self.finish(status=final_status(counts[ImportOutcome.failed]))


async def step(app: FastAPI, after_chunk: AfterChunk | None = None) -> bool:
    """Claim one import and run it to its end; False when none was waiting. The worker's
    loop calls this; so do tests, which run the app without its lifespan."""
    sessions: Sessions = app.state.sessions
    settings: Settings = app.state.settings
    claimed = await claim(sessions, settings)
    if claimed is None:
        return False
    job_id, attempt = claimed
    try:
        await Run(sessions, settings, job_id, attempt, after_chunk).run()
    except LostClaim:
        log.warning("import %s was taken over by another worker", job_id)
    except asyncio.CancelledError:
        # The process is stopping: hand the import back, so that the next worker takes it
        # up at once rather than after its heartbeat has gone stale.
        await asyncio.shield(_hand_back(sessions, job_id, attempt))
        raise
    except Exception:
        log.exception("import %s failed", job_id)
        await _give_up(sessions, job_id, attempt)
    return True


async def _hand_back(sessions: Sessions, job_id: uuid.UUID, attempt: int) -> None:
    try:
        async with sessions() as session:
            await _set(session, job_id, attempt, status=ImportStatus.queued, heartbeat_at=None)
            await session.commit()
    except LostClaim:
        pass  # it had just finished (or another worker has it): nothing to hand back
    except Exception:
        log.warning("could not hand import %s back", job_id, exc_info=True)


async def _give_up(sessions: Sessions, job_id: uuid.UUID, attempt: int) -> None:
    try:
        async with sessions() as session:
            await _set(
                session,
                job_id,
                attempt,
                status=ImportStatus.failed,
                finished_at=utcnow(),
                file_errors=[
                    {
                        "pointer": "/file",
                        "code": "internal",
                        "detail": "the import stopped on an unexpected error; see the server log",
                    }
                ],
            )
            await announce_finished(session, job_id)
            await session.commit()
    except Exception:
        log.warning("could not mark import %s failed", job_id, exc_info=True)


async def run_forever(app: FastAPI) -> None:
    """The worker's loop: run imports while there are any, else wait a little."""
    settings: Settings = app.state.settings
    while True:
        try:
            busy = await step(app)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("import worker: could not look for work", exc_info=True)
            busy = False
        if not busy:
            await asyncio.sleep(settings.import_poll_seconds)


def start(app: FastAPI) -> asyncio.Task[None]:
    return asyncio.create_task(run_forever(app), name="samskap-import-worker")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
