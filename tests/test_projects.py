from tests.factories import (
    API,
    make_decision,
    make_group,
    make_person,
    make_programme,
    make_project,
    make_task,
)


class TestCreateProject:
    async def test_leader_of_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        outsider = await make_person(client, other)
        r = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A1",
                "name": "Oppvekst",
                "leader_id": outsider["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"] == [
            {
                "pointer": "/leader_id",
                "code": "unknown_reference",
                "detail": "no person with this id in the programme",
            }
        ]

    async def test_unknown_programme_is_refused(self, client):
        r = await client.post(
            f"{API}/projects",
            json={"programme_id": "01930000-0000-7000-8000-000000000000", "code": "A", "name": "X"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/programme_id"

    async def test_same_code_in_two_programmes_is_fine(self, client):
        first, second = await make_programme(client), await make_programme(client)
        await make_project(client, first, code="A1/2")
        await make_project(client, second, code="A1/2")

    async def test_allocation_is_a_percentage(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme)
        r = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A",
                "name": "X",
                "leader_id": leader["id"],
                "leader_allocation_percent": 120,
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/leader_allocation_percent"

    async def test_allocation_without_a_leader_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A",
                "name": "X",
                "leader_allocation_percent": 80,
            },
        )
        assert r.status_code == 422

    async def test_health_other_than_on_track_needs_an_explanation(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/projects",
            json={"programme_id": programme["id"], "code": "A", "name": "X", "health": "at_risk"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/health_explanation"
        await make_project(
            client,
            programme,
            health="at_risk",
            health_explanation="Prosjektleder mangler fra november",
        )

    async def test_ends_before_it_starts_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A",
                "name": "X",
                "starts_on": "2018-10-01",
                "ends_on": "2018-09-01",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/ends_on"

    async def test_five_phase_template_gives_the_phases_of_the_guide(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, phase_template="reorganisation-five-phases")
        phases = (await client.get(f"{API}/phases", params={"project_id": project["id"]})).json()
        assert [p["name"] for p in phases["items"]] == [
            "Oppstart",
            "Utarbeide kunnskapsgrunnlag",
            "Forslag til modell utarbeides og vedtas",
            "Gjennomføring",
            "Evaluere og tilpasse",
        ]
        first = phases["items"][0]
        assert len(first["activities"]) == 5
        assert [r["text"] for r in first["expected_results"]][1] == "Mandat er utarbeidet"
        assert all(r["done"] is False for r in first["expected_results"])

    async def test_unknown_template_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A",
                "name": "X",
                "phase_template": "nope",
            },
        )
        assert r.status_code == 422


class TestProjectMandate:
    async def test_board_proposes_then_the_committee_approves(self, client):
        programme = await make_programme(client)
        chair = await make_person(client, programme)
        project = await make_project(client, programme)
        url = f"{API}/projects/{project['id']}"
        r = await client.patch(url, json={"mandate_status": "proposed"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/mandate_text"
        r = await client.patch(
            url,
            json={"mandate_status": "proposed", "mandate_text": "Foreslå organisering av oppvekst"},
        )
        assert r.status_code == 200
        r = await client.patch(
            url, json={"mandate_status": "approved", "mandate_approved_by_id": chair["id"]}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/mandate_decision_id"
        committee = await make_group(client, programme, kind="joint_committee")
        approval = await make_decision(
            client, programme, body_group_id=committee["id"], project_id=project["id"]
        )
        r = await client.patch(
            url,
            json={
                "mandate_status": "approved",
                "mandate_approved_by_id": chair["id"],
                "mandate_decision_id": approval["id"],
            },
        )
        assert r.status_code == 200
        assert r.json()["mandate_approved_at"] is not None
        assert r.json()["mandate_approved_by_id"] == chair["id"]
        assert r.json()["mandate_decision_id"] == approval["id"]
        # The decision answers which mandates it approved.
        await make_project(client, programme)
        r = await client.get(f"{API}/projects", params={"mandate_decision_id": approval["id"]})
        assert [p["id"] for p in r.json()["items"]] == [project["id"]]

    async def test_draft_cannot_jump_to_approved(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, mandate_text="Tekst")
        r = await client.patch(
            f"{API}/projects/{project['id']}", json={"mandate_status": "approved"}
        )
        assert r.status_code == 422
        assert "proposed before it is approved" in r.json()["detail"]

    async def test_reopening_clears_the_approval(self, client):
        programme = await make_programme(client)
        project = await make_project(
            client, programme, mandate_text="Tekst", mandate_status="proposed"
        )
        url = f"{API}/projects/{project['id']}"
        approval = await make_decision(client, programme, project_id=project["id"])
        r = await client.patch(
            url, json={"mandate_status": "approved", "mandate_decision_id": approval["id"]}
        )
        assert r.status_code == 200
        r = await client.patch(url, json={"mandate_status": "draft"})
        assert (r.json()["mandate_approved_at"], r.json()["mandate_decision_id"]) == (None, None)


class TestListProjects:
    async def test_filters(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme)
        await make_project(client, programme, code="A1", category="political")
        await make_project(client, programme, code="A2", leader_id=leader["id"], concerns_nav=True)
        items = lambda r: [p["code"] for p in r.json()["items"]]  # noqa: E731
        base = {"programme_id": programme["id"]}
        assert items(
            await client.get(f"{API}/projects", params=base | {"category": "political"})
        ) == ["A1"]
        assert items(
            await client.get(f"{API}/projects", params=base | {"leader_id": leader["id"]})
        ) == ["A2"]
        assert items(
            await client.get(f"{API}/projects", params=base | {"concerns_nav": "true"})
        ) == ["A2"]
        assert items(await client.get(f"{API}/projects", params=base | {"sort": "-code"})) == [
            "A2",
            "A1",
        ]


class TestDeleteProject:
    async def test_project_with_tasks_is_kept(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_task(client, project)
        assert (await client.delete(f"{API}/projects/{project['id']}")).status_code == 409

    async def test_project_with_a_board_is_kept(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_group(client, programme, project_id=project["id"], kind="project_board")
        assert (await client.delete(f"{API}/projects/{project['id']}")).status_code == 409

    async def test_phases_go_with_the_project(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, phase_template="reorganisation-five-phases")
        assert (await client.delete(f"{API}/projects/{project['id']}")).status_code == 204
        phases = (await client.get(f"{API}/phases", params={"project_id": project["id"]})).json()
        assert phases["items"] == []
