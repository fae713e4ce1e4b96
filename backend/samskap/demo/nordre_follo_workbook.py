"""Nordre Follo's workbooks (seed 002): the template «Mal for innspill til Organisering av
virksomhetsområdene og stabene», and every service area's and staff unit's workbook against
it, in versions 1, 2, 3 and the final input («endelig»).

The template is the seed's own: its guidance (to the project leader and the project owner,
«Maks 2 sider + organisasjonskart»), its four sections with the seed's guidance texts, and the
org chart as a required attachment; the maximum lengths, which together make about two pages,
are invented. Each version answers the deadline `nordre_follo.py` already records for it (the
answer to task 2b at gathering 1 for version 1, then the revised versions 2 and 3 and the
final input) and is submitted at exactly the time that deadline records, by the area's leader
(version 1 by its responsible note-taker), so the deadline's state and the version agree:
«Digitalisering og kommunikasjon» sent version 2 late, and «Kultur og frivillighet» began
versions 3 and the final input but never sent them, so they stay drafts past their deadlines
(the delivery matrix shows them missing). The section texts and the org charts are invented
and grow from version to version; every submitted version carries its org chart, a small
PDF drawn in code (org_chart.py) and stored through the files service.
"""

import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from samskap.auth.principal import Principal
from samskap.config import get_settings
from samskap.demo.loader import OSLO, DemoLoader
from samskap.demo.nordre_follo_goals import SELECTIONS, THEMES
from samskap.demo.org_chart import Unit, org_chart_pdf
from samskap.files.service import FileService
from samskap.kit.etag import etag
from samskap.models import (
    Deadline,
    Person,
    Programme,
    Project,
    Submission,
    SubmissionVersion,
    Template,
)
from samskap.models.enums import DeadlineStatus
from samskap.submissions.schemas import SubmissionCreate, VersionCreate, VersionFile
from samskap.submissions.service import SubmissionService, VersionService
from samskap.templates.schemas import RequiredAttachment, TemplateCreate, TemplateSection
from samskap.templates.service import TemplateService

PREFIX = "demo:nf"
TITLE = "Mal for innspill til Organisering av virksomhetsområdene og stabene"
CHART = "organisasjonskart"


def template(programme: Programme) -> TemplateCreate:
    return TemplateCreate(
        programme_id=programme.id,
        title=TITLE,
        guidance=(
            "Mal for innspill til høringsdokument: «Organisering av virksomhetsområder og "
            "staber». Innspill til organisering, ansvar og arbeidsformer jf. malen skal "
            "oversendes fra den enkelte kommunalsjef og stabsleder til prosjektleder og "
            "prosjekteier innen fristen. Omfang: Maks 2 sider + organisasjonskart."
        ),
        sections=[
            TemplateSection(
                key="organisering",
                title="Organisering og ledernivå",
                guidance="Beskriv ledernivåene som ønskes i virksomhets-/stabsområdet. Det vil "
                "bli utarbeidet definisjoner av de leder- og myndighetsnivåer som skal benyttes.",
                max_length=1800,
            ),
            TemplateSection(
                key="ansvar",
                title="Ansvar",
                guidance="Beskriv ansvarsområdene for de enkelte tjenester, virksomheter og "
                "avdelinger. Ha særlig fokus på å beskrive områder og tjenester der det gjøres "
                "større endringer i organiseringen.",
                max_length=2200,
            ),
            TemplateSection(
                key="moteplasser",
                title="Møteplasser",
                guidance="Beskriv hvilke møteplasser som ønskes etablert, jf. vedtatt "
                "organisasjonsmodell og overordnet organisering. Herunder hvilke "
                "ledergrupper/lederteam, (gjerne også fagteam, oppgaveteam og nettverk) som "
                "ønskes etablert, hvor ofte de bør møtes, og myndighet/roller/mandat for den "
                "enkelte møteplass.",
                max_length=1600,
            ),
            TemplateSection(
                key="annet",
                title="Annet",
                guidance="Beskriv kort hvilke oppgaver som vil prioriteres mht videre "
                "organisasjonsutvikling i 2019.",
                max_length=800,
            ),
        ],
        required_attachments=[
            RequiredAttachment(
                key=CHART,
                title="Organisasjonskart",
                description="Organisasjonskart for virksomhetsområdet eller staben med "
                "ledernivåene, i tillegg til de maks 2 sidene.",
            )
        ],
        external_id=f"{PREFIX}:template:innspill-organisering",
    )


