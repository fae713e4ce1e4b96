"""Nordre Follo's goal catalogue and the areas' choices (seed 002, gathering 1, tasks 2 and 4).

The 19 goals of the municipal plan, in its four themes, are the programme's catalogue: at
gathering 1 each service area and staff unit ticks the goals it must work for, with a rationale
(task 2b), and then writes what each goal means for the area and how to make it operational
(task 4b). The goal texts are the seed's own; what the areas chose and wrote is invented.
"""

from samskap.demo.loader import DemoLoader
from samskap.goals.schemas import GoalCreate, GoalSelectionCreate
from samskap.goals.service import GoalSelectionService, GoalService
from samskap.models import Goal, GoalSelection, Programme, Project

PREFIX = "demo:nf"

# The 19 goals of the municipal plan («Kommuneplan for Nordre Follo»), in their four themes, as
# seed 002 lists them for task 2 of gathering 1.
THEMES: list[tuple[str, list[str]]] = [
    (
        "Sammen for ny kommune",
        [
            "Sammen utvikler vi Nordre Follo kommune.",
            "Nordre Follo kommune er attraktiv for næringslivet.",
            "Nordre Follo kommune involverer brukere og innbyggere i utforming av tjenestene.",
            "Nordre Follo kommune har en bærekraftig økonomi.",
            "Nordre Follo kommune er en attraktiv arbeidsgiver og en organisasjon i utvikling.",
        ],
    ),
    (
        "Trygg oppvekst",
        [
            "Barn og unge i Nordre Follo kommune opplever trygghet og mestring.",
            "Barn og unge i Nordre Follo kommune medvirker, sier sin mening og blir hørt.",
            "Barn og unge i Nordre Follo kommune får realisert sitt potensiale for utvikling og "
            "læring.",
            "Barn og unge i Nordre Follo kommune har mulighet til hvile, fritid og lek og "
            "deltar i idrett, fysisk aktivitet og kulturaktiviteter.",
        ],
    ),
    (
        "Aktiv hele livet",
        [
            "Innbyggerne i Nordre Follo kommune mestrer sin egen hverdag.",
            "Innbyggerne i Nordre Follo kommune bor godt og trygt.",
            "Innbyggerne i Nordre Follo kommune er fysisk aktive hele livet.",
            "Innbyggerne i Nordre Follo kommune har tilgang til gode møteplasser og varierte "
            "kulturopplevelser.",
        ],
    ),
    (
        "Byvekst med grønne kvaliteter",
        [
            "Nordre Follo kommune har attraktive og levende byer og tettsteder.",
            "Nordre Follo kommune tar miljøansvar og er en foregangskommune på vei mot "
            "lavutslippssamfunnet.",
            "Nordre Follo kommune er rustet for klimaendringer.",
            "Nordre Follo kommune legger til rette for et bærekraftig landbruk basert på lokale "
            "ressurser.",
            "Nordre Follo kommune tar ansvar for samfunnssikkerhet og beredskap.",
            "Nordre Follo kommune forvalter natur og arealressurser på en bærekraftig måte.",
        ],
    ),
]

