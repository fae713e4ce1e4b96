"""The words of every mail, in Norwegian Bokmål (the default), Nynorsk and English.

A mail is a subject and paragraphs, each a format string over the mail's facts (title, due,
programme, ...); a paragraph whose facts are missing is left out. The same paragraphs make
the plain-text part and the HTML part (escaped there), and every mail ends with the link to
the recipient's choices. Times are in the configured zone (Europe/Oslo), worded as people
write them: «3. desember 2026 kl. 14.00», "3 December 2026 at 14:00"."""

import html
import string
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from samskap.kit.clock import local_zone

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"

_MONTHS_NO = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS = {"nb": _MONTHS_NO, "nn": _MONTHS_NO, "en": _MONTHS_EN}


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def day_words(value: date, language: str) -> str:
    month = _MONTHS[language_of(language)][value.month - 1]
    if language == "en":
        return f"{value.day} {month} {value.year}"
    return f"{value.day}. {month} {value.year}"


def time_words(moment: datetime, language: str) -> str:
    """A moment in the configured zone: «3. desember 2026 kl. 14.00» / "3 December 2026 at
    14:00"."""
    local = moment.astimezone(local_zone())
    if language == "en":
        return f"{day_words(local.date(), language)} at {local:%H:%M}"
    return f"{day_words(local.date(), language)} kl. {local:%H.%M}"


def clock_words(moment: datetime, language: str) -> str:
    local = moment.astimezone(local_zone())
    return f"{local:%H:%M}" if language == "en" else f"{local:%H.%M}"


@dataclass(frozen=True)
class Wording:
    subject: str
    paragraphs: tuple[str, ...]
    # The words of the link to the record (the link itself is the mail's `link` fact).
    link: str | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str


_FOOTER = {
    "nb": (
        "Du får denne e-posten fra Samskap. Velg hva du vil få på e-post, og på hvilket språk:",
        "Dine valg for e-post",
    ),
    "nn": (
        "Du får denne e-posten frå Samskap. Vel kva du vil få på e-post, og på kva språk:",
        "Vala dine for e-post",
    ),
    "en": (
        "You receive this e-mail from Samskap. Choose what you receive by e-mail, and in "
        "which language:",
        "Your e-mail choices",
    ),
}