@dataclass(frozen=True)
class Workbook:
    """An area's answers, paragraph by paragraph; each version holds more of them."""

    units: list[Unit]
    organisering: list[str]
    ansvar: list[str]
    moteplasser: list[str]
    annet: list[str]


# The versions, the deadline (by its key in nordre_follo.py) each answers, and how many
# paragraphs of each section it holds. Versions 1 and 2 also carry the answer to task 2b (the
# goals chosen and the group's process owner); from version 3 on, «Annet» is the template's
# priorities for 2019 only.
VERSIONS = [
    ("1", "samling1-oppgave2b", {"organisering": 1, "annet": 0}),
    ("2", "arbeidsbok-v2", {"organisering": 2, "ansvar": 1, "moteplasser": 1, "annet": 1}),
    ("3", "arbeidsbok-v3", {"organisering": 3, "ansvar": 2, "moteplasser": 2, "annet": 2}),
    ("endelig", "innspill", {"organisering": 4, "ansvar": 3, "moteplasser": 3, "annet": 3}),
]
# What a version that was begun and never sent holds.
BEGUN = {"3": ("organisering", "ansvar"), "endelig": ("organisering",)}

WORKBOOKS: dict[str, Workbook] = {
    "oppvekst": Workbook(
        units=[
            ("Grunnskole", ["Skoler i Ski", "Skoler i Oppegård", "Voksenopplæring"]),
            ("Barnehage", ["Kommunale barnehager", "Barnehagemyndighet"]),
            ("PP-tjenesten", ["Skole", "Barnehage"]),
            ("Barnevern", ["Mottak og undersøkelse", "Tiltak og omsorg"]),
            ("Helsestasjon og skolehelsetjeneste", []),
        ],
        organisering=[
            "Oppvekst og utdanning ledes av kommunalsjef med tre ledernivåer under: "
            "virksomhetsledere (rektorer, styrere og ledere av tjenestene), avdelingsledere der "
            "virksomheten er stor, og teamledere uten personalansvar.",
            "Skolene og de kommunale barnehagene er egne virksomheter med rektor eller styrer "
            "som virksomhetsleder; små barnehager i samme nærmiljø kan ha felles styrer.",
            "PP-tjenesten, barnevernet og helsestasjon og skolehelsetjenesten blir hver sin "
            "virksomhet for hele Nordre Follo, slått sammen fra Ski og Oppegård.",
            "Kommunalsjefen har en liten fagstab med rådgivere for skole og barnehage, som også "
            "ivaretar barnehagemyndigheten. HR- og økonomirådgiverne hører faglig til i de "
            "sentrale stabene.",
        ],
        ansvar=[
            "Virksomhetslederne har fullt personal-, økonomi- og fagansvar for sin virksomhet "
            "og rapporterer til kommunalsjefen.",
            "Den største endringen er barnevernet, som samles i én tjeneste med felles mottak "
            "og undersøkelse; tiltak og omsorg organiseres i to team med egne teamledere.",
            "Barnehagemyndigheten skilles fra driften av de kommunale barnehagene, slik at "
            "private og kommunale barnehager behandles likt.",
        ],
        moteplasser=[
            "Ledergruppe Oppvekst og utdanning: kommunalsjef, lederne for PP-tjenesten, "
            "barnevernet og helsestasjonen, og to rektorer og to styrere på omgang, hver andre "
            "uke; forbereder saker til kommunalsjefen.",
            "Rektormøte og styrermøte en gang i måneden, med myndighet til å samordne praksis "
            "innenfor rammene ledergruppen setter.",
            "Fagteam for tidlig innsats med PP-tjenesten, barnevernet og helsestasjonen hver "
            "måned; tillitsvalgte og verneombud møter kommunalsjefen hvert kvartal.",
        ],
        annet=[
            "Innplassering av virksomhetsledere og etablering av det nye barnevernet.",
            "Felles kvalitetssystem for skolene og plan for tidlig innsats fra barnehage til "
            "skole.",
            "Evaluering av ledernivåene høsten 2019, sammen med tillitsvalgte.",
        ],
    ),
    "helse": Workbook(
        units=[
            ("Hjemmetjenester", ["Sone Ski", "Sone Oppegård", "Praktisk bistand"]),
            ("Sykehjem", ["Langtidsopphold", "Korttid og rehabilitering"]),
            ("Psykisk helse og rus", []),
            ("Tildelingskontor", []),
            ("NAV og flyktningtjeneste", []),
        ],
        organisering=[
            "Helse og velferd ledes av kommunalsjef med virksomhetsledere for hjemmetjenester, "
            "sykehjem, psykisk helse og rus, tildeling og NAV/flyktningtjeneste; store "
            "virksomheter får avdelingsledere.",
            "Hjemmetjenestene organiseres i to soner, Ski og Oppegård, med hver sin "
            "avdelingsleder under én virksomhetsleder, slik at brukerne beholder kjente ansatte.",
            "Sykehjemmene blir én virksomhet med avdelinger for langtidsopphold og for korttid "
            "og rehabilitering; legetjenesten i sykehjem legges hit.",
            "Tildelingskontoret er felles for hele området og fatter vedtak om tjenester; det "
            "er ikke underlagt de utførende virksomhetene.",
        ],
        ansvar=[
            "Virksomhetslederne har personal-, økonomi- og fagansvar; avdelingslederne har "
            "personalansvar for sine ansatte og budsjettansvar for avdelingen.",
            "Den største endringen er at praktisk bistand og hjemmesykepleie samles i "
            "hjemmetjenestene; endringen drøftes med tillitsvalgte før den besluttes.",
            "Psykisk helse og rus får ansvar for lavterskeltilbudene for voksne fra begge "
            "kommuner; kommunens del av NAV-kontoret ledes etter partnerskapsavtalen.",
        ],
        moteplasser=[
            "Ledergruppe Helse og velferd: kommunalsjef og virksomhetsledere hver uke, med "
            "myndighet til å prioritere innenfor områdets budsjett.",
            "Fagnettverk for sykepleiere og helsefagarbeidere på tvers av hjemmetjenester og "
            "sykehjem hver sjette uke, ledet av en fagutviklingssykepleier.",
            "Samarbeidsmøte med Oppvekst og utdanning om barn i familier med rus og psykisk "
            "sykdom annenhver måned; brukerrådet møter ledergruppen to ganger i året.",
        ],
        annet=[
            "Felles journalsystem og velferdsteknologi i hjemmetjenestene før 1. januar 2020.",
            "Innplassering av avdelingsledere i sonene etter prosedyren for innplassering.",
            "Plan for heltidskultur i sykehjemmene sammen med tillitsvalgte.",
        ],
    ),
    "samfunn": Workbook(
        units=[
            ("Plan og regulering", []),
            ("Byggesak, geodata og oppmåling", []),
            ("Kommunalteknikk", ["Vann og avløp", "Vei og park"]),
            ("Eiendom", ["Eiendomsforvaltning", "Byggeprosjekter", "Renhold"]),
            ("Landbruk og miljø", []),
        ],
        organisering=[
            "Samfunnsutvikling ledes av kommunalsjef med virksomhetsledere for plan, byggesak, "
            "kommunalteknikk, eiendom og landbruk og miljø, og avdelingsledere i de største "
            "virksomhetene.",
            "Kommunalteknikk deles i avdelingene vann og avløp og vei og park, med egne "
            "avdelingsledere og felles driftssentral på Ski.",
            "Eiendom samler eiendomsforvaltning, byggeprosjekter og renhold, som i dag er "
            "organisert ulikt i Ski og Oppegård.",
            "Byggeprosjektene ligger under eiendom, men rapporterer om fremdrift i store "
            "prosjekter direkte til ledergruppen.",
        ],
        ansvar=[
            "Plan og regulering har ansvar for kommuneplanens arealdel og reguleringsplaner; "
            "byggesak, geodata og oppmåling behandler søknader og matrikkelsaker.",
            "Den største endringen er renhold, som flyttes fra skolene og sykehjemmene i "
            "Oppegård til eiendom; de ansatte beholder arbeidsstedet.",
            "Landbruk og miljø ivaretar landbruksforvaltning, klima og miljø og "
            "viltforvaltning for hele kommunen.",
        ],
        moteplasser=[
            "Ledergruppe Samfunnsutvikling hver uke, med myndighet til å prioritere "
            "planoppgaver og investeringer innenfor vedtatt økonomiplan.",
            "Planforum med plan, byggesak, kommunalteknikk og eiendom hver fjortende dag, for å "
            "samordne saker før politisk behandling.",
            "Byutviklingsnettverk med Kultur og frivillighet og næringslivet for Ski sentrum og "
            "Kolbotn fire ganger i året.",
        ],
        annet=[
            "Felles saksbehandlingsrutiner for byggesak og nytt kartgrunnlag for hele kommunen.",
            "Overføring av renholderne til eiendom, med drøfting og risikovurdering.",
            "Klimabudsjett som del av handlingsprogrammet fra 2020.",
        ],
    ),
    "kultur": Workbook(
        units=[
            ("Bibliotek", ["Ski bibliotek", "Kolbotn bibliotek"]),
            ("Kulturskole", []),
            ("Frivillighet og fritid", ["Frivilligsentraler", "Fritidsklubber"]),
            ("Kulturhus og arrangement", []),
        ],
        organisering=[
            "Kultur og frivillighet ledes av kommunalsjef med virksomhetsledere for bibliotek, "
            "kulturskole, frivillighet og fritid, og kulturhus og arrangement.",
            "Bibliotekene i Ski og på Kolbotn blir én virksomhet med to avdelinger; "
            "kulturskolene slås sammen med én rektor.",
            "Frivilligsentralene og fritidsklubbene samles i frivillighet og fritid, med "
            "teamledere for ungdom og for frivillighet.",
            "Kulturhusene drives som én virksomhet med felles programråd og billettsystem.",
        ],
        ansvar=[
            "Virksomhetslederne har personal-, økonomi- og fagansvar; kulturskolerektor har "
            "også ansvar for samarbeidet med skolene om kulturtilbud i skoletiden.",
            "Den største endringen er fritidsklubbene, som i Oppegård ligger under oppvekst og "
            "flyttes til Kultur og frivillighet.",
            "Tilskudd til lag og foreninger forvaltes av frivillighet og fritid etter felles "
            "retningslinjer.",
        ],
        moteplasser=[
            "Ledergruppe Kultur og frivillighet annenhver uke.",
            "Frivillighetsforum med lag, foreninger og frivilligsentralene to ganger i året.",
            "Samarbeidsmøte med Oppvekst og utdanning om fritidsklubber og kulturskole hver måned.",
        ],
        annet=[
            "Ny kulturplan for Nordre Follo.",
            "Felles bibliotekssystem og meråpne bibliotek med selvbetjening.",
            "Felles arrangementskalender for hele kommunen.",
        ],
    ),
    "okonomi": Workbook(
        units=[
            ("Budsjett og analyse", []),
            ("Regnskap", []),
            ("Lønn", []),
            ("Innkjøp", []),
            ("Skatt og innfordring", []),
        ],
        organisering=[
            "Økonomistaben ledes av stabsleder med avdelingsledere for budsjett og analyse, "
            "regnskap, lønn, innkjøp og skatt og innfordring; staben har to ledernivåer.",
            "Controllerne samles i budsjett og analyse, men hver controller er fast knyttet "
            "til ett virksomhetsområde og møter i dets ledergruppe ved behov.",
            "Lønn flyttes fra personal til økonomi, slik at lønnsutbetaling og regnskap ligger "
            "i samme stab.",
            "Skatteoppkreverne fra Ski og Oppegård slås sammen til én avdeling for skatt og "
            "innfordring.",
        ],
        ansvar=[
            "Budsjett og analyse har ansvar for økonomiplan, budsjett, rapportering og "
            "analyser for rådmannen; regnskap fører kommunens og foretakenes regnskap.",
            "Den største endringen er at lønn flyttes fra personal, med ansvar for "
            "lønnskjøring, refusjoner og reiseregninger.",
            "Innkjøp har ansvar for rammeavtaler og konkurranser over terskelverdi, og gir råd "
            "til virksomhetene om mindre anskaffelser.",
        ],
        moteplasser=[
            "Ledergruppe i økonomistaben hver uke.",
            "Controllernettverk med virksomhetsområdenes økonomirådgivere hver måned, med "
            "ansvar for felles rapporteringsmal.",
            "Budsjettmøter med hvert virksomhetsområde i mars, juni og oktober.",
        ],
        annet=[
            "Felles økonomisystem og kontoplan fra 1. januar 2020.",
            "Ny mal for månedsrapport til rådmannen.",
            "Innplassering av de ansatte i lønn etter overføringen fra personal.",
        ],
    ),
    "personal": Workbook(
        units=[
            ("HR og arbeidsgiverpolitikk", []),
            ("HMS og bedriftshelsetjeneste", []),
            ("Organisasjonsutvikling og kompetanse", []),
            ("Politisk sekretariat og arkiv", ["Politisk sekretariat", "Arkiv og postmottak"]),
        ],
        organisering=[
            "Organisasjon og personal ledes av stabsleder med avdelingsledere for HR og "
            "arbeidsgiverpolitikk, HMS, organisasjonsutvikling og kompetanse, og politisk "
            "sekretariat og arkiv.",
            "HR-rådgiverne samles i én avdeling, men hver rådgiver følger fast ett "
            "virksomhetsområde, slik det er prøvd i utviklingsteamene høsten 2018.",
            "Bedriftshelsetjenesten blir en egen enhet under HMS i stedet for å kjøpes fra "
            "leverandør, som i Oppegård i dag.",
            "Politisk sekretariat og arkiv legges til staben, med felles postmottak for hele "
            "kommunen.",
        ],
        ansvar=[
            "Staben har ansvar for arbeidsgiverpolitikk, lønnsforhandlinger, rekruttering, HMS "
            "og lederutvikling, og er sekretariat for partssamarbeidet.",
            "Den største endringen er at lønnsutbetalingen flyttes til økonomi, mens "
            "lønnsforhandlinger og lønnspolitikk blir her.",
            "Politisk sekretariat og arkiv har ansvar for møtene i kommunestyret og utvalgene, "
            "offentlig journal og innsyn.",
        ],
        moteplasser=[
            "Ledergruppe i staben hver uke.",
            "HR-nettverk med HR-rådgiverne fra alle virksomhetsområder hver fjortende dag.",
            "Møte med hovedtillitsvalgte og hovedverneombud hver måned, og "
            "arbeidsmiljøutvalget fire ganger i året.",
        ],
        annet=[
            "Innplassering av alle ansatte etter omstillingsavtalen før 1. mars 2019.",
            "Felles lederutviklingsprogram for nye ledere.",
            "Ny arkivplan og overgang til ett sak- og arkivsystem.",
        ],
    ),
    "digital": Workbook(
        units=[
            ("IKT-drift og brukerstøtte", []),
            ("Digital utvikling", ["Fagsystemer", "Prosjektportefølje"]),
            ("Kommunikasjon", []),
            ("Servicetorg", []),
        ],
        organisering=[
            "Digitalisering og kommunikasjon ledes av stabsleder med avdelingsledere for "
            "IKT-drift og brukerstøtte, digital utvikling, kommunikasjon og servicetorget.",
            "IKT-driften fra Ski og Oppegård samles i én avdeling med felles brukerstøtte for "
            "alle ansatte.",
            "Servicetorgene på Ski rådhus og Kolbotn blir én avdeling med felles telefon og "
            "chat for innbyggerne.",
            "Digital utvikling får ansvar for porteføljen av digitaliseringsprosjekter i alle "
            "virksomhetsområder.",
        ],
        ansvar=[
            "Staben har ansvar for IKT-infrastruktur, fagsystemer, nettsider og intranett, "
            "informasjon til innbyggere og ansatte, og førstelinjetjenesten.",
            "Den største endringen er at de fagsystemansvarlige i virksomhetsområdene får "
            "faglig linje til digital utvikling, mens de fortsatt er ansatt i området.",
            "Kommunikasjon har ansvar for kommunens visuelle profil og for "
            "beredskapskommunikasjon.",
        ],
        moteplasser=[
            "Ledergruppe i staben hver uke.",
            "Digitaliseringsråd med en representant fra hvert virksomhetsområde hver måned, som "
            "prioriterer porteføljen av digitaliseringsprosjekter.",
            "Kommunikasjonsnettverk med kontaktpersoner i hvert område annenhver måned.",
        ],
        annet=[
            "Felles nettside og intranett for Nordre Follo innen 1. januar 2020.",
            "Flytting av fagsystemer og felles brukerkatalog.",
            "Digitaliseringsstrategi for 2020–2023.",
        ],
    ),
}


