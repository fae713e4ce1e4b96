"""`make bench-ladder`: where the CPU of one read goes, step by step down to the raw driver.

`make bench` compares Samskap's `GET /api/v1/tasks/{id}` with a raw-driver app (asyncpg and
orjson, tests/bench_raw.py). This takes the difference apart. Each step below is Samskap as
`samskap serve` runs it (the same middlewares: request log, metrics, request id, security
headers, body limits, gzip; the same route index), with the read of one task answered by a
shorter path than the one before it:

1. `samskap`: the route as it is, FastAPI's dependencies, the service, the response model;
2. `service`: the same service call (`TaskService.find` in a read session) and the same
   response model, with the caller taken from the kept callers and the rate limit counted,
   called straight from the route index instead of through FastAPI's route;
3. `core`: the same statement as SQLAlchemy Core on a connection of the engine's pool (in
   AUTOCOMMIT, as the read sessions are: no BEGIN and ROLLBACK around it);
4. `driver`: the same SQL sent to asyncpg on a connection of the engine's pool;
5. `asyncpg-pool`: the same SQL on a pool of asyncpg's own, beside SQLAlchemy's;
6. `constant`: no database: a fixed answer of a task's size (the middlewares and routing);

and, interleaved with them, the raw app itself. Steps 2 to 6 exist only in this tool's
processes (the route index is wrapped before the app starts): they leave out what only the
full route does (a caller not yet kept, 404s, query parameters), so they are floors to read
the table against, not ways to serve.

    python -m tests.bench_ladder [--rounds N] [--seconds S]

It reuses the database `make bench BENCH_FLAGS=--keep` filled (var/bench/pg), filling one at
a twentieth of the scale when there is none (a single-record read does not depend on it).
"""

import argparse
import asyncio
import json
import os
import sys
import time
import uuid
from typing import Any

STEPS = ("samskap", "service", "core", "driver", "asyncpg-pool", "constant")
TASK_PATH = "/api/v1/tasks/"


