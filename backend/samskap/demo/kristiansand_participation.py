"""Participation in «Nye Kristiansand 2020»: employees' ideas for the merger, followed up by a
three-party forum, as of the turn of 2017/2018.

Seed 003 has the joint committee secure the union representatives' participation through
the project boards; seed 004 (KS on three-party cooperation) adds a formal forum with a clear
mandate where politicians, administration and union representatives meet, and asks that all
employees can put forward ideas for improvement. The demo gives the programme such a forum,
«Trepartsforum nye Kristiansand», three from each party and one of each from every
municipality, set up by the joint committee on 24 October 2017 (an invented decision). Its
meetings on 21 November and 19 December 2017 assess the ideas that came in through the
programme's participation link (named or anonymous) and from people with an account; every
status change is dated, and those decided at a meeting name it. As of `STORY_DATE` (5 January
2018) the ideas are in every status: one received three days ago, one being assessed, one
accepted, one in progress, one implemented and one not pursued with its reason; the accepted
ones became tasks of their projects (the programme has no goals for a measure to work towards).

The forum's treatment of the kindergarten admission idea fed the joint committee's approval
of the mandates of 12 December 2017, so that decision's trail holds the ideas along with the
union representatives' co-determination on the mandate of «Oppvekst og utdanning».

Dates, the forum and its decision, the ideas and the one named sender on the link are
invented; every person has an address on the reserved `.example` domain.
"""

from datetime import date

from sqlalchemy import select

from samskap.decisions.schemas import DecisionCreate
from samskap.demo.loader import DemoLoader, Seat, oslo
from samskap.demo.participation import (
    IdeaBuilder,
    IdeaSpec,
    Step,
    TaskSpec,
    forum_meeting,
    participation_link,
)
from samskap.groups.schemas import GroupCreate
from samskap.involvements.schemas import InvolvementCreate, InvolvementUpdate
from samskap.involvements.service import InvolvementService
from samskap.kit.etag import etag
from samskap.models import Decision, Event, Group, Involvement, Person, Programme, Project

PREFIX = "demo:kr"
KRS, SONGDALEN, SOGNE = "1001", "1017", "1018"
FORUM_NAME = "Trepartsforum nye Kristiansand"
# The participation link's token, fixed so that the README can give its address.
LINK_TOKEN = "nye-kristiansand-forbedringsforslag-demo"
LINK_LABEL = "Forbedringsforslag til sammenslåingen av Kristiansand, Songdalen og Søgne"

SEATS = [
    Seat("fn-leder", "politicians", "chair", KRS, starts_on=date(2017, 11, 1)),
    Seat("fn-songdalen", "politicians", "member", SONGDALEN, starts_on=date(2017, 11, 1)),
    Seat("fn-nestleder", "politicians", "member", SOGNE, starts_on=date(2017, 11, 1)),
    Seat("programleder", "administration", "deputy_chair", KRS, starts_on=date(2017, 11, 1)),
    Seat("son-okonomi", "administration", "member", SONGDALEN, starts_on=date(2017, 11, 1)),
    Seat("sog-okonomi", "administration", "member", SOGNE, starts_on=date(2017, 11, 1)),
    Seat("tv-udf", "employees", "member", KRS, starts_on=date(2017, 11, 1)),
    Seat("tv-ff-son", "employees", "member", SONGDALEN, starts_on=date(2017, 11, 1)),
    Seat("tv-delta", "employees", "member", SOGNE, starts_on=date(2017, 11, 1)),
]
ROOM = "Kristiansand rådhus, bystyresalen"

# (key, title, start, end, who was not there, agenda)
MEETINGS = [
    (
        "trepart-2017-11",
        f"{FORUM_NAME}: møte 21. november 2017",
        oslo(2017, 11, 21, 12),
        oslo(2017, 11, 21, 14),
        {"fn-nestleder": "excused"},
        [
            ("12:00", "Forumets mandat og møteplan", "Leder"),
            ("12:30", "Hvordan ansatte i alle tre kommuner sender forslag", "Programleder"),
            ("13:00", "Forbedringsforslag: Felles kalender for prosjektstyremøtene", "Leder"),
            ("13:30", "Forbedringsforslag: Felles opptak til barnehagene", "Leder"),
        ],
    ),
    (
        "trepart-2017-12",
        f"{FORUM_NAME}: møte 19. desember 2017",
        oslo(2017, 12, 19, 12),
        oslo(2017, 12, 19, 14),
        {"sog-okonomi": "absent", "tv-delta": "excused"},
        [
            ("12:00", "Status for forslagene fra november", "Programleder"),
            ("12:30", "Forbedringsforslag: Samkjøring av turnus i hjemmetjenesten", "Leder"),
            ("13:00", "Forbedringsforslag: Felles intranett fra 2018", "Leder"),
            ("13:30", "Forbedringsforslag: Velkomstbrev til foreldre", "Leder"),
        ],
    ),
]

