"""A serving worker does not hold libraries that only some requests need: they are imported
when first used, so each of several worker processes stays small."""

import json
import subprocess
import sys

# Imported by the requests that need them (exports and templates as XLSX, hearing summaries
# as DOCX, calendar feeds and invitations, reading uploaded workbooks, migrating).
ON_DEMAND = ("openpyxl", "docx", "lxml", "icalendar", "python_calamine", "alembic", "mako")

PROBE = """
import json, sys
from samskap import cli
from samskap.main import create_app
create_app()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {names})))
"""


def loaded_at_start() -> list[str]:
    answer = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=set(ON_DEMAND))],
        capture_output=True,
        text=True,
        check=True,
        env={"SAMSKAP_ENVIRONMENT": "development", "PATH": "/usr/bin:/bin"},
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_the_app_starts_without_the_libraries_of_occasional_requests():
    assert loaded_at_start() == []


def test_the_libraries_come_when_they_are_used():
    probe = """
import sys
from samskap.feeds.ics import new_calendar
from samskap.imports.templates import xlsx_template
from samskap.models.enums import ImportResource
assert "openpyxl" not in sys.modules and "icalendar" not in sys.modules
assert xlsx_template(ImportResource.tasks).startswith(b"PK")
assert b"PRODID" in new_calendar().to_ical()
assert "openpyxl" in sys.modules and "icalendar" in sys.modules
"""
    subprocess.run([sys.executable, "-c", probe], check=True)
