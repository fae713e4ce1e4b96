"""Demo programme «Sørum arbeidslag»: work teams steered by their measured effect (seed 001).

Sørum (kommunenummer 0226) was reorganised into a two-level model in 2012, with work teams
(arbeidslag) as one of the main tools to realise the new organisation: cross-disciplinary
teams that solve «the ordinary tasks» together. The programme is built as the seed describes
it: five effect goals, the first three measured by surveys (the third by user surveys); result
goals for a system of work teams (criteria for setting one up and for evaluating its results,
documentation of results, competence measures), arenas for sharing experience and making the
teams' effect visible; the five measures (tiltak), each with its documented result; repeated
surveys to establish a baseline (autumn 2013) and follow the development (2014 and 2015); and
the three-party workshop of autumn 2013: three politicians, three from the administration and
three chief union representatives.

The surveys were run in the municipality's own survey tool; their aggregate results are
imported into Samskap rounds (as a programme office would), and closing each round wrote the
indicator's measurement for the day the survey was carried out. The survey figures, the two
work teams other than the apprentices' one, the criteria's wording and every person are
invented; the people have addresses on the reserved `.example` domain. The effect goal
«Utvikling av trepartssamarbeid» has no indicator, as in the seed, so the compliance report
shows that rule. All dates are fixed; the programme ended with 2015.
"""

import csv
import io
from datetime import date

from sqlalchemy import select

from samskap.criteria.schemas import CriterionAssessmentCreate, GroupCriterionCreate
from samskap.criteria.service import CriterionAssessmentService, GroupCriterionService
from samskap.decisions.schemas import DecisionCreate
from samskap.demo.loader import DemoLoader, PersonSpec, Seat, oslo
from samskap.goals.schemas import GoalCreate
from samskap.goals.service import GoalService
from samskap.groups.schemas import GroupCreate
from samskap.indicators.schemas import IndicatorCreate, MeasurementCreate
from samskap.indicators.service import IndicatorService, MeasurementService
from samskap.kit.etag import etag
from samskap.measures.schemas import EvidenceLink, MeasureCreate
from samskap.measures.service import MeasureService
from samskap.models import (
    CriterionAssessment,
    Goal,
    GroupCriterion,
    Indicator,
    Measure,
    Measurement,
    Person,
    Programme,
    SurveyRound,
)
from samskap.programmes.schemas import ProgrammeCreate
from samskap.projects.schemas import ProjectCreate
from samskap.surveys.schemas import SurveyQuestionCreate, SurveyRoundCreate
from samskap.surveys.service import SurveyQuestionService, SurveyRoundService

PREFIX = "demo:so"
DOMAIN = "sorum.example"
SORUM = "0226"

PROGRAMME = ProgrammeCreate(
    name="Sørum arbeidslag",
    description=(
        "Arbeidslag som verktøy for tverrfaglig samarbeid etter omorganiseringen til "
        "2-nivåmodell i 2012: å ta ut det uutnyttede potensialet i organisasjonen for kvalitet "
        "på tjenestene og ressurseffektivitet i det løpende arbeidet."
    ),
    owner_organisation="Sørum kommune",
    municipalities=[{"name": "Sørum", "number": SORUM}],
    starts_on=date(2012, 1, 1),
    target_on=date(2015, 12, 31),
    status="completed",
    external_id=f"{PREFIX}:programme",
)

