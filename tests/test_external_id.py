"""Finding records by the caller's own key: the `external_id` filter of every list and
`GET …/by-external-id/{external_id}`."""

from tests.factories import (
    API,
    make_involvement,
    make_person,
    make_programme,
    make_project,
    make_task,
)
from tests.test_problems import assert_problem


class TestListByExternalId:
    async def test_a_repeated_external_id_matches_any_of_them(self, client):
        programme = await make_programme(client)
        for key in ["hr:1", "hr:2", "hr:3"]:
            await make_person(client, programme, external_id=key)
        await make_person(client, programme)
        r = await client.get(
            f"{API}/people",
            params=[("external_id", "hr:1"), ("external_id", "hr:3"), ("external_id", "hr:9")],
        )
        assert r.status_code == 200, r.text
        assert sorted(p["external_id"] for p in r.json()["items"]) == ["hr:1", "hr:3"]

    async def test_tasks_filter_by_several_keys_too(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_task(client, project, external_id="sak:10")
        await make_task(client, project, external_id="sak:11")
        await make_task(client, project, external_id="sak:12")
        r = await client.get(
            f"{API}/tasks", params=[("external_id", "sak:12"), ("external_id", "sak:10")]
        )
        assert r.status_code == 200, r.text
        assert sorted(t["external_id"] for t in r.json()["items"]) == ["sak:10", "sak:12"]


class TestGetByExternalId:
    async def test_found_with_its_etag(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme, external_id="hr:1001")
        await make_person(client, programme, external_id="hr:1002")
        r = await client.get(
            f"{API}/people/by-external-id/hr:1001", params={"programme_id": programme["id"]}
        )
        assert r.status_code == 200, r.text
        assert r.json() == (await client.get(f"{API}/people/{person['id']}")).json()
        assert r.headers["ETag"] == f'"{person["version"]}"'

    async def test_a_key_no_record_has_is_404(self, client):
        programme = await make_programme(client)
        await make_person(client, programme, external_id="hr:1001")
        r = await client.get(
            f"{API}/people/by-external-id/hr:9999", params={"programme_id": programme["id"]}
        )
        assert_problem(r, 404, "not-found")

    async def test_the_same_key_in_two_programmes_is_found_only_in_its_own(self, client):
        ours, theirs = await make_programme(client), await make_programme(client)
        our_project = await make_project(client, ours, external_id="prosjekt:7")
        their_project = await make_project(client, theirs, external_id="prosjekt:7")
        r = await client.get(
            f"{API}/projects/by-external-id/prosjekt:7", params={"programme_id": theirs["id"]}
        )
        assert r.status_code == 200, r.text
        assert r.json()["id"] == their_project["id"]
        r = await client.get(
            f"{API}/projects/by-external-id/prosjekt:7", params={"programme_id": ours["id"]}
        )
        assert r.json()["id"] == our_project["id"]

    async def test_another_programmes_record_is_404_in_the_wrong_programme(self, client, accounts):
        ours, theirs = await make_programme(client), await make_programme(client)
        await make_project(client, theirs, external_id="prosjekt:8")
        editor = await accounts.role(ours, "editor")
        r = await editor.get(
            f"{API}/projects/by-external-id/prosjekt:8", params={"programme_id": ours["id"]}
        )
        assert_problem(r, 404, "not-found")
        # Naming their programme does not help a caller who has no role in it.
        r = await editor.get(
            f"{API}/projects/by-external-id/prosjekt:8", params={"programme_id": theirs["id"]}
        )
        assert_problem(r, 404, "not-found")

    async def test_an_observer_sees_an_involvement_as_get_shows_it(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        involvement = await make_involvement(
            client, programme, participant_ids=[person["id"]], external_id="medv:1"
        )
        url = f"{API}/involvements/by-external-id/medv:1"
        params = {"programme_id": programme["id"]}
        observer = await accounts.role(programme, "observer")
        r = await observer.get(url, params=params)
        assert r.status_code == 200, r.text
        assert r.json()["participant_ids"] == []
        assert r.json() == (await observer.get(f"{API}/involvements/{involvement['id']}")).json()
        member = await accounts.role(programme, "member", person)
        r = await member.get(url, params=params)
        assert r.status_code == 200, r.text
        assert r.json()["participant_ids"] == [person["id"]]

    async def test_a_programme_is_found_by_its_key_only_by_those_in_it(self, client, accounts):
        programme = await make_programme(client, external_id="kommune:3207")
        other = await make_programme(client)
        r = await client.get(f"{API}/programmes/by-external-id/kommune:3207")
        assert r.status_code == 200, r.text
        assert r.json()["id"] == programme["id"]
        outsider = await accounts.role(other, "programme_admin")
        r = await outsider.get(f"{API}/programmes/by-external-id/kommune:3207")
        assert_problem(r, 404, "not-found")

    async def test_without_programme_id_it_is_refused(self, client):
        programme = await make_programme(client)
        await make_person(client, programme, external_id="hr:1001")
        r = await client.get(f"{API}/people/by-external-id/hr:1001")
        body = assert_problem(r, 422, "validation")
        assert any("programme_id" in str(e) for e in body["errors"]), body

    async def test_its_etag_is_the_if_match_of_a_later_patch(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme, external_id="hr:1001")
        editor = await accounts.client(roles={programme["id"]: "editor"}, reads_etag=False)
        r = await editor.get(
            f"{API}/people/by-external-id/hr:1001", params={"programme_id": programme["id"]}
        )
        seen = r.headers["ETag"]
        url = f"{API}/people/{person['id']}"
        r = await editor.patch(url, json={"name": "Kari Nordmann"}, headers={"If-Match": seen})
        assert r.status_code == 200, r.text
        assert r.headers["ETag"] != seen
        r = await editor.patch(url, json={"name": "Kari Hansen"}, headers={"If-Match": seen})
        assert_problem(r, 412)
        r = await editor.get(
            f"{API}/people/by-external-id/hr:1001", params={"programme_id": programme["id"]}
        )
        assert r.json()["name"] == "Kari Nordmann"
