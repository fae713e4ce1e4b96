"""The demo data: idempotent, two programmes kept apart, and the shapes the seeds describe.

The demo is loaded once per session (the `demo` fixture); these tests read it and change
nothing, so they share it.
"""

from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from samskap.demo import KINDS, load_demo
from samskap.phases.templates import FIVE_PHASES

API = "/api/v1"
NF, KR, SO = "demo:nf:programme", "demo:kr:programme", "demo:so:programme"
SEED_003_PROJECTS = [
    "Oppvekst og utdanning",
    "Helse, omsorg og forvaltning",
    "Helse, sosial, NAV og forebygging",
    "Teknisk, klima, miljø og eiendom",
    "Kultur, idrett og fritid",
    "Digitalisering",
    "Økonomi og eierskap",
    "Administrasjon og ledelse",
]
HEALTH_PROJECTS = {"Helse, omsorg og forvaltning", "Helse, sosial, NAV og forebygging"}
PER_PROGRAMME = ("people", "projects", "groups", "phases", "tasks", "deadlines", "involvements")
# The records of goals and their measurement: the kind `load_demo` counts, and its list.
MEASURED = {
    "goals": "/goals",
    "goal_selections": "/goal-selections",
    "indicators": "/indicators",
    "measurements": "/measurements",
    "survey_rounds": "/survey-rounds",
    "measures": "/measures",
    "group_criteria": "/group-criteria",
    "criterion_assessments": "/criterion-assessments",
    "documents": "/documents",
    "hearings": "/hearings",
    "hearing_responses": "/hearing-responses",
    "templates": "/templates",
    "submissions": "/submissions",
    "submission_versions": "/submission-versions",
    "files": "/files",
    "participation_links": "/participation-links",
    "ideas": "/ideas",
    "planned_involvements": "/planned-involvements",
}


async def load(app) -> dict[str, int]:
    """Load the demo into the app's database (the `demo` fixture has it loaded already)."""
    async with app.state.sessions() as session:
        created = await load_demo(session)
        await session.commit()
    return created


