"""`make bench`: Samskap at municipal scale, side by side with a raw-driver app.

One run on a throwaway PostgreSQL server (tests/pg.py):

1. fills it with 1,000,000 tasks, 200,000 involvements, 20,000 deadlines and 200 projects
   (tests/bench_fill.py: the structure through the API, the bulk rows with COPY, ANALYZE);
2. starts Samskap (uvicorn, one worker) and the raw-driver app (tests/bench_raw.py: asyncpg
   and orjson, the same statements, the same JSON; one worker) on the same database, and
   checks that both give the same answers;
3. loads each with `wrk` (32 connections, one thread), Samskap and the raw app in turns
   (A, B, A, B, ...) for several rounds, and takes medians: requests per second, p50
   latency, and the server's CPU time per request (utime + stime of its processes from
   /proc, over the run, divided by the requests);
4. the compliance report and the overview with one reader (p50, answer size plain and
   gzip); the Samskap worker's memory (VmHWM, VmRSS); Samskap with 2 workers against 1 on
   the single-record read, interleaved too;
5. SQLite at 100,000 tasks: GET one and the list's first and a deep page.

It prints a table with a PASS/MISS column against issue 15's targets, writes the whole
output to var/bench/last.txt, asserts nothing and exits 0 unless something breaks.

    python -m tests.bench_scale [--keep] [--rounds N] [--seconds S]

--keep keeps the filled PostgreSQL data under var/bench/pg (and what the bench needs to
know of it in var/bench/filled.json) and reuses them on the next run with --keep, skipping
the fill. SAMSKAP_BENCH_ROUNDS and SAMSKAP_BENCH_SECONDS set the defaults of --rounds and
--seconds.
"""

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx

from tests import pg
from tests.bench_fill import Filled, Scale, fill
from tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
API = "/api/v1"
CONNECTIONS = 32
TICK = os.sysconf("SC_CLK_TCK")
SQLITE_SCALE = Scale(
    tasks=100_000, involvements=20_000, deadlines=2_000, projects=50, people=200, largest=60_000
)


