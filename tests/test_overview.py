from datetime import UTC, date, datetime, timedelta

from tests.factories import (
    API,
    make_deadline,
    make_decision,
    make_involvement,
    make_person,
    make_phase,
    make_programme,
    make_project,
)
from tests.statements import statements_of


def at(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


class TestProgrammeOverview:
    async def test_projects_deadlines_and_recent_involvement_at_a_glance(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme, name="Line Leder")
        phased = await make_project(
            client,
            programme,
            code="A1",
            leader_id=leader["id"],
            leader_allocation_percent=80,
            phase_template="reorganisation-five-phases",
        )
        await make_project(
            client,
            programme,
            code="A2",
            health="at_risk",
            health_explanation="Mangler prosjektleder",
        )
        phases = (await client.get(f"{API}/phases", params={"project_id": phased["id"]})).json()[
            "items"
        ]
        for result in phases[0]["expected_results"]:
            await client.patch(
                f"{API}/phases/{phases[0]['id']}/expected-results/{result['id']}",
                json={"done": True},
            )
        r = await client.patch(f"{API}/phases/{phases[0]['id']}", json={"status": "completed"})
        assert r.status_code == 200
        await make_deadline(
            client, programme, leader, title="Forsinket", due_at=at(timedelta(days=-2))
        )
        await make_deadline(client, programme, leader, title="Snart", due_at=at(timedelta(days=3)))
        await make_deadline(
            client, programme, leader, title="Senere", due_at=at(timedelta(days=30))
        )
        recent = str(date.today() - timedelta(days=10))
        await make_involvement(
            client,
            programme,
            project_id=phased["id"],
            stakeholder_kind="union_representatives",
            occurred_on=recent,
        )
        await make_involvement(
            client,
            programme,
            project_id=phased["id"],
            stakeholder_kind="union_representatives",
            occurred_on=recent,
        )
        await make_involvement(
            client, programme, stakeholder_kind="employees", occurred_on="2018-01-01"
        )

        overview = (await client.get(f"{API}/programmes/{programme['id']}/overview")).json()
        a1, a2 = overview["projects"]
        assert (a1["code"], a1["leader_name"]) == ("A1", "Line Leder")
        assert (a1["current_phase"]["name"], a1["current_phase"]["basis"]) == (
            "Utarbeide kunnskapsgrunnlag",
            "active",
        )
        assert a1["phase_plan"] == ["completed", "active"] + ["not_started"] * 3
        assert (a2["health"], a2["current_phase"], a2["phase_plan"]) == ("at_risk", None, [])
        assert overview["overdue_count"] == 1
        assert [d["title"] for d in overview["overdue"]] == ["Forsinket"]
        assert overview["overdue"][0]["responsible"]["name"] == "Line Leder"
        assert [d["title"] for d in overview["upcoming"]] == ["Snart"]
        assert overview["upcoming_count"] == 1
        # Involvement per project, the projects with none included (empty).
        assert a1["involvement"] == {"union_representatives": 2}
        assert a2["involvement"] == {}
        assert overview["programme_involvement"] == {}
        assert "phases" not in overview

    async def test_observers_see_it_and_outsiders_do_not(self, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        observer = await accounts.role(programme, "observer")
        assert (
            await observer.get(f"{API}/programmes/{programme['id']}/overview")
        ).status_code == 200
        assert (await observer.get(f"{API}/programmes/{other['id']}/overview")).status_code == 404

    async def test_seen_as_of_a_day_and_by_default_as_of_a_completed_programmes_end(self, client):
        programme = await make_programme(client, status="completed", target_on="2020-01-01")
        leader = await make_person(client, programme)
        project = await make_project(client, programme, code="A1", ends_on="2019-12-31")
        await make_deadline(
            client,
            programme,
            leader,
            title="Sluttrapport",
            due_at="2019-11-01T12:00:00+01:00",
            status="submitted",
            submitted_at="2019-11-20T12:00:00+01:00",
        )
        await make_deadline(
            client, programme, leader, title="Evaluering", due_at="2019-11-15T12:00:00+01:00"
        )
        for day in ("2019-10-20", "2019-12-15"):
            await make_involvement(
                client,
                programme,
                project_id=project["id"],
                stakeholder_kind="employees",
                occurred_on=day,
            )
        url = f"{API}/programmes/{programme['id']}/overview"

        ended = (await client.get(url)).json()
        assert (ended["as_of"], ended["involvement_since"]) == ("2020-01-01", "2019-10-03")
        assert [d["title"] for d in ended["overdue"]] == ["Evaluering"]
        assert ended["projects"][0]["involvement"] == {"employees": 2}

        then = (await client.get(url, params={"as_of": "2019-11-10"})).json()
        assert then["as_of"] == "2019-11-10"
        assert (then["overdue_count"], [d["title"] for d in then["overdue"]]) == (
            1,
            ["Sluttrapport"],
        )
        assert [d["title"] for d in then["upcoming"]] == ["Evaluering"]
        assert then["projects"][0]["involvement"] == {"employees": 1}

    async def test_current_phase_by_status_then_dates_then_the_next_then_the_last(self, client):
        programme = await make_programme(client)
        today = date.today()

        async def project_with(*phases: dict) -> dict:
            project = await make_project(client, programme)
            for position, phase in enumerate(phases, start=1):
                await make_phase(client, project, position=position, **phase)
            return project

        def days(n: int) -> str:
            return str(today + timedelta(days=n))

        active = await project_with(
            {"name": "Ferdig", "status": "completed"},
            {"name": "Pågår", "status": "active"},
            {"name": "Datert nå", "starts_on": days(-5), "ends_on": days(5)},
        )
        dated = await project_with(
            {"name": "Før", "starts_on": days(-60), "ends_on": days(-31)},
            {"name": "Nå", "starts_on": days(-30), "ends_on": days(30)},
            {"name": "Etter", "starts_on": days(31), "ends_on": days(60)},
        )
        following = await project_with(
            {"name": "Gjort", "status": "completed"}, {"name": "Neste"}, {"name": "Senere"}
        )
        done = await project_with(
            {"name": "En", "status": "completed"}, {"name": "To", "status": "completed"}
        )
        overview = (await client.get(f"{API}/programmes/{programme['id']}/overview")).json()
        current = {p["id"]: p["current_phase"] for p in overview["projects"]}
        assert (current[active["id"]]["name"], current[active["id"]]["basis"]) == (
            "Pågår",
            "active",
        )
        assert (current[dated["id"]]["name"], current[dated["id"]]["basis"]) == ("Nå", "dated")
        assert current[dated["id"]]["position"] == 2
        assert (current[following["id"]]["name"], current[following["id"]]["basis"]) == (
            "Neste",
            "next",
        )
        assert (current[done["id"]]["name"], current[done["id"]]["basis"]) == (
            "To",
            "last_completed",
        )

    async def test_each_project_counts_its_compliance_findings_by_severity(self, client):
        programme = await make_programme(client)
        # Active, with no employee involvement (a law finding) and a mandate not approved
        # (practice), and no leader (practice).
        quiet = await make_project(client, programme, status="active")
        involved = await make_project(client, programme, status="active")
        await make_involvement(
            client,
            programme,
            project_id=involved["id"],
            stakeholder_kind="employees",
            occurred_on=str(date.today()),
        )
        overview = (await client.get(f"{API}/programmes/{programme['id']}/overview")).json()
        report = (
            await client.get(
                f"{API}/programmes/{programme['id']}/compliance", params={"include": "findings"}
            )
        ).json()
        by_id = {p["id"]: p for p in overview["projects"]}
        rules_of = {
            p["project_id"]: sorted(f["rule"] for f in p["findings"]) for p in report["projects"]
        }
        assert "employee-involvement-60-days" in rules_of[quiet["id"]]
        assert "employee-involvement-60-days" not in rules_of[involved["id"]]
        assert by_id[quiet["id"]]["findings"]["law"] == 1
        assert by_id[involved["id"]]["findings"]["law"] == 0
        for project in (quiet, involved):
            counts = by_id[project["id"]]["findings"]
            assert counts["practice"] >= 1  # the mandate is not approved
            assert counts["law"] + counts["practice"] == len(rules_of[project["id"]])
        assert overview["findings_total"] == report["total"]
        # The green health a project reports itself is kept apart from its findings.
        assert by_id[quiet["id"]]["health"] == "on_track"

    async def test_late_first_the_most_recently_missed_on_top_open_ones_only(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(client, programme)
        for days_ago in (400, 3, 30):
            await make_deadline(
                client,
                programme,
                person,
                title=f"{days_ago} dager siden",
                due_at=at(timedelta(days=-days_ago)),
                project_id=project["id"],
            )
        await make_deadline(
            client,
            programme,
            person,
            title="Levert",
            due_at=at(timedelta(days=-1)),
            status="submitted",
            submitted_at=at(timedelta(days=-2)),
        )
        await make_deadline(client, programme, person, title="Snart", due_at=at(timedelta(days=2)))
        overview = (await client.get(f"{API}/programmes/{programme['id']}/overview")).json()
        assert [d["title"] for d in overview["overdue"]] == [
            "3 dager siden",
            "30 dager siden",
            "400 dager siden",
        ]
        assert overview["overdue_count"] == 3
        (summary,) = overview["projects"]
        assert (summary["overdue_count"], summary["upcoming_count"]) == (3, 0)
        assert overview["upcoming_count"] == 1

    async def test_the_answer_stays_small_at_two_hundred_projects(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme, name="Kari Nordmann-Johansen")
        for n in range(200):
            await make_project(
                client,
                programme,
                code=f"VO{n:03}",
                name=f"Helse, omsorg og velferd {n:03}",
                leader_id=leader["id"],
                leader_allocation_percent=80,
                status="active",
                phase_template="reorganisation-five-phases",
            )
        r = await client.get(f"{API}/programmes/{programme['id']}/overview")
        assert r.status_code == 200
        body = r.json()
        assert len(body["projects"]) == 200
        assert all(len(p["phase_plan"]) == 5 for p in body["projects"])
        assert len(r.content) < 90_000, len(r.content)

    async def test_counts_agree_with_the_findings_they_count(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme, name="Lise Leder")
        kinds = [
            {"status": "active", "leader_id": leader["id"], "leader_allocation_percent": 40},
            {"status": "active", "leader_id": leader["id"], "leader_allocation_percent": 80},
            {"status": "active"},
            {"status": "planned"},
            {"status": "completed"},
            {"status": "active", "leader_id": leader["id"]},
        ]
        made = [
            await make_project(client, programme, code=f"K{n}", **k) for n, k in enumerate(kinds)
        ]
        await make_involvement(
            client,
            programme,
            project_id=made[1]["id"],
            stakeholder_kind="union_representatives",
            occurred_on=str(date.today() - timedelta(days=59)),
        )
        base = f"{API}/programmes/{programme['id']}"
        overview = (await client.get(f"{base}/overview")).json()
        summary = (await client.get(f"{base}/compliance")).json()
        full = (await client.get(f"{base}/compliance", params={"include": "findings"})).json()
        every = [f for p in full["projects"] for f in p["findings"]] + full["programme_findings"]
        assert {r["id"]: r["count"] for r in summary["rules"] if r["count"]} == {
            rule: sum(1 for f in every if f["rule"] == rule) for rule in {f["rule"] for f in every}
        }
        findings_of = {p["project_id"]: p["findings"] for p in full["projects"]}
        counted = {p["project_id"]: p["findings_count"] for p in summary["projects"]}
        for project in overview["projects"]:
            rules = sorted(f["rule"] for f in findings_of[project["id"]])
            assert counted[project["id"]] == len(rules)
            assert sum(project["findings"].values()) == len(rules), project["code"]
        by_code = {p["code"]: sorted(f["rule"] for f in p["findings"]) for p in full["projects"]}
        assert by_code["K0"] == [
            "employee-involvement-60-days",
            "mandate-approved",
            "project-leader-60-100",
        ]
        assert by_code["K1"] == ["mandate-approved"]
        assert "project-leader-60-100" in by_code["K2"]
        assert by_code["K3"] == ["mandate-approved"]
        assert by_code["K4"] == []
        assert "project-leader-60-100" not in by_code["K5"]
        assert overview["findings_total"] == summary["total"] == full["total"]

    async def test_involvement_of_the_last_ninety_days_and_the_sixty_day_rule(self, client):
        programme = await make_programme(client)
        earlier = await make_project(client, programme, code="E1", status="active")
        recent = await make_project(client, programme, code="E2", status="active")
        for project, days_ago, kind in (
            (earlier, 70, "employees"),
            (earlier, 10, "citizens"),
            (recent, 60, "union_representatives"),
            (recent, 95, "employees"),
        ):
            await make_involvement(
                client,
                programme,
                project_id=project["id"],
                stakeholder_kind=kind,
                occurred_on=str(date.today() - timedelta(days=days_ago)),
            )
        overview = (await client.get(f"{API}/programmes/{programme['id']}/overview")).json()
        by_code = {p["code"]: p for p in overview["projects"]}
        # Seen in the window of 90 days, but employees were involved more than 60 days ago.
        assert by_code["E1"]["involvement"] == {"employees": 1, "citizens": 1}
        assert by_code["E1"]["findings"]["law"] == 1
        assert by_code["E2"]["involvement"] == {"union_representatives": 1}
        assert by_code["E2"]["findings"]["law"] == 0

    async def test_costs_the_same_statements_at_any_size(self, app, client):
        programme = await make_programme(client)
        base = f"{API}/programmes/{programme['id']}"

        async def grow(n: int, prefix: str) -> None:
            person = await make_person(client, programme)
            for i in range(n):
                project = await make_project(
                    client,
                    programme,
                    code=f"{prefix}{i}",
                    status="active",
                    leader_id=person["id"],
                    leader_allocation_percent=40 + 10 * i,
                    phase_template="reorganisation-five-phases",
                )
                for kind in ("employees", "citizens"):
                    await make_involvement(
                        client,
                        programme,
                        project_id=project["id"],
                        stakeholder_kind=kind,
                        occurred_on=str(date.today() - timedelta(days=5 * i)),
                    )
                for days in (-3 - i, 2 + i):
                    await make_deadline(
                        client,
                        programme,
                        person,
                        due_at=at(timedelta(days=days)),
                        project_id=project["id"],
                    )

        await grow(1, "S")
        small = await _statements(app, client, f"{base}/overview")
        await grow(6, "L")
        large = await _statements(app, client, f"{base}/overview")
        assert small == large
        overview = (await client.get(f"{base}/overview")).json()
        assert len(overview["projects"]) == 7
        assert overview["overdue_count"] == overview["upcoming_count"] == 7


async def _statements(app, client, url: str) -> int:
    return len(await statements_of(app, client, url, warm=True))


class TestProgrammeTimeline:
    async def test_phases_deadlines_and_decisions_within_the_window(self, client):
        programme = await make_programme(client, starts_on="2018-01-01", target_on="2020-01-01")
        person = await make_person(client, programme)
        project = await make_project(client, programme, code="A1")
        other = await make_project(client, programme, code="B1")
        await make_phase(
            client, project, position=1, name="Før", starts_on="2018-01-01", ends_on="2018-03-31"
        )
        await make_phase(
            client, project, position=2, name="Over", starts_on="2018-03-01", ends_on="2018-09-30"
        )
        await make_phase(client, project, position=3, name="Udatert")
        await make_phase(client, other, position=1, name="Inni", starts_on="2018-05-02")
        await make_deadline(
            client,
            programme,
            person,
            title="I mai",
            due_at="2018-05-15T12:00:00+02:00",
            project_id=project["id"],
        )
        await make_deadline(
            client, programme, person, title="For sent ute", due_at="2019-05-15T12:00:00+02:00"
        )
        await make_decision(client, programme, title="Vedtak i juni", decided_on="2018-06-01")
        await make_decision(client, programme, title="Vedtak i 2017", decided_on="2017-06-01")
        url = f"{API}/programmes/{programme['id']}/timeline"

        window = (await client.get(url, params={"from": "2018-04-01", "to": "2018-06-30"})).json()
        assert (window["from"], window["to"]) == ("2018-04-01", "2018-06-30")
        assert [p["code"] for p in window["projects"]] == ["A1", "B1"]
        assert [(p["name"], p["ends_on"]) for p in window["phases"]] == [
            ("Over", "2018-09-30"),
            ("Inni", "2018-05-02"),
        ]
        assert [(d["title"], d["overdue"]) for d in window["deadlines"]] == [("I mai", True)]
        assert [d["title"] for d in window["decisions"]] == ["Vedtak i juni"]
        assert not any(window[f"{k}_truncated"] for k in ("phases", "deadlines", "decisions"))

        whole = (await client.get(url)).json()
        assert (whole["from"], whole["to"]) == ("2018-01-01", "2020-01-01")
        assert len(whole["phases"]) == 3
        assert [d["title"] for d in whole["deadlines"]] == ["I mai", "For sent ute"]

        one = (await client.get(url, params={"project_id": other["id"], "limit": 1})).json()
        assert [p["code"] for p in one["projects"]] == ["B1"]
        assert [p["name"] for p in one["phases"]] == ["Inni"]
        assert one["deadlines"] == [] and one["decisions"] == []

        first = (await client.get(url, params={"limit": 1})).json()
        assert [p["name"] for p in first["phases"]] == ["Før"]
        assert first["phases_truncated"] and first["deadlines_truncated"]

    async def test_a_window_that_ends_before_it_starts_is_refused(self, client):
        programme = await make_programme(client)
        url = f"{API}/programmes/{programme['id']}/timeline"
        r = await client.get(url, params={"from": "2018-05-01", "to": "2018-04-30"})
        assert r.status_code == 422
        assert r.headers["content-type"].startswith("application/problem+json")
        assert [(e["parameter"], e["code"]) for e in r.json()["errors"]] == [("to", "before_from")]
        r = await client.get(url, params={"from": "2000-01-01", "to": "2030-01-01"})
        assert [e["code"] for e in r.json()["errors"]] == ["window_too_long"]

    async def test_observers_see_it_and_outsiders_do_not(self, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        observer = await accounts.role(programme, "observer")
        assert (
            await observer.get(f"{API}/programmes/{programme['id']}/timeline")
        ).status_code == 200
        assert (await observer.get(f"{API}/programmes/{other['id']}/timeline")).status_code == 404
