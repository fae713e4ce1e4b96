"""A background import survives its server being killed (SIGKILL) mid-import, on PostgreSQL:
all_or_nothing leaves nothing of the file and starts over when a server takes it up again;
valid_rows leaves whole chunks and resumes after them, with no row twice."""

import asyncio
import csv
import io
import signal
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from sqlalchemy import func, select

from samskap.cli import migrate
from samskap.main import create_app
from samskap.models import Person
from samskap.models.imports import Import
from tests.accounts import Accounts
from tests.conftest import BACKEND, TEST_SECRET, settings_for
from tests.factories import API, make_programme
from tests.processes import api_process, free_port

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="kills a server in the middle of an import on PostgreSQL"
)

ROWS = 100_000
# valid_rows is killed after a few chunks and resumes: a fifth of the rows shows that as well,
# in a fifth of the time.
VALID_ROWS = 20_000
CHUNK = 1000
WAIT = 900.0  # seconds: generous, for a busy machine; nothing here asserts a duration


def people_file(rows: int, prefix: str) -> bytes:
    text = io.StringIO()
    out = csv.writer(text, delimiter=";")
    out.writerow(["external_id", "name", "email", "organisation_unit"])
    for i in range(rows):
        out.writerow([f"{prefix}-{i}", f"Person {i}", f"{prefix.lower()}{i}@example.no", "Drift"])
    return text.getvalue().encode()


@asynccontextmanager
async def api_server(url: str) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """The API in a uvicorn process of its own, with its lifespan and so its worker."""
    port = free_port()
    env = {
        "SAMSKAP_ENVIRONMENT": "test",
        "SAMSKAP_JWT_SECRET": TEST_SECRET,
        "SAMSKAP_IMPORT_CHUNK_ROWS": str(CHUNK),
        # A dead worker's import is taken up once its heartbeat is this old.
        "SAMSKAP_IMPORT_STALE_SECONDS": "3",
        "SAMSKAP_IMPORT_POLL_SECONDS": "0.2",
    }
    async with api_process(url, port, env) as served:
        yield served


@pytest.fixture(scope="module")
def database(databases) -> str:
    url = databases.new("import_jobs")
    migrate("head", url)
    return url


@pytest.fixture
async def setup(database):
    """An in-process app on the same database (no worker: no lifespan) to set up and look,
    a system administrator's token, and a programme."""
    app = create_app(settings_for(database))
    accounts = Accounts(app)
    user = await accounts.user(system_admin=True)
    token = await accounts.token_for(user)
    client = accounts.bearer(token)
    programme = await make_programme(client)
    yield app, {"Authorization": f"Bearer {token}"}, programme
    await accounts.close()
    await app.state.engine.dispose()


async def people_in(app, programme) -> tuple[int, int]:
    """How many people the programme has, and how many distinct external ids among them."""
    async with app.state.sessions() as session:
        row = (
            await session.execute(
                select(func.count(), func.count(func.distinct(Person.external_id))).where(
                    Person.programme_id == uuid.UUID(programme["id"])
                )
            )
        ).one()
    return row[0], row[1]


async def job_in(app, job_id: str) -> Import:
    async with app.state.sessions() as session:
        job = await session.get(Import, uuid.UUID(job_id))
        assert job is not None
        return job


async def send(base: str, auth: dict, programme: dict, content: bytes, mode: str) -> str:
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=300) as http:
        r = await http.post(
            f"{API}/imports",
            params={"programme_id": programme["id"], "resource": "people", "mode": mode},
            files={"file": ("personer.csv", content, "text/csv")},
        )
    assert r.status_code == 202, r.text
    return r.json()["id"]


async def wait_for(base: str, auth: dict, job_id: str, done) -> dict:
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as http:
        deadline = time.monotonic() + WAIT
        while True:
            job = (await http.get(f"{API}/imports/{job_id}")).json()
            if done(job):
                return job
            assert time.monotonic() < deadline, job
            await asyncio.sleep(0.1)


async def kill(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGKILL)
    await process.wait()


async def test_a_killed_server_leaves_nothing_of_an_all_or_nothing_import(setup, database):
    app, auth, programme = setup
    async with api_server(database) as (base, process):
        job_id = await send(base, auth, programme, people_file(ROWS, "AON"), "all_or_nothing")
        running = await wait_for(base, auth, job_id, lambda j: j["rows_done"] > 0)
        await kill(process)
    assert running["status"] == "running"
    assert await people_in(app, programme) == (0, 0)
    left = await job_in(app, job_id)
    assert left.status == "running"  # as the dead process left it

    async with api_server(database) as (base, _):
        done = await wait_for(
            base, auth, job_id, lambda j: j["status"] not in ("queued", "running")
        )
    assert done["status"] == "succeeded", done
    assert done["rows_done"] == ROWS
    assert done["counts"] == {"created": ROWS, "updated": 0, "unchanged": 0, "failed": 0}
    assert await people_in(app, programme) == (ROWS, ROWS)
    assert (await job_in(app, job_id)).attempts == 2


async def test_a_killed_server_leaves_whole_chunks_of_a_valid_rows_import(setup, database):
    app, auth, programme = setup
    async with api_server(database) as (base, process):
        job_id = await send(base, auth, programme, people_file(VALID_ROWS, "VR"), "valid_rows")
        await wait_for(base, auth, job_id, lambda j: j["rows_done"] >= 2 * CHUNK)
        await kill(process)
    left = await job_in(app, job_id)
    written, distinct = await people_in(app, programme)
    # What was written is exactly the chunks the import counts as done: no half chunk, no
    # half row.
    assert written == distinct == left.rows_done
    assert left.rows_done % CHUNK == 0 and 0 < left.rows_done < VALID_ROWS
    assert left.created_count == left.rows_done

    async with api_server(database) as (base, _):
        done = await wait_for(
            base, auth, job_id, lambda j: j["status"] not in ("queued", "running")
        )
    assert done["status"] == "succeeded", done
    assert done["rows_done"] == VALID_ROWS
    assert done["counts"]["created"] == VALID_ROWS
    assert await people_in(app, programme) == (VALID_ROWS, VALID_ROWS)
