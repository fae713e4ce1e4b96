"""The job queue and its outbox: a job exists only if the change that caused it commits;
workers take each job once, retry with back-off, take up a job whose worker died, and
enqueue a recurring job once however many workers look."""

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from samskap.db import create_engine, session_factory, utcnow
from samskap.jobs import queue, registry
from samskap.jobs.outbox import DISPATCH, OutboundEvent, emit
from samskap.jobs.worker import GiveUp, Retry, Worker
from samskap.models import Job, JobSchedule
from samskap.models.enums import JobStatus
from tests.conftest import BACKEND
from tests.factories import API, make_programme, make_project, make_task

RAN: dict[str, list[tuple[str, int]]] = {}


def record_kind(name: str, **options) -> str:
    """A job kind, for these tests, whose handler notes each run; `fail` makes it raise."""
    kind = f"test.{name}"
    RAN[kind] = []

    @registry.handler(kind, **options)
    async def run(ctx) -> None:
        RAN[kind].append((ctx.payload["n"], ctx.attempt))
        failure = ctx.payload.get("fail")
        if failure == "retry" and ctx.attempt < 3:
            raise Retry("not yet", after=timedelta(0))
        if failure == "give_up":
            raise GiveUp("cannot")
        if failure == "crash":
            raise RuntimeError("boom")

    return kind


async def jobs(app, kind: str | None = None) -> list[Job]:
    async with app.state.sessions() as session:
        stmt = select(Job).order_by(Job.created_at)
        if kind:
            stmt = stmt.where(Job.kind == kind)
        return list(await session.scalars(stmt))


async def test_a_committed_write_enqueues_its_events_and_a_rolled_back_one_nothing(app, client):
    programme = await make_programme(client)
    project = await make_project(client, programme)
    task = await make_task(client, project)
    dispatched = await jobs(app, DISPATCH)
    types = [e["type"] for job in dispatched for e in job.payload["events"]]
    assert types == ["programme.created", "project.created", "task.created"]
    event = dispatched[-1].payload["events"][0]
    assert event["record_id"] == task["id"]
    assert event["programme_id"] == programme["id"]
    assert event["project_id"] == project["id"]
    assert event["data"]["title"] == task["title"]

    # A write refused after its first changes were flushed: nothing of it, nothing queued.
    refused = await client.post(
        f"{API}/tasks",
        json={"project_id": project["id"], "title": "x", "phase_id": str(uuid.uuid4())},
    )
    assert refused.status_code in (404, 409, 422)
    async with app.state.sessions() as session:
        session.add_all([])
        emit(session, OutboundEvent(type="task.updated", programme_id=uuid.UUID(programme["id"])))
        await session.rollback()
    assert len(await jobs(app, DISPATCH)) == 3

    # The same explicit event, committed this time, is one job of its own.
    async with app.state.sessions() as session:
        emit(session, OutboundEvent(type="task.updated", programme_id=uuid.UUID(programme["id"])))
        await session.commit()
    assert len(await jobs(app, DISPATCH)) == 4


async def test_an_update_carries_the_record_before_and_after(app, client):
    programme = await make_programme(client)
    project = await make_project(client, programme)
    task = await make_task(client, project)
    changed = await client.patch(f"{API}/tasks/{task['id']}", json={"title": "Ny tittel"})
    assert changed.status_code == 200
    last = (await jobs(app, DISPATCH))[-1].payload["events"]
    assert [e["type"] for e in last] == ["task.updated"]
    assert last[0]["before"]["title"] == task["title"]
    assert last[0]["data"]["title"] == "Ny tittel"


async def test_a_person_event_leaves_out_union_membership(app, client):
    from tests.factories import make_person

    programme = await make_programme(client)
    await make_person(client, programme, union="Fagforbundet", affiliation="union_representative")
    events = [e for job in await jobs(app, DISPATCH) for e in job.payload["events"]]
    person = next(e for e in events if e["type"] == "person.created")
    assert "union" not in person["data"]
    assert person["data"]["name"]


async def test_jobs_run_once_and_succeed(app):
    kind = record_kind("once")
    async with app.state.sessions() as session:
        for n in range(5):
            queue.enqueue(session, kind, {"n": str(n)})
        await session.commit()
    worker = Worker(app.state.sessions, app.state.settings, concurrency=2)
    assert await worker.drain() == 5
    assert sorted(n for n, _ in RAN[kind]) == ["0", "1", "2", "3", "4"]
    assert {j.status for j in await jobs(app, kind)} == {JobStatus.succeeded}
    assert await worker.drain() == 0


async def test_a_failing_job_is_retried_with_back_off_then_given_up(app):
    kind = record_kind("failing", max_attempts=3, backoff=registry.exponential(base=60))
    async with app.state.sessions() as session:
        queue.enqueue(session, kind, {"n": "crash", "fail": "crash"})
        await session.commit()
    worker = Worker(app.state.sessions, app.state.settings)
    before = utcnow()
    assert await worker.drain() == 1
    (job,) = await jobs(app, kind)
    assert job.status == JobStatus.queued and job.attempts == 1
    assert "boom" in (job.last_error or "")
    # The first back-off is the base: a minute from the failure.
    assert timedelta(seconds=55) <= job.run_at - before <= timedelta(seconds=65)
    assert await worker.drain() == 0  # not due yet

    for _ in (2, 3):
        async with app.state.sessions() as session:
            await session.execute(update(Job).where(Job.id == job.id).values(run_at=utcnow()))
            await session.commit()
        assert await worker.drain() == 1
    (job,) = await jobs(app, kind)
    assert job.status == JobStatus.failed and job.attempts == 3
    assert [a for _, a in RAN[kind]] == [1, 2, 3]


