"""Measures (tiltak): linked goals and tasks, the documented result, and the rule that a
measure past its due date has one."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from samskap.measures.service import MeasureService
from samskap.models import Goal
from samskap.models.enums import GoalKind, GoalStatus
from tests.factories import (
    API,
    make_group,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_task,
)


async def make_goal(app, programme: dict, title: str = "Mer tverrfaglig samarbeid") -> dict:
    """A goal written straight to the database: goals have their own API and tests."""
    goal = Goal(
        programme_id=uuid.UUID(programme["id"]),
        kind=GoalKind.effect,
        title=title,
        status=GoalStatus.active,
    )
    async with app.state.sessions() as session:
        session.add(goal)
        await session.commit()
        return {"id": str(goal.id), "title": title}


def measure_body(programme: dict, goals: list[dict], **overrides) -> dict:
    return {
        "programme_id": programme["id"],
        "title": "Kompetansetiltak for koordinatorene",
        "goal_ids": [g["id"] for g in goals],
    } | overrides


async def make_measure(client, programme: dict, goals: list[dict], **overrides) -> dict:
    r = await client.post(f"{API}/measures", json=measure_body(programme, goals, **overrides))
    assert r.status_code == 201, r.text
    return r.json()


def oslo_today() -> date:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def days(n: int) -> str:
    return (oslo_today() + timedelta(days=n)).isoformat()


class TestCreateMeasure:
    async def test_linked_to_goals_and_tasks_not_copied(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        first, second = await make_goal(app, programme), await make_goal(app, programme, "Kvalitet")
        task = await make_task(client, project, title="Kurs for koordinatorer")
        measure = await make_measure(
            client,
            programme,
            [first, second],
            project_id=project["id"],
            task_ids=[task["id"]],
            starts_on="2013-09-01",
            due_on="2030-06-30",
        )
        assert sorted(measure["goal_ids"]) == sorted([first["id"], second["id"]])
        assert measure["task_ids"] == [task["id"]]
        assert measure["tasks"] == [
            {"id": task["id"], "title": "Kurs for koordinatorer", "status": "todo"}
        ]
        await client.patch(f"{API}/tasks/{task['id']}", json={"title": "Kurs", "status": "done"})
        again = (await client.get(f"{API}/measures/{measure['id']}")).json()
        assert again["tasks"] == [{"id": task["id"], "title": "Kurs", "status": "done"}]
        assert again["status"] == "planned"
        assert again["overdue_without_result"] is False

    async def test_at_least_one_goal(self, client):
        programme = await make_programme(client)
        r = await client.post(f"{API}/measures", json=measure_body(programme, []))
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/goal_ids"

    async def test_goal_of_another_programme_is_refused(self, app, client):
        programme, other = await make_programme(client), await make_programme(client)
        own, foreign = await make_goal(app, programme), await make_goal(app, other)
        r = await client.post(f"{API}/measures", json=measure_body(programme, [own, foreign]))
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/goal_ids/1", "unknown_reference")
        listed = await client.get(f"{API}/measures", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []

    async def test_task_of_another_programme_is_refused(self, app, client):
        programme, other = await make_programme(client), await make_programme(client)
        goal = await make_goal(app, programme)
        foreign = await make_task(client, await make_project(client, other))
        r = await client.post(
            f"{API}/measures", json=measure_body(programme, [goal], task_ids=[foreign["id"]])
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/task_ids/0", "unknown_reference")

    async def test_a_goal_listed_twice_is_refused(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        r = await client.post(f"{API}/measures", json=measure_body(programme, [goal, goal]))
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "duplicate"

    async def test_due_not_before_start(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        r = await client.post(
            f"{API}/measures",
            json=measure_body(programme, [goal], starts_on="2014-01-01", due_on="2013-12-31"),
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/due_on", "before_start")

    async def test_evidence_links_are_http_or_https_and_at_most_20(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        bad = [{"title": "Skript", "url": "javascript:alert(1)"}]
        r = await client.post(f"{API}/measures", json=measure_body(programme, [goal], evidence=bad))
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"].startswith("/evidence/0")
        many = [{"title": f"Rapport {i}", "url": f"https://example.no/{i}"} for i in range(21)]
        r = await client.post(
            f"{API}/measures", json=measure_body(programme, [goal], evidence=many)
        )
        assert r.status_code == 422
        good = [{"title": "Evaluering", "url": "https://sorum.kommune.no/evaluering.pdf"}]
        measure = await make_measure(client, programme, [goal], evidence=good)
        assert measure["evidence"] == good


class TestResult:
    async def test_done_requires_a_result(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        measure = await make_measure(client, programme, [goal])
        r = await client.patch(f"{API}/measures/{measure['id']}", json={"status": "done"})
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/result", "result_required")
        r = await client.patch(
            f"{API}/measures/{measure['id']}", json={"status": "done", "result": "   "}
        )
        assert r.status_code == 422
        unchanged = (await client.get(f"{API}/measures/{measure['id']}")).json()
        assert unchanged["status"] == "planned"
        assert unchanged["version"] == measure["version"]

    async def test_documenting_the_result(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        measure = await make_measure(client, programme, [goal], due_on="2014-06-30")
        assert measure["overdue_without_result"] is True
        r = await client.patch(
            f"{API}/measures/{measure['id']}",
            json={
                "status": "done",
                "result": "Nye rutiner for opptak av lærlinger",
                "evidence": [{"title": "Rapport", "url": "http://example.no/r"}],
            },
        )
        assert r.status_code == 200, r.text
        done = r.json()
        assert done["result_on"] == oslo_today().isoformat()
        assert done["overdue_without_result"] is False
        assert done["evidence"] == [{"title": "Rapport", "url": "http://example.no/r"}]

    async def test_result_date_not_in_the_future(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        r = await client.post(
            f"{API}/measures",
            json=measure_body(programme, [goal], status="done", result="Endret", result_on=days(2)),
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "in_future"

    async def test_a_cancelled_measure_needs_no_result(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        measure = await make_measure(
            client, programme, [goal], due_on="2014-06-30", status="cancelled"
        )
        assert measure["overdue_without_result"] is False


class TestListMeasures:
    async def test_filters(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        owner = await make_person(client, programme)
        effect, result = await make_goal(app, programme), await make_goal(app, programme, "R")
        await make_measure(client, programme, [effect], title="Kartlegging", due_on="2013-10-01")
        await make_measure(
            client,
            programme,
            [effect, result],
            title="Informasjonstiltak",
            project_id=project["id"],
            owner_id=owner["id"],
            status="in_progress",
            due_on="2031-01-01",
        )
        await make_measure(
            client,
            programme,
            [result],
            title="Kvalitetssystem",
            status="done",
            result="I kvalitetssystemet",
            due_on="2014-01-01",
        )

        async def titles(**params) -> list[str]:
            r = await client.get(
                f"{API}/measures", params={"programme_id": programme["id"], **params}
            )
            assert r.status_code == 200, r.text
            return sorted(m["title"] for m in r.json()["items"])

        assert await titles(goal_id=effect["id"]) == ["Informasjonstiltak", "Kartlegging"]
        assert await titles(goal_id=result["id"]) == ["Informasjonstiltak", "Kvalitetssystem"]
        assert await titles(project_id=project["id"]) == ["Informasjonstiltak"]
        assert await titles(owner_id=owner["id"]) == ["Informasjonstiltak"]
        assert await titles(status="done") == ["Kvalitetssystem"]
        assert await titles(due_before="2014-01-01") == ["Kartlegging"]
        assert await titles(due_after="2014-01-01") == ["Informasjonstiltak", "Kvalitetssystem"]
        assert await titles(overdue_without_result="true") == ["Kartlegging"]
        assert await titles(q="kvalitetssystemet") == ["Kvalitetssystem"]
        r = await client.get(f"{API}/measures", params={"goal": effect["id"]})
        assert r.status_code == 400

    async def test_constant_statement_count(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goals = [await make_goal(app, programme, f"Mål {i}") for i in range(3)]
        for i in range(12):
            task = await make_task(client, project)
            await make_measure(
                client, programme, goals[: 1 + i % 3], title=f"Tiltak {i}", task_ids=[task["id"]]
            )
        engine = app.state.engine.sync_engine
        counts = {}
        for limit in (1, 5, 500):
            statements: list[str] = []

            def count(_conn, _cursor, statement, *_args, into=statements):
                into.append(statement)

            event.listen(engine, "before_cursor_execute", count)
            try:
                r = await client.get(f"{API}/measures", params={"limit": limit})
                assert r.status_code == 200
                assert len(r.json()["items"]) == min(limit, 12)
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts[limit] = len(statements)
        assert len(set(counts.values())) == 1, counts


class TestMeasurePermissions:
    async def test_a_member_writes_the_measures_of_their_group_and_those_they_own(
        self, app, client, accounts
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        group = await make_group(client, programme, kind="work_team")
        await make_member(client, group, person)
        goal = await make_goal(app, programme)
        member = await accounts.role(programme, "member", person)
        body = measure_body(programme, [goal])
        r = await member.post(f"{API}/measures", json=body)
        assert r.status_code == 403
        r = await member.post(f"{API}/measures", json=body | {"group_id": group["id"]})
        assert r.status_code == 201, r.text
        r = await member.post(f"{API}/measures", json=body | {"owner_id": person["id"]})
        assert r.status_code == 201, r.text
        others = await make_measure(client, programme, [goal])
        r = await member.patch(f"{API}/measures/{others['id']}", json={"title": "Mitt nå"})
        assert r.status_code == 403

    async def test_an_observer_reads_but_does_not_write(self, app, client, accounts):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        measure = await make_measure(client, programme, [goal])
        observer = await accounts.role(programme, "observer")
        assert (await observer.get(f"{API}/measures/{measure['id']}")).status_code == 200
        r = await observer.delete(f"{API}/measures/{measure['id']}")
        assert r.status_code == 403

    async def test_another_programme_is_invisible(self, app, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        goal = await make_goal(app, programme)
        measure = await make_measure(client, programme, [goal])
        outsider = await accounts.role(other, "editor")
        assert (await outsider.get(f"{API}/measures/{measure['id']}")).status_code == 404
        listed = await outsider.get(f"{API}/measures")
        assert listed.json()["items"] == []


class TestMeasureResultRule:
    async def _rules(self, client, programme, **params) -> list[dict]:
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance",
            params={**params, "include": "findings"},
        )
        assert r.status_code == 200, r.text
        report = r.json()
        assert "measure-result" in [rule["id"] for rule in report["rules"]]
        found = [f for p in report["projects"] for f in p["findings"]]
        return [f for f in found + report["programme_findings"] if f["rule"] == "measure-result"]

    async def test_a_measure_past_due_without_a_result_is_flagged(self, app, client):
        programme = await make_programme(client, status="active", target_on="2030-01-01")
        project = await make_project(client, programme)
        goal = await make_goal(app, programme)
        late = await make_measure(
            client,
            programme,
            [goal],
            title="Kompetansetiltak",
            project_id=project["id"],
            status="in_progress",
            due_on="2014-06-30",
        )
        found = await self._rules(client, programme)
        assert [f["record_id"] for f in found] == [late["id"]]
        assert found[0]["project_id"] == project["id"]
        assert found[0]["facts"] == {
            "measure": "Kompetansetiltak",
            "due_on": "2014-06-30",
            "status": "in_progress",
        }
        # As of a day before it was due, it was not yet late.
        assert await self._rules(client, programme, as_of="2014-06-30") == []

    async def test_done_with_a_result_or_cancelled_or_not_yet_due_is_accepted(self, app, client):
        programme = await make_programme(client)
        goal = await make_goal(app, programme)
        await make_measure(
            client, programme, [goal], due_on="2014-06-30", status="done", result="Rutiner"
        )
        await make_measure(client, programme, [goal], due_on="2014-06-30", status="cancelled")
        await make_measure(client, programme, [goal], due_on=days(30))
        await make_measure(client, programme, [goal])
        assert await self._rules(client, programme) == []


def test_every_list_filter_is_backed_by_an_index():
    table = MeasureService.model.__table__
    leaders = {next(iter(ix.columns)).name for ix in table.indexes}
    leaders |= {c.columns[0].name for c in table.constraints if getattr(c, "columns", None)}
    for f in MeasureService.spec.filters:
        assert f.column.key in leaders, f"{table.name}.{f.column.key} ({f.name}) has no index"
