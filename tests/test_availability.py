"""When the database is down, locked or busy, the API says so (503 with Retry-After) and comes
back by itself; after any error the client's connection stays usable."""

import asyncio
import socket
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from samskap.cli import migrate
from samskap.config import Settings
from samskap.deps import SessionDep
from samskap.main import create_app
from tests import pg
from tests.accounts import Accounts
from tests.factories import API

PROBLEM = "application/problem+json"


def assert_unavailable(response: httpx.Response) -> dict:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["type"] == "https://samskap.no/problems/service-unavailable"
    assert body["status"] == 503
    for internal in ("asyncpg", "sqlalchemy", "sqlite", "Connect call", "127.0.0.1"):
        assert internal not in response.text
    return body


def _with_route(app: FastAPI, router: APIRouter) -> FastAPI:
    app.include_router(router)
    # Ahead of the web app's catch-all route.
    app.router.routes.insert(0, app.router.routes.pop())
    return app


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[tuple[pg.TemporaryPostgres, str]]:
    """A PostgreSQL server of this module's own, so that stopping it disturbs no other test."""
    try:
        server = pg.start()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"no PostgreSQL to start: {exc}")
    try:
        url = server.create_database("availability")
        migrate("head", url)
        yield server, url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def own_sqlite(tmp_path_factory) -> tuple[str, str]:
    path = tmp_path_factory.mktemp("availability") / "samskap.db"
    url = f"sqlite+aiosqlite:///{path}"
    migrate("head", url)
    return str(path), url


class TestDatabaseOutage:
    async def test_everything_is_503_while_down_and_recovers_when_back(
        self, own_postgres, settings
    ):
        server, url = own_postgres
        app = create_app(settings.model_copy(update={"database_url": url}))
        accounts = Accounts(app)
        down = False
        try:
            http = await accounts.client(system_admin=True)
            assert (await http.get(f"{API}/health/ready")).status_code == 200
            assert (await http.get(f"{API}/programmes")).status_code == 200

            server.shut_down()
            down = True
            assert_unavailable(await http.get(f"{API}/health/ready"))
            assert_unavailable(await http.get(f"{API}/programmes"))
            assert_unavailable(await http.post(f"{API}/programmes", json={"name": "Nede"}))
            assert (await http.get(f"{API}/health")).status_code == 200

            server.start()
            down = False
            r = await http.get(f"{API}/health/ready")
            assert r.status_code == 200, r.text
            assert r.json() == {"status": "ok", "database": "ok"}
            r = await http.get(f"{API}/programmes")
            assert r.status_code == 200, r.text
        finally:
            if down:
                server.start()
            await accounts.close()
            await app.state.engine.dispose()

    async def test_connection_lost_inside_a_request_is_503(self, own_postgres, settings):
        _server, url = own_postgres
        cut = APIRouter()

        @cut.get(f"{API}/cut-connection")
        async def cut_connection(session: SessionDep, request: Request) -> dict:
            pid = await session.scalar(text("SELECT pg_backend_pid()"))
            async with request.app.state.engine.connect() as other:
                await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await session.execute(text("SELECT 1"))
            return {}

        app = _with_route(create_app(settings.model_copy(update={"database_url": url})), cut)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                assert_unavailable(await http.get(f"{API}/cut-connection"))
                assert (await http.get(f"{API}/health/ready")).status_code == 200
        finally:
            await app.state.engine.dispose()


async def _open_the_one_connection(busy: FastAPI) -> None:
    """Put the pool's one connection in place before the test. Its timeout of 10 ms also
    bounds opening a connection, which a loaded machine may not manage at the first try; the
    test is about waiting for the pool, so a failed opening here is tried again, for as long
    as a very busy machine may need (a minute), not a count of tries."""
    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        try:
            async with busy.state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            return
        except (TimeoutError, OSError, DBAPIError):
            await asyncio.sleep(0.05)
    raise AssertionError("could not open a connection to the database in a minute")