WORDINGS: dict[str, dict[str, Wording]] = {
    "deadline_reminder": {
        "nb": Wording(
            "Påminnelse: «{title}» har frist {due}",
            (
                "Fristen «{title}» i {programme} går ut {due}.",
                "{description}",
                "Du får denne påminnelsen fordi du er ansvarlig for fristen, mottaker av den "
                "eller med i gruppen som er ansvarlig.",
            ),
            "Se fristene i Samskap",
        ),
        "nn": Wording(
            "Påminning: «{title}» har frist {due}",
            (
                "Fristen «{title}» i {programme} går ut {due}.",
                "{description}",
                "Du får denne påminninga fordi du er ansvarleg for fristen, mottakar av han "
                "eller med i gruppa som er ansvarleg.",
            ),
            "Sjå fristane i Samskap",
        ),
        "en": Wording(
            "Reminder: “{title}” is due {due}",
            (
                "The deadline “{title}” in {programme} is due {due}.",
                "{description}",
                "You receive this reminder because you are responsible for the deadline, its "
                "recipient, or in the group responsible for it.",
            ),
            "See the deadlines in Samskap",
        ),
    },
    "meeting_invitation": {
        "nb": Wording(
            "Invitasjon: {title}, {starts}",
            (
                "Du er invitert til «{title}» i {programme}.",
                "Tid: {starts}–{ends}",
                "Sted: {location}",
                "Invitasjonen ligger ved som kalenderfil (.ics), som du kan legge i kalenderen.",
            ),
            "Se møtet i Samskap",
        ),
        "nn": Wording(
            "Invitasjon: {title}, {starts}",
            (
                "Du er invitert til «{title}» i {programme}.",
                "Tid: {starts}–{ends}",
                "Stad: {location}",
                "Invitasjonen ligg ved som kalenderfil (.ics), som du kan leggje i kalenderen.",
            ),
            "Sjå møtet i Samskap",
        ),
        "en": Wording(
            "Invitation: {title}, {starts}",
            (
                "You are invited to “{title}” in {programme}.",
                "When: {starts}–{ends}",
                "Where: {location}",
                "The invitation is attached as a calendar file (.ics) for your calendar.",
            ),
            "See the meeting in Samskap",
        ),
    },
    "meeting_changed": {
        "nb": Wording(
            "Endret: {title}, {starts}",
            (
                "Møtet «{title}» i {programme} er endret.",
                "Tid: {starts}–{ends}",
                "Sted: {location}",
                "Den oppdaterte invitasjonen ligger ved som kalenderfil (.ics).",
            ),
            "Se møtet i Samskap",
        ),
        "nn": Wording(
            "Endra: {title}, {starts}",
            (
                "Møtet «{title}» i {programme} er endra.",
                "Tid: {starts}–{ends}",
                "Stad: {location}",
                "Den oppdaterte invitasjonen ligg ved som kalenderfil (.ics).",
            ),
            "Sjå møtet i Samskap",
        ),
        "en": Wording(
            "Changed: {title}, {starts}",
            (
                "The meeting “{title}” in {programme} has changed.",
                "When: {starts}–{ends}",
                "Where: {location}",
                "The updated invitation is attached as a calendar file (.ics).",
            ),
            "See the meeting in Samskap",
        ),
    },
    "meeting_cancelled": {
        "nb": Wording(
            "Avlyst: {title}, {starts}",
            (
                "Møtet «{title}» i {programme} {starts} er avlyst, eller du er ikke lenger "
                "invitert.",
                "Avlysningen ligger ved som kalenderfil (.ics), så møtet forsvinner fra "
                "kalenderen.",
            ),
        ),
        "nn": Wording(
            "Avlyst: {title}, {starts}",
            (
                "Møtet «{title}» i {programme} {starts} er avlyst, eller du er ikkje lenger "
                "invitert.",
                "Avlysinga ligg ved som kalenderfil (.ics), så møtet forsvinn frå kalenderen.",
            ),
        ),
        "en": Wording(
            "Cancelled: {title}, {starts}",
            (
                "The meeting “{title}” in {programme} on {starts} is cancelled, or you are no "
                "longer invited.",
                "The cancellation is attached as a calendar file (.ics), which removes the "
                "meeting from your calendar.",
            ),
        ),
    },
    "hearing_invitation": {
        "nb": Wording(
            "Høring: {title}, svarfrist {deadline}",
            (
                "Du er invitert til å gi høringsuttalelse i høringen «{title}» i {programme}.",
                "{matter}",
                "Svarfrist: {deadline}.",
                "Du får denne e-posten fordi du eller en gruppe du er med i er invitert.",
            ),
            "Se høringen i Samskap",
        ),
        "nn": Wording(
            "Høyring: {title}, svarfrist {deadline}",
            (
                "Du er invitert til å gi høyringsfråsegn i høyringa «{title}» i {programme}.",
                "{matter}",
                "Svarfrist: {deadline}.",
                "Du får denne e-posten fordi du eller ei gruppe du er med i er invitert.",
            ),
            "Sjå høyringa i Samskap",
        ),
        "en": Wording(
            "Hearing: {title}, answers due {deadline}",
            (
                "You are invited to respond to the hearing “{title}” in {programme}.",
                "{matter}",
                "Answers are due {deadline}.",
                "You receive this e-mail because you or a group you are in is invited.",
            ),
            "See the hearing in Samskap",
        ),
    },
    "digest": {
        "nb": Wording(
            "Samskap: {count} uleste varsler siste døgn",
            ("Dette har skjedd siste døgn som du ikke har lest ennå:",),
            "Se alle varslene i Samskap",
        ),
        "nn": Wording(
            "Samskap: {count} ulesne varsel siste døgnet",
            ("Dette har hendt siste døgnet som du ikkje har lese enno:",),
            "Sjå alle varsla i Samskap",
        ),
        "en": Wording(
            "Samskap: {count} unread notifications of the last day",
            ("This happened during the last day, and you have not read it yet:",),
            "See all notifications in Samskap",
        ),
    },
    "notification": {
        "nb": Wording("Samskap: {what}", ("{what}", "{details}"), "Se det i Samskap"),
        "nn": Wording("Samskap: {what}", ("{what}", "{details}"), "Sjå det i Samskap"),
        "en": Wording("Samskap: {what}", ("{what}", "{details}"), "See it in Samskap"),
    },
}