# What each area chose in task 2b (rationale) and wrote in task 4b (what the goal means for the
# area, and how to make it operational). Goals are named «theme.goal», counted from 1. The
# texts are invented for the demo; «Kultur og frivillighet» never wrote its rationale for one
# goal, which the compliance report flags.
SELECTIONS: list[tuple[str, str, str | None, str | None, str | None]] = [
    (
        "oppvekst",
        "2.1",
        "Trygghet og mestring er grunnlaget for læring, og barnehage og skole er der barna er.",
        "Alle barnehager og skoler jobber etter samme plan for et trygt og godt miljø.",
        "Felles aktivitetsplikt-rutine i alle enheter; trivselsundersøkelse hvert år.",
    ),
    (
        "oppvekst",
        "2.2",
        "Barn og unge skal være med å forme tjenestene vi gir dem.",
        "Elevråd og barnehagebarn blir spurt før endringer som angår dem.",
        "Ungdomsrådet får uttale seg om organiseringen av tjenestene for unge.",
    ),
    (
        "oppvekst",
        "2.3",
        "Læring og utvikling er kjerneoppdraget til virksomhetsområdet.",
        "Tverrfaglige team rundt barn som trenger mer enn det ordinære tilbudet.",
        "Tidlig innsats-team i hver skolekrets fra august 2019.",
    ),
    (
        "helse",
        "3.1",
        "Hverdagsmestring gir innbyggerne et bedre liv og demper veksten i behovet for tjenester.",
        "Tjenestene spør hva som er viktig for den enkelte før tiltak settes inn.",
        "Hverdagsrehabilitering tilbys alle nye brukere av hjemmetjenesten.",
    ),
    (
        "helse",
        "3.2",
        "Trygg bolig er en forutsetning for å bo hjemme lenger.",
        "Boligkontor og helsetjenester samarbeider om boliger for dem som trenger det.",
        "Felles boligsosial handlingsplan for den nye kommunen.",
    ),
    (
        "helse",
        "1.3",
        "Brukerne kjenner tjenestene best og skal være med å utforme dem.",
        "Brukerråd og pårørende involveres når tjenestene organiseres.",
        "Brukerundersøkelse i alle tjenester innen første driftsår.",
    ),
    (
        "samfunn",
        "4.1",
        "Ski og Kolbotn skal utvikles som levende sentre i den nye kommunen.",
        "Planarbeidet tar utgangspunkt i byliv og møteplasser.",
        "Områdeplan for Ski sentrum og Kolbotn sentrum prioriteres.",
    ),
    (
        "samfunn",
        "4.2",
        "Klimaet krever at kommunen går foran.",
        "Klimaregnskap legges til grunn for valg av løsninger.",
        "Klimabudsjett som del av handlingsprogrammet fra 2020.",
    ),
    (
        "samfunn",
        "4.6",
        "Arealene er begrenset og må forvaltes for framtidige generasjoner.",
        "Jordvern og grønnstruktur vektlegges i alle planer.",
        "Kartlegging av grønnstruktur før ny arealplan.",
    ),
    (
        "kultur",
        "3.4",
        "Møteplasser og kulturtilbud binder den nye kommunen sammen.",
        "Bibliotek og kulturhus er åpne møteplasser for alle.",
        "Felles arrangementskalender for hele kommunen.",
    ),
    (
        "kultur",
        "2.4",
        None,
        "Fritidstilbud for barn og unge i hele kommunen.",
        None,
    ),
    (
        "okonomi",
        "1.4",
        "Økonomisk handlingsrom er nødvendig for å levere tjenester i tråd med målene.",
        "God økonomistyring i alle virksomheter.",
        "Månedlig økonomirapportering fra alle virksomhetsområder.",
    ),
    (
        "personal",
        "1.5",
        "Den nye kommunen må beholde, rekruttere og utvikle medarbeidere.",
        "Omstillingen gjennomføres i tråd med omstillingsavtalen.",
        "Felles arbeidsgiverstrategi og lederutviklingsprogram.",
    ),
    (
        "digital",
        "1.1",
        "Digitalisering skjer sammen med tjenestene, ikke for dem.",
        "Digitale løsninger utvikles med brukerne.",
        "Tjenestedesign i alle digitaliseringsprosjekter.",
    ),
    (
        "digital",
        "1.3",
        "Innbyggerne skal møte én kommune på nett.",
        "Felles nettsider og selvbetjening for begge gamle kommuner.",
        "Ny nettside og innbyggerportal til 1. januar 2020.",
    ),
]


async def build(loader: DemoLoader, programme: Programme, projects: dict[str, Project]) -> None:
    goals: dict[str, Goal] = {}
    for theme_no, (theme, texts) in enumerate(THEMES, start=1):
        for goal_no, text in enumerate(texts, start=1):
            key = f"{theme_no}.{goal_no}"
            goals[key], _ = await loader.ensure(
                "goals",
                GoalService(loader.session),
                Goal,
                GoalCreate(
                    programme_id=programme.id,
                    kind="societal",
                    title=text,
                    theme=theme,
                    status="active",
                    sort_order=theme_no * 100 + goal_no,
                    in_catalogue=True,
                    description="Mål i kommuneplanens samfunnsdel for Nordre Follo.",
                    external_id=f"{PREFIX}:goal:plan-{key}",
                ),
                programme.id,
            )
    for area, key, rationale, meaning, operationalisation in SELECTIONS:
        await loader.ensure(
            "goal_selections",
            GoalSelectionService(loader.session),
            GoalSelection,
            GoalSelectionCreate(
                goal_id=goals[key].id,
                project_id=projects[area].id,
                rationale=rationale,
                meaning=meaning,
                operationalisation=operationalisation,
                external_id=f"{PREFIX}:goal-selection:{area}:{key}",
            ),
            programme.id,
        )
