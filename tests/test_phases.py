from tests.factories import API, make_person, make_phase, make_programme, make_project


class TestCreatePhase:
    async def test_positions_follow_on_and_results_come_along(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        first = await make_phase(client, project, expected_results=["Mandat er utarbeidet"])
        second = await make_phase(client, project)
        assert (first["position"], second["position"]) == (1, 2)
        assert first["programme_id"] == programme["id"]
        assert [r["text"] for r in first["expected_results"]] == ["Mandat er utarbeidet"]

    async def test_unknown_project_is_refused(self, client):
        r = await client.post(
            f"{API}/phases",
            json={"project_id": "01930000-0000-7000-8000-000000000000", "name": "Oppstart"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/project_id"

    async def test_dates_in_order(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        r = await client.post(
            f"{API}/phases",
            json={
                "project_id": project["id"],
                "name": "Oppstart",
                "starts_on": "2018-09-01",
                "ends_on": "2018-01-01",
            },
        )
        assert r.status_code == 422

    async def test_templates_are_listed(self, client):
        templates = (await client.get(f"{API}/phase-templates")).json()
        assert templates[0]["key"] == "reorganisation-five-phases"
        assert len(templates[0]["phases"]) == 5


class TestExpectedResults:
    async def test_ticking_a_result_records_when_and_who(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        person = await make_person(client, programme)
        phase = await make_phase(client, project, expected_results=["Arbeidsplan er vedtatt"])
        result = phase["expected_results"][0]
        url = f"{API}/phases/{phase['id']}/expected-results/{result['id']}"
        r = await client.patch(url, json={"done": True, "done_by_id": person["id"]})
        assert r.status_code == 200
        assert r.json()["done_at"] is not None
        assert r.json()["done_by_id"] == person["id"]
        r = await client.patch(url, json={"done": False})
        assert (r.json()["done_at"], r.json()["done_by_id"]) == (None, None)

    async def test_done_by_someone_outside_the_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        project = await make_project(client, programme)
        phase = await make_phase(client, project)
        outsider = await make_person(client, other)
        r = await client.post(
            f"{API}/phases/{phase['id']}/expected-results",
            json={"text": "Mandat", "done": True, "done_by_id": outsider["id"]},
        )
        assert r.status_code == 422

    async def test_checklist_is_listed_in_order_and_filtered(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        phase = await make_phase(client, project, expected_results=["Én", "To"])
        url = f"{API}/phases/{phase['id']}/expected-results"
        await client.post(url, json={"text": "Tre", "done": True})
        items = (await client.get(url)).json()["items"]
        assert [(i["text"], i["position"]) for i in items] == [("Én", 1), ("To", 2), ("Tre", 3)]
        done = (await client.get(url, params={"done": "true"})).json()["items"]
        assert [i["text"] for i in done] == ["Tre"]
        phase_again = (await client.get(f"{API}/phases/{phase['id']}")).json()
        assert len(phase_again["expected_results"]) == 3

    async def test_result_of_another_phase_is_not_found(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        phase = await make_phase(client, project, expected_results=["Én"])
        other = await make_phase(client, project)
        result_id = phase["expected_results"][0]["id"]
        r = await client.get(f"{API}/phases/{other['id']}/expected-results/{result_id}")
        assert r.status_code == 404


class TestTickingInTheFuture:
    async def test_done_at_in_the_future_is_refused(self, client):
        project = await make_project(client, await make_programme(client))
        phase = await make_phase(client, project)
        r = await client.post(
            f"{API}/phases/{phase['id']}/expected-results",
            json={"text": "Mandat", "done": True, "done_at": "2999-01-01T00:00:00Z"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/done_at"


class TestPhaseGate:
    async def _phases(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, phase_template="reorganisation-five-phases")
        r = await client.get(f"{API}/phases", params={"project_id": project["id"]})
        return r.json()["items"]

    async def test_a_phase_with_open_results_cannot_be_completed(self, client):
        first = (await self._phases(client))[0]
        url = f"{API}/phases/{first['id']}"
        r = await client.patch(url, json={"status": "completed"})
        assert r.status_code == 409
        assert "3 expected result(s)" in r.json()["detail"]
        assert "Mandat er utarbeidet" in r.json()["detail"]
        stored = (await client.get(url)).json()
        assert (stored["status"], stored["version"]) == ("not_started", first["version"])

    async def test_met_or_waived_results_let_it_close_and_the_next_phase_starts(self, client):
        first, second, *_ = await self._phases(client)
        results = f"{API}/phases/{first['id']}/expected-results"
        one, two, three = first["expected_results"]
        await client.patch(f"{results}/{one['id']}", json={"done": True})
        await client.patch(f"{results}/{two['id']}", json={"done": True})
        r = await client.patch(f"{results}/{three['id']}", json={"waived": True})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/waived_reason"
        r = await client.patch(
            f"{results}/{three['id']}",
            json={
                "waived": True,
                "waived_reason": "Arbeidsplanen vedtas i styringsgruppen i fase 2",
            },
        )
        assert r.json()["waived"] is True
        r = await client.patch(f"{API}/phases/{first['id']}", json={"status": "completed"})
        assert r.status_code == 200, r.text
        assert r.json()["completed_at"] is not None
        assert r.json()["completed_by_id"] is not None
        nxt = (await client.get(f"{API}/phases/{second['id']}")).json()
        assert nxt["status"] == "active"

    async def test_reopening_clears_who_completed_it(self, client):
        first = (await self._phases(client))[0]
        for result in first["expected_results"]:
            await client.patch(
                f"{API}/phases/{first['id']}/expected-results/{result['id']}", json={"done": True}
            )
        url = f"{API}/phases/{first['id']}"
        await client.patch(url, json={"status": "completed"})
        r = await client.patch(url, json={"status": "active"})
        assert (r.json()["completed_at"], r.json()["completed_by_id"]) == (None, None)
