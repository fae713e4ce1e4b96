"""Indicators and measurements: validation, the baseline rules, computed figures, the chart's
series, the two compliance rules, statement counts and who may write."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from samskap.indicators.service import IndicatorService, MeasurementService, add_months
from tests.factories import (
    API,
    make_goal,
    make_group,
    make_indicator,
    make_measurement,
    make_member,
    make_person,
    make_programme,
    make_project,
)


def today() -> date:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


async def effect_goal(client, programme, **overrides) -> dict:
    return await make_goal(client, programme, kind="effect", **overrides)


async def read(client, indicator) -> dict:
    r = await client.get(f"{API}/indicators/{indicator['id']}")
    assert r.status_code == 200, r.text
    return r.json()


async def findings(client, programme, **params) -> list[dict]:
    r = await client.get(
        f"{API}/programmes/{programme['id']}/compliance", params={**params, "include": "findings"}
    )
    assert r.status_code == 200, r.text
    report = r.json()
    found = report["programme_findings"] + [f for p in report["projects"] for f in p["findings"]]
    return [f for f in found if f["rule"] in ("indicator-baseline", "follow-up-overdue")]


class TestCreateIndicator:
    async def test_an_indicator_of_an_effect_goal(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        r = await client.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": goal["id"],
                "name": "Opplevd medvirkning",
                "unit": "snitt 1–5",
                "direction": "higher_is_better",
                "method": "survey",
                "baseline_value": 3.1,
                "baseline_on": "2013-10-15",
                "target_value": 4.0,
                "target_on": "2016-12-31",
                "interval_months": 12,
            },
        )
        assert r.status_code == 201, r.text
        assert r.headers["ETag"] == '"1"'
        body = r.json()
        assert body["baseline_value"] == 3.1
        assert body["entered_baseline_value"] == 3.1
        assert body["baseline_measurement_id"] is None
        assert body["measurement_count"] == 0
        assert body["latest_value"] is None
        assert body["next_measurement_due"] == "2014-10-15"
        assert body["follow_up_overdue"] is True
        assert body["progress"] is None

    async def test_a_result_goal_is_measurable_too(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goal = await make_goal(client, programme, kind="result", project_id=project["id"])
        indicator = await make_indicator(client, goal, method="manual_count")
        assert indicator["goal_id"] == goal["id"]

    async def test_a_societal_goal_is_refused_with_a_code(self, client):
        programme = await make_programme(client)
        goal = await make_goal(client, programme, kind="societal")
        r = await client.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": goal["id"],
                "name": "X",
                "method": "survey",
            },
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert error["pointer"] == "/goal_id"
        assert error["code"] == "goal_not_measurable"
        assert error["params"] == {"kind": "societal"}
        assert (await client.get(f"{API}/indicators")).json()["items"] == []

    async def test_a_goal_of_another_programme_is_unknown(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        goal = await effect_goal(client, other)
        r = await client.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": goal["id"],
                "name": "X",
                "method": "survey",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"

    @pytest.mark.parametrize(
        ("given", "pointer", "other"),
        [
            ({"baseline_value": 3.0}, "/baseline_on", "baseline_value"),
            ({"baseline_on": "2013-01-01"}, "/baseline_value", "baseline_on"),
            ({"target_value": 4.0}, "/target_on", "target_value"),
            ({"target_on": "2016-01-01"}, "/target_value", "target_on"),
        ],
    )
    async def test_value_and_date_come_in_pairs(self, client, given, pointer, other):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        body = {"programme_id": programme["id"], "goal_id": goal["id"], "name": "X"}
        r = await client.post(f"{API}/indicators", json=body | {"method": "survey"} | given)
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"], error["params"]) == (
            pointer,
            "given_together",
            {"field": other},
        )

    @pytest.mark.parametrize("months", [0, 61, -1])
    async def test_interval_is_1_to_60_months(self, client, months):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        r = await client.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": goal["id"],
                "name": "X",
                "method": "survey",
                "interval_months": months,
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/interval_months"

    async def test_target_before_baseline_is_refused(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        r = await client.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": goal["id"],
                "name": "X",
                "method": "survey",
                "baseline_value": 1,
                "baseline_on": "2015-01-01",
                "target_value": 2,
                "target_on": "2014-01-01",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "before_start"

    async def test_unknown_method_and_infinite_values_are_refused(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        base = {"programme_id": programme["id"], "goal_id": goal["id"], "name": "X"}
        r = await client.post(f"{API}/indicators", json=base | {"method": "guess"})
        assert r.status_code == 422
        r = await client.post(
            f"{API}/indicators",
            content=b'{"programme_id": "%s", "goal_id": "%s", "name": "X", "method": "survey",'
            b' "target_value": Infinity, "target_on": "2020-01-01"}'
            % (programme["id"].encode(), goal["id"].encode()),
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code in (400, 422)


class TestUpdateIndicator:
    async def test_stale_if_match_is_refused_and_nothing_changes(self, accounts, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        raw = await accounts.client(reads_etag=False, system_admin=True)
        r = await raw.patch(
            f"{API}/indicators/{indicator['id']}", json={"name": "Ny"}, headers={"If-Match": '"9"'}
        )
        assert r.status_code == 412
        r = await raw.patch(f"{API}/indicators/{indicator['id']}", json={"name": "Ny"})
        assert r.status_code == 428
        assert (await read(client, indicator))["name"] == indicator["name"]

    async def test_removing_half_a_pair_is_refused(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client,
            await effect_goal(client, programme),
            target_value=4,
            target_on="2016-12-31",
        )
        r = await client.patch(f"{API}/indicators/{indicator['id']}", json={"target_on": None})
        assert r.status_code == 422
        r = await client.patch(
            f"{API}/indicators/{indicator['id']}", json={"target_on": None, "target_value": None}
        )
        assert r.status_code == 200
        assert r.json()["target_value"] is None

    async def test_moving_to_a_societal_goal_is_refused(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        societal = await make_goal(client, programme, kind="societal")
        r = await client.patch(
            f"{API}/indicators/{indicator['id']}", json={"goal_id": societal["id"]}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "goal_not_measurable"

    async def test_delete_takes_its_measurements(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        await make_measurement(client, indicator)
        r = await client.delete(f"{API}/indicators/{indicator['id']}")
        assert r.status_code == 204
        r = await client.get(f"{API}/measurements", params={"programme_id": programme["id"]})
        assert r.json()["items"] == []


class TestBaseline:
    async def test_the_first_measurement_is_the_baseline(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        later = await make_measurement(client, indicator, value=3.5, measured_on="2015-10-01")
        first = await make_measurement(client, indicator, value=3.1, measured_on="2013-10-01")
        body = await read(client, indicator)
        assert body["baseline_value"] == 3.1
        assert body["baseline_on"] == "2013-10-01"
        assert body["baseline_measurement_id"] == first["id"]
        assert body["entered_baseline_value"] is None
        assert later["is_baseline"] is False

    async def test_an_entered_baseline_wins_over_the_first_measurement(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client,
            await effect_goal(client, programme),
            baseline_value=2.9,
            baseline_on="2012-06-01",
        )
        await make_measurement(client, indicator, value=3.1, measured_on="2013-10-01")
        body = await read(client, indicator)
        assert (body["baseline_value"], body["baseline_measurement_id"]) == (2.9, None)

    async def test_a_marked_measurement_wins_and_marking_another_unmarks_it(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client,
            await effect_goal(client, programme),
            baseline_value=2.9,
            baseline_on="2012-06-01",
        )
        a = await make_measurement(client, indicator, value=3.1, measured_on="2013-10-01")
        b = await make_measurement(
            client, indicator, value=3.3, measured_on="2014-10-01", is_baseline=True
        )
        body = await read(client, indicator)
        assert (body["baseline_value"], body["baseline_measurement_id"]) == (3.3, b["id"])
        assert body["entered_baseline_value"] == 2.9
        r = await client.patch(f"{API}/measurements/{a['id']}", json={"is_baseline": True})
        assert r.status_code == 200
        marked = (
            await client.get(
                f"{API}/measurements",
                params={"indicator_id": indicator["id"], "is_baseline": "true"},
            )
        ).json()["items"]
        assert [m["id"] for m in marked] == [a["id"]]
        b_now = (await client.get(f"{API}/measurements/{b['id']}")).json()
        assert b_now["version"] > b["version"]
        assert (await read(client, indicator))["baseline_measurement_id"] == a["id"]

    async def test_deleting_the_marked_one_falls_back_to_the_entered_then_the_first(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client,
            await effect_goal(client, programme),
            baseline_value=2.9,
            baseline_on="2012-06-01",
        )
        first = await make_measurement(client, indicator, value=3.1, measured_on="2013-10-01")
        marked = await make_measurement(
            client, indicator, value=3.3, measured_on="2014-10-01", is_baseline=True
        )
        assert (await client.delete(f"{API}/measurements/{marked['id']}")).status_code == 204
        body = await read(client, indicator)
        assert (body["baseline_value"], body["baseline_on"]) == (2.9, "2012-06-01")
        assert body["baseline_measurement_id"] is None
        r = await client.patch(
            f"{API}/indicators/{indicator['id']}",
            json={"baseline_value": None, "baseline_on": None},
        )
        assert r.status_code == 200, r.text
        assert r.json()["baseline_measurement_id"] == first["id"]
        assert r.json()["baseline_value"] == 3.1
        assert (await client.delete(f"{API}/measurements/{first['id']}")).status_code == 204
        body = await read(client, indicator)
        assert (body["baseline_value"], body["baseline_measurement_id"]) == (None, None)

    async def test_a_baseline_change_bumps_the_indicators_version(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        await make_measurement(client, indicator, value=3.1, measured_on="2013-10-01")
        after_first = await read(client, indicator)
        assert after_first["version"] == indicator["version"] + 1
        await make_measurement(client, indicator, value=3.5, measured_on="2015-10-01")
        after_follow_up = await read(client, indicator)
        # A follow-up moves only computed figures; the stored indicator is as it was.
        assert after_follow_up["version"] == after_first["version"]
        assert after_follow_up["latest_value"] == 3.5


class TestMeasurements:
    async def test_a_measurement_in_the_future_is_refused(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        tomorrow = (today() + timedelta(days=1)).isoformat()
        r = await client.post(
            f"{API}/measurements",
            json={"indicator_id": indicator["id"], "value": 3, "measured_on": tomorrow},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "in_future"
        assert (await read(client, indicator))["measurement_count"] == 0

    async def test_negative_respondents_and_read_only_fields_are_refused(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        base = {"indicator_id": indicator["id"], "value": 3, "measured_on": "2013-01-01"}
        r = await client.post(f"{API}/measurements", json=base | {"respondents": -1})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/respondents"
        r = await client.post(
            f"{API}/measurements",
            json=base | {"survey_round_id": "0193a0e4-7c1e-7000-8000-000000000001"},
        )
        assert r.status_code == 422

    async def test_an_indicator_of_another_programme_is_unknown_to_an_outsider(
        self, accounts, client
    ):
        programme, other = await make_programme(client), await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, other))
        outsider = await accounts.role(programme, "editor")
        r = await outsider.post(
            f"{API}/measurements",
            json={"indicator_id": indicator["id"], "value": 3, "measured_on": "2013-01-01"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
        r = await outsider.get(f"{API}/indicators/{indicator['id']}")
        assert r.status_code == 404

    async def test_filters_by_date_and_default_order(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        for on in ("2015-10-01", "2013-10-01", "2014-10-01"):
            await make_measurement(client, indicator, measured_on=on)
        r = await client.get(f"{API}/measurements", params={"indicator_id": indicator["id"]})
        assert [m["measured_on"] for m in r.json()["items"]] == [
            "2013-10-01",
            "2014-10-01",
            "2015-10-01",
        ]
        r = await client.get(
            f"{API}/measurements",
            params={"measured_after": "2014-01-01", "measured_before": "2015-10-01"},
        )
        assert [m["measured_on"] for m in r.json()["items"]] == ["2014-10-01"]
        r = await client.get(f"{API}/measurements", params={"measured_after": "nope"})
        assert r.status_code == 422


class TestComputedFigures:
    async def test_progress_respects_the_direction(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        sick_leave = await make_indicator(
            client,
            goal,
            direction="lower_is_better",
            unit="%",
            baseline_value=8.0,
            baseline_on="2013-01-01",
            target_value=6.0,
            target_on="2016-12-31",
        )
        await make_measurement(client, sick_leave, value=7.5, measured_on="2014-01-01")
        body = await read(client, sick_leave)
        assert body["progress"] == 0.25
        assert body["latest_value"] == 7.5
        assert body["latest_on"] == "2014-01-01"
        wrong_way = await make_indicator(
            client,
            goal,
            direction="higher_is_better",
            baseline_value=8.0,
            baseline_on="2013-01-01",
            target_value=6.0,
            target_on="2016-12-31",
        )
        await make_measurement(client, wrong_way, value=7.0, measured_on="2014-01-01")
        assert (await read(client, wrong_way))["progress"] is None

    async def test_next_due_and_overdue_count_from_the_latest_measurement(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        indicator = await make_indicator(client, goal, interval_months=12)
        await make_measurement(client, indicator, measured_on="2013-01-31")
        body = await read(client, indicator)
        assert body["next_measurement_due"] == "2014-01-31"
        assert body["follow_up_overdue"] is True
        recent = (today() - timedelta(days=10)).isoformat()
        await make_measurement(client, indicator, measured_on=recent)
        body = await read(client, indicator)
        assert (
            body["next_measurement_due"] == add_months(today() - timedelta(days=10), 12).isoformat()
        )
        assert body["follow_up_overdue"] is False
        assert body["measurement_count"] == 2

    def test_months_are_added_calendar_wise(self):
        assert add_months(date(2013, 1, 31), 1) == date(2013, 2, 28)
        assert add_months(date(2012, 1, 31), 1) == date(2012, 2, 29)
        assert add_months(date(2013, 11, 15), 14) == date(2015, 1, 15)

    async def test_list_filters_and_search(self, client):
        programme = await make_programme(client)
        goal, other_goal = (
            await effect_goal(client, programme),
            await effect_goal(client, programme),
        )
        await make_indicator(client, goal, name="Sykefravær", method="register_data")
        await make_indicator(client, other_goal, name="Medvirkning", method="survey")
        r = await client.get(
            f"{API}/indicators", params={"programme_id": programme["id"], "q": "sykefr"}
        )
        assert [i["name"] for i in r.json()["items"]] == ["Sykefravær"]
        r = await client.get(f"{API}/indicators", params={"goal_id": other_goal["id"]})
        assert [i["name"] for i in r.json()["items"]] == ["Medvirkning"]
        r = await client.get(f"{API}/indicators", params={"method": "register_data"})
        assert [i["name"] for i in r.json()["items"]] == ["Sykefravær"]
        r = await client.get(f"{API}/indicators", params={"metod": "survey"})
        assert r.status_code == 400


class TestSeries:
    async def test_series_has_changes_from_baseline_and_previous(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client,
            await effect_goal(client, programme),
            name="Trivsel på jobb",
            target_value=4.0,
            target_on="2016-12-31",
        )
        await make_measurement(
            client, indicator, value=3.1, measured_on="2013-10-01", respondents=118
        )
        await make_measurement(
            client, indicator, value=3.3, measured_on="2014-10-01", source="Kartlegging, «ny»"
        )
        await make_measurement(client, indicator, value=3.2, measured_on="2015-10-01")
        r = await client.get(f"{API}/indicators/{indicator['id']}/series")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["indicator"]["target_value"] == 4.0
        assert body["indicator"]["latest_value"] == 3.2
        points = body["points"]
        assert [p["value"] for p in points] == [3.1, 3.3, 3.2]
        assert [p["is_baseline"] for p in points] == [True, False, False]
        assert [p["marked_as_baseline"] for p in points] == [False, False, False]
        assert [p["change_from_baseline"] for p in points] == [0.0, 0.2, 0.1]
        assert [p["change_from_previous"] for p in points] == [None, 0.2, -0.1]
        assert body["indicator"]["progress"] == round(0.1 / 0.9, 4)

        r = await client.get(f"{API}/indicators/{indicator['id']}/series.csv")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        lines = r.text.splitlines()
        assert lines[0] == (
            "measured_on,value,respondents,source,is_baseline,change_from_baseline,"
            "change_from_previous,note"
        )
        assert lines[1] == "2013-10-01,3.1,118,,true,0.0,,"
        assert lines[2] == '2014-10-01,3.3,,"Kartlegging, «ny»",false,0.2,0.2,'

    async def test_series_of_an_unseen_indicator_is_404(self, accounts, client):
        programme, other = await make_programme(client), await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, other))
        outsider = await accounts.role(programme, "observer")
        for path in ("series", "series.csv"):
            r = await outsider.get(f"{API}/indicators/{indicator['id']}/{path}")
            assert r.status_code == 404
            assert r.headers["content-type"].startswith("application/problem+json")


class TestPermissions:
    async def test_an_observer_reads_but_may_not_write(self, accounts, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        observer = await accounts.role(programme, "observer")
        assert (await observer.get(f"{API}/indicators/{indicator['id']}")).status_code == 200
        r = await observer.post(
            f"{API}/measurements",
            json={"indicator_id": indicator["id"], "value": 3, "measured_on": "2013-01-01"},
        )
        assert r.status_code == 403
        r = await observer.patch(f"{API}/indicators/{indicator['id']}", json={"name": "Ny"})
        assert r.status_code == 403

    async def test_a_member_writes_for_the_goals_of_their_own_groups_only(self, accounts, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        team = await make_group(client, programme)
        await make_member(client, team, person)
        ours = await effect_goal(client, programme, group_id=team["id"])
        theirs = await effect_goal(client, programme)
        member = await accounts.role(programme, "member", person)
        r = await member.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": ours["id"],
                "name": "Vår",
                "method": "survey",
            },
        )
        assert r.status_code == 201, r.text
        r = await member.post(
            f"{API}/measurements",
            json={"indicator_id": r.json()["id"], "value": 3, "measured_on": "2013-01-01"},
        )
        assert r.status_code == 201
        r = await member.post(
            f"{API}/indicators",
            json={
                "programme_id": programme["id"],
                "goal_id": theirs["id"],
                "name": "Deres",
                "method": "survey",
            },
        )
        assert r.status_code == 403
        other = await make_indicator(client, theirs)
        r = await member.post(
            f"{API}/measurements",
            json={"indicator_id": other["id"], "value": 3, "measured_on": "2013-01-01"},
        )
        assert r.status_code == 403


class TestComplianceRules:
    async def test_an_indicator_without_baseline_is_flagged(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goal = await effect_goal(client, programme, project_id=project["id"])
        indicator = await make_indicator(client, goal, name="Trivsel")
        found = await findings(client, programme)
        assert [(f["rule"], f["record_id"]) for f in found] == [
            ("indicator-baseline", indicator["id"])
        ]
        assert found[0]["facts"] == {"indicator": "Trivsel"}
        assert found[0]["project_id"] == project["id"]
        assert "seed 001" in found[0]["source"]

    async def test_a_measurement_or_an_entered_baseline_is_accepted(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        measured = await make_indicator(client, goal)
        await make_measurement(client, measured, measured_on="2013-01-01")
        await make_indicator(client, goal, baseline_value=3, baseline_on="2013-01-01")
        assert await findings(client, programme) == []

    async def test_a_baseline_measured_after_the_day_judged_does_not_count(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        day = today() - timedelta(days=20)
        later = (day + timedelta(days=5)).isoformat()
        await make_measurement(client, indicator, measured_on=later)
        assert await findings(client, programme) == []
        judged = await findings(client, programme, as_of=day.isoformat())
        assert [f["rule"] for f in judged] == ["indicator-baseline"]

    async def test_a_follow_up_past_its_interval_is_flagged(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client, await effect_goal(client, programme), name="Trivsel", interval_months=12
        )
        last = today() - timedelta(days=400)
        await make_measurement(client, indicator, measured_on=last.isoformat())
        found = await findings(client, programme)
        assert [f["rule"] for f in found] == ["follow-up-overdue"]
        assert found[0]["facts"] == {
            "indicator": "Trivsel",
            "last_on": last.isoformat(),
            "due_on": add_months(last, 12).isoformat(),
            "interval_months": 12,
        }

    async def test_a_follow_up_within_its_interval_is_accepted(self, client):
        programme = await make_programme(client)
        indicator = await make_indicator(
            client, await effect_goal(client, programme), interval_months=12
        )
        await make_measurement(
            client, indicator, measured_on=(today() - timedelta(days=400)).isoformat()
        )
        await make_measurement(
            client, indicator, measured_on=(today() - timedelta(days=30)).isoformat()
        )
        assert await findings(client, programme) == []
        # Judged as it stood before the follow-up, it was overdue.
        as_of = (today() - timedelta(days=31)).isoformat()
        assert [f["rule"] for f in await findings(client, programme, as_of=as_of)] == [
            "follow-up-overdue"
        ]

    async def test_an_entered_baseline_starts_the_interval(self, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        fresh = (today() - timedelta(days=40)).isoformat()
        await make_indicator(client, goal, baseline_value=3, baseline_on=fresh, interval_months=3)
        assert await findings(client, programme) == []
        await make_indicator(
            client, goal, baseline_value=3, baseline_on="2013-01-01", interval_months=3
        )
        assert [f["rule"] for f in await findings(client, programme)] == ["follow-up-overdue"]


class TestStatements:
    async def _count(self, app, client, path: str, params: dict) -> int:
        statements = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        engine = app.state.engine.sync_engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            r = await client.get(path, params=params)
            assert r.status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    async def test_lists_cost_the_same_for_any_page_size(self, app, client):
        programme = await make_programme(client)
        goal = await effect_goal(client, programme)
        for i in range(6):
            indicator = await make_indicator(client, goal, interval_months=12)
            for year in (2013, 2014):
                await make_measurement(client, indicator, measured_on=f"{year}-0{i + 1}-01")
        for path in ("indicators", "measurements"):
            counts = {
                limit: await self._count(app, client, f"{API}/{path}", {"limit": limit})
                for limit in (1, 3, 500)
            }
            assert len(set(counts.values())) == 1, (path, counts)

    async def test_the_series_and_the_report_cost_the_same_for_more_measurements(self, app, client):
        programme = await make_programme(client)
        indicator = await make_indicator(client, await effect_goal(client, programme))
        await make_measurement(client, indicator, measured_on="2013-01-01")
        series = f"{API}/indicators/{indicator['id']}/series"
        report = f"{API}/programmes/{programme['id']}/compliance"
        before = (
            await self._count(app, client, series, {}),
            await self._count(app, client, report, {}),
        )
        for year in range(2014, 2019):
            await make_measurement(client, indicator, measured_on=f"{year}-01-01")
            await make_indicator(client, await effect_goal(client, programme))
        after = (
            await self._count(app, client, series, {}),
            await self._count(app, client, report, {}),
        )
        assert before == after

    @pytest.mark.parametrize("service", [IndicatorService, MeasurementService])
    def test_every_list_filter_is_backed_by_an_index(self, service):
        table = service.model.__table__
        leaders = {next(iter(ix.columns)).name for ix in table.indexes}
        leaders |= {
            c.columns[0].name for c in table.constraints if hasattr(c, "columns") and len(c.columns)
        }
        for f in service.spec.filters:
            assert f.column.key in leaders, f.name
