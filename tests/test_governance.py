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


async def compliance(client, programme, **params) -> dict:
    r = await client.get(
        f"{API}/programmes/{programme['id']}/compliance", params={**params, "include": "findings"}
    )
    assert r.status_code == 200, r.text
    return r.json()


def if_match(record: dict) -> dict[str, str]:
    return {"If-Match": f'"{record["version"]}"'}


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
        project = await make_project(
            client,
            programme,
            status="active",
            leader_id=person["id"],
            leader_allocation_percent=80,
        )
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
            "mandate-approval-decision",
            "project-leader-60-100",
            "measure-result",
            "group-criteria-assessed",
            "effect-goal-indicator",
            "goal-selection-rationale",
            "indicator-baseline",
            "follow-up-overdue",
            "hearing-response-handled",
            "hearing-parties",
            "version-missing",
            "version-late",
            "planned-involvement-overdue",
            "decision-planned-involvement-missed",
        }
        assert all(r["source"] for r in report["rules"])

    async def test_fixing_each_clears_its_finding(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(
            client,
            programme,
            status="active",
            mandate_text="Mandat",
            mandate_status="proposed",
            leader_id=person["id"],
            leader_allocation_percent=20,
        )
        deadline = await make_deadline(
            client,
            programme,
            person,
            project_id=project["id"],
            due_at=(datetime.now(UTC) - timedelta(days=1)).isoformat(),
        )
        assert {"project-leader-60-100", "mandate-approved", "overdue-deadline"} <= set(
            rules_of(await compliance(client, programme))
        )
        approval = await make_decision(client, programme, project_id=project["id"])
        r = await client.patch(
            f"{API}/projects/{project['id']}",
            json={
                "mandate_status": "approved",
                "mandate_decision_id": approval["id"],
                "leader_allocation_percent": 60,
            },
            headers=if_match(project),
        )
        assert r.status_code == 200, r.text
        r = await client.patch(
            f"{API}/deadlines/{deadline['id']}",
            json={"status": "submitted"},
            headers=if_match(deadline),
        )
        assert r.status_code == 200, r.text
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
        leader = await make_person(client, programme)
        project = await make_project(
            client,
            programme,
            status="active",
            mandate_text="Mandat",
            mandate_status="proposed",
            leader_id=leader["id"],
        )
        approval = await make_decision(client, programme, project_id=project["id"])
        r = await client.patch(
            f"{API}/projects/{project['id']}",
            json={"mandate_status": "approved", "mandate_decision_id": approval["id"]},
            headers=if_match(project),
        )
        assert r.status_code == 200, r.text
        await make_involvement(
            client,
            programme,
            project_id=project["id"],
            stakeholder_kind="employees",
            occurred_on=str(date.today() - timedelta(days=61)),
        )
        assert rules_of(await compliance(client, programme)) == ["employee-involvement-60-days"]


class TestProjectLeader:
    async def test_a_leader_below_60_percent_is_flagged_with_the_source(self, client):
        programme = await make_programme(client)
        line = await make_person(client, programme, name="Line Leder")
        project = await make_project(
            client, programme, status="planned", leader_id=line["id"], leader_allocation_percent=20
        )
        report = await compliance(client, programme)
        (flagged,) = [
            f for f in report["projects"][0]["findings"] if f["rule"] == "project-leader-60-100"
        ]
        assert (flagged["record_type"], flagged["record_id"]) == ("project", project["id"])
        assert flagged["facts"] == {
            "project": project["code"],
            "state": "allocation",
            "leader": "Line Leder",
            "allocation": 20,
        }
        assert "seed 003" in flagged["source"].lower()
        assert "60–100" in flagged["source"]
        for percent in (60, 100):
            r = await client.patch(
                f"{API}/projects/{project['id']}",
                json={"leader_allocation_percent": percent},
                headers=if_match(project),
            )
            project = r.json()
            assert rules_of(await compliance(client, programme)) == ["mandate-approved"]

    async def test_an_active_project_without_a_leader_is_flagged(self, client):
        programme = await make_programme(client)
        await make_project(client, programme, status="planned")
        assert rules_of(await compliance(client, programme)) == ["mandate-approved"]
        active = await make_project(client, programme, status="active", code="A9")
        report = await compliance(client, programme)
        flagged = [
            f
            for p in report["projects"]
            for f in p["findings"]
            if f["rule"] == "project-leader-60-100"
        ]
        assert [(f["record_id"], f["facts"]) for f in flagged] == [
            (active["id"], {"project": "A9", "state": "no_leader"})
        ]


async def approve(client, record: dict, kind: str, decision: dict, **extra):
    """Propose (when needed) and approve a mandate with `decision`."""
    url = f"{API}/{kind}/{record['id']}"
    current = (await client.get(url)).json()
    if current["mandate_status"] == "draft":
        r = await client.patch(
            url,
            json={"mandate_status": "proposed", "mandate_text": "Mandat"},
            headers=if_match(current),
        )
        current = r.json()
    return await client.patch(
        url,
        json={"mandate_status": "approved", "mandate_decision_id": decision["id"], **extra},
        headers=if_match(current),
    )


def codes(response) -> list[str]:
    assert response.status_code == 422, response.text
    assert {e["pointer"] for e in response.json()["errors"]} == {"/mandate_decision_id"}
    return [e["code"] for e in response.json()["errors"]]


class TestMandateApproval:
    """Seed 003: the board proposes its project's mandate; the joint committee (or the
    programme's steering group) approves it by a final decision about that project."""

    async def _programme(self, client):
        programme = await make_programme(client)
        committee = await make_group(client, programme, kind="joint_committee", name="Fellesnemnda")
        a1 = await make_project(client, programme, code="A1", name="Oppvekst og utdanning")
        a5 = await make_project(client, programme, code="A5", name="Kultur, idrett og fritid")
        board = await make_group(
            client, programme, kind="project_board", name="Prosjektstyre A1", project_id=a1["id"]
        )
        return programme, committee, a1, a5, board

    async def test_the_board_cannot_approve_the_mandate_it_proposed(self, client):
        programme, _committee, a1, _a5, board = await self._programme(client)
        own = await make_decision(client, programme, body_group_id=board["id"], project_id=a1["id"])
        assert codes(await approve(client, a1, "projects", own)) == ["approving_body_not_above"]
        nobody = await make_decision(client, programme, project_id=a1["id"])
        r = await approve(client, a1, "projects", nobody)
        assert codes(r) == ["approving_body_missing"]
        assert r.json()["errors"][0]["params"] == {"bodies": "Fellesnemnda"}

    async def test_a_decision_about_another_project_does_not_approve(self, client):
        programme, committee, a1, a5, _board = await self._programme(client)
        other = await make_decision(
            client, programme, body_group_id=committee["id"], project_id=a5["id"]
        )
        assert codes(await approve(client, a1, "projects", other)) == ["decision_on_another_matter"]
        draft = await make_decision(
            client, programme, body_group_id=committee["id"], project_id=a1["id"], status="draft"
        )
        assert codes(await approve(client, a1, "projects", draft)) == ["decision_not_final"]

    async def test_the_committee_or_the_programme_steering_group_approves(self, client):
        programme, committee, a1, a5, _board = await self._programme(client)
        about = await make_decision(
            client, programme, body_group_id=committee["id"], project_id=a1["id"]
        )
        r = await approve(client, a1, "projects", about)
        assert r.status_code == 200, r.text
        # A decision on several mandates names each project instead.
        steering = await make_group(client, programme, kind="steering_group", name="Programstyret")
        naming = await make_decision(
            client,
            programme,
            body_group_id=steering["id"],
            title="Godkjenning av mandater for A5 og A7",
        )
        r = await approve(client, a5, "projects", naming)
        assert r.status_code == 200, r.text
        # A1's own steering group stands no higher than its board.
        a1_steering = await make_group(
            client, programme, kind="steering_group", name="Styringsgruppe A1", project_id=a1["id"]
        )
        a3 = await make_project(client, programme, code="A3", name="Helse")
        by_project_body = await make_decision(
            client, programme, body_group_id=a1_steering["id"], project_id=a3["id"]
        )
        assert codes(await approve(client, a3, "projects", by_project_body)) == [
            "approving_body_not_above"
        ]

    async def test_an_approval_is_not_dated_before_its_decision(self, client):
        programme, committee, a1, *_ = await self._programme(client)
        later = await make_decision(
            client,
            programme,
            body_group_id=committee["id"],
            project_id=a1["id"],
            decided_on="2017-12-12",
        )
        r = await approve(
            client, a1, "projects", later, mandate_approved_at="2017-06-01T12:00:00+02:00"
        )
        assert codes(r) == ["approved_before_decision"]
        assert r.json()["errors"][0]["params"] == {
            "approved_on": "2017-06-01",
            "decided_on": "2017-12-12",
        }

    async def test_group_mandates_are_approved_by_a_body_above_the_group(self, client):
        programme, committee, a1, _a5, board = await self._programme(client)
        own = await make_decision(
            client, programme, body_group_id=board["id"], title="Mandat for Prosjektstyre A1"
        )
        assert codes(await approve(client, board, "groups", own)) == ["approving_body_not_above"]
        by_committee = await make_decision(
            client, programme, body_group_id=committee["id"], title="Mandat for Prosjektstyre A1"
        )
        assert (await approve(client, board, "groups", by_committee)).status_code == 200
        # The board is above the working groups of its own project.
        working = await make_group(
            client,
            programme,
            kind="working_group",
            name="Arbeidsgruppe barnehage",
            project_id=a1["id"],
        )
        by_board = await make_decision(
            client, programme, body_group_id=board["id"], project_id=a1["id"]
        )
        assert (await approve(client, working, "groups", by_board)).status_code == 200
        # Nothing in the programme stands above the joint committee: the municipal councils
        # set its mandate (inndelingslova § 25), by a decision that names it.
        own_mandate = await make_decision(
            client, programme, body_group_id=committee["id"], title="Mandat for Fellesnemnda"
        )
        assert codes(await approve(client, committee, "groups", own_mandate)) == [
            "approving_body_not_above"
        ]
        councils = await make_decision(
            client, programme, title="Felles kommunestyremøte: mandat for Fellesnemnda"
        )
        assert (await approve(client, committee, "groups", councils)).status_code == 200

    async def test_archiving_the_approving_decision_raises_a_finding(self, client):
        programme, committee, a1, _a5, board = await self._programme(client)
        decision = await make_decision(
            client, programme, body_group_id=committee["id"], project_id=a1["id"]
        )
        assert (await approve(client, a1, "projects", decision)).status_code == 200
        assert "mandate-approval-decision" not in rules_of(await compliance(client, programme))
        r = await client.delete(f"{API}/decisions/{decision['id']}", headers=if_match(decision))
        assert r.status_code == 204
        report = await compliance(client, programme)
        flagged = [
            f
            for p in report["projects"]
            for f in p["findings"]
            if f["rule"] == "mandate-approval-decision"
        ]
        assert [(f["record_type"], f["record_id"]) for f in flagged] == [("project", a1["id"])]
        assert flagged[0]["facts"] == {
            "record_type": "project",
            "name": "A1",
            "decision": decision["title"],
            "problems": ["decision_archived"],
        }
        # And an archived decision approves nothing new (the board belongs to its project).
        assert codes(await approve(client, board, "groups", decision)) == ["decision_archived"]


class TestComplianceAsOf:
    """A programme that has ended is judged as of its end, not by today's windows."""

    async def _ended(self, client):
        programme = await make_programme(
            client, status="completed", starts_on="2017-06-01", target_on="2020-01-01"
        )
        leader = await make_person(client, programme)
        project = await make_project(
            client,
            programme,
            code="A1",
            status="active",
            leader_id=leader["id"],
            leader_allocation_percent=80,
            ends_on="2019-12-31",
        )
        approval = await make_decision(client, programme, project_id=project["id"])
        r = await approve(client, project, "projects", approval)
        assert r.status_code == 200, r.text
        await make_involvement(
            client,
            programme,
            project_id=project["id"],
            stakeholder_kind="union_representatives",
            occurred_on="2019-12-15",
        )
        await make_deadline(
            client,
            programme,
            leader,
            project_id=project["id"],
            title="Sluttrapport",
            due_at="2019-11-01T12:00:00+01:00",
            status="submitted",
            submitted_at="2019-11-20T12:00:00+01:00",
        )
        return programme

    async def test_a_completed_programme_is_judged_as_of_its_end(self, client):
        programme = await self._ended(client)
        report = await compliance(client, programme)
        assert report["as_of"] == "2020-01-01"
        assert rules_of(report) == []

    async def test_as_of_gives_any_days_view(self, client):
        programme = await self._ended(client)
        later = await compliance(client, programme, as_of="2020-03-15")
        assert later["as_of"] == "2020-03-15"
        (flagged,) = later["projects"][0]["findings"]
        assert flagged["facts"] == {"project": "A1", "since": "2020-01-15"}
        # An involvement after the day judged on does not count on it, and a deadline met
        # only after that day was overdue then.
        earlier = await compliance(client, programme, as_of="2019-11-10")
        assert rules_of(earlier) == ["employee-involvement-60-days", "overdue-deadline"]
        overdue = next(
            f for f in earlier["projects"][0]["findings"] if f["rule"] == "overdue-deadline"
        )
        assert overdue["facts"]["deadline"] == "Sluttrapport"

    async def test_an_ongoing_programme_is_judged_today_and_not_in_the_future(self, client):
        programme = await make_programme(client)
        today = datetime.now(ZoneInfo("Europe/Oslo")).date()
        assert (await compliance(client, programme))["as_of"] == today.isoformat()
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance",
            params={"as_of": str(today + timedelta(days=1))},
        )
        assert r.status_code == 422, r.text
        (error,) = r.json()["errors"]
        assert (error["parameter"], error["code"]) == ("as_of", "in_future")


