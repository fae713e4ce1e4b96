from tests.factories import (
    API,
    make_group,
    make_member,
    make_person,
    make_phase,
    make_programme,
    make_project,
)

THREE = [
    {"name": "Kristiansand", "number": "1001"},
    {"name": "Songdalen", "number": "1017"},
    {"name": "Søgne", "number": "1018"},
]


async def items(client, path: str, **params) -> list[dict]:
    r = await client.get(f"{API}{path}", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


class TestListProgrammeTemplates:
    async def test_merger_and_reorganisation_are_offered(self, client):
        r = await client.get(f"{API}/programme-templates")
        assert r.status_code == 200
        by_key = {t["key"]: t for t in r.json()}
        assert set(by_key) == {"merger", "reorganisation"}
        merger = by_key["merger"]
        assert [p["code"] for p in merger["projects"]] == [f"A{i}" for i in range(1, 9)]
        assert all(p["groups"][0]["kind"] == "project_board" for p in merger["projects"])
        assert merger["phase_template"] == "reorganisation-five-phases"

    async def test_needs_a_token(self, accounts):
        r = await accounts.anonymous().get(f"{API}/programme-templates")
        assert r.status_code == 401


class TestCreateFromTemplate:
    async def test_merger_makes_eight_projects_with_boards_and_five_phases(self, client):
        programme = await make_programme(client, municipalities=THREE, template="merger")
        pid = programme["id"]
        projects = await items(client, "/projects", programme_id=pid)
        assert [p["name"] for p in projects] == [
            "Oppvekst og utdanning",
            "Helse, omsorg og forvaltning",
            "Helse, sosial, NAV og forebygging",
            "Teknisk, klima, miljø og eiendom",
            "Kultur, idrett og fritid",
            "Digitalisering",
            "Økonomi og eierskap",
            "Administrasjon og ledelse",
        ]
        assert [p["code"] for p in projects if p["concerns_nav"]] == ["A2", "A3"]
        assert {p["category"] for p in projects} == {"administrative"}
        groups = await items(client, "/groups", programme_id=pid)
        boards = [g for g in groups if g["kind"] == "project_board"]
        assert sorted(g["project_id"] for g in boards) == sorted(p["id"] for p in projects)
        assert {g["kind"] for g in groups if g["project_id"] is None} == {
            "joint_committee",
            "joint_consultative_committee",
        }
        phases = await items(client, "/phases", project_id=projects[0]["id"])
        assert [p["name"] for p in phases] == [
            "Oppstart",
            "Utarbeide kunnskapsgrunnlag",
            "Forslag til modell utarbeides og vedtas",
            "Gjennomføring",
            "Evaluere og tilpasse",
        ]
        # Nothing of anyone's: the boards are empty.
        assert await items(client, "/people", programme_id=pid) == []
        for board in boards:
            assert await items(client, f"/groups/{board['id']}/members") == []

    async def test_compliance_sees_the_empty_boards(self, client):
        programme = await make_programme(client, municipalities=THREE, template="merger")
        report = (
            await client.get(
                f"{API}/programmes/{programme['id']}/compliance", params={"include": "findings"}
            )
        ).json()
        assert len(report["projects"]) == 8
        rules_of_a1 = {f["rule"] for f in report["projects"][0]["findings"]}
        assert {"board-municipalities", "board-union-representative"} <= rules_of_a1
        nav_rules = {f["rule"] for p in report["projects"][1:3] for f in p["findings"]}
        assert "board-nav" in nav_rules

    async def test_reorganisation_makes_one_project_with_steering_and_working_group(self, client):
        programme = await make_programme(client, template="reorganisation")
        projects = await items(client, "/projects", programme_id=programme["id"])
        assert len(projects) == 1
        groups = await items(client, "/groups", programme_id=programme["id"])
        assert sorted(g["kind"] for g in groups) == ["steering_group", "working_group"]
        assert {g["project_id"] for g in groups} == {projects[0]["id"]}
        phases = await items(client, "/phases", project_id=projects[0]["id"])
        assert len(phases) == 5

    async def test_each_record_made_is_in_the_audit_trail(self, client):
        programme = await make_programme(client, municipalities=THREE, template="merger")
        events = await items(client, "/audit-events", programme_id=programme["id"], action="create")
        kinds = [e["record_type"] for e in events]
        assert kinds.count("programme") == 1
        assert kinds.count("project") == 8
        assert kinds.count("group") == 10

    async def test_an_unknown_template_is_refused(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "X", "template": "fusjon"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/template"

    async def test_update_knows_no_template(self, client):
        programme = await make_programme(client)
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"template": "merger"},
            headers={"If-Match": f'"{programme["version"]}"'},
        )
        assert r.status_code == 422

    async def test_a_failing_template_leaves_nothing_behind(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={
                "name": "Halvferdig",
                "template": "merger",
                "municipalities": [{"name": "Ski", "number": "9998"}],
            },
        )
        assert r.status_code == 422
        assert await items(client, "/programmes", q="Halvferdig") == []

    async def test_only_a_system_administrator_creates_one(self, client, accounts):
        programme = await make_programme(client)
        admin = await accounts.role(programme, "programme_admin")
        r = await admin.post(f"{API}/programmes", json={"name": "Ny", "template": "merger"})
        assert r.status_code == 403
        assert await items(client, "/programmes", q="Ny") == []


