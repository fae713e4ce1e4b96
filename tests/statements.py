"""The SQL statements sent while a test's code runs, for tests that count or read them."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event


@asynccontextmanager
async def counting(app) -> AsyncIterator[list[str]]:
    """The SQL statements run meanwhile on the app's engine."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def statements_of(app, client, path: str, *, warm: bool = False) -> list[str]:
    """The statements `GET path` sends (200 expected). `warm` asks once before, so that a
    caller looked up then is known in the request that is counted."""
    if warm:
        assert (await client.get(path)).status_code == 200
    async with counting(app) as statements:
        r = await client.get(path)
        assert r.status_code == 200, r.text
    return statements