P = PersonSpec
PEOPLE = [
    P("radmann", "Kari Nordby", "Rådmann", "Rådmannens stab", SORUM),
    P("prosjektleder", "Jon Helge Bakken", "Prosjektleder arbeidslag", "Rådmannens stab", SORUM),
    P("personalsjef", "Liv Hagen", "Personalsjef", "Personal og organisasjon", SORUM),
    P("vl-helse", "Trond Eriksen", "Virksomhetsleder", "Hjemmetjenester", SORUM),
    P("vl-skole", "Randi Fjeld", "Virksomhetsleder", "Skole", SORUM),
    P("pol-1", "Anne-Lise Rustad", "Ordfører", "Kommunestyret", SORUM, "elected_official"),
    P("pol-2", "Per Olav Myhre", "Varaordfører", "Kommunestyret", SORUM, "elected_official"),
    P("pol-3", "Siri Holm", "Kommunestyrerepresentant", "Kommunestyret", SORUM, "elected_official"),
    P(
        "htv-ff",
        "Bente Lund",
        "Hovedtillitsvalgt",
        "Fagforbundet",
        SORUM,
        "union_representative",
        "Fagforbundet",
    ),
    P(
        "htv-udf",
        "Rune Solberg",
        "Hovedtillitsvalgt",
        "Utdanningsforbundet",
        SORUM,
        "union_representative",
        "Utdanningsforbundet",
    ),
    P(
        "htv-nsf",
        "Hilde Berg",
        "Hovedtillitsvalgt",
        "Norsk Sykepleierforbund",
        SORUM,
        "union_representative",
        "Norsk Sykepleierforbund",
    ),
    P("koord-laerling", "Maria Sand", "Lærlingkoordinator", "Personal og organisasjon", SORUM),
    P("koord-mestring", "Ola Dahl", "Fysioterapeut", "Hjemmetjenester", SORUM),
    P("koord-overgang", "Eva Strand", "Spesialpedagog", "Skole", SORUM),
    P("medlem-1", "Knut Moen", "Rådgiver", "Personal og organisasjon", SORUM),
    P("medlem-2", "Ingrid Aas", "Sykepleier", "Hjemmetjenester", SORUM),
    P("medlem-3", "Nils Lie", "Ergoterapeut", "Hjemmetjenester", SORUM),
    P("medlem-4", "Tone Vik", "Barnehagelærer", "Barnehage", SORUM),
    P("medlem-5", "Geir Ask", "Driftsleder", "Eiendom", SORUM),
]

PROJECT_MANDATE = (
    "Etablere arbeidslag som en ny måte å organisere tverrfaglig samarbeid på, med et system "
    "for opprettelse, evaluering og dokumentasjon, og synliggjøre effekten av arbeidslagenes "
    "innsats for kvalitet på tjenestene og ressurseffektivitet."
)

# (key, title, description, indicator or None)
EFFECT_GOALS = [
    (
        "potensial",
        "Arbeidslag skal bidra til at uutnyttet potensial for tverrfaglig samarbeid reduseres",
        "Måles gjennom spørreundersøkelse.",
    ),
    (
        "ressurser",
        "Ressurseffektiv oppgaveløsning gjennom samhandling",
        "Måles gjennom spørreundersøkelse.",
    ),
    (
        "kvalitet",
        "Kvalitetsheving i tjenesten ved systematisk kompetanseheving for alle i tverrfaglig "
        "samhandling",
        "Måles gjennom brukerundersøkelser.",
    ),
    ("kompetanse", "Kompetansemobilisering", None),
    ("trepart", "Utvikling av trepartssamarbeid", None),
]
RESULT_GOALS = [
    (
        "system",
        "Utvikle et system for arbeidslag",
        "Med kriterier for opprettelse av arbeidslag, kriterier for evaluering av arbeidslags "
        "resultater, dokumentasjon av resultat, kompetanseutviklingstiltak for arbeidslagene og "
        "andre rammebetingelser.",
    ),
    (
        "erfaringsdeling",
        "Etablere system og arenaer for erfaringsdeling mellom arbeidslagene og mellom "
        "arbeidslagene og organisasjonen for øvrig",
        None,
    ),
    (
        "synliggjoring",
        "Synliggjøring av effekten av arbeidslagenes innsats, i forhold til kvalitet på "
        "tjenestene og ressurseffektivitet",
        None,
    ),
]

