"""What every iCalendar file Samskap makes begins with (the feeds, the meeting invitations)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar import Calendar


def new_calendar() -> "Calendar":
    """An empty calendar with Samskap's PRODID, VERSION 2.0 and the Gregorian CALSCALE.
    (icalendar is imported when a calendar is made, not by every worker at start.)"""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Samskap//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar
