"""Nordre Follo's document register: the reference list of the 2018 workbook (seed 002,
«Vil du vite mer?»), the decisions, documents, work and processes the organisation of the
areas rests on.

Titles and kinds are the seed's; its months are kept in the description, as the list gives no
year. The links point to an invented intranet on the reserved `.example` domain, and which
documents are exempt from public access is invented too: the areas' own input and a process
note about leadership as internal documents (offentleglova § 14).
"""

from samskap.demo.loader import DemoLoader
from samskap.documents.schemas import DocumentCreate
from samskap.documents.service import DocumentService
from samskap.models import Document, Group, Programme

PREFIX = "demo:nf"
INTRANET = "https://intranett.nordrefollo.example/dokumenter/"
INTERNAL = "offl. § 14 (organinternt dokument)"

# (key, title, kind, author, month in the seed, exempt)
REFERENCES: list[tuple[str, str, str, str | None, str | None, bool]] = [
    (
        "horingsbrev",
        "Høringsbrev: Overordnet organisering. Valg av organisasjonsmodell",
        "hearing_letter",
        None,
        None,
        False,
    ),
    (
        "horingsdokument",
        "Høringsdokument: Overordnet organisering. Valg av organisasjonsmodell",
        "hearing_letter",
        None,
        None,
        False,
    ),
    (
        "horingsuttalelser-presentasjon",
        "Høringsuttalelser: Tilbakemeldinger på overordnet organisering",
        "presentation",
        None,
        None,
        False,
    ),
    (
        "horingsuttalelser-notat",
        "Høringsuttalelser: Tilbakemelding på overordnet organisering",
        "hearing_response",
        None,
        None,
        False,
    ),
    (
        "sammenstilling",
        "Sammenstilling av høringsuttalelser til overordnet organisering",
        "note",
        None,
        None,
        False,
    ),
    ("oppsummering", "Oppsummering høringsinnspill", "note", None, None, False),
    (
        "droftingsforum",
        "Uttalelse fra Drøftingsforum",
        "minutes",
        "Drøftingsforum Nordre Follo",
        None,
        False,
    ),
    (
        "stabsmodeller",
        "Alternative modeller for organisering av stabsfunksjoner",
        "presentation",
        None,
        None,
        False,
    ),
    (
        "samarbeidsavtalen",
        "Samarbeidsavtalen Nordre Follo. Avtale om ny kommune",
        "agreement",
        None,
        None,
        False,
    ),
    (
        "prosjektplan",
        "Prosjektplan Nordre Follo 2020, versjon 2",
        "plan",
        None,
        "februar",
        False,
    ),
    ("kunnskapsgrunnlag", "Kunnskapsgrunnlag Nordre Follo", "report", None, "desember", False),
    ("saertrekk", "Særtrekk, muligheter og utfordringer Nordre Follo", "note", None, None, False),
    ("kommuneplan", "Kommuneplan", "plan", None, "desember", False),
    (
        "prosessnotat-1",
        "Prosessnotat 1: Organisasjonsutvikling; prosess, mål, verdier og prinsipper",
        "note",
        None,
        None,
        False,
    ),
    (
        "prosessnotat-2",
        "Prosessnotat 2: Stabil og kompetent ledelse i Oppegård og Ski",
        "note",
        None,
        None,
        True,
    ),
    (
        "innspill-virksomhetene",
        "Innspill til overordnet organisering fra virksomhetene",
        "report",
        None,
        "februar",
        True,
    ),
    ("ledermote", "Presentasjon felles ledermøte", "presentation", None, None, False),
    (
        "plakat",
        "Vellykket omstilling. Plakat til alle arbeidsplasser",
        "note",
        None,
        None,
        False,
    ),
    (
        "omstillingsavtale",
        "Omstillingsavtale for Nordre Follo; Beholde, rekruttere og utvikle",
        "agreement",
        "Fellesnemnda",
        None,
        False,
    ),
    (
        "innplassering",
        "Prosedyre for innplassering av ledere og nøkkelpersonell",
        "decision",
        "Fellesnemnda",
        None,
        False,
    ),
    (
        "fullmakt",
        "Delegering av fullmakt til prosjektleder",
        "decision",
        "Fellesnemnda",
        None,
        False,
    ),
    (
        "prosessnotat-3",
        "Prosessnotat 3: Verdier førende for arbeidet",
        "note",
        None,
        "august",
        False,
    ),
    (
        "orienteringssak",
        "Orienteringssak om overordnet organisering til PSU/FN",
        "decision",
        None,
        "august",
        False,
    ),
    (
        "visjon",
        "Visjon/Kommuneplanens samfunnsdel, råutkast",
        "plan",
        None,
        None,
        False,
    ),
]


async def build(loader: DemoLoader, programme: Programme, groups: dict[str, Group]) -> None:
    bodies = {
        "Fellesnemnda": groups.get("fellesnemnd"),
        "Drøftingsforum Nordre Follo": groups.get("drofting"),
    }
    for key, title, kind, author, month, exempt in REFERENCES:
        body = bodies.get(author) if author else None
        await loader.ensure(
            "documents",
            DocumentService(loader.session),
            Document,
            DocumentCreate(
                programme_id=programme.id,
                title=title,
                kind=kind,
                author=author,
                author_group_id=body.id if body else None,
                version_label="2" if key == "prosjektplan" else None,
                description=(
                    f"Referanselisten i arbeidsboken (høsten 2018) oppgir «{month}»."
                    if month
                    else None
                ),
                url=f"{INTRANET}{key}",
                public_access="exempt" if exempt else "public",
                exemption_basis=INTERNAL if exempt else None,
                external_id=f"{PREFIX}:document:{key}",
            ),
            programme.id,
        )
