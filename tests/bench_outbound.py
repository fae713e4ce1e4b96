"""`make bench`, the job queue and webhooks, on PostgreSQL:

- queue: how many jobs per second `samskap worker`-like processes drain: 5,000 jobs that do
  nothing, enqueued at once, run by one worker process and then by two (each takes its jobs
  FOR UPDATE SKIP LOCKED; the machine has two cores).
- webhooks: the delay from a committed change (PATCH of a task through the API, in a uvicorn
  process whose own worker runs as in `make run`) to its signed delivery arriving at a real
  receiver (tests/receivers.py), one change at a time: p50 and p99 over 200 changes.
"""

import asyncio
import os
import statistics
import sys
import time

import httpx
from sqlalchemy import delete

from samskap.cli import migrate
from samskap.config import Settings
from samskap.jobs import registry
from samskap.jobs.queue import enqueue
from samskap.jobs.worker import JobContext, Worker
from samskap.main import create_app
from samskap.models import Job
from tests.bench import API, _post, api_process
from tests.bench_transfer import _admin_programme
from tests.receivers import receiving

QUEUE_JOBS = 5_000
NOOP = "bench.noop"
CHANGES = 200
WEBHOOK_PORT = 8199


@registry.handler(NOOP)
async def _noop(ctx: JobContext) -> None:
    """Nothing: the queue's own cost is what is measured."""


def _postgresql_only(url: str, part: str) -> bool:
    if url.startswith("postgresql"):
        return True
    print(f"{part}: measured on PostgreSQL only (database: {url.split('://')[0]})")
    return False


async def _drain(url: str) -> None:
    """One worker process: runs due jobs until none is left; prints when it took its first
    and finished its last, and how many it ran."""
    settings = Settings(database_url=url, run_worker=False)
    app = create_app(settings)
    first = last = None
    ran = 0
    async with httpx.AsyncClient() as http:
        worker = Worker(
            app.state.sessions, settings, concurrency=settings.job_concurrency, http=http
        )
        while True:
            done = await worker.step()
            if not done:
                break
            first = first or time.time()
            ran += done
            last = time.time()
    await app.state.engine.dispose()
    print(f"{ran} {first or 0} {last or 0} {time.process_time()}", flush=True)


async def _enqueue(url: str, count: int) -> None:
    app = create_app(Settings(database_url=url))
    async with app.state.sessions() as session:
        await session.execute(delete(Job))
        for _ in range(count):
            enqueue(session, NOOP, {})
        await session.commit()
    await app.state.engine.dispose()


async def _drained_by(url: str, workers: int) -> tuple[int, float, float]:
    """Jobs run, seconds from the first take to the last finish, and the processes' CPU
    seconds, over `workers` processes started together."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.bench_outbound",
            "drain",
            url,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "SAMSKAP_JOB_CONCURRENCY": "4"},
        )
        for _ in range(workers)
    ]
    reports = []
    for process in processes:
        out, _ = await process.communicate()
        reports.append([float(v) for v in out.decode().split()[-4:]])
    ran = sum(int(r[0]) for r in reports)
    started = min(r[1] for r in reports if r[0])
    finished = max(r[2] for r in reports)
    return ran, finished - started, sum(r[3] for r in reports)


async def bench_queue(url: str) -> None:
    if not _postgresql_only(url, "queue"):
        return
    await asyncio.to_thread(migrate, "head", url)
    for workers in (1, 2):
        await _enqueue(url, QUEUE_JOBS)
        ran, seconds, cpu = await _drained_by(url, workers)
        assert ran == QUEUE_JOBS, f"{ran} of {QUEUE_JOBS} jobs ran"
        print(
            f"job queue, {workers} worker process{'es' if workers > 1 else ''} (4 jobs at a "
            f"time each): {QUEUE_JOBS:,} no-op jobs in {seconds:.2f} s, "
            f"{QUEUE_JOBS / seconds:,.0f} jobs/s; workers' CPU {cpu * 1000 / QUEUE_JOBS:.2f} "
            f"ms per job (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )


async def bench_webhooks(url: str) -> None:
    if not _postgresql_only(url, "webhooks"):
        return
    token, programme, project = await _admin_programme(url, "Webhooks")
    with receiving() as receiver:
        async with (
            api_process(url, WEBHOOK_PORT, webhook_allow_private_targets="true") as (base, _),
            httpx.AsyncClient(base_url=base, headers={"Authorization": token}, timeout=60) as http,
        ):
            task = await _post(http, "/tasks", {"project_id": project["id"], "title": "Måles"})
            webhook = await _post(
                http,
                "/webhooks",
                {
                    "programme_id": programme["id"],
                    "url": receiver.url,
                    "event_types": ["task.updated"],
                },
            )
            receiver.secret = webhook["secret"]
            version = f'"{task["version"]}"'
            from_answer, from_request = [], []
            for i in range(CHANGES + 10):
                sent = time.monotonic()
                r = await http.patch(
                    f"{API}/tasks/{task['id']}",
                    json={"title": f"Måles {i}"},
                    headers={"If-Match": version},
                )
                answered = time.monotonic()
                r.raise_for_status()
                version = r.headers["etag"]
                [*_, arrived] = await asyncio.to_thread(receiver.wait_for, i + 1, 60)
                assert arrived.error is None, arrived.error
                assert arrived.payload["data"]["title"] == f"Måles {i}"
                if i >= 10:  # the first ones warm the process up
                    from_answer.append((arrived.arrived - answered) * 1000)
                    from_request.append((arrived.arrived - sent) * 1000)
    for label, samples in (
        ("PATCH answered -> delivery arrived", from_answer),
        ("PATCH sent -> delivery arrived", from_request),
    ):
        samples.sort()
        p99 = samples[max(0, int(len(samples) * 0.99) - 1)]
        print(
            f"webhook delay, {label:<36} p50 {statistics.median(samples):7.1f} ms   "
            f"p99 {p99:7.1f} ms   ({len(samples)} changes)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["drain"]:
        asyncio.run(_drain(sys.argv[2]))
