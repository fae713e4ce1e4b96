"""`make bench`: latency of list, read and write requests against a real local database.

On a fresh SQLite database and then on a throwaway PostgreSQL server (or on the one database
SAMSKAP_BENCH_DATABASE_URL names): fills one programme with a realistic volume of records and
times a bounded number of requests through the full application stack. Prints percentiles;
asserts nothing.
"""

import asyncio
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, update

from samskap.auth.passwords import hash_password
from samskap.cli import migrate
from samskap.config import Settings
from samskap.kit.ids import uuid7
from samskap.main import create_app
from samskap.models import Indicator, Measurement, SubmissionVersion, User
from samskap.models.enums import IndicatorDirection, IndicatorMethod, VersionStatus
from tests import pg
from tests.processes import api_process as serving

API = "/api/v1"
PEOPLE, PROJECTS, TASKS_PER_PROJECT, DEADLINES, INVOLVEMENTS = 300, 40, 50, 400, 400
ROUNDS = 200
ADMIN, PASSWORD = "bench@samskap.example", "benchmark password"


async def _post(http: httpx.AsyncClient, path: str, body: dict) -> dict:
    r = await http.post(API + path, json=body)
    r.raise_for_status()
    return r.json()


async def fill(http: httpx.AsyncClient) -> dict:
    programme = await _post(
        http,
        "/programmes",
        {"name": "Benchmark", "municipalities": [{"name": "Ski", "number": "0213"}]},
    )
    pid = programme["id"]
    people = [
        await _post(http, "/people", {"programme_id": pid, "name": f"Person {i:04}"})
        for i in range(PEOPLE)
    ]
    projects = []
    for i in range(PROJECTS):
        project = await _post(
            http,
            "/projects",
            {
                "programme_id": pid,
                "code": f"B{i:03}",
                "name": f"Prosjekt {i}",
                "leader_id": people[i]["id"],
                "phase_template": "reorganisation-five-phases",
            },
        )
        projects.append(project)
        for j in range(TASKS_PER_PROJECT):
            await _post(
                http,
                "/tasks",
                {
                    "project_id": project["id"],
                    "title": f"Oppgave {j}",
                    "assignee_id": people[(i + j) % PEOPLE]["id"],
                    "due_on": f"2030-{1 + j % 12:02}-{1 + j % 28:02}",
                },
            )
    for i in range(DEADLINES):
        await _post(
            http,
            "/deadlines",
            {
                "programme_id": pid,
                "title": f"Frist {i}",
                "responsible_person_id": people[i % PEOPLE]["id"],
                "due_at": f"20{20 + i % 10}-06-{1 + i % 28:02}T12:00:00+02:00",
            },
        )
    for i in range(INVOLVEMENTS):
        await _post(
            http,
            "/involvements",
            {
                "programme_id": pid,
                "project_id": projects[i % PROJECTS]["id"],
                "matter": f"Sak {i}",
                "stakeholder_kind": "employees",
                "form": "consultation",
                "occurred_on": "2018-10-11",
                "participant_ids": [people[(i + k) % PEOPLE]["id"] for k in range(5)],
            },
        )
    return {"programme": programme, "people": people, "projects": projects}


async def log_in(app, http: httpx.AsyncClient) -> None:
    """A system administrator, logged in through the API like any client."""
    async with app.state.sessions() as session:
        session.add(
            User(
                id=uuid7(),
                email=ADMIN,
                name="Benchmark",
                password_hash=hash_password(PASSWORD),
                system_admin=True,
                active=True,
            )
        )
        await session.commit()
    r = await http.post(
        f"{API}/auth/token",
        json={"grant_type": "password", "username": ADMIN, "password": PASSWORD},
    )
    r.raise_for_status()
    http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"


async def timed(label: str, call, rounds: int = ROUNDS) -> None:
    samples = []
    for i in range(rounds):
        started = time.perf_counter()
        response = await call(i)
        samples.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<52} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   ({rounds} requests)")


GOALS_SOCIETAL, GOALS_EFFECT_EACH, GOALS_RESULT_EACH = 20, 3, 2  # 20 + 60 + 120 = 200 goals
MEASUREMENTS = 20_000


