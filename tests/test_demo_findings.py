"""The demo breaks the rules only where it means to: as of the day each programme's story is
told, the compliance report shows exactly the findings the demo describes, and no others."""

from samskap.demo import kristiansand, nordre_follo
from tests.test_demo import KR, NF, fetch_all, programmes

API = "/api/v1"

# What each finding is about, by rule: the fact that names its record.
NAMED_BY = {
    "board-union-representative": "group",
    "reorganisation-consultation": "decision",
    "overdue-deadline": "deadline",
    "mandate-approved": "mandate_status",
}


async def findings(client, programme: dict, as_of) -> list[tuple[str | None, str, str]]:
    r = await client.get(
        f"{API}/programmes/{programme['id']}/compliance", params={"as_of": as_of.isoformat()}
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
        # Phase 5 of «Oppvekst og utdanning»: the survey summary due 30 October 2026.
        ("VO1", "overdue-deadline", "Resultater fra medarbeiderundersøkelsen sammenstilt"),
        # A board set up without a union representative, and a reorganisation decision
        # drafted before anyone consulted the union representatives.
        ("VO2", "board-union-representative", "Prosjektstyre Helse og velferd"),
        (
            "VO2",
            "reorganisation-consultation",
            "Ny organisering av hjemmetjenestene i Helse og velferd",
        ),
        # The workbook version 3 and final input of «Kultur og frivillighet», never registered.
        (
            "VO4",
            "overdue-deadline",
            "Innspill til «Organisering av virksomhetsområder og staber» etter mal: "
            "Kultur og frivillighet",
        ),
        (
            "VO4",
            "overdue-deadline",
            "Revidert arbeidsbok versjon 3 etter samling 2: Kultur og frivillighet",
        ),
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
