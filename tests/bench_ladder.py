"""`make bench-ladder`: where the CPU of one read goes, step by step down to the raw driver.

`make bench` compares Samskap's `GET /api/v1/tasks/{id}` with a raw-driver app (asyncpg and
orjson, tests/bench_raw.py). This takes the difference apart. Each step below is Samskap as
`samskap serve` runs it (the same middlewares: request log, metrics, request id, security
headers, body limits, gzip; the same route index), with the read of one task answered by a
shorter path than the one before it:

1. `samskap`: the route as it is, FastAPI's dependencies, the service, the response model;
2. `service`: the same service calls as the route (`TaskService.find`, a list page by
   `list_rows`) in a read session and the same response models, with the caller taken from
   the kept callers and the rate limit counted, called straight from the route index
   instead of through FastAPI's route;
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
LIST_PATH = "/api/v1/tasks"
TASK_PATH = LIST_PATH + "/"
LIST_PARAMETERS = {"programme_id", "project_id", "status", "limit"}


# In the served process ------------------------------------------------------------------
def _serving(step: str, host: str, port: int) -> None:
    """Serves Samskap with the read of one task and the list's first page answered by
    `step`'s path."""
    from urllib.parse import parse_qs

    import uvicorn
    from pydantic import TypeAdapter
    from sqlalchemy import bindparam, select

    from samskap.auth.principal import callers
    from samskap.cli import KEEP_ALIVE_SECONDS
    from samskap.db import _read_sessions
    from samskap.kit import route_index
    from samskap.kit.etag import etag
    from samskap.kit.listing import ListQuery, _encode_cursor
    from samskap.main import serve_app
    from samskap.models import Task
    from samskap.models.enums import TaskStatus
    from samskap.tasks.schemas import TaskPage, TaskRead
    from samskap.tasks.service import TaskService

    one_json, page_json = TypeAdapter(TaskRead), TypeAdapter(TaskPage)
    # The route reads a list page as rows of these columns (kit/routes.py).
    row_columns = TaskService.row_columns(TaskRead.model_fields)
    assert row_columns is not None
    columns = select(*Task.__table__.c)
    by_id = columns.where(Task.id == bindparam("id"), Task.programme_id == bindparam("programme"))
    by_status = (
        columns.where(
            Task.programme_id == bindparam("programme"),
            Task.project_id == bindparam("project"),
            Task.status == bindparam("status"),
        )
        .order_by(Task.created_at, Task.id)
        .limit(bindparam("limit"))
    )
    state: dict = {}

    def _driver_sql(app, stmt) -> tuple[str, list[str]]:
        """The statement as the driver takes it (`$1`, `$2`...) and its parameters' names in
        that order."""
        key = ("sql", id(stmt))
        if key not in state:
            compiled = stmt.compile(dialect=app.state.engine.dialect)
            state[key] = (str(compiled), list(compiled.positiontup or ()))
        return state[key]

    async def _own_pool(app):
        if "pool" not in state:
            import asyncpg

            state["pool"] = None  # the first request makes it; the others meanwhile decline
            url = app.state.settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
            state["pool"] = await asyncpg.create_pool(url, min_size=10, max_size=20)
        return state["pool"]

    async def _rows(app, stmt, params: dict) -> list[Any] | None:
        """The rows of a Core statement, by the step's way to the database."""
        if step == "core":
            # On the engine of the read sessions: each statement its own transaction.
            if "reads" not in state:
                state["reads"] = app.state.engine.execution_options(isolation_level="AUTOCOMMIT")
            async with state["reads"].connect() as connection:
                result = await connection.execute(stmt, params)
                names = list(result.keys())  # plain dicts, as CrudService.list_rows gives
                return [dict(zip(names, row, strict=True)) for row in result]
        sql, names = _driver_sql(app, stmt)
        values = [params[name] for name in names]
        if step == "driver":
            async with app.state.engine.connect() as connection:
                raw = (await connection.get_raw_connection()).driver_connection
                return [dict(row) for row in await raw.fetch(sql, *values)]
        pool = await _own_pool(app)
        if pool is None:
            return None
        async with pool.acquire() as raw:
            return [dict(row) for row in await raw.fetch(sql, *values)]

    async def _one(app, principal, programme, task_id) -> tuple[bytes, int] | None:
        if step == "service":
            async with (_read_sessions(app) or app.state.sessions)() as session:
                found: Any = await TaskService(session, principal).find(task_id)
        else:
            rows = await _rows(app, by_id, {"id": task_id, "programme": programme})
            found = rows[0] if rows else None
        if found is None:
            return None  # the route answers the 404
        values = TaskRead.model_validate(found, from_attributes=step == "service")
        return one_json.dump_json(values), values.version

    async def _page(app, principal, programme, query: bytes) -> bytes | None:
        given = {name: values[-1] for name, values in parse_qs(query.decode()).items()}
        if set(given) != LIST_PARAMETERS or uuid.UUID(given["programme_id"]) != programme:
            return None
        project, status = uuid.UUID(given["project_id"]), TaskStatus(given["status"])
        limit = int(given["limit"])
        if step == "service":
            filters = {"programme_id": [programme], "project_id": [project], "status": [status]}
            async with (_read_sessions(app) or app.state.sessions)() as session:
                items, next_cursor = await TaskService(session, principal).list_rows(
                    ListQuery(filters, None, "created_at", limit, None), row_columns
                )
        else:
            params = {"programme": programme, "project": project, "status": status}
            rows = await _rows(app, by_status, {**params, "limit": limit + 1})
            if rows is None:
                return None
            items, next_cursor = list(rows[:limit]), None
            if len(rows) > limit:
                next_cursor = _encode_cursor("created_at", items[-1]["created_at"], items[-1]["id"])
        page = {"items": items, "next_cursor": next_cursor}
        return page_json.dump_json(TaskPage.model_validate(page, from_attributes=True))

    async def answer(scope, send) -> bool:
        """Answers the read, or returns False for the route as it is to answer it."""
        app, path = scope["app"], scope["path"]
        version = None
        if step == "constant":
            task = b'{"title":"' + b"x" * 560 + b'"}'
            body = task if path != LIST_PATH else b'{"items":[' + b",".join([task] * 50) + b"]}"
            version = 1 if path != LIST_PATH else None
        else:
            token = dict(scope["headers"]).get(b"authorization", b"")[7:].decode()
            known = callers.get((id(app.state.engine), token))
            if known is None:
                return False
            try:
                task_id = uuid.UUID(path[len(TASK_PATH) :]) if path != LIST_PATH else None
            except ValueError:
                return False
            principal = known.principal
            if await app.state.token_limiter.hit(str(principal.token_id)) is not None:
                return False
            (programme,) = principal.roles
            if task_id is not None:
                read = await _one(app, principal, programme, task_id)
                if read is None:
                    return False
                body, version = read
            else:
                page = await _page(app, principal, programme, scope["query_string"])
                if page is None:
                    return False
                body = page
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        if version is not None:
            headers.append((b"etag", etag(version).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    handle = route_index.RouteIndex.handle

    async def handle_by_step(self, scope, receive, send):
        ours = scope["path"] == LIST_PATH or scope["path"].startswith(TASK_PATH)
        if step != "samskap" and scope["method"] == "GET" and ours and await answer(scope, send):
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
        figures = [
            bench.Figure("GET one task (2,000 different ids)", "/", script),
            bench.Figure(
                "list, largest project, first page", bench.list_path(filled, filled.largest)
            ),
        ]
        checks = [f"{TASK_PATH}{filled.sample_tasks[0]}", figures[1].target]
        answers: dict[str, list] = {}
        for each in servers:
            answers[each.name] = []
            for check in checks:
                # Twice: the first request keeps the caller, the second takes the step's path.
                for _ in range(2):
                    answer = bench.httpx.get(
                        each.base + check,
                        headers={"Authorization": f"Bearer {filled.token}"},
                        timeout=60,
                    )
                answers[each.name].append((answer.status_code, answer.json()))
        differing = [
            name for name, a in answers.items() if name != "constant" and a != answers["samskap"]
        ]
        say(
            "the same task and the same page from every step and the raw app: "
            + ("yes" if not differing else f"NO, they differ from {differing}")
        )
        bench.interleaved(figures, servers, filled.token, args.rounds, args.seconds)
    finally:
        for each in servers:
            each.stop()
        server.shut_down()
    say(
        f"\nwrk {bench.CONNECTIONS} connections, {args.seconds:g} s a run, {args.rounds} rounds "
        "in turns, medians; `less`: CPU per request saved against the step above"
    )
    for figure in figures:
        raw_cpu = figure.median("raw", "cpu_ms")
        raw_rps = figure.median("raw", "rps")
        say(f"\n{figure.label}")
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
