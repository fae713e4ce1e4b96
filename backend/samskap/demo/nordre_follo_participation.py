"""Participation in «Nordre Follo 2020»: employees' ideas followed up by the three-party
forum (seed 004), the involvement plan of «Oppvekst og utdanning» (seed 000), the trail behind
its reorganisation decision, and what the demo member sees on their own page.

Seed 004 asks that every employee can put forward improvement ideas in dialogue with their
leader and colleagues, that the three parties meet with continuity and give attendance
priority, and that the politicians take part. At its workshop on 25 October 2018 the forum
agreed that all employees could send ideas; the programme's participation link («Forbedrings-
forslag til Trepartsforum Nordre Follo») takes them without an account, named or anonymous,
and people with an account send them in Samskap. The forum (three politicians, three from the
administration, three chief union representatives) assesses them at its meetings: 29 November
2018 and 7 February 2019 while the merger was prepared, and again in the evaluation of the new
organisation, 17 September and 12 November 2026, with the next meeting on 21 January 2027. Every
status change is dated, and a change decided at a meeting names it. The ideas are in every
status: two received and waiting for the January meeting, one being assessed, one accepted
(a measure and a task), one in progress (a measure and a task), two implemented (one from 2018
whose receipt has a fixed token, one from 2026) and one not pursued with its reason.

The involvement plan (seed 000: «hvilken involvering det legges opp til, både ansatt- og
brukermedvirkning») of «Oppvekst og utdanning» holds eight planned involvements: six were
held and are fulfilled by the demo's involvement records (one, the safety representatives',
a week late), the parents' and user councils' meeting before the reorganisation decision of
14 December 2018 never took place, and the consultation on the adjusted organisation is
planned for April 2027. As of `STORY_DATE` the compliance report therefore shows
decision-planned-involvement-missed for that decision and planned-involvement-overdue for the
parents' meeting.

The decision's trail («Organisering av virksomhetsområdet Oppvekst og utdanning») holds the
information to employees, the allmøte on the hearing letter «Overordnet organisering» (which
brings in the hearing's three responses), the workshop at gathering 1, the safety
representatives' participation, the forum's meeting on employees' ideas, the consultation
meeting of 20 November 2018 with its attendance and protocol, and the union representatives'
hearing statement of 5 December.

The demo member (medlem@nordrefollo.example, the chief union representative for
Utdanningsforbundet) has on their page, in December 2026 and early 2027: the forum's meeting on
21 January 2027, the task the forum gave them on an accepted idea and the input it asked of
them by 8 January, the open hearing on the adjusted organisation of «Oppvekst og utdanning»,
the idea they sent on 12 October 2026, and the forum's open survey round on the three-party
cooperation, with an invitation not yet used.

All dates are fixed; every person is invented (those of nordre_follo.py, and one named sender
on the link).
"""

from datetime import date

from sqlalchemy import select

from samskap.deadlines.schemas import DeadlineCreate
from samskap.demo.loader import DemoLoader, oslo
from samskap.demo.participation import (
    IdeaBuilder,
    IdeaSpec,
    MeasureSpec,
    Step,
    TaskSpec,
    forum_meeting,
    participation_link,
)
from samskap.hearings.schemas import HearingCreate, InviteeInput
from samskap.hearings.service import HearingService
from samskap.involvements.schemas import DocumentLink, InvolvementCreate, InvolvementUpdate
from samskap.involvements.service import InvolvementService
from samskap.kit.etag import etag
from samskap.models import (
    Decision,
    Event,
    Group,
    Hearing,
    Involvement,
    Person,
    PlannedInvolvement,
    Programme,
    Project,
    SurveyRound,
)
from samskap.planned_involvements.schemas import PlannedInvolvementCreate
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.surveys.schemas import SurveyQuestionCreate, SurveyRoundCreate
from samskap.surveys.service import SurveyQuestionService, SurveyRoundService

PREFIX = "demo:nf"
# The participation link's token, fixed so that the README can give its address
# (/i/<token>); only its SHA-256 is stored.
LINK_TOKEN = "nordre-follo-forbedringsforslag-demo"
# The receipt of «Faste møteplasser mellom skole og barnehage» (/r/<token>).
RECEIPT_TOKEN = "nordre-follo-kvittering-moteplasser-demo"
LINK_LABEL = "Forbedringsforslag til Trepartsforum Nordre Follo"

