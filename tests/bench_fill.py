"""Filling a database at municipal scale for `make bench` (tests/bench_scale.py).

The programme, its people, projects (each with the five phases of a reorganisation), groups
and an API token are made through the API, as a client would; the bulk rows (tasks,
involvements with their participants, deadlines) are then written with COPY (asyncpg's
`copy_records_to_table`) on PostgreSQL, or `executemany` on SQLite, with the tables' own
secondary indexes dropped during the load and built again after it, then `ANALYZE`.
"""

import asyncio
import logging
import random
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import asyncpg
import httpx

from samskap.auth.passwords import hash_password
from samskap.cli import migrate
from samskap.config import Settings
from samskap.kit.ids import uuid7
from samskap.main import create_app
from samskap.models import User

API = "/api/v1"
ADMIN, PASSWORD = "bench@samskap.example", "benchmark password"


@dataclass
class Scale:
    tasks: int = 1_000_000
    involvements: int = 200_000
    deadlines: int = 20_000
    projects: int = 200
    people: int = 400
    largest: int = 170_000  # tasks of the largest project

    def scaled(self, factor: float) -> "Scale":
        """The same shape, `factor` times as many rows (projects and people stay)."""
        return Scale(
            tasks=int(self.tasks * factor),
            involvements=int(self.involvements * factor),
            deadlines=int(self.deadlines * factor),
            projects=self.projects,
            people=self.people,
            largest=int(self.largest * factor),
        )