# (key, goal, name, unit, direction, method, target, interval in months)
INDICATORS = [
    (
        "samarbeid",
        "potensial",
        "Andel ansatte som det siste året har løst en oppgave sammen med andre fagområder",
        "%",
        "survey",
        70.0,
        12,
    ),
    (
        "ressursbruk",
        "ressurser",
        "Opplevd ressurseffektiv samhandling (1–5)",
        "snitt 1–5",
        "survey",
        3.8,
        12,
    ),
    (
        "brukertilfredshet",
        "kvalitet",
        "Brukertilfredshet i tjenester med arbeidslag (1–5)",
        "snitt 1–5",
        "user_survey",
        4.3,
        24,
    ),
    (
        "kompetansetiltak",
        "kompetanse",
        "Andel medlemmer av arbeidslag som har deltatt i kompetansetiltak",
        "%",
        "manual_count",
        80.0,
        12,
    ),
]

STAFF_QUESTIONS = {
    "samarbeid": (
        "Har du det siste året løst en oppgave sammen med kolleger fra andre fagområder?",
        "yes_no",
    ),
    "ressursbruk": (
        "Samhandlingen på tvers gjør at vi løser oppgavene med mindre ressursbruk.",
        "likert",
    ),
}
USER_QUESTION = ("Alt i alt, hvor fornøyd er du med tjenesten du får?", "likert")

# (key, title, carried out on, {indicator: counts}) — counts are yes/no or the answers 1..5.
SURVEYS = [
    (
        "medarbeider-2013",
        "Medarbeiderundersøkelse arbeidslag 2013 (utgangspunkt)",
        date(2013, 10, 15),
        {"samarbeid": (110, 102), "ressursbruk": (14, 38, 74, 62, 24)},
    ),
    (
        "medarbeider-2014",
        "Medarbeiderundersøkelse arbeidslag 2014",
        date(2014, 10, 14),
        {"samarbeid": (131, 93), "ressursbruk": (10, 30, 70, 80, 34)},
    ),
    (
        "medarbeider-2015",
        "Medarbeiderundersøkelse arbeidslag 2015",
        date(2015, 10, 13),
        {"samarbeid": (148, 80), "ressursbruk": (6, 24, 66, 92, 40)},
    ),
    (
        "bruker-2013",
        "Brukerundersøkelse hjemmetjenester 2013 (utgangspunkt)",
        date(2013, 11, 20),
        {"brukertilfredshet": (3, 8, 30, 70, 52)},
    ),
    (
        "bruker-2015",
        "Brukerundersøkelse hjemmetjenester 2015",
        date(2015, 11, 18),
        {"brukertilfredshet": (2, 5, 25, 78, 65)},
    ),
]
# Counted by the programme office from the course lists.
COUNTS = [
    ("kompetansetiltak", date(2014, 6, 30), 38.0),
    ("kompetansetiltak", date(2015, 6, 30), 71.0),
]

