"""Criteria for a kind of group, dated assessments of each group against them, and the rule
that a group is assessed against every criterion for setting it up."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from samskap.criteria.service import CriterionAssessmentService, GroupCriterionService
from tests.factories import API, create, make_group, make_member, make_person, make_programme


async def make_criterion(client, programme: dict, **overrides) -> dict:
    body = {
        "programme_id": programme["id"],
        "group_kind": "work_team",
        "purpose": "setup",
        "title": "Medlemmer fra minst to fagområder",
    }
    return await create(client, "/group-criteria", body | overrides)


async def assess(client, group: dict, criterion: dict, **overrides) -> dict:
    body = {
        "group_id": group["id"],
        "criterion_id": criterion["id"],
        "assessed_on": "2013-11-15",
        "fulfilment": "met",
    }
    return await create(client, "/criterion-assessments", body | overrides)


def oslo_day(delta: int = 0) -> str:
    return (datetime.now(ZoneInfo("Europe/Oslo")).date() + timedelta(days=delta)).isoformat()


class TestGroupCriteria:
    async def test_criteria_per_kind_and_purpose(self, client):
        programme = await make_programme(client)
        await make_criterion(client, programme, title="Tverrfaglig", sort_order=1)
        await make_criterion(client, programme, title="Koordinator", sort_order=2)
        await make_criterion(client, programme, purpose="evaluation", title="Oppnådde mål")
        await make_criterion(client, programme, group_kind="project_board", title="Styre")

        async def titles(**params) -> list[str]:
            r = await client.get(
                f"{API}/group-criteria", params={"programme_id": programme["id"], **params}
            )
            assert r.status_code == 200, r.text
            return [c["title"] for c in r.json()["items"]]

        assert await titles(group_kind="work_team", purpose="setup") == [
            "Tverrfaglig",
            "Koordinator",
        ]
        assert await titles(purpose="evaluation") == ["Oppnådde mål"]
        assert await titles(group_kind="project_board") == ["Styre"]

    async def test_unknown_kind_or_purpose_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/group-criteria",
            json={
                "programme_id": programme["id"],
                "group_kind": "work_team",
                "purpose": "someday",
                "title": "X",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/purpose"

    async def test_only_editors_write_criteria(self, client, accounts):
        programme = await make_programme(client)
        member = await accounts.role(programme, "member", await make_person(client, programme))
        r = await member.post(
            f"{API}/group-criteria",
            json={
                "programme_id": programme["id"],
                "group_kind": "work_team",
                "purpose": "setup",
                "title": "X",
            },
        )
        assert r.status_code == 403


class TestAssessments:
    async def test_the_latest_assessment_counts_and_the_history_is_kept(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team", name="Arbeidslag lærlinger")
        setup = await make_criterion(client, programme, title="Tverrfaglig", sort_order=1)
        evaluation = await make_criterion(
            client, programme, purpose="evaluation", title="Konkrete endringer", sort_order=0
        )
        other_kind = await make_criterion(client, programme, group_kind="project_board")
        await assess(client, team, setup, assessed_on="2013-09-01", fulfilment="not_met")
        await assess(client, team, setup, assessed_on="2014-03-01", fulfilment="met")
        await assess(client, team, setup, assessed_on="2013-12-01", fulfilment="partly_met")

        r = await client.get(f"{API}/groups/{team['id']}/criteria")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["group_kind"] == "work_team"
        assert [c["criterion"]["id"] for c in body["criteria"]] == [setup["id"], evaluation["id"]]
        assert other_kind["id"] not in [c["criterion"]["id"] for c in body["criteria"]]
        first = body["criteria"][0]
        assert first["latest"]["fulfilment"] == "met"
        assert first["latest"]["assessed_on"] == "2014-03-01"
        assert [a["assessed_on"] for a in first["history"]] == [
            "2014-03-01",
            "2013-12-01",
            "2013-09-01",
        ]
        assert body["criteria"][1]["latest"] is None
        assert body["summary"] == {
            "total": 2,
            "met": 1,
            "partly_met": 0,
            "not_met": 0,
            "not_assessed": 1,
        }

    async def test_a_criterion_for_another_kind_is_refused(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        board = await make_criterion(client, programme, group_kind="project_board")
        r = await client.post(
            f"{API}/criterion-assessments",
            json={
                "group_id": team["id"],
                "criterion_id": board["id"],
                "assessed_on": "2013-11-15",
                "fulfilment": "met",
            },
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/criterion_id", "criterion_kind_mismatch")
        assert error["params"] == {"criterion_kind": "project_board", "group_kind": "work_team"}

    async def test_a_criterion_of_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        foreign = await make_criterion(client, other)
        r = await client.post(
            f"{API}/criterion-assessments",
            json={
                "group_id": team["id"],
                "criterion_id": foreign["id"],
                "assessed_on": "2013-11-15",
                "fulfilment": "met",
            },
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/criterion_id", "unknown_reference")

    async def test_not_in_the_future(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        r = await client.post(
            f"{API}/criterion-assessments",
            json={
                "group_id": team["id"],
                "criterion_id": criterion["id"],
                "assessed_on": oslo_day(1),
                "fulfilment": "met",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "in_future"
        assert (await assess(client, team, criterion, assessed_on=oslo_day()))["fulfilment"]

    async def test_assessor_is_a_person_of_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        stranger = await make_person(client, other)
        r = await client.post(
            f"{API}/criterion-assessments",
            json={
                "group_id": team["id"],
                "criterion_id": criterion["id"],
                "assessed_on": "2013-11-15",
                "fulfilment": "met",
                "assessed_by_id": stranger["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/assessed_by_id"

    async def test_filters(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        await assess(client, team, criterion, assessed_on="2013-09-01", fulfilment="not_met")
        await assess(client, team, criterion, assessed_on="2014-03-01", fulfilment="met")

        async def days(**params) -> list[str]:
            r = await client.get(f"{API}/criterion-assessments", params=params)
            assert r.status_code == 200, r.text
            return [a["assessed_on"] for a in r.json()["items"]]

        assert await days(group_id=team["id"]) == ["2014-03-01", "2013-09-01"]
        assert await days(criterion_id=criterion["id"], fulfilment="not_met") == ["2013-09-01"]
        assert await days(assessed_after="2014-01-01") == ["2014-03-01"]
        assert await days(assessed_before="2014-01-01") == ["2013-09-01"]

    async def test_constant_statement_count(self, app, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        for i in range(12):
            await assess(client, team, criterion, assessed_on=f"2014-01-{i + 1:02d}")
        engine = app.state.engine.sync_engine
        for path in ("criterion-assessments", "group-criteria"):
            counts = {}
            for limit in (1, 500):
                statements: list[str] = []

                def count(_conn, _cursor, statement, *_args, into=statements):
                    into.append(statement)

                event.listen(engine, "before_cursor_execute", count)
                try:
                    r = await client.get(f"{API}/{path}", params={"limit": limit})
                    assert r.status_code == 200
                finally:
                    event.remove(engine, "before_cursor_execute", count)
                counts[limit] = len(statements)
            assert len(set(counts.values())) == 1, (path, counts)


class TestDeletingCriteria:
    async def test_deleting_a_criterion_deletes_its_assessments(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        kept = await make_criterion(client, programme, title="Koordinator")
        await assess(client, team, criterion)
        other = await assess(client, team, kept)
        r = await client.delete(f"{API}/group-criteria/{criterion['id']}")
        assert r.status_code == 204, r.text
        left = (await client.get(f"{API}/criterion-assessments")).json()["items"]
        assert [a["id"] for a in left] == [other["id"]]
        status = (await client.get(f"{API}/groups/{team['id']}/criteria")).json()
        assert [c["criterion"]["id"] for c in status["criteria"]] == [kept["id"]]

    async def test_changing_an_assessment_needs_the_current_version(self, accounts, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        assessment = await assess(client, team, await make_criterion(client, programme))
        bare = await accounts.client(system_admin=True, reads_etag=False)
        url = f"{API}/criterion-assessments/{assessment['id']}"
        r = await bare.patch(url, json={"fulfilment": "not_met"})
        assert r.status_code == 428
        r = await bare.patch(url, json={"fulfilment": "not_met"}, headers={"If-Match": '"99"'})
        assert r.status_code == 412
        r = await bare.patch(
            url, json={"fulfilment": "not_met"}, headers={"If-Match": f'"{assessment["version"]}"'}
        )
        assert r.status_code == 200, r.text
        assert r.json()["fulfilment"] == "not_met"


class TestAssessmentPermissions:
    async def test_a_member_assesses_the_groups_they_sit_in(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        mine = await make_group(client, programme, kind="work_team")
        theirs = await make_group(client, programme, kind="work_team")
        await make_member(client, mine, person)
        criterion = await make_criterion(client, programme)
        member = await accounts.role(programme, "member", person)
        body = {"criterion_id": criterion["id"], "assessed_on": "2014-01-01", "fulfilment": "met"}
        r = await member.post(f"{API}/criterion-assessments", json=body | {"group_id": mine["id"]})
        assert r.status_code == 201, r.text
        r = await member.post(
            f"{API}/criterion-assessments", json=body | {"group_id": theirs["id"]}
        )
        assert r.status_code == 403

    async def test_another_programme_cannot_see_or_assess(self, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        criterion = await make_criterion(client, programme)
        outsider = await accounts.role(other, "editor")
        assert (await outsider.get(f"{API}/groups/{team['id']}/criteria")).status_code == 404
        r = await outsider.post(
            f"{API}/criterion-assessments",
            json={
                "group_id": team["id"],
                "criterion_id": criterion["id"],
                "assessed_on": "2014-01-01",
                "fulfilment": "met",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/group_id"


class TestSetupCriteriaRule:
    async def _found(self, client, programme, **params) -> list[dict]:
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance",
            params={**params, "include": "findings"},
        )
        assert r.status_code == 200, r.text
        report = r.json()
        found = [f for p in report["projects"] for f in p["findings"]]
        found += report["programme_findings"]
        return [f for f in found if f["rule"] == "group-criteria-assessed"]

    async def test_a_group_not_assessed_against_a_setup_criterion_is_flagged(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team", name="Arbeidslag A")
        await make_group(client, programme, kind="working_group")
        first = await make_criterion(client, programme, title="Tverrfaglig", sort_order=1)
        await make_criterion(client, programme, title="Koordinator", sort_order=2)
        await make_criterion(client, programme, purpose="evaluation", title="Resultater")
        await assess(client, team, first, assessed_on="2019-05-01")
        found = await self._found(client, programme)
        assert [f["record_id"] for f in found] == [team["id"]]
        assert found[0]["facts"] == {
            "group": "Arbeidslag A",
            "missing": ["Koordinator"],
            "count": 1,
        }
        earlier = await self._found(client, programme, as_of="2019-04-30")
        assert earlier[0]["facts"]["missing"] == ["Tverrfaglig", "Koordinator"]

    async def test_a_group_assessed_against_each_setup_criterion_is_accepted(self, client):
        programme = await make_programme(client)
        team = await make_group(client, programme, kind="work_team")
        for title in ("Tverrfaglig", "Koordinator"):
            criterion = await make_criterion(client, programme, title=title)
            await assess(client, team, criterion, fulfilment="not_met")
        await make_criterion(client, programme, purpose="evaluation", title="Resultater")
        assert await self._found(client, programme) == []


@pytest.mark.parametrize(
    "service", [GroupCriterionService, CriterionAssessmentService], ids=lambda s: s.__name__
)
def test_every_list_filter_is_backed_by_an_index(service):
    table = service.model.__table__
    leaders = {next(iter(ix.columns)).name for ix in table.indexes}
    leaders |= {c.columns[0].name for c in table.constraints if getattr(c, "columns", None)}
    for f in service.spec.filters:
        assert f.column.key in leaders, f"{table.name}.{f.column.key} ({f.name}) has no index"