async def _statements(app, client, url: str, params: dict | None = None) -> int:
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    # Asked once before counting, so that the caller is known (auth/principal.py keeps it a
    # few seconds) in both counts, however long filling the programme took in between.
    assert (await client.get(url, params=params)).status_code == 200
    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        r = await client.get(url, params=params)
        assert r.status_code == 200, r.text
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


async def _grow(client, programme, projects: int, deadlines: int, prefix: str = "S") -> None:
    """Projects with a board and an overdue deadline each, and more overdue deadlines."""
    person = await make_person(client, programme, name="Frida Frist")
    made = []
    for n in range(projects):
        project = await make_project(
            client, programme, status="active", leader_id=person["id"], code=f"{prefix}{n:02}"
        )
        made.append(project)
        board = await make_group(
            client,
            programme,
            kind="project_board",
            project_id=project["id"],
            name=f"Styre {prefix}{n}",
        )
        await seat(client, programme, board, "administration", municipality="0213")
        await make_involvement(client, programme, project_id=project["id"])
    for n in range(deadlines):
        await make_deadline(
            client,
            programme,
            person,
            title=f"Frist {n}",
            project_id=made[n % len(made)]["id"] if made and n % 3 else None,
            due_at="2018-06-01T12:00:00+02:00",
        )