async def fill_goals(app, http: httpx.AsyncClient) -> str:
    """A programme with 200 goals in a tree, an indicator on each effect goal and 20,000
    measurements; the measurements are written in bulk, as an import would."""
    programme = await _post(
        http,
        "/programmes",
        {"name": "Goal benchmark", "municipalities": [{"name": "Ski", "number": "0213"}]},
    )
    pid = programme["id"]
    project = await _post(
        http, "/projects", {"programme_id": pid, "code": "G1", "name": "Målprosjekt"}
    )
    effects = []
    for i in range(GOALS_SOCIETAL):
        top = await _post(
            http, "/goals", {"programme_id": pid, "kind": "societal", "title": f"Samfunnsmål {i}"}
        )
        for j in range(GOALS_EFFECT_EACH):
            effect = await _post(
                http,
                "/goals",
                {
                    "programme_id": pid,
                    "kind": "effect",
                    "parent_id": top["id"],
                    "title": f"Effektmål {i}.{j}",
                },
            )
            effects.append(effect)
            for k in range(GOALS_RESULT_EACH):
                await _post(
                    http,
                    "/goals",
                    {
                        "programme_id": pid,
                        "kind": "result",
                        "parent_id": effect["id"],
                        "project_id": project["id"],
                        "title": f"Resultatmål {i}.{j}.{k}",
                    },
                )
    async with app.state.sessions() as session:
        indicators = [
            {
                "id": uuid7(),
                "version": 1,
                "programme_id": uuid.UUID(effect["programme_id"]),
                "goal_id": uuid.UUID(effect["id"]),
                "name": f"Indikator {n}",
                "direction": IndicatorDirection.higher_is_better,
                "method": IndicatorMethod.survey,
                "baseline_value": 50.0,
                "baseline_on": date(2013, 1, 1),
                "target_value": 80.0,
            }
            for n, effect in enumerate(effects)
        ]
        await session.execute(insert(Indicator), indicators)
        per = MEASUREMENTS // len(indicators)
        await session.execute(
            insert(Measurement),
            [
                {
                    "id": uuid7(),
                    "version": 1,
                    "programme_id": indicator["programme_id"],
                    "indicator_id": indicator["id"],
                    "value": 50.0 + m % 30,
                    "measured_on": date(2013, 1, 1) + timedelta(days=7 * m),
                }
                for indicator in indicators
                for m in range(per)
            ],
        )
        await session.commit()
    return pid


async def timed_tail(label: str, call, rounds: int) -> None:
    """Like `timed`, with the 99th percentile, for a page whose worst case matters."""
    samples = []
    for i in range(rounds):
        started = time.perf_counter()
        response = await call(i)
        samples.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    samples.sort()
    p50 = statistics.median(samples)
    p99 = samples[max(0, int(len(samples) * 0.99) - 1)]
    print(f"{label:<52} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   ({rounds} requests)")


async def bench(url: str) -> None:
    await asyncio.to_thread(migrate, "head", url)
    app = create_app(Settings(database_url=url))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        await log_in(app, http)
        started = time.perf_counter()
        data = await fill(http)
        print(f"database: {url.split('://')[0]}; filled in {time.perf_counter() - started:.1f} s")
        pid = data["programme"]["id"]
        project_id = data["projects"][0]["id"]
        await timed(
            "GET /tasks?limit=50 (2000 rows)",
            lambda i: http.get(f"{API}/tasks", params={"programme_id": pid, "limit": 50}),
        )
        await timed(
            "GET /tasks?limit=500",
            lambda i: http.get(f"{API}/tasks", params={"programme_id": pid, "limit": 500}),
            rounds=50,
        )
        await timed(
            "GET /tasks?status=todo&sort=-due_on&q=Oppgave",
            lambda i: http.get(
                f"{API}/tasks", params={"status": "todo", "sort": "-due_on", "q": "Oppgave 1"}
            ),
        )
        await timed(
            "GET /deadlines?overdue=true",
            lambda i: http.get(f"{API}/deadlines", params={"programme_id": pid, "overdue": "true"}),
        )
        await timed(
            "GET /involvements?limit=100 (with participants)",
            lambda i: http.get(f"{API}/involvements", params={"programme_id": pid, "limit": 100}),
        )
        await timed(
            "GET /phases?project_id (with results)",
            lambda i: http.get(f"{API}/phases", params={"project_id": project_id}),
        )
        await timed(
            "GET /programmes/{id}/overview",
            lambda i: http.get(f"{API}/programmes/{pid}/overview"),
            rounds=50,
        )
        await timed(
            "GET /programmes/{id}/compliance (every rule)",
            lambda i: http.get(f"{API}/programmes/{pid}/compliance"),
            rounds=50,
        )
        await timed(
            "GET /projects/{id}",
            lambda i: http.get(f"{API}/projects/{data['projects'][i % PROJECTS]['id']}"),
        )
        await timed(
            "PATCH /projects/{id}",
            lambda i: http.patch(
                f"{API}/projects/{data['projects'][i % PROJECTS]['id']}",
                json={"description": f"Revisjon {i}"},
            ),
        )
        await timed(
            "POST /tasks",
            lambda i: http.post(
                f"{API}/tasks", json={"project_id": project_id, "title": f"Ny oppgave {i}"}
            ),
        )
        goals_pid = await fill_goals(app, http)
        await timed_tail(
            "GET /goal-tree (200 goals, 20000 measurements)",
            lambda i: http.get(f"{API}/goal-tree", params={"programme_id": goals_pid}),
            rounds=100,
        )
    await app.state.engine.dispose()