FORUM = (
    "pol-ski-1",
    "pol-opp-1",
    "pol-ski-2",
    "eier",
    "sl-personal",
    "ks-helse",
    "htv-ff",
    "htv-udf",
    "htv-fo",
)
HALL = "Ski rådhus, kommunestyresalen"

# (key, title, start, end, guests, who was not there: {person: absent|excused}, agenda)
MEETINGS = [
    (
        "trepart-2018-11",
        "Trepartsforum Nordre Follo: møte 29. november 2018",
        oslo(2018, 11, 29, 13),
        oslo(2018, 11, 29, 15),
        ("ks-oppvekst",),
        {"pol-ski-2": "excused", "ks-helse": "absent"},
        [
            ("13:00", "Kriterier for arbeidslag på tvers av tjenester", "Administrasjonssjef"),
            (
                "13:45",
                "Forbedringsforslag: Faste møteplasser mellom skole og barnehage",
                "Kommunalsjef oppvekst",
            ),
            ("14:15", "Forbedringsforslag: Felles vikarpool for barnehagene", "Leder"),
            ("14:45", "Hvordan ansatte får vite hva som skjer med forslagene", "Leder"),
        ],
    ),
    (
        "trepart-2019-02",
        "Trepartsforum Nordre Follo: møte 7. februar 2019",
        oslo(2019, 2, 7, 13),
        oslo(2019, 2, 7, 15),
        (),
        {"htv-fo": "excused"},
        [
            ("13:00", "Status for møteplassene mellom skole og barnehage", "Administrasjonssjef"),
            ("13:30", "Forbedringsforslag: Felles vikarpool for barnehagene", "Leder"),
            ("14:15", "Trepartssamarbeidet i Nordre Follo kommune fra 2020", "Leder"),
        ],
    ),
    (
        "trepart-2026-09",
        "Trepartsforum Nordre Follo: møte 17. september 2026",
        oslo(2026, 9, 17, 13),
        oslo(2026, 9, 17, 15, 30),
        ("ks-oppvekst",),
        {"pol-opp-1": "excused"},
        [
            ("13:00", "Evalueringen av organiseringen av Oppvekst og utdanning", "Kommunalsjef"),
            (
                "13:45",
                "Forbedringsforslag: Ett felles skjema for henvisning til PP-tjenesten",
                "Kommunalsjef oppvekst",
            ),
            (
                "14:15",
                "Forbedringsforslag: Digital melding om fravær fra foresatte i alle skoler",
                "Kommunalsjef oppvekst",
            ),
            ("15:00", "Evaluering av trepartssamarbeidet: spørreundersøkelse i forumet", "Leder"),
        ],
    ),
    (
        "trepart-2026-11",
        "Trepartsforum Nordre Follo: møte 12. november 2026",
        oslo(2026, 11, 12, 13),
        oslo(2026, 11, 12, 15, 30),
        ("ks-oppvekst",),
        {"sl-personal": "excused", "pol-ski-2": "absent"},
        [
            ("13:00", "Medarbeiderundersøkelsen 2026: foreløpige resultater", "HR-rådgiver"),
            (
                "13:30",
                "Forbedringsforslag: Mentorordning for nyutdannede barnehagelærere",
                "Kommunalsjef oppvekst",
            ),
            (
                "14:00",
                "Forbedringsforslag: Felles kompetansedag for ansatte i skole og barnehage",
                "Hovedtillitsvalgt Utdanningsforbundet",
            ),
            ("14:30", "Status for forslag under gjennomføring", "Kommunalsjef oppvekst"),
            ("15:00", "Innspill fra tillitsvalgte til evalueringsrapporten", "Leder"),
        ],
    ),
    (
        "trepart-2027-01",
        "Trepartsforum Nordre Follo: møte 21. januar 2027",
        oslo(2027, 1, 21, 13),
        oslo(2027, 1, 21, 15, 30),
        ("ks-oppvekst",),
        None,
        [
            (
                "13:00",
                "Forbedringsforslag: Felles kompetansedag for ansatte i skole og barnehage "
                "(til avgjørelse)",
                "Kommunalsjef oppvekst",
            ),
            ("13:45", "Nye forbedringsforslag fra ansatte", "Leder"),
            ("14:30", "Evaluering av trepartssamarbeidet: resultater", "Leder"),
            ("15:00", "Innspill til evalueringsrapporten for Oppvekst og utdanning", "Leder"),
        ],
    ),
]

