import uuid
from datetime import date

from sqlalchemy import event

from samskap.indicators.measuring import record_measurement
from samskap.kit.ids import uuid7
from samskap.models import Indicator
from samskap.models.enums import IndicatorDirection, IndicatorMethod
from tests.factories import (
    API,
    make_goal,
    make_goal_selection,
    make_group,
    make_member,
    make_person,
    make_programme,
    make_project,
)


async def add_indicator(
    app,
    goal: dict,
    *,
    name: str = "Trivsel",
    target: float | None = 4.5,
    direction: IndicatorDirection = IndicatorDirection.higher_is_better,
    measurements: tuple[tuple[str, float], ...] = (),
) -> uuid.UUID:
    """An indicator and its measurements, written as the indicators domain writes them."""
    async with app.state.sessions() as session:
        indicator = Indicator(
            id=uuid7(),
            programme_id=uuid.UUID(goal["programme_id"]),
            goal_id=uuid.UUID(goal["id"]),
            name=name,
            unit="poeng",
            direction=direction,
            method=IndicatorMethod.survey,
            target_value=target,
            target_on=date(2016, 12, 31),
        )
        session.add(indicator)
        await session.flush()
        for measured_on, value in measurements:
            await record_measurement(
                session,
                indicator=indicator,
                value=value,
                measured_on=date.fromisoformat(measured_on),
            )
        await session.commit()
        return indicator.id


def codes(response) -> list[str]:
    return [e["code"] for e in response.json().get("errors") or []]