class TestCopyProgramme:
    async def test_copies_structure_without_people_or_records(self, client):
        source = await make_programme(client)
        person = await make_person(client, source)
        project = await make_project(
            client,
            source,
            code="A1",
            name="Oppvekst",
            concerns_nav=True,
            leader_id=person["id"],
            leader_allocation_percent=80,
        )
        phase = await make_phase(
            client, project, name="Kartlegging", expected_results=["Rapport levert"]
        )
        await client.patch(
            f"{API}/phases/{phase['id']}",
            json={"status": "active"},
            headers={"If-Match": f'"{phase["version"]}"'},
        )
        board = await make_group(
            client, source, kind="project_board", project_id=project["id"], name="Styre"
        )
        await make_group(client, source, kind="joint_committee", name="Fellesnemnda")
        await make_member(client, board, person)
        r = await client.post(
            f"{API}/group-criteria",
            json={
                "programme_id": source["id"],
                "group_kind": "work_team",
                "purpose": "setup",
                "title": "Minst to fagområder",
            },
        )
        assert r.status_code == 201, r.text

        copy = await make_programme(client, name="Kopi", copy_from_programme_id=source["id"])
        cid = copy["id"]
        [copied] = await items(client, "/projects", programme_id=cid)
        assert (copied["code"], copied["name"], copied["concerns_nav"]) == ("A1", "Oppvekst", True)
        assert copied["leader_id"] is None and copied["leader_allocation_percent"] is None
        [copied_phase] = await items(client, "/phases", project_id=copied["id"])
        assert copied_phase["name"] == "Kartlegging"
        assert copied_phase["status"] == "not_started"
        results = await items(client, f"/phases/{copied_phase['id']}/expected-results")
        assert [(x["text"], x["done"]) for x in results] == [("Rapport levert", False)]
        groups = {g["name"]: g for g in await items(client, "/groups", programme_id=cid)}
        assert set(groups) == {"Styre", "Fellesnemnda"}
        assert groups["Styre"]["project_id"] == copied["id"]
        assert await items(client, f"/groups/{groups['Styre']['id']}/members") == []
        assert await items(client, "/people", programme_id=cid) == []
        criteria = await items(client, "/group-criteria", programme_id=cid)
        assert [c["title"] for c in criteria] == ["Minst to fagområder"]
        # The source is untouched.
        assert len(await items(client, "/projects", programme_id=source["id"])) == 1

    async def test_template_and_copy_together_are_refused(self, client):
        source = await make_programme(client)
        r = await client.post(
            f"{API}/programmes",
            json={"name": "Begge", "template": "merger", "copy_from_programme_id": source["id"]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/copy_from_programme_id"
        assert r.json()["errors"][0]["code"] == "template_and_copy"

    async def test_an_unknown_source_is_refused(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={"name": "Kopi", "copy_from_programme_id": "0193a0e4-7c1e-7000-8000-000000000009"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
