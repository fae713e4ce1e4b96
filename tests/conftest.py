"""Test session: a real database (SQLite, or PostgreSQL with SAMSKAP_TEST_DB=postgresql),
the schema from `alembic upgrade head`, and an HTTP client on the app.

PostgreSQL comes from SAMSKAP_TEST_DATABASE_URL when set, otherwise from a server the
session starts itself in a temporary folder.
"""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

# Cheap password hashing for the tests; set before the settings are first read.
os.environ.setdefault("SAMSKAP_ARGON2_TIME_COST", "1")
os.environ.setdefault("SAMSKAP_ARGON2_MEMORY_COST_KIB", "1024")

import httpx
import pytest
from sqlalchemy import select, text

from samskap.auth.principal import callers
from samskap.cli import migrate
from samskap.config import Settings
from samskap.db import Base
from samskap.demo import load_demo
from samskap.main import create_app
from samskap.models import AuditEvent
from tests import pg
from tests.accounts import Accounts

TEST_SECRET = "test-signing-key-0123456789abcdef0123456789abcdef"

BACKEND = os.environ.get("SAMSKAP_TEST_DB", "sqlite")


def pytest_report_header(config) -> str:
    return f"samskap database: {BACKEND}"


class Databases:
    """Hands out fresh, empty databases on the backend under test."""

    def __init__(self) -> None:
        self.server: pg.TemporaryPostgres | None = None
        self.tmp = Path(tempfile.mkdtemp(prefix="samskap-test-"))
        self.count = 0
        self.external = os.environ.get("SAMSKAP_TEST_DATABASE_URL")

    def new(self, name: str) -> str:
        self.count += 1
        if BACKEND == "sqlite":
            return f"sqlite+aiosqlite:///{self.tmp / f'{name}-{self.count}.db'}"
        if self.external:
            if self.count > 1:
                pytest.skip("needs a second database; SAMSKAP_TEST_DATABASE_URL names only one")
            return self.external
        if self.server is None:
            self.server = pg.start()
        return self.server.create_database(f"{name}_{self.count}")

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()


@pytest.fixture(scope="session", autouse=True)
def _callers_kept_for_the_run() -> Iterator[None]:
    """A caller once looked up is kept for the whole run instead of a few seconds, so that a
    count of a request's statements cannot depend on how long a busy machine took since the
    previous request. Logging out and revoking through the API still end access at once;
    tests/test_caller_lookup.py shortens the time where its expiry is the point."""
    seconds = callers.seconds
    callers.seconds = 24 * 3600
    yield
    callers.seconds = seconds


@pytest.fixture(scope="session")
def databases() -> Iterator[Databases]:
    dbs = Databases()
    yield dbs
    dbs.close()


@pytest.fixture(scope="session")
def database_url(databases: Databases) -> str:
    url = databases.new("samskap")
    migrate("head", url)
    return url


def settings_for(database_url: str) -> Settings:
    return Settings(
        database_url=database_url, max_body_bytes=65_536, environment="test", jwt_secret=TEST_SECRET
    )


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return settings_for(database_url)


@pytest.fixture(scope="session")
async def app(settings: Settings):
    application = create_app(settings)
    yield application
    await application.state.engine.dispose()


class Demo:
    """The demo programmes on a database and app of their own."""

    def __init__(self, app, created: dict[str, int]) -> None:
        self.app = app
        self.created = created  # what loading it made, per kind of record
        self.accounts = Accounts(app)


@pytest.fixture(scope="session")
async def demo(databases: Databases) -> AsyncIterator[Demo]:
    """The demo, loaded once for the whole session: its tests only read it, so they share it.

    A test that changes the demo would change it for the tests after it: such a test uses
    `app` and the factories instead.
    """
    url = databases.new("demo")
    await asyncio.to_thread(migrate, "head", url)  # Alembic runs its own event loop
    application = create_app(settings_for(url))
    async with application.state.sessions() as session:
        created = await load_demo(session)
        await session.commit()
    loaded = Demo(application, created)
    yield loaded
    await loaded.accounts.close()
    await application.state.engine.dispose()


@pytest.fixture
async def demo_client(demo: Demo) -> httpx.AsyncClient:
    """A system administrator's client on the demo."""
    return await demo.accounts.client(system_admin=True)


@pytest.fixture(autouse=True)
async def _empty_tables(request) -> AsyncIterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    engine = request.getfixturevalue("app").state.engine
    tables = list(reversed(Base.metadata.sorted_tables))
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            await connection.execute(text(f"TRUNCATE {names} CASCADE"))
        else:
            for table in tables:
                await connection.execute(table.delete())


@pytest.fixture
async def accounts(app) -> AsyncIterator[Accounts]:
    """Makes logged-in clients: `await accounts.client(system_admin=True)`, or with roles."""
    registry = Accounts(app)
    yield registry
    await registry.close()
    await _every_write_is_audited(app, registry.writes)
    await app.state.login_limiter.reset()
    await app.state.token_limiter.reset()


@pytest.fixture
async def client(accounts) -> httpx.AsyncClient:
    """A system administrator's client."""
    return await accounts.client(system_admin=True)


@pytest.fixture
async def anonymous(accounts) -> httpx.AsyncClient:
    return accounts.anonymous()


async def _every_write_is_audited(app, writes: list[tuple[str, str, str]]) -> None:
    if not writes:
        return
    async with app.state.sessions() as session:
        audited = set(await session.scalars(select(AuditEvent.request_id)))
    missing = [(m, u) for m, u, request_id in writes if request_id not in audited]
    assert not missing, f"writes missing from the audit trail: {missing}"


@pytest.fixture
def run_jobs(app):
    """Runs the job queue's due jobs as a worker would (the test app has no lifespan, so no
    worker runs by itself): `await run_jobs()`; `schedule=True` enqueues the recurring jobs
    that are due first. Returns how many jobs ran."""
    from samskap.jobs.worker import Worker

    async def run(*, schedule: bool = False) -> int:
        return await Worker(app.state.sessions, app.state.settings).drain(schedule=schedule)

    return run