@dataclass
class Filled:
    url: str
    programme_id: str
    token: str  # an API token's secret (read scope)
    projects: list[str]  # ids, largest project first
    task_counts: list[int]  # tasks per project, same order
    sample_tasks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def largest(self) -> str:
        return self.projects[0]

    @property
    def median(self) -> str:
        """The project whose task count is the median of all projects'."""
        order = sorted(range(len(self.projects)), key=lambda i: self.task_counts[i])
        return self.projects[order[len(order) // 2]]

    def count(self, project_id: str) -> int:
        return self.task_counts[self.projects.index(project_id)]


def project_sizes(scale: Scale) -> list[int]:
    """Tasks per project: one large project, the rest falling off as a power law (a few
    big service areas, most projects small), summing to `scale.tasks`."""
    rest = scale.tasks - scale.largest
    weights = [1 / (k**0.9) for k in range(1, scale.projects)]
    total = sum(weights)
    sizes = [max(1, int(rest * w / total)) for w in weights]
    sizes[0] += rest - sum(sizes)
    return [scale.largest, *sizes]


async def _post(http: httpx.AsyncClient, path: str, body: dict) -> dict:
    r = await http.post(API + path, json=body)
    if r.status_code >= 400:
        raise RuntimeError(f"POST {path}: {r.status_code} {r.text[:500]}")
    return r.json()


async def _log_in(app, http: httpx.AsyncClient) -> None:
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


async def _through_api(url: str, scale: Scale) -> dict:
    """The programme and its structure, made through the API in this process."""
    # Hundreds of requests made to fill the database: their log lines are not the bench's.
    app = create_app(Settings(database_url=url, log_level="WARNING"))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=60
        ) as http:
            await _log_in(app, http)
            programme = await _post(
                http,
                "/programmes",
                {
                    "name": "Fellesnemnda for nye Storby kommune",
                    "municipalities": [
                        {"name": "Ski", "number": "0213"},
                        {"name": "Oppegård", "number": "0217"},
                    ],
                },
            )
            pid = programme["id"]
            people = [
                (await _post(http, "/people", {"programme_id": pid, "name": f"Person {i:04}"}))[
                    "id"
                ]
                for i in range(scale.people)
            ]
            projects, phases, groups = [], {}, {}
            for i in range(scale.projects):
                project = await _post(
                    http,
                    "/projects",
                    {
                        "programme_id": pid,
                        "code": f"P{i:03}",
                        "name": f"Delprosjekt {i}",
                        # Every seventh project has no leader: compliance has findings.
                        "leader_id": people[i % scale.people] if i % 7 else None,
                        "phase_template": "reorganisation-five-phases",
                    },
                )
                projects.append(project["id"])
                group = await _post(
                    http,
                    "/groups",
                    {
                        "programme_id": pid,
                        "project_id": project["id"],
                        "kind": "working_group",
                        "name": f"Arbeidsgruppe {i}",
                    },
                )
                groups[project["id"]] = group["id"]
            r = await http.get(f"{API}/phases", params={"programme_id": pid, "limit": 500})
            listing = r.json()
            while True:
                for phase in listing["items"]:
                    phases.setdefault(phase["project_id"], []).append(phase["id"])
                if not listing["next_cursor"]:
                    break
                r = await http.get(
                    f"{API}/phases",
                    params={"programme_id": pid, "limit": 500, "cursor": listing["next_cursor"]},
                )
                listing = r.json()
            token = await _post(
                http,
                "/api-tokens",
                {"programme_id": pid, "name": "Ytelsesmåling", "scope": "read"},
            )
    finally:
        await app.state.engine.dispose()
    return {
        "programme_id": pid,
        "people": people,
        "projects": projects,
        "phases": phases,
        "groups": groups,
        "token": token["token"],
    }


def _uuid7_at(ms: int, rnd: random.Random) -> uuid.UUID:
    """A version 7 UUID for the millisecond `ms` (ids are time-ordered, as the app's are)."""
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rnd.getrandbits(12) << 64
    value |= 0b10 << 62
    value |= rnd.getrandbits(62)
    return uuid.UUID(int=value)


STATUSES = ["todo"] * 10 + ["in_progress"] * 5 + ["done"] * 4 + ["blocked"]
PRIORITIES = ["normal"] * 6 + ["low", "high", "high", "urgent"]


TASK_COLUMNS = (
    "id", "programme_id", "project_id", "phase_id", "group_id", "parent_id", "title",
    "description", "assignee_id", "status", "priority", "due_on", "created_at", "updated_at",
    "version", "external_id",
)  # fmt: skip
DEADLINE_COLUMNS = (
    "id", "programme_id", "project_id", "group_id", "title", "description", "due_at",
    "responsible_person_id", "responsible_group_id", "recipient_id", "event_id", "kind",
    "status", "submitted_at", "created_at", "updated_at", "version", "external_id",
)  # fmt: skip
INVOLVEMENT_COLUMNS = (
    "id", "programme_id", "project_id", "group_id", "matter", "stakeholder_kind", "form",
    "occurred_on", "head_count", "statements", "outcome", "documents", "archived_at",
    "created_at", "updated_at", "version", "external_id",
)  # fmt: skip
PARTICIPANT_COLUMNS = ("involvement_id", "person_id")


class Rows:
    """The bulk rows as tuples in the column orders above, made in chunks (a million tasks
    never sit in memory at once), with created_at spread over three years in id order."""

    def __init__(self, scale: Scale, made: dict, seed: int = 15):
        self.scale, self.rnd = scale, random.Random(seed)
        self.pid = uuid.UUID(made["programme_id"])
        self.people = [uuid.UUID(p) for p in made["people"]]
        self.projects = [uuid.UUID(p) for p in made["projects"]]
        self.phases = {uuid.UUID(k): [uuid.UUID(p) for p in v] for k, v in made["phases"].items()}
        self.groups = {uuid.UUID(k): uuid.UUID(v) for k, v in made["groups"].items()}
        self.sizes = project_sizes(scale)
        self.start = datetime(2023, 1, 2, 8, tzinfo=UTC)
        self.sample: list[str] = []

    def tasks(self, chunk: int):
        rnd = self.rnd
        # Every project's tasks interleaved through time, as work is done in parallel.
        owners = [i for i, n in enumerate(self.sizes) for _ in range(n)]
        rnd.shuffle(owners)
        start_ms = int(self.start.timestamp() * 1000)
        step = 3 * 365 * 86_400_000 // max(1, len(owners))
        every = max(1, len(owners) // 2000)
        batch = []
        for n, owner in enumerate(owners):
            project = self.projects[owner]
            ms = start_ms + n * step + rnd.randrange(max(1, step))
            at = datetime.fromtimestamp(ms / 1000, UTC)
            phase_ids = self.phases.get(project) or [None]
            task_id = _uuid7_at(ms, rnd)
            if n % every == 0:
                self.sample.append(str(task_id))
            batch.append(
                (
                    task_id,
                    self.pid,
                    project,
                    rnd.choice(phase_ids),
                    self.groups.get(project) if n % 3 == 0 else None,
                    None,
                    f"Oppgave {n}: kartlegge tjenester og ansvar",
                    None if n % 4 else "Gjennomgå avtaler og rutiner.",
                    rnd.choice(self.people) if n % 6 else None,
                    rnd.choice(STATUSES),
                    rnd.choice(PRIORITIES),
                    date(2024, 1, 1) + timedelta(days=rnd.randrange(900)) if n % 5 else None,
                    at,
                    at,
                    1,
                    None,
                )
            )
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch

    def _project(self):
        return self.rnd.choices(self.projects, self.sizes)[0]

    def deadlines(self, chunk: int):
        rnd, now, batch = self.rnd, datetime.now(UTC), []
        for n in range(self.scale.deadlines):
            due = now + timedelta(days=rnd.randrange(-400, 400), hours=rnd.randrange(24))
            status = "open" if n % 3 else rnd.choice(["submitted", "waived"])
            at = now - timedelta(days=500) + timedelta(seconds=n * 60)
            batch.append(
                (
                    _uuid7_at(int(at.timestamp() * 1000), rnd),
                    self.pid,
                    self._project(),
                    None,
                    f"Frist {n}: leveranse",
                    None,
                    due,
                    rnd.choice(self.people),
                    None,
                    None,
                    None,
                    rnd.choice(["submission", "milestone", "decision", "meeting"]),
                    status,
                    due - timedelta(hours=2) if status == "submitted" else None,
                    at,
                    at,
                    1,
                    None,
                )
            )
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch

    def involvements(self, chunk: int):
        """Involvements, each followed in `self.participants` by its 1 to 3 participants."""
        rnd, batch = self.rnd, []
        kinds = ["employees", "union_representatives", "safety_representatives", "citizens"]
        self.participants: list[tuple] = []
        for n in range(self.scale.involvements):
            at = self.start + timedelta(seconds=n * 400)
            iid = _uuid7_at(int(at.timestamp() * 1000), rnd)
            batch.append(
                (
                    iid,
                    self.pid,
                    self._project(),
                    None,
                    f"Sak {n}: ny organisering",
                    rnd.choice(kinds),
                    rnd.choice(["information", "consultation", "participation"]),
                    (at - timedelta(days=1)).date(),
                    None,
                    None,
                    None,
                    "[]",
                    None,
                    at,
                    at,
                    1,
                    None,
                )
            )
            for person in rnd.sample(self.people, 1 + n % 3):
                self.participants.append((iid, person))
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch

    def tables(self, chunk: int = 50_000):
        """(table, columns, chunks) in the order they may be loaded."""
        yield "task", TASK_COLUMNS, self.tasks(chunk)
        yield "deadline", DEADLINE_COLUMNS, self.deadlines(chunk)
        yield "involvement", INVOLVEMENT_COLUMNS, self.involvements(chunk)
        yield "involvement_participant", PARTICIPANT_COLUMNS, iter([self.participants])


def _pg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def _copy_pg(url: str, rows: Rows, say=print) -> None:
    conn = await asyncpg.connect(_pg_dsn(url))
    second = await asyncpg.connect(_pg_dsn(url))
    try:
        for each in (conn, second):
            await each.execute("SET maintenance_work_mem = '256MB'")
        # The rows are made consistent here (every reference is to a row made through the
        # API): the foreign keys' checks, a trigger per row and reference, are left out of
        # the load, which they would otherwise take most of.
        await conn.execute("SET session_replication_role = replica")
        for table, columns, chunks in rows.tables():
            began = time.perf_counter()
            # The table's indexes other than its keys, dropped for the load and built after.
            indexes = await conn.fetch(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   WHERE i.tablename = $1 AND i.schemaname = 'public' AND NOT EXISTS (
                     SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
                table,
            )
            for index in indexes:
                await conn.execute(f'DROP INDEX "{index["indexname"]}"')
            # The next chunk is made in a thread while PostgreSQL takes in this one.
            it = iter(chunks)
            pending = asyncio.ensure_future(asyncio.to_thread(next, it, None))
            count = 0
            while (chunk := await pending) is not None:
                pending = asyncio.ensure_future(asyncio.to_thread(next, it, None))
                await conn.copy_records_to_table(table, records=chunk, columns=list(columns))
                count += len(chunk)
            copied = time.perf_counter()
            # Two index builds at a time, one on each connection.
            definitions = [index["indexdef"] for index in indexes]

            async def build(on, mine):
                for definition in mine:
                    await on.execute(definition)

            await asyncio.gather(build(conn, definitions[::2]), build(second, definitions[1::2]))
            say(
                f"    {table}: {count:,} rows copied in {copied - began:.1f} s, "
                f"{len(indexes)} indexes built in {time.perf_counter() - copied:.1f} s"
            )
        began = time.perf_counter()
        await conn.execute("VACUUM ANALYZE")
        say(f"    VACUUM ANALYZE in {time.perf_counter() - began:.1f} s")
    finally:
        await conn.close()
        await second.close()


def _sqlite_value(value):
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _copy_sqlite(path: str, rows: Rows) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA synchronous = OFF")
        for table, columns, chunks in rows.tables():
            # As on PostgreSQL: the secondary indexes built after the load (SQLite's own for
            # keys and unique constraints have no SQL and stay).
            indexes = db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL",
                (table,),
            ).fetchall()
            for name, _ in indexes:
                db.execute(f'DROP INDEX "{name}"')
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            for chunk in chunks:
                db.executemany(
                    f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                    ([_sqlite_value(v) for v in row] for row in chunk),
                )
            for _, sql in indexes:
                db.execute(sql)
        db.commit()
        db.execute("ANALYZE")
        db.commit()
    finally:
        db.close()


async def fill(url: str, scale: Scale, say=print) -> Filled:
    """Migrate `url`'s empty database and fill it at `scale`."""
    started = time.perf_counter()
    await asyncio.to_thread(migrate, "head", url)
    say(f"  migrated in {time.perf_counter() - started:.1f} s")
    step = time.perf_counter()
    made = await _through_api(url, scale)
    say(
        f"  through the API: 1 programme, {scale.people} people, {scale.projects} projects "
        f"with 5 phases and a group each, an API token, in {time.perf_counter() - step:.1f} s"
    )
    step = time.perf_counter()
    rows = Rows(scale, made)
    if url.startswith("postgresql"):
        await _copy_pg(url, rows, say)
    else:
        await asyncio.to_thread(_copy_sqlite, url.split("///", 1)[1], rows)
    say(
        f"  in bulk: {scale.tasks:,} tasks, {scale.involvements:,} involvements "
        f"({len(rows.participants):,} participants), {scale.deadlines:,} deadlines, indexes "
        f"and ANALYZE in {time.perf_counter() - step:.1f} s"
    )
    return Filled(
        url=url,
        programme_id=made["programme_id"],
        token=made["token"],
        projects=made["projects"],
        task_counts=rows.sizes,
        sample_tasks=rows.sample,
        seconds=time.perf_counter() - started,
    )


if __name__ == "__main__":  # a quick look: python -m tests.bench_fill <url> [factor]
    import sys

    factor = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    result = asyncio.run(fill(sys.argv[1], Scale().scaled(factor)))
    print(result.programme_id, result.token, f"{result.seconds:.1f} s")
