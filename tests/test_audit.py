"""The audit trail: who, when, how, which record, before and after; nothing can alter it."""

from tests.factories import API, make_person, make_programme, make_project
from tests.world import operations


class TestAuditTrail:
    async def test_a_change_is_recorded_with_before_and_after(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, name="Før")
        await client.patch(f"{API}/projects/{project['id']}", json={"name": "Etter"})
        await client.delete(f"{API}/projects/{project['id']}")
        events = (
            await client.get(
                f"{API}/audit-events", params={"record_id": project["id"], "sort": "occurred_at"}
            )
        ).json()["items"]
        assert [e["action"] for e in events] == ["create", "update", "delete"]
        create, update, delete = events
        assert create["before"] is None and create["after"]["name"] == "Før"
        assert (update["before"]["name"], update["after"]["name"]) == ("Før", "Etter")
        assert delete["after"] is None
        assert {e["via"] for e in events} == {"session"}
        assert all(e["actor_user_id"] and e["session_id"] and e["request_id"] for e in events)
        assert {e["programme_id"] for e in events} == {programme["id"]}

    async def test_secrets_never_reach_the_trail(self, client):
        programme = await make_programme(client)
        await client.post(
            f"{API}/users",
            json={"email": "ny@example.no", "name": "Ny", "password": "very secret password"},
        )
        token = (
            await client.post(
                f"{API}/api-tokens", json={"programme_id": programme["id"], "name": "X"}
            )
        ).json()
        trail = (await client.get(f"{API}/audit-events", params={"limit": 500})).text
        assert "very secret password" not in trail
        assert token["token"] not in trail
        assert "password_hash" not in trail and "token_hash" not in trail

    async def test_filters_by_person_and_time(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        editor = await accounts.role(programme, "editor", person=person)
        await editor.post(
            f"{API}/projects",
            json={"programme_id": programme["id"], "code": "X", "name": "Av redaktøren"},
        )
        by_person = (
            await client.get(f"{API}/audit-events", params={"person_id": person["id"]})
        ).json()["items"]
        assert {(e["record_type"], e["action"]) for e in by_person} == {
            ("person", "create"),
            ("project", "create"),
        }
        none = (
            await client.get(
                f"{API}/audit-events", params={"occurred_after": "2999-01-01T00:00:00Z"}
            )
        ).json()["items"]
        assert none == []

    async def test_only_programme_admins_read_it(self, client, accounts):
        programme = await make_programme(client)
        await make_project(client, programme)
        admin = await accounts.role(programme, "programme_admin")
        editor = await accounts.role(programme, "editor")
        assert (await admin.get(f"{API}/audit-events")).json()["items"]
        assert (await editor.get(f"{API}/audit-events")).json()["items"] == []

    async def test_no_operation_can_change_it(self, client):
        programme = await make_programme(client)
        event = (await client.get(f"{API}/audit-events")).json()["items"][0]
        audit_ops = {(m, p) for m, p, _ in await operations(client) if "audit" in p}
        assert {m for m, _ in audit_ops} == {"GET"}
        url = f"{API}/audit-events/{event['id']}"
        for method in ("PATCH", "PUT", "DELETE"):
            assert (await client.request(method, url, json={})).status_code == 405
        assert (await client.post(f"{API}/audit-events", json={})).status_code == 405
        assert (await client.get(url)).json() == event
        assert programme["id"] == event["record_id"]
