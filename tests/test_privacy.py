"""Personal data: the union field, involvement names, export and erasure."""

from tests.factories import (
    API,
    make_group,
    make_involvement,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_task,
)

ANY_VERSION = {"If-Match": "*"}


async def _union_rep(client):
    programme = await make_programme(client)
    rep = await make_person(
        client,
        programme,
        name="Tone Tillitsvalgt",
        affiliation="union_representative",
        union="Fagforbundet",
    )
    return programme, rep


class TestUnionMembership:
    async def test_admins_see_the_union_and_the_read_is_logged(self, client, accounts):
        programme, rep = await _union_rep(client)
        admin = await accounts.role(programme, "programme_admin")
        assert (await admin.get(f"{API}/people/{rep['id']}")).json()["union"] == "Fagforbundet"
        events = (
            await client.get(
                f"{API}/audit-events",
                params={"record_id": rep["id"], "action": "read_special_category"},
            )
        ).json()["items"]
        assert events and events[0]["after"] == {"fields": ["union"]}

    async def test_editors_and_observers_do_not_see_it(self, client, accounts):
        programme, rep = await _union_rep(client)
        for role in ("editor", "observer", "member"):
            http = await accounts.role(programme, role)
            assert (await http.get(f"{API}/people/{rep['id']}")).json()["union"] is None
            listed = (await http.get(f"{API}/people")).json()["items"]
            assert [p["union"] for p in listed] == [None]
            assert "Fagforbundet" not in (await http.get(f"{API}/people")).text

    async def test_the_person_sees_their_own(self, client, accounts):
        programme, rep = await _union_rep(client)
        me = await accounts.role(programme, "observer", person=rep)
        assert (await me.get(f"{API}/people/{rep['id']}")).json()["union"] == "Fagforbundet"


class TestInvolvementNames:
    async def test_observers_see_kinds_and_counts_members_see_names(self, client, accounts):
        programme = await make_programme(client)
        people = [await make_person(client, programme) for _ in range(3)]
        involvement = await make_involvement(
            client, programme, participant_ids=[p["id"] for p in people]
        )
        observer = await accounts.role(programme, "observer")
        seen = (await observer.get(f"{API}/involvements")).json()["items"][0]
        assert seen["participant_ids"] == []
        assert seen["participant_count"] == 3
        assert seen["stakeholder_kind"] == "employees"
        single = (await observer.get(f"{API}/involvements/{involvement['id']}")).json()
        assert single["participant_ids"] == []
        member = await accounts.role(programme, "member")
        seen = (await member.get(f"{API}/involvements")).json()["items"][0]
        assert len(seen["participant_ids"]) == 3


class TestExport:
    async def test_export_holds_everything_about_the_person(self, client):
        programme, rep = await _union_rep(client)
        project = await make_project(client, programme, leader_id=rep["id"])
        group = await make_group(client, programme)
        await make_member(client, group, rep)
        await make_task(client, project, assignee_id=rep["id"])
        await make_involvement(client, programme, participant_ids=[rep["id"]])
        export = (await client.get(f"{API}/people/{rep['id']}/export")).json()
        assert export["person"]["union"] == "Fagforbundet"
        assert [
            len(export[k]) for k in ("group_memberships", "projects", "tasks", "involvements")
        ] == [1, 1, 1, 1]
        assert export["audit_events"][0]["action"] == "create"

    async def test_an_observers_own_export_names_no_other_participant(self, client, accounts):
        programme, rep = await _union_rep(client)
        others = [
            await make_person(client, programme, affiliation="union_representative")
            for _ in range(2)
        ]
        names = [rep["id"], *(p["id"] for p in others)]
        involvement = await make_involvement(client, programme, participant_ids=names)
        me = await accounts.role(programme, "observer", person=rep)

        r = await me.get(f"{API}/people/{rep['id']}/export")
        assert r.status_code == 200, r.text
        [exported] = r.json()["involvements"]
        read = (await me.get(f"{API}/involvements/{involvement['id']}")).json()
        assert exported["participant_ids"] == read["participant_ids"] == []
        assert exported["participant_count"] == read["participant_count"] == 3
        for other in others:
            assert other["id"] not in r.text

    async def test_an_administrators_export_names_the_participants(self, client):
        programme, rep = await _union_rep(client)
        other = await make_person(client, programme)
        await make_involvement(client, programme, participant_ids=[rep["id"], other["id"]])
        export = (await client.get(f"{API}/people/{rep['id']}/export")).json()
        assert sorted(export["involvements"][0]["participant_ids"]) == sorted(
            [rep["id"], other["id"]]
        )

    async def test_only_admins_and_the_person_may_export(self, client, accounts):
        programme, rep = await _union_rep(client)
        editor = await accounts.role(programme, "editor")
        assert (await editor.get(f"{API}/people/{rep['id']}/export")).status_code == 403
        me = await accounts.role(programme, "observer", person=rep)
        assert (await me.get(f"{API}/people/{rep['id']}/export")).status_code == 200


class TestErase:
    async def test_erasure_keeps_every_count_and_leaves_the_name_nowhere(self, client):
        programme, rep = await _union_rep(client)
        project = await make_project(client, programme, leader_id=rep["id"])
        group = await make_group(client, programme)
        await make_member(client, group, rep)
        await make_task(client, project, assignee_id=rep["id"])
        involvement = await make_involvement(client, programme, participant_ids=[rep["id"]])
        await client.patch(f"{API}/people/{rep['id']}", json={"title": "Hovedtillitsvalgt"})

        async def counts():
            return (
                len((await client.get(f"{API}/groups/{group['id']}/members")).json()["items"]),
                (await client.get(f"{API}/involvements/{involvement['id']}")).json()[
                    "participant_count"
                ],
                len(
                    (await client.get(f"{API}/tasks", params={"assignee_id": rep["id"]})).json()[
                        "items"
                    ]
                ),
            )

        before = await counts()
        r = await client.post(f"{API}/people/{rep['id']}/erase", headers=ANY_VERSION)
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Anonymisert person"
        assert r.json()["erased_at"] is not None
        assert await counts() == before == (1, 1, 1)

        answers = [
            await client.get(f"{API}/people/{rep['id']}"),
            await client.get(f"{API}/people"),
            await client.get(f"{API}/people/{rep['id']}/export"),
            await client.get(f"{API}/audit-events", params={"limit": 500}),
            await client.get(f"{API}/involvements"),
            await client.get(f"{API}/groups/{group['id']}/members"),
            await client.get(f"{API}/projects/{project['id']}"),
        ]
        for answer in answers:
            assert answer.status_code == 200
            for secret in ("Tone Tillitsvalgt", "Fagforbundet", rep["email"]):
                assert secret not in answer.text, (answer.url, secret)

    async def test_erasure_is_for_programme_admins_and_happens_once(self, client, accounts):
        programme, rep = await _union_rep(client)
        editor = await accounts.role(programme, "editor")
        assert (
            await editor.post(f"{API}/people/{rep['id']}/erase", headers=ANY_VERSION)
        ).status_code == 403
        assert (
            await client.post(f"{API}/people/{rep['id']}/erase", headers=ANY_VERSION)
        ).status_code == 200
        assert (
            await client.post(f"{API}/people/{rep['id']}/erase", headers=ANY_VERSION)
        ).status_code == 409
