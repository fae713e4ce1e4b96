from tests.factories import (
    API,
    make_decision,
    make_group,
    make_member,
    make_person,
    make_programme,
    make_project,
)


class TestCreateGroup:
    async def test_project_board_belongs_to_a_project_of_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        foreign = await make_project(client, other)
        r = await client.post(
            f"{API}/groups",
            json={
                "programme_id": programme["id"],
                "project_id": foreign["id"],
                "kind": "project_board",
                "name": "Prosjektstyre",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/project_id"

    async def test_unknown_kind_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/groups",
            json={"programme_id": programme["id"], "kind": "book_club", "name": "X"},
        )
        assert r.status_code == 422

    async def test_group_mandate_follows_the_same_steps(self, client):
        programme = await make_programme(client)
        group = await make_group(
            client,
            programme,
            kind="three_party_forum",
            mandate_text="Fornyelse gjennom trepartssamarbeid",
        )
        url = f"{API}/groups/{group['id']}"
        assert (await client.patch(url, json={"mandate_status": "approved"})).status_code == 422
        assert (await client.patch(url, json={"mandate_status": "proposed"})).status_code == 200
        r = await client.patch(url, json={"mandate_status": "approved"})
        assert r.json()["errors"][0]["pointer"] == "/mandate_decision_id"
        draft = await make_decision(client, programme, status="draft")
        r = await client.patch(
            url, json={"mandate_status": "approved", "mandate_decision_id": draft["id"]}
        )
        assert r.json()["errors"][0]["detail"] == "the decision is not final yet"
        approval = await make_decision(client, programme, title=f"Mandat for {group['name']}")
        r = await client.patch(
            url, json={"mandate_status": "approved", "mandate_decision_id": approval["id"]}
        )
        assert r.status_code == 200
        assert r.json()["mandate_decision_id"] == approval["id"]
        r = await client.get(f"{API}/groups", params={"mandate_decision_id": approval["id"]})
        assert [g["id"] for g in r.json()["items"]] == [group["id"]]
        r = await client.get(f"{API}/groups", params={"mandate_decision_id": draft["id"]})
        assert r.json()["items"] == []


class TestListGroups:
    async def test_filter_by_kind_and_project(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_group(
            client, programme, kind="project_board", project_id=project["id"], name="Styret"
        )
        await make_group(client, programme, kind="three_party_forum", name="Trepart")
        r = await client.get(f"{API}/groups", params={"kind": "three_party_forum"})
        assert [g["name"] for g in r.json()["items"]] == ["Trepart"]
        r = await client.get(f"{API}/groups", params={"project_id": project["id"]})
        assert [g["name"] for g in r.json()["items"]] == ["Styret"]


class TestGroupMembers:
    async def test_add_list_and_filter_members(self, client):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum")
        for party in ["politicians", "administration", "employees"]:
            person = await make_person(client, programme)
            await make_member(
                client,
                forum,
                person,
                party=party,
                municipality_number="0213",
                allocation_percent=10,
            )
        members = (await client.get(f"{API}/groups/{forum['id']}/members")).json()["items"]
        assert sorted(m["party"] for m in members) == ["administration", "employees", "politicians"]
        r = await client.get(f"{API}/groups/{forum['id']}/members", params={"party": "employees"})
        assert len(r.json()["items"]) == 1

    async def test_member_from_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        group = await make_group(client, programme)
        outsider = await make_person(client, other)
        r = await client.post(
            f"{API}/groups/{group['id']}/members",
            json={"person_id": outsider["id"], "party": "employees"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/person_id"

    async def test_membership_dates_in_order_and_allocation_a_percentage(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        person = await make_person(client, programme)
        url = f"{API}/groups/{group['id']}/members"
        r = await client.post(
            url,
            json={
                "person_id": person["id"],
                "party": "employees",
                "starts_on": "2018-09-01",
                "ends_on": "2018-08-01",
            },
        )
        assert r.status_code == 422
        r = await client.post(
            url, json={"person_id": person["id"], "party": "employees", "allocation_percent": -5}
        )
        assert r.status_code == 422

    async def test_member_is_reached_only_through_its_own_group(self, client):
        programme = await make_programme(client)
        group, other_group = (
            await make_group(client, programme),
            await make_group(client, programme),
        )
        member = await make_member(client, group, await make_person(client, programme))
        assert (
            await client.get(f"{API}/groups/{group['id']}/members/{member['id']}")
        ).status_code == 200
        assert (
            await client.get(f"{API}/groups/{other_group['id']}/members/{member['id']}")
        ).status_code == 404
        assert (
            await client.get(f"{API}/groups/01930000-0000-7000-8000-000000000000/members")
        ).status_code == 404

    async def test_update_and_remove_a_member(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        member = await make_member(client, group, await make_person(client, programme))
        url = f"{API}/groups/{group['id']}/members/{member['id']}"
        r = await client.patch(url, json={"role": "chair"}, headers={"If-Match": '"1"'})
        assert r.json()["role"] == "chair"
        assert (await client.delete(url, headers={"If-Match": '"1"'})).status_code == 412
        assert (await client.delete(url)).status_code == 204
        assert (await client.get(url)).status_code == 404

    async def test_deleting_a_group_removes_its_memberships(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        person = await make_person(client, programme)
        await make_member(client, group, person)
        assert (await client.delete(f"{API}/groups/{group['id']}")).status_code == 204
        assert (await client.delete(f"{API}/people/{person['id']}")).status_code == 204


class TestNoDoubleSeats:
    async def test_same_person_and_role_twice_at_once_is_refused(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        person = await make_person(client, programme)
        await make_member(client, group, person, starts_on="2018-01-01")
        r = await client.post(
            f"{API}/groups/{group['id']}/members",
            json={"person_id": person["id"], "party": "employees"},
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["pointer"] == "/person_id"

    async def test_a_new_seat_may_follow_one_that_ended(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        person = await make_person(client, programme)
        await make_member(client, group, person, starts_on="2018-01-01", ends_on="2018-06-30")
        await make_member(client, group, person, starts_on="2018-07-01")
        await make_member(client, group, person, role="chair")