class TestBusyDatabase:
    async def test_no_free_connection_within_the_pool_timeout_is_503(self, app, settings):
        busy = create_app(
            settings.model_copy(
                update={
                    "database_pool_size": 1,
                    "database_max_overflow": 0,
                    "database_pool_timeout": 0.2,
                }
            )
        )
        accounts = Accounts(busy)
        try:
            http = await accounts.client(system_admin=True)
            async with busy.state.engine.connect() as held:
                await held.execute(text("SELECT 1"))
                assert_unavailable(await http.get(f"{API}/programmes"))
                assert_unavailable(await http.get(f"{API}/health/ready"))
            assert (await http.get(f"{API}/programmes")).status_code == 200
        finally:
            await accounts.close()
            await busy.state.engine.dispose()

    async def test_concurrent_clients_get_200_or_503_never_500(self, app, settings):
        busy = create_app(
            settings.model_copy(
                update={
                    "database_pool_size": 1,
                    "database_max_overflow": 0,
                    "database_pool_timeout": 0.01,
                }
            )
        )
        accounts = Accounts(busy)
        try:
            await _open_the_one_connection(busy)
            http = await accounts.client(system_admin=True)
            responses = await asyncio.gather(*(http.get(f"{API}/programmes") for _ in range(40)))
            statuses = Counter(r.status_code for r in responses)
            assert set(statuses) <= {200, 503}, statuses
            assert statuses[200] >= 1, statuses
            for r in responses:
                if r.status_code == 503:
                    assert_unavailable(r)
        finally:
            await accounts.close()
            await busy.state.engine.dispose()

    async def test_sqlite_locked_longer_than_the_timeout_is_503(self, own_sqlite, settings):
        path, url = own_sqlite
        app = create_app(
            settings.model_copy(update={"database_url": url, "database_pool_timeout": 0.3})
        )
        accounts = Accounts(app)
        writer = sqlite3.connect(path, isolation_level=None)
        try:
            http = await accounts.client(system_admin=True)
            writer.execute("BEGIN EXCLUSIVE")
            assert_unavailable(await http.post(f"{API}/programmes", json={"name": "Låst"}))
            writer.execute("ROLLBACK")
            r = await http.post(f"{API}/programmes", json={"name": "Låst opp"})
            assert r.status_code == 201, r.text
        finally:
            writer.close()
            await accounts.close()
            await app.state.engine.dispose()


class TestFaultsAreNotOutages:
    async def test_a_faulty_query_is_500_not_503(self, settings):
        faulty = APIRouter()

        @faulty.get(f"{API}/faulty-query")
        async def faulty_query(session: SessionDep) -> dict:
            await session.execute(text("SELECT * FROM no_such_table"))
            return {}

        app = _with_route(create_app(settings), faulty)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                r = await http.get(f"{API}/faulty-query")
            assert r.status_code == 500, r.text
            assert "retry-after" not in r.headers
            assert "no_such_table" not in r.text
        finally:
            await app.state.engine.dispose()


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app behind a real uvicorn server on a free loopback port, for one test."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="critical"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        host, port = sock.getsockname()
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class TestConnectionAfterAnError:
    def test_a_500_leaves_the_connection_usable(self, settings: Settings):
        boom = APIRouter()

        @boom.get(f"{API}/explode")
        async def explode() -> dict:
            raise RuntimeError("secret internal detail")

        app = _with_route(create_app(settings), boom)
        connects: list[str] = []

        def trace(event: str, _info: dict) -> None:
            if event == "connection.connect_tcp.complete":
                connects.append(event)

        with serving(app) as base_url, httpx.Client(base_url=base_url) as http:
            r = http.get(f"{API}/explode", extensions={"trace": trace})
            assert r.status_code == 500
            assert r.headers["content-type"].startswith(PROBLEM)
            assert "secret" not in r.text
            r = http.get(f"{API}/health", extensions={"trace": trace})
            assert r.status_code == 200
            r = http.get(f"{API}/health", extensions={"trace": trace})
            assert r.status_code == 200
        assert len(connects) == 1, "the server dropped the connection after the 500"