IDEAS = [
    IdeaSpec(
        "moteplasser-skole-barnehage",
        "Faste møteplasser mellom skole og barnehage",
        "Når barnehagene og skolene samles i ett tjenesteområde, bør pedagogiske ledere og "
        "lærere på 1. trinn ha faste møter hvert halvår om overgangen fra barnehage til skole. "
        "I dag avhenger det av enkeltpersoner.",
        oslo(2018, 11, 2, 14, 10),
        name="Kari Anne Toft",
        project="oppvekst",
        receipt=RECEIPT_TOKEN,
        supporters=(
            ("laerer", oslo(2018, 11, 5, 9)),
            ("spesped", oslo(2018, 11, 5, 11)),
            ("rektor-opp", oslo(2018, 11, 7, 8, 30)),
            ("ptv-oppvekst", oslo(2018, 11, 12, 15)),
        ),
        steps=(
            Step(
                "accepted",
                oslo(2018, 11, 29, 15),
                "trepart-2018-11",
                "Forumet anbefaler at møteplassene tas inn i organiseringen av Oppvekst og "
                "utdanning, som ledergruppen beslutter 14. desember.",
            ),
            Step(
                "in_progress",
                oslo(2019, 2, 7, 15),
                "trepart-2019-02",
                "Faggruppen barnehage og skole lager et årshjul for møtene.",
            ),
            Step(
                "implemented",
                oslo(2019, 9, 13, 12),
                None,
                "De første møtene ble holdt i alle skolekretser i september 2019.",
            ),
        ),
        measure=MeasureSpec(
            ("goal:plan-2.1", "goal:plan-2.3"),
            "ks-oppvekst",
            "done",
            date(2019, 1, 7),
            date(2019, 9, 30),
            "Alle skolekretser har to faste møter i året mellom barnehage og 1. trinn; "
            "årshjulet ligger i kvalitetssystemet.",
            date(2019, 9, 13),
        ),
        task=TaskSpec(
            "Lage årshjul for møtene mellom barnehage og skole",
            "fag-oppvekst",
            "done",
            date(2019, 6, 14),
            "oppvekst",
            "fag",
        ),
    ),
    IdeaSpec(
        "vikarpool-barnehage",
        "Felles vikarpool for barnehagene",
        "Barnehagene i Ski og Oppegård bruker mye tid på å skaffe vikarer hver for seg. En "
        "felles vikarpool for hele den nye kommunen kan gi raskere og tryggere vikardekning.",
        oslo(2018, 11, 6, 20, 45),
        anonymous=True,
        project="oppvekst",
        supporters=(("styrer-opp", oslo(2018, 11, 8, 10)), ("pedleder", oslo(2018, 11, 9, 12))),
        steps=(
            Step(
                "assessing",
                oslo(2018, 11, 29, 15),
                "trepart-2018-11",
                "Administrasjonen utreder kostnader og erfaringer fra andre kommuner til neste "
                "møte.",
            ),
            Step(
                "not_pursued",
                oslo(2019, 2, 7, 15),
                "trepart-2019-02",
                "Behandlet i forumet 7. februar 2019.",
                "Vikarbehovet dekkes av bemanningsenheten i Nordre Follo kommune fra 2020; en "
                "egen pool for barnehagene ville gitt to ordninger for det samme.",
            ),
        ),
    ),
    IdeaSpec(
        "henvisning-ppt",
        "Ett felles skjema for henvisning til PP-tjenesten",
        "Skolene i tidligere Ski og Oppegård bruker fortsatt to ulike henvisningsskjemaer, og "
        "PP-tjenesten må be om utfyllende opplysninger i mange saker. Ett digitalt skjema for "
        "alle barnehager og skoler sparer tid for alle.",
        oslo(2026, 8, 20, 10, 5),
        submitter="spesped",
        project="oppvekst",
        supporters=(
            ("ppt-ski", oslo(2026, 8, 21, 8, 30)),
            ("laerer", oslo(2026, 8, 24, 14)),
            ("rektor-ski", oslo(2026, 8, 25, 9)),
        ),
        steps=(
            Step(
                "accepted",
                oslo(2026, 9, 17, 15, 30),
                "trepart-2026-09",
                "PP-tjenesten lager skjemaet sammen med to rektorer.",
            ),
            Step("in_progress", oslo(2026, 9, 28, 9), None, "Arbeidet med skjemaet er i gang."),
            Step(
                "implemented",
                oslo(2026, 11, 12, 15, 30),
                "trepart-2026-11",
                "Det nye skjemaet er i bruk i alle skoler og barnehager fra 1. november.",
            ),
        ),
        task=TaskSpec(
            "Lage felles digitalt henvisningsskjema til PP-tjenesten",
            "ppt-ski",
            "done",
            date(2026, 10, 30),
            "oppvekst",
        ),
    ),
    IdeaSpec(
        "fravaersmelding",
        "Digital melding om fravær fra foresatte i alle skoler",
        "Foresatte melder fravær på SMS, e-post og telefon, ulikt fra skole til skole. En "
        "felles digital løsning gir kontaktlærerne oversikt tidlig på morgenen.",
        oslo(2026, 9, 1, 7, 50),
        submitter="laerer",
        project="oppvekst",
        supporters=(
            ("rektor-ski", oslo(2026, 9, 2, 8)),
            ("rektor-opp", oslo(2026, 9, 2, 9, 15)),
            ("ptv-oppvekst", oslo(2026, 9, 3, 13)),
            ("pedleder", oslo(2026, 9, 4, 10)),
            ("htv-udf", oslo(2026, 9, 7, 16)),
        ),
        steps=(
            Step(
                "accepted",
                oslo(2026, 9, 17, 15, 30),
                "trepart-2026-09",
                "Forumet støtter forslaget; Digitalisering og kommunikasjon vurderer løsning "
                "sammen med Oppvekst og utdanning.",
            ),
            Step(
                "in_progress",
                oslo(2026, 11, 12, 15, 30),
                "trepart-2026-11",
                "Løsningen prøves ut på fire skoler fra januar 2027.",
            ),
        ),
        measure=MeasureSpec(
            ("goal:plan-1.3", "goal:plan-2.1"),
            "ks-oppvekst",
            "in_progress",
            date(2026, 10, 1),
            date(2027, 6, 18),
        ),
        task=TaskSpec(
            "Prøve ut digital fraværsmelding på fire skoler",
            "fag-oppvekst",
            "in_progress",
            date(2027, 3, 31),
            "oppvekst",
        ),
    ),
    IdeaSpec(
        "mentorordning",
        "Mentorordning for nyutdannede barnehagelærere",
        "Nyutdannede barnehagelærere slutter oftere enn andre de første årene. En erfaren "
        "kollega som mentor det første året, med tid satt av, kan gjøre starten tryggere.",
        oslo(2026, 10, 5, 19, 30),
        submitter="pedleder",
        project="oppvekst",
        supporters=(
            ("styrer-opp", oslo(2026, 10, 6, 8)),
            ("htv-udf", oslo(2026, 10, 6, 12)),
            ("hr-oppvekst", oslo(2026, 10, 9, 10, 30)),
        ),
        steps=(
            Step(
                "accepted",
                oslo(2026, 11, 12, 15, 30),
                "trepart-2026-11",
                "Forumet ber HR og Utdanningsforbundet lage et forslag til ordning, med "
                "kostnader, til møtet i januar.",
            ),
        ),
        measure=MeasureSpec(
            ("goal:plan-1.5",),
            "hr-oppvekst",
            "planned",
            date(2027, 2, 1),
            date(2027, 8, 31),
        ),
        task=TaskSpec(
            "Utarbeide forslag til mentorordning for nyutdannede barnehagelærere sammen med HR",
            "htv-udf",
            "todo",
            date(2027, 1, 15),
            "oppvekst",
            priority="high",
        ),
    ),
    IdeaSpec(
        "kompetansedag",
        "Felles kompetansedag for ansatte i skole og barnehage",
        "En felles planleggingsdag i august for alle ansatte i skole og barnehage, med "
        "verksteder på tvers, kan bygge den felles kulturen evalueringen etterlyser.",
        oslo(2026, 10, 12, 16, 20),
        submitter="htv-udf",
        project="oppvekst",
        supporters=(
            ("htv-ff", oslo(2026, 10, 13, 9)),
            ("laerer", oslo(2026, 10, 14, 15)),
            ("pedleder", oslo(2026, 10, 15, 11)),
        ),
        steps=(
            Step(
                "assessing",
                oslo(2026, 11, 12, 15, 30),
                "trepart-2026-11",
                "Administrasjonen beregner kostnader; forslaget avgjøres på møtet 21. januar 2027.",
            ),
        ),
    ),
    IdeaSpec(
        "it-hjelp",
        "Kortere vei til IT-hjelp for lærere",
        "Når lærerens PC ikke virker, går det ofte flere dager før noen kommer. En fast "
        "kontaktperson for IT på hver skole, med åpen telefon i første time, ville hjulpet.",
        oslo(2026, 11, 16, 21, 5),
        anonymous=True,
        project="oppvekst",
    ),
    IdeaSpec(
        "arshjul-foreldremoter",
        "Felles årshjul for foreldremøter",
        "Foreldre med barn både i barnehage og skole får møteinnkallinger fra mange steder. "
        "Et felles årshjul for foreldremøtene i hver krets gjør det enklere å delta.",
        oslo(2026, 11, 18, 12, 40),
        name="Vibeke Lindtvedt",
        project="oppvekst",
        supporters=(("styrer-opp", oslo(2026, 11, 19, 8, 15)),),
    ),
]

