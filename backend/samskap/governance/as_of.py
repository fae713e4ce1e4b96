"""The day a report judges a programme on: a given date, the end of a programme that has
ended, or today. Windows such as "involved in the last 60 days" count back from that day."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.kit.clock import local_day, local_zone
from samskap.models import Programme, Project
from samskap.models.enums import ProgrammeStatus
from samskap.problems import ValidationFailed

AS_OF_DESCRIPTION = (
    "Judge the programme as it stood at the end of this day (Oslo time), for windows such as "
    "the days since employees were last involved and for deadlines overdue then; not after "
    "today. Default: today, or the programme's end once it is completed or cancelled (the "
    "last of its target date and its projects' end dates)."
)
_ENDED = (ProgrammeStatus.completed, ProgrammeStatus.cancelled)


@dataclass(frozen=True)
class AsOf:
    """The day judged on, and the moment deadlines are measured against."""

    day: date
    moment: datetime


async def judged_as_of(session: AsyncSession, programme: Programme, as_of: date | None) -> AsOf:
    """The day to judge `programme` on and the moment in it: the end of that day in Oslo, or
    now when that is sooner, so that today's view is the current one."""
    zone = local_zone()
    now = utcnow()
    today = now.astimezone(zone).date()
    if as_of is not None and as_of > today:
        raise ValidationFailed(
            f"as_of: {as_of} is after today ({today})",
            errors=[
                {
                    "parameter": "as_of",
                    "code": "in_future",
                    "detail": f"must not be after today ({today})",
                    "params": {"today": today.isoformat()},
                }
            ],
        )
    day = as_of
    if day is None and programme.status in _ENDED:
        day = await programme_end(session, programme)
    day = min(day or today, today)
    end_of_day = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return AsOf(day, min(end_of_day, now))


async def programme_end(session: AsyncSession, programme: Programme) -> date:
    """When an ended programme ended: the last of its target date and its projects' end
    dates, else the day it was last changed."""
    last_project = await session.scalar(
        select(func.max(Project.ends_on)).where(Project.programme_id == programme.id)
    )
    dates = [d for d in (programme.target_on, last_project) if d is not None]
    if dates:
        return max(dates)
    return local_day(programme.updated_at)