IDEAS = [
    IdeaSpec(
        "kalender-prosjektstyrer",
        "Felles kalender for prosjektstyremøtene",
        "Ansatte og tillitsvalgte i Songdalen og Søgne får vite om prosjektstyremøtene sent. "
        "En felles kalender for alle åtte prosjektstyrene, på intranettet i alle tre "
        "kommuner, gjør det lettere å gi innspill i tide.",
        oslo(2017, 10, 27, 13, 20),
        name="Ingeborg Tjelta",
        supporters=(("tv-ff-son", oslo(2017, 10, 30, 9)), ("pl-kultur", oslo(2017, 10, 31, 10))),
        steps=(
            Step(
                "accepted",
                oslo(2017, 11, 21, 14),
                "trepart-2017-11",
                "Programkontoret lager kalenderen.",
            ),
            Step(
                "implemented",
                oslo(2017, 12, 19, 14),
                "trepart-2017-12",
                "Kalenderen ligger på intranettet i alle tre kommuner fra 4. desember.",
            ),
        ),
        task=TaskSpec(
            "Publisere felles kalender for prosjektstyremøtene",
            "pl-admin",
            "done",
            date(2017, 12, 4),
            "admin",
        ),
    ),
    IdeaSpec(
        "opptak-barnehage",
        "Felles opptak til barnehagene i de tre kommunene",
        "Foreldre som flytter mellom kommunene søker barnehageplass tre steder. Et felles "
        "opptak allerede for barnehageåret 2019/2020 gir dem én søknad og oss ett bilde av "
        "behovet.",
        oslo(2017, 10, 30, 15, 45),
        submitter="styrer-son",
        project="oppvekst",
        supporters=(
            ("styrer-krs", oslo(2017, 10, 31, 8)),
            ("styrer-sog", oslo(2017, 10, 31, 12)),
            ("tv-udf", oslo(2017, 11, 2, 14)),
        ),
        steps=(
            Step(
                "accepted",
                oslo(2017, 11, 21, 14),
                "trepart-2017-11",
                "Forumet anbefaler at prosjektstyret for Oppvekst og utdanning tar forslaget "
                "inn i mandatet.",
            ),
            Step(
                "in_progress",
                oslo(2017, 12, 19, 14),
                "trepart-2017-12",
                "Arbeidsgruppe barnehage kartlegger opptaksrutinene i de tre kommunene.",
            ),
        ),
        task=TaskSpec(
            "Kartlegge opptaksrutinene i barnehagene i de tre kommunene",
            "styrer-krs",
            "in_progress",
            date(2018, 2, 28),
            "oppvekst",
            "barnehage",
        ),
    ),
    IdeaSpec(
        "turnus-hjemmetjenesten",
        "Samkjøring av turnus i hjemmetjenesten før sammenslåingen",
        "Hjemmetjenestene har ulike turnusordninger. Om de samkjøres alt i 2018, blir "
        "overgangen i 2020 enklere for både ansatte og brukere.",
        oslo(2017, 11, 9, 22, 10),
        anonymous=True,
        project="omsorg",
        supporters=(("tv-nsf", oslo(2017, 11, 13, 11)),),
        steps=(
            Step(
                "not_pursued",
                oslo(2017, 12, 19, 14),
                "trepart-2017-12",
                "Behandlet i forumet 19. desember 2017.",
                "Turnus avtales med de tillitsvalgte for hver enhet etter innplasseringen i "
                "2019; å endre den nå ville gi to omstillinger for de samme ansatte. "
                "Prosjektstyret for Helse, omsorg og forvaltning får forslaget som innspill.",
            ),
        ),
    ),
    IdeaSpec(
        "intranett",
        "Felles intranett for ansatte i alle tre kommuner fra 2018",
        "Informasjon om sammenslåingen ligger i dag på tre intranett. Et felles intranett "
        "for sammenslåingen fra 2018 gir alle ansatte det samme bildet.",
        oslo(2017, 12, 4, 10, 30),
        submitter="tv-ff-son",
        project="digital",
        supporters=(("tv-delta", oslo(2017, 12, 5, 9)), ("pl-digital", oslo(2017, 12, 6, 13))),
        steps=(
            Step(
                "assessing",
                oslo(2017, 12, 19, 14),
                "trepart-2017-12",
                "Prosjektet Digitalisering vurderer kostnad og tid til forumets møte i februar.",
            ),
        ),
    ),
    IdeaSpec(
        "velkomstbrev-foreldre",
        "Felles informasjonsbrev til foreldre om sammenslåingen",
        "Foreldre spør om barnehagen og skolen endres. Et felles brev fra de tre kommunene "
        "om hva som endres og hva som ikke endres, kan svare alle på en gang.",
        oslo(2017, 11, 30, 11, 15),
        submitter="styrer-sog",
        project="oppvekst",
        supporters=(("styrer-son", oslo(2017, 12, 1, 8, 30)),),
        steps=(
            Step(
                "accepted",
                oslo(2017, 12, 19, 14),
                "trepart-2017-12",
                "Prosjektleder for Oppvekst og utdanning skriver brevet til foreldremøtene i mars.",
            ),
        ),
        task=TaskSpec(
            "Skrive felles informasjonsbrev til foreldre om sammenslåingen",
            "pl-oppvekst",
            "todo",
            date(2018, 3, 1),
            "oppvekst",
        ),
    ),
    IdeaSpec(
        "kompetansekartlegging",
        "Kartlegg kompetansen i alle tre kommuner før innplasseringen",
        "Før ansatte innplasseres bør kommunene vite hvilken kompetanse de har, ikke bare "
        "hvilke stillinger. En felles kartlegging kan hindre at kompetanse går tapt.",
        oslo(2018, 1, 2, 20, 40),
        anonymous=True,
        project="admin",
    ),
]