# The involvement plan of «Oppvekst og utdanning»: (key, matter, stakeholders, form, planned
# on, responsible, fulfilled by the involvement record with this key (None: not held), whether
# it must come before the reorganisation decision).
PLAN = [
    (
        "informasjon-ansatte",
        "Informasjon til alle ansatte om prosessen og hvordan de kan gi innspill",
        "employees",
        "information",
        date(2018, 6, 12),
        "ks-oppvekst",
        "oppvekst-informasjon",
        False,
    ),
    (
        "allmote-horingsbrev",
        "Allmøte for ansatte i skole og barnehage om høringsbrevet «Overordnet organisering»",
        "employees",
        "hearing",
        date(2018, 4, 24),
        "ks-oppvekst",
        "oppvekst-allmote-horing",
        True,
    ),
    (
        "mandat-tillitsvalgte",
        "Drøfting av mandat og arbeidsplan med tillitsvalgte",
        "union_representatives",
        "consultation",
        date(2018, 8, 23),
        "prosjektleder",
        "oppvekst-mandat-tv",
        False,
    ),
    (
        "samling1-verksted",
        "Verksted i arbeidsgruppen på samling 1: kommuneplanens mål for området",
        "employees",
        "workshop",
        date(2018, 9, 6),
        "ks-oppvekst",
        "oppvekst-samling1",
        False,
    ),
    (
        "verneombud-arbeidssted",
        "Vernetjenesten medvirker før ansatte i PP-tjenesten får nytt arbeidssted",
        "safety_representatives",
        "participation",
        date(2018, 9, 13),
        "sl-personal",
        "oppvekst-verneombud",
        False,
    ),
    (
        "foreldre-brukerrad",
        "Informasjonsmøte og innspill fra foreldreråd (FAU/SU) og brukerråd om ny organisering "
        "av barnehage og skole",
        "users",
        "participation",
        date(2018, 11, 27),
        "ks-oppvekst",
        None,
        True,
    ),
    (
        "undersokelse-2026",
        "Medarbeiderundersøkelse om den nye organiseringen",
        "employees",
        "survey",
        date(2026, 9, 30),
        "hr-oppvekst",
        "oppvekst-undersokelse-2026",
        False,
    ),
    (
        "drofting-justering-2027",
        "Drøfting av justert organisering med tillitsvalgte",
        "union_representatives",
        "consultation",
        date(2027, 4, 15),
        "ks-oppvekst",
        None,
        False,
    ),
]

