"""The demo breaks the rules only where it means to: as of the day each programme's story is
told, the compliance report shows exactly the findings the demo describes, and no others."""

from datetime import date

from samskap.demo import (
    kristiansand,
    nordre_follo,
    nordre_follo_goals,
    nordre_follo_participation,
    sorum,
)
from tests.test_demo import KR, NF, SO, fetch_all, programmes

API = "/api/v1"

# What each finding is about, by rule: the fact that names its record.
NAMED_BY = {
    "board-union-representative": "group",
    "reorganisation-consultation": "decision",
    "overdue-deadline": "deadline",
    "mandate-approved": "mandate_status",
    "goal-selection-rationale": "goal",
    "effect-goal-indicator": "goal",
    "version-missing": "version",
    "version-late": "version",
    "decision-planned-involvement-missed": "decision",
    "planned-involvement-overdue": "matter",
}


async def findings(client, programme: dict, as_of) -> list[tuple[str | None, str, str]]:
    r = await client.get(
        f"{API}/programmes/{programme['id']}/compliance",
        params={"as_of": as_of.isoformat(), "include": "findings"},
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["as_of"] == as_of.isoformat()
    found = [
        (p["code"], f["rule"], str(f["facts"].get(NAMED_BY.get(f["rule"], ""), f["facts"])))
        for p in report["projects"]
        for f in p["findings"]
    ]
    found += [
        (None, f["rule"], str(f["facts"].get(NAMED_BY.get(f["rule"], ""), f["facts"])))
        for f in report["programme_findings"]
    ]
    assert report["total"] == len(found)
    return sorted(found, key=lambda f: (f[0] or "", f[1], f[2]))


async def test_nordre_follo_shows_the_problems_it_tells_of_and_nothing_else(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    assert await findings(client, nf, nordre_follo.STORY_DATE) == [
        # «Digitalisering og kommunikasjon» sent its workbook version 2 nearly four days late.
        ("ST3", "version-late", "2"),
        # The involvement plan of «Oppvekst og utdanning»: the parents' and user councils'
        # meeting planned before the reorganisation decision never took place.
        (
            "VO1",
            "decision-planned-involvement-missed",
            "Organisering av virksomhetsområdet Oppvekst og utdanning",
        ),
        # Phase 5 of «Oppvekst og utdanning»: the survey summary due 30 October 2026.
        ("VO1", "overdue-deadline", "Resultater fra medarbeiderundersøkelsen sammenstilt"),
        ("VO1", "planned-involvement-overdue", nordre_follo_participation.PLAN[5][1]),
        # A board set up without a union representative, and a reorganisation decision
        # drafted before anyone consulted the union representatives.
        ("VO2", "board-union-representative", "Prosjektstyre Helse og velferd"),
        (
            "VO2",
            "reorganisation-consultation",
            "Ny organisering av hjemmetjenestene i Helse og velferd",
        ),
        # «Kultur og frivillighet» ticked a goal in task 2b without writing why.
        (
            "VO4",
            "goal-selection-rationale",
            "Barn og unge i Nordre Follo kommune har mulighet til hvile, fritid og lek og deltar "
            "i idrett, fysisk aktivitet og kulturaktiviteter.",
        ),
        # The workbook version 3 and final input of «Kultur og frivillighet», begun and never
        # sent: their deadlines' own overdue-deadline findings give way to these.
        ("VO4", "version-missing", "3"),
        ("VO4", "version-missing", "endelig"),
    ]


async def test_kristiansand_shows_the_mandates_still_waiting_and_nothing_else(demo_client):
    client = demo_client
    kr = (await programmes(client))[KR]
    assert await findings(client, kr, kristiansand.STORY_DATE) == [
        ("A3", "mandate-approved", "proposed"),
        ("A4", "mandate-approved", "proposed"),
        ("A5", "mandate-approved", "proposed"),
        ("A6", "mandate-approved", "proposed"),
        ("A7", "mandate-approved", "proposed"),
        ("A8", "mandate-approved", "draft"),
        ("A8", "overdue-deadline", "Forslag til mandat for A8 Administrasjon og ledelse"),
    ]

    # Every approved mandate rests on a final decision of the body above, about it.
    groups = {g["id"]: g for g in await fetch_all(client, "/groups", programme_id=kr["id"])}
    decisions = {d["id"]: d for d in await fetch_all(client, "/decisions", programme_id=kr["id"])}
    (committee,) = [g for g in groups.values() if g["kind"] == "joint_committee"]
    projects = await fetch_all(
        client, "/projects", programme_id=kr["id"], mandate_status="approved"
    )
    assert [p["code"] for p in projects] == ["A1", "A2"]
    for project in projects:
        decision = decisions[project["mandate_decision_id"]]
        assert (decision["body_group_id"], decision["status"]) == (committee["id"], "final")
        assert decision["decided_on"] == "2017-12-12" == project["mandate_approved_at"][:10]
        assert project["code"] in decision["title"]
    for group in groups.values():
        if group["mandate_status"] != "approved":
            continue
        decision = decisions[group["mandate_decision_id"]]
        assert decision["status"] == "final"
        # The joint committee's own mandate comes from the councils, outside the programme.
        expected_body = None if group["id"] == committee["id"] else committee["id"]
        assert decision["body_group_id"] == expected_body, group["name"]
        assert group["name"] in decision["text"], group["name"]


async def test_sorum_shows_only_the_effect_goal_the_seed_gives_no_measure(demo_client):
    client = demo_client
    so = (await programmes(client))[SO]
    assert await findings(client, so, date(2015, 12, 31)) == [
        ("AL", "effect-goal-indicator", "Utvikling av trepartssamarbeid"),
    ]
    # Judged as of its end without asking: the programme is completed.
    report = (
        await client.get(f"{API}/programmes/{so['id']}/compliance", params={"include": "findings"})
    ).json()
    assert report["as_of"] == "2015-12-31"
    assert report["total"] == 1


async def test_sorum_measures_its_effect_goals_from_a_2013_baseline(demo_client):
    client = demo_client
    so = (await programmes(client))[SO]
    goals = await fetch_all(client, "/goals", programme_id=so["id"])
    kinds = [g["kind"] for g in goals]
    assert (kinds.count("societal"), kinds.count("effect"), kinds.count("result")) == (1, 5, 3)
    assert {g["title"] for g in goals if g["kind"] == "effect"} == {
        title for _key, title, _description in sorum.EFFECT_GOALS
    }
    indicators = {
        i["name"]: i for i in await fetch_all(client, "/indicators", programme_id=so["id"])
    }
    shared = indicators[sorum.INDICATORS[0][2]]
    assert (shared["baseline_on"], shared["latest_on"]) == ("2013-10-15", "2015-10-13")
    assert shared["baseline_value"] < shared["latest_value"] < shared["target_value"]
    assert shared["measurement_count"] == 3
    series = (await client.get(f"{API}/indicators/{shared['id']}/series")).json()
    assert [m["measured_on"][:4] for m in series["points"]] == ["2013", "2014", "2015"]
    assert [m["is_baseline"] for m in series["points"]] == [True, False, False]
    # Each survey measurement came from closing an imported round.
    rounds = await fetch_all(client, "/survey-rounds", programme_id=so["id"])
    assert len(rounds) == 5
    assert {r["status"] for r in rounds} == {"closed"}
    assert {r["source"] for r in rounds} == {"imported"}
    measurements = await fetch_all(client, "/measurements", indicator_id=shared["id"])
    assert {m["survey_round_id"] for m in measurements} <= {r["id"] for r in rounds}
    # The five measures of the seed, each with its documented result.
    measures = await fetch_all(client, "/measures", programme_id=so["id"])
    assert len(measures) == 5
    assert all(m["status"] == "done" and m["result"] and m["goal_ids"] for m in measures)


async def test_sorum_has_a_three_party_workshop_and_criteria_for_work_teams(demo_client):
    client = demo_client
    so = (await programmes(client))[SO]
    groups = await fetch_all(client, "/groups", programme_id=so["id"])
    (workshop,) = [g for g in groups if g["kind"] == "three_party_forum"]
    members = await fetch_all(client, f"/groups/{workshop['id']}/members")
    parties = sorted(m["party"] for m in members)
    assert parties == ["administration"] * 3 + ["employees"] * 3 + ["politicians"] * 3
    criteria = await fetch_all(client, "/group-criteria", programme_id=so["id"])
    assert {c["group_kind"] for c in criteria} == {"work_team"}
    assert {c["purpose"] for c in criteria} == {"setup", "evaluation"}
    teams = [g for g in groups if g["kind"] == "work_team"]
    assert len(teams) == 3
    for team in teams:
        status = (await client.get(f"{API}/groups/{team['id']}/criteria")).json()
        assessed = [c for c in status["criteria"] if c["latest"] is not None]
        assert assessed, team["name"]


async def test_nordre_follo_areas_chose_from_the_19_plan_goals(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    catalogue = await fetch_all(client, "/goals", programme_id=nf["id"], in_catalogue="true")
    assert len(catalogue) == 19
    themes = {theme: len(goals) for theme, goals in nordre_follo_goals.THEMES}
    assert (
        {t: sum(g["theme"] == t for g in catalogue) for t in themes}
        == themes
        == {
            "Sammen for ny kommune": 5,
            "Trygg oppvekst": 4,
            "Aktiv hele livet": 4,
            "Byvekst med grønne kvaliteter": 6,
        }
    )
    selections = await fetch_all(client, "/goal-selections", programme_id=nf["id"])
    projects = {
        p["id"]: p["code"] for p in await fetch_all(client, "/projects", programme_id=nf["id"])
    }
    assert {projects[s["project_id"]] for s in selections} == {
        "VO1",
        "VO2",
        "VO3",
        "VO4",
        "ST1",
        "ST2",
        "ST3",
    }
    assert sum(s["rationale"] is None for s in selections) == 1


async def test_nordre_follo_registers_the_workbooks_reference_list(demo_client):
    from samskap.demo import nordre_follo_documents

    client = demo_client
    nf = (await programmes(client))[NF]
    documents = await fetch_all(client, "/documents", programme_id=nf["id"])
    assert len(documents) == len(nordre_follo_documents.REFERENCES) == 24
    assert {d["title"] for d in documents} >= {
        "Høringsbrev: Overordnet organisering. Valg av organisasjonsmodell",
        "Omstillingsavtale for Nordre Follo; Beholde, rekruttere og utvikle",
    }
    exempt = [d for d in documents if d["public_access"] == "exempt"]
    assert len(exempt) == 2
    assert all(d["exemption_basis"].startswith("offl. § 14") for d in exempt)
