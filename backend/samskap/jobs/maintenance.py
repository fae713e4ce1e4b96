"""Keeping the queue small: finished jobs are deleted after a while (a succeeded job after
job_retention_days, a failed one, kept for looking into, after four times as long)."""

from datetime import timedelta

from sqlalchemy import delete

from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.worker import JobContext
from samskap.models import Job
from samskap.models.enums import JobStatus

PRUNE = "jobs.prune"

registry.recurring(PRUNE, PRUNE, registry.every(timedelta(hours=1)))


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