# Involvement records made earlier in nordre_follo.py, linked to the reorganisation decision
# they fed (and to the gathering a workshop was held at).
TRAIL_LINKS = {
    "oppvekst-informasjon": (),
    "oppvekst-samling1": ("event:samling1",),
    "oppvekst-verneombud": (),
    "horing-organisering": (),
}


async def build(loader: DemoLoader) -> None:
    session = loader.session
    programme = await session.scalar(
        select(Programme).where(Programme.external_id == f"{PREFIX}:programme")
    )
    assert programme is not None
    pid = programme.id

    async def by_key(model, keys):
        rows = await session.scalars(
            select(model).where(
                model.programme_id == pid,
                model.external_id.in_([f"{PREFIX}:{k}" for k in keys]),
            )
        )
        return {r.external_id.removeprefix(f"{PREFIX}:"): r for r in rows}

    people = {
        k.removeprefix("person:"): p
        for k, p in (
            await by_key(
                Person,
                [f"person:{k}" for k in (*FORUM, "ks-oppvekst", "prosjektleder", "hr-oppvekst")]
                + [f"person:{k}" for k in _idea_people()],
            )
        ).items()
    }
    projects = {
        k.removeprefix("project:"): p
        for k, p in (await by_key(Project, ["project:oppvekst"])).items()
    }
    groups = {
        k.removeprefix("group:"): g
        for k, g in (
            await by_key(
                Group,
                [
                    "group:trepartsforum",
                    "group:droftingsforum",
                    "group:oppvekst-faggruppe",
                ],
            )
        ).items()
    }
    groups["fag"] = groups["oppvekst-faggruppe"]
    forum = groups["trepartsforum"]

    meetings = await _meetings(loader, pid, forum, people)
    # Made after the forum's workshop of 25 October 2018 agreed that all employees may send ideas.
    link = await participation_link(
        loader, programme, LINK_TOKEN, LINK_LABEL, oslo(2018, 10, 29, 9)
    )
    ideas = await IdeaBuilder(
        loader, programme, PREFIX, link, forum, people, projects, groups, meetings
    ).build(IDEAS)
    await _trail(loader, pid, people, projects, forum, meetings, ideas)
    await _member_page(loader, pid, people, projects, groups, meetings)


