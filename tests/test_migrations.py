"""Migrations build the schema, tear it down and rebuild it, and match the models."""

import asyncio
import sqlite3
from contextlib import closing

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, table

from samskap.cli import alembic_config, migrate
from samskap.db import Base, create_engine, session_factory
from samskap.demo import load_demo


def _diff(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _row_counts(connection) -> dict[str, int]:
    return {
        name: connection.execute(select(func.count()).select_from(table(name))).scalar_one()
        for name in _tables(connection)
    }


def _revisions_newest_first(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [revision.revision for revision in script.walk_revisions()]


def _downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


async def _load_demo(url: str) -> None:
    engine = create_engine(url)
    async with session_factory(engine)() as session:
        await load_demo(session)
        await session.commit()
    await engine.dispose()


class TestMigrations:
    async def test_models_and_migrations_do_not_drift(self, database_url):
        engine = create_engine(database_url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(_diff)
        await engine.dispose()
        assert diff == [], f"models and migrations differ: {diff}"

    async def test_downgrade_to_base_and_upgrade_again(self, databases):
        url = databases.new("migrations")
        await asyncio.to_thread(migrate, "head", url)
        engine = create_engine(url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
        await asyncio.to_thread(_downgrade, url, "base")
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await asyncio.to_thread(migrate, "head", url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
            assert await connection.run_sync(_diff) == []
        await engine.dispose()

    async def test_every_downgrade_keeps_the_data_it_does_not_drop(self, databases):
        """With the demo loaded, step down one revision at a time to base, then up again."""
        url = databases.new("migrations_data")
        await asyncio.to_thread(migrate, "head", url)
        await _load_demo(url)
        engine = create_engine(url)
        async with engine.connect() as connection:
            before = await connection.run_sync(_row_counts)
        assert before["project"] > 0 and before["decision"] > 0

        for revision in _revisions_newest_first(url):
            await asyncio.to_thread(_downgrade, url, "-1")
            async with engine.connect() as connection:
                after = await connection.run_sync(_row_counts)
            # A table that survives a step keeps every row: nothing cascades away.
            assert after == {name: before[name] for name in after}, f"down from {revision}"

        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await asyncio.to_thread(migrate, "head", url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
            assert await connection.run_sync(_diff) == []
        await engine.dispose()
        await _load_demo(url)

    async def test_downgrade_to_base_with_the_demo_loaded(self, databases):
        url = databases.new("migrations_base")
        await asyncio.to_thread(migrate, "head", url)
        await _load_demo(url)
        await asyncio.to_thread(_downgrade, url, "base")
        engine = create_engine(url)
        async with engine.connect() as connection:
            # No table left behind, the batch copies (_alembic_tmp_*) of SQLite included.
            assert await connection.run_sync(_tables) == set()
        await asyncio.to_thread(migrate, "head", url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
        await engine.dispose()
        await _load_demo(url)

    async def test_a_failed_sqlite_migration_changes_nothing_and_can_be_retried(self, databases):
        url = databases.new("migrations_atomic")
        if not url.startswith("sqlite"):
            pytest.skip("PostgreSQL rolls back failed DDL by itself")
        await asyncio.to_thread(migrate, "head", url)
        await _load_demo(url)
        path = url.split(":///", 1)[1]
        with closing(sqlite3.connect(path)) as raw, raw:
            # A reference that points nowhere makes the downgrade fail half-way.
            leader = raw.execute(
                "SELECT leader_id FROM project WHERE leader_id IS NOT NULL"
            ).fetchone()[0]
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("UPDATE project SET leader_id = ? WHERE leader_id = ?", ("0" * 32, leader))
        engine = create_engine(url)
        async with engine.connect() as connection:
            before = await connection.run_sync(_row_counts)

        with pytest.raises(RuntimeError, match="broken references in project"):
            await asyncio.to_thread(_downgrade, url, "-1")

        async with engine.connect() as connection:
            assert await connection.run_sync(_row_counts) == before  # no _alembic_tmp_* either
            assert await connection.run_sync(_diff) == []
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.execute("UPDATE project SET leader_id = ? WHERE leader_id = ?", (leader, "0" * 32))
        await asyncio.to_thread(_downgrade, url, "base")
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await engine.dispose()
