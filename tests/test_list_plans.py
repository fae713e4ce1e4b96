"""The main lists keep their plans at any depth: the statement the app runs for a page is
served by one range of the list's composite index, with no sort and no other rows read,
on PostgreSQL also after more than five runs of it as a prepared statement and in the
generic plan; on SQLite by EXPLAIN QUERY PLAN. And SQLite is analysed after migrations."""

import asyncio
import json
import random
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, insert, select, text

from samskap.cli import migrate
from samskap.db import create_engine
from samskap.kit.listing import _encode_cursor
from samskap.main import create_app
from samskap.models import Deadline, Involvement, Task
from tests.accounts import Accounts
from tests.conftest import BACKEND, settings_for
from tests.factories import API, make_programme, make_project

TASKS, BIG_SHARE, OTHER_PROJECTS = 30_000, 0.6, 9
DEADLINES, INVOLVEMENTS = 6_000, 6_000
LIMIT = 50
STATUSES = ["todo", "in_progress", "blocked", "done"]


async def _fill(app, programme_id: str, project_ids: list[str]) -> None:
    """Tasks (most of them in the first project), deadlines and involvements, inserted in
    bulk, then the planner's statistics."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    programme = uuid.UUID(programme_id)
    projects = [uuid.UUID(p) for p in project_ids]
    big = int(TASKS * BIG_SHARE)

    def project_of(i: int) -> uuid.UUID:
        return projects[0] if i < big else projects[1 + i % OTHER_PROJECTS]

    common = {"programme_id": programme, "version": 1}
    tasks = [
        common
        | {
            "id": uuid.uuid4(),
            "project_id": project_of(i),
            "title": f"Oppgave {i}",
            "status": STATUSES[i % 4],
            "priority": "normal",
            "created_at": start + timedelta(minutes=i),
            "updated_at": start,
        }
        for i in range(TASKS)
    ]
    # Deadlines are not made in the order they fall due.
    due_order = list(range(DEADLINES))
    random.Random(15).shuffle(due_order)
    deadlines = [
        common
        | {
            "id": uuid.uuid4(),
            "project_id": projects[i % 3],
            "title": f"Frist {i}",
            "kind": "submission",
            "status": ["open", "submitted", "waived"][i % 3],
            "due_at": start + timedelta(hours=due_order[i]),
            "created_at": start,
            "updated_at": start,
        }
        for i in range(DEADLINES)
    ]
    involvements = [
        common
        | {
            "id": uuid.uuid4(),
            "project_id": projects[i % 3],
            "matter": f"Sak {i}",
            "stakeholder_kind": "employees",
            "form": "information",
            "occurred_on": date(2018, 1, 1) + timedelta(days=i % 2000),
            "documents": [],
            "created_at": start,
            "updated_at": start,
        }
        for i in range(INVOLVEMENTS)
    ]
    async with app.state.engine.begin() as connection:
        for model, rows in ((Task, tasks), (Deadline, deadlines), (Involvement, involvements)):
            await connection.execute(insert(model.__table__), rows)
    async with app.state.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("ANALYZE task, deadline, involvement"))
        else:
            await connection.execute(text("ANALYZE"))


async def _statement_of(app, client, path: str, params: dict, table: str):
    """The statement (and its parameters) that read the page of the list."""
    seen: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, *_args):
        seen.append((statement, tuple(parameters)))

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        r = await client.get(f"{API}/{path}", params=params)
        assert r.status_code == 200, r.text
        assert len(r.json()["items"]) == LIMIT
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    pages = [s for s in seen if re.search(rf"\bFROM {table}\b", s[0]) and "LIMIT" in s[0]]
    assert len(pages) == 1, seen
    return pages[0]


async def _cursor_after_row(app, model, order, where, row: int) -> str:
    """A cursor that starts the page after `row` rows of the list, as next_cursor would."""
    column, sort = order
    async with app.state.sessions() as session:
        value, last_id = (
            await session.execute(
                select(column, model.id)
                .where(*where)
                .order_by(column.desc() if sort.startswith("-") else column, model.id)
                .offset(row - 1)
                .limit(1)
            )
        ).one()
    return _encode_cursor(sort, value, last_id)


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


async def _postgres_plans(app, statement: str, parameters: tuple) -> dict[str, dict]:
    """EXPLAIN ANALYZE of the statement prepared, after six runs (when PostgreSQL may have
    switched to its generic plan), and in the generic plan it would switch to."""
    args = ", ".join(_literal(p) for p in parameters)
    plans = {}
    async with app.state.engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        await raw.execute(f"PREPARE page AS {statement}")
        try:
            for _ in range(6):
                await raw.execute(f"EXECUTE page({args})")
            for mode in ("auto", "force_generic_plan"):
                await raw.execute(f"SET plan_cache_mode = {mode}")
                explained = await raw.fetchval(
                    f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE page({args})"
                )
                # The engine's connections decode JSON themselves.
                if isinstance(explained, str):
                    explained = json.loads(explained)
                plans[mode] = explained[0]["Plan"]
        finally:
            await raw.execute("RESET plan_cache_mode; DEALLOCATE page")
    return plans


def _assert_one_index_range(plan: dict, table: str, index: str, generic: bool) -> None:
    nodes = list(_nodes(plan))
    shape = [(n["Node Type"], n.get("Relation Name"), n.get("Index Name")) for n in nodes]
    scans = [n for n in nodes if n.get("Relation Name") == table]
    assert [n.get("Index Name") for n in scans] == [index], shape
    assert not any("Sort" in n["Node Type"] for n in nodes), shape
    scan = scans[0]
    # It starts at the page's first row and stops after the page: no other project's,
    # status's or earlier page's rows are read and thrown away.
    assert scan["Actual Rows"] <= LIMIT + 1, scan
    assert scan.get("Rows Removed by Filter", 0) == 0, scan
    if generic:
        assert "$" in scan["Index Cond"], scan  # the parameters, not the values, planned


async def _sqlite_plan(app, statement: str, parameters: tuple) -> list[str]:
    async with app.state.engine.connect() as connection:
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return [row[-1] for row in rows]


async def _assert_served_by(app, statement, parameters, table: str, index: str) -> None:
    if BACKEND == "postgresql":
        plans = await _postgres_plans(app, statement, parameters)
        _assert_one_index_range(plans["auto"], table, index, generic=False)
        _assert_one_index_range(plans["force_generic_plan"], table, index, generic=True)
    else:
        details = await _sqlite_plan(app, statement, parameters)
        assert any(re.search(rf"\b{table} USING (COVERING )?INDEX {index}\b", d) for d in details)
        assert not any("TEMP B-TREE" in d for d in details), details


class Filled:
    """A database of its own with the lists' rows, filled once for this module's tests."""

    def __init__(self, app, client, programme: dict, projects: list[dict]) -> None:
        self.app, self.client = app, client
        self.programme, self.projects = programme, projects


@pytest.fixture(scope="module")
async def filled(databases) -> AsyncIterator[Filled]:
    url = databases.new("plans")
    await asyncio.to_thread(migrate, "head", url)  # Alembic runs its own event loop
    app = create_app(settings_for(url))
    accounts = Accounts(app)
    client = await accounts.client(system_admin=True)
    programme = await make_programme(client)
    projects = [await make_project(client, programme) for _ in range(1 + OTHER_PROJECTS)]
    await _fill(app, programme["id"], [p["id"] for p in projects])
    yield Filled(app, client, programme, projects)
    await accounts.close()
    await app.state.engine.dispose()


def _of(filled: Filled) -> tuple[dict, list[dict]]:
    return filled.programme, filled.projects


class TestListPlans:
    async def test_tasks_by_project_and_status_first_and_deep_page(self, filled):
        app, client, programme, projects = filled.app, filled.client, *_of(filled)
        big = projects[0]["id"]
        params = {"programme_id": programme["id"], "project_id": big, "status": "blocked"}
        params |= {"limit": LIMIT}
        index = "ix_task_programme_id_project_id_status_created_at_id"
        first = await _statement_of(app, client, "tasks", params, "task")
        await _assert_served_by(app, *first, "task", index)

        where = (Task.project_id == uuid.UUID(big), Task.status == "blocked")
        cursor = await _cursor_after_row(
            app, Task, (Task.created_at, "created_at"), where, row=4_000
        )
        deep = await _statement_of(app, client, "tasks", params | {"cursor": cursor}, "task")
        await _assert_served_by(app, *deep, "task", index)

    async def test_tasks_of_a_project_and_of_a_programme_by_status(self, filled):
        app, client, programme, projects = filled.app, filled.client, *_of(filled)
        by_project = {"programme_id": programme["id"], "project_id": projects[0]["id"]}
        page = await _statement_of(app, client, "tasks", by_project | {"limit": LIMIT}, "task")
        await _assert_served_by(app, *page, "task", "ix_task_programme_id_project_id_created_at_id")
        by_status = {"programme_id": programme["id"], "status": "done", "limit": LIMIT}
        page = await _statement_of(app, client, "tasks", by_status, "task")
        await _assert_served_by(app, *page, "task", "ix_task_programme_id_status_created_at_id")

    async def test_open_deadlines_of_a_programme_deep_page(self, filled):
        app, client, programme, _ = filled.app, filled.client, *_of(filled)
        params = {"programme_id": programme["id"], "status": "open", "limit": LIMIT}
        where = (Deadline.programme_id == uuid.UUID(programme["id"]), Deadline.status == "open")
        cursor = await _cursor_after_row(app, Deadline, (Deadline.due_at, "due_at"), where, 1_000)
        for query in (params, params | {"cursor": cursor}):
            page = await _statement_of(app, client, "deadlines", query, "deadline")
            await _assert_served_by(
                app, *page, "deadline", "ix_deadline_programme_id_status_due_at_id"
            )

    async def test_involvements_of_a_project_newest_first_deep_page(self, filled):
        app, client, programme, projects = filled.app, filled.client, *_of(filled)
        project = projects[1]["id"]
        params = {"programme_id": programme["id"], "project_id": project, "limit": LIMIT}
        where = (Involvement.project_id == uuid.UUID(project),)
        order = (Involvement.occurred_on, "-occurred_on")
        cursor = await _cursor_after_row(app, Involvement, order, where, 1_000)
        for query in (params, params | {"cursor": cursor}):
            page = await _statement_of(app, client, "involvements", query, "involvement")
            await _assert_served_by(
                app, *page, "involvement", "ix_involvement_programme_id_project_id_occurred_on_id"
            )


@pytest.mark.skipif(BACKEND != "sqlite", reason="PostgreSQL analyses by itself (autovacuum)")
class TestSqliteStatistics:
    async def test_a_migrated_database_has_been_analysed(self, database_url):
        engine = create_engine(database_url)
        async with engine.connect() as connection:
            tables = await connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"
            )
            assert tables.all() == [("sqlite_stat1",)]
        await engine.dispose()

    async def test_the_hourly_job_refreshes_the_statistics(self, app, client, run_jobs):
        programme = await make_programme(client)
        await make_project(client, programme)
        async with app.state.engine.begin() as connection:
            await connection.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'project'")
        await run_jobs(schedule=True)
        async with app.state.engine.connect() as connection:
            rows = await connection.exec_driver_sql(
                "SELECT idx FROM sqlite_stat1 WHERE tbl = 'project'"
            )
            assert "ix_project_code" in {row[0] for row in rows}