def _task_2b(key: str, head: Person) -> str:
    """The answer to task 2b at gathering 1: the goals the area chose, and who leads it."""
    goals = [
        THEMES[int(theme) - 1][1][int(goal) - 1]
        for area, numbers, *_ in SELECTIONS
        if area == key
        for theme, goal in [numbers.split(".")]
    ]
    return (
        f"Svar på oppgave 2b: gruppens {head.title.lower()} er {head.name}. Målene vi vil "
        "jobbe videre med er: " + " ".join(f"«{goal}»" for goal in goals)
    )


def sections(workbook: Workbook, key: str, head: Person, label: str) -> dict[str, str]:
    """The section texts of one version: its paragraphs, one a line."""
    counts = next(counts for version, _, counts in VERSIONS if version == label)
    texts = {section: getattr(workbook, section)[:count] for section, count in counts.items()}
    if label in ("1", "2"):
        texts["annet"] = [_task_2b(key, head), *texts["annet"]]
    return {section: "\n".join(lines) for section, lines in texts.items() if lines}


def chart(project: Project, workbook: Workbook, head: Person, label: str, on: datetime) -> bytes:
    """The org chart of a version: the first versions show the leader levels only, from
    version 3 on the departments under them too."""
    detailed = label not in ("1", "2")
    units = [(name, list(below) if detailed else []) for name, below in workbook.units]
    version = "endelig innspill" if label == "endelig" else f"arbeidsbok versjon {label}"
    return org_chart_pdf(
        f"Organisasjonskart: {project.name}",
        f"Nordre Follo kommune, {project.code}, {version}, levert {on:%d.%m.%Y}",
        (head.title, head.name),
        units,
        "Innspill til høringsdokumentet «Organisering av virksomhetsområder og staber» "
        "(Prosjekt Organisering, 2018)",
    )


