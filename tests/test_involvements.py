from datetime import date, timedelta

from tests.factories import (
    API,
    make_involvement,
    make_person,
    make_programme,
    make_project,
)


class TestRecordInvolvement:
    async def test_who_how_when_what_was_said_and_what_came_of_it(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        reps = [
            await make_person(client, programme, affiliation="union_representative")
            for _ in range(2)
        ]
        involvement = await make_involvement(
            client,
            programme,
            project_id=project["id"],
            stakeholder_kind="union_representatives",
            form="consultation",
            participant_ids=[r["id"] for r in reps],
            head_count=None,
            statements="Ønsker tydeligere ledernivåer",
            outcome="Tatt inn i høringsforslaget",
            documents=[
                {"title": "Protokoll", "reference": "18/01234-5"},
                {"title": "Notat", "url": "https://example.kommune.no/notat.pdf"},
            ],
        )
        assert sorted(involvement["participant_ids"]) == sorted(r["id"] for r in reps)
        assert involvement["documents"][1]["url"] == "https://example.kommune.no/notat.pdf"
        assert involvement["archived_at"] is None

    async def test_needs_participants_or_a_head_count(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/involvements",
            json={
                "programme_id": programme["id"],
                "matter": "X",
                "stakeholder_kind": "employees",
                "form": "survey",
                "occurred_on": "2018-09-06",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/participant_ids"

    async def test_participants_from_another_programme_are_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        ours, theirs = await make_person(client, programme), await make_person(client, other)
        r = await client.post(
            f"{API}/involvements",
            json={
                "programme_id": programme["id"],
                "matter": "X",
                "stakeholder_kind": "employees",
                "form": "workshop",
                "occurred_on": "2018-09-06",
                "participant_ids": [ours["id"], theirs["id"]],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/participant_ids/1"

    async def test_cannot_be_recorded_before_it_happens(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/involvements",
            json={
                "programme_id": programme["id"],
                "matter": "X",
                "stakeholder_kind": "users",
                "form": "hearing",
                "occurred_on": str(date.today() + timedelta(days=3)),
                "head_count": 10,
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/occurred_on"


class TestUpdateInvolvement:
    async def test_participants_are_replaced_and_the_version_grows(self, client):
        programme = await make_programme(client)
        a, b = await make_person(client, programme), await make_person(client, programme)
        involvement = await make_involvement(client, programme, participant_ids=[a["id"]])
        r = await client.patch(
            f"{API}/involvements/{involvement['id']}", json={"participant_ids": [b["id"]]}
        )
        assert r.json()["participant_ids"] == [b["id"]]
        assert r.json()["version"] == involvement["version"] + 1


class TestArchiveInvolvement:
    async def test_delete_archives_and_keeps_the_record(self, client):
        programme = await make_programme(client)
        involvement = await make_involvement(client, programme)
        url = f"{API}/involvements/{involvement['id']}"
        assert (await client.delete(url)).status_code == 204
        kept = (await client.get(url)).json()
        assert kept["archived_at"] is not None
        current = (await client.get(f"{API}/involvements")).json()["items"]
        assert current == []
        archived = (await client.get(f"{API}/involvements", params={"archived": "true"})).json()
        assert [i["id"] for i in archived["items"]] == [involvement["id"]]

    async def test_archived_record_cannot_be_changed(self, client):
        programme = await make_programme(client)
        involvement = await make_involvement(client, programme)
        url = f"{API}/involvements/{involvement['id']}"
        await client.delete(url)
        r = await client.patch(url, json={"outcome": "Endret i ettertid"})
        assert r.status_code == 409
        assert (await client.get(url)).json()["outcome"] is None

    async def test_person_who_took_part_cannot_be_deleted(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        await make_involvement(client, programme, participant_ids=[person["id"]])
        assert (await client.delete(f"{API}/people/{person['id']}")).status_code == 409


class TestListInvolvements:
    async def test_filters_by_kind_form_project_and_period(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_involvement(
            client,
            programme,
            matter="A",
            stakeholder_kind="employees",
            form="information",
            occurred_on="2018-09-06",
        )
        await make_involvement(
            client,
            programme,
            matter="B",
            stakeholder_kind="safety_representatives",
            form="consultation",
            occurred_on="2018-10-11",
            project_id=project["id"],
        )
        matters = lambda r: [i["matter"] for i in r.json()["items"]]  # noqa: E731
        url = f"{API}/involvements"
        assert matters(await client.get(url)) == ["B", "A"]
        assert matters(
            await client.get(url, params={"stakeholder_kind": "safety_representatives"})
        ) == ["B"]
        assert matters(await client.get(url, params={"form": "information"})) == ["A"]
        assert matters(await client.get(url, params={"project_id": project["id"]})) == ["B"]
        assert matters(await client.get(url, params={"occurred_before": "2018-09-30"})) == ["A"]
        assert matters(await client.get(url, params={"occurred_after": "2018-09-07"})) == ["B"]