# Output ---------------------------------------------------------------------------------
class Report:
    """Prints as it goes and keeps every line for var/bench/last.txt."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.verdicts: list[tuple[str, str, str, bool | None]] = []

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def judge(self, what: str, value: str, target: str, ok: bool | None) -> None:
        self.verdicts.append((what, value, target, ok))

    def save(self) -> Path:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "last.txt"
        path.write_text("\n".join(self.lines) + "\n")
        return path


# Processes -------------------------------------------------------------------------------
def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return found


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process and all its descendants (a uvicorn with workers)."""
    total = 0
    for each in _descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def memory_mib(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            values[name] = int(rest.split()[0]) / 1024
    return values


@dataclasses.dataclass
class Server:
    name: str
    base: str
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    def workers(self) -> list[int]:
        """The processes that answer requests: the children of a uvicorn with --workers,
        or the process itself."""
        children = [p for p in _descendants(self.pid) if p != self.pid]
        workers = []
        for child in children:
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"resource_tracker" not in cmdline:
                workers.append(child)
        return workers or [self.pid]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(name: str, command: list[str], env: dict[str, str]) -> Server:
    port = free_port()
    log = open(OUT / f"{name.replace(' ', '-')}.log", "w")  # noqa: SIM115 (lives with it)
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    server = Server(name, f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(server.base + API + "/health", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{name} did not start; see {log.name}")
        time.sleep(0.2)
    return server


def _has_serve_workers() -> bool:
    """Whether `samskap serve` takes --workers (else uvicorn is started directly)."""
    shown = subprocess.run(
        [sys.executable, "-m", "samskap.cli", "serve", "--help"], capture_output=True, text=True
    )
    return "--per-process-limits" in shown.stdout


def samskap(url: str, workers: int = 1) -> Server:
    """Samskap as it is served: `samskap serve --workers N` (each worker counting rate
    limits in its own memory, which the bench's one token never reaches)."""
    env = {
        "SAMSKAP_DATABASE_URL": url,
        # One API token makes every request of the bench: a limit per token would answer
        # 429 to all but the first few hundred of them.
        "SAMSKAP_API_TOKEN_REQUESTS_PER_MINUTE": "1000000000",
        # Jobs (compliance scans, reminders) run in `samskap worker`, as in production with
        # several API processes, not inside the API process being measured.
        "SAMSKAP_RUN_WORKER": "false",
        "SAMSKAP_JWT_SECRET": secrets.token_urlsafe(32),
        # The request log as a deployment writes it (JSON lines, as outside development).
        "SAMSKAP_LOG_FORMAT": "json",
    }
    name = "samskap" if workers == 1 else f"samskap {workers} workers"
    if _has_serve_workers():
        command = [sys.executable, "-m", "samskap.cli", "serve", "--workers", str(workers)]
        command += ["--per-process-limits"] if workers > 1 else []
    else:
        command = [sys.executable, "-m", "uvicorn", "samskap.main:create_app", "--factory"]
        command += ["--log-level", "warning", "--workers", str(workers)]
    return start_server(name, command, env)


def caller_seconds() -> float:
    """How long Samskap keeps a caller it has looked up (0 if it looks on every request)."""
    from samskap.auth import principal

    return float(getattr(principal, "CALLER_CACHE_SECONDS", 0))


def raw_app(url: str) -> Server:
    command = [sys.executable, "-m", "uvicorn", "tests.bench_raw:app", "--no-access-log"]
    command += ["--log-level", "warning"]
    env = {
        "SAMSKAP_BENCH_RAW_DATABASE_URL": url,
        "SAMSKAP_BENCH_RAW_CALLER_SECONDS": str(caller_seconds()),
    }
    return start_server("raw", command, env)


# Load ------------------------------------------------------------------------------------
@dataclasses.dataclass
class Run:
    rps: float
    p50_ms: float
    cpu_ms: float  # server CPU per request
    requests: int
    failed: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(server: Server, target: str, token: str, seconds: float, script: Path | None) -> Run:
    """One wrk run against `server`: `target` is a path, or (with a script) ignored."""
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    command += ["-H", f"Authorization: Bearer {token}"]
    if script is not None:
        command += ["-s", str(script)]
    before = cpu_seconds(server.pid)
    result = subprocess.run(
        [*command, server.base + target], capture_output=True, text=True, check=True
    )
    used = cpu_seconds(server.pid) - before
    out = result.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    failed = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        failed += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        failed += sum(int(g) for g in match.groups())
    return Run(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        p50_ms=_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        cpu_ms=used * 1000 / max(1, requests),
        requests=requests,
        failed=failed,
    )


def paths_script(paths: list[str]) -> Path:
    """A wrk script that asks for a random one of `paths` on every request."""
    body = ",\n".join(json.dumps(p) for p in paths)
    script = Path(tempfile.mkstemp(prefix="samskap-bench-", suffix=".lua")[1])
    script.write_text(
        f"local paths = {{\n{body}\n}}\nmath.randomseed(15)\n"
        "request = function()\n  return wrk.format('GET', paths[math.random(#paths)])\nend\n"
    )
    return script


@dataclasses.dataclass
class Figure:
    label: str
    target: str
    script: Path | None = None
    runs: dict[str, list[Run]] = dataclasses.field(default_factory=dict)

    def median(self, who: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in self.runs[who])

    def failed(self, who: str) -> int:
        return sum(r.failed for r in self.runs[who])


def interleaved(
    figures: list[Figure], servers: list[Server], token: str, rounds: int, seconds: float
) -> None:
    """Every figure on every server in turns, `rounds` times, after a short warm-up."""
    for figure in figures:
        for server in servers:
            wrk(server, figure.target, token, 1, figure.script)
            figure.runs[server.name] = []
        for _ in range(rounds):
            for server in servers:
                figure.runs[server.name].append(
                    wrk(server, figure.target, token, seconds, figure.script)
                )


# Cursors and answers ---------------------------------------------------------------------
def cursor(created_at, last_id) -> str:
    """Samskap's cursor for the page after the row (created_at, id) in the default order."""
    raw = json.dumps(
        {"s": "created_at", "v": created_at.isoformat(), "i": str(last_id)},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


async def _nth_row(url: str, filled: Filled, project: str, status: str, row: int):
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        count = await conn.fetchval(
            "SELECT count(*) FROM task WHERE programme_id = $1 AND project_id = $2 AND status = $3",
            __import__("uuid").UUID(filled.programme_id),
            __import__("uuid").UUID(project),
            status,
        )
        record = await conn.fetchrow(
            "SELECT created_at, id FROM task WHERE programme_id = $1 AND project_id = $2 "
            "AND status = $3 ORDER BY created_at, id OFFSET $4 LIMIT 1",
            __import__("uuid").UUID(filled.programme_id),
            __import__("uuid").UUID(project),
            status,
            min(row, count) - 1,
        )
    finally:
        await conn.close()
    return count, record


def _sqlite_nth_row(url: str, filled: Filled, project: str, status: str, row: int):
    import sqlite3
    import uuid
    from datetime import UTC, datetime

    db = sqlite3.connect(url.split("///", 1)[1])
    try:
        args = (uuid.UUID(filled.programme_id).hex, uuid.UUID(project).hex, status)
        where = "programme_id = ? AND project_id = ? AND status = ?"
        count = db.execute(f"SELECT count(*) FROM task WHERE {where}", args).fetchone()[0]
        created, task_id = db.execute(
            f"SELECT created_at, id FROM task WHERE {where} ORDER BY created_at, id "
            "LIMIT 1 OFFSET ?",
            (*args, min(row, count) - 1),
        ).fetchone()
    finally:
        db.close()
    at = datetime.fromisoformat(created).replace(tzinfo=UTC)
    return count, {"created_at": at, "id": uuid.UUID(task_id)}


def list_path(filled: Filled, project: str, after=None) -> str:
    path = (
        f"{API}/tasks?programme_id={filled.programme_id}&project_id={project}&status=todo&limit=50"
    )
    if after is not None:
        path += f"&cursor={cursor(after['created_at'], after['id'])}"
    return path


def same_answers(servers: list[Server], token: str, paths: list[str]) -> list[str]:
    """The paths whose answers differ between the servers (parsed JSON compared)."""
    differing = []
    headers = {"Authorization": f"Bearer {token}"}
    for path in paths:
        answers = []
        for server in servers:
            r = httpx.get(server.base + path, headers=headers, timeout=60)
            try:
                answers.append((r.status_code, r.json()))
            except ValueError:
                answers.append((r.status_code, r.text))
        if any(a != answers[0] for a in answers[1:]):
            differing.append(path)
    return differing


def _normal(statement: str) -> str:
    return " ".join(statement.split())


async def _samskap_statements(url: str, token: str, paths: list[str]) -> list[list[str]]:
    """The statements Samskap sends for each path, captured from its engine in this process
    (the token's once-a-minute UPDATE of its last use left out)."""
    from sqlalchemy import event

    from samskap.config import Settings
    from samskap.main import create_app

    app = create_app(Settings(database_url=url, log_level="WARNING"))
    captured: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith("UPDATE api_token"):
            captured.append(_normal(statement))

    event.listen(app.state.engine.sync_engine, "before_cursor_execute", note)
    found = []
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers={"Authorization": f"Bearer {token}"},
        ) as http:
            for path in paths:
                captured.clear()
                (await http.get(path)).raise_for_status()
                found.append(list(captured))
    finally:
        await app.state.engine.dispose()
    return found


def compare_statements(report: Report, url: str, token: str, paths: dict[str, str]) -> None:
    """Whether the raw app still sends what Samskap sends (Samskap changes; the raw app's
    statements are copies)."""
    from tests import bench_raw

    expected = {
        "GET one task": [bench_raw.TOKEN_SQL, bench_raw.TASK_SQL],
        "list, first page": [bench_raw.TOKEN_SQL, bench_raw.LIST_SQL],
        "list, later page": [bench_raw.TOKEN_SQL, bench_raw.LIST_AFTER_SQL],
    }
    kept = caller_seconds()
    report.say(
        f"  (Samskap keeps a caller it has looked up for {kept:g} s; so does the raw app)"
        if kept
        else "  (Samskap looks the caller up on every request; so does the raw app)"
    )
    found = asyncio.run(_samskap_statements(url, token, list(paths.values())))
    for n, ((label, _), statements) in enumerate(zip(paths.items(), found, strict=True)):
        # Within the period a caller is kept, only the first request looks the token up.
        raw = [_normal(s) for s in expected[label][(1 if kept and n else 0) :]]
        if statements == raw:
            report.say(f"  {label}: {len(statements)} statements, the raw app's are the same")
        else:
            report.say(
                f"  {label}: Samskap sends {len(statements)} statements, unlike the raw app:"
            )
            for statement in statements:
                report.say(f"    {statement}")


def one_reader(server: Server, token: str, path: str, count: int, budget: float) -> dict:
    """p50 of `count` requests one after another (after one not counted; fewer if they
    exceed `budget` seconds), asking for gzip as a browser does; the answer's size plain
    and as sent with gzip."""
    headers = {"Authorization": f"Bearer {token}"}
    samples: list[float] = []
    with httpx.Client(base_url=server.base, headers=headers, timeout=120) as http:
        plain = http.get(path, headers={"Accept-Encoding": "identity"})
        if plain.status_code != 200:
            return {"error": f"{plain.status_code} {plain.text[:200]}"}
        started = time.monotonic()
        wire, encoding = 0, ""
        for _ in range(count):
            begin = time.perf_counter()
            with http.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as r:
                wire = sum(len(piece) for piece in r.iter_raw())
                encoding = r.headers.get("content-encoding", "")
            samples.append((time.perf_counter() - begin) * 1000)
            if r.status_code != 200:
                return {"error": f"{r.status_code}"}
            if time.monotonic() - started > budget:
                break
    return {
        "p50": statistics.median(samples),
        "n": len(samples),
        "plain": len(plain.content),
        "gzip": wire,
        "encoded": encoding == "gzip",
        "gzip_if": len(gzip.compress(plain.content, 6)),
    }


# The parts -------------------------------------------------------------------------------
def _ratio(a: float, b: float) -> float:
    """a / b; not a number when either side answered nothing (never a PASS)."""
    return a / b if a and b else float("nan")


def print_figures(report: Report, figures: list[Figure], names: tuple[str, str] | None) -> None:
    say = report.say
    if names:
        a, b = names
        say(
            f"{'figure':<44} {'Samskap req/s':>13} {'raw req/s':>10} {'ratio':>6}   "
            f"{'p50 ms':>7} {'raw':>6}   {'CPU ms/req':>10} {'raw':>6} {'ratio':>6}"
        )
        for f in figures:
            rps_a, rps_b = f.median(a, "rps"), f.median(b, "rps")
            p_a, p_b = f.median(a, "p50_ms"), f.median(b, "p50_ms")
            c_a, c_b = f.median(a, "cpu_ms"), f.median(b, "cpu_ms")
            failed = f.failed(a) + f.failed(b)
            say(
                f"{f.label:<44} {rps_a:>13.0f} {rps_b:>10.0f} {_ratio(rps_a, rps_b):>6.2f}   "
                f"{p_a:>7.2f} {p_b:>6.2f}   {c_a:>10.2f} {c_b:>6.2f} {_ratio(c_a, c_b):>6.1f}"
                + (f"   ({failed} failed)" if failed else "")
            )
    else:
        say(f"{'figure':<44} {'req/s':>8} {'p50 ms':>8} {'CPU ms/req':>11}")
        for f in figures:
            (name,) = f.runs
            failed = f.failed(name)
            say(
                f"{f.label:<44} {f.median(name, 'rps'):>8.0f} {f.median(name, 'p50_ms'):>8.2f} "
                f"{f.median(name, 'cpu_ms'):>11.2f}" + (f"   ({failed} failed)" if failed else "")
            )


def postgres_part(report: Report, url: str, filled: Filled, rounds: int, seconds: float):
    say = report.say
    largest, median = filled.largest, filled.median
    largest_todo, deep_row = asyncio.run(_nth_row(url, filled, largest, "todo", 50_000))
    median_todo, _ = asyncio.run(_nth_row(url, filled, median, "todo", 1))
    median_row = max(1, median_todo // 2)
    _, median_deep = asyncio.run(_nth_row(url, filled, median, "todo", median_row))
    say(
        f"largest project: {filled.count(largest):,} tasks ({largest_todo:,} todo); median "
        f"project: {filled.count(median):,} tasks ({median_todo:,} todo)"
    )
    one_script = paths_script([f"{API}/tasks/{t}" for t in filled.sample_tasks])
    figures = [
        Figure("GET one task (2,000 different ids)", "/", one_script),
        Figure("list, largest project, first page", list_path(filled, largest)),
        Figure(
            f"list, largest project, after row {min(50_000, largest_todo):,}",
            list_path(filled, largest, deep_row),
        ),
        Figure("list, median project, first page", list_path(filled, median)),
        Figure(
            f"list, median project, after row {median_row:,}",
            list_path(filled, median, median_deep),
        ),
    ]
    say("Samskap's statements per request (captured from its engine now):")
    compare_statements(
        report,
        url,
        filled.token,
        {
            "GET one task": f"{API}/tasks/{filled.sample_tasks[0]}",
            "list, first page": list_path(filled, largest),
            "list, later page": list_path(filled, largest, deep_row),
        },
    )
    servers = [samskap(url), raw_app(url)]
    try:
        check = [f"{API}/tasks/{t}" for t in filled.sample_tasks[:3]]
        check += [f.target for f in figures[1:]]
        differing = same_answers(servers, filled.token, check)
        say(
            "same answers from Samskap and the raw app (one task, each list page): "
            + ("yes" if not differing else f"NO, they differ on {differing}")
        )
        idle = memory_mib(servers[0].pid)
        started = time.perf_counter()
        interleaved(figures, servers, filled.token, rounds, seconds)
        loaded = memory_mib(servers[0].pid)
        raw_memory = memory_mib(servers[1].pid)
        say(
            f"\nUnder load: wrk, {CONNECTIONS} connections, 1 thread, {seconds:g} s a run, "
            f"{rounds} rounds Samskap/raw in turns, medians ({time.perf_counter() - started:.0f} s)"
        )
        print_figures(report, figures, ("samskap", "raw"))
        one, first_l, deep_l, first_m, deep_m = figures
        deep_largest = _ratio(
            deep_l.median("samskap", "p50_ms"), first_l.median("samskap", "p50_ms")
        )
        deep_median = _ratio(
            deep_m.median("samskap", "p50_ms"), first_m.median("samskap", "p50_ms")
        )
        say(
            f"deep page / first page, p50 latency: largest project {deep_largest:.2f}, "
            f"median project {deep_median:.2f} (raw app: "
            f"{_ratio(deep_l.median('raw', 'p50_ms'), first_l.median('raw', 'p50_ms')):.2f}, "
            f"{_ratio(deep_m.median('raw', 'p50_ms'), first_m.median('raw', 'p50_ms')):.2f})"
        )
        rps_ratio = _ratio(one.median("samskap", "rps"), one.median("raw", "rps"))
        cpu_ratio = _ratio(one.median("samskap", "cpu_ms"), one.median("raw", "cpu_ms"))
        report.judge("GET one: throughput vs raw", f"{rps_ratio:.2f}", ">= 0.5", rps_ratio >= 0.5)
        report.judge("GET one: CPU per request vs raw", f"{cpu_ratio:.1f}x", "<= 2", cpu_ratio <= 2)
        for f in figures[1:]:
            r = _ratio(f.median("samskap", "rps"), f.median("raw", "rps"))
            report.judge(f"{f.label}: throughput vs raw", f"{r:.2f}", ">= 0.5", r >= 0.5)
        report.judge(
            "deep page / first page latency, largest",
            f"{deep_largest:.2f}",
            "<= 1.5",
            deep_largest <= 1.5,
        )
        report.judge(
            "deep page / first page latency, median",
            f"{deep_median:.2f}",
            "<= 1.5",
            deep_median <= 1.5,
        )

        say("\nOne reader (requests one after another, asking for gzip; sizes plain and as sent)")
        for label, path in (
            ("compliance", f"{API}/programmes/{filled.programme_id}/compliance"),
            ("overview", f"{API}/programmes/{filled.programme_id}/overview"),
        ):
            got = one_reader(servers[0], filled.token, path, 10, 40)
            if "error" in got:
                say(f"{label:<12} failed: {got['error']}")
                report.judge(f"{label}: p50, one reader", "failed", "<= 100 ms", False)
                report.judge(f"{label}: answer size", "failed", "< 100 KB", False)
                continue
            if got["encoded"]:
                sent = f"{got['gzip'] / 1024:.0f} KB gzip"
            else:
                sent = f"not compressed ({got['gzip_if'] / 1024:.0f} KB if it were)"
            say(
                f"{label:<12} p50 {got['p50']:8.1f} ms ({got['n']} requests)   "
                f"{got['plain'] / 1024:7.0f} KB plain, {sent}"
            )
            report.judge(
                f"{label}: p50, one reader",
                f"{got['p50']:.0f} ms",
                "<= 100 ms",
                got["p50"] <= 100,
            )
            report.judge(
                f"{label}: answer size",
                f"{got['plain'] / 1024:.0f} KB",
                "< 100 KB",
                got["plain"] < 100 * 1024,
            )

        say(
            f"\nMemory of the Samskap worker: {idle['VmRSS']:.0f} MB after start, "
            f"peak {loaded['VmHWM']:.0f} MB (VmHWM), {loaded['VmRSS']:.0f} MB now (VmRSS) "
            f"after the load; raw app peak {raw_memory['VmHWM']:.0f} MB"
        )
        report.judge(
            "worker RSS under load (VmHWM)",
            f"{loaded['VmHWM']:.0f} MB",
            "<= 150 MB",
            loaded["VmHWM"] <= 150,
        )
    finally:
        for server in servers:
            server.stop()

    # 2 workers against 1, on the single-record read, in turns.
    one_worker, two_workers = samskap(url, 1), samskap(url, 2)
    try:
        scaling = Figure("GET one task", "/", one_script)
        scaling.runs = {}
        for server in (one_worker, two_workers):
            wrk(server, "/", filled.token, 3, one_script)
            scaling.runs[server.name] = []
        for _ in range(rounds):
            for server in (one_worker, two_workers):
                scaling.runs[server.name].append(
                    wrk(server, "/", filled.token, seconds, one_script)
                )
        rps1 = scaling.median(one_worker.name, "rps")
        rps2 = scaling.median(two_workers.name, "rps")
        peaks = [memory_mib(p)["VmHWM"] for p in two_workers.workers()]
        say(
            f"\nSamskap with 2 workers vs 1, GET one task: {rps2:.0f} vs {rps1:.0f} req/s "
            f"({_ratio(rps2, rps1):.2f}x); p50 {scaling.median(two_workers.name, 'p50_ms'):.2f} vs "
            f"{scaling.median(one_worker.name, 'p50_ms'):.2f} ms; CPU ms/req "
            f"{scaling.median(two_workers.name, 'cpu_ms'):.2f} vs "
            f"{scaling.median(one_worker.name, 'cpu_ms'):.2f}; the 2 workers' peaks "
            + ", ".join(f"{p:.0f} MB" for p in peaks)
        )
        report.judge(
            "2 workers / 1 worker, GET one",
            f"{_ratio(rps2, rps1):.2f}",
            ">= 1.6",
            _ratio(rps2, rps1) >= 1.6,
        )
    finally:
        one_worker.stop()
        two_workers.stop()
    one_script.unlink(missing_ok=True)


def sqlite_part(report: Report, rounds: int, seconds: float) -> None:
    say = report.say
    folder = Path(tempfile.mkdtemp(prefix="samskap-bench-sqlite-"))
    url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    try:
        say(
            f"\nSQLite, {SQLITE_SCALE.tasks:,} tasks in {SQLITE_SCALE.projects} projects "
            f"(largest {SQLITE_SCALE.largest:,})"
        )
        filled = asyncio.run(fill(url, SQLITE_SCALE, say))
        largest = filled.largest
        count, after = _sqlite_nth_row(url, filled, largest, "todo", 50_000)
        deep = int(count * 0.8)
        count, after = _sqlite_nth_row(url, filled, largest, "todo", deep)
        script = paths_script([f"{API}/tasks/{t}" for t in filled.sample_tasks])
        figures = [
            Figure("GET one task", "/", script),
            Figure(
                f"list, largest project ({count:,} todo), first page", list_path(filled, largest)
            ),
            Figure(f"list, largest project, after row {deep:,}", list_path(filled, largest, after)),
        ]
        server = samskap(url)
        try:
            interleaved(figures, [server], filled.token, rounds, seconds)
        finally:
            server.stop()
        print_figures(report, figures, None)
        ratio = _ratio(
            figures[2].median("samskap", "p50_ms"), figures[1].median("samskap", "p50_ms")
        )
        say(f"deep page / first page, p50 latency: {ratio:.2f}")
        report.judge(
            "SQLite deep page / first page latency", f"{ratio:.2f}", "<= 1.5", ratio <= 1.5
        )
        script.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Running it ------------------------------------------------------------------------------
class BenchPostgres(pg.TemporaryPostgres):
    """tests/pg.py's server with room for the bench's servers' pools side by side (Samskap
    with 1 and with 2 workers, up to 20 connections each, and the raw app's 20) and a
    shared buffer that holds the large project's tasks and indexes."""

    @property
    def options(self) -> str:
        return (
            super().options.replace("max_connections=60", "max_connections=200")
            + " -c shared_buffers=512MB"
        )


def _postgres(root: Path, fresh: bool) -> BenchPostgres:
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; run it as the postgres system user.
        as_user = ["runuser", "-u", "postgres", "--"]
    server = BenchPostgres(root, free_port(), as_user)
    if fresh:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        if as_user:
            shutil.chown(root, "postgres", "postgres")
        server.initdb()
    server.start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep/reuse var/bench/pg")
    parser.add_argument(
        "--rounds", type=int, default=int(os.environ.get("SAMSKAP_BENCH_ROUNDS", 3))
    )
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("SAMSKAP_BENCH_SECONDS", 4))
    )
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the rows (trials)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk (make bench does)")
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report()
    say = report.say
    began = time.perf_counter()
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    say(f"make bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, on {commit[:90]}")
    say(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start")
    scale = Scale().scaled(args.scale) if args.scale != 1.0 else Scale()
    kept, meta = OUT / "pg", OUT / "filled.json"
    if args.keep and (kept / "data").exists() and meta.exists():
        server = _postgres(kept, fresh=False)
        filled = Filled(**json.loads(meta.read_text()))
        url = server.url("bench")
        filled.url = url
        say(f"\nPostgreSQL: reusing the data filled earlier in {kept}")
    else:
        root = kept if args.keep else Path(tempfile.mkdtemp(prefix="samskap-bench-pg-"))
        server = _postgres(root, fresh=True)
        url = server.create_database("bench")
        say(
            f"\nPostgreSQL: filling {scale.tasks:,} tasks, {scale.involvements:,} involvements, "
            f"{scale.deadlines:,} deadlines, {scale.projects} projects"
        )
        filled = asyncio.run(fill(url, scale, say))
        say(f"  filled in {filled.seconds:.0f} s")
        if args.keep:
            meta.write_text(json.dumps(dataclasses.asdict(filled)))
    try:
        postgres_part(report, url, filled, args.rounds, args.seconds)
    finally:
        if args.keep:
            server.shut_down()
        else:
            server.stop()
    if not args.no_sqlite:
        sqlite_part(report, args.rounds, args.seconds)

    say("\nAgainst issue 15's targets")
    say(f"{'':<6}{'figure':<58} {'result':>10}  {'target':<10}")
    for what, value, target, ok in report.verdicts:
        mark = "PASS" if ok else "MISS"
        say(f"{mark:<6}{what:<58} {value:>10}  {target}")
    say(f"\nmake bench took {(time.perf_counter() - began) / 60:.1f} minutes")
    say(f"(written to {report.save().relative_to(ROOT)})")
    report.save()


if __name__ == "__main__":
    main()
