"""`make bench`, imports and exports: the API process's peak memory while it streams
1,000,000 tasks as CSV, and how many rows per second an import of 100,000 people writes.

Both go through a uvicorn process of its own (tests.bench.api_process), over real HTTP.
"""

import asyncio
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy import insert

from samskap.cli import migrate
from samskap.config import Settings
from samskap.kit.ids import uuid7
from samskap.main import create_app
from samskap.models import Task
from samskap.models.enums import Priority, TaskStatus
from tests.bench import API, _memory_kib, _post, _reset_peak, api_process, log_in

EXPORT_TASKS = 1_000_000
EXPORT_PORT = 8197


async def _admin_programme(url: str, name: str) -> tuple[str, dict, dict]:
    """A fresh programme with one project, made through the API: the admin's bearer
    header, the programme and the project."""
    await asyncio.to_thread(migrate, "head", url)
    app = create_app(Settings(database_url=url))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench"
    ) as local:
        await log_in(app, local)
        programme = await _post(
            local,
            "/programmes",
            {"name": name, "municipalities": [{"name": "Ski", "number": "0213"}]},
        )
        project = await _post(
            local, "/projects", {"programme_id": programme["id"], "code": "T1", "name": "Alt"}
        )
        token = local.headers["Authorization"]
    await app.state.engine.dispose()
    return token, programme, project


async def _fill_tasks(url: str, programme: dict, project: dict, count: int) -> None:
    """`count` tasks written straight into the database in large batches: the bench measures
    reading them out, not writing them one request at a time."""
    app = create_app(Settings(database_url=url))
    now, first_due = datetime.now(UTC), date(2030, 1, 1)
    batch = 10_000
    programme_id, project_id = uuid.UUID(programme["id"]), uuid.UUID(project["id"])
    async with app.state.sessions() as session:
        for start in range(0, count, batch):
            await session.execute(
                insert(Task),
                [
                    {
                        "id": uuid7(),
                        "programme_id": programme_id,
                        "project_id": project_id,
                        "title": f"Oppgave {i:07} i arbeidsboken for «Oppvekst og utdanning»",
                        "description": None if i % 3 else "Kartlegg dagens tjenester, æøå.",
                        "status": TaskStatus.todo if i % 4 else TaskStatus.done,
                        "priority": Priority.normal,
                        "due_on": first_due + timedelta(days=i % 700),
                        "external_id": f"sak-{i}",
                        # Created one after another, as tasks are.
                        "created_at": now + timedelta(microseconds=i),
                        "updated_at": now + timedelta(microseconds=i),
                        "version": 1,
                    }
                    for i in range(start, min(start + batch, count))
                ],
            )
            await session.commit()
    await app.state.engine.dispose()


async def bench_export(url: str) -> None:
    """GET /tasks?format=csv for 1,000,000 tasks, streamed: the time, rows per second and
    the API process's peak resident memory (absolute, and its growth during the request)."""
    token, programme, project = await _admin_programme(url, "Eksport")
    started = time.perf_counter()
    await _fill_tasks(url, programme, project, EXPORT_TASKS)
    database = url.split("://")[0]
    print(
        f"database: {database}; {EXPORT_TASKS:,} tasks written in "
        f"{time.perf_counter() - started:.1f} s"
    )
    async with (
        api_process(url, EXPORT_PORT) as (base, pid),
        httpx.AsyncClient(base_url=base, headers={"Authorization": token}, timeout=600) as http,
    ):
        # Warm the process up (imports, connections) with a small export first.
        small = await http.get(
            f"{API}/projects", params={"programme_id": programme["id"], "format": "csv"}
        )
        small.raise_for_status()
        _reset_peak(pid)
        before = _memory_kib(pid, "VmRSS")
        started, received, lines = time.perf_counter(), 0, 0
        async with http.stream(
            "GET",
            f"{API}/tasks",
            params={"programme_id": programme["id"]},
            headers={"Accept": "text/csv"},
        ) as response:
            response.raise_for_status()
            async for piece in response.aiter_bytes():
                received += len(piece)
                lines += piece.count(b"\r\n")
        seconds = time.perf_counter() - started
        peak = _memory_kib(pid, "VmHWM")
    rows = lines - 1
    assert rows == EXPORT_TASKS, f"{rows} rows in the CSV"
    print(
        f"GET /tasks as CSV: {rows:,} rows, {received / 1e6:.0f} MB in {seconds:.1f} s "
        f"({rows / seconds:,.0f} rows/s); API process peak {peak / 1024:.0f} MiB "
        f"(+{(peak - before) / 1024:.0f} MiB during the export; goal: under 200 MB)"
    )


IMPORT_PEOPLE = 100_000
IMPORT_PORT = 8198
AFFILIATIONS = ("employee", "employee", "elected_official", "safety_representative")


def _people_csv(count: int) -> bytes:
    """A staff list as an HR system would send it: Norwegian headers, `;`-separated."""
    lines = ["Ekstern ID;Navn;E-post;Tittel;Enhet;Kommunenummer;Tilknytning"]
    for i in range(count):
        affiliation = AFFILIATIONS[i % len(AFFILIATIONS)]
        lines.append(
            f"hr-{i:06};Ansatt Nummer {i:06} Ørnes;ansatt{i:06}@kommune.example;"
            f"Rådgiver;Oppvekst og utdanning {i % 40};0001;{affiliation}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


async def _import_and_wait(http: httpx.AsyncClient, programme_id: str, content: bytes) -> dict:
    """POST the file, then follow the import until it has finished."""
    r = await http.post(
        f"{API}/imports",
        params={"programme_id": programme_id, "resource": "people"},
        files={"file": ("ansatte.csv", content, "text/csv")},
    )
    r.raise_for_status()
    job = r.json()
    while job["status"] in ("queued", "running"):
        await asyncio.sleep(0.2)
        job = (await http.get(r.headers["Location"])).json()
    return job


async def bench_import(url: str) -> None:
    """100,000 people from one CSV through POST /imports (a background job in the API
    process), timed from the upload until the import reports that it has finished; then the
    same file again, which finds every row unchanged."""
    token, programme, _project = await _admin_programme(url, "Import")
    content = _people_csv(IMPORT_PEOPLE)
    database = url.split("://")[0]
    async with (
        api_process(url, IMPORT_PORT) as (base, _pid),
        httpx.AsyncClient(base_url=base, headers={"Authorization": token}, timeout=120) as http,
    ):
        # Warm the process up with a small import of other people.
        await _import_and_wait(http, programme["id"], _people_csv(10).replace(b"hr-", b"w-"))
        for label, expected in (("first run", "created"), ("same file again", "unchanged")):
            started = time.perf_counter()
            job = await _import_and_wait(http, programme["id"], content)
            seconds = time.perf_counter() - started
            counts = job["counts"]
            assert job["status"] == "succeeded", job
            assert counts[expected] == IMPORT_PEOPLE, counts
            print(
                f"database: {database}; POST /imports, {IMPORT_PEOPLE:,} people "
                f"({len(content) / 1e6:.1f} MB CSV), {label}: {seconds:.1f} s, "
                f"{IMPORT_PEOPLE / seconds:,.0f} rows/s, all {expected}"
            )