class TestCreateGoal:
    async def test_the_tree_societal_effect_result(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        societal = await make_goal(client, programme, title="Gode tjenester")
        effect = await make_goal(
            client, programme, kind="effect", parent_id=societal["id"], title="Bedre samarbeid"
        )
        result = await make_goal(
            client, programme, kind="result", parent_id=effect["id"], title="Arbeidslag"
        )
        direct = await make_goal(
            client, programme, kind="result", project_id=project["id"], title="Rapport levert"
        )
        assert result["parent_id"] == effect["id"]
        assert direct["parent_id"] is None and direct["project_id"] == project["id"]
        assert societal["status"] == "proposed"

    async def test_a_societal_goal_has_no_parent(self, client):
        programme = await make_programme(client)
        top = await make_goal(client, programme)
        r = await client.post(
            f"{API}/goals",
            json={
                "programme_id": programme["id"],
                "kind": "societal",
                "title": "X",
                "parent_id": top["id"],
            },
        )
        assert r.status_code == 422
        assert codes(r) == ["societal_goal_has_no_parent"]

    async def test_an_effect_goal_sits_under_a_societal_goal(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        result = await make_goal(client, programme, kind="result", project_id=project["id"])
        r = await client.post(
            f"{API}/goals",
            json={
                "programme_id": programme["id"],
                "kind": "effect",
                "title": "X",
                "parent_id": result["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "parent_kind_mismatch"
        assert r.json()["errors"][0]["params"] == {"expected": "societal", "actual": "result"}

    async def test_a_result_goal_needs_an_effect_goal_or_a_project(self, client):
        programme = await make_programme(client)
        societal = await make_goal(client, programme)
        base = {"programme_id": programme["id"], "kind": "result", "title": "X"}
        r = await client.post(f"{API}/goals", json=base)
        assert codes(r) == ["result_goal_needs_parent_or_project"]
        r = await client.post(f"{API}/goals", json=base | {"parent_id": societal["id"]})
        assert codes(r) == ["parent_kind_mismatch"]
        assert (await client.get(f"{API}/goals", params={"kind": "result"})).json()["items"] == []

    async def test_a_goal_cannot_sit_under_itself(self, client):
        programme = await make_programme(client)
        societal = await make_goal(client, programme)
        effect = await make_goal(client, programme, kind="effect", parent_id=societal["id"])
        r = await client.patch(f"{API}/goals/{effect['id']}", json={"parent_id": effect["id"]})
        assert r.status_code == 422
        assert codes(r) == ["parent_kind_mismatch"]

    async def test_changing_the_kind_must_keep_the_children_fitting(self, client):
        programme = await make_programme(client)
        societal = await make_goal(client, programme)
        await make_goal(client, programme, kind="effect", parent_id=societal["id"])
        r = await client.patch(f"{API}/goals/{societal['id']}", json={"kind": "effect"})
        assert r.status_code == 422
        assert codes(r) == ["children_kind_mismatch"]

    async def test_references_stay_in_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        foreign_goal = await make_goal(client, other)
        foreign_person = await make_person(client, other)
        base = {"programme_id": programme["id"], "kind": "effect", "title": "X"}
        r = await client.post(f"{API}/goals", json=base | {"parent_id": foreign_goal["id"]})
        assert r.status_code == 422 and codes(r) == ["unknown_reference"]
        r = await client.post(f"{API}/goals", json=base | {"owner_id": foreign_person["id"]})
        assert r.status_code == 422 and codes(r) == ["unknown_reference"]

    async def test_a_dropped_goal_says_why_and_the_reason_goes_when_revived(self, client):
        programme = await make_programme(client)
        goal = await make_goal(client, programme)
        r = await client.patch(f"{API}/goals/{goal['id']}", json={"status": "dropped"})
        assert r.status_code == 422 and codes(r) == ["dropped_reason_required"]
        r = await client.patch(
            f"{API}/goals/{goal['id']}",
            json={"status": "dropped", "dropped_reason": "Dekkes av kommuneplanen"},
        )
        assert r.status_code == 200 and r.json()["dropped_reason"] == "Dekkes av kommuneplanen"
        r = await client.patch(f"{API}/goals/{goal['id']}", json={"status": "active"})
        assert r.json()["dropped_reason"] is None

    async def test_a_catalogue_goal_belongs_to_no_area(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        r = await client.post(
            f"{API}/goals",
            json={
                "programme_id": programme["id"],
                "kind": "societal",
                "title": "X",
                "in_catalogue": True,
                "project_id": project["id"],
            },
        )
        assert r.status_code == 422 and codes(r) == ["catalogue_goal_in_area"]


class TestCatalogue:
    async def test_a_selected_goal_stays_in_the_catalogue(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goal = await make_goal(client, programme, in_catalogue=True)
        await make_goal_selection(client, goal, project_id=project["id"])
        r = await client.patch(f"{API}/goals/{goal['id']}", json={"in_catalogue": False})
        assert r.status_code == 422 and codes(r) == ["catalogue_goal_selected"]
        r = await client.patch(f"{API}/goals/{goal['id']}", json={"theme": "Trygg oppvekst"})
        assert r.status_code == 200 and r.json()["in_catalogue"] is True


class TestListGoals:
    async def test_filters_search_and_order(self, client):
        programme = await make_programme(client)
        await make_goal(
            client, programme, title="B", sort_order=2, theme="Trygg oppvekst", in_catalogue=True
        )
        await make_goal(
            client, programme, title="A", sort_order=3, theme="Aktiv hele livet", in_catalogue=True
        )
        await make_goal(client, programme, title="C", sort_order=1)
        items = await client.get(f"{API}/goals", params={"programme_id": programme["id"]})
        assert [g["title"] for g in items.json()["items"]] == ["C", "B", "A"]
        catalogue = await client.get(f"{API}/goals", params={"in_catalogue": "true"})
        assert [g["title"] for g in catalogue.json()["items"]] == ["B", "A"]
        themed = await client.get(f"{API}/goals", params={"theme": "Aktiv hele livet"})
        assert [g["title"] for g in themed.json()["items"]] == ["A"]
        found = await client.get(f"{API}/goals", params={"q": "oppvekst"})
        assert [g["title"] for g in found.json()["items"]] == ["B"]
        by_title = await client.get(f"{API}/goals", params={"sort": "-title", "limit": 2})
        assert [g["title"] for g in by_title.json()["items"]] == ["C", "B"]
        assert by_title.json()["next_cursor"]

    async def test_unknown_filter_is_refused(self, client):
        r = await client.get(f"{API}/goals", params={"colour": "red"})
        assert r.status_code == 400


class TestDeleteGoal:
    async def test_a_goal_with_children_is_kept_and_says_what_holds_it(self, client):
        programme = await make_programme(client)
        societal = await make_goal(client, programme)
        effect = await make_goal(client, programme, kind="effect", parent_id=societal["id"])
        r = await client.delete(f"{API}/goals/{societal['id']}")
        assert r.status_code == 409
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["errors"][0]["code"] == "goal_in_use"
        assert r.json()["errors"][0]["params"] == {"children": "1"}
        assert (await client.delete(f"{API}/goals/{effect['id']}")).status_code == 204
        assert (await client.delete(f"{API}/goals/{societal['id']}")).status_code == 204

    async def test_a_goal_with_indicators_or_selections_is_kept(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        societal = await make_goal(client, programme, in_catalogue=True)
        effect = await make_goal(client, programme, kind="effect", parent_id=societal["id"])
        await add_indicator(app, effect)
        r = await client.delete(f"{API}/goals/{effect['id']}")
        assert r.status_code == 409 and r.json()["errors"][0]["params"] == {"indicators": "1"}
        selection = await make_goal_selection(client, societal, project_id=project["id"])
        r = await client.delete(f"{API}/goals/{societal['id']}")
        assert r.status_code == 409
        params = r.json()["errors"][0]["params"]
        assert params["selections"] == "1" and params["children"] == "1"
        await client.delete(f"{API}/goal-selections/{selection['id']}")
        r = await client.delete(f"{API}/goals/{societal['id']}")
        assert r.json()["errors"][0]["params"]["selection_history"] == "2"


class TestGoalSelections:
    async def test_only_catalogue_goals_of_the_programme_and_exactly_one_area(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        group = await make_group(client, programme)
        plain = await make_goal(client, programme)
        catalogue = await make_goal(client, programme, in_catalogue=True)
        r = await client.post(
            f"{API}/goal-selections", json={"goal_id": plain["id"], "project_id": project["id"]}
        )
        assert r.status_code == 422 and codes(r) == ["goal_not_in_catalogue"]
        r = await client.post(
            f"{API}/goal-selections",
            json={"goal_id": catalogue["id"], "project_id": project["id"], "group_id": group["id"]},
        )
        assert r.status_code == 422 and codes(r) == ["one_area_required"]
        r = await client.post(f"{API}/goal-selections", json={"goal_id": catalogue["id"]})
        assert r.status_code == 422 and codes(r) == ["one_area_required"]
        other = await make_project(client, await make_programme(client))
        r = await client.post(
            f"{API}/goal-selections", json={"goal_id": catalogue["id"], "project_id": other["id"]}
        )
        assert r.status_code == 422 and codes(r) == ["unknown_reference"]
        r = await client.post(
            f"{API}/goal-selections", json={"goal_id": str(uuid7()), "project_id": project["id"]}
        )
        assert r.status_code == 422 and codes(r) == ["unknown_reference"]

    async def test_one_selection_per_goal_and_area(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        group = await make_group(client, programme)
        goal = await make_goal(client, programme, in_catalogue=True)
        first = await make_goal_selection(client, goal, project_id=project["id"])
        assert first["programme_id"] == programme["id"]
        r = await client.post(
            f"{API}/goal-selections", json={"goal_id": goal["id"], "project_id": project["id"]}
        )
        assert r.status_code == 409
        error = r.json()["errors"][0]
        assert error["code"] == "goal_already_selected"
        assert error["params"] == {"selection_id": first["id"]}
        await make_goal_selection(client, goal, group_id=group["id"])
        listed = await client.get(f"{API}/goal-selections", params={"goal_id": goal["id"]})
        assert len(listed.json()["items"]) == 2

    async def test_the_history_of_a_selection_outlives_it(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goal = await make_goal(client, programme, in_catalogue=True)
        selection = await make_goal_selection(
            client, goal, project_id=project["id"], rationale="Første begrunnelse"
        )
        url = f"{API}/goal-selections/{selection['id']}"
        r = await client.patch(url, json={"rationale": "Andre begrunnelse"})
        assert r.status_code == 200
        r = await client.patch(
            url, json={"meaning": "Tidlig innsats", "operationalisation": "Kartlegging"}
        )
        assert r.status_code == 200
        stale = await client.patch(url, json={"rationale": "X"}, headers={"If-Match": '"1"'})
        assert stale.status_code == 412
        assert (await client.delete(url)).status_code == 204
        history = await client.get(
            f"{API}/goal-selection-revisions", params={"selection_id": selection["id"]}
        )
        revisions = history.json()["items"]
        assert [r["action"] for r in revisions] == ["deleted", "updated", "updated", "created"]
        assert [r["selection_version"] for r in revisions] == [3, 3, 2, 1]
        assert [r["rationale"] for r in revisions] == [
            "Andre begrunnelse",
            "Andre begrunnelse",
            "Andre begrunnelse",
            "Første begrunnelse",
        ]
        assert revisions[1]["operationalisation"] == "Kartlegging"
        assert all(r["changed_by"] and "@" in r["changed_by"] for r in revisions)
        by_project = await client.get(
            f"{API}/goal-selection-revisions", params={"project_id": project["id"], "limit": 1}
        )
        assert len(by_project.json()["items"]) == 1 and by_project.json()["next_cursor"]

    async def test_members_write_selections_for_their_own_areas(self, accounts, client):
        programme = await make_programme(client)
        mine, theirs = await make_project(client, programme), await make_project(client, programme)
        group = await make_group(client, programme, project_id=mine["id"])
        person = await make_person(client, programme)
        await make_member(client, group, person)
        goal = await make_goal(client, programme, in_catalogue=True)
        member = await accounts.role(programme, "member", person)
        r = await member.post(
            f"{API}/goal-selections",
            json={"goal_id": goal["id"], "project_id": mine["id"], "rationale": "Vårt mål"},
        )
        assert r.status_code == 201, r.text
        r = await member.patch(f"{API}/goal-selections/{r.json()['id']}", json={"meaning": "M"})
        assert r.status_code == 200
        r = await member.post(
            f"{API}/goal-selections", json={"goal_id": goal["id"], "project_id": theirs["id"]}
        )
        assert r.status_code == 403
        r = await member.post(
            f"{API}/goals",
            json={
                "programme_id": programme["id"],
                "kind": "societal",
                "title": "X",
                "in_catalogue": True,
            },
        )
        assert r.status_code == 403
        r = await member.post(
            f"{API}/goals",
            json={
                "programme_id": programme["id"],
                "kind": "result",
                "title": "Vårt resultat",
                "project_id": mine["id"],
            },
        )
        assert r.status_code == 201
        observer = await accounts.role(programme, "observer")
        r = await observer.post(
            f"{API}/goal-selections", json={"goal_id": goal["id"], "project_id": theirs["id"]}
        )
        assert r.status_code == 403
        tree = await observer.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
        assert tree.status_code == 200
        outsider = await accounts.role(await make_programme(client), "editor")
        r = await outsider.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
        assert r.status_code == 404
        r = await outsider.get(f"{API}/goal-selection-revisions", params={"goal_id": goal["id"]})
        assert r.json()["items"] == []


class TestGoalTree:
    async def test_shape_order_latest_values_and_progress(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, code="A1")
        owner = await make_person(client, programme, name="Kari Nordmann")
        societal = await make_goal(client, programme, title="Gode tjenester")
        second = await make_goal(
            client, programme, kind="effect", parent_id=societal["id"], title="Z", sort_order=1
        )
        effect = await make_goal(
            client,
            programme,
            kind="effect",
            parent_id=societal["id"],
            title="Bedre arbeidsmiljø",
            owner_id=owner["id"],
        )
        await make_goal(
            client,
            programme,
            kind="result",
            parent_id=effect["id"],
            title="Arbeidslag",
            project_id=project["id"],
        )
        catalogue = await make_goal(
            client,
            programme,
            in_catalogue=True,
            title="Trygghet",
            theme="Trygg oppvekst",
            sort_order=5,
        )
        await make_goal_selection(client, catalogue, project_id=project["id"], rationale="R")
        await add_indicator(
            app,
            effect,
            measurements=(("2013-03-01", 3.0), ("2015-03-01", 4.0), ("2014-03-01", 3.5)),
        )
        await add_indicator(
            app, effect, name="Sykefravær", target=None, measurements=(("2013-03-01", 8.0),)
        )
        await add_indicator(app, second, name="Uten målinger")

        r = await client.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
        assert r.status_code == 200
        tree = r.json()
        assert [g["title"] for g in tree["goals"]] == ["Gode tjenester", "Trygghet"]
        top = tree["goals"][0]
        assert [c["title"] for c in top["children"]] == ["Bedre arbeidsmiljø", "Z"]
        node = top["children"][0]
        assert node["owner_name"] == "Kari Nordmann"
        assert [c["title"] for c in node["children"]] == ["Arbeidslag"]
        trivsel, fravaer = node["indicators"][1], node["indicators"][0]
        assert trivsel["name"] == "Trivsel"
        assert trivsel["baseline_value"] == 3.0 and trivsel["baseline_on"] == "2013-03-01"
        assert trivsel["latest_value"] == 4.0 and trivsel["latest_on"] == "2015-03-01"
        assert trivsel["measurement_count"] == 3
        assert trivsel["progress"] == 0.6667
        assert fravaer["progress"] is None and fravaer["measurement_count"] == 1
        empty = top["children"][1]["indicators"][0]
        assert empty["latest_value"] is None and empty["measurement_count"] == 0
        chosen = tree["goals"][1]["selections"]
        assert [s["area_name"] for s in chosen] == [f"A1 {project['name']}"]

    async def test_progress_follows_the_indicators_direction_as_the_indicator_api_does(
        self, app, client
    ):
        programme = await make_programme(client)
        effect = await make_goal(client, programme, kind="effect", title="Lavere sykefravær")
        falling = await add_indicator(
            app,
            effect,
            name="Sykefravær",
            target=6.0,
            direction=IndicatorDirection.lower_is_better,
            measurements=(("2013-03-01", 8.0), ("2015-03-01", 7.0)),
        )
        wrong_way = await add_indicator(
            app,
            effect,
            name="Fravær med feil mål",
            target=9.0,
            direction=IndicatorDirection.lower_is_better,
            measurements=(("2013-03-01", 8.0), ("2015-03-01", 7.0)),
        )
        r = await client.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
        assert r.status_code == 200, r.text
        shown = {i["id"]: i for i in r.json()["goals"][0]["indicators"]}
        assert shown[str(falling)]["progress"] == 0.5
        # A target above the baseline of a lower-is-better indicator is no progress to show.
        assert shown[str(wrong_way)]["progress"] is None
        for indicator_id in (falling, wrong_way):
            own = (await client.get(f"{API}/indicators/{indicator_id}")).json()
            assert shown[str(indicator_id)]["progress"] == own["progress"]

    async def test_a_projects_tree_holds_its_goals_and_its_selections(self, client):
        programme = await make_programme(client)
        project, other = (
            await make_project(client, programme),
            await make_project(client, programme),
        )
        societal = await make_goal(client, programme, title="Samfunn")
        effect = await make_goal(
            client, programme, kind="effect", parent_id=societal["id"], title="Effekt"
        )
        await make_goal(
            client,
            programme,
            kind="result",
            parent_id=effect["id"],
            project_id=project["id"],
            title="Vårt resultat",
        )
        await make_goal(
            client, programme, kind="result", project_id=other["id"], title="Deres resultat"
        )
        chosen = await make_goal(client, programme, in_catalogue=True, title="Valgt")
        await make_goal(client, programme, in_catalogue=True, title="Ikke valgt")
        await make_goal_selection(client, chosen, project_id=project["id"])
        await make_goal_selection(client, chosen, project_id=other["id"])
        r = await client.get(
            f"{API}/goal-tree",
            params={"programme_id": programme["id"], "project_id": project["id"]},
        )
        tree = r.json()
        assert [g["title"] for g in tree["goals"]] == ["Samfunn", "Valgt"]
        assert tree["goals"][0]["children"][0]["children"][0]["title"] == "Vårt resultat"
        assert len(tree["goals"][1]["selections"]) == 1
        r = await client.get(
            f"{API}/goal-tree",
            params={"programme_id": programme["id"], "project_id": str(uuid7())},
        )
        assert r.status_code == 422

    async def test_of_two_measurements_on_one_day_the_one_recorded_last_counts(self, app, client):
        programme = await make_programme(client)
        effect = await make_goal(client, programme, kind="effect")
        await add_indicator(
            app,
            effect,
            measurements=(("2013-03-01", 3.0), ("2014-03-01", 3.5), ("2014-03-01", 4.0)),
        )
        tree = (
            await client.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
        ).json()
        indicator = tree["goals"][0]["indicators"][0]
        assert indicator["latest_value"] == 4.0 and indicator["measurement_count"] == 3

    async def test_the_tree_costs_the_same_whatever_its_size(self, app, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)

        async def count() -> int:
            statements = []

            def seen(_conn, _cursor, statement, *_args):
                statements.append(statement)

            engine = app.state.engine.sync_engine
            event.listen(engine, "before_cursor_execute", seen)
            try:
                r = await client.get(f"{API}/goal-tree", params={"programme_id": programme["id"]})
                assert r.status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", seen)
            return len(statements)

        societal = await make_goal(client, programme)
        effect = await make_goal(client, programme, kind="effect", parent_id=societal["id"])
        await add_indicator(app, effect, measurements=(("2013-01-01", 1.0),))
        small = await count()
        for i in range(6):
            e = await make_goal(client, programme, kind="effect", parent_id=societal["id"])
            await add_indicator(app, e, measurements=(("2013-01-01", 1.0), ("2014-01-01", i)))
            c = await make_goal(client, programme, in_catalogue=True)
            await make_goal_selection(client, c, project_id=project["id"])
        assert await count() == small


async def findings(client, programme: dict, rule: str) -> list[dict]:
    report = (
        await client.get(
            f"{API}/programmes/{programme['id']}/compliance", params={"include": "findings"}
        )
    ).json()
    every = [f for p in report["projects"] for f in p["findings"]] + report["programme_findings"]
    assert rule in {r["id"] for r in report["rules"]}
    return [f for f in every if f["rule"] == rule]


class TestComplianceRules:
    async def test_an_effect_goal_without_indicator_is_flagged(self, app, client):
        programme = await make_programme(client)
        societal = await make_goal(client, programme)
        effect = await make_goal(
            client,
            programme,
            kind="effect",
            parent_id=societal["id"],
            title="Bedre samarbeid",
            status="active",
        )
        await make_goal(client, programme, kind="effect", status="dropped", dropped_reason="Utgår")
        found = await findings(client, programme, "effect-goal-indicator")
        assert [f["facts"] for f in found] == [{"goal": "Bedre samarbeid"}]
        assert found[0]["record_id"] == effect["id"]
        assert "R4.4" in found[0]["source"]

    async def test_an_effect_goal_with_an_indicator_passes(self, app, client):
        programme = await make_programme(client)
        effect = await make_goal(client, programme, kind="effect")
        await add_indicator(app, effect)
        assert await findings(client, programme, "effect-goal-indicator") == []

    async def test_a_selection_without_rationale_is_flagged(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, code="A7")
        goal = await make_goal(client, programme, in_catalogue=True, title="Trygghet")
        selection = await make_goal_selection(
            client, goal, project_id=project["id"], rationale="  "
        )
        found = await findings(client, programme, "goal-selection-rationale")
        assert [f["facts"] for f in found] == [{"goal": "Trygghet", "area": "A7"}]
        assert found[0]["record_id"] == selection["id"]
        assert found[0]["project_id"] == project["id"]

    async def test_a_selection_with_rationale_passes(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        goal = await make_goal(client, programme, in_catalogue=True)
        await make_goal_selection(client, goal, group_id=group["id"], rationale="Fordi")
        assert await findings(client, programme, "goal-selection-rationale") == []
