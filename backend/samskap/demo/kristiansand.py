"""Demo programme «Nye Kristiansand 2020»: three municipalities merge on 1 January 2020.

Kristiansand (1001), Songdalen (1017) and Søgne (1018) became the new Kristiansand
(kommunenummer 4204). The programme is organised as the joint committee's project page
describes it (seed 003): a programme of political and administrative projects, of which
the eight administrative ones are being set up in October 2017. Each has a mandate, a
project board (prosjektstyre) of administrative leaders from all three municipalities and
union representatives, with NAV on the two health projects, and a project leader at
60 to 100 %. A board's first task is to propose the mandate for its project, which the joint
committee approves.

The demo shows the programme as it stood at the turn of 2017/2018 (`STORY_DATE`, 5 January
2018): the joint committee has approved two mandates by its decision of 12 December 2017,
five are proposed and waiting for it, and one board («Administrasjon og ledelse») has not
yet delivered its proposal, so that project is at risk and its deadline is open and overdue.
Every approval rests on a final decision of the body above: the boards' mandates on the joint
committee's decision to organise the work as a programme (10 October 2017), and the joint
committee's own on the municipal councils' joint meeting, which is outside the programme
and so names no deciding body of it. The union representatives on each board took part in
its mandate proposal. As of the story date the compliance report shows just what the demo
means: six mandates not yet approved and the one overdue proposal.

Public organisational facts are real (the municipalities, their numbers, the merger date,
the project list and the board rules); the project codes, all dates other than the merger
date, the case numbers and every person are invented, and the people have addresses on the
reserved `.example` domain. The new number 4204 is not listed
among the programme's municipalities: they are the merging ones, each of which must be
represented on every board. All dates are fixed, never computed from the current time.
"""

from datetime import date

from samskap.deadlines.schemas import DeadlineCreate
from samskap.decisions.schemas import DecisionCreate
from samskap.demo import kristiansand_participation
from samskap.demo.loader import DemoLoader, PersonSpec, Seat, oslo
from samskap.groups.schemas import GroupCreate
from samskap.involvements.schemas import DocumentLink, InvolvementCreate
from samskap.models import Group, Person, Programme, Project
from samskap.programmes.schemas import ProgrammeCreate
from samskap.projects.schemas import ProjectCreate
from samskap.tasks.schemas import TaskCreate

PREFIX = "demo:kr"
DOMAIN = "nye-kristiansand.example"
KRS, SONGDALEN, SOGNE = "1001", "1017", "1018"
# The day the demo tells the programme as of: the compliance report shows what the demo means
# to show with ?as_of= this day.
STORY_DATE = date(2018, 1, 5)
COMMITTEE = "Fellesnemnda for nye Kristiansand"

PROGRAMME = ProgrammeCreate(
    name="Nye Kristiansand 2020",
    description=(
        "Sammenslåing av Kristiansand, Songdalen og Søgne til nye Kristiansand kommune "
        "(kommunenummer 4204) fra 1. januar 2020. Fellesnemnda har vedtatt at "
        "sammenslåingsprosessen organiseres som et program med administrative og politiske "
        "prosjekter; de åtte administrative prosjektene startes i oktober 2017."
    ),
    owner_organisation="Fellesnemnda for nye Kristiansand",
    municipalities=[
        {"name": "Kristiansand", "number": KRS},
        {"name": "Songdalen", "number": SONGDALEN},
        {"name": "Søgne", "number": SOGNE},
    ],
    starts_on=date(2017, 6, 1),
    target_on=date(2020, 1, 1),
    status="active",
    external_id=f"{PREFIX}:programme",
)

