"""Domain events: a decision finalised, a phase completed, an import finished, a compliance
finding opened or cleared. Each is
announced once, in the transaction of the change, with what a receiver needs; a change that
is refused (rolled back) announces nothing."""

import uuid

import pytest
from sqlalchemy import select

from samskap.governance.scan import scan, scan_programme
from samskap.imports import worker as import_worker
from samskap.jobs.outbox import DISPATCH, OutboundEvent, emit
from samskap.models import ComplianceState, Job, Programme
from tests.factories import (
    API,
    create,
    make_deadline,
    make_decision,
    make_person,
    make_phase,
    make_programme,
    make_project,
)


async def announced(app, event_type: str) -> list[dict]:
    """Every outbound event of this type that a committed transaction enqueued."""
    async with app.state.sessions() as session:
        jobs = await session.scalars(
            select(Job).where(Job.kind == DISPATCH).order_by(Job.created_at)
        )
        return [e for job in jobs for e in job.payload["events"] if e["type"] == event_type]


async def patch(client, path: str, body: dict):
    return await client.patch(f"{API}{path}", json=body)


class TestDecisionFinalised:
    async def test_finalising_announces_it_once_with_its_particulars(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        decision = await make_decision(
            client, programme, project_id=project["id"], case_number="2018/42", status="draft"
        )
        assert decision["status"] == "draft"
        assert await announced(app, "decision.finalised") == []
        r = await patch(client, f"/decisions/{decision['id']}", {"status": "final"})
        assert r.status_code == 200, r.text
        [event] = await announced(app, "decision.finalised")
        assert event["record_type"] == "decision"
        assert event["record_id"] == decision["id"]
        assert event["programme_id"] == programme["id"]
        assert event["project_id"] == project["id"]
        assert event["actor_user_id"] is not None
        data = event["data"]
        assert data["id"] == decision["id"]
        assert data["title"] == decision["title"]
        assert data["status"] == "final"
        assert data["case_number"] == "2018/42"
        assert data["decided_on"] == decision["decided_on"]
        assert data["finalised_at"] is not None
        assert data["programme_id"] == programme["id"]
        assert data["project_id"] == project["id"]
        # A final decision is not changed again: the refusal announces nothing more.
        again = await patch(client, f"/decisions/{decision['id']}", {"text": "Endret"})
        assert again.status_code == 409
        assert len(await announced(app, "decision.finalised")) == 1

    async def test_a_decision_made_final_at_once_is_announced(self, app, client):
        programme = await make_programme(client)
        decision = await make_decision(client, programme, status="final")
        [event] = await announced(app, "decision.finalised")
        assert event["record_id"] == decision["id"]
        assert event["project_id"] is None

    async def test_a_refused_finalisation_announces_nothing(self, app, client):
        programme = await make_programme(client)
        decision = await make_decision(client, programme, reorganisation=True, status="draft")
        r = await patch(client, f"/decisions/{decision['id']}", {"status": "final"})
        assert r.status_code == 409, r.text
        assert await announced(app, "decision.finalised") == []
        # Other changes announce their update, never a finalisation.
        r = await patch(client, f"/decisions/{decision['id']}", {"text": "Utkast"})
        assert r.status_code == 200
        assert await announced(app, "decision.finalised") == []
        assert len(await announced(app, "decision.updated")) == 1


class TestPhaseCompleted:
    async def test_completing_announces_it_once_and_a_refusal_nothing(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, code="HV1", name="Helse og velferd")
        phase = await make_phase(
            client,
            project,
            name="Utredning",
            starts_on="2018-01-01",
            ends_on="2018-06-30",
            expected_results=["Rapport"],
        )
        # An expected result is open: the completion is refused and rolled back.
        refused = await patch(client, f"/phases/{phase['id']}", {"status": "completed"})
        assert refused.status_code == 409, refused.text
        assert await announced(app, "phase.completed") == []
        result = phase["expected_results"][0]
        r = await patch(
            client, f"/phases/{phase['id']}/expected-results/{result['id']}", {"done": True}
        )
        assert r.status_code == 200, r.text
        done = await patch(client, f"/phases/{phase['id']}", {"status": "completed"})
        assert done.status_code == 200, done.text
        [event] = await announced(app, "phase.completed")
        assert event["record_type"] == "phase"
        assert event["record_id"] == phase["id"]
        assert event["project_id"] == project["id"]
        assert event["programme_id"] == programme["id"]
        data = event["data"]
        assert data["name"] == "Utredning"
        assert data["status"] == "completed"
        assert data["project_code"] == "HV1"
        assert data["project_name"] == "Helse og velferd"
        assert (data["starts_on"], data["ends_on"]) == ("2018-01-01", "2018-06-30")
        assert data["completed_at"] is not None
        # A later change of the completed phase is an update, not a second completion.
        r = await patch(client, f"/phases/{phase['id']}", {"description": "Ferdig"})
        assert r.status_code == 200, r.text
        assert len(await announced(app, "phase.completed")) == 1


PEOPLE = b"external_id;name\nHR-1;Kari Nordmann\nHR-2;Ola Nordmann\n"


async def upload(client, programme, content: bytes, **params):
    return await client.post(
        f"{API}/imports",
        params={"programme_id": programme["id"], "resource": "people", **params},
        files={"file": ("personer.csv", content, "text/csv")},
    )


@pytest.fixture
def small_batches(app):
    """Files over 1 row run in the background."""
    original = app.state.settings
    app.state.settings = original.model_copy(
        update={"import_background_rows": 1, "import_chunk_rows": 1}
    )
    yield
    app.state.settings = original


class TestImportFinished:
    async def test_an_import_in_the_request_announces_its_end(self, app, client):
        programme = await make_programme(client)
        r = await upload(client, programme, PEOPLE)
        assert r.status_code == 201, r.text
        [event] = await announced(app, "import.finished")
        assert event["record_type"] == "import_job"
        assert event["record_id"] == r.json()["id"]
        assert event["actor_user_id"] == r.json()["requested_by_user_id"]
        data = event["data"]
        assert data["id"] == r.json()["id"]
        assert data["resource"] == "people"
        assert data["status"] == "succeeded"
        assert data["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
        assert data["requested_by_user_id"] == r.json()["requested_by_user_id"]
        assert data["dry_run"] is False
        # A dry run ends too (its rows rolled back, the import recorded).
        r = await upload(client, programme, PEOPLE, dry_run="true")
        assert r.status_code == 201
        assert [e["data"]["dry_run"] for e in await announced(app, "import.finished")] == [
            False,
            True,
        ]

    async def test_a_refused_file_starts_no_import_and_announces_nothing(self, app, client):
        programme = await make_programme(client)
        r = await upload(client, programme, b"nonsense;columns\n1;2\n")
        assert r.status_code == 422, r.text
        assert await announced(app, "import.finished") == []

    async def test_a_background_import_is_announced_when_the_worker_ends_it(
        self, app, client, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, PEOPLE, mode="valid_rows")
        assert r.status_code == 202, r.text
        assert await announced(app, "import.finished") == []
        assert await import_worker.step(app) is True
        [event] = await announced(app, "import.finished")
        assert event["actor_user_id"] is None  # ended by the worker
        assert event["data"]["status"] == "succeeded"
        assert event["data"]["background"] is True
        assert event["data"]["counts"]["created"] == 2
        assert event["data"]["requested_by_user_id"] == r.json()["requested_by_user_id"]

    async def test_a_cancelled_queued_import_is_announced(self, app, client, small_batches):
        programme = await make_programme(client)
        r = await upload(client, programme, PEOPLE)
        assert r.status_code == 202, r.text
        cancelled = await client.post(f"{API}/imports/{r.json()['id']}/cancel")
        assert cancelled.status_code == 200, cancelled.text
        [event] = await announced(app, "import.finished")
        assert event["data"]["status"] == "cancelled"
        # The worker finds nothing to run, and announces nothing more.
        assert await import_worker.step(app) is False
        assert len(await announced(app, "import.finished")) == 1


async def test_the_events_reach_the_consumers_once(app, client, run_jobs):
    """Dispatched by the worker, each event is handed to the consumers once: the dispatch job
    succeeds and is not run again."""
    programme = await make_programme(client)
    await create(
        client,
        "/decisions",
        {
            "programme_id": programme["id"],
            "title": "Vedtak",
            "decided_on": "2018-12-14",
            "status": "final",
        },
    )
    assert await run_jobs() >= 1
    assert await run_jobs() == 0


async def compliance_states(app) -> dict[str, ComplianceState]:
    async with app.state.sessions() as session:
        return {s.key: s for s in await session.scalars(select(ComplianceState))}


class TestComplianceScan:
    async def test_a_finding_is_announced_when_it_opens_and_when_it_clears_once_each(
        self, app, client, run_jobs
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        deadline = await make_deadline(
            client, programme, person, due_at="2018-01-10T12:00:00+01:00", title="Arbeidsbok"
        )
        key = f"overdue-deadline:deadline:{deadline['id']}"
        # The recurring job, as a worker enqueues it when due.
        await run_jobs(schedule=True)
        opened = await announced(app, "compliance.finding_opened")
        mine = [e for e in opened if e["record_id"] == deadline["id"]]
        assert len(mine) == 1
        event = mine[0]
        assert event["programme_id"] == programme["id"]
        assert event["record_type"] == "deadline"
        data = event["data"]
        assert data["rule"] == "overdue-deadline"
        assert data["facts"]["deadline"] == "Arbeidsbok"
        assert data["title"] == "Deadlines are met or waived"
        assert data["message"].startswith("«Arbeidsbok» was due")
        assert data["cleared_at"] is None
        state = (await compliance_states(app))[key]
        assert state.cleared_at is None and state.rule == "overdue-deadline"
        first = len(opened)

        # Scanned again: nothing new is announced.
        totals = await scan(app.state.sessions)
        assert (totals["opened"], totals["cleared"], totals["failed"]) == (0, 0, 0)
        assert len(await announced(app, "compliance.finding_opened")) == first

        # Delivered: the finding clears, once.
        r = await client.patch(f"{API}/deadlines/{deadline['id']}", json={"status": "submitted"})
        assert r.status_code == 200, r.text
        assert (await scan(app.state.sessions))["cleared"] == 1
        [gone] = await announced(app, "compliance.finding_cleared")
        assert gone["record_id"] == deadline["id"]
        assert gone["data"]["rule"] == "overdue-deadline"
        assert gone["data"]["cleared_at"] is not None
        assert (await scan(app.state.sessions))["cleared"] == 0
        assert len(await announced(app, "compliance.finding_cleared")) == 1
        assert (await compliance_states(app))[key].cleared_at is not None

        # Open again: announced again, as one finding (the same state, reopened).
        r = await client.patch(f"{API}/deadlines/{deadline['id']}", json={"status": "open"})
        assert r.status_code == 200, r.text
        assert (await scan(app.state.sessions))["opened"] == 1
        again = [
            e
            for e in await announced(app, "compliance.finding_opened")
            if e["record_id"] == deadline["id"]
        ]
        assert len(again) == 2
        assert (await compliance_states(app))[key].cleared_at is None
        assert len([k for k in await compliance_states(app) if k == key]) == 1

    async def test_a_programme_that_has_ended_is_not_scanned(self, app, client):
        programme = await make_programme(client, status="completed")
        person = await make_person(client, programme)
        await make_deadline(client, programme, person, due_at="2018-01-10T12:00:00+01:00")
        totals = await scan(app.state.sessions)
        assert totals["programmes"] == 0
        assert await compliance_states(app) == {}

    async def test_a_rolled_back_scan_announces_nothing(self, app, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        await make_deadline(client, programme, person, due_at="2018-01-10T12:00:00+01:00")
        async with app.state.sessions() as session:
            found = await session.get(Programme, uuid.UUID(programme["id"]))
            opened, _ = await scan_programme(session, found)
            assert opened >= 1
            await session.rollback()
        assert await announced(app, "compliance.finding_opened") == []
        assert await compliance_states(app) == {}
        # Scanned for real, it announces what it finds.
        assert (await scan(app.state.sessions))["opened"] == opened


class TestSavepoints:
    """A change rolled back to a savepoint takes its events with it, and only its own."""

    async def test_a_rolled_back_savepoint_drops_only_its_own_events(self, app, client):
        programme = await make_programme(client)
        pid = uuid.UUID(programme["id"])
        async with app.state.sessions() as session:
            await session.get(Programme, pid)
            emit(session, OutboundEvent(type="test.before", programme_id=pid))
            savepoint = await session.begin_nested()
            emit(session, OutboundEvent(type="test.inside", programme_id=pid))
            inner = await session.begin_nested()
            emit(session, OutboundEvent(type="test.deeper", programme_id=pid))
            await inner.commit()
            await savepoint.rollback()
            emit(session, OutboundEvent(type="test.after", programme_id=pid))
            kept = await session.begin_nested()
            emit(session, OutboundEvent(type="test.released", programme_id=pid))
            await kept.commit()
            await session.commit()
        async with app.state.sessions() as session:
            jobs = list(await session.scalars(select(Job).where(Job.kind == DISPATCH)))
        # One dispatch job for the transaction, with the events that stand, in order.
        assert [e["type"] for e in jobs[-1].payload["events"]] == [
            "test.before",
            "test.after",
            "test.released",
        ]
        assert len(jobs) == 2  # the programme's creation, and this transaction

    async def test_a_dry_run_announces_the_import_and_none_of_its_rows(self, app, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/imports",
            params={"programme_id": programme["id"], "resource": "projects", "dry_run": "true"},
            files={"file": ("p.csv", b"code;name\nA1;Alfa\nB2;Beta\n", "text/csv")},
        )
        assert r.status_code == 201, r.text
        assert r.json()["counts"]["created"] == 2
        assert await announced(app, "project.created") == []
        assert len(await announced(app, "import_job.created")) == 1
        assert len(await announced(app, "import.finished")) == 1