# One line for a notification, by its type, in a digest and as a single mail's subject.
NOTIFICATION_LINES: dict[str, dict[str, str]] = {
    "deadline.due_soon": {
        "nb": "Fristen «{title}» går ut {due}",
        "nn": "Fristen «{title}» går ut {due}",
        "en": "The deadline “{title}” is due {due}",
    },
    "deadline.overdue": {
        "nb": "Fristen «{title}» har gått ut",
        "nn": "Fristen «{title}» har gått ut",
        "en": "The deadline “{title}” has passed",
    },
    "event.created": {
        "nb": "Du er invitert til «{title}» {starts}",
        "nn": "Du er invitert til «{title}» {starts}",
        "en": "You are invited to “{title}” on {starts}",
    },
    "event.updated": {
        "nb": "Møtet «{title}» er endret",
        "nn": "Møtet «{title}» er endra",
        "en": "The meeting “{title}” has changed",
    },
    "event.deleted": {
        "nb": "Møtet «{title}» er avlyst",
        "nn": "Møtet «{title}» er avlyst",
        "en": "The meeting “{title}” is cancelled",
    },
    "hearing.opened": {
        "nb": "Høringen «{title}» er åpnet",
        "nn": "Høyringa «{title}» er opna",
        "en": "The hearing “{title}” is open",
    },
    "hearing.updated": {
        "nb": "Høringen «{title}» er åpnet",
        "nn": "Høyringa «{title}» er opna",
        "en": "The hearing “{title}” is open",
    },
    "decision.finalised": {
        "nb": "Vedtaket «{title}» er endelig",
        "nn": "Vedtaket «{title}» er endeleg",
        "en": "The decision “{title}” is final",
    },
    "phase.completed": {
        "nb": "Fasen «{title}» er fullført",
        "nn": "Fasen «{title}» er fullført",
        "en": "The phase “{title}” is completed",
    },
    "compliance.finding_opened": {
        "nb": "Nytt avvik i {programme}: {title}",
        "nn": "Nytt avvik i {programme}: {title}",
        "en": "New compliance finding in {programme}: {title}",
    },
    "import.finished": {
        "nb": "Importen «{title}» er ferdig",
        "nn": "Importen «{title}» er ferdig",
        "en": "The import “{title}” has finished",
    },
    "webhook.disabled": {
        "nb": "Webhooken til {url} er slått av etter tre døgn med feil",
        "nn": "Webhooken til {url} er slått av etter tre døgn med feil",
        "en": "The webhook to {url} was disabled after failing for three days",
    },
}
_NOTIFICATION_FALLBACK = {
    "nb": "Nytt i Samskap: {title}",
    "nn": "Nytt i Samskap: {title}",
    "en": "New in Samskap: {title}",
}


class _Facts(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def fill(template: str, facts: dict[str, Any], *, escape: bool = False) -> str | None:
    """The template over the facts; None when a fact it names is missing or empty."""
    values = _Facts()
    for name in _fields(template):
        value = facts.get(name)
        if value is None or value == "":
            return None
        text = str(value)
        values[name] = html.escape(text) if escape else text
    return template.format_map(values)


def notification_line(kind: str, facts: dict[str, Any], language: str) -> str:
    language = language_of(language)
    template = NOTIFICATION_LINES.get(kind, _NOTIFICATION_FALLBACK)[language]
    line = fill(template, facts)
    if line is None:
        line = fill(_NOTIFICATION_FALLBACK[language], {"title": facts.get("title") or kind})
    return line or kind


def render(
    kind: str,
    language: str,
    facts: dict[str, Any],
    *,
    choices: str,
    link: str | None = None,
    items: list[tuple[str, str | None]] | None = None,
) -> Rendered:
    """The mail of `kind` in `language`: subject, plain text and HTML. `items` are list
    entries (a digest's notifications: their line and link), after the paragraphs."""
    language = language_of(language)
    wording = WORDINGS[kind][language]
    # One line: a title with a line break must not break the header.
    subject = " ".join((fill(wording.subject, facts) or wording.subject.split(":")[0]).split())
    paragraphs = [p for p in (fill(t, facts) for t in wording.paragraphs) if p]
    html_paragraphs = [p for p in (fill(t, facts, escape=True) for t in wording.paragraphs) if p]
    footer, footer_link = _FOOTER[language]

    text = list(paragraphs)
    body = [f"<p>{p}</p>".replace("\n", "<br>") for p in html_paragraphs]
    if items:
        text.append("\n".join(f"- {line}" + (f"\n  {url}" if url else "") for line, url in items))
        body.append(
            "<ul>"
            + "".join(
                f'<li><a href="{html.escape(url)}">{html.escape(line)}</a></li>'
                if url
                else f"<li>{html.escape(line)}</li>"
                for line, url in items
            )
            + "</ul>"
        )
    if link and wording.link:
        text.append(f"{wording.link}: {link}")
        body.append(f'<p><a href="{html.escape(link)}">{html.escape(wording.link)}</a></p>')
    text.append(f"-- \n{footer}\n{choices}")
    body.append(
        f'<hr><p style="font-size:90%">{html.escape(footer)} '
        f'<a href="{html.escape(choices)}">{html.escape(footer_link)}</a></p>'
    )
    document = (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(subject)}</title>\n</head>\n"
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return Rendered(subject, "\n\n".join(text) + "\n", document, language)
