"""The durable job queue, in the application's own database.

A job is a row of `job`. It is enqueued in the transaction of the change that causes it, so a
rolled-back request leaves none and a committed one always has its job. A worker takes due
jobs with one UPDATE of the rows a sub-select picks; on PostgreSQL the sub-select locks them
`FOR UPDATE SKIP LOCKED`, so workers on several machines never take the same job and never
wait on each other; SQLite has one writer at a time, which serialises the same UPDATE.
A taken job carries a lease (`locked_until`): the worker renews it while the handler runs,
and a job whose worker died is taken again when its lease has run out. Finishing is guarded
by the worker's name and the attempt, so a worker that lost its lease cannot finish the job
that another now runs.

No queue library does this for both databases through the app's own connection (see
samskap/imports/worker.py for the ones considered), and only one in the app's own
transaction can be an outbox.
"""

import asyncio
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, and_, event, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.models import Job, JobSchedule
from samskap.models.enums import JobStatus

Sessions = async_sessionmaker[AsyncSession]
_ENQUEUED = "samskap_jobs_enqueued"
# Workers of this process waiting for work; a commit that enqueued a job wakes them.
_waiting: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()


def wakeup_event() -> asyncio.Event:
    """An event set whenever a transaction of this process commits a new job."""
    woken = asyncio.Event()
    _waiting.add((asyncio.get_running_loop(), woken))
    return woken


@event.listens_for(Session, "after_commit")
def _wake_workers(session: Session) -> None:
    if session.info.pop(_ENQUEUED, False):
        for loop, woken in list(_waiting):
            if loop.is_closed():
                _waiting.discard((loop, woken))
            else:
                loop.call_soon_threadsafe(woken.set)


@event.listens_for(Session, "after_rollback")
def _nothing_enqueued(session: Session) -> None:
    session.info.pop(_ENQUEUED, None)


def enqueue(
    session: AsyncSession | Session,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at: datetime | None = None,
    max_attempts: int | None = None,
) -> Job:
    """Adds a job to the session: it exists once, and only if, the session commits."""
    from samskap.jobs.registry import HANDLERS

    registered = HANDLERS.get(kind)
    job = Job(
        id=uuid7(),
        kind=kind,
        payload=payload or {},
        status=JobStatus.queued,
        run_at=run_at or utcnow(),
        attempts=0,
        max_attempts=max_attempts or (registered.max_attempts if registered else 10),
        created_at=utcnow(),
    )
    session.add(job)
    session.info[_ENQUEUED] = True
    return job


@dataclass(frozen=True)
class Claimed:
    """A job as a worker took it."""

    id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    attempt: int
    max_attempts: int


def _due(now: datetime) -> Any:
    return or_(
        and_(Job.status == JobStatus.queued, Job.run_at <= now),
        and_(Job.status == JobStatus.running, Job.locked_until < now),
    )


async def claim(
    sessions: Sessions,
    worker: str,
    *,
    limit: int = 1,
    lease: timedelta = timedelta(seconds=60),
    kinds: list[str] | None = None,
) -> list[Claimed]:
    """Takes up to `limit` due jobs (queued and due, or running with a lapsed lease), oldest
    due first, for `worker`."""
    now = utcnow()
    pick = select(Job.id).where(_due(now)).order_by(Job.run_at).limit(limit)
    if kinds is not None:
        pick = pick.where(Job.kind.in_(kinds))
    pick = pick.with_for_update(skip_locked=True)
    async with sessions() as session:
        rows = (
            await session.execute(
                update(Job)
                .where(Job.id.in_(pick.scalar_subquery()), _due(now))
                .values(
                    status=JobStatus.running,
                    locked_by=worker,
                    locked_until=now + lease,
                    attempts=Job.attempts + 1,
                )
                .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.max_attempts)
                .execution_options(synchronize_session=False)
            )
        ).all()
        await session.commit()
    return [Claimed(r.id, r.kind, r.payload or {}, r.attempts, r.max_attempts) for r in rows]


def _mine(job: Claimed, worker: str) -> Any:
    return and_(
        Job.id == job.id,
        Job.status == JobStatus.running,
        Job.locked_by == worker,
        Job.attempts == job.attempt,
    )


async def _set(session: AsyncSession, job: Claimed, worker: str, **values: Any) -> bool:
    result: CursorResult = await session.execute(  # type: ignore[assignment]
        update(Job)
        .where(_mine(job, worker))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def renew(session: AsyncSession, job: Claimed, worker: str, lease: timedelta) -> bool:
    """Extends the lease; False when the job is no longer this worker's."""
    return await _set(session, job, worker, locked_until=utcnow() + lease)


async def succeed(session: AsyncSession, job: Claimed, worker: str) -> bool:
    """Marks the job done, in the session's transaction (commit it); False when it is no
    longer this worker's (then roll back what the handler did)."""
    return await _set(
        session,
        job,
        worker,
        status=JobStatus.succeeded,
        finished_at=utcnow(),
        locked_by=None,
        locked_until=None,
        last_error=None,
    )


async def retry_or_fail(
    session: AsyncSession, job: Claimed, worker: str, error: str, retry_in: timedelta | None
) -> bool:
    """After a failed attempt: queued again after `retry_in`, or failed for good when there is
    none or this was the last attempt allowed."""
    now = utcnow()
    error = error[:2000]
    if retry_in is None or job.attempt >= job.max_attempts:
        return await _set(
            session,
            job,
            worker,
            status=JobStatus.failed,
            finished_at=now,
            locked_by=None,
            locked_until=None,
            last_error=error,
        )
    return await _set(
        session,
        job,
        worker,
        status=JobStatus.queued,
        run_at=now + retry_in,
        locked_by=None,
        locked_until=None,
        last_error=error,
    )


async def hand_back(session: AsyncSession, job: Claimed, worker: str) -> bool:
    """The worker is stopping: the job is queued again at once, the attempt not counted."""
    return await _set(
        session,
        job,
        worker,
        status=JobStatus.queued,
        attempts=Job.attempts - 1,
        locked_by=None,
        locked_until=None,
    )


async def schedule_due(
    sessions: Sessions,
    name: str,
    kind: str,
    next_run_after: Any,
    now: datetime | None = None,
    *,
    at_start: bool = True,
) -> bool:
    """Enqueues the recurring job `name` if it is due, by moving its next run on with a
    guarded UPDATE in the same transaction: of several workers, one does. True if it did."""
    now = now or utcnow()
    async with sessions() as session:
        current = await session.scalar(
            select(JobSchedule.next_run_at).where(JobSchedule.name == name)
        )
        if current is None:
            first = now if at_start else next_run_after(now)
            session.add(JobSchedule(name=name, next_run_at=first))
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
            current = first
        if current > now:
            return False
        moved: CursorResult = await session.execute(  # type: ignore[assignment]
            update(JobSchedule)
            .where(JobSchedule.name == name, JobSchedule.next_run_at == current)
            .values(next_run_at=next_run_after(now))
            .execution_options(synchronize_session=False)
        )
        if moved.rowcount != 1:
            await session.rollback()
            return False
        enqueue(session, kind, {"scheduled_for": current.isoformat()})
        await session.commit()
        return True
