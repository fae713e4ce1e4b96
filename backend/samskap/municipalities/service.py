"""The official list of Norway's municipalities (SSB Klass 131), from the data file shipped
with the package (data/README.md tells its sources and years)."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from samskap.problems import BadRequest, ValidationFailed


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str
    county: str
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def answers_to(self, name: str) -> bool:
        """Its name as listed, or one of its language forms: SSB lists «Hábmer - Hamarøy»."""
        wanted = name.strip().casefold()
        forms = [self.name, *self.name.split(" - ")]
        return any(form.strip().casefold() == wanted for form in forms)


@cache
def official_list() -> tuple[Municipality, ...]:
    raw = resources.files("samskap.municipalities").joinpath("data/municipalities.json")
    entries = json.loads(raw.read_text(encoding="utf-8"))
    municipalities = (
        Municipality(
            number=e["number"],
            name=e["name"],
            county=e["county"],
            valid_from=date.fromisoformat(e["valid_from"]),
            valid_to=date.fromisoformat(e["valid_to"]) if e["valid_to"] else None,
        )
        for e in entries
    )
    return tuple(sorted(municipalities, key=lambda m: (m.name.casefold(), m.number, m.valid_from)))


def search(
    q: str | None, valid_on: date | None, limit: int, cursor: str | None
) -> tuple[list[Municipality], str | None]:
    """A page of the list, by name: `q` matches a number's start or any part of a name."""
    matches = list(official_list())
    if valid_on is not None:
        matches = [m for m in matches if m.valid_on(valid_on)]
    if q and q.strip():
        wanted = q.strip().casefold()
        if wanted.isdigit():
            matches = [m for m in matches if m.number.startswith(wanted)]
        else:
            matches = [m for m in matches if wanted in m.name.casefold()]
            # Names that start with what was typed first: «Ski» before «Skien», «Fauske»...
            matches.sort(key=lambda m: not m.name.casefold().startswith(wanted))
    start = _decode(cursor)
    page = matches[start : start + limit]
    more = start + limit < len(matches)
    return page, _encode(start + limit) if more else None


def _encode(position: int) -> str:
    return base64.urlsafe_b64encode(f"m:{position}".encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, position = text.split(":")
        if kind != "m" or int(position) < 0:
            raise ValueError(cursor)
        return int(position)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise BadRequest("The cursor is not one this list gave.") from exc


def check_programme_municipalities(municipalities: list[dict[str, Any]]) -> None:
    """Every municipality of a programme is on the official list, with a name it had."""
    by_number: dict[str, list[Municipality]] = {}
    for m in official_list():
        by_number.setdefault(m.number, []).append(m)
    for i, given in enumerate(municipalities):
        listed = by_number.get(given["number"])
        if not listed:
            raise ValidationFailed.at(
                f"/municipalities/{i}/number",
                f"{given['number']} is no municipality number on the official list",
                code="unknown_municipality",
            )
        if not any(m.answers_to(given["name"]) for m in listed):
            names = ", ".join(sorted({m.name for m in listed}))
            raise ValidationFailed.at(
                f"/municipalities/{i}/name",
                f"municipality {given['number']} is called {names} on the official list",
                code="municipality_name_mismatch",
                params={"number": given["number"], "name": names},
            )
