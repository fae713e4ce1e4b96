"""The delivery matrix: areas by versions, each cell on time, late, missing, pending, waived
or none, judged on read."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import event

from samskap.auth.principal import SYSTEM
from samskap.kit.etag import etag
from samskap.submissions.service import VersionService
from tests.factories import (
    API,
    make_deadline,
    make_group,
    make_person,
    make_programme,
    make_project,
    make_submission,
    make_template,
    make_version,
)


async def submit_at(app, version: dict, at: datetime) -> None:
    """Submit a version as if at `at` (the way the demo loads its history)."""
    async with app.state.sessions() as session:
        svc = VersionService(session, SYSTEM)
        record = await svc.get(uuid.UUID(version["id"]))
        await svc.submit(record, etag(record.version), at=at)
        await session.commit()


async def matrix(http, programme: dict, **params):
    r = await http.get(f"{API}/delivery-matrix", params={"programme_id": programme["id"], **params})
    assert r.status_code == 200, r.text
    return r.json()


def cells(found: dict) -> dict[str, dict[str, str]]:
    """{area name: {label: delivery}}."""
    return {a["name"]: {c["label"]: c["delivery"] for c in a["cells"]} for a in found["areas"]}


class TestMatrix:
    async def test_areas_by_versions(self, app, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        template = await make_template(client, programme)
        oppvekst = await make_project(client, programme, code="VO1", name="Oppvekst")
        helse = await make_project(client, programme, code="VO2", name="Helse")
        stab = await make_group(client, programme, name="Økonomistaben")
        now = datetime.now(UTC)
        due = (now - timedelta(days=3)).replace(microsecond=0)
        past = await make_deadline(client, programme, rikke, due_at=due.isoformat())
        future = await make_deadline(
            client, programme, rikke, due_at=(now + timedelta(days=3)).isoformat()
        )
        waived = await make_deadline(
            client,
            programme,
            rikke,
            due_at=(now - timedelta(days=1)).isoformat(),
            status="waived",
        )
        subs = {
            area["id"]: await make_submission(client, programme, template, **{kind: area["id"]})
            for kind, area in (
                ("project_id", oppvekst),
                ("project_id", helse),
                ("group_id", stab),
            )
        }
        # Oppvekst: 1 on time, 2 late by a day, final pending.
        v1 = await make_version(
            client, subs[oppvekst["id"]], label="1", position=1, deadline_id=past["id"]
        )
        await submit_at(app, v1, due - timedelta(hours=1))
        v2 = await make_version(
            client, subs[oppvekst["id"]], label="2", position=2, deadline_id=past["id"]
        )
        await submit_at(app, v2, due + timedelta(days=1))
        await make_version(
            client, subs[oppvekst["id"]], label="endelig", position=4, deadline_id=future["id"]
        )
        # Helse: 1 a draft past its deadline (missing), 3 waived.
        await make_version(client, subs[helse["id"]], label="1", position=1, deadline_id=past["id"])
        await make_version(
            client, subs[helse["id"]], label="3", position=3, deadline_id=waived["id"]
        )
        # The staff group: 1 submitted with no deadline.
        v = await make_version(client, subs[stab["id"]], label="1", position=1)
        await submit_at(app, v, now - timedelta(hours=2))

        found = await matrix(client, programme)
        assert [v["label"] for v in found["versions"]] == ["1", "2", "3", "endelig"]
        assert [(a["kind"], a["code"], a["name"]) for a in found["areas"]] == [
            ("project", "VO1", "Oppvekst"),
            ("project", "VO2", "Helse"),
            ("group", None, "Økonomistaben"),
        ]
        assert cells(found) == {
            "Oppvekst": {"1": "on_time", "2": "late", "3": "none", "endelig": "pending"},
            "Helse": {"1": "missing", "2": "none", "3": "waived", "endelig": "none"},
            "Økonomistaben": {"1": "on_time", "2": "none", "3": "none", "endelig": "none"},
        }
        row = found["areas"][0]
        assert row["submission_id"] == subs[oppvekst["id"]]["id"]
        one, two, three, final = row["cells"]
        assert (one["version_id"], one["status"], one["deadline_id"]) == (
            v1["id"],
            "submitted",
            past["id"],
        )
        assert datetime.fromisoformat(one["due_at"]) == due
        assert datetime.fromisoformat(two["submitted_at"]) == due + timedelta(days=1)
        assert (two["late_by_seconds"], one["late_by_seconds"]) == (86400, None)
        assert three == {
            "label": "3",
            "version_id": None,
            "submission_id": subs[oppvekst["id"]]["id"],
            "status": None,
            "deadline_id": None,
            "due_at": None,
            "submitted_at": None,
            "delivery": "none",
            "late_by_seconds": None,
        }
        assert (final["status"], final["delivery"]) == ("draft", "pending")

    async def test_one_second_either_side_of_the_due_time(self, app, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        template = await make_template(client, programme)
        # 12:00 in Oslo on a winter day (11:00 UTC).
        due = datetime.fromisoformat("2018-12-03T12:00:00+01:00")
        deadline = await make_deadline(client, programme, rikke, due_at=due.isoformat())
        for name, at in (
            ("Før", due - timedelta(seconds=1)),
            ("Akkurat", due),
            ("Etter", due + timedelta(seconds=1)),
        ):
            project = await make_project(client, programme, name=name)
            submission = await make_submission(
                client, programme, template, project_id=project["id"]
            )
            version = await make_version(client, submission, label="1", deadline_id=deadline["id"])
            await submit_at(app, version, at)
        found = await matrix(client, programme)
        got = {a["name"]: a["cells"][0] for a in found["areas"]}
        assert (got["Før"]["delivery"], got["Før"]["late_by_seconds"]) == ("on_time", None)
        assert (got["Akkurat"]["delivery"], got["Akkurat"]["late_by_seconds"]) == ("on_time", None)
        assert (got["Etter"]["delivery"], got["Etter"]["late_by_seconds"]) == ("late", 1)

    async def test_a_draft_one_second_before_and_after_its_due_time(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        template = await make_template(client, programme)
        now = datetime.now(UTC)
        soon = await make_deadline(
            client, programme, rikke, due_at=(now + timedelta(seconds=60)).isoformat()
        )
        gone = await make_deadline(
            client, programme, rikke, due_at=(now - timedelta(seconds=1)).isoformat()
        )
        for name, deadline in (("Snart", soon), ("Forbi", gone)):
            project = await make_project(client, programme, name=name)
            submission = await make_submission(
                client, programme, template, project_id=project["id"]
            )
            await make_version(client, submission, label="1", deadline_id=deadline["id"])
        assert cells(await matrix(client, programme)) == {
            "Forbi": {"1": "missing"},
            "Snart": {"1": "pending"},
        }

    async def test_the_template_filter(self, client):
        programme = await make_programme(client)
        first, second = (
            await make_template(client, programme),
            await make_template(client, programme),
        )
        project = await make_project(client, programme, name="Oppvekst")
        a = await make_submission(client, programme, first, project_id=project["id"])
        b = await make_submission(client, programme, second, project_id=project["id"])
        await make_version(client, a, label="1", position=1)
        await make_version(client, b, label="utkast", position=1)
        found = await matrix(client, programme, template_id=second["id"])
        assert [v["label"] for v in found["versions"]] == ["utkast"]
        assert found["areas"][0]["submission_id"] == b["id"]
        assert found["template_id"] == second["id"]
        other = await make_programme(client)
        foreign = await make_template(client, other)
        r = await client.get(
            f"{API}/delivery-matrix",
            params={"programme_id": programme["id"], "template_id": foreign["id"]},
        )
        assert r.status_code == 422
        assert r.headers["content-type"].startswith("application/problem+json")

    async def test_an_empty_programme(self, client):
        programme = await make_programme(client)
        found = await matrix(client, programme)
        assert (found["versions"], found["areas"]) == ([], [])

    async def test_observers_read_strangers_do_not(self, client, accounts):
        programme = await make_programme(client)
        template = await make_template(client, programme)
        project = await make_project(client, programme, name="Oppvekst")
        submission = await make_submission(client, programme, template, project_id=project["id"])
        await make_version(client, submission, label="1")
        observer = await accounts.role(programme, "observer")
        assert cells(await matrix(observer, programme)) == {"Oppvekst": {"1": "pending"}}
        other = await make_programme(client)
        stranger = await accounts.role(other, "programme_admin")
        r = await stranger.get(f"{API}/delivery-matrix", params={"programme_id": programme["id"]})
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")
        r = await client.get(f"{API}/delivery-matrix", params={"programme_id": str(uuid.uuid4())})
        assert r.status_code == 404
        r = await client.get(f"{API}/delivery-matrix", params={"programme_id": "nonsense"})
        assert r.status_code == 422


class TestCost:
    async def test_the_same_statements_whatever_the_size(self, app, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        template = await make_template(client, programme)

        async def count() -> int:
            statements = []

            def seen(_conn, _cursor, statement, *_args):
                statements.append(statement)

            engine = app.state.engine.sync_engine
            event.listen(engine, "before_cursor_execute", seen)
            try:
                await matrix(client, programme)
            finally:
                event.remove(engine, "before_cursor_execute", seen)
            return len(statements)

        async def area(i: int) -> None:
            project = await make_project(client, programme, name=f"Område {i}")
            submission = await make_submission(
                client, programme, template, project_id=project["id"]
            )
            deadline = await make_deadline(client, programme, rikke)
            for label in ("1", "2", "3"):
                await make_version(client, submission, label=label, deadline_id=deadline["id"])

        await area(0)
        small = await count()
        for i in range(1, 6):
            await area(i)
        group = await make_group(client, programme)
        await make_submission(client, programme, template, group_id=group["id"])
        assert await count() == small


async def compliance(http, programme: dict, **params) -> dict:
    r = await http.get(
        f"{API}/programmes/{programme['id']}/compliance", params={**params, "include": "findings"}
    )
    assert r.status_code == 200, r.text
    return r.json()


def findings(report: dict, *rules: str) -> list[dict]:
    every = [f for p in report["projects"] for f in p["findings"]] + report["programme_findings"]
    return [f for f in every if f["rule"] in rules]


class TestRules:
    """version-missing and version-late, judged as of the report's day."""

    async def _world(self, client):
        programme = await make_programme(client, starts_on="2018-08-01")
        rikke = await make_person(client, programme)
        template = await make_template(client, programme)
        project = await make_project(client, programme, code="VO7", name="Kultur")
        submission = await make_submission(client, programme, template, project_id=project["id"])
        # Due 12:00 Oslo time on 23 November 2018.
        deadline = await make_deadline(
            client,
            programme,
            rikke,
            project_id=project["id"],
            due_at="2018-11-23T12:00:00+01:00",
        )
        return programme, submission, deadline

    async def test_a_version_not_delivered_by_its_deadline_is_missing(self, app, client):
        programme, submission, deadline = await self._world(client)
        version = await make_version(
            client, submission, label="3", position=3, deadline_id=deadline["id"]
        )
        report = await compliance(client, programme)
        (missing,) = findings(report, "version-missing", "version-late")
        assert missing["rule"] == "version-missing"
        assert (missing["record_type"], missing["record_id"]) == (
            "submission_version",
            version["id"],
        )
        assert missing["facts"] == {
            "area": "VO7",
            "submission": submission["title"],
            "version": "3",
            "due_at": "2018-11-23T12:00:00+01:00",
        }
        assert missing["source"].startswith("Seed 002")
        # The deadline's own finding would say the same thing: it gives way to the version's.
        assert findings(report, "overdue-deadline") == []
        # Judged on the day before it was due, nothing is missing yet.
        report = await compliance(client, programme, as_of="2018-11-22")
        assert findings(report, "version-missing", "version-late", "overdue-deadline") == []
        # Delivered on time, nothing is found; delivered a day late, the lateness is.
        await submit_at(app, version, datetime.fromisoformat("2018-11-24T12:00:00+01:00"))
        report = await compliance(client, programme)
        (late,) = findings(report, "version-missing", "version-late", "overdue-deadline")
        assert late["rule"] == "version-late"
        assert late["facts"]["late_by_seconds"] == 86400
        assert late["facts"]["submitted_at"] == "2018-11-24T12:00:00+01:00"
        # As of the day it was late but not yet delivered, it was missing.
        report = await compliance(client, programme, as_of="2018-11-23")
        assert [f["rule"] for f in findings(report, "version-missing", "version-late")] == [
            "version-missing"
        ]

    async def test_on_time_and_waived_versions_are_fine(self, app, client):
        programme, submission, deadline = await self._world(client)
        version = await make_version(client, submission, label="1", deadline_id=deadline["id"])
        await submit_at(app, version, datetime.fromisoformat("2018-11-23T12:00:00+01:00"))
        rikke = await make_person(client, programme)
        waived = await make_deadline(
            client, programme, rikke, due_at="2018-11-30T12:00:00+01:00", status="waived"
        )
        await make_version(client, submission, label="2", deadline_id=waived["id"])
        await make_version(client, submission, label="utkast")  # no deadline at all
        report = await compliance(client, programme)
        assert findings(report, "version-missing", "version-late") == []

    async def test_one_second_late_is_late(self, app, client):
        programme, submission, deadline = await self._world(client)
        version = await make_version(client, submission, label="1", deadline_id=deadline["id"])
        await submit_at(app, version, datetime.fromisoformat("2018-11-23T12:00:01+01:00"))
        (late,) = findings(await compliance(client, programme), "version-late")
        assert late["facts"]["late_by_seconds"] == 1
