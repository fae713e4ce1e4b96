from tests.factories import API, make_person, make_programme, make_project


class TestCreatePerson:
    async def test_union_representative_keeps_the_union_in_its_own_field(self, client):
        programme = await make_programme(client)
        rep = await make_person(
            client,
            programme,
            affiliation="union_representative",
            union="Fagforbundet",
            title="Hovedtillitsvalgt",
        )
        assert rep["union"] == "Fagforbundet"

    async def test_only_union_representatives_have_a_union(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/people", json={"programme_id": programme["id"], "name": "Ola", "union": "Delta"}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/union"

    async def test_email_must_be_an_address(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/people", json={"programme_id": programme["id"], "name": "Ola", "email": "ola@"}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/email"

    async def test_municipality_must_take_part_in_the_programme(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/people",
            json={"programme_id": programme["id"], "name": "Ola", "municipality_number": "1001"},
        )
        assert r.status_code == 422
        assert "not one of the programme's municipalities" in r.json()["detail"]
        await make_person(client, programme, municipality_number="0217")

    async def test_name_has_a_length_limit(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/people", json={"programme_id": programme["id"], "name": "x" * 201}
        )
        assert r.status_code == 422


class TestListPeople:
    async def test_programmes_are_kept_apart(self, client):
        first, second = await make_programme(client), await make_programme(client)
        await make_person(client, first, name="Anne i første")
        await make_person(client, second, name="Berit i andre")
        r = await client.get(f"{API}/people", params={"programme_id": first["id"]})
        assert [p["name"] for p in r.json()["items"]] == ["Anne i første"]

    async def test_filter_by_affiliation_and_search(self, client):
        programme = await make_programme(client)
        await make_person(
            client, programme, name="Kari Verneombud", affiliation="safety_representative"
        )
        await make_person(client, programme, name="Per Politiker", affiliation="elected_official")
        r = await client.get(f"{API}/people", params={"affiliation": "elected_official"})
        assert [p["name"] for p in r.json()["items"]] == ["Per Politiker"]
        r = await client.get(f"{API}/people", params={"q": "verneombud"})
        assert [p["name"] for p in r.json()["items"]] == ["Kari Verneombud"]


class TestDeletePerson:
    async def test_person_leading_a_project_is_kept(self, client):
        programme = await make_programme(client)
        leader = await make_person(client, programme)
        await make_project(client, programme, leader_id=leader["id"])
        r = await client.delete(f"{API}/people/{leader['id']}")
        assert r.status_code == 409
        assert "still referred to" in r.json()["detail"]

    async def test_person_nobody_refers_to_is_deleted(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        assert (await client.delete(f"{API}/people/{person['id']}")).status_code == 204