async def fetch_all(client, path: str, **params) -> list[dict]:
    """Every item of a list, following the cursor."""
    items: list[dict] = []
    cursor = None
    while True:
        query = {**params, "limit": 500} | ({"cursor": cursor} if cursor else {})
        response = await client.get(API + path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


async def programmes(client) -> dict[str, dict]:
    return {p["external_id"]: p for p in await fetch_all(client, "/programmes")}


async def snapshot(client) -> dict[str, list[tuple[str, int]]]:
    """Every demo record with its version, per resource, as the API lists them."""
    state: dict[str, list[tuple[str, int]]] = {}
    found = await programmes(client)
    state["programmes"] = sorted((p["id"], p["version"]) for p in found.values())
    for key in (NF, KR, SO):
        pid = found[key]["id"]
        for kind, path in MEASURED.items():
            items = await fetch_all(client, path, programme_id=pid)
            state[f"{key}:{kind}"] = sorted((i["id"], i["version"]) for i in items)
        for resource in PER_PROGRAMME:
            items = await fetch_all(client, f"/{resource}", programme_id=pid)
            state[f"{key}:{resource}"] = sorted((i["id"], i["version"]) for i in items)
            if resource == "groups":
                members = [
                    m for g in items for m in await fetch_all(client, f"/groups/{g['id']}/members")
                ]
                state[f"{key}:members"] = sorted((m["id"], m["version"]) for m in members)
            if resource == "phases":
                results = [r for p in items for r in p["expected_results"]]
                state[f"{key}:expected_results"] = sorted((r["id"], r["version"]) for r in results)
    return state


def total(state: dict, kind: str) -> int:
    return sum(len(v) for k, v in state.items() if k == kind or k.endswith(f":{kind}"))


async def test_loading_twice_creates_nothing_the_second_time(demo, demo_client):
    client = demo_client
    first = demo.created
    assert list(first) == [*KINDS, "events", "decisions", "accounts"]
    # Events: Nordre Follo's three gatherings, its consultation meeting and its three-party
    # forum's five meetings, and the two of Kristiansand's forum. Decisions: Kristiansand's
    # forum's mandate is the eleventh.
    assert (first["events"], first["decisions"]) == (11, 11)
    assert first["accounts"] == 7
    assert first["programmes"] == 3
    assert all(first[kind] > 0 for kind in KINDS), first
    before = await snapshot(client)
    for kind in KINDS:
        assert total(before, kind) == first[kind], kind

    second = await load(demo.app)
    assert second == dict.fromkeys([*KINDS, "events", "decisions", "accounts"], 0)
    assert await snapshot(client) == before  # same records, same versions


async def test_programmes_are_kept_apart(demo_client):
    client = demo_client
    found = await programmes(client)
    nf, kr = found[NF], found[KR]
    assert nf["name"] == "Nordre Follo 2020"
    assert [m["number"] for m in nf["municipalities"]] == ["0213", "0217"]
    assert [m["number"] for m in kr["municipalities"]] == ["1001", "1017", "1018"]
    assert nf["target_on"] == kr["target_on"] == "2020-01-01"

    for resource in PER_PROGRAMME:
        nf_items = await fetch_all(client, f"/{resource}", programme_id=nf["id"])
        kr_items = await fetch_all(client, f"/{resource}", programme_id=kr["id"])
        assert nf_items, resource
        assert kr_items or resource == "phases", resource  # no phase-run project there
        assert {i["programme_id"] for i in nf_items} <= {nf["id"]}, resource
        assert {i["programme_id"] for i in kr_items} <= {kr["id"]}, resource
        assert not {i["id"] for i in nf_items} & {i["id"] for i in kr_items}, resource

    nf_people = await fetch_all(client, "/people", programme_id=nf["id"])
    kr_people = await fetch_all(client, "/people", programme_id=kr["id"])
    assert not {p["email"] for p in nf_people} & {p["email"] for p in kr_people}
    assert all(p["external_id"].startswith("demo:nf:") for p in nf_people)


async def test_three_municipality_boards_follow_seed_003(demo_client):
    client = demo_client
    kr = (await programmes(client))[KR]
    people = {p["id"]: p for p in await fetch_all(client, "/people", programme_id=kr["id"])}
    projects = await fetch_all(
        client, "/projects", programme_id=kr["id"], category="administrative"
    )
    assert sorted(p["name"] for p in projects) == sorted(SEED_003_PROJECTS)
    assert {p["name"] for p in projects if p["concerns_nav"]} == HEALTH_PROJECTS
    assert Counter(p["mandate_status"] for p in projects) == {
        "approved": 2,
        "proposed": 5,
        "draft": 1,
    }

    for project in projects:
        assert project["leader_id"] in people
        assert 60 <= project["leader_allocation_percent"] <= 100
        boards = await fetch_all(client, "/groups", project_id=project["id"], kind="project_board")
        assert len(boards) == 1, project["name"]
        members = await fetch_all(client, f"/groups/{boards[0]['id']}/members")
        leaders = [m for m in members if m["party"] == "administration"]
        assert {m["municipality_number"] for m in leaders} >= {"1001", "1017", "1018"}
        affiliations = Counter(people[m["person_id"]]["affiliation"] for m in members)
        assert affiliations["union_representative"] >= 1, project["name"]
        assert all(
            people[m["person_id"]]["union"]
            for m in members
            if people[m["person_id"]]["affiliation"] == "union_representative"
        )
        if project["name"] in HEALTH_PROJECTS:
            assert affiliations["nav"] >= 1, project["name"]
        else:
            assert affiliations["nav"] == 0, project["name"]

    committees = await fetch_all(client, "/groups", programme_id=kr["id"], kind="joint_committee")
    assert len(committees) == 1 and committees[0]["project_id"] is None


async def test_nordre_follo_has_a_balanced_three_party_forum(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    forums = await fetch_all(client, "/groups", programme_id=nf["id"], kind="three_party_forum")
    assert len(forums) == 1
    assert forums[0]["mandate_status"] == "approved" and forums[0]["mandate_text"]
    members = await fetch_all(client, f"/groups/{forums[0]['id']}/members")
    assert Counter(m["party"] for m in members) == {
        "politicians": 3,
        "administration": 3,
        "employees": 3,
    }
    people = {p["id"]: p for p in await fetch_all(client, "/people", programme_id=nf["id"])}
    by_party = {
        party: {people[m["person_id"]]["affiliation"] for m in members if m["party"] == party}
        for party in ("politicians", "employees")
    }
    assert by_party == {
        "politicians": {"elected_official"},
        "employees": {"union_representative"},
    }


async def test_nordre_follo_runs_one_project_through_the_five_phases(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    projects = await fetch_all(client, "/projects", programme_id=nf["id"])
    phased = []
    for project in projects:
        phases = await fetch_all(client, "/phases", project_id=project["id"])
        if phases:
            phased.append((project, phases))
    # One runs the five phases; the six that ran the workbook process have its phases, completed.
    five = [(p, ph) for p, ph in phased if len(ph) == len(FIVE_PHASES.phases)]
    assert len(five) == 1 and len(phased) == 7
    assert all({x["status"] for x in ph} == {"completed"} for p, ph in phased if (p, ph) != five[0])
    project, phases = five[0]
    assert [p["name"] for p in phases] == [t.name for t in FIVE_PHASES.phases]
    assert phases[0]["activities"] == FIVE_PHASES.phases[0].activities
    oppstart = phases[0]
    assert oppstart["status"] == "completed"
    assert [r["text"] for r in oppstart["expected_results"]] == (
        FIVE_PHASES.phases[0].expected_results
    )
    assert all(r["done"] and r["done_by_id"] for r in oppstart["expected_results"])
    current = [p for p in phases if p["status"] == "active"]
    assert len(current) == 1
    assert {r["done"] for r in current[0]["expected_results"]} == {True, False}

    groups = await fetch_all(client, "/groups", project_id=project["id"])
    kinds = {g["kind"] for g in groups}
    assert {"development_team", "working_group", "expert_group"} <= kinds
    team = next(g for g in groups if g["kind"] == "development_team")
    allocations = sorted(
        m["allocation_percent"]
        for m in await fetch_all(client, f"/groups/{team['id']}/members")
        if m["allocation_percent"] is not None
    )
    assert allocations == [20, 50]  # finance 20 %, HR 50 % (seed 002)
    tasks = await fetch_all(client, "/tasks", project_id=project["id"])
    assert {t["phase_id"] for t in tasks} >= {oppstart["id"], current[0]["id"]}


async def test_nordre_follo_deadlines_name_who_delivers_to_whom(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    deadlines = await fetch_all(client, "/deadlines", programme_id=nf["id"])
    assert len(deadlines) >= 20
    for deadline in deadlines:
        assert deadline["recipient_id"], deadline["title"]
        assert (deadline["responsible_person_id"] is None) != (
            deadline["responsible_group_id"] is None
        ), deadline["title"]
    assert any(d["responsible_group_id"] for d in deadlines)
    assert {d["kind"] for d in deadlines} >= {"submission", "meeting", "hearing", "decision"}
    assert Counter(d["status"] for d in deadlines).keys() == {"open", "submitted", "waived"}
    assert any("samling 1" in d["title"] for d in deadlines)
    workbook = [d for d in deadlines if d["title"].startswith("Revidert arbeidsbok")]
    assert len({d["project_id"] for d in workbook}) >= 7

    # The demo shows both: deadlines past due and open, and deadlines still to come.
    overdue = await fetch_all(client, "/deadlines", programme_id=nf["id"], overdue="true")
    assert overdue and all(d["overdue"] and d["status"] == "open" for d in overdue)
    now = datetime.now(UTC)
    upcoming = [d for d in deadlines if datetime.fromisoformat(d["due_at"]) > now]
    # The upcoming deadlines carry fixed dates in 2027; when this fails, move them on.
    assert upcoming, "the demo has no upcoming deadlines any more"
    assert not any(d["overdue"] for d in upcoming)


async def test_nordre_follo_gatherings_have_programmes_and_the_tasks_given_at_them(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    gatherings = await fetch_all(client, "/events", programme_id=nf["id"], kind="gathering")
    assert [g["title"] for g in gatherings] == [
        "Samling 1: Samme visjon, samme mål!",
        "Samling 2: Vi jobber sammen!",
        "Samling 3: Organisering av virksomhetsområder og staber",
    ]
    first, second, third = gatherings
    # Samling 1 on 6 and 7 September 2018 (Oslo), its programme from the workbook's DEL 4.
    assert (first["starts_at"][:10], first["ends_at"][:10]) == ("2018-09-06", "2018-09-07")
    items = {item["title"].split(":")[0]: item for item in first["agenda"]}
    for task in ("Oppgave 1", "Oppgave 2a", "Oppgave 2b", "Oppgave 3", "Oppgave 4"):
        assert items[task]["room"] == "Grupperom rådhuset eller Kolben", task
        assert items[task]["time"] and items[task]["responsible"], task
    titles = [item["title"] for item in first["agenda"]]
    assert any(
        t.startswith("Foredrag") and i < titles.index("Oppstart") for i, t in enumerate(titles)
    )
    assert {"Innledning", "Oppstart", "Oppsummering og veien videre"} <= set(titles)
    assert any(t.startswith("Paneldiskusjon") for t in titles)
    assert {"Sal 1 i Kolben", "Sal 2 i Kolben"} <= {item["room"] for item in first["agenda"]}
    # Only invented people lead: none of the seed's names.
    leaders = " ".join(item["responsible"] or "" for g in gatherings for item in g["agenda"])
    for real in ("Herheim", "Bækkevold", "Martinsson", "Hyllegaard", "Lae", "Grönholm"):
        assert real not in leaders
    assert any("verktøykasse" in item["title"] for item in second["agenda"])
    assert any("Mal for innspill" in item["title"] for item in third["agenda"])

    # The deadlines between the gatherings fall where the gatherings do.
    assert "2018-10-04" < second["starts_at"][:10] < "2018-11-01" < third["starts_at"][:10]
    assert third["starts_at"][:10] < "2018-11-23"

    # The tasks given at each gathering, seven areas each.
    given = {}
    for gathering in gatherings:
        tasks = await fetch_all(
            client, "/deadlines", programme_id=nf["id"], event_id=gathering["id"]
        )
        assert all(task["event_id"] == gathering["id"] for task in tasks)
        given[gathering["title"][:9]] = Counter(
            task["external_id"].rsplit(":", 1)[1] for task in tasks
        )
    assert given == {
        "Samling 1": {"samling1-oppgave2b": 7, "samling1-ppt": 7, "arbeidsbok-v2": 7},
        "Samling 2": {"arbeidsbok-v3": 7},
        "Samling 3": {"innspill": 7},
    }
    # Their delivery is computed as for any deadline: version 3 of Kultur og frivillighet is
    # missing, version 2 of Digitalisering og kommunikasjon came late.
    v3 = await fetch_all(client, "/deadlines", programme_id=nf["id"], event_id=second["id"])
    assert Counter(task["delivery"] for task in v3) == {"on_time": 6, "missing": 1}


async def test_nordre_follo_records_involvement(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    involvements = await fetch_all(client, "/involvements", programme_id=nf["id"])
    assert {i["stakeholder_kind"] for i in involvements} >= {
        "employees",
        "union_representatives",
        "safety_representatives",
    }
    assert {i["form"] for i in involvements} >= {
        "information",
        "consultation",
        "participation",
        "workshop",
        "hearing",
    }
    for involvement in involvements:
        assert involvement["statements"] and involvement["outcome"], involvement["matter"]
        assert involvement["participant_ids"] or involvement["head_count"]


async def test_demo_people_are_invented(demo_client):
    client = demo_client
    people = await fetch_all(client, "/people")
    assert len(people) > 50
    real_names = {"Gro Herheim", "Rikke Bækkevold", "Gunilla Martinsson", "Sigurd Lae"}
    assert not {p["name"] for p in people} & real_names
    assert all(p["email"].endswith(".example") for p in people)  # reserved domain, RFC 2606


async def test_every_demo_account_logs_in_and_sees_its_own_programme(demo):
    from samskap.demo.accounts import ACCOUNTS

    anonymous = demo.accounts.anonymous()
    for account in ACCOUNTS:
        r = await anonymous.post(
            "/api/v1/auth/token",
            json={
                "grant_type": "password",
                "username": account.email,
                "password": account.password,
            },
        )
        assert r.status_code == 200, account.email
        auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
        names = [
            p["name"]
            for p in (await anonymous.get("/api/v1/programmes", headers=auth)).json()["items"]
        ]
        if account.system_admin:
            assert names == ["Nordre Follo 2020", "Nye Kristiansand 2020", "Sørum arbeidslag"]
        else:
            assert len(names) == 1
            me = (await anonymous.get("/api/v1/auth/me", headers=auth)).json()
            assert me["memberships"][0]["role"] == account.role
            assert me["memberships"][0]["person_id"] is not None


async def test_the_compliance_page_has_real_findings_in_the_demo(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    report = (
        await client.get(
            f"/api/v1/programmes/{nf['id']}/compliance", params={"include": "findings"}
        )
    ).json()
    found = [f for p in report["projects"] for f in p["findings"]] + report["programme_findings"]
    rules = {f["rule"] for f in found}
    assert {
        "board-union-representative",
        "reorganisation-consultation",
        "overdue-deadline",
    } <= rules
    decisions = (await client.get("/api/v1/decisions", params={"programme_id": nf["id"]})).json()
    assert sorted(d["status"] for d in decisions["items"]) == ["draft"] + ["final"] * 5


async def test_nordre_follo_workbooks_answer_their_deadlines(demo_client):
    from samskap.demo import nordre_follo, nordre_follo_workbook

    client = demo_client
    nf = (await programmes(client))[NF]
    (template,) = await fetch_all(client, "/templates", programme_id=nf["id"])
    assert template["title"] == nordre_follo_workbook.TITLE
    assert "Maks 2 sider + organisasjonskart" in template["guidance"]
    assert [s["title"] for s in template["sections"]] == [
        "Organisering og ledernivå",
        "Ansvar",
        "Møteplasser",
        "Annet",
    ]
    assert all(s["guidance"] for s in template["sections"])
    limits = {s["key"]: s["max_length"] for s in template["sections"]}
    assert 5000 <= sum(limits.values()) <= 7000  # about two pages
    assert [a["key"] for a in template["required_attachments"]] == ["organisasjonskart"]

    # The matrix: seven areas by versions 1, 2, 3 and endelig; one late, one area missing two.
    r = await client.get(f"{API}/delivery-matrix", params={"programme_id": nf["id"]})
    assert r.status_code == 200, r.text
    matrix = r.json()
    assert [v["label"] for v in matrix["versions"]] == ["1", "2", "3", "endelig"]
    codes = {code: key for key, code, *_ in nordre_follo.AREAS}
    assert sorted(a["code"] for a in matrix["areas"]) == sorted(codes)
    cells = {(a["code"], c["label"]): c for a in matrix["areas"] for c in a["cells"]}
    not_on_time = {where: c["delivery"] for where, c in cells.items() if c["delivery"] != "on_time"}
    assert not_on_time == {
        ("ST3", "2"): "late",
        ("VO4", "3"): "missing",
        ("VO4", "endelig"): "missing",
    }
    assert cells[("ST3", "2")]["late_by_seconds"] == 4 * 86400 - 140 * 60  # 8 Oct 09:40

    # Every version answers its own deadline, submitted at the very time the deadline records,
    # by the area's leader (version 1 by its note-taker), and grows from version to version.
    people = {
        p["external_id"]: p["id"] for p in await fetch_all(client, "/people", programme_id=nf["id"])
    }
    deadlines = {d["id"]: d for d in await fetch_all(client, "/deadlines", programme_id=nf["id"])}
    projects = {p["code"]: p for p in await fetch_all(client, "/projects", programme_id=nf["id"])}
    for area in matrix["areas"]:
        key = codes[area["code"]]
        versions = await fetch_all(
            client, "/submission-versions", submission_id=area["submission_id"]
        )
        assert [v["label"] for v in versions] == ["1", "2", "3", "endelig"]
        lengths = []
        for version, (label, deadline_key, _) in zip(
            versions, nordre_follo_workbook.VERSIONS, strict=True
        ):
            deadline = deadlines[version["deadline_id"]]
            assert deadline["external_id"] == f"demo:nf:deadline:{key}:{deadline_key}"
            assert all(len(text) <= limits[s] for s, text in version["sections"].items())
            if version["status"] == "draft":
                assert (key, deadline["status"], version["files"]) == ("kultur", "open", [])
                continue
            lengths.append(sum(map(len, version["sections"].values())))
            assert deadline["status"] == "submitted"
            assert version["submitted_at"] == deadline["submitted_at"]
            assert version["recipient_id"] == deadline["recipient_id"]
            submitter = f"demo:nf:person:ref-{key}" if label == "1" else None
            assert version["submitted_by_id"] == (
                people[submitter] if submitter else projects[area["code"]]["leader_id"]
            )
            (chart,) = version["files"]
            assert (chart["attachment_key"], chart["content_type"]) == (
                "organisasjonskart",
                "application/pdf",
            )
            content = await client.get(f"{API}/files/{chart['file_id']}/content")
            assert content.status_code == 200
            assert content.content.startswith(b"%PDF-1.4") and content.content.rstrip().endswith(
                b"%%EOF"
            )
        assert lengths == sorted(lengths) and len(set(lengths)) == len(lengths), key
        if area["code"] == "VO1":
            compared = await client.get(
                f"{API}/submission-versions/compare",
                params={"from": versions[0]["id"], "to": versions[-1]["id"]},
            )
            assert [(s["key"], s["change"]) for s in compared.json()["sections"]] == [
                ("organisering", "changed"),
                ("ansvar", "added"),
                ("moteplasser", "added"),
                ("annet", "changed"),
            ]


async def test_final_decisions_became_final_on_the_day_they_were_decided(demo_client):
    """The demo's dates are fixed: no decision says it became final when the demo was loaded."""
    oslo = ZoneInfo("Europe/Oslo")
    final = [d for d in await fetch_all(demo_client, "/decisions") if d["status"] == "final"]
    assert final
    for decision in final:
        became = datetime.fromisoformat(decision["finalised_at"]).astimezone(oslo)
        assert became.date().isoformat() == decision["decided_on"], decision["title"]
