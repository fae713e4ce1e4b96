"""Composition checks and the compliance overview: each rule, flagged and accepted."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.factories import (
    API,
    make_deadline,
    make_decision,
    make_group,
    make_involvement,
    make_member,
    make_person,
    make_programme,
    make_project,
)


async def composition(client, group) -> list[str]:
    r = await client.get(f"{API}/groups/{group['id']}/composition")
    assert r.status_code == 200, r.text
    return [f["rule"] for f in r.json()]


async def seat(
    client, programme, group, party, *, affiliation="employee", municipality=None, **member
):
    person = await make_person(
        client, programme, affiliation=affiliation, municipality_number=municipality
    )
    return await make_member(
        client, group, person, party=party, municipality_number=municipality, **member
    )


class TestThreePartyForum:
    async def test_equal_numbers_of_the_three_parties_pass(self, client):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum")
        for party in ["politicians", "administration", "employees"] * 3:
            await seat(client, programme, forum, party)
        assert await composition(client, forum) == []

    async def test_an_unequal_or_missing_party_is_flagged(self, client):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum")
        for party in ["politicians"] * 3 + ["administration"] * 3 + ["employees"] * 2:
            await seat(client, programme, forum, party)
        r = (await client.get(f"{API}/groups/{forum['id']}/composition")).json()
        assert [f["rule"] for f in r] == ["three-party-balance"]
        assert "employees 2" in r[0]["message"]
        assert r[0]["facts"] == {
            "group": forum["name"],
            "politicians": 3,
            "administration": 3,
            "employees": 2,
        }
        assert "seed 001" in r[0]["source"]

    async def test_a_member_whose_seat_ended_does_not_count(self, client):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum")
        for party in ["politicians", "administration"]:
            await seat(client, programme, forum, party)
        await seat(
            client, programme, forum, "employees", starts_on="2017-01-01", ends_on="2018-01-01"
        )
        assert await composition(client, forum) == ["three-party-balance"]


class TestProjectBoard:
    async def _board(self, client, *, concerns_nav=False):
        programme = await make_programme(client)
        project = await make_project(client, programme, concerns_nav=concerns_nav)
        board = await make_group(client, programme, kind="project_board", project_id=project["id"])
        return programme, board

    async def test_leaders_of_every_municipality_and_a_union_rep_pass(self, client):
        programme, board = await self._board(client)
        await seat(client, programme, board, "administration", municipality="0213")
        await seat(client, programme, board, "administration", municipality="0217")
        await seat(client, programme, board, "employees", affiliation="union_representative")
        assert await composition(client, board) == []

    async def test_a_missing_municipality_and_union_rep_are_flagged(self, client):
        programme, board = await self._board(client)
        await seat(client, programme, board, "administration", municipality="0213")
        await seat(client, programme, board, "employees")
        findings = (await client.get(f"{API}/groups/{board['id']}/composition")).json()
        assert [f["rule"] for f in findings] == [
            "board-municipalities",
            "board-union-representative",
        ]
        assert "Oppegård" in findings[0]["message"]
        assert [f["facts"] for f in findings] == [
            {"group": board["name"], "municipalities": ["Oppegård"]},
            {"group": board["name"]},
        ]

    async def test_nav_is_required_only_where_the_project_concerns_nav(self, client):
        programme, board = await self._board(client, concerns_nav=True)
        await seat(client, programme, board, "administration", municipality="0213")
        await seat(client, programme, board, "administration", municipality="0217")
        await seat(client, programme, board, "employees", affiliation="union_representative")
        (nav,) = (await client.get(f"{API}/groups/{board['id']}/composition")).json()
        assert (nav["rule"], nav["facts"]) == ("board-nav", {"group": board["name"]})
        await seat(client, programme, board, "other", affiliation="nav")
        assert await composition(client, board) == []


class TestJointConsultativeCommittee:
    async def test_employer_majority_passes_and_a_tie_is_flagged(self, client):
        programme = await make_programme(client)
        committee = await make_group(client, programme, kind="joint_consultative_committee")
        await seat(client, programme, committee, "politicians")
        await seat(client, programme, committee, "employees", affiliation="union_representative")
        (tie,) = (await client.get(f"{API}/groups/{committee['id']}/composition")).json()
        assert tie["rule"] == "joint-consultative-committee-sides"
        assert tie["facts"] == {"group": committee["name"], "employer": 1, "employees": 1}
        await seat(client, programme, committee, "politicians")
        assert await composition(client, committee) == []

    async def test_a_committee_without_employees_is_flagged(self, client):
        programme = await make_programme(client)
        committee = await make_group(client, programme, kind="joint_consultative_committee")
        await seat(client, programme, committee, "politicians")
        assert await composition(client, committee) == ["joint-consultative-committee-sides"]


async def compliance(client, programme) -> dict:
    r = await client.get(f"{API}/programmes/{programme['id']}/compliance")
    assert r.status_code == 200, r.text
    return r.json()


def rules_of(report: dict) -> list[str]:
    return sorted(f["rule"] for p in report["projects"] for f in p["findings"]) + sorted(
        f["rule"] for f in report["programme_findings"]
    )


class TestCompliance:
    async def test_allocation_over_100_percent_across_groups_and_projects(self, client):
        programme = await make_programme(client)
        hr = await make_person(client, programme, name="Hanne HR")
        await make_project(client, programme, leader_id=hr["id"], leader_allocation_percent=60)
        await make_member(client, await make_group(client, programme), hr, allocation_percent=30)
        assert "allocation-over-100" not in rules_of(await compliance(client, programme))
        await make_member(client, await make_group(client, programme), hr, allocation_percent=20)
        report = await compliance(client, programme)
        assert [f["message"] for f in report["programme_findings"]] == ["Hanne HR: 110 %"]
        assert report["programme_findings"][0]["facts"] == {"person": "Hanne HR", "total": 110}

    async def test_mandate_involvement_and_overdue_deadlines_per_project(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(client, programme, status="active")
        deadline = await make_deadline(
            client, programme, person, project_id=project["id"], due_at="2018-11-23T11:00:00Z"
        )
        report = await compliance(client, programme)
        (entry,) = report["projects"]
        assert sorted(f["rule"] for f in entry["findings"]) == [
            "employee-involvement-60-days",
            "mandate-approved",
            "overdue-deadline",
        ]
        links = {f["rule"]: (f["record_type"], f["record_id"]) for f in entry["findings"]}
        assert links["mandate-approved"] == ("project", project["id"])
        facts = {f["rule"]: f["facts"] for f in entry["findings"]}
        assert facts["mandate-approved"] == {"project": project["code"], "mandate_status": "draft"}
        since = datetime.now(ZoneInfo("Europe/Oslo")).date() - timedelta(days=60)
        assert facts["employee-involvement-60-days"] == {
            "project": project["code"],
            "since": since.isoformat(),
        }
        # The time as it was in Oslo, with its offset.
        assert facts["overdue-deadline"] == {
            "deadline": deadline["title"],
            "due_at": "2018-11-23T12:00:00+01:00",
        }
        assert report["total"] == 3
        assert {r["id"] for r in report["rules"]} == {
            "mandate-approved",
            "three-party-balance",
            "board-municipalities",
            "board-union-representative",
            "board-nav",
            "joint-consultative-committee-sides",
            "allocation-over-100",
            "employee-involvement-60-days",
            "overdue-deadline",
            "reorganisation-consultation",
        }
        assert all(r["source"] for r in report["rules"])

    async def test_fixing_each_clears_its_finding(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(
            client, programme, status="active", mandate_text="Mandat", mandate_status="proposed"
        )
        deadline = await make_deadline(
            client,
            programme,
            person,
            project_id=project["id"],
            due_at=(datetime.now(UTC) - timedelta(days=1)).isoformat(),
        )
        approval = await make_decision(client, programme)
        await client.patch(
            f"{API}/projects/{project['id']}",
            json={"mandate_status": "approved", "mandate_decision_id": approval["id"]},
        )
        await client.patch(f"{API}/deadlines/{deadline['id']}", json={"status": "submitted"})
        await make_involvement(
            client,
            programme,
            project_id=project["id"],
            stakeholder_kind="union_representatives",
            occurred_on=str(date.today() - timedelta(days=5)),
        )
        assert rules_of(await compliance(client, programme)) == []

    async def test_old_involvement_does_not_count(self, client):
        programme = await make_programme(client)
        project = await make_project(
            client, programme, status="active", mandate_text="Mandat", mandate_status="proposed"
        )
        approval = await make_decision(client, programme)
        await client.patch(
            f"{API}/projects/{project['id']}",
            json={"mandate_status": "approved", "mandate_decision_id": approval["id"]},
        )
        await make_involvement(
            client,
            programme,
            project_id=project["id"],
            stakeholder_kind="employees",
            occurred_on=str(date.today() - timedelta(days=61)),
        )
        assert rules_of(await compliance(client, programme)) == ["employee-involvement-60-days"]
