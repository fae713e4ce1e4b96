"""Statements slower than SAMSKAP_SLOW_QUERY_MS, logged with their duration and a name: the
request's method and route (or `background` for the workers) and the statement's verb and
first table, or the name in a leading `-- name: ...` comment. Never the parameters' values;
the SQL, shortened, with any quoted literal replaced by `?`."""

import re
from functools import lru_cache
from time import perf_counter
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from samskap.observability.context import current_scope, route_template
from samskap.observability.logs import get_logger

log = get_logger("samskap.slow_queries")

_STARTED = "samskap_statement_started"
_NAMED = re.compile(r"^\s*--\s*name:\s*(\S+)")
_VERB = re.compile(r"^\s*(\w+)")
_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN)\s+\"?(\w+)", re.IGNORECASE)
_LITERAL = re.compile(r"'(?:[^']|'')*'")
_SQL_SHOWN = 400


# A statement's text is the same on every execution (its values are parameters): under a
# load that makes many statements slow at once, each text is named and shortened once.
@lru_cache(maxsize=1024)
def statement_name(statement: str) -> str:
    """`select task`, `update api_token`, `insert audit_event`; or a `-- name:` comment's."""
    named = _NAMED.match(statement)
    if named:
        return named.group(1)
    verb = _VERB.match(statement)
    table = _TABLE.search(statement)
    words = [verb.group(1).lower() if verb else "statement"]
    if table:
        words.append(table.group(1))
    return " ".join(words)


def origin() -> str:
    """What issued the statement: the request's method and route, or the background workers."""
    scope = current_scope.get()
    if scope is None:
        return "background"
    return f"{scope.get('method')} {route_template(scope)}"


@lru_cache(maxsize=1024)
def shown_sql(statement: str) -> str:
    text = _LITERAL.sub("?", " ".join(statement.split()))
    return text if len(text) <= _SQL_SHOWN else text[:_SQL_SHOWN] + "…"


def log_slow_queries(engine: AsyncEngine, threshold_ms: float) -> None:
    """Times every statement on `engine` (two clock readings) and logs the slow ones."""
    if threshold_ms <= 0:
        return
    threshold = threshold_ms / 1000

    def started(conn: Any, *_args: Any) -> None:
        conn.info[_STARTED] = perf_counter()

    def finished(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seconds = perf_counter() - conn.info.get(_STARTED, perf_counter())
        if seconds >= threshold:
            log.warning(
                "slow query",
                statement=f"{origin()}: {statement_name(statement)}",
                duration_ms=round(seconds * 1000, 1),
                sql=shown_sql(statement),
            )

    event.listen(engine.sync_engine, "before_cursor_execute", started)
    event.listen(engine.sync_engine, "after_cursor_execute", finished)