class TestComplianceSummary:
    async def test_counts_by_default_and_every_finding_when_asked(self, client):
        programme = await make_programme(client)
        await _grow(client, programme, projects=2, deadlines=4)
        url = f"{API}/programmes/{programme['id']}/compliance"
        summary = (await client.get(url)).json()
        full = (await client.get(url, params={"include": "findings"})).json()
        assert summary["programme_findings"] is None
        assert all(p["findings"] is None for p in summary["projects"])
        assert summary["total"] == full["total"] > 0
        for brief, whole in zip(summary["projects"], full["projects"], strict=True):
            assert brief["findings_count"] == len(whole["findings"])
        assert summary["programme_findings_count"] == len(full["programme_findings"])
        every = [f for p in full["projects"] for f in p["findings"]] + full["programme_findings"]
        assert {r["id"]: r["count"] for r in summary["rules"] if r["count"]} == {
            rule: sum(1 for f in every if f["rule"] == rule) for rule in {f["rule"] for f in every}
        }
        assert summary["rules"][0]["count"] >= 0
        overdue = next(r for r in summary["rules"] if r["id"] == "overdue-deadline")
        assert overdue["count"] == 4

    async def test_an_unknown_include_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance", params={"include": "all"}
        )
        assert r.status_code == 422, r.text