P = PersonSpec
PEOPLE = [
    P("programleder", "Vegard Åsland", "Programleder", "Programkontoret", KRS),
    # The joint committee (fellesnemnda).
    P(
        "fn-leder",
        "Marianne Tveit",
        "Leder av fellesnemnda",
        "Kristiansand bystyre",
        KRS,
        "elected_official",
    ),
    P(
        "fn-nestleder",
        "Arne Kleveland",
        "Nestleder i fellesnemnda",
        "Søgne kommunestyre",
        SOGNE,
        "elected_official",
    ),
    P(
        "fn-songdalen",
        "Solveig Mydland",
        "Medlem av fellesnemnda",
        "Songdalen kommunestyre",
        SONGDALEN,
        "elected_official",
    ),
    P(
        "fn-krs",
        "Terje Lohne",
        "Medlem av fellesnemnda",
        "Kristiansand bystyre",
        KRS,
        "elected_official",
    ),
    P(
        "fn-sogne",
        "Karin Hodne",
        "Medlem av fellesnemnda",
        "Søgne kommunestyre",
        SOGNE,
        "elected_official",
    ),
    P(
        "fn-songdalen-2",
        "Øyvind Skaar",
        "Medlem av fellesnemnda",
        "Songdalen kommunestyre",
        SONGDALEN,
        "elected_official",
    ),
    # Administrative leaders of Kristiansand, one per project.
    P("krs-oppvekst", "Ragnhild Berge", "Direktør oppvekst", "Oppvekst", KRS),
    P("krs-omsorg", "Leif Tønnessen", "Direktør helse og omsorg", "Helse og omsorg", KRS),
    P("krs-sosial", "Gry Salvesen", "Kommunalsjef helse og sosial", "Helse og sosial", KRS),
    P("krs-teknisk", "Morten Ravndal", "Direktør teknisk", "Teknisk", KRS),
    P("krs-kultur", "Elin Fidjeland", "Kultursjef", "Kultur", KRS),
    P("krs-digital", "Jan Olav Stokke", "IKT-sjef", "Digitalisering", KRS),
    P("krs-okonomi", "Anita Jørgensen", "Økonomidirektør", "Økonomi", KRS),
    P("krs-admin", "Per Kristian Omdal", "Organisasjonsdirektør", "Organisasjon", KRS),
    # Administrative leaders of Songdalen and Søgne, each on two boards.
    P("son-oppvekst", "Torunn Røyseland", "Kommunalsjef oppvekst", "Oppvekst", SONGDALEN),
    P("son-helse", "Svein Are Nome", "Kommunalsjef helse og omsorg", "Helse og omsorg", SONGDALEN),
    P("son-teknisk", "Knut Hægeland", "Teknisk sjef", "Teknisk", SONGDALEN),
    P("son-okonomi", "Lene Mosby", "Økonomisjef", "Økonomi", SONGDALEN),
    P("sog-oppvekst", "Anne Lise Try", "Kommunalsjef oppvekst", "Oppvekst", SOGNE),
    P("sog-helse", "Oddvar Ramsland", "Helse- og omsorgssjef", "Helse og omsorg", SOGNE),
    P("sog-teknisk", "Ingvild Hortemo", "Kommunalsjef teknisk", "Teknisk", SOGNE),
    P("sog-okonomi", "Roald Hansen", "Økonomisjef", "Økonomi", SOGNE),
    # Chief union representatives (hovedtillitsvalgte).
    P(
        "tv-udf",
        "Tove Ellefsen",
        "Hovedtillitsvalgt",
        "Kristiansand kommune",
        KRS,
        "union_representative",
        "Utdanningsforbundet",
    ),
    P(
        "tv-ff-krs",
        "Kjell Inge Skaiaa",
        "Hovedtillitsvalgt",
        "Kristiansand kommune",
        KRS,
        "union_representative",
        "Fagforbundet",
    ),
    P(
        "tv-ff-son",
        "Siv Løvdal",
        "Hovedtillitsvalgt",
        "Songdalen kommune",
        SONGDALEN,
        "union_representative",
        "Fagforbundet",
    ),
    P(
        "tv-nsf",
        "Hanne Kristiansen",
        "Hovedtillitsvalgt",
        "Søgne kommune",
        SOGNE,
        "union_representative",
        "Norsk Sykepleierforbund",
    ),
    P(
        "tv-fo",
        "Frode Tjomsland",
        "Hovedtillitsvalgt",
        "Songdalen kommune",
        SONGDALEN,
        "union_representative",
        "Fellesorganisasjonen",
    ),
    P(
        "tv-delta",
        "Wenche Eikeland",
        "Hovedtillitsvalgt",
        "Søgne kommune",
        SOGNE,
        "union_representative",
        "Delta",
    ),
    # NAV, on the two health projects.
    P("nav-krs", "Ragnar Flakk", "NAV-leder", "NAV Kristiansand", KRS, "nav"),
    P("nav-sogne", "Marit Heggland", "NAV-leder", "NAV Søgne", SOGNE, "nav"),
    # Project leaders.
    P("pl-oppvekst", "Liv Marit Sødal", "Prosjektleder", "Programkontoret", KRS),
    P("pl-omsorg", "Petter Kile", "Prosjektleder", "Programkontoret", SOGNE),
    P("pl-sosial", "Ane Fjellestad", "Prosjektleder", "Programkontoret", SONGDALEN),
    P("pl-teknisk", "Thomas Vatne", "Prosjektleder", "Programkontoret", KRS),
    P("pl-kultur", "Kirsten Rosseland", "Prosjektleder", "Programkontoret", SONGDALEN),
    P("pl-digital", "Magnus Tveiterå", "Prosjektleder", "Programkontoret", KRS),
    P("pl-okonomi", "Sissel Homme", "Prosjektleder", "Programkontoret", SOGNE),
    P("pl-admin", "Øystein Knutsen", "Prosjektleder", "Programkontoret", KRS),
    # Members of a working group set up by the board of Oppvekst og utdanning.
    P("styrer-krs", "Hilde Vigeland", "Barnehagestyrer", "Oppvekst", KRS),
    P("styrer-son", "Tor Arne Stølen", "Barnehagestyrer", "Oppvekst", SONGDALEN),
    P("styrer-sog", "Berit Repstad", "Barnehagestyrer", "Oppvekst", SOGNE),
]


