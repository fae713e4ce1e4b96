"""What every iCalendar file Samskap makes begins with (the feeds, the meeting invitations)."""

from icalendar import Calendar


def new_calendar() -> Calendar:
    """An empty calendar with Samskap's PRODID, VERSION 2.0 and the Gregorian CALSCALE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Samskap//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar
