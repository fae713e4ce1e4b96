from datetime import UTC, date, datetime, timedelta

from tests.factories import (
    API,
    make_deadline,
    make_involvement,
    make_person,
    make_programme,
    make_project,
)


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
        assert (a1["code"], a1["leader"]["name"]) == ("A1", "Line Leder")
        assert a1["current_phase"]["name"] == "Utarbeide kunnskapsgrunnlag"
        assert (a1["phases_completed"], a1["phases_total"]) == (1, 5)
        assert (a2["health"], a2["current_phase"]) == ("at_risk", None)
        assert overview["overdue_count"] == 1
        assert [d["title"] for d in overview["overdue"]] == ["Forsinket"]
        assert [d["title"] for d in overview["upcoming"]] == ["Snart"]
        assert overview["involvement"] == [
            {"project_id": phased["id"], "stakeholder_kind": "union_representatives", "count": 2}
        ]
        assert len(overview["phases"]) == 5

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
        assert ended["involvement"] == [
            {"project_id": project["id"], "stakeholder_kind": "employees", "count": 2}
        ]

        then = (await client.get(url, params={"as_of": "2019-11-10"})).json()
        assert then["as_of"] == "2019-11-10"
        assert (then["overdue_count"], [d["title"] for d in then["overdue"]]) == (
            1,
            ["Sluttrapport"],
        )
        assert [d["title"] for d in then["upcoming"]] == ["Evaluering"]
        assert [i["count"] for i in then["involvement"]] == [1]
