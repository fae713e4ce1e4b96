"""Knowing who calls costs one statement, revocation still takes effect on the next request,
and a pooled connection the server closed costs no request its answer."""

import pytest
from sqlalchemy import event, text

from samskap.db import _replace_if_closed, create_engine
from tests.conftest import BACKEND
from tests.factories import API, make_programme, make_project, make_task


async def _statements(app, client, path: str) -> list[str]:
    seen: list[str] = []

    def capture(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        r = await client.get(path)
        assert r.status_code == 200, r.text
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen


class TestGetOneTask:
    async def test_a_member_reads_a_task_in_two_statements(self, app, client, accounts):
        programme = await make_programme(client)
        other = await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        member = await accounts.client(roles={programme["id"]: "member", other["id"]: "observer"})
        statements = await _statements(app, member, f"{API}/tasks/{task['id']}")
        # Who is calling (account, session and both memberships in one), then the task.
        assert len(statements) == 2, statements
        assert "membership" in statements[0] and "auth_session" in statements[0]

    async def test_an_api_token_reads_a_task_in_two_statements(self, app, client):
        programme = await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        r = await client.post(
            f"{API}/api-tokens",
            json={"programme_id": programme["id"], "name": "Arkiv", "scope": "read"},
        )
        assert r.status_code == 201, r.text
        headers = {"Authorization": f"Bearer {r.json()['token']}"}
        path = f"{API}/tasks/{task['id']}"
        first = await client.get(path, headers=headers)  # also notes when it was last used
        assert first.status_code == 200
        client.headers.update(headers)
        statements = await _statements(app, client, path)
        assert len(statements) == 2, statements

    async def test_a_revoked_membership_ends_access_on_the_next_request(self, client, accounts):
        programme = await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        observer = await accounts.client(roles={programme["id"]: "observer"})
        path = f"{API}/tasks/{task['id']}"
        assert (await observer.get(path)).status_code == 200
        memberships = await client.get(f"{API}/programmes/{programme['id']}/memberships")
        [membership] = memberships.json()["items"]
        r = await client.delete(
            f"{API}/programmes/{programme['id']}/memberships/{membership['id']}",
            headers={"If-Match": f'"{membership["version"]}"'},
        )
        assert r.status_code == 204, r.text
        r = await observer.get(path)
        assert r.status_code == 404
        assert r.json()["status"] == 404


async def _terminate_other_connections(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            ended = await connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            return ended.scalar_one()
    finally:
        await engine.dispose()


@pytest.mark.skipif(BACKEND != "postgresql", reason="a server that closes connections")
class TestDroppedConnection:
    async def test_the_next_request_succeeds_after_the_server_closed_the_pool(
        self, app, client, settings
    ):
        programme = await make_programme(client)
        path = f"{API}/programmes/{programme['id']}"
        assert (await client.get(path)).status_code == 200
        assert await _terminate_other_connections(settings.database_url) >= 1
        for _ in range(3):
            r = await client.get(path)
            assert r.status_code == 200, r.text

    async def test_a_lost_connection_not_noticed_at_checkout_is_retried_once(
        self, app, client, settings
    ):
        programme = await make_programme(client)
        path = f"{API}/programmes/{programme['id']}"
        assert (await client.get(path)).status_code == 200
        # Without the check at checkout, the request's first statement meets the closed
        # connection itself and is run again on a new one.
        engine = app.state.engine.sync_engine
        event.remove(engine, "checkout", _replace_if_closed)
        try:
            assert await _terminate_other_connections(settings.database_url) >= 1
            r = await client.get(path)
            assert r.status_code == 200, r.text
        finally:
            event.listen(engine, "checkout", _replace_if_closed)