def _board(
    kristiansand: str,
    songdalen: str,
    sogne: str,
    unions: tuple[str, ...],
    nav: tuple[str, ...] = (),
) -> dict:
    return {"leaders": (kristiansand, songdalen, sogne), "unions": unions, "nav": nav}


# (key, code, name, project leader, allocation %, mandate status, NAV, board)
PROJECTS = [
    (
        "oppvekst",
        "A1",
        "Oppvekst og utdanning",
        "pl-oppvekst",
        100,
        "approved",
        False,
        _board("krs-oppvekst", "son-oppvekst", "sog-oppvekst", ("tv-udf", "tv-ff-son")),
    ),
    (
        "omsorg",
        "A2",
        "Helse, omsorg og forvaltning",
        "pl-omsorg",
        80,
        "approved",
        True,
        _board("krs-omsorg", "son-helse", "sog-helse", ("tv-nsf", "tv-ff-krs"), ("nav-krs",)),
    ),
    (
        "sosial",
        "A3",
        "Helse, sosial, NAV og forebygging",
        "pl-sosial",
        80,
        "proposed",
        True,
        _board(
            "krs-sosial", "son-helse", "sog-helse", ("tv-fo", "tv-nsf"), ("nav-krs", "nav-sogne")
        ),
    ),
    (
        "teknisk",
        "A4",
        "Teknisk, klima, miljø og eiendom",
        "pl-teknisk",
        60,
        "proposed",
        False,
        _board("krs-teknisk", "son-teknisk", "sog-teknisk", ("tv-ff-krs", "tv-delta")),
    ),
    (
        "kultur",
        "A5",
        "Kultur, idrett og fritid",
        "pl-kultur",
        60,
        "proposed",
        False,
        _board("krs-kultur", "son-oppvekst", "sog-oppvekst", ("tv-ff-son", "tv-delta")),
    ),
    (
        "digital",
        "A6",
        "Digitalisering",
        "pl-digital",
        100,
        "proposed",
        False,
        _board("krs-digital", "son-teknisk", "sog-teknisk", ("tv-delta", "tv-ff-krs")),
    ),
    (
        "okonomi",
        "A7",
        "Økonomi og eierskap",
        "pl-okonomi",
        80,
        "proposed",
        False,
        _board("krs-okonomi", "son-okonomi", "sog-okonomi", ("tv-ff-krs", "tv-udf")),
    ),
    (
        "admin",
        "A8",
        "Administrasjon og ledelse",
        "pl-admin",
        100,
        "draft",
        False,
        _board("krs-admin", "son-okonomi", "sog-okonomi", ("tv-delta", "tv-ff-son")),
    ),
]
MUNICIPALITY_OF_LEADER = (KRS, SONGDALEN, SOGNE)