def _idea_people() -> set[str]:
    keys: set[str] = {"fag-oppvekst", "ppt-ski"}
    for spec in IDEAS:
        if spec.submitter:
            keys.add(spec.submitter)
        keys.update(p for p, _ in spec.supporters)
        if spec.task:
            keys.add(spec.task.assignee)
        if spec.measure:
            keys.add(spec.measure.owner)
    return keys


async def _meetings(loader: DemoLoader, pid, forum: Group, people) -> dict[str, Event]:
    """The forum's meetings, with who was invited and who came; the one ahead has no
    attendance yet."""
    meetings: dict[str, Event] = {}
    for key, title, starts_at, ends_at, guests, away, agenda in MEETINGS:
        meetings[key] = await forum_meeting(
            loader,
            forum,
            external_id=f"{PREFIX}:event:{key}",
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            location=HALL,
            agenda=agenda,
            attendance={
                people[p]: None if away is None else away.get(p, "present")
                for p in (*FORUM, *guests)
            },
        )
    return meetings


async def _trail(loader: DemoLoader, pid, people, projects, forum, meetings, ideas) -> None:
    """The involvement plan of «Oppvekst og utdanning», and the records behind its
    reorganisation decision."""
    session = loader.session
    decision = await session.scalar(
        select(Decision).where(
            Decision.programme_id == pid, Decision.external_id == f"{PREFIX}:decision:oppvekst"
        )
    )
    hearing = await session.scalar(
        select(Hearing).where(
            Hearing.programme_id == pid,
            Hearing.external_id == f"{PREFIX}:hearing:overordnet-organisering",
        )
    )
    samling1 = await session.scalar(
        select(Event).where(
            Event.programme_id == pid, Event.external_id == f"{PREFIX}:event:samling1"
        )
    )
    assert decision is not None and hearing is not None and samling1 is not None
    oppvekst = projects["oppvekst"]
    involvements = InvolvementService(session)

    async def record(key: str) -> Involvement | None:
        found = await session.scalar(
            select(Involvement.id).where(
                Involvement.programme_id == pid,
                Involvement.external_id == f"{PREFIX}:involvement:{key}",
            )
        )
        # Through the service, so that the records it names are loaded with it.
        return None if found is None else await involvements.get(found)

    # Records of nordre_follo.py name the decision they fed.
    for key, extra in TRAIL_LINKS.items():
        found = await record(key)
        assert found is not None, key
        events = [samling1.id] if extra else []
        if decision.id in found.decision_ids and set(events) <= set(found.event_ids):
            continue
        await involvements.update(
            found,
            InvolvementUpdate(
                decision_ids=sorted({*found.decision_ids, decision.id}, key=str),
                event_ids=sorted({*found.event_ids, *events}, key=str),
            ),
            etag(found.version),
        )

    # The plan: entries fulfilled by records that exist are linked to them; the allmøte's
    # record is made below and fulfils its entry as it is recorded.
    planned: dict[str, PlannedInvolvement] = {}
    service = PlannedInvolvementService(session)
    for key, matter, stakeholders, form, on, responsible, fulfilled_by, before in PLAN:
        existing = None if fulfilled_by is None else await record(fulfilled_by)
        planned[key], _ = await loader.ensure(
            "planned_involvements",
            service,
            PlannedInvolvement,
            PlannedInvolvementCreate(
                project_id=oppvekst.id,
                stakeholder_kind=stakeholders,
                form=form,
                planned_on=on,
                matter=matter,
                responsible_person_id=people[responsible].id,
                decision_id=decision.id if before else None,
                involvement_id=existing.id if existing else None,
                external_id=f"{PREFIX}:planned-involvement:oppvekst:{key}",
            ),
            pid,
        )

    allmote = planned["allmote-horingsbrev"]
    await loader.involvement(
        InvolvementCreate(
            programme_id=pid,
            project_id=oppvekst.id,
            matter="Høringsbrevet «Overordnet organisering. Valg av organisasjonsmodell»: "
            "allmøte for ansatte i skole og barnehage",
            stakeholder_kind="employees",
            form="hearing",
            occurred_on=date(2018, 4, 24),
            head_count=96,
            statements="Ansatte ba om at skole og barnehage samles i ett tjenesteområde, og "
            "spurte hvordan rektorer og styrere blir ledere i den nye modellen.",
            outcome="Innspillene inngikk i Utdanningsforbundets og drøftingsforumets "
            "høringsuttalelser.",
            hearing_ids=[hearing.id],
            decision_ids=[decision.id],
            planned_involvement_id=allmote.id if allmote.involvement_id is None else None,
            external_id=f"{PREFIX}:involvement:oppvekst-allmote-horing",
        )
    )
    present = [p for p in (*FORUM, "ks-oppvekst") if p not in ("pol-ski-2", "ks-helse")]
    await loader.involvement(
        InvolvementCreate(
            programme_id=pid,
            project_id=oppvekst.id,
            group_id=forum.id,
            matter="Forbedringsforslag fra ansatte om organiseringen av Oppvekst og utdanning",
            stakeholder_kind="employees",
            form="participation",
            occurred_on=date(2018, 11, 29),
            participant_ids=[people[p].id for p in present],
            statements="Ansatte foreslo faste møteplasser mellom skole og barnehage (støttet av "
            "fire kolleger) og en felles vikarpool for barnehagene.",
            outcome="Møteplassene ble anbefalt tatt inn i organiseringen som ble besluttet 14. "
            "desember; vikarpoolen utredes til neste møte.",
            idea_ids=[ideas["moteplasser-skole-barnehage"].id, ideas["vikarpool-barnehage"].id],
            event_ids=[meetings["trepart-2018-11"].id],
            decision_ids=[decision.id],
            documents=[DocumentLink(title="Referat fra Trepartsforum Nordre Follo 29.11.2018")],
            external_id=f"{PREFIX}:involvement:trepart-forslag-2018",
        )
    )