async def build(loader: DemoLoader, programme: Programme, projects: dict[str, Project]) -> None:
    session = loader.session
    mal, _ = await loader.ensure(
        "templates", TemplateService(session), Template, template(programme), programme.id
    )
    people = {
        p.external_id: p
        for p in await session.scalars(
            select(Person).where(
                Person.programme_id == programme.id,
                Person.id.in_([p.leader_id for p in projects.values()])
                | Person.external_id.in_([f"{PREFIX}:person:ref-{key}" for key in projects]),
            )
        )
    }
    by_id = {p.id: p for p in people.values()}
    deadlines = {
        d.external_id: d
        for d in await session.scalars(
            select(Deadline).where(
                Deadline.programme_id == programme.id,
                Deadline.external_id.in_(
                    [
                        f"{PREFIX}:deadline:{key}:{deadline}"
                        for key in projects
                        for _, deadline, _ in VERSIONS
                    ]
                ),
            )
        )
    }
    limit = get_settings().max_upload_bytes
    for key, project in projects.items():
        workbook = WORKBOOKS[key]
        head = by_id[project.leader_id]
        note_taker = people[f"{PREFIX}:person:ref-{key}"]
        submission, _ = await loader.ensure(
            "submissions",
            SubmissionService(session),
            Submission,
            SubmissionCreate(
                programme_id=programme.id,
                title=f"Arbeidsbok: {project.name}",
                template_id=mal.id,
                project_id=project.id,
                external_id=f"{PREFIX}:submission:{key}:arbeidsbok",
            ),
            programme.id,
        )
        made = set(
            await session.scalars(
                select(SubmissionVersion.label).where(
                    SubmissionVersion.submission_id == submission.id
                )
            )
        )
        for position, (label, deadline_key, _) in enumerate(VERSIONS, start=1):
            if label in made:
                continue
            deadline = deadlines[f"{PREFIX}:deadline:{key}:{deadline_key}"]
            texts = sections(workbook, key, head, label)
            submitted_at = deadline.submitted_at
            if deadline.status != DeadlineStatus.submitted or submitted_at is None:
                # Begun, never sent: a draft past its deadline, which shows as missing.
                begun = BEGUN.get(label, ())
                await VersionService(session).create(
                    VersionCreate(
                        submission_id=submission.id,
                        label=label,
                        position=position,
                        deadline_id=deadline.id,
                        sections={s: t for s, t in texts.items() if s in begun},
                    )
                )
                loader.created["submission_versions"] += 1
                continue
            submitter = note_taker if label == "1" else head
            principal = Principal(
                via="system", system_admin=True, persons={programme.id: submitter.id}
            )
            pdf = chart(project, workbook, head, label, submitted_at.astimezone(OSLO))
            name = "endelig" if label == "endelig" else f"versjon {label}"
            stored = await FileService(session, principal).upload(
                programme.id, f"Organisasjonskart {project.name} {name}.pdf", io.BytesIO(pdf), limit
            )
            loader.created["files"] += 1
            versions = VersionService(session, principal)
            version = await versions.create(
                VersionCreate(
                    submission_id=submission.id,
                    label=label,
                    position=position,
                    deadline_id=deadline.id,
                    sections=texts,
                    files=[VersionFile(file_id=stored.id, attachment_key=CHART)],
                )
            )
            loader.created["submission_versions"] += 1
            # At the time the deadline records: it is already submitted, so it stays as is.
            await versions.submit(version, etag(version.version), at=submitted_at)