# Files (issue 10): upload and download through a real API process -------------------------
FILE_PORT = 8196


def _memory_kib(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak since the last reset) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak(pid: int) -> None:
    # Writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one.
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _sample_file(path: Path, size: int) -> None:
    """A PDF of `size` bytes, written in pieces (the bench holds no whole file either)."""
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        written, block = 9, os.urandom(1 << 16)
        while written < size:
            piece = block[: min(len(block), size - written)]
            out.write(piece)
            written += len(piece)


@asynccontextmanager
async def api_process(url: str, port: int, **settings: str) -> AsyncIterator[tuple[str, int]]:
    """Samskap's API in a uvicorn process of its own (tests.processes), with settings as
    SAMSKAP_ variables: its base URL and process id."""
    env = {f"SAMSKAP_{name.upper()}": value for name, value in settings.items()}
    async with serving(url, port, env) as (base, process):
        yield base, process.pid


async def bench_files(url: str) -> None:
    """Upload and download 1 MB and 10 MB files through a uvicorn process of its own, with
    the process's peak memory growth (resident size) during each request: streaming means it
    does not grow with the file's size."""
    await asyncio.to_thread(migrate, "head", url)
    setup = create_app(Settings(database_url=url))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=setup), base_url="http://bench"
    ) as local:
        await log_in(setup, local)
        programme = await _post(
            local,
            "/programmes",
            {"name": "Filer", "municipalities": [{"name": "Ski", "number": "0213"}]},
        )
        token = local.headers["Authorization"]
    await setup.state.engine.dispose()

    folder = Path(tempfile.mkdtemp(prefix="samskap-bench-files-"))
    async with (
        api_process(url, FILE_PORT) as (base, server_pid),
        httpx.AsyncClient(base_url=base, headers={"Authorization": token}, timeout=120) as http,
    ):
        print(f"database: {url.split('://')[0]}; files through uvicorn (pid {server_pid})")
        # The first round warms the process up (imports, connections) and is not shown.
        for round_no, size_mb in enumerate((1, 1, 10, 1, 10)):
            path = folder / f"fil-{size_mb}.pdf"
            _sample_file(path, size_mb * 1_000_000)
            _reset_peak(server_pid)
            before = _memory_kib(server_pid, "VmRSS")
            started = time.perf_counter()
            with path.open("rb") as content:
                r = await http.post(
                    f"{API}/files",
                    params={"programme_id": programme["id"]},
                    files={"file": (path.name, content, "application/pdf")},
                )
            r.raise_for_status()
            upload_ms = (time.perf_counter() - started) * 1000
            upload_growth = _memory_kib(server_pid, "VmHWM") - before
            file_id = r.json()["id"]

            _reset_peak(server_pid)
            before = _memory_kib(server_pid, "VmRSS")
            started, received = time.perf_counter(), 0
            async with http.stream("GET", f"{API}/files/{file_id}/content") as download:
                download.raise_for_status()
                async for piece in download.aiter_bytes():
                    received += len(piece)
            download_ms = (time.perf_counter() - started) * 1000
            download_growth = _memory_kib(server_pid, "VmHWM") - before
            assert received == path.stat().st_size
            up, down = upload_growth / 1024, download_growth / 1024
            if round_no == 0:
                continue
            print(
                f"{size_mb:>2} MB  upload {upload_ms:8.1f} ms, peak +{up:5.1f} MiB"
                f"   download {download_ms:8.1f} ms, peak +{down:5.1f} MiB"
            )


# The delivery matrix (issue 10): 50 areas by 4 versions ---------------------------------
MATRIX_AREAS, MATRIX_LABELS = 50, ("1", "2", "3", "endelig")