PROJECT_MANDATE = (
    "Prosjektet skal utarbeide forslag til organisering av {name} i nye Kristiansand kommune "
    "fra 1. januar 2020, med tjenestebeskrivelser, ledernivåer og bemanningsplan. "
    "Inndelingen i prosjekter er en tematisering av arbeidet og betyr ikke at tjenestene "
    "organiseres på samme måte i den nye kommunen. Prosjektet ledes av en prosjektleder i "
    "{allocation} prosent stilling og rapporterer til prosjektstyret."
)
DRAFT_MANDATE = (
    "Utkast: Prosjektet skal utarbeide forslag til administrativ organisering og "
    "ledelsesmodell for nye Kristiansand kommune. Grensesnittet mot Digitalisering og "
    "Økonomi og eierskap er ikke avklart."
)
BOARD_MANDATE = (
    "Prosjektstyret skal sikre at prosjektet gjennomføres innenfor gitt mandat og at "
    "resultatmålene nås, sikre nødvendige personellressurser til prosjektgruppen, sette ned "
    "arbeidsgrupper, faggrupper eller referansegrupper ved behov og sikre god medvirkning fra "
    "tillitsvalgte. Som første oppgave lager styret forslag til mandat for prosjektet."
)


async def build(loader: DemoLoader) -> Programme:
    programme = await loader.programme(PROGRAMME)
    people = await loader.people(programme, PREFIX, DOMAIN, PEOPLE)
    pid = programme.id

    # Nothing in the programme stands above the joint committee: the municipal councils,
    # meeting jointly, set it up and gave it its mandate (inndelingslova §§ 25-26).
    councils = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            decided_on=date(2017, 6, 1),
            title="Felles kommunestyremøte: fellesnemndas sammensetning og mandat",
            text=f"Kommunestyrene i Kristiansand, Songdalen og Søgne setter ned {COMMITTEE} "
            "og gir den mandat til å forberede sammenslåingen.",
            legal_basis="Inndelingslova §§ 25 og 26",
            status="final",
            external_id=f"{PREFIX}:decision:fellesnemnd-mandat",
        )
    )
    fellesnemnd = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="joint_committee",
            name=COMMITTEE,
            description="Fellesnemnda organiserer sammenslåingen som et program og godkjenner "
            "prosjektenes mandater.",
            mandate_text="Forberede sammenslåingen av Kristiansand, Songdalen og Søgne; vedta "
            "programmets organisering og godkjenne mandatene prosjektstyrene foreslår.",
            mandate_status="approved",
            mandate_decision_id=councils.id,
            external_id=f"{PREFIX}:group:fellesnemnd",
        )
    )
    await loader.members(
        fellesnemnd,
        people,
        [
            Seat("fn-leder", "politicians", "chair", KRS),
            Seat("fn-nestleder", "politicians", "deputy_chair", SOGNE),
            Seat("fn-songdalen", "politicians", "member", SONGDALEN),
            Seat("fn-krs", "politicians", "member", KRS),
            Seat("fn-sogne", "politicians", "member", SOGNE),
            Seat("fn-songdalen-2", "politicians", "member", SONGDALEN),
            Seat("programleder", "administration", "secretary", KRS),
        ],
    )

    # Seed 003: the joint committee organises the work as a programme of projects, each with
    # a board; a board proposes its project's mandate and the committee approves it.
    organisation = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=fellesnemnd.id,
            decided_on=date(2017, 10, 10),
            case_number="17/00412",
            title="Sammenslåingsprosessen organiseres som et program med prosjekter",
            text="Fellesnemnda organiserer sammenslåingen som et program med administrative og "
            "politiske prosjekter. Prosjektstyrene får mandat som beskrevet i saken: "
            + "; ".join(f"Prosjektstyre {p[1]} {p[2]}" for p in PROJECTS)
            + ".",
            legal_basis="Inndelingslova § 26",
            status="final",
            external_id=f"{PREFIX}:decision:programorganisering",
        )
    )
    approved_codes = [
        (code, name)
        for _key, code, name, _leader, _allocation, mandate, _nav, _board in PROJECTS
        if mandate == "approved"
    ]
    mandates = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=fellesnemnd.id,
            decided_on=date(2017, 12, 12),
            case_number="17/00587",
            title="Godkjenning av mandater for "
            + " og ".join(f"{code} {name}" for code, name in approved_codes),
            text="Fellesnemnda godkjenner mandatene som prosjektstyrene har foreslått.",
            legal_basis="Inndelingslova § 26",
            status="final",
            external_id=f"{PREFIX}:decision:mandater-1",
        )
    )

    projects: dict[str, Project] = {}
    boards: dict[str, Group] = {}
    for key, code, name, leader, allocation, mandate, nav, board in PROJECTS:
        approved = mandate == "approved"
        project, _ = await loader.project(
            ProjectCreate(
                programme_id=pid,
                code=code,
                name=name,
                category="administrative",
                description=f"Administrativt prosjekt {code} i programmet for nye Kristiansand.",
                mandate_text=(
                    DRAFT_MANDATE
                    if mandate == "draft"
                    else PROJECT_MANDATE.format(name=name, allocation=allocation)
                ),
                mandate_status=mandate,
                mandate_approved_at=oslo(2017, 12, 12, 19) if approved else None,
                mandate_approved_by_id=people["fn-leder"].id if approved else None,
                mandate_decision_id=mandates.id if approved else None,
                leader_id=people[leader].id,
                leader_allocation_percent=allocation,
                owner_id=people["programleder"].id,
                status="active",
                health="at_risk" if mandate == "draft" else "on_track",
                health_explanation=(
                    "Prosjektstyret har ikke levert forslag til mandat innen fristen; "
                    "grensesnittet mot de andre prosjektene er ikke avklart."
                    if mandate == "draft"
                    else None
                ),
                concerns_nav=nav,
                starts_on=date(2017, 10, 1),
                ends_on=date(2019, 12, 31),
                external_id=f"{PREFIX}:project:{key}",
            )
        )
        projects[key] = project
        boards[key] = await loader.group(
            GroupCreate(
                programme_id=pid,
                project_id=project.id,
                kind="project_board",
                name=f"Prosjektstyre {code} {name}",
                mandate_text=BOARD_MANDATE,
                mandate_status="approved",
                mandate_decision_id=organisation.id,
                external_id=f"{PREFIX}:group:styre-{key}",
            )
        )
        constituted = date(2017, 10, 24)
        seats = [
            Seat(
                person,
                "administration",
                "chair" if i == 0 else "member",
                number,
                starts_on=constituted,
            )
            for i, (person, number) in enumerate(
                zip(board["leaders"], MUNICIPALITY_OF_LEADER, strict=True)
            )
        ]
        seats += [
            Seat(person, "employees", "member", _municipality(person), starts_on=constituted)
            for person in board["unions"]
        ]
        seats += [
            Seat(person, "other", "member", _municipality(person), starts_on=constituted)
            for person in board["nav"]
        ]
        # The leader's allocation is the project's (leader_allocation_percent); a seat on the
        # board is part of that job, not a second one.
        seats.append(
            Seat(leader, "administration", "secretary", _municipality(leader), None, constituted)
        )
        await loader.members(boards[key], people, seats)

    working_group = await loader.group(
        GroupCreate(
            programme_id=pid,
            project_id=projects["oppvekst"].id,
            kind="working_group",
            name="Arbeidsgruppe barnehage",
            description="Satt ned av prosjektstyret for Oppvekst og utdanning.",
            mandate_text="Kartlegge barnehagetilbudet i de tre kommunene og foreslå felles "
            "organisering av barnehagene.",
            mandate_status="proposed",
            external_id=f"{PREFIX}:group:oppvekst-barnehage",
        )
    )
    await loader.members(
        working_group,
        people,
        [
            Seat("styrer-krs", "administration", "chair", KRS),
            Seat("styrer-son", "administration", "member", SONGDALEN),
            Seat("styrer-sog", "administration", "member", SOGNE),
            Seat("tv-udf", "employees", "member", KRS),
            Seat("pl-oppvekst", "administration", "secretary", KRS),
        ],
    )

    await _follow_up(loader, pid, people, projects, boards, fellesnemnd)
    # Employees' ideas and the three-party forum that follows them up.
    await kristiansand_participation.build(
        loader, programme, people, projects, fellesnemnd, working_group
    )
    return programme


