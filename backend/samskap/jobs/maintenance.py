"""Keeping the queue small: finished jobs are deleted after a while (a succeeded job after
job_retention_days, a failed one, kept for looking into, after four times as long). Keeping
SQLite's planner informed: its statistics are refreshed every hour (PostgreSQL's autovacuum
does this by itself)."""

from datetime import timedelta

from sqlalchemy import delete, text

from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.worker import JobContext
from samskap.models import Job
from samskap.models.enums import JobStatus

PRUNE = "jobs.prune"
OPTIMIZE = "db.optimize"
# Rows ANALYZE reads per index on the hourly run: enough for the planner's estimates, and
# milliseconds however large a table grows (SQLite's own advice for periodic runs).
ANALYSIS_LIMIT = 1000

registry.recurring(PRUNE, PRUNE, registry.every(timedelta(hours=1)))
registry.recurring(OPTIMIZE, OPTIMIZE, registry.every(timedelta(hours=1)))


@registry.handler(PRUNE, max_attempts=3)
async def prune(ctx: JobContext) -> None:
    days = ctx.settings.job_retention_days
    now = utcnow()
    await ctx.session.execute(
        delete(Job).where(
            Job.status == JobStatus.succeeded, Job.finished_at < now - timedelta(days=days)
        )
    )
    await ctx.session.execute(
        delete(Job).where(
            Job.status == JobStatus.failed, Job.finished_at < now - timedelta(days=4 * days)
        )
    )


@registry.handler(OPTIMIZE, max_attempts=3)
async def optimize(ctx: JobContext) -> None:
    """SQLite: fresh statistics for every table, so that a table that grew since the last
    ANALYZE (after migrations or a demo load) is planned by its size, not by old numbers.
    `PRAGMA optimize` alone only analyses what the connection's own queries touched."""
    connection = await ctx.session.connection()
    if connection.dialect.name != "sqlite":
        return
    await connection.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
    try:
        await connection.execute(text("ANALYZE"))
        await connection.execute(text("PRAGMA optimize"))
    finally:
        await connection.execute(text("PRAGMA analysis_limit=0"))