async def build(
    loader: DemoLoader,
    programme: Programme,
    people: dict[str, Person],
    projects: dict[str, Project],
    fellesnemnd: Group,
    working_group: Group,
) -> None:
    pid = programme.id
    mandate = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=fellesnemnd.id,
            decided_on=date(2017, 10, 24),
            case_number="17/00455",
            title=f"Mandat for {FORUM_NAME}",
            text=f"Fellesnemnda setter ned {FORUM_NAME} med tre politikere, tre fra "
            "administrasjonen og tre hovedtillitsvalgte, én av hver fra hver kommune. Forumet "
            "følger opp forbedringsforslag fra ansatte i alle tre kommuner.",
            legal_basis="Inndelingslova § 26",
            status="final",
            external_id=f"{PREFIX}:decision:mandat-trepartsforum",
        )
    )
    forum = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="three_party_forum",
            name=FORUM_NAME,
            description="Tre politikere, tre fra administrasjonen og tre hovedtillitsvalgte, "
            "én av hver fra Kristiansand, Songdalen og Søgne.",
            mandate_text="En fast møteplass der folkevalgte, administrasjon og tillitsvalgte "
            "samarbeider om å utvikle nye Kristiansand. Forumet gir beslutningstakerne et "
            "bedre grunnlag uten å endre hvem som beslutter, og følger opp forslagene til "
            "forbedringer som ansatte sender inn.",
            mandate_status="approved",
            mandate_decision_id=mandate.id,
            external_id=f"{PREFIX}:group:trepartsforum",
        )
    )
    await loader.members(forum, people, SEATS)

    meetings: dict[str, Event] = {}
    for key, title, starts_at, ends_at, away, agenda in MEETINGS:
        meetings[key] = await forum_meeting(
            loader,
            forum,
            external_id=f"{PREFIX}:event:{key}",
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            location=ROOM,
            agenda=agenda,
            attendance={people[s.person]: away.get(s.person, "present") for s in SEATS},
        )

    link = await participation_link(
        loader, programme, LINK_TOKEN, LINK_LABEL, oslo(2017, 10, 25, 9)
    )
    ideas = await IdeaBuilder(
        loader,
        programme,
        PREFIX,
        link,
        forum,
        people,
        projects,
        {"barnehage": working_group},
        meetings,
    ).build(IDEAS)
    await _trail(loader, pid, people, projects, forum, meetings, ideas)


async def _trail(loader: DemoLoader, pid, people, projects, forum, meetings, ideas) -> None:
    """The approval of the mandates (12 December 2017) rests on the union representatives'
    co-determination on the mandate of «Oppvekst og utdanning» and on the forum's treatment
    of the kindergarten admission idea."""
    session = loader.session
    decision = await session.scalar(
        select(Decision).where(
            Decision.programme_id == pid, Decision.external_id == f"{PREFIX}:decision:mandater-1"
        )
    )
    assert decision is not None
    involvements = InvolvementService(session)
    found_id = await session.scalar(
        select(Involvement.id).where(
            Involvement.programme_id == pid,
            Involvement.external_id == f"{PREFIX}:involvement:mandat-oppvekst",
        )
    )
    assert found_id is not None
    found = await involvements.get(found_id)
    if decision.id not in found.decision_ids:
        await involvements.update(
            found,
            InvolvementUpdate(decision_ids=[*found.decision_ids, decision.id]),
            etag(found.version),
        )
    present = [s.person for s in SEATS if s.person != "fn-nestleder"]
    await loader.involvement(
        InvolvementCreate(
            programme_id=pid,
            project_id=projects["oppvekst"].id,
            group_id=forum.id,
            matter="Forbedringsforslag fra ansatte om barnehagene i nye Kristiansand",
            stakeholder_kind="employees",
            form="participation",
            occurred_on=date(2017, 11, 21),
            participant_ids=[people[p].id for p in present],
            statements="En barnehagestyrer i Songdalen foreslo felles opptak til barnehagene "
            "i de tre kommunene, støttet av styrerne i Kristiansand og Søgne og av "
            "Utdanningsforbundet.",
            outcome="Forumet anbefalte at forslaget tas inn i mandatet for Oppvekst og "
            "utdanning, som fellesnemnda godkjente 12. desember 2017.",
            idea_ids=[ideas["opptak-barnehage"].id],
            event_ids=[meetings["trepart-2017-11"].id],
            decision_ids=[decision.id],
            external_id=f"{PREFIX}:involvement:trepart-forslag-2017",
        )
    )