async def test_retry_and_give_up_from_the_handler(app):
    kind = record_kind("chosen", max_attempts=5)
    async with app.state.sessions() as session:
        queue.enqueue(session, kind, {"n": "r", "fail": "retry"})
        queue.enqueue(session, kind, {"n": "g", "fail": "give_up"})
        await session.commit()
    assert await Worker(app.state.sessions, app.state.settings).drain() == 4
    by_n = {j.payload["n"]: j for j in await jobs(app, kind)}
    assert by_n["r"].status == JobStatus.succeeded and by_n["r"].attempts == 3
    assert by_n["g"].status == JobStatus.failed and by_n["g"].attempts == 1
    assert by_n["g"].last_error == "cannot"


async def test_a_job_whose_worker_died_is_taken_again_and_the_dead_one_cannot_finish_it(app):
    kind = record_kind("lease")
    async with app.state.sessions() as session:
        queue.enqueue(session, kind, {"n": "x"})
        await session.commit()
    sessions = app.state.sessions
    (first,) = await queue.claim(sessions, "dead-worker", lease=timedelta(seconds=30))
    assert await queue.claim(sessions, "other") == []  # leased
    async with sessions() as session:
        await session.execute(
            update(Job).where(Job.id == first.id).values(locked_until=utcnow() - timedelta(1))
        )
        await session.commit()
    (again,) = await queue.claim(sessions, "other")
    assert again.id == first.id and again.attempt == 2
    async with sessions() as session:
        assert not await queue.succeed(session, first, "dead-worker")
        assert await queue.succeed(session, again, "other")
        await session.commit()
    (job,) = await jobs(app, kind)
    assert job.status == JobStatus.succeeded


async def test_a_recurring_job_is_enqueued_once_per_due_time(app):
    sessions = app.state.sessions

    def later(now):
        return now + timedelta(minutes=5)

    results = await asyncio.gather(
        *(queue.schedule_due(sessions, "test.tick", "test.tick", later) for _ in range(4))
    )
    assert sum(results) == 1
    assert not await queue.schedule_due(sessions, "test.tick", "test.tick", later)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).where(Job.kind == "test.tick")) == 1
        await session.execute(
            update(JobSchedule).values(next_run_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()
    assert await queue.schedule_due(sessions, "test.tick", "test.tick", later)


@pytest.mark.skipif(BACKEND != "postgresql", reason="several workers share a queue on PostgreSQL")
async def test_two_workers_run_a_thousand_jobs_each_exactly_once(app, settings):
    kind = record_kind("shared")
    async with app.state.sessions() as session:
        for n in range(1000):
            queue.enqueue(session, kind, {"n": str(n)})
        await session.commit()
    # Two workers, each with its own connections, as two processes would have.
    engines = [create_engine(settings.database_url, pool_size=5) for _ in range(2)]
    try:
        workers = [
            Worker(session_factory(engine), settings, name=f"w{i}", concurrency=4)
            for i, engine in enumerate(engines)
        ]
        counts = await asyncio.gather(*(w.drain(rounds=10_000) for w in workers))
    finally:
        for engine in engines:
            await engine.dispose()
    assert sum(counts) == 1000
    assert all(c > 0 for c in counts), counts  # both took a share
    ran = [n for n, _ in RAN[kind]]
    assert len(ran) == 1000 and len(set(ran)) == 1000, (len(ran), len(set(ran)))
    async with app.state.sessions() as session:
        statuses = dict(
            (
                await session.execute(
                    select(Job.status, func.count()).where(Job.kind == kind).group_by(Job.status)
                )
            ).all()
        )
        attempts = await session.scalar(select(func.max(Job.attempts)).where(Job.kind == kind))
    assert statuses == {JobStatus.succeeded: 1000}, statuses
    assert attempts == 1, attempts


async def test_finished_jobs_are_pruned_after_their_retention(app, run_jobs):
    kind = record_kind("old")
    async with app.state.sessions() as session:
        for n in ("recent", "old", "old-failed", "recent-failed"):
            queue.enqueue(session, kind, {"n": n})
        await session.commit()
    await run_jobs()
    days = app.state.settings.job_retention_days
    ages = {
        "old": (JobStatus.succeeded, days + 1),
        "old-failed": (JobStatus.failed, 4 * days + 1),
        "recent-failed": (JobStatus.failed, days + 1),
    }
    async with app.state.sessions() as session:
        for n, (status, age) in ages.items():
            await session.execute(
                update(Job)
                .where(Job.payload["n"].as_string() == n)
                .values(status=status, finished_at=utcnow() - timedelta(days=age))
            )
        await session.commit()
    async with app.state.sessions() as session:
        queue.enqueue(session, "jobs.prune")
        await session.commit()
    await run_jobs()
    left = {j.payload["n"] for j in await jobs(app, kind)}
    assert left == {"recent", "recent-failed"}


async def test_a_recurring_job_may_wait_for_its_first_due_time(app):
    sessions = app.state.sessions

    def next_hour(now):
        return now + timedelta(hours=1)

    assert not await queue.schedule_due(
        sessions, "test.later", "test.later", next_hour, at_start=False
    )
    async with sessions() as session:
        assert await session.scalar(select(func.count()).where(Job.kind == "test.later")) == 0
        first = await session.scalar(
            select(JobSchedule.next_run_at).where(JobSchedule.name == "test.later")
        )
    assert first is not None and first > utcnow() + timedelta(minutes=59)
    assert await queue.schedule_due(
        sessions, "test.later", "test.later", next_hour, first + timedelta(seconds=1)
    )