class TestComplianceFindings:
    async def _pages(self, client, programme, **params) -> list[dict]:
        found, cursor = [], None
        while True:
            r = await client.get(
                f"{API}/programmes/{programme['id']}/compliance/findings",
                params={**params, **({"cursor": cursor} if cursor else {})},
            )
            assert r.status_code == 200, r.text
            page = r.json()
            assert len(page["items"]) <= params.get("limit", 50)
            found += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return found

    @staticmethod
    def _key(f: dict) -> tuple[str, str]:
        return (f["rule"], f["record_id"])

    async def test_the_pages_hold_every_finding_once_by_rule(self, client):
        programme = await make_programme(client)
        await _grow(client, programme, projects=3, deadlines=7)
        full = await compliance(client, programme)
        every = [f for p in full["projects"] for f in p["findings"]] + full["programme_findings"]
        paged = await self._pages(client, programme, limit=3)
        assert sorted(map(self._key, paged)) == sorted(map(self._key, every))
        assert len(paged) == len({self._key(f) for f in paged}) == full["total"]
        order = [r["id"] for r in full["rules"]]
        assert [order.index(f["rule"]) for f in paged] == sorted(
            order.index(f["rule"]) for f in paged
        )
        overdue = [f for f in paged if f["rule"] == "overdue-deadline"]
        assert len(overdue) == 7
        assert overdue[0]["facts"]["deadline"].startswith("Frist ")

    async def test_one_project_the_programme_or_one_rule(self, client):
        programme = await make_programme(client)
        await _grow(client, programme, projects=2, deadlines=6)
        full = await compliance(client, programme)
        project = full["projects"][0]
        mine = await self._pages(client, programme, project_id=project["project_id"], limit=2)
        assert sorted(map(self._key, mine)) == sorted(map(self._key, project["findings"]))
        assert {f["project_id"] for f in mine} == {project["project_id"]}
        alone = await self._pages(client, programme, scope="programme", limit=2)
        assert sorted(map(self._key, alone)) == sorted(map(self._key, full["programme_findings"]))
        late = await self._pages(client, programme, rule="overdue-deadline", limit=4)
        assert len(late) == 6 and {f["rule"] for f in late} == {"overdue-deadline"}

    async def test_bad_filters_and_cursors_are_refused(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        url = f"{API}/programmes/{programme['id']}/compliance/findings"
        r = await client.get(url, params={"rule": "no-such-rule"})
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "unknown_rule"
        r = await client.get(url, params={"scope": "programme", "project_id": project["id"]})
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "conflicting_filters"
        r = await client.get(url, params={"cursor": "bm90LWEtY3Vyc29y"})
        assert r.status_code == 400, r.text
        r = await client.get(url, params={"limit": 501})
        assert r.status_code == 422, r.text

    async def test_observers_see_them_and_outsiders_do_not(self, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        observer = await accounts.role(programme, "observer")
        path = "compliance/findings"
        assert (await observer.get(f"{API}/programmes/{programme['id']}/{path}")).status_code == 200
        r = await observer.get(f"{API}/programmes/{other['id']}/{path}")
        assert r.status_code == 404, r.text


class TestComplianceCost:
    async def test_report_overview_and_a_page_cost_the_same_at_any_size(self, app, client):
        programme = await make_programme(client)
        await _grow(client, programme, projects=1, deadlines=1)
        base = f"{API}/programmes/{programme['id']}"
        urls = [
            (f"{base}/compliance", None),
            (f"{base}/overview", None),
            (f"{base}/compliance/findings", {"limit": 2}),
            (f"{base}/compliance", {"include": "findings"}),
        ]
        small = [await _statements(app, client, url, params) for url, params in urls]
        await _grow(client, programme, projects=5, deadlines=20, prefix="T")
        large = [await _statements(app, client, url, params) for url, params in urls]
        assert small == large
