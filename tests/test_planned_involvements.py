"""Involvement plans (seed 000): planned involvements, their fulfilment by the involvement
record that shows they happened, the project's plan against what happened, and the
compliance rules planned-involvement-overdue and decision-planned-involvement-missed."""

from datetime import date, timedelta

from tests.factories import (
    API,
    make_decision,
    make_involvement,
    make_person,
    make_planned_involvement,
    make_programme,
    make_project,
)
from tests.statements import counting
from tests.test_governance import compliance


def rules_of(report: dict, rule: str) -> list[dict]:
    found = report["programme_findings"] + [f for p in report["projects"] for f in p["findings"]]
    return [f for f in found if f["rule"] == rule]


async def plan(client) -> tuple[dict, dict]:
    programme = await make_programme(client)
    project = await make_project(client, programme)
    return programme, project


class TestCreatePlannedInvolvement:
    async def test_an_entry_of_the_plan_starts_planned(self, client):
        programme, project = await plan(client)
        leader = await make_person(client, programme)
        planned = await make_planned_involvement(
            client, project, responsible_person_id=leader["id"], planned_on="2018-10-11"
        )
        assert planned["status"] == "planned"
        assert planned["programme_id"] == programme["id"]
        assert planned["responsible_person_id"] == leader["id"]
        assert planned["involvement_id"] is None
        assert planned["overdue"] is True

    async def test_the_project_is_required(self, client):
        r = await client.post(
            f"{API}/planned-involvements",
            json={
                "stakeholder_kind": "employees",
                "form": "information",
                "planned_on": "2018-10-11",
                "matter": "Informasjon",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/project_id"

    async def test_references_of_another_programme_are_refused(self, client):
        _, project = await plan(client)
        other = await make_programme(client)
        foreign_decision = await make_decision(client, other)
        foreign_person = await make_person(client, other)
        for field, value in (
            ("decision_id", foreign_decision["id"]),
            ("responsible_person_id", foreign_person["id"]),
        ):
            r = await client.post(
                f"{API}/planned-involvements",
                json={
                    "project_id": project["id"],
                    "stakeholder_kind": "employees",
                    "form": "information",
                    "planned_on": "2018-10-11",
                    "matter": "Informasjon",
                    field: value,
                },
            )
            assert r.status_code == 422, r.text
            assert r.json()["errors"][0] == {
                "pointer": f"/{field}",
                "code": "unknown_reference",
                "detail": r.json()["errors"][0]["detail"],
            }
        listed = await client.get(
            f"{API}/planned-involvements", params={"project_id": project["id"]}
        )
        assert listed.json()["items"] == []

    async def test_a_project_the_caller_cannot_see_is_unknown(self, client, accounts):
        _, project = await plan(client)
        other = await make_programme(client)
        outsider = await accounts.role(other, "editor")
        r = await outsider.post(
            f"{API}/planned-involvements",
            json={
                "project_id": project["id"],
                "stakeholder_kind": "employees",
                "form": "information",
                "planned_on": "2018-10-11",
                "matter": "Informasjon",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"


class TestStatus:
    async def test_cancelling_needs_a_reason(self, client):
        _, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        url = f"{API}/planned-involvements/{planned['id']}"
        r = await client.patch(url, json={"status": "cancelled"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/cancelled_reason"
        assert r.json()["errors"][0]["code"] == "reason_required"
        assert (await client.get(url)).json()["status"] == "planned"
        r = await client.patch(
            url, json={"status": "cancelled", "cancelled_reason": "Slått sammen med allmøtet"}
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "cancelled"
        assert r.json()["overdue"] is False
        r = await client.patch(url, json={"status": "planned"})
        assert (r.json()["status"], r.json()["cancelled_reason"]) == ("planned", None)

    async def test_done_comes_only_from_an_involvement_record(self, client):
        _, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        r = await client.patch(
            f"{API}/planned-involvements/{planned['id']}", json={"status": "done"}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "involvement_required"


class TestFulfilment:
    async def test_recording_the_involvement_fulfils_the_planned_one(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        involvement = await make_involvement(
            client, programme, planned_involvement_id=planned["id"], occurred_on="2018-10-12"
        )
        # The record takes the planned one's project when it names none.
        assert involvement["project_id"] == project["id"]
        stored = (await client.get(f"{API}/planned-involvements/{planned['id']}")).json()
        assert (stored["status"], stored["involvement_id"]) == ("done", involvement["id"])
        assert stored["overdue"] is False
        assert stored["version"] == planned["version"] + 1

    async def test_a_planned_involvement_is_fulfilled_once(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        await make_involvement(client, programme, planned_involvement_id=planned["id"])
        r = await client.post(
            f"{API}/involvements",
            json={
                "programme_id": programme["id"],
                "matter": "Igjen",
                "stakeholder_kind": "employees",
                "form": "information",
                "occurred_on": "2018-10-13",
                "head_count": 4,
                "planned_involvement_id": planned["id"],
            },
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "already_fulfilled"
        listed = await client.get(f"{API}/involvements", params={"programme_id": programme["id"]})
        assert [i["matter"] for i in listed.json()["items"]] != ["Igjen"]
        assert len(listed.json()["items"]) == 1

    async def test_only_by_a_record_of_the_same_project_and_programme(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        other_project = await make_project(client, programme)
        body = {
            "programme_id": programme["id"],
            "project_id": other_project["id"],
            "matter": "Annet prosjekt",
            "stakeholder_kind": "employees",
            "form": "information",
            "occurred_on": "2018-10-13",
            "head_count": 4,
            "planned_involvement_id": planned["id"],
        }
        r = await client.post(f"{API}/involvements", json=body)
        assert r.status_code == 422
        assert r.json()["errors"][0] == {
            "pointer": "/planned_involvement_id",
            "code": "other_project",
            "detail": r.json()["errors"][0]["detail"],
        }
        other = await make_programme(client)
        r = await client.post(
            f"{API}/involvements",
            json=body | {"programme_id": other["id"], "project_id": None},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
        assert (await client.get(f"{API}/involvements")).json()["items"] == []
        stored = (await client.get(f"{API}/planned-involvements/{planned['id']}")).json()
        assert stored["status"] == "planned"

    async def test_linking_a_record_made_earlier_and_unlinking_it(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        involvement = await make_involvement(client, programme, project_id=project["id"])
        url = f"{API}/planned-involvements/{planned['id']}"
        r = await client.patch(url, json={"involvement_id": involvement["id"]})
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["involvement_id"]) == ("done", involvement["id"])
        second = await make_planned_involvement(client, project)
        r = await client.patch(
            f"{API}/planned-involvements/{second['id']}",
            json={"involvement_id": involvement["id"]},
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "involvement_fulfils_another"
        another = await make_involvement(client, programme, project_id=project["id"])
        r = await client.patch(url, json={"involvement_id": another["id"]})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "already_fulfilled"
        r = await client.delete(url)
        assert r.status_code == 409
        r = await client.patch(url, json={"involvement_id": None})
        assert (r.json()["status"], r.json()["involvement_id"]) == ("planned", None)
        assert (await client.delete(url)).status_code == 204

    async def test_a_member_records_and_fulfils_but_may_not_edit_the_plan(self, client, accounts):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        member = await accounts.role(programme, "member")
        r = await member.patch(
            f"{API}/planned-involvements/{planned['id']}", json={"matter": "Endret"}
        )
        assert r.status_code == 403
        r = await member.post(
            f"{API}/involvements",
            json={
                "programme_id": programme["id"],
                "matter": "Drøfting",
                "stakeholder_kind": "union_representatives",
                "form": "consultation",
                "occurred_on": "2018-10-11",
                "head_count": 3,
                "planned_involvement_id": planned["id"],
            },
        )
        assert r.status_code == 201, r.text
        stored = (await client.get(f"{API}/planned-involvements/{planned['id']}")).json()
        assert stored["status"] == "done"


class TestList:
    async def test_filters_by_project_status_overdue_and_decision(self, client):
        programme, project = await plan(client)
        other_project = await make_project(client, programme)
        decision = await make_decision(client, programme, status="draft")
        tomorrow = (date.today() + timedelta(days=2)).isoformat()
        past = await make_planned_involvement(client, project, decision_id=decision["id"])
        future = await make_planned_involvement(client, project, planned_on=tomorrow)
        elsewhere = await make_planned_involvement(client, other_project)

        async def ids(**params) -> set[str]:
            r = await client.get(f"{API}/planned-involvements", params=params)
            assert r.status_code == 200, r.text
            return {p["id"] for p in r.json()["items"]}

        assert await ids(project_id=project["id"]) == {past["id"], future["id"]}
        assert await ids(overdue="true") == {past["id"], elsewhere["id"]}
        assert await ids(overdue="false") == {future["id"]}
        assert await ids(decision_id=decision["id"]) == {past["id"]}
        assert await ids(status="planned", project_id=other_project["id"]) == {elsewhere["id"]}
        r = await client.get(f"{API}/planned-involvements", params={"overdu": "true"})
        assert r.status_code == 400


class TestInvolvementPlan:
    async def test_the_plan_against_what_happened(self, client, accounts):
        programme, project = await plan(client)
        rep = await make_person(client, programme, name="Tone Tillitsvalgt")
        held = await make_planned_involvement(client, project, planned_on="2018-10-01")
        missed = await make_planned_involvement(
            client, project, planned_on="2018-10-20", stakeholder_kind="employees"
        )
        done = await make_involvement(
            client,
            programme,
            planned_involvement_id=held["id"],
            occurred_on="2018-10-04",
            participant_ids=[rep["id"]],
            head_count=None,
        )
        extra = await make_involvement(
            client, programme, project_id=project["id"], occurred_on="2018-11-01"
        )
        await make_involvement(client, programme)  # of no project: not in the plan
        r = await client.get(f"{API}/projects/{project['id']}/involvement-plan")
        assert r.status_code == 200, r.text
        body = r.json()
        assert [e["planned"]["id"] for e in body["entries"]] == [held["id"], missed["id"]]
        first, second = body["entries"]
        assert first["involvement"]["id"] == done["id"]
        assert first["involvement"]["participant_ids"] == [rep["id"]]
        assert (first["happened_on"], first["late_by_days"]) == ("2018-10-04", 3)
        assert second["involvement"] is None and second["planned"]["overdue"] is True
        assert [i["id"] for i in body["unplanned"]] == [extra["id"]]
        assert body["counts"] == {
            "planned": 1,
            "done": 1,
            "cancelled": 0,
            "overdue": 1,
            "unplanned": 1,
        }
        observer = await accounts.role(programme, "observer")
        seen = (await observer.get(f"{API}/projects/{project['id']}/involvement-plan")).json()
        assert seen["entries"][0]["involvement"]["participant_ids"] == []
        assert seen["entries"][0]["involvement"]["participant_count"] == 1
        outsider = await accounts.role(await make_programme(client), "observer")
        r = await outsider.get(f"{API}/projects/{project['id']}/involvement-plan")
        assert r.status_code == 404

    async def test_the_same_statements_whatever_the_size(self, app, client):
        programme, project = await plan(client)

        async def count() -> int:
            async with counting(app) as statements:
                r = await client.get(f"{API}/projects/{project['id']}/involvement-plan")
                assert r.status_code == 200
            return len(statements)

        async def add(n: int) -> None:
            planned = await make_planned_involvement(client, project, planned_on=f"2018-10-{n:02}")
            await make_involvement(client, programme, planned_involvement_id=planned["id"])
            await make_involvement(client, programme, project_id=project["id"])

        await add(1)
        small = await count()
        for n in range(2, 7):
            await add(n)
        assert await count() == small


class TestRules:
    async def test_planned_involvement_overdue_as_of_the_report_day(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project, planned_on="2018-10-11")
        found = rules_of(await compliance(client, programme), "planned-involvement-overdue")
        assert [f["record_id"] for f in found] == [planned["id"]]
        assert found[0]["facts"]["planned_on"] == "2018-10-11"
        assert found[0]["facts"]["project"] == project["code"]
        assert found[0]["project_id"] == project["id"]
        assert "Seed 000" in found[0]["source"]
        # Judged on the day it was planned for, it is not yet overdue.
        report = await compliance(client, programme, as_of="2018-10-11")
        assert rules_of(report, "planned-involvement-overdue") == []
        await make_involvement(client, programme, planned_involvement_id=planned["id"])
        report = await compliance(client, programme)
        assert rules_of(report, "planned-involvement-overdue") == []

    async def test_a_cancelled_one_is_not_overdue(self, client):
        programme, project = await plan(client)
        planned = await make_planned_involvement(client, project)
        await client.patch(
            f"{API}/planned-involvements/{planned['id']}",
            json={"status": "cancelled", "cancelled_reason": "Erstattet av allmøte"},
        )
        report = await compliance(client, programme)
        assert rules_of(report, "planned-involvement-overdue") == []

    async def test_a_reorganisation_decision_taken_before_its_planned_involvement(self, client):
        programme, project = await plan(client)
        decision = await make_decision(
            client,
            programme,
            project_id=project["id"],
            reorganisation=True,
            decided_on="2018-12-14",
            status="final",
            override_reason="Hastesak",
        )
        for_it = await make_planned_involvement(
            client, project, planned_on="2018-12-20", decision_id=decision["id"]
        )
        before_it = await make_planned_involvement(
            client, project, planned_on="2018-11-01", matter="Allmøte for ansatte"
        )
        # Planned after the decision and naming no decision: not for it.
        await make_planned_involvement(client, project, planned_on="2019-01-10")
        found = rules_of(await compliance(client, programme), "decision-planned-involvement-missed")
        assert [f["record_id"] for f in found] == [decision["id"]]
        assert found[0]["facts"]["count"] == 2
        assert found[0]["facts"]["missed"] == [before_it["matter"], for_it["matter"]]
        assert "Hovedavtalen del B § 1-4" in found[0]["source"]

        # Held on time, both: nothing missed.
        await make_involvement(
            client, programme, planned_involvement_id=for_it["id"], occurred_on="2018-12-10"
        )
        await make_involvement(
            client, programme, planned_involvement_id=before_it["id"], occurred_on="2018-11-01"
        )
        report = await compliance(client, programme)
        assert rules_of(report, "decision-planned-involvement-missed") == []

    async def test_held_only_after_the_decision_is_missed_and_cancelled_is_not(self, client):
        programme, project = await plan(client)
        decision = await make_decision(
            client,
            programme,
            project_id=project["id"],
            reorganisation=True,
            decided_on="2018-12-14",
            status="final",
            override_reason="Hastesak",
        )
        late = await make_planned_involvement(client, project, decision_id=decision["id"])
        await make_involvement(
            client, programme, planned_involvement_id=late["id"], occurred_on="2018-12-15"
        )
        cancelled = await make_planned_involvement(client, project, planned_on="2018-11-01")
        await client.patch(
            f"{API}/planned-involvements/{cancelled['id']}",
            json={"status": "cancelled", "cancelled_reason": "Ikke lenger aktuelt"},
        )
        found = rules_of(await compliance(client, programme), "decision-planned-involvement-missed")
        assert [f["facts"]["missed"] for f in found] == [[late["matter"]]]

    async def test_a_decision_that_does_not_reorganise_or_is_a_draft_is_not_judged(self, client):
        programme, project = await plan(client)
        plain = await make_decision(client, programme, project_id=project["id"])
        draft = await make_decision(
            client, programme, project_id=project["id"], reorganisation=True, status="draft"
        )
        for d in (plain, draft):
            await make_planned_involvement(client, project, decision_id=d["id"])
        report = await compliance(client, programme)
        assert rules_of(report, "decision-planned-involvement-missed") == []

    async def test_the_report_costs_the_same_however_many_decisions_and_plans(self, app, client):
        programme, project = await plan(client)
        url = f"{API}/programmes/{programme['id']}/compliance"

        async def count() -> int:
            async with counting(app) as statements:
                assert (await client.get(url)).status_code == 200
            return len(statements)

        async def add() -> None:
            decision = await make_decision(
                client,
                programme,
                project_id=project["id"],
                reorganisation=True,
                status="final",
                override_reason="Hastesak",
            )
            held = await make_planned_involvement(client, project, decision_id=decision["id"])
            await make_involvement(client, programme, planned_involvement_id=held["id"])
            await make_planned_involvement(client, project, decision_id=decision["id"])

        await add()
        one = await count()
        for _ in range(4):
            await add()
        report = await compliance(client, programme)
        assert len(rules_of(report, "decision-planned-involvement-missed")) == 5
        assert await count() == one