async def _member_page(loader: DemoLoader, pid, people, projects, groups, meetings) -> None:
    """What the demo member (htv-udf) has ahead in December 2026 and January 2027: the task
    on the mentoring idea comes with the ideas; here the input the forum asked of them, the
    open hearing and the forum's survey round."""
    session = loader.session
    await loader.deadline(
        DeadlineCreate(
            programme_id=pid,
            project_id=projects["oppvekst"].id,
            group_id=groups["trepartsforum"].id,
            title="Innspill fra hovedtillitsvalgte til evalueringsrapporten for Oppvekst og "
            "utdanning",
            description="Gitt i trepartsforumets møte 12. november 2026: de hovedtillitsvalgte "
            "samler innspill fra sine medlemmer.",
            due_at=oslo(2027, 1, 8, 12),
            responsible_person_id=people["htv-udf"].id,
            recipient_id=people["ks-oppvekst"].id,
            event_id=meetings["trepart-2026-11"].id,
            kind="submission",
            external_id=f"{PREFIX}:deadline:trepart-innspill-evaluering",
        )
    )

    hearings = HearingService(session)
    hearing, created = await loader.ensure(
        "hearings",
        hearings,
        Hearing,
        HearingCreate(
            programme_id=pid,
            project_id=projects["oppvekst"].id,
            title="Høring: justert organisering av Oppvekst og utdanning",
            matter="Forslag til justeringer etter evalueringen: faste møteplasser på tvers av "
            "skole og barnehage, og ledernivået i PP-tjenesten",
            concerns_employees=True,
            letter="Kommunalsjefen for Oppvekst og utdanning sender forslag til justert "
            "organisering på høring, etter medarbeiderundersøkelsen og evalueringen høsten "
            "2026. Vi ber særlig om synspunkter på møteplassene mellom skole og barnehage og "
            "på ledernivået i PP-tjenesten.",
            opens_on=date(2026, 11, 23),
            deadline_at=oslo(2027, 1, 15, 12),
            invitees=[
                InviteeInput(party="union_representatives", name="Hovedtillitsvalgte"),
                InviteeInput(party="group", group_id=groups["droftingsforum"].id),
                InviteeInput(party="joint_consultative_committee", name="PSU Nordre Follo"),
            ],
            external_id=f"{PREFIX}:hearing:justert-oppvekst",
        ),
        pid,
    )
    if created:
        await hearings.open(hearing, etag(hearing.version))

    rounds = SurveyRoundService(session)
    survey, created = await loader.ensure(
        "survey_rounds",
        rounds,
        SurveyRound,
        SurveyRoundCreate(
            programme_id=pid,
            group_id=groups["trepartsforum"].id,
            title="Evaluering av trepartssamarbeidet 2026",
            description="Trepartsforumet evaluerer sitt eget samarbeid (KS' veileder i "
            "trepartssamarbeid): kontinuitet, oppmøte og oppfølging av ansattes forslag. "
            "Resultatene legges fram på møtet 21. januar 2027.",
            audience="group",
            external_id=f"{PREFIX}:survey:trepart-evaluering-2026",
        ),
        pid,
    )
    if created:
        for position, (text, kind) in enumerate(
            [
                ("Partene prioriterer oppmøte i forumet.", "likert"),
                ("Forumet følger opp forbedringsforslagene fra ansatte.", "likert"),
                ("Politikerne er godt informert om utviklingsarbeidet.", "likert"),
                ("Hva bør forumet gjøre annerledes i 2027?", "free_text"),
            ],
            start=1,
        ):
            await SurveyQuestionService(session).create(
                SurveyQuestionCreate(round_id=survey.id, position=position, text=text, kind=kind)
            )
        survey = await rounds.get(survey.id)
        await rounds.open(survey, etag(survey.version))
        survey = await rounds.get(survey.id)
        # Opened the day after the hearing went out; the invitations' links were sent then.
        survey.opened_at = oslo(2026, 11, 24, 9)
        await session.flush()