# (key, title, goals, starts, due, result, evidence)
MEASURES = [
    (
        "kartlegging",
        "Gjennomføring av kartlegginger i forhold til effektmålene for å etablere utgangspunkt "
        "og utvikling gjennom gjentatte kartlegginger",
        ["potensial", "ressurser", "kvalitet"],
        date(2013, 8, 1),
        date(2015, 11, 30),
        "Utgangspunktet ble målt høsten 2013 og fulgt opp i 2014 og 2015; andelen som "
        "samarbeider på tvers og opplevd ressurseffektivitet har økt hvert år.",
        [],
    ),
    (
        "informasjon",
        "Informasjons- og kommunikasjonstiltak for å synliggjøre arbeidslagene og deres arbeid",
        ["synliggjoring"],
        date(2013, 1, 15),
        date(2015, 6, 30),
        "Arbeidslagene er presentert på intranettet og i en reportasje fra prosjektet.",
        [("Reportasje fra prosjektet", "https://sorum.example/intranett/arbeidslag")],
    ),
    (
        "kompetanse",
        "Iverksetting av kompetansetiltak for koordinatorene og medlemmene i arbeidslagene og "
        "virksomhetslederne",
        ["kvalitet", "kompetanse"],
        date(2013, 9, 1),
        date(2015, 6, 30),
        "Kompetanseoppbygging er vektlagt i arbeidslagene; 71 % av medlemmene hadde deltatt i "
        "kompetansetiltak ved utgangen av juni 2015.",
        [],
    ),
    (
        "kvalitetssystem",
        "System for arbeidslag i kommunens kvalitetssystem",
        ["system", "erfaringsdeling"],
        date(2013, 1, 15),
        date(2014, 12, 31),
        "Det er utviklet systemer og strukturer som et resultat av arbeidslagenes arbeid: "
        "kriterier for opprettelse og evaluering og mal for dokumentasjon av resultat ligger i "
        "kvalitetssystemet.",
        [],
    ),
    (
        "trepart",
        "Avklaring av innholdet i trepartssamarbeidet mellom de tre partene",
        ["trepart"],
        date(2013, 6, 1),
        date(2013, 12, 31),
        "Trepartsverkstedet ble etablert høsten 2013 med tre politikere, tre ansatte fra "
        "administrasjonen og tre hovedtillitsvalgte; administrasjonsutvalget er også etablert "
        "som møteplass.",
        [],
    ),
]

# (key, purpose, title)
CRITERIA = [
    (
        "vanlige-oppgaver",
        "setup",
        "Oppgaven er en av «de vanlige oppgavene» og krever samarbeid på tvers av fag",
    ),
    ("to-fagomrader", "setup", "Minst to virksomheter eller fagområder deltar"),
    ("ressurser", "setup", "Virksomhetslederne har avklart ressurser og mandat for laget"),
    ("koordinator", "setup", "Laget har en utpekt koordinator"),
    ("dokumentert", "evaluation", "Resultatene er dokumentert"),
    ("erfaringer-delt", "evaluation", "Laget har delt erfaringer med andre arbeidslag"),
    ("effekt-synlig", "evaluation", "Effekten på kvalitet eller ressursbruk er synliggjort"),
]

# (team key, name, description, coordinator, members)
TEAMS = [
    (
        "laerlinger",
        "Arbeidslag for lærlinger",
        "Opptak, intervjuer, utlysninger, opplæringsplaner og oppfølging av lærlinger på tvers "
        "av virksomhetene.",
        "koord-laerling",
        ["medlem-1", "medlem-4", "medlem-5"],
    ),
    (
        "hverdagsmestring",
        "Arbeidslag for hverdagsmestring",
        "Hjemmetjenester, fysioterapi og ergoterapi sammen om hverdagsrehabilitering.",
        "koord-mestring",
        ["medlem-2", "medlem-3"],
    ),
    (
        "overganger",
        "Arbeidslag for overgangen barnehage–skole",
        "Barnehage, skole og PPT sammen om gode overganger for barn som trenger ekstra støtte.",
        "koord-overgang",
        ["medlem-4", "vl-skole"],
    ),
]

