from tests.factories import API, make_person, make_programme, make_project


class TestCreateProgramme:
    async def test_text_round_trips_in_any_script(self, client):
        text = "Nær og nyskapende – Guovdageaidnu, Kárášjohka, 挪威, Ελλάδα"
        programme = await make_programme(client, vision=text)
        stored = (await client.get(f"{API}/programmes/{programme['id']}")).json()
        assert stored["vision"] == text

    async def test_ids_are_time_ordered_uuids_and_times_carry_an_offset(self, client):
        programme = await make_programme(client)
        assert programme["id"][14] == "7"
        assert programme["created_at"].endswith("Z") or "+" in programme["created_at"][-6:]

    async def test_target_before_start_is_refused(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={"name": "Feil", "starts_on": "2020-01-01", "target_on": "2019-01-01"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/target_on"

    async def test_municipality_listed_twice_is_refused(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={
                "name": "Dobbel",
                "municipalities": [
                    {"name": "Ski", "number": "0213"},
                    {"name": "Ski igjen", "number": "0213"},
                ],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/municipalities/1/number"

    async def test_kommunenummer_has_four_digits(self, client):
        r = await client.post(
            f"{API}/programmes",
            json={"name": "Feil", "municipalities": [{"name": "Ski", "number": "213"}]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/municipalities/0/number"

    async def test_external_id_is_unique(self, client):
        await make_programme(client, external_id="kommune:3020")
        r = await client.post(
            f"{API}/programmes", json={"name": "To", "external_id": "kommune:3020"}
        )
        assert r.status_code == 409
        assert r.json()["errors"] == [
            {"pointer": "/external_id", "code": "already_in_use", "detail": "already in use"}
        ]


class TestListProgrammes:
    async def test_filter_by_status_and_search(self, client):
        await make_programme(client, name="Nordre Follo 2020", status="completed")
        await make_programme(client, name="Nye Kristiansand", status="active")
        r = await client.get(f"{API}/programmes", params={"status": "completed"})
        assert [p["name"] for p in r.json()["items"]] == ["Nordre Follo 2020"]
        r = await client.get(f"{API}/programmes", params={"q": "kristiansand"})
        assert [p["name"] for p in r.json()["items"]] == ["Nye Kristiansand"]


class TestUpdateProgramme:
    async def test_merge_patch_changes_only_what_is_named(self, client):
        programme = await make_programme(client, description="Før")
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"description": None, "status": "completed"},
            headers={"content-type": "application/merge-patch+json"},
        )
        assert r.status_code == 200
        body = r.json()
        assert body["description"] is None
        assert body["status"] == "completed"
        assert body["name"] == programme["name"]
        assert body["municipalities"] == programme["municipalities"]

    async def test_null_for_a_required_field_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.patch(f"{API}/programmes/{programme['id']}", json={"name": None})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/name"


class TestDeleteProgramme:
    async def test_programme_holding_records_is_kept(self, client):
        programme = await make_programme(client)
        await make_project(client, programme)
        r = await client.delete(f"{API}/programmes/{programme['id']}")
        assert r.status_code == 409
        assert (await client.get(f"{API}/programmes/{programme['id']}")).status_code == 200

    async def test_empty_programme_is_deleted(self, client):
        programme = await make_programme(client)
        assert (await client.delete(f"{API}/programmes/{programme['id']}")).status_code == 204
        assert (await client.get(f"{API}/programmes/{programme['id']}")).status_code == 404

    async def test_person_of_the_programme_blocks_deletion_too(self, client):
        programme = await make_programme(client)
        await make_person(client, programme)
        assert (await client.delete(f"{API}/programmes/{programme['id']}")).status_code == 409


class TestHealth:
    async def test_live_and_ready(self, client):
        assert (await client.get(f"{API}/health")).json() == {"status": "ok"}
        assert (await client.get(f"{API}/health/ready")).json()["database"] == "ok"
