"""Days as the programme counts them: in the configured time zone (`SAMSKAP_TIMEZONE`,
Europe/Oslo), not in UTC, so that a deadline due today is not overdue at one in the morning."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from samskap.config import get_settings
from samskap.db import utcnow


def local_zone() -> ZoneInfo:
    """The configured time zone."""
    return ZoneInfo(get_settings().timezone)


def local_day(moment: datetime) -> date:
    """The day a moment falls on in the configured time zone."""
    return moment.astimezone(local_zone()).date()


def local_today() -> date:
    """Today in the configured time zone."""
    return local_day(utcnow())
