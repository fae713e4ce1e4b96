"""The job worker: takes due jobs, runs their handlers, retries with back-off, enqueues the
recurring jobs when due. `samskap worker` runs it as a process of its own (several may run,
on several machines, against PostgreSQL); every API process runs one too unless
SAMSKAP_RUN_WORKER is off, so that the embedded default needs no second command."""

import asyncio
import contextlib
import logging
import os
import socket
import traceback
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.config import Settings
from samskap.jobs import queue, registry
from samskap.jobs.queue import Claimed, Sessions

if TYPE_CHECKING:
    # Imported when a worker first opens its client: a serving process that runs no worker
    # (SAMSKAP_RUN_WORKER off) does not hold httpx and what it brings.
    import httpx

log = logging.getLogger("samskap.jobs")


class Retry(Exception):
    """Raised by a handler to have its job tried again after `after` (or the kind's
    back-off), without logging a stack trace."""

    def __init__(self, reason: str, after: timedelta | None = None) -> None:
        super().__init__(reason)
        self.after = after


class GiveUp(Exception):
    """Raised by a handler: the job cannot succeed; it fails at once, without retries."""


@dataclass
class JobContext:
    """What a handler gets: its job, the session whose commit marks the job done, a way to
    open other sessions, the settings and a shared HTTP client."""

    job: Claimed
    session: AsyncSession
    sessions: Sessions
    settings: Settings
    http: "httpx.AsyncClient"
    worker: str

    @property
    def payload(self) -> dict[str, Any]:
        return self.job.payload

    @property
    def attempt(self) -> int:
        return self.job.attempt


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{id(asyncio.current_task()):x}"[:120]


@dataclass
class Worker:
    sessions: Sessions
    settings: Settings
    name: str = field(default_factory=worker_name)
    concurrency: int = 4
    http: "httpx.AsyncClient | None" = None

    def __post_init__(self) -> None:
        registry.load_handlers()

    async def schedule(self) -> int:
        """Enqueues the recurring jobs that are due; how many it enqueued."""
        done = 0
        for item in registry.RECURRING.values():
            if await queue.schedule_due(
                self.sessions, item.name, item.kind, item.next_run, at_start=item.at_start
            ):
                done += 1
        return done

    async def run_one(self, job: Claimed) -> None:
        handler = registry.HANDLERS.get(job.kind)
        assert self.http is not None
        async with self.sessions() as session:
            if handler is None:
                await queue.retry_or_fail(
                    session, job, self.name, f"no handler for {job.kind!r}", None
                )
                await session.commit()
                return
            keeper = asyncio.create_task(self._keep_lease(job, self._lease_of(handler)))
            try:
                await handler.run(
                    JobContext(job, session, self.sessions, self.settings, self.http, self.name)
                )
                if await queue.succeed(session, job, self.name):
                    await session.commit()
                else:
                    log.warning("job %s (%s) was taken over; its work is undone", job.id, job.kind)
                    await session.rollback()
            except asyncio.CancelledError:
                await session.rollback()
                await asyncio.shield(self._hand_back(job))
                raise
            except Exception as exc:
                await session.rollback()
                await self._failed(job, handler, exc)
            finally:
                keeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await keeper

    async def _keep_lease(self, job: Claimed, lease: timedelta) -> None:
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            try:
                async with self.sessions() as session:
                    await queue.renew(session, job, self.name, lease)
                    await session.commit()
            except Exception:
                log.warning("could not renew the lease of job %s", job.id, exc_info=True)

    async def _failed(self, job: Claimed, handler: registry.Handler, exc: Exception) -> None:
        if isinstance(exc, GiveUp):
            retry_in, error = None, str(exc)
        elif isinstance(exc, Retry):
            retry_in = exc.after if exc.after is not None else handler.backoff(job.attempt)
            error = str(exc)
        else:
            log.exception("job %s (%s) failed", job.id, job.kind, exc_info=exc)
            retry_in = handler.backoff(job.attempt)
            error = "".join(traceback.format_exception_only(exc)).strip()
        try:
            async with self.sessions() as session:
                await queue.retry_or_fail(session, job, self.name, error, retry_in)
                await session.commit()
        except Exception:
            log.warning("could not record the failure of job %s", job.id, exc_info=True)

    async def _hand_back(self, job: Claimed) -> None:
        try:
            async with self.sessions() as session:
                await queue.hand_back(session, job, self.name)
                await session.commit()
        except Exception:
            log.warning("could not hand job %s back", job.id, exc_info=True)

    async def step(self, limit: int | None = None) -> int:
        """Takes the due jobs (up to `limit`, or the concurrency) and runs them side by side;
        how many it ran."""
        jobs = await queue.claim(
            self.sessions,
            self.name,
            limit=limit or self.concurrency,
            lease=self._lease(),
        )
        if jobs:
            await asyncio.gather(*(self.run_one(job) for job in jobs))
        return len(jobs)

    async def drain(self, *, schedule: bool = False, rounds: int = 1000) -> int:
        """Runs jobs until none is due (tests call this; so does `samskap worker --once`)."""
        total = 0
        async with self._client():
            if schedule:
                await self.schedule()
            for _ in range(rounds):
                ran = await self.step()
                total += ran
                if not ran:
                    break
        return total

    @contextlib.asynccontextmanager
    async def _client(self):
        if self.http is not None:
            yield self.http
            return
        import httpx

        async with httpx.AsyncClient(
            timeout=httpx.Timeout(self.settings.webhook_timeout_seconds),
            follow_redirects=False,
            trust_env=False,
        ) as client:
            self.http = client
            try:
                yield client
            finally:
                self.http = None

    async def run_forever(self) -> None:
        """Keeps up to `concurrency` jobs running; looks for more when one ends, when this
        process enqueues one, or every job_poll_seconds."""
        running: set[asyncio.Task[None]] = set()
        wakeup = queue.wakeup_event()
        async with self._client():
            try:
                while True:
                    found = 0
                    try:
                        await self.schedule()
                        free = self.concurrency - len(running)
                        if free > 0:
                            wakeup.clear()
                            for job in await queue.claim(
                                self.sessions, self.name, limit=free, lease=self._lease()
                            ):
                                task = asyncio.create_task(self.run_one(job))
                                running.add(task)
                                task.add_done_callback(running.discard)
                                found += 1
                    except asyncio.CancelledError:
                        raise
                    except Exception:
                        log.warning(
                            "job worker %s: could not look for work", self.name, exc_info=True
                        )
                    if found and len(running) < self.concurrency:
                        continue
                    waits: list[Any] = [asyncio.ensure_future(wakeup.wait()), *running]
                    await asyncio.wait(
                        waits,
                        timeout=self.settings.job_poll_seconds,
                        return_when=asyncio.FIRST_COMPLETED,
                    )
                    waits[0].cancel()
            finally:
                for task in running:
                    task.cancel()
                await asyncio.gather(*running, return_exceptions=True)

    def _lease(self) -> timedelta:
        if self.settings.job_lease_seconds:
            return timedelta(seconds=self.settings.job_lease_seconds)
        return max((h.lease for h in registry.HANDLERS.values()), default=timedelta(seconds=60))

    def _lease_of(self, handler: registry.Handler) -> timedelta:
        if self.settings.job_lease_seconds:
            return timedelta(seconds=self.settings.job_lease_seconds)
        return handler.lease


def start(sessions: Sessions, settings: Settings) -> asyncio.Task[None]:
    worker = Worker(sessions, settings, concurrency=settings.job_concurrency)
    return asyncio.create_task(worker.run_forever(), name="samskap-job-worker")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
