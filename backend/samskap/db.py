"""Declarative base, engine and the one-transaction-per-request session dependency."""

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause
from starlette.requests import Request

log = logging.getLogger("samskap")

T = TypeVar("T")

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
    pool_size: int = 20,
    max_overflow: int = 0,
    pool_timeout: float = 10.0,
) -> AsyncEngine:
    """An engine whose every wait for the database ends after `pool_timeout` seconds: for a
    pooled connection, a new connection, or (SQLite) the write lock. A request that waited
    that long is answered 503 with Retry-After rather than left hanging."""
    sqlite = url.startswith("sqlite")
    # aiosqlite and asyncpg both take `timeout`: for the lock, for opening the connection.
    kwargs: dict = {"echo": echo, "connect_args": {"timeout": pool_timeout}}
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
    else:
        # No liveness query per checkout (pool_pre_ping costs every request a round trip):
        # a connection the driver already knows the server closed is replaced at checkout,
        # at no cost, and a request whose first statement finds its connection gone tries
        # once more on a new one (`first_statement`).
        event.listen(engine.sync_engine, "checkout", _replace_if_closed)
    return engine


def _replace_if_closed(dbapi_connection, _record, _proxy) -> None:
    # asyncpg marks a connection closed as soon as the server's goodbye (a restart, an
    # administrator's pg_terminate_backend, an idle timeout) reaches the event loop. Raising
    # DisconnectionError makes the pool discard it and hand out a new one.
    driver_connection = getattr(dbapi_connection, "driver_connection", None)
    is_closed = getattr(driver_connection, "is_closed", None)
    if is_closed is not None and is_closed():
        raise DisconnectionError("the server closed this pooled connection")


def _pending(session: Any) -> bool:
    """Whether the session holds changes not yet flushed (records added, changed, deleted)."""
    return bool(session.new or session.dirty or session.deleted)


async def first_statement(session: AsyncSession, run: Callable[[], Awaitable[T]]) -> T:
    """Runs a request's first statement, and runs it once more if the connection it got
    turned out to be gone (the server closed it while it sat in the pool, unnoticed).

    Only a first statement may be repeated: nothing was done on the lost connection, and
    its transaction died with it. SQLAlchemy has invalidated that connection (and the
    pool's older ones), so the second try gets a new one."""
    fresh = not session.in_transaction() and not _pending(session)
    try:
        return await run()
    except DBAPIError as exc:
        if not (fresh and exc.connection_invalidated):
            raise
        log.warning("the database connection was gone; trying once more on a new one")
        await session.rollback()
        return await run()


async def analyze(engine: AsyncEngine) -> None:
    """Fresh planner statistics after a bulk change (migrations, a demo or bulk load): an
    SQLite database that was never analysed plans its lists on guesses (and picks, for one,
    a status index over the index that matches the list)."""
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))


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


class RequestSession(AsyncSession):
    """A session whose first statement, whichever it is, is run once more on a new
    connection if the one it got had been closed by the server (`first_statement`): a
    request's first statement may be the caller's lookup, or, with the caller already known,
    the record it reads."""

    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        run = partial(AsyncSession.execute, self, statement, *args, **kwargs)
        return await (first_statement(self, run) if self._fresh() else run())

    async def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        run = partial(AsyncSession.scalar, self, statement, *args, **kwargs)
        return await (first_statement(self, run) if self._fresh() else run())

    async def get(self, entity: Any, ident: Any, *args: Any, **kwargs: Any) -> Any:
        run = partial(AsyncSession.get, self, entity, ident, *args, **kwargs)
        return await (first_statement(self, run) if self._fresh() else run())

    def _fresh(self) -> bool:
        return not self.sync_session.in_transaction()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, class_=RequestSession, expire_on_commit=False, autoflush=False
    )


# A session made for a read (GET, HEAD) on PostgreSQL: its statements run without BEGIN and
# COMMIT around them until it is about to write (see `_begin_before_writing`).
_READING = "samskap_reading"
_READS = frozenset({"GET", "HEAD"})


def _read_sessions(app: Any) -> async_sessionmaker[AsyncSession] | None:
    """The sessions of reads: on PostgreSQL, on the same pool, each statement its own
    transaction (AUTOCOMMIT) until the first write. A read under PostgreSQL's READ
    COMMITTED sees each statement's own snapshot either way; what it saves is a BEGIN and a
    COMMIT, two round trips, on every read."""
    state = app.state
    sessions = getattr(state, "read_sessions", None)
    if sessions is None:
        engine: AsyncEngine = state.engine
        if engine.dialect.name != "postgresql":
            return None
        reads = engine.execution_options(isolation_level="AUTOCOMMIT")
        event.listen(reads.sync_engine, "savepoint", _begin_before_savepoint)
        sessions = async_sessionmaker(
            reads,
            class_=RequestSession,
            expire_on_commit=False,
            autoflush=False,
            info={_READING: True},
        )
        state.read_sessions = sessions
    return sessions


def _is_write(statement: Any) -> bool:
    if isinstance(statement, TextClause):
        words = statement.text.split(None, 1)
        return not words or words[0].upper() != "SELECT"
    if getattr(statement, "_for_update_arg", None) is not None:
        return True  # a lock is held until the transaction ends: it needs one
    return not getattr(statement, "is_select", False)


@event.listens_for(Session, "do_orm_execute")
def _begin_before_write_statement(state: ORMExecuteState) -> None:
    if _READING in state.session.info and _is_write(state.statement):
        _begin_before_writing(state.session)


@event.listens_for(Session, "before_flush")
def _begin_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if _READING in session.info:
        _begin_before_writing(session)


def _begin_before_writing(session: Session) -> None:
    """A read that writes after all (the audit of a guarded read, an API token's last use, a
    sign-in through the identity provider) does so in one transaction, as every write: from
    here on the connection begins one, committed or rolled back with the request."""
    del session.info[_READING]
    connection = session.connection()
    _begin_from_here(connection.dialect, connection.connection.dbapi_connection)


def _begin_from_here(dialect: Any, dbapi_connection: Any) -> None:
    # Only while the connection runs each statement on its own: never ends a transaction.
    if getattr(dbapi_connection, "isolation_level", None) != "autocommit":
        return
    level = dialect.default_isolation_level or "READ COMMITTED"
    dbapi_connection.set_isolation_level(dialect._isolation_lookup[level])


def _begin_before_savepoint(connection: Any, _name: Any) -> None:
    # A savepoint (`begin_nested`) is only possible inside a transaction.
    _begin_from_here(connection.dialect, connection.connection.dbapi_connection)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the handler succeeds, roll back otherwise
    (unless the error keeps its changes, see AppError.keeps_changes). A read on PostgreSQL
    begins its transaction only when it first writes (`_read_sessions`)."""
    sessions = request.app.state.sessions
    if request.method in _READS:
        sessions = _read_sessions(request.app) or sessions
    async with sessions() as session:
        try:
            yield session
            if _READING in session.info and not _pending(session):
                # A read that never wrote ran each statement on its own: there is nothing
                # to commit, and closing the session (below) gives the connection back.
                return
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
    "analyze",
    "create_engine",
    "first_statement",
    "get_session",
    "ping",
    "session_factory",
    "utcnow",
]