# In the served process ------------------------------------------------------------------
def _serving(step: str, host: str, port: int) -> None:
    """Serves Samskap with the read of one task answered by `step`'s path."""
    import uvicorn
    from pydantic import TypeAdapter
    from sqlalchemy import bindparam, select

    from samskap.auth.principal import callers
    from samskap.cli import KEEP_ALIVE_SECONDS
    from samskap.db import _read_sessions
    from samskap.kit import route_index
    from samskap.kit.etag import etag
    from samskap.main import serve_app
    from samskap.models import Task
    from samskap.tasks.schemas import TaskRead
    from samskap.tasks.service import TaskService

    adapter = TypeAdapter(TaskRead)
    by_id = select(*Task.__table__.c).where(
        Task.id == bindparam("id"), Task.programme_id == bindparam("programme")
    )
    state: dict = {}

    async def _sql(app) -> str:
        if "sql" not in state:
            compiled = str(by_id.compile(dialect=app.state.engine.dialect))
            state["sql"] = compiled.replace("%(id)s", "$1").replace("%(programme)s", "$2")
        return state["sql"]

    async def _own_pool(app):
        if "pool" not in state:
            import asyncpg

            state["pool"] = None  # the first request makes it; the others meanwhile decline
            url = app.state.settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
            state["pool"] = await asyncpg.create_pool(url, min_size=10, max_size=20)
        return state["pool"]

    async def answer(scope, send) -> bool:
        """Answers the read, or returns False for the route as it is to answer it."""
        app = scope["app"]
        if step == "constant":
            body, version = state.setdefault("constant", b'{"title":"' + b"x" * 560 + b'"}'), 1
        else:
            token = dict(scope["headers"]).get(b"authorization", b"")[7:].decode()
            known = callers.get((id(app.state.engine), token))
            if known is None:
                return False
            try:
                task_id = uuid.UUID(scope["path"][len(TASK_PATH) :])
            except ValueError:
                return False
            principal = known.principal
            if await app.state.token_limiter.hit(str(principal.token_id)) is not None:
                return False
            (programme,) = principal.roles
            found: Any = None
            if step == "service":
                sessions = _read_sessions(app) or app.state.sessions
                async with sessions() as session:
                    found = await TaskService(session, principal).find(task_id)
            elif step == "core":
                # On the engine of the read sessions: each statement its own transaction.
                if "reads" not in state:
                    state["reads"] = app.state.engine.execution_options(
                        isolation_level="AUTOCOMMIT"
                    )
                async with state["reads"].connect() as connection:
                    params = {"id": task_id, "programme": programme}
                    row = (await connection.execute(by_id, params)).first()
                    found = row and row._mapping
            elif step == "driver":
                async with app.state.engine.connect() as connection:
                    raw = (await connection.get_raw_connection()).driver_connection
                    row = await raw.fetchrow(await _sql(app), task_id, programme)
                    found = row and dict(row)
            else:
                pool = await _own_pool(app)
                if pool is None:
                    return False
                async with pool.acquire() as raw:
                    row = await raw.fetchrow(await _sql(app), task_id, programme)
                found = row and dict(row)
            if not found:
                return False  # the route answers the 404
            values = TaskRead.model_validate(found, from_attributes=step == "service")
            body, version = adapter.dump_json(values), values.version
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"etag", etag(version).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    handle = route_index.RouteIndex.handle

    async def handle_by_step(self, scope, receive, send):
        shorter = step != "samskap" and scope["method"] == "GET"
        if shorter and scope["path"].startswith(TASK_PATH) and await answer(scope, send):
            return
        await handle(self, scope, receive, send)

    route_index.RouteIndex.handle = handle_by_step  # type: ignore[method-assign]
    uvicorn.run(
        serve_app(),
        host=host,
        port=port,
        ws="none",
        proxy_headers=False,
        log_level="warning",
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


# The bench ------------------------------------------------------------------------------
def main() -> None:
    from tests import bench_scale as bench
    from tests.bench_fill import Filled, Scale, fill

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4)
    args = parser.parse_args()
    report = bench.Report()
    say = report.say
    kept, meta = bench.OUT / "pg", bench.OUT / "filled.json"
    say(f"make bench-ladder, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    say(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start")
    if (kept / "data").exists() and meta.exists():
        server = bench._postgres(kept, fresh=False)
        filled = Filled(**json.loads(meta.read_text()))
        say(f"PostgreSQL: the data kept in {kept}")
    else:
        server = bench._postgres(kept, fresh=True)
        url = server.create_database("bench")
        filled = asyncio.run(fill(url, Scale().scaled(0.05), say))
        meta.write_text(json.dumps(bench.dataclasses.asdict(filled)))
    url = server.url("bench")
    script = bench.paths_script([f"{TASK_PATH}{t}" for t in filled.sample_tasks])
    env = {
        "SAMSKAP_DATABASE_URL": url,
        "SAMSKAP_API_TOKEN_REQUESTS_PER_MINUTE": "1000000000",
        "SAMSKAP_RUN_WORKER": "false",
        "SAMSKAP_JWT_SECRET": "bench-ladder-" + "x" * 32,
        "SAMSKAP_LOG_FORMAT": "json",
    }
    servers = []
    try:
        for step in STEPS:
            command = [sys.executable, "-m", "tests.bench_ladder", "--serve", step]
            servers.append(bench.start_server(step, command, env))
        servers.append(bench.raw_app(url))
        check = f"{TASK_PATH}{filled.sample_tasks[0]}"
        answers = {}
        for each in servers:
            # Twice: the first request keeps the caller, the second takes the step's path.
            for _ in range(2):
                answer = bench.httpx.get(
                    each.base + check,
                    headers={"Authorization": f"Bearer {filled.token}"},
                    timeout=60,
                )
            answers[each.name] = answer.json()
        differing = [
            name for name, a in answers.items() if name != "constant" and a != answers["samskap"]
        ]
        say(
            "the same task from every step and the raw app: "
            + ("yes" if not differing else f"NO, differs from {differing}")
        )
        figure = bench.Figure("GET one task", "/", script)
        bench.interleaved([figure], servers, filled.token, args.rounds, args.seconds)
    finally:
        for each in servers:
            each.stop()
        server.shut_down()
    raw_cpu = figure.median("raw", "cpu_ms")
    raw_rps = figure.median("raw", "rps")
    say(
        f"\nGET one task, wrk {bench.CONNECTIONS} connections, {args.seconds:g} s a run, "
        f"{args.rounds} rounds in turns, medians"
    )
    say(f"{'step':<14} {'req/s':>7} {'vs raw':>7} {'CPU ms/req':>11} {'vs raw':>7} {'less':>7}")
    previous = None
    for each in servers:
        cpu, rps = figure.median(each.name, "cpu_ms"), figure.median(each.name, "rps")
        less = f"{previous - cpu:>7.2f}" if previous is not None else f"{'':>7}"
        say(
            f"{each.name:<14} {rps:>7.0f} {rps / raw_rps:>7.2f} {cpu:>11.2f} "
            f"{cpu / raw_cpu:>6.1f}x {less}"
        )
        previous = cpu
    failed = sum(figure.failed(each.name) for each in servers)
    if failed:
        say(f"({failed} requests failed)")
    path = bench.OUT / "ladder.txt"
    path.write_text("\n".join(report.lines) + "\n")
    say(f"(written to {path.relative_to(bench.ROOT)})")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        chosen = sys.argv[2]
        rest = sys.argv[3:]
        host = rest[rest.index("--host") + 1]
        port = int(rest[rest.index("--port") + 1])
        _serving(chosen, host, port)
    else:
        main()