# (team, criterion, assessed on, fulfilment, note)
ASSESSMENTS = [
    *(("laerlinger", c, date(2013, 1, 15), "met", None) for c, purpose, _ in CRITERIA[:4]),
    ("laerlinger", "dokumentert", date(2015, 11, 24), "met", None),
    ("laerlinger", "erfaringer-delt", date(2015, 11, 24), "met", None),
    (
        "laerlinger",
        "effekt-synlig",
        date(2015, 11, 24),
        "met",
        "Flere konkrete endringer innen opptak, intervjuer, utlysninger, opplæringsplaner og "
        "oppfølgingsløp.",
    ),
    ("hverdagsmestring", "vanlige-oppgaver", date(2013, 3, 1), "met", None),
    ("hverdagsmestring", "to-fagomrader", date(2013, 3, 1), "met", None),
    (
        "hverdagsmestring",
        "ressurser",
        date(2013, 3, 1),
        "partly_met",
        "Fysioterapi har ikke avsatt tid ennå.",
    ),
    ("hverdagsmestring", "ressurser", date(2013, 6, 1), "met", "Avklart i virksomhetsledermøtet."),
    ("hverdagsmestring", "koordinator", date(2013, 3, 1), "met", None),
    ("hverdagsmestring", "dokumentert", date(2015, 11, 24), "partly_met", None),
    ("hverdagsmestring", "erfaringer-delt", date(2015, 11, 24), "met", None),
    (
        "hverdagsmestring",
        "effekt-synlig",
        date(2015, 11, 24),
        "not_met",
        "Det er vanskelig å måle direkte; brukerundersøkelsen skiller ikke på arbeidslag.",
    ),
    *(("overganger", c, date(2014, 2, 3), "met", None) for c, purpose, _ in CRITERIA[:4]),
]


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    columns = list(dict.fromkeys(column for row in rows for column in row))
    writer = csv.DictWriter(out, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _result_row(text: str, kind: str, counts: tuple[int, ...]) -> dict[str, object]:
    if kind == "yes_no":
        yes, no = counts
        return {"question": text, "n": yes + no, "yes": yes, "no": no}
    return {"question": text, "n": sum(counts), **{str(i): c for i, c in enumerate(counts, 1)}}


async def build(loader: DemoLoader) -> Programme:
    programme = await loader.programme(PROGRAMME)
    pid = programme.id
    people = await loader.people(programme, PREFIX, DOMAIN, PEOPLE)
    session = loader.session

    styringsgruppe = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="steering_group",
            name="Rådmannens ledergruppe",
            description="Styringsgruppe for arbeidslagene: rådmannen og virksomhetslederne.",
            external_id=f"{PREFIX}:group:styringsgruppe",
        )
    )
    await loader.members(
        styringsgruppe,
        people,
        [
            Seat("radmann", "administration", "chair", SORUM),
            Seat("personalsjef", "administration", "member", SORUM),
            Seat("vl-helse", "administration", "member", SORUM),
            Seat("vl-skole", "administration", "member", SORUM),
        ],
    )
    decision = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=styringsgruppe.id,
            decided_on=date(2013, 1, 10),
            case_number="13/00042",
            title="Mandat for prosjektet Arbeidslag",
            text="Rådmannens ledergruppe godkjenner mandatet for prosjektet Arbeidslag.",
            status="final",
            external_id=f"{PREFIX}:decision:mandat-arbeidslag",
        )
    )
    project, _ = await loader.project(
        ProjectCreate(
            programme_id=pid,
            code="AL",
            name="Arbeidslag",
            description="Arbeidslag for tverrfaglig samarbeid om de vanlige oppgavene.",
            category="administrative",
            mandate_text=PROJECT_MANDATE,
            mandate_status="approved",
            mandate_approved_at=oslo(2013, 1, 10, 14),
            mandate_approved_by_id=people["radmann"].id,
            mandate_decision_id=decision.id,
            leader_id=people["prosjektleder"].id,
            leader_allocation_percent=60,
            owner_id=people["radmann"].id,
            status="completed",
            health="on_track",
            starts_on=date(2013, 1, 1),
            ends_on=date(2015, 12, 31),
            external_id=f"{PREFIX}:project:arbeidslag",
        )
    )

    trepart = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="three_party_forum",
            name="Trepartsverksted",
            description="Etablert høsten 2013: tre politikere, tre ansatte fra administrasjonen "
            "og tre hovedtillitsvalgte.",
            external_id=f"{PREFIX}:group:trepartsverksted",
        )
    )
    start = date(2013, 9, 1)
    await loader.members(
        trepart,
        people,
        [
            Seat("pol-1", "politicians", "chair", SORUM, starts_on=start),
            Seat("pol-2", "politicians", "member", SORUM, starts_on=start),
            Seat("pol-3", "politicians", "member", SORUM, starts_on=start),
            Seat("radmann", "administration", "member", SORUM, starts_on=start),
            Seat("personalsjef", "administration", "member", SORUM, starts_on=start),
            Seat("prosjektleder", "administration", "secretary", SORUM, starts_on=start),
            Seat("htv-ff", "employees", "member", SORUM, starts_on=start),
            Seat("htv-udf", "employees", "member", SORUM, starts_on=start),
            Seat("htv-nsf", "employees", "member", SORUM, starts_on=start),
        ],
    )

    teams = {}
    for key, name, description, coordinator, members in TEAMS:
        teams[key] = await loader.group(
            GroupCreate(
                programme_id=pid,
                project_id=project.id,
                kind="work_team",
                name=name,
                description=description,
                external_id=f"{PREFIX}:group:{key}",
            )
        )
        await loader.members(
            teams[key],
            people,
            [Seat(coordinator, "employees", "chair", SORUM)]
            + [Seat(m, "employees", "member", SORUM) for m in members],
        )

    # Goals: the need behind the work as its societal goal, the seed's effect and result goals.
    goals: dict[str, Goal] = {}

    async def goal(key: str, data: GoalCreate) -> Goal:
        goals[key], _ = await loader.ensure("goals", GoalService(session), Goal, data, pid)
        return goals[key]

    societal = await goal(
        "samfunn",
        GoalCreate(
            programme_id=pid,
            project_id=project.id,
            kind="societal",
            title="Innbyggerne får tjenester av høy kvalitet gjennom effektiv bruk av "
            "organisasjonens ressurser",
            description="Behovet: et uutnyttet potensial for tverrfaglig samarbeid i "
            "organisasjonen, i forhold til kvalitet på tjenester og ressurseffektivitet.",
            owner_id=people["radmann"].id,
            status="active",
            external_id=f"{PREFIX}:goal:samfunn",
        ),
    )
    for order, (key, title, description) in enumerate(EFFECT_GOALS, start=1):
        await goal(
            key,
            GoalCreate(
                programme_id=pid,
                project_id=project.id,
                parent_id=societal.id,
                kind="effect",
                title=title,
                description=description,
                owner_id=people["prosjektleder"].id,
                status="active",
                sort_order=order,
                external_id=f"{PREFIX}:goal:{key}",
            ),
        )
    for order, (key, title, description) in enumerate(RESULT_GOALS, start=1):
        await goal(
            key,
            GoalCreate(
                programme_id=pid,
                project_id=project.id,
                kind="result",
                title=title,
                description=description,
                owner_id=people["prosjektleder"].id,
                status="achieved",
                sort_order=10 + order,
                external_id=f"{PREFIX}:goal:{key}",
            ),
        )

    indicators: dict[str, Indicator] = {}
    for key, goal_key, name, unit, method, target, interval in INDICATORS:
        indicators[key], _ = await loader.ensure(
            "indicators",
            IndicatorService(session),
            Indicator,
            IndicatorCreate(
                programme_id=pid,
                goal_id=goals[goal_key].id,
                name=name,
                unit=unit,
                direction="higher_is_better",
                method=method,
                target_value=target,
                target_on=date(2015, 12, 31),
                interval_months=interval,
                external_id=f"{PREFIX}:indicator:{key}",
            ),
            pid,
        )

    await _surveys(loader, programme, indicators)
    for n, (key, measured_on, value) in enumerate(COUNTS, start=1):
        await loader.ensure(
            "measurements",
            MeasurementService(session),
            Measurement,
            MeasurementCreate(
                indicator_id=indicators[key].id,
                value=value,
                measured_on=measured_on,
                source="Kurslister, programkontoret",
                external_id=f"{PREFIX}:measurement:{key}-{n}",
            ),
            pid,
        )

    for key, title, goal_keys, starts_on, due_on, result, evidence in MEASURES:
        await loader.ensure(
            "measures",
            MeasureService(session),
            Measure,
            MeasureCreate(
                programme_id=pid,
                project_id=project.id,
                title=title,
                owner_id=people["prosjektleder"].id,
                status="done",
                starts_on=starts_on,
                due_on=due_on,
                goal_ids=[goals[g].id for g in goal_keys],
                result=result,
                result_on=due_on,
                evidence=[EvidenceLink(title=t, url=u) for t, u in evidence],
                external_id=f"{PREFIX}:measure:{key}",
            ),
            pid,
        )

    criteria: dict[str, GroupCriterion] = {}
    for order, (key, purpose, title) in enumerate(CRITERIA, start=1):
        criteria[key], _ = await loader.ensure(
            "group_criteria",
            GroupCriterionService(session),
            GroupCriterion,
            GroupCriterionCreate(
                programme_id=pid,
                group_kind="work_team",
                purpose=purpose,
                title=title,
                sort_order=order,
                external_id=f"{PREFIX}:criterion:{key}",
            ),
            pid,
        )
    await _assessments(loader, teams, criteria, people["prosjektleder"])
    return programme


