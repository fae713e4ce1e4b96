"""Knowing who calls costs one statement, and none while the caller is kept; a revocation
in this process takes effect on the next request, one made elsewhere within the kept time;
a pooled connection the server closed costs no request its answer."""

import asyncio
import uuid

import pytest
from sqlalchemy import event, text, update

from samskap.auth.principal import callers
from samskap.db import _read_sessions, _replace_if_closed, create_engine, utcnow
from samskap.models import ApiToken, AuthSession, Programme
from tests.conftest import BACKEND
from tests.factories import API, make_programme, make_project, make_task
from tests.statements import statements_of


class TestGetOneTask:
    async def test_a_member_reads_a_task_in_two_statements(self, app, client, accounts):
        programme = await make_programme(client)
        other = await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        member = await accounts.client(roles={programme["id"]: "member", other["id"]: "observer"})
        callers.forget()
        statements = await statements_of(app, member, f"{API}/tasks/{task['id']}")
        # Who is calling (account, session and both memberships in one), then the task.
        assert len(statements) == 2, statements
        assert "membership" in statements[0] and "auth_session" in statements[0]
        # The caller is kept: the next read is the task alone.
        statements = await statements_of(app, member, f"{API}/tasks/{task['id']}")
        assert len(statements) == 1, statements
        assert "membership" not in statements[0]

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
        callers.forget()
        statements = await statements_of(app, client, path)
        assert len(statements) == 2, statements
        assert "api_token" in statements[0]
        statements = await statements_of(app, client, path)
        assert len(statements) == 1, statements

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


@pytest.fixture
def kept_briefly():
    """Callers kept for a fifth of a second instead of the default, restored after."""
    seconds = callers.seconds
    callers.seconds = 0.2
    callers.forget()
    yield callers.seconds
    callers.seconds = seconds
    callers.forget()


class TestKeptCallers:
    async def test_logging_out_ends_the_kept_session_on_the_next_request(self, accounts):
        member = await accounts.client()
        assert (await member.get(f"{API}/auth/me")).status_code == 200
        assert (await member.get(f"{API}/auth/me")).status_code == 200  # kept
        r = await member.post(f"{API}/auth/logout")
        assert r.status_code == 204, r.text
        r = await member.get(f"{API}/auth/me")
        assert r.status_code == 401, r.text

    async def test_revoking_an_api_token_ends_it_on_the_next_request(self, client, anonymous):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/api-tokens", json={"programme_id": programme["id"], "name": "Arkiv"}
        )
        assert r.status_code == 201, r.text
        issued = r.json()
        headers = {"Authorization": f"Bearer {issued['token']}"}
        path = f"{API}/programmes/{programme['id']}"
        for _ in range(2):
            assert (await anonymous.get(path, headers=headers)).status_code == 200
        r = await client.delete(
            f"{API}/api-tokens/{issued['id']}", headers={"If-Match": f'"{issued["version"]}"'}
        )
        assert r.status_code in (200, 204), r.text
        assert (await anonymous.get(path, headers=headers)).status_code == 401

    async def test_a_revocation_made_elsewhere_ends_access_once_the_kept_time_is_over(
        self, app, client, anonymous, accounts, settings, kept_briefly
    ):
        programme = await make_programme(client)
        path = f"{API}/programmes/{programme['id']}"
        r = await client.post(
            f"{API}/api-tokens", json={"programme_id": programme["id"], "name": "Arkiv"}
        )
        token = r.json()
        token_headers = {"Authorization": f"Bearer {token['token']}"}
        user = await accounts.client(roles={programme["id"]: "observer"})
        me = (await user.get(f"{API}/auth/me")).json()
        assert (await anonymous.get(path, headers=token_headers)).status_code == 200
        assert (await user.get(path)).status_code == 200
        # Another process revokes both: nothing in this one sees the change being made.
        elsewhere = create_engine(settings.database_url)
        try:
            async with elsewhere.begin() as connection:
                await connection.execute(
                    update(ApiToken)
                    .where(ApiToken.id == uuid.UUID(token["id"]))
                    .values(revoked_at=utcnow())
                )
                await connection.execute(
                    update(AuthSession)
                    .where(AuthSession.user_id == uuid.UUID(me["id"]))
                    .values(revoked_at=utcnow())
                )
        finally:
            await elsewhere.dispose()
        await asyncio.sleep(kept_briefly * 1.5)
        r = await anonymous.get(path, headers=token_headers)
        assert r.status_code == 401, r.text
        r = await user.get(path)
        assert r.status_code == 401, r.text
        assert r.json()["detail"] == "The session has ended; log in again."


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


@pytest.mark.skipif(BACKEND != "postgresql", reason="reads without BEGIN and COMMIT")
class TestReadsBeginOnlyToWrite:
    async def _in_transaction(self, session) -> bool:
        raw = await (await session.connection()).get_raw_connection()
        return raw.driver_connection.is_in_transaction()

    async def test_a_read_runs_without_a_transaction_until_it_writes(self, app, client):
        programme = await make_programme(client)
        assert (await client.get(f"{API}/programmes/{programme['id']}")).status_code == 200
        pid = uuid.UUID(programme["id"])
        async with _read_sessions(app)() as session:
            record = await session.get(Programme, pid)
            assert not await self._in_transaction(session)
            record.name = "Endret i en lesing"
            await session.flush()  # the write begins a transaction first
            assert await self._in_transaction(session)
            await session.execute(update(Programme).where(Programme.id == pid).values(vision="X"))
            await session.rollback()  # so both writes are undone together
        async with app.state.sessions() as session:
            kept = await session.get(Programme, pid)
            assert kept.name == programme["name"]
            # A connection back from a read begins transactions again for a write.
            assert await self._in_transaction(session)

    async def test_a_statement_that_writes_begins_the_transaction(self, app, client):
        programme = await make_programme(client)
        pid = uuid.UUID(programme["id"])
        async with _read_sessions(app)() as session:
            await session.execute(
                update(Programme).where(Programme.id == pid).values(name="Endret")
            )
            assert await self._in_transaction(session)
            await session.rollback()
        r = await client.get(f"{API}/programmes/{pid}")
        assert r.json()["name"] == programme["name"]