async def fill_matrix(app, http: httpx.AsyncClient) -> str:
    """A programme with 50 projects, each with a submission of 4 versions answering 4
    deadlines: version 1 on time, 2 late for every third area, 3 missing for every fifth,
    the final one pending."""
    programme = await _post(
        http,
        "/programmes",
        {"name": "Matrix benchmark", "municipalities": [{"name": "Ski", "number": "0213"}]},
    )
    pid = programme["id"]
    person = await _post(http, "/people", {"programme_id": pid, "name": "Mottaker"})
    template = await _post(http, "/templates", {"programme_id": pid, "title": "Mal for innspill"})
    now = datetime.now(UTC).replace(microsecond=0)
    dues = [now - timedelta(days=30), now - timedelta(days=20), now - timedelta(days=10)]
    dues.append(now + timedelta(days=10))
    deadlines = [
        await _post(
            http,
            "/deadlines",
            {
                "programme_id": pid,
                "title": f"Versjon {label}",
                "due_at": due.isoformat(),
                "responsible_person_id": person["id"],
            },
        )
        for label, due in zip(MATRIX_LABELS, dues, strict=True)
    ]
    submitted: list[tuple[uuid.UUID, datetime]] = []
    for i in range(MATRIX_AREAS):
        project = await _post(
            http, "/projects", {"programme_id": pid, "code": f"M{i:03}", "name": f"Område {i}"}
        )
        submission = await _post(
            http,
            "/submissions",
            {
                "programme_id": pid,
                "title": f"Arbeidsbok {i}",
                "template_id": template["id"],
                "project_id": project["id"],
            },
        )
        for n, (label, deadline) in enumerate(zip(MATRIX_LABELS, deadlines, strict=True)):
            version = await _post(
                http,
                "/submission-versions",
                {
                    "submission_id": submission["id"],
                    "label": label,
                    "position": n + 1,
                    "deadline_id": deadline["id"],
                },
            )
            late = n == 1 and i % 3 == 0
            if n < 2 or (n == 2 and i % 5 != 0):
                at = dues[n] + (timedelta(hours=5) if late else -timedelta(hours=2))
                submitted.append((uuid.UUID(version["id"]), at))
    async with app.state.sessions() as session:
        for version_id, at in submitted:
            await session.execute(
                update(SubmissionVersion)
                .where(SubmissionVersion.id == version_id)
                .values(status=VersionStatus.submitted, submitted_at=at)
            )
        await session.commit()
    return pid


async def bench_matrix(url: str) -> None:
    await asyncio.to_thread(migrate, "head", url)
    app = create_app(Settings(database_url=url))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        await log_in(app, http)
        started = time.perf_counter()
        pid = await fill_matrix(app, http)
        print(
            f"database: {url.split('://')[0]}; delivery matrix filled in "
            f"{time.perf_counter() - started:.1f} s"
        )
        shape = (await http.get(f"{API}/delivery-matrix", params={"programme_id": pid})).json()
        assert len(shape["areas"]) == MATRIX_AREAS and len(shape["versions"]) == 4
        await timed_tail(
            f"GET /delivery-matrix ({MATRIX_AREAS} areas x {len(MATRIX_LABELS)} versions)",
            lambda i: http.get(f"{API}/delivery-matrix", params={"programme_id": pid}),
            rounds=100,
        )
    await app.state.engine.dispose()


def main() -> None:
    import sys

    from tests.bench_outbound import bench_queue, bench_webhooks
    from tests.bench_transfer import bench_export, bench_import

    parts = {
        "files": bench_files,
        "matrix": bench_matrix,
        "import": bench_import,
        "export": bench_export,
        "queue": bench_queue,
        "webhooks": bench_webhooks,
    }
    chosen = sys.argv[1:]
    if any(name not in parts for name in chosen):
        raise SystemExit(f"parts: {', '.join(parts)} (none: every part)")
    runs = [parts[name] for name in chosen] or [bench, *parts.values()]
    url = os.environ.get("SAMSKAP_BENCH_DATABASE_URL")
    if url:
        for run in runs:
            asyncio.run(run(url))
        return
    folder = Path(tempfile.mkdtemp(prefix="samskap-bench-"))
    for n, run in enumerate(runs):
        asyncio.run(run(f"sqlite+aiosqlite:///{folder / f'bench-{n}.db'}"))
    print()
    server = pg.start()
    try:
        for n, run in enumerate(runs):
            asyncio.run(run(server.create_database(f"bench_{n}")))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