def _municipality(person_key: str) -> str:
    return next(p.municipality for p in PEOPLE if p.key == person_key)


async def _follow_up(
    loader: DemoLoader,
    pid,
    people: dict[str, Person],
    projects: dict[str, Project],
    boards: dict[str, Group],
    fellesnemnd: Group,
) -> None:
    await loader.deadline(
        DeadlineCreate(
            programme_id=pid,
            title="Prosjektstyrene er konstituert",
            kind="milestone",
            due_at=oslo(2017, 10, 31, 16),
            responsible_person_id=people["programleder"].id,
            recipient_id=people["fn-leder"].id,
            status="submitted",
            submitted_at=oslo(2017, 10, 24, 15),
            external_id=f"{PREFIX}:deadline:konstituering",
        )
    )
    for index, (key, code, name, leader, _alloc, mandate, _nav, _board) in enumerate(PROJECTS):
        delivered = mandate != "draft"
        await loader.deadline(
            DeadlineCreate(
                programme_id=pid,
                project_id=projects[key].id,
                group_id=boards[key].id,
                title=f"Forslag til mandat for {code} {name}",
                description="Prosjektstyrets første oppgave; fellesnemnda godkjenner mandatet.",
                due_at=oslo(2017, 11, 24, 12),
                responsible_group_id=boards[key].id,
                recipient_id=people["programleder"].id,
                kind="submission",
                status="submitted" if delivered else "open",
                submitted_at=oslo(2017, 11, 20 + index % 4, 14) if delivered else None,
                external_id=f"{PREFIX}:deadline:mandat-{key}",
            )
        )
        await loader.task(
            TaskCreate(
                project_id=projects[key].id,
                group_id=boards[key].id,
                title=f"Utarbeide forslag til mandat for {name}",
                assignee_id=people[leader].id,
                status="done" if delivered else "in_progress",
                priority="normal" if delivered else "high",
                due_on=date(2017, 11, 24),
                external_id=f"{PREFIX}:task:mandat-{key}",
            ),
            pid,
        )
    await loader.deadline(
        DeadlineCreate(
            programme_id=pid,
            group_id=fellesnemnd.id,
            title="Fellesnemnda behandler mandatene for A1 og A2",
            kind="decision",
            due_at=oslo(2017, 12, 12, 18),
            responsible_group_id=fellesnemnd.id,
            recipient_id=people["programleder"].id,
            status="submitted",
            submitted_at=oslo(2017, 12, 12, 19),
            external_id=f"{PREFIX}:deadline:fn-mandater-1",
        )
    )
    await loader.deadline(
        DeadlineCreate(
            programme_id=pid,
            group_id=fellesnemnd.id,
            title="Fellesnemnda behandler de øvrige mandatene",
            kind="decision",
            due_at=oslo(2018, 2, 6, 18),
            responsible_group_id=fellesnemnd.id,
            recipient_id=people["programleder"].id,
            external_id=f"{PREFIX}:deadline:fn-mandater-2",
        )
    )
    await loader.task(
        TaskCreate(
            project_id=projects["oppvekst"].id,
            group_id=boards["oppvekst"].id,
            title="Sette ned arbeidsgruppe for barnehage",
            assignee_id=people["krs-oppvekst"].id,
            status="done",
            due_on=date(2017, 12, 1),
            external_id=f"{PREFIX}:task:oppvekst-barnehage",
        ),
        pid,
    )

    involvements = [
        InvolvementCreate(
            programme_id=pid,
            matter="Etablering av prosjektstyrene og programmets organisering",
            stakeholder_kind="employees",
            form="information",
            occurred_on=date(2017, 10, 26),
            head_count=350,
            statements="Spørsmål om hvordan ansatte i Songdalen og Søgne blir hørt i prosjektene.",
            outcome="Hvert prosjektstyre har ledere fra alle tre kommuner og tillitsvalgte; "
            "spørsmål og svar publisert på intranett.",
            external_id=f"{PREFIX}:involvement:informasjon-prosjektstyrer",
        ),
        InvolvementCreate(
            programme_id=pid,
            project_id=projects["oppvekst"].id,
            group_id=boards["oppvekst"].id,
            matter="Forslag til mandat for Oppvekst og utdanning",
            stakeholder_kind="union_representatives",
            form="co_determination",
            occurred_on=date(2017, 11, 8),
            participant_ids=[people["tv-udf"].id, people["tv-ff-son"].id],
            statements="Ba om at skolestruktur holdes utenfor mandatet og behandles politisk.",
            outcome="Skolestruktur ble tatt ut av mandatforslaget.",
            documents=[DocumentLink(title="Protokoll prosjektstyremøte 8. november 2017")],
            external_id=f"{PREFIX}:involvement:mandat-oppvekst",
        ),
        InvolvementCreate(
            programme_id=pid,
            project_id=projects["sosial"].id,
            group_id=boards["sosial"].id,
            matter="Forslag til mandat for Helse, sosial, NAV og forebygging",
            stakeholder_kind="nav",
            form="participation",
            occurred_on=date(2017, 11, 15),
            participant_ids=[people["nav-krs"].id, people["nav-sogne"].id],
            statements="NAV-kontorenes partnerskapsavtaler må inngå i grunnlaget.",
            outcome="Partnerskapsavtalene er tatt inn i mandatforslaget.",
            external_id=f"{PREFIX}:involvement:mandat-sosial-nav",
        ),
        InvolvementCreate(
            programme_id=pid,
            project_id=projects["sosial"].id,
            group_id=boards["sosial"].id,
            matter="Forslag til mandat for Helse, sosial, NAV og forebygging",
            stakeholder_kind="union_representatives",
            form="consultation",
            occurred_on=date(2017, 11, 15),
            participant_ids=[people["tv-fo"].id, people["tv-nsf"].id],
            statements="Ønsket at brukermedvirkning beskrives i mandatet.",
            outcome="Brukerorganisasjonene skal høres gjennom en referansegruppe.",
            external_id=f"{PREFIX}:involvement:mandat-sosial-tv",
        ),
    ]
    # The union representatives on every other board took part in drafting its proposal.
    for index, (key, code, name, _leader, _alloc, mandate, _nav, board) in enumerate(PROJECTS):
        if key in ("oppvekst", "sosial"):
            continue
        draft = mandate == "draft"
        involvements.append(
            InvolvementCreate(
                programme_id=pid,
                project_id=projects[key].id,
                group_id=boards[key].id,
                matter=f"{'Utkast til' if draft else 'Forslag til'} mandat for {code} {name}",
                stakeholder_kind="union_representatives",
                form="participation",
                occurred_on=date(2017, 11, 20 + index % 4),
                participant_ids=[people[p].id for p in board["unions"]],
                statements=(
                    "Ba om at grensesnittet mot de andre prosjektene avklares før forslaget "
                    "sendes fellesnemnda."
                    if draft
                    else "Tillitsvalgte i prosjektstyret sluttet seg til forslaget."
                ),
                outcome=(
                    "Utkastet bearbeides; forslaget er ikke levert."
                    if draft
                    else "Forslaget ble sendt fellesnemnda med tillitsvalgtes tilslutning."
                ),
                external_id=f"{PREFIX}:involvement:mandat-{key}-tv",
            )
        )
    for data in involvements:
        await loader.involvement(data)
