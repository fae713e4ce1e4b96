"""Alembic environment: runs migrations on the async engine for SQLite and PostgreSQL alike.

Each run is one transaction on both databases, so a migration that fails leaves the schema
and the data as they were. On SQLite that takes two things the driver does not do by itself:
an explicit BEGIN (the sqlite3 module would commit around DDL), and foreign keys switched
off for the connection, because batch operations rebuild a table by copying it and dropping
the original, and dropping a table that others reference would otherwise fail or cascade
into their rows. Before committing, `PRAGMA foreign_key_check` makes sure that nothing
the migration did broke a reference. Then SQLite is analysed (`ANALYZE`), so that its
planner knows the new indexes and the tables' sizes instead of guessing.
"""

import asyncio

from alembic import context
from sqlalchemy import event
from sqlalchemy.engine import Connection

import samskap.models  # noqa: F401  (registers every table)
from samskap.config import get_settings
from samskap.db import Base, create_engine
from samskap.kit.types import EnumText

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def _sqlite_for_migrations(dbapi_connection, _record) -> None:
    # Runs after the engine's own pragmas, outside any transaction (where it takes effect).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise RuntimeError(
            f"the migration would leave {len(broken)} broken references in {', '.join(tables)}; "
            "nothing was changed"
        )


def _render_item(type_: str, obj: object, autogen_context) -> str | bool:
    # A vocabulary column is plain text in the schema: render it as its String.
    if type_ == "type" and isinstance(obj, EnumText):
        return f"sa.String(length={obj.length})"
    return False


def _configure(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        transactional_ddl=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            _check_foreign_keys(connection)
            connection.exec_driver_sql("ANALYZE")


async def _run_online() -> None:
    engine = create_engine(_url())
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_for_migrations)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=_url().startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