async def _surveys(
    loader: DemoLoader, programme: Programme, indicators: dict[str, Indicator]
) -> None:
    """Each survey as an imported round: its questions feed the indicators, its aggregate
    results are imported as the survey tool exported them, and closing it dates the
    measurements the day the survey was carried out."""
    session = loader.session
    rounds = SurveyRoundService(session)
    for key, title, carried_out, results in SURVEYS:
        survey, created = await loader.ensure(
            "survey_rounds",
            rounds,
            SurveyRound,
            SurveyRoundCreate(
                programme_id=programme.id,
                title=title,
                description="Resultater eksportert fra kommunens verktøy for "
                "spørreundersøkelser og importert.",
                audience="link",
                source="imported",
                external_id=f"{PREFIX}:survey:{key}",
            ),
            programme.id,
        )
        if not created:
            continue
        rows = []
        for position, (indicator_key, counts) in enumerate(results.items(), start=1):
            text, kind = STAFF_QUESTIONS.get(indicator_key, USER_QUESTION)
            await SurveyQuestionService(session).create(
                SurveyQuestionCreate(
                    round_id=survey.id,
                    position=position,
                    text=text,
                    kind=kind,
                    indicator_id=indicators[indicator_key].id,
                )
            )
            rows.append(_result_row(text, kind, counts))
        survey = await rounds.get(survey.id)
        await rounds.import_file(survey, _csv(rows), dry_run=False)
        survey = await rounds.get(survey.id)
        closed = await rounds.close(survey, etag(survey.version), carried_out)
        loader.created["measurements"] += len(closed.measurements)


async def _assessments(loader, teams, criteria, assessor: Person) -> None:
    """Assessments have no external key: one per group, criterion and day."""
    session = loader.session
    service = CriterionAssessmentService(session)
    done = {
        (a.group_id, a.criterion_id, a.assessed_on)
        for a in await session.scalars(
            select(CriterionAssessment).where(
                CriterionAssessment.group_id.in_([t.id for t in teams.values()])
            )
        )
    }
    for team, criterion, assessed_on, fulfilment, note in ASSESSMENTS:
        group, crit = teams[team], criteria[criterion]
        if (group.id, crit.id, assessed_on) in done:
            continue
        await service.create(
            CriterionAssessmentCreate(
                group_id=group.id,
                criterion_id=crit.id,
                assessed_on=assessed_on,
                fulfilment=fulfilment,
                note=note,
                assessed_by_id=assessor.id,
            )
        )
        loader.created["criterion_assessments"] += 1
