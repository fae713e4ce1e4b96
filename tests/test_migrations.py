"""Migrations build the schema, tear it down and rebuild it, and match the models."""

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from samskap.cli import migrate
from samskap.db import Base, create_engine


def _diff(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


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
        await asyncio.to_thread(migrate_down, url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await asyncio.to_thread(migrate, "head", url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
            assert await connection.run_sync(_diff) == []
        await engine.dispose()


def migrate_down(url: str) -> None:
    from alembic import command

    from samskap.cli import alembic_config

    command.downgrade(alembic_config(url), "base")
