"""Declarative base, engine and the one-transaction-per-request session dependency."""

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from starlette.requests import Request

log = logging.getLogger("samskap")

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 10,
    max_overflow: int = 10,
    pool_timeout: float = 10.0,
) -> AsyncEngine:
    """An engine whose every wait for the database ends after `pool_timeout` seconds: for a
    pooled connection, a new connection, or (SQLite) the write lock. A request that waited
    that long is answered 503 with Retry-After rather than left hanging."""
    sqlite = url.startswith("sqlite")
    # aiosqlite and asyncpg both take `timeout`: for the lock, for opening the connection.
    kwargs: dict = {"echo": echo, "connect_args": {"timeout": pool_timeout}}
    if not sqlite:
        # A connection the server closed (restart, outage) is replaced, not handed out.
        kwargs["pool_pre_ping"] = True
    if make_url(url).database not in (None, "", ":memory:"):
        # An in-memory SQLite database has one connection and no pool to size.
        kwargs |= {
            "pool_size": pool_size,
            "max_overflow": max_overflow,
            "pool_timeout": pool_timeout,
        }
    engine = create_async_engine(url, **kwargs)
    if sqlite:
        event.listen(engine.sync_engine, "connect", partial(_sqlite_pragmas, pool_timeout))
    return engine


def _sqlite_pragmas(busy_timeout: float, dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # Wait this long for another writer to finish, then fail with "database is locked".
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    cursor.close()


async def ping(engine: AsyncEngine) -> None:
    """Raises unless the database answers a trivial query."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the handler succeeds, roll back otherwise
    (unless the error keeps its changes, see AppError.keeps_changes)."""
    async with request.app.state.sessions() as session:
        try:
            yield session
            await session.commit()
        except BaseException as exc:
            if getattr(exc, "keeps_changes", False):
                await session.commit()
                raise
            try:
                await session.rollback()
            except Exception:
                # The connection is gone, and the transaction with it. The error that ended
                # the request says what happened; one from the rollback would only hide it.
                log.warning("rollback failed after an error", exc_info=True)
            raise


__all__ = [
    "Base",
    "Engine",
    "create_engine",
    "get_session",
    "ping",
    "session_factory",
    "utcnow",
]
