"""The SQL statements one GET request sends, for tests that count or read them."""

from sqlalchemy import event


async def statements_of(app, client, path: str, *, warm: bool = False) -> list[str]:
    """The statements `GET path` sends (200 expected). `warm` asks once before, so that a
    caller looked up then is known in the request that is counted."""
    if warm:
        assert (await client.get(path)).status_code == 200
    seen: list[str] = []

    def capture(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        r = await client.get(path)
        assert r.status_code == 200, r.text
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen
