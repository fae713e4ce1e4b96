"""Demo programme «Nordre Follo 2020»: Ski (0213) and Oppegård (0217) merge on 1 January 2020.

Built from Nordre Follo's 2018 workbook «Organisering av virksomhetsområdene og stabene»
(seed 002), the five-phase model (seed 000) and the three-party cooperation of seeds 001
and 004. Public organisational facts are real: the two municipalities and their numbers,
the merger date, the vision «nær og nyskapende», the workbook's roles (process owner,
responsible note-taker, a development team with HR at 50 % and finance at 20 %, working
group, expert group), its deadline table (answer to task 2b before leaving the room, the
summary presentation before Friday morning's plenary, revised workbook versions between the
gatherings, the final input on the template to the project leader and the project owner),
gathering 1 on 6 and 7 September 2018, the procedure for placing leaders discussed in the
consultation forum on 4 October 2018 and presented to the joint consultative committee on
20 November 2018. The service areas and staff units are named generically. Every person is
invented and has an address on the reserved `.example` domain; the people of the seed are
replaced by invented holders of the same roles.

Dates. All dates are fixed, never computed from the current time, so that loading the demo
gives the same records on every machine and every day. The 2018 deadlines are historical:
most are `submitted` (with the time they came in), one came in late, one was waived, and
the revised version 3 and the final input of «Kultur og frivillighet» were never
registered, so they stay `open` and show as overdue, as a missing workbook version should.
The three gatherings are events of kind `gathering` with their programmes: samling 1's is the
workbook's (DEL 4), with invented times, since the seed lost them; the dates of gatherings 2
(18 October 2018) and 3 (8 November 2018) are not in the workbook and are invented, chosen
between the deadlines of workbook versions 2 and 3 and before the final input on 23 November;
samling 2's items are the seed's overall agenda, samling 3's follow the purpose the workbook
gives it. Who leads an item is an invented holder of the role or the role itself, never one of
the seed's people. The tasks given at a gathering are deadlines naming it: the answer to task
2b, the summary presentation and version 2 at samling 1, version 3 at samling 2, the final
input at samling 3. The project
«Oppvekst og utdanning» is run through the five phases and is now in phase 5 (evaluate and
adjust), a follow-up of the new organisation: its survey summary due on 30 October 2026 is
overdue, and its evaluation deadlines fall in 2027, so the app shows upcoming deadlines too.
Involvement records only carry dates that have passed (the service refuses future ones).
The other six areas ended when the new municipality started and are completed; their
phases (mandate, gatherings and workbook, hearing and decision, setting up the new
organisation in 2019) are all completed.

Approvals. Every approved mandate rests on a final decision of the body above the one that
proposed it: the areas' mandates and those of the three-party forum, the consultation forum
and the steering group of «Oppvekst og utdanning» on decisions of the joint committee, the
groups of that project on its steering group's approval of the work plan, and the joint
committee's own on the municipal councils' joint meeting, which is outside the programme and
so names no deciding body of it. As of `STORY_DATE` (20 November 2026) the compliance report
shows what the demo means to: the board without a union representative, the reorganisation
decision without its consultation, the overdue survey summary, the workbook version 2 of
«Digitalisering og kommunikasjon» delivered late and the version 3 and final input of «Kultur
og frivillighet» missing (the workbooks are in nordre_follo_workbook.py), the plan goal
«Kultur og frivillighet» ticked without a rationale (the catalogue of the 19 plan goals and the
areas' choices are in nordre_follo_goals.py), and, from the involvement plan of «Oppvekst og
utdanning», the parents' and user councils' meeting planned before its reorganisation decision
of 14 December 2018 that never took place: decision-planned-involvement-missed for that
decision and planned-involvement-overdue for the meeting. The plan, the employees' ideas and
the three-party forum's meetings that assess them, the trail behind that decision and what
the demo member sees on their own page are in nordre_follo_participation.py, which runs after
governance.py has made the decision and its consultation meeting.
"""

from datetime import date

from samskap.deadlines.schemas import DeadlineCreate
from samskap.decisions.schemas import DecisionCreate
from samskap.demo import (
    nordre_follo_documents,
    nordre_follo_goals,
    nordre_follo_hearing,
    nordre_follo_workbook,
)
from samskap.demo.loader import DemoLoader, PersonSpec, ResultTick, Seat, oslo
from samskap.events.schemas import EventCreate
from samskap.events.service import EventService
from samskap.groups.schemas import GroupCreate
from samskap.involvements.schemas import DocumentLink, InvolvementCreate
from samskap.models import Event, Group, Person, Phase, Programme, Project
from samskap.phases.schemas import PhaseCreate, PhaseUpdate
from samskap.phases.service import PhaseService
from samskap.phases.templates import FIVE_PHASES
from samskap.programmes.schemas import ProgrammeCreate
from samskap.projects.schemas import ProjectCreate
from samskap.tasks.schemas import TaskCreate

PREFIX = "demo:nf"
DOMAIN = "nordrefollo.example"
SKI, OPPEGARD = "0213", "0217"
# The day the demo tells the programme as of: «Oppvekst og utdanning» is in phase 5 and its
# survey summary is overdue. The compliance report shows what the demo means with ?as_of=.
STORY_DATE = date(2026, 11, 20)
COMMITTEE = "Fellesnemnda for Nordre Follo"
STEERING_GROUP = "Styringsgruppe Oppvekst og utdanning"

PROGRAMME = ProgrammeCreate(
    name="Nordre Follo 2020",
    description=(
        "Sammenslåing av Ski og Oppegård kommuner til Nordre Follo kommune (kommunenummer "
        "3020) fra 1. januar 2020. Høsten 2018 organiseres virksomhetsområdene og stabene "
        "gjennom tre samlinger med arbeidsbok, innspill etter mal og høring, slik at "
        "ledergruppen kan beslutte organisering og innplassering i desember 2018."
    ),
    vision="Nær og nyskapende",
    owner_organisation="Fellesnemnda for Nordre Follo",
    municipalities=[{"name": "Ski", "number": SKI}, {"name": "Oppegård", "number": OPPEGARD}],
    starts_on=date(2017, 6, 1),
    target_on=date(2020, 1, 1),
    status="active",
    external_id=f"{PREFIX}:programme",
)

P = PersonSpec
PEOPLE = [
    # The project staff (prosjektstaben).
    P("eier", "Tor Erik Viken", "Administrasjonssjef", "Prosjektstaben", SKI),
    P("prosjektleder", "Ingrid Haugland", "Prosjektleder organisering", "Prosjektstaben", OPPEGARD),
    P("medarbeider", "Marte Kvamme", "Prosjektmedarbeider", "Prosjektstaben", SKI),
    # Process owners: heads of service areas (kommunalsjefer) and of staff units.
    P("ks-oppvekst", "Line Aasheim", "Kommunalsjef", "Oppvekst og utdanning", OPPEGARD),
    P("ks-helse", "Kjetil Bråten", "Kommunalsjef", "Helse og velferd", SKI),
    P("ks-samfunn", "Siri Nyhus", "Kommunalsjef", "Samfunnsutvikling", SKI),
    P("ks-kultur", "Ole Martin Rud", "Kommunalsjef", "Kultur og frivillighet", OPPEGARD),
    P("sl-okonomi", "Hilde Sæther", "Stabsleder", "Økonomi", SKI),
    P("sl-personal", "Espen Tangen", "Stabsleder", "Organisasjon og personal", OPPEGARD),
    P("sl-digital", "Nina Fossum", "Stabsleder", "Digitalisering og kommunikasjon", SKI),
    # Responsible note-takers (ansvarlige referenter), one per area.
    P(
        "ref-oppvekst",
        "Sara Lunde",
        "Rådgiver, ansvarlig referent",
        "Oppvekst og utdanning",
        OPPEGARD,
    ),
    P("ref-helse", "Jonas Eide", "Rådgiver, ansvarlig referent", "Helse og velferd", SKI),
    P("ref-samfunn", "Eirin Dahl", "Rådgiver, ansvarlig referent", "Samfunnsutvikling", SKI),
    P(
        "ref-kultur",
        "Mats Grønvold",
        "Rådgiver, ansvarlig referent",
        "Kultur og frivillighet",
        OPPEGARD,
    ),
    P("ref-okonomi", "Tuva Strand", "Controller, ansvarlig referent", "Økonomi", SKI),
    P(
        "ref-personal",
        "Henrik Myhre",
        "HR-rådgiver, ansvarlig referent",
        "Organisasjon og personal",
        OPPEGARD,
    ),
    P(
        "ref-digital",
        "Ida Sletten",
        "Kommunikasjonsrådgiver, ansvarlig referent",
        "Digitalisering og kommunikasjon",
        SKI,
    ),
    # The development team (utviklingsteam) of Oppvekst og utdanning.
    P("hr-oppvekst", "Kristine Holm", "HR-rådgiver", "Organisasjon og personal", SKI),
    P("ok-oppvekst", "Petter Nygaard", "Økonomirådgiver", "Økonomi", OPPEGARD),
    P("fag-oppvekst", "Anne Bergum", "Fagrådgiver skole", "Oppvekst og utdanning", SKI),
    P("konsulent", "Lars Hovland", "Organisasjonskonsulent", "Ekstern rådgiver", None, "external"),
    # Unit heads, employees, union and safety representatives in Oppvekst og utdanning.
    P("rektor-ski", "Gunnar Hagen", "Rektor", "Oppvekst og utdanning", SKI),
    P("rektor-opp", "Åse Kolstad", "Rektor", "Oppvekst og utdanning", OPPEGARD),
    P("styrer-opp", "Tone Lie", "Barnehagestyrer", "Oppvekst og utdanning", OPPEGARD),
    P("ppt-ski", "Erik Brekke", "Leder PP-tjenesten", "Oppvekst og utdanning", SKI),
    P("pedleder", "Kari Anne Toft", "Pedagogisk leder", "Oppvekst og utdanning", OPPEGARD),
    P("laerer", "Sindre Aune", "Lærer", "Oppvekst og utdanning", SKI),
    P("spesped", "Maria Løken", "Spesialpedagog", "Oppvekst og utdanning", OPPEGARD),
    P(
        "ptv-oppvekst",
        "Marius Sandvik",
        "Plasstillitsvalgt",
        "Oppvekst og utdanning",
        SKI,
        "union_representative",
        "Fagforbundet",
    ),
    P(
        "vo-oppvekst",
        "Heidi Rønning",
        "Verneombud",
        "Oppvekst og utdanning",
        OPPEGARD,
        "safety_representative",
    ),
    # Chief union representatives (hovedtillitsvalgte) and the chief safety representative.
    P(
        "htv-ff",
        "Liv Tveiten",
        "Hovedtillitsvalgt",
        "Ski kommune",
        SKI,
        "union_representative",
        "Fagforbundet",
    ),
    P(
        "htv-udf",
        "Randi Øverby",
        "Hovedtillitsvalgt",
        "Oppegård kommune",
        OPPEGARD,
        "union_representative",
        "Utdanningsforbundet",
    ),
    P(
        "htv-fo",
        "Geir Amundsen",
        "Hovedtillitsvalgt",
        "Ski kommune",
        SKI,
        "union_representative",
        "Fellesorganisasjonen",
    ),
    P(
        "htv-delta",
        "Unni Vik",
        "Hovedtillitsvalgt",
        "Oppegård kommune",
        OPPEGARD,
        "union_representative",
        "Delta",
    ),
    P("hvo", "Bjørn Olav Fjeld", "Hovedverneombud", "Ski kommune", SKI, "safety_representative"),
    # Elected officials (folkevalgte) of the joint committee.
    P(
        "pol-ski-1",
        "Bente Skaug",
        "Medlem av fellesnemnda",
        "Ski kommunestyre",
        SKI,
        "elected_official",
    ),
    P(
        "pol-opp-1",
        "Arild Husby",
        "Medlem av fellesnemnda",
        "Oppegård kommunestyre",
        OPPEGARD,
        "elected_official",
    ),
    P(
        "pol-ski-2",
        "Trine Vold",
        "Medlem av fellesnemnda",
        "Ski kommunestyre",
        SKI,
        "elected_official",
    ),
    P(
        "pol-opp-2",
        "Hans Petter Moe",
        "Medlem av fellesnemnda",
        "Oppegård kommunestyre",
        OPPEGARD,
        "elected_official",
    ),
    P(
        "pol-opp-3",
        "Eva Sund",
        "Medlem av fellesnemnda",
        "Oppegård kommunestyre",
        OPPEGARD,
        "elected_official",
    ),
    P(
        "pol-ski-3",
        "Rune Kirkeby",
        "Medlem av fellesnemnda",
        "Ski kommunestyre",
        SKI,
        "elected_official",
    ),
]

# (key, code, name, process owner and project leader, responsible note-taker)
AREAS = [
    ("oppvekst", "VO1", "Oppvekst og utdanning", "ks-oppvekst", "ref-oppvekst"),
    ("helse", "VO2", "Helse og velferd", "ks-helse", "ref-helse"),
    ("samfunn", "VO3", "Samfunnsutvikling", "ks-samfunn", "ref-samfunn"),
    ("kultur", "VO4", "Kultur og frivillighet", "ks-kultur", "ref-kultur"),
    ("okonomi", "ST1", "Økonomi", "sl-okonomi", "ref-okonomi"),
    ("personal", "ST2", "Organisasjon og personal", "sl-personal", "ref-personal"),
    ("digital", "ST3", "Digitalisering og kommunikasjon", "sl-digital", "ref-digital"),
]
FIVE_PHASE_AREA = "oppvekst"

AREA_MANDATE = (
    "Organisere virksomhetsområdet/staben {name} i Nordre Follo kommune i tråd med vedtatt "
    "organisasjonsmodell og overordnet organisering. Prosesseier er kommunalsjef/stabsleder, "
    "som leder arbeidet i arbeidsgruppen og faggruppene og leverer arbeidsboken i versjon 1, "
    "2 og 3 til avtalt frist. Resultatet er et innspill etter mal (organisering og ledernivå, "
    "ansvar, møteplasser, annet; maks 2 sider + organisasjonskart) til høringsforslaget "
    "«Organisering av virksomhetsområder og staber»."
)

THREE_PARTY_MANDATE = (
    "Trepartsforumet er en fast møteplass der politikere, administrasjon og tillitsvalgte "
    "samarbeider om fornyelse og utvikling av den nye kommunen. Forumet gir "
    "beslutningstakerne et bedre beslutningsgrunnlag, men rokker ikke ved rådmannens og "
    "politikernes beslutningsmyndighet. Partene møter med tre representanter hver, prioriterer "
    "oppmøte og sikrer kontinuitet. Alle ansatte kan sende inn forslag til forbedringer og "
    "ideer, som forumet følger opp."
)


async def build(loader: DemoLoader) -> Programme:
    programme = await loader.programme(PROGRAMME)
    people = await loader.people(programme, PREFIX, DOMAIN, PEOPLE)
    pid = programme.id

    fellesnemnd = await _fellesnemnd(loader, pid, people)
    # The areas' mandates, proposed by their process owners, approved by the joint committee.
    mandates = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=fellesnemnd.id,
            decided_on=date(2018, 8, 20),
            case_number="18/00178",
            title="Godkjenning av mandater for prosjektene",
            text="Fellesnemnda godkjenner mandatene for organiseringen av virksomhetsområdene "
            "og stabene: " + "; ".join(f"{code} {name}" for _k, code, name, *_ in AREAS) + ".",
            legal_basis="Inndelingslova § 26",
            status="final",
            external_id=f"{PREFIX}:decision:mandates",
        )
    )

    projects: dict[str, Project] = {}
    five_phase_created = False
    for key, code, name, leader, _ in AREAS:
        five = key == FIVE_PHASE_AREA
        late = key == "kultur"
        project, created = await loader.project(
            ProjectCreate(
                programme_id=pid,
                code=code,
                name=name,
                description=(
                    ("Virksomhetsområde" if code.startswith("VO") else "Stab")
                    + f" {name}: organisering før sammenslåingen 1. januar 2020."
                ),
                category="administrative",
                mandate_text=AREA_MANDATE.format(name=name),
                mandate_status="approved",
                mandate_approved_at=oslo(2018, 8, 20, 10),
                mandate_approved_by_id=people["eier"].id,
                mandate_decision_id=mandates.id,
                leader_id=people[leader].id,
                owner_id=people["eier"].id,
                # Only «Oppvekst og utdanning» runs on into the evaluation; the others ended
                # when the new municipality started.
                status="active" if five else "completed",
                health="at_risk" if late else "on_track",
                health_explanation=(
                    "Revidert arbeidsbok versjon 3 og endelig innspill etter mal er ikke "
                    "registrert mottatt."
                    if late
                    else None
                ),
                starts_on=date(2018, 8, 15),
                ends_on=date(2027, 6, 30) if five else date(2019, 12, 31),
                phase_template="reorganisation-five-phases" if five else None,
                external_id=f"{PREFIX}:project:{key}",
            )
        )
        projects[key] = project
        if five:
            five_phase_created = created
        elif created:
            await _workbook_phases(loader, project, key)

    groups = await _groups(loader, pid, people, projects, fellesnemnd)
    if five_phase_created:
        await _run_phases(loader, projects[FIVE_PHASE_AREA], people)
    await _tasks(loader, pid, people, projects, groups)
    gatherings = await _gatherings(loader, pid)
    await _deadlines(loader, pid, people, projects, groups, gatherings)
    await _involvements(loader, pid, people, projects, groups)
    await nordre_follo_goals.build(loader, programme, projects)
    await nordre_follo_documents.build(loader, programme, groups)
    await nordre_follo_hearing.build(loader, programme, groups)
    await nordre_follo_workbook.build(loader, programme, projects)
    return programme


async def _fellesnemnd(loader: DemoLoader, pid, people: dict[str, Person]) -> Group:
    """The joint committee, whose mandate the municipal councils gave it in their joint
    meeting: nothing in the programme stands above it, so that decision names no body of it."""
    councils = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            decided_on=date(2017, 6, 1),
            title="Felles kommunestyremøte: fellesnemndas sammensetning og mandat",
            text=f"Kommunestyrene i Ski og Oppegård setter ned {COMMITTEE} og gir den mandat "
            "til å forberede sammenslåingen.",
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
            description="Felles politisk organ for Ski og Oppegård fram til sammenslåingen.",
            mandate_text="Fellesnemnda forbereder sammenslåingen og vedtar omstillingsavtalen, "
            "prosedyrer og delegering til prosjektleder.",
            mandate_status="approved",
            mandate_decision_id=councils.id,
            external_id=f"{PREFIX}:group:fellesnemnd",
        )
    )
    await loader.members(
        fellesnemnd,
        people,
        [
            Seat("pol-ski-1", "politicians", "chair", SKI),
            Seat("pol-opp-1", "politicians", "deputy_chair", OPPEGARD),
            Seat("pol-ski-2", "politicians", "member", SKI),
            Seat("pol-opp-2", "politicians", "member", OPPEGARD),
            Seat("pol-opp-3", "politicians", "member", OPPEGARD),
            Seat("pol-ski-3", "politicians", "member", SKI),
            Seat("eier", "administration", "secretary", SKI),
        ],
    )
    return fellesnemnd


async def _groups(
    loader: DemoLoader,
    pid,
    people: dict[str, Person],
    projects: dict[str, Project],
    fellesnemnd: Group,
) -> dict[str, Group]:
    vo1 = projects[FIVE_PHASE_AREA]
    g: dict[str, Group] = {"fellesnemnd": fellesnemnd}
    forums = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=fellesnemnd.id,
            decided_on=date(2018, 8, 20),
            case_number="18/00179",
            title="Mandater for Trepartsforum Nordre Follo, Drøftingsforum Nordre Follo og "
            f"{STEERING_GROUP}",
            text="Fellesnemnda godkjenner mandatene for trepartsforumet, drøftingsforumet og "
            "styringsgruppen for Oppvekst og utdanning.",
            legal_basis="Inndelingslova § 26",
            status="final",
            external_id=f"{PREFIX}:decision:mandater-fora",
        )
    )

    g["trepart"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="three_party_forum",
            name="Trepartsforum Nordre Follo",
            description="Tre politikere, tre fra administrasjonen og tre hovedtillitsvalgte.",
            mandate_text=THREE_PARTY_MANDATE,
            mandate_status="approved",
            mandate_decision_id=forums.id,
            external_id=f"{PREFIX}:group:trepartsforum",
        )
    )
    await loader.members(
        g["trepart"],
        people,
        [
            Seat("pol-ski-1", "politicians", "chair", SKI, starts_on=date(2018, 9, 1)),
            Seat("pol-opp-1", "politicians", "member", OPPEGARD, starts_on=date(2018, 9, 1)),
            Seat("pol-ski-2", "politicians", "member", SKI, starts_on=date(2018, 9, 1)),
            Seat("eier", "administration", "deputy_chair", SKI, starts_on=date(2018, 9, 1)),
            Seat("sl-personal", "administration", "member", OPPEGARD, starts_on=date(2018, 9, 1)),
            Seat("ks-helse", "administration", "member", SKI, starts_on=date(2018, 9, 1)),
            Seat("htv-ff", "employees", "member", SKI, starts_on=date(2018, 9, 1)),
            Seat("htv-udf", "employees", "member", OPPEGARD, starts_on=date(2018, 9, 1)),
            Seat("htv-fo", "employees", "member", SKI, starts_on=date(2018, 9, 1)),
        ],
    )

    g["drofting"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            kind="consultation_forum",
            name="Drøftingsforum Nordre Follo",
            description="Drøftinger mellom arbeidsgiver og hovedtillitsvalgte og hovedverneombud.",
            mandate_text="Drøfte saker om omstilling, organisering og innplassering før "
            "beslutning, jf. omstillingsavtalen for Nordre Follo.",
            mandate_status="approved",
            mandate_decision_id=forums.id,
            external_id=f"{PREFIX}:group:droftingsforum",
        )
    )
    await loader.members(
        g["drofting"],
        people,
        [
            Seat("eier", "administration", "chair", SKI),
            Seat("sl-personal", "administration", "member", OPPEGARD),
            Seat("htv-ff", "employees", "member", SKI),
            Seat("htv-udf", "employees", "member", OPPEGARD),
            Seat("htv-fo", "employees", "member", SKI),
            Seat("htv-delta", "employees", "member", OPPEGARD),
            Seat("hvo", "employees", "member", SKI),
            Seat("prosjektleder", "administration", "secretary", OPPEGARD),
        ],
    )

    g["styring"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            project_id=vo1.id,
            kind="steering_group",
            name=STEERING_GROUP,
            mandate_text="Gi oppdraget, godkjenne arbeidsplanen og beslutte forslag til "
            "organisering av Oppvekst og utdanning; følge opp evalueringen etter sammenslåingen.",
            mandate_status="approved",
            mandate_decision_id=forums.id,
            external_id=f"{PREFIX}:group:oppvekst-styringsgruppe",
        )
    )
    await loader.members(
        g["styring"],
        people,
        [
            Seat("eier", "administration", "chair", SKI),
            Seat("ks-oppvekst", "administration", "member", OPPEGARD),
            Seat("prosjektleder", "administration", "member", OPPEGARD),
            Seat("htv-udf", "employees", "member", OPPEGARD),
            Seat("ref-oppvekst", "administration", "secretary", OPPEGARD),
        ],
    )

    # Seed 000: the steering group gives the assignment and approves the work plan, with the
    # mandates of the groups that do the work (31 August 2018).
    work_plan = await loader.decision(
        DecisionCreate(
            programme_id=pid,
            body_group_id=g["styring"].id,
            project_id=vo1.id,
            decided_on=date(2018, 8, 31),
            title="Arbeidsplan og arbeidsformer for Oppvekst og utdanning",
            text="Styringsgruppen godkjenner arbeidsplanen og mandatene for utviklingsteamet, "
            "arbeidsgruppen og faggruppen.",
            status="final",
            external_id=f"{PREFIX}:decision:oppvekst-arbeidsplan",
        )
    )

    g["utvikling"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            project_id=vo1.id,
            kind="development_team",
            name="Utviklingsteam Oppvekst og utdanning",
            description="Ledes av kommunalsjefen. HR stiller 50 % og økonomi 20 % til "
            "OU-prosessen høsten 2018; fag, HTV og konsulent er tilgjengelige etter behov.",
            mandate_text="Legge til rette arbeidet for arbeidsgruppen og faggruppen og tilpasse "
            "arbeidsbøker og presentasjoner til møtene i den enkelte virksomhet.",
            mandate_status="approved",
            mandate_decision_id=work_plan.id,
            external_id=f"{PREFIX}:group:oppvekst-utviklingsteam",
        )
    )
    await loader.members(
        g["utvikling"],
        people,
        [
            Seat("ks-oppvekst", "administration", "chair", OPPEGARD),
            Seat("hr-oppvekst", "administration", "member", SKI, 50, date(2018, 8, 15)),
            Seat("ok-oppvekst", "administration", "member", OPPEGARD, 20, date(2018, 8, 15)),
            Seat("fag-oppvekst", "administration", "member", SKI),
            Seat("htv-udf", "employees", "member", OPPEGARD),
            Seat("konsulent", "other", "member"),
        ],
    )

    g["arbeid"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            project_id=vo1.id,
            kind="working_group",
            name="Arbeidsgruppe Oppvekst og utdanning",
            description="Virksomhetsledere med plasstillitsvalgt og verneombud.",
            mandate_text="Virksomhetslederne bidrar i faggrupper og arbeidsgrupper, informerer og "
            "involverer medarbeiderne i tjenestene og formidler synspunktene deres videre.",
            mandate_status="approved",
            mandate_decision_id=work_plan.id,
            external_id=f"{PREFIX}:group:oppvekst-arbeidsgruppe",
        )
    )
    await loader.members(
        g["arbeid"],
        people,
        [
            Seat("ks-oppvekst", "administration", "chair", OPPEGARD),
            Seat("rektor-ski", "administration", "member", SKI),
            Seat("rektor-opp", "administration", "member", OPPEGARD),
            Seat("styrer-opp", "administration", "member", OPPEGARD),
            Seat("ppt-ski", "administration", "member", SKI),
            Seat("ptv-oppvekst", "employees", "member", SKI),
            Seat("vo-oppvekst", "employees", "member", OPPEGARD),
            Seat("ref-oppvekst", "administration", "secretary", OPPEGARD),
        ],
    )

    g["fag"] = await loader.group(
        GroupCreate(
            programme_id=pid,
            project_id=vo1.id,
            kind="expert_group",
            name="Faggruppe barnehage og skole",
            mandate_text="Ledes av kommunalsjefen; deltar på inspirasjonsforedragene og i "
            "arbeidsmøter mellom og etter samlingene, og får oppgaver underveis.",
            mandate_status="approved",
            mandate_decision_id=work_plan.id,
            external_id=f"{PREFIX}:group:oppvekst-faggruppe",
        )
    )
    await loader.members(
        g["fag"],
        people,
        [
            Seat("ks-oppvekst", "administration", "chair", OPPEGARD),
            Seat("pedleder", "employees", "member", OPPEGARD),
            Seat("laerer", "employees", "member", SKI),
            Seat("spesped", "employees", "member", OPPEGARD),
            Seat("fag-oppvekst", "administration", "member", SKI),
        ],
    )
    return g


OPPSTART_RESULTS = FIVE_PHASES.phases[0].expected_results
PHASE_PLAN = [
    # (dates, status, results to tick or add)
    (
        (date(2018, 6, 4), date(2018, 8, 31)),
        "completed",
        [
            ResultTick(OPPSTART_RESULTS[0], date(2018, 8, 30), "ks-oppvekst"),
            ResultTick(OPPSTART_RESULTS[1], date(2018, 8, 20), "eier"),
            ResultTick(OPPSTART_RESULTS[2], date(2018, 8, 31), "eier"),
        ],
    ),
    (
        (date(2018, 9, 1), date(2018, 10, 12)),
        "completed",
        [
            ResultTick(
                "Kunnskapsgrunnlaget for Nordre Follo er gjennomgått i arbeidsgruppen",
                date(2018, 9, 7),
                "ks-oppvekst",
            ),
            ResultTick(
                "Områdets mål er valgt blant kommuneplanens 19 mål, med begrunnelse",
                date(2018, 9, 7),
                "ref-oppvekst",
            ),
        ],
    ),
    (
        (date(2018, 10, 13), date(2018, 12, 14)),
        "completed",
        [
            ResultTick(
                "Innspill etter mal er levert prosjektleder og prosjekteier",
                date(2018, 11, 22),
                "ks-oppvekst",
            ),
            ResultTick("Organisering er besluttet av ledergruppen", date(2018, 12, 14), "eier"),
        ],
    ),
    (
        (date(2019, 1, 2), date(2020, 6, 30)),
        "completed",
        [
            ResultTick("Virksomhetsledere er innplassert", date(2019, 3, 29), "sl-personal"),
            ResultTick(
                "Alle ansatte vet hvilken tjeneste de tilhører i Nordre Follo",
                date(2019, 11, 29),
                "ks-oppvekst",
            ),
        ],
    ),
    (
        (date(2025, 9, 1), date(2027, 6, 30)),
        "active",
        [
            ResultTick(
                "Medarbeiderundersøkelse om ny organisering er gjennomført",
                date(2026, 9, 30),
                "hr-oppvekst",
            ),
            ResultTick("Evalueringsrapport er lagt fram for styringsgruppen"),
            ResultTick("Justeringer i organiseringen er drøftet med tillitsvalgte"),
        ],
    ),
]


# The phases of the six areas that ran the workbook process of seed 002 (DEL 3 and 4) and ended
# when the new municipality started: the mandate, the three gatherings with the workbook, the
# hearing and the leader group's decision in December 2018, then the new organisation set up
# through 2019. All completed, so the overview shows the last of them as the current phase.
WORKBOOK_PHASES = [
    ("Mandat og oppstart", date(2018, 8, 15), date(2018, 9, 5)),
    ("Samlinger og arbeidsbok", date(2018, 9, 6), date(2018, 11, 23)),
    ("Høring og beslutning", date(2018, 11, 24), date(2018, 12, 21)),
    ("Innplassering og oppstart av Nordre Follo", date(2019, 1, 2), date(2019, 12, 31)),
]


async def _workbook_phases(loader: DemoLoader, project: Project, key: str) -> None:
    service = PhaseService(loader.session)
    for position, (name, starts_on, ends_on) in enumerate(WORKBOOK_PHASES, start=1):
        await loader.ensure(
            "phases",
            service,
            Phase,
            PhaseCreate(
                project_id=project.id,
                position=position,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                status="completed",
                external_id=f"{PREFIX}:phase:{key}:{position}",
            ),
            project.programme_id,
        )


async def _run_phases(loader: DemoLoader, project: Project, people: dict[str, Person]) -> None:
    phases = await loader.phases_of(project)
    for position, (phase, ((start, end), status, results)) in enumerate(
        zip(phases, PHASE_PLAN, strict=True), start=1
    ):
        await loader.progress_phase(
            phase,
            PhaseUpdate(
                starts_on=start,
                ends_on=end,
                status=status,
                external_id=f"{PREFIX}:phase:{FIVE_PHASE_AREA}:{position}",
            ),
            people,
            results,
        )


async def _tasks(
    loader: DemoLoader,
    pid,
    people: dict[str, Person],
    projects: dict[str, Project],
    groups: dict[str, Group],
) -> None:
    vo1 = projects[FIVE_PHASE_AREA]
    phases = {p.position: p for p in await loader.phases_of(vo1)}

    async def task(
        key: str,
        title: str,
        position: int | None,
        assignee: str,
        status: str,
        due: date | None,
        *,
        group: str | None = None,
        parent=None,
        priority: str = "normal",
        description: str | None = None,
        project: Project = vo1,
    ):
        return await loader.task(
            TaskCreate(
                project_id=project.id,
                phase_id=phases[position].id if position else None,
                group_id=groups[group].id if group else None,
                parent_id=parent.id if parent else None,
                title=title,
                description=description,
                assignee_id=people[assignee].id,
                status=status,
                priority=priority,
                due_on=due,
                external_id=f"{PREFIX}:task:{key}",
            ),
            pid,
        )

    await task(
        "oppvekst-mandat",
        "Utarbeide mandat for organisering av Oppvekst og utdanning",
        1,
        "ks-oppvekst",
        "done",
        date(2018, 8, 17),
    )
    await task(
        "oppvekst-arbeidsplan",
        "Legge fram arbeidsplan for styringsgruppen",
        1,
        "ks-oppvekst",
        "done",
        date(2018, 8, 31),
        group="styring",
    )
    await task(
        "oppvekst-kunnskap",
        "Gå gjennom kunnskapsgrunnlaget med arbeidsgruppen",
        2,
        "fag-oppvekst",
        "done",
        date(2018, 9, 5),
        group="arbeid",
    )
    revise = await task(
        "oppvekst-revisjon",
        "Revidere arbeidsboken etter faggruppemøtene",
        3,
        "ks-oppvekst",
        "done",
        date(2018, 10, 4),
        group="fag",
        priority="high",
    )
    await task(
        "oppvekst-revisjon-referat",
        "Sammenstille innspill fra faggruppen",
        3,
        "ref-oppvekst",
        "done",
        date(2018, 10, 2),
        parent=revise,
    )
    await task(
        "oppvekst-ros",
        "Risikovurdering av endret arbeidssted for ansatte",
        3,
        "hr-oppvekst",
        "done",
        date(2018, 10, 26),
        description="Etter innspill fra verneombudet i arbeidsgruppen 20. september 2018.",
    )
    await task(
        "oppvekst-undersokelse",
        "Sammenstille resultater fra medarbeiderundersøkelsen",
        5,
        "hr-oppvekst",
        "in_progress",
        date(2026, 10, 30),
        priority="high",
    )
    await task(
        "oppvekst-evaluering",
        "Skrive evalueringsrapport for Oppvekst og utdanning",
        5,
        "ks-oppvekst",
        "todo",
        date(2027, 3, 12),
        group="arbeid",
    )
    await task(
        "oppvekst-drofting",
        "Forberede drøftingsmøte med tillitsvalgte",
        5,
        "ks-oppvekst",
        "todo",
        date(2027, 4, 8),
    )
    await task(
        "kultur-purring",
        "Purre på arbeidsbok versjon 3 og innspill fra Kultur og frivillighet",
        None,
        "prosjektleder",
        "blocked",
        date(2018, 11, 26),
        priority="urgent",
        description="Venter på avklaring med kommunalsjefen.",
        project=projects["kultur"],
    )


# Who leads an item of a gathering's programme: the seed's named people are replaced by the
# invented holders of the same roles (PEOPLE), and its outside speakers by their role.
OWNER = "Tor Erik Viken, administrasjonssjef"
PROJECT_LEADER = "Ingrid Haugland, prosjektleder"
PROJECT_STAFF = "Ingrid Haugland og Marte Kvamme, prosjektstaben"
PROCESS_OWNERS = "Kommunalsjef/stabsleder"
SPEAKER = "Ekstern foredragsholder"
MODERATOR = "Kommunalsjef/stabsleder; moderator Lars Hovland, organisasjonskonsulent"
KOLBEN_1, KOLBEN_2 = "Sal 1 i Kolben", "Sal 2 i Kolben"
GROUP_ROOMS = "Grupperom rådhuset eller Kolben"


def _item(time: str | None, title: str, responsible: str | None = None, room: str | None = None):
    return {"time": time, "title": title, "responsible": responsible, "room": room}


# The three gatherings (samlinger) of the workbook (DEL 4 to 6). Samling 1's programme is the
# seed's, day by day; its times were lost from the seed and are invented, as are the dates,
# times and rooms of samling 2 (whose overall agenda is the seed's) and samling 3 (whose
# programme follows the purpose the workbook gives it: to finish the workbook on the template).
GATHERINGS = [
    (
        1,
        "Samling 1: Samme visjon, samme mål!",
        oslo(2018, 9, 6, 8, 30),
        oslo(2018, 9, 7, 15, 0),
        [
            _item(
                None,
                "Torsdag 6. september: inspirasjonsforedrag for faggruppene, herunder "
                "arbeidsgruppene og utviklingsteamene",
                room=KOLBEN_1,
            ),
            _item("08:30", "Innledning", OWNER, KOLBEN_1),
            _item(
                "08:45",
                "Foredrag: Velferdsutviklingen – fra ytelse til effekt, samskaping med "
                "innbyggerne, digitalisering",
                SPEAKER,
                KOLBEN_1,
            ),
            _item(
                "10:15", "Foredrag: Morgendagens styring – hva må vi vektlegge?", SPEAKER, KOLBEN_1
            ),
            _item(
                None,
                "Torsdag 6. september: samling for arbeidsgruppene og utviklingsteamene",
                room=KOLBEN_2,
            ),
            _item("12:00", "Oppstart", PROJECT_STAFF, KOLBEN_2),
            _item("12:30", "Oppgave 1: refleksjon over foredragene", PROCESS_OWNERS, GROUP_ROOMS),
            _item(
                "13:15",
                "Oppgave 2a: Hva betyr kommuneplanen for oss? Hver enkelt markerer målene",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item("14:00", "Pause"),
            _item(
                "14:15",
                "Oppgave 2b: gruppen velger målene som er viktige for området, med begrunnelse "
                "(svaret sendes før dere går fra lokalet)",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item(
                "15:00",
                "Oppgave 3: oppsummering og diskusjon i arbeidsgruppen",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item(
                None,
                "Fredag 7. september: samling for arbeidsgruppene og utviklingsteamene",
                room=KOLBEN_2,
            ),
            _item(
                "08:30",
                "Innledning, fulgt av oppsummering i plenum fra hvert område",
                f"{OWNER}, og hver kommunalsjef/stabsleder",
                KOLBEN_2,
            ),
            _item(
                "09:30",
                "Oppgave 4: Vi gjør Nordre Follos mål til våre (ta pauser og matpakkelunsj ved "
                "behov)",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item(
                "13:00",
                "Paneldiskusjon med ledergruppen: «Vårt felles målbilde» (oppgave 5)",
                MODERATOR,
                KOLBEN_2,
            ),
            _item("14:15", "Oppsummering og veien videre", OWNER, KOLBEN_2),
        ],
    ),
    (
        2,
        "Samling 2: Vi jobber sammen!",
        oslo(2018, 10, 18, 8, 30),
        oslo(2018, 10, 18, 15, 30),
        [
            _item("08:30", "Velkommen", OWNER, KOLBEN_1),
            _item(
                "08:45",
                "Inspirasjonsforedrag for faggruppene, arbeidsgruppene og utviklingsteamene: "
                "«Hvordan skape morgendagens kommune? Digitalisering + byutvikling = sant?»",
                SPEAKER,
                KOLBEN_1,
            ),
            _item("10:00", "Inspirasjonsforedrag: «Lederskap og team»", SPEAKER, KOLBEN_1),
            _item(
                "11:30",
                "Samling for arbeidsgruppene: Nordre Follos verktøykasse (lederskap, "
                "medarbeidere, strategi og planlegging, partnerskap og ressurser, økonomi, "
                "teknologi, arbeidsform og prosesser, bygg og anlegg)",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item("14:45", "Oppsummering og veien videre til versjon 3", PROJECT_LEADER, KOLBEN_2),
        ],
    ),
    (
        3,
        "Samling 3: Organisering av virksomhetsområder og staber",
        oslo(2018, 11, 8, 9, 0),
        oslo(2018, 11, 8, 15, 0),
        [
            _item("09:00", "Velkommen: hensikten med samling 3", OWNER, KOLBEN_2),
            _item(
                "09:30",
                "Mal for innspill: organisering og ledernivå, ansvar, møteplasser, annet "
                "(maks 2 sider + organisasjonskart)",
                PROJECT_LEADER,
                KOLBEN_2,
            ),
            _item(
                "10:30",
                "Arbeidsgruppene ferdigstiller arbeidsboken for eget område",
                PROCESS_OWNERS,
                GROUP_ROOMS,
            ),
            _item("14:00", "Oppsummering og veien videre mot høringen", MODERATOR, KOLBEN_2),
        ],
    ),
]


async def _gatherings(loader: DemoLoader, pid) -> dict[int, Event]:
    """The three gatherings with their programmes; the tasks given at them are deadlines."""
    gatherings: dict[int, Event] = {}
    for number, title, starts_at, ends_at, agenda in GATHERINGS:
        gatherings[number], _ = await loader.ensure(
            "events",
            EventService(loader.session),
            Event,
            EventCreate(
                programme_id=pid,
                kind="gathering",
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                location="Kolben og rådhuset, Kolbotn",
                agenda=agenda,
                external_id=f"{PREFIX}:event:samling{number}",
            ),
            pid,
        )
    return gatherings


async def _deadlines(
    loader: DemoLoader,
    pid,
    people: dict[str, Person],
    projects: dict[str, Project],
    groups: dict[str, Group],
    gatherings: dict[int, Event],
) -> None:
    async def deadline(
        key: str,
        title: str,
        due,
        *,
        responsible: str | None = None,
        responsible_group: str | None = None,
        recipient: str,
        kind="submission",
        status="open",
        submitted_at=None,
        project: str | None = None,
        group: str | None = None,
        description: str | None = None,
        given_at: int | None = None,
    ):
        await loader.deadline(
            DeadlineCreate(
                programme_id=pid,
                project_id=projects[project].id if project else None,
                group_id=groups[group].id if group else None,
                title=title,
                description=description,
                due_at=due,
                responsible_person_id=people[responsible].id if responsible else None,
                responsible_group_id=groups[responsible_group].id if responsible_group else None,
                recipient_id=people[recipient].id,
                event_id=gatherings[given_at].id if given_at else None,
                kind=kind,
                status=status,
                submitted_at=submitted_at,
                external_id=f"{PREFIX}:deadline:{key}",
            )
        )

    # The workbook's deadline table (DEL 3: FRISTER), once for every area.
    for index, (key, _code, name, leader, note_taker) in enumerate(AREAS):
        minute = 5 * index
        await deadline(
            f"{key}:samling1-oppgave2b",
            "Svar på oppgave 2b (samling 1) og navn på gruppens kommunalsjef/stabsleder",
            oslo(2018, 9, 6, 15, 30),
            responsible=note_taker,
            recipient="medarbeider",
            project=key,
            status="submitted",
            submitted_at=oslo(2018, 9, 6, 15, minute),
            description="Før du går fra lokalet.",
            given_at=1,
        )
        waived = key == "personal"
        await deadline(
            f"{key}:samling1-ppt",
            f"Presentasjon med oppsummering av dagens arbeid (samling 1): {name}",
            oslo(2018, 9, 7, 8, 0),
            responsible=leader,
            recipient="prosjektleder",
            project=key,
            status="waived" if waived else "submitted",
            submitted_at=None if waived else oslo(2018, 9, 6, 21, minute),
            description=(
                "Oppsummeringen ble gitt muntlig i plenum."
                if waived
                else "Til plenumssamlingen fredag morgen."
            ),
            given_at=1,
        )
        late = key == "digital"
        await deadline(
            f"{key}:arbeidsbok-v2",
            f"Revidert arbeidsbok versjon 2 etter faggruppemøtene: {name}",
            oslo(2018, 10, 4, 12, 0),
            responsible=leader,
            recipient="prosjektleder",
            project=key,
            status="submitted",
            submitted_at=oslo(2018, 10, 8, 9, 40) if late else oslo(2018, 10, 3, 14, minute),
            description="Mellom samling 1 og 2." + (" Levert etter fristen." if late else ""),
            given_at=1,
        )
        missing = key == "kultur"
        await deadline(
            f"{key}:arbeidsbok-v3",
            f"Revidert arbeidsbok versjon 3 etter samling 2: {name}",
            oslo(2018, 11, 1, 12, 0),
            responsible=leader,
            recipient="prosjektleder",
            project=key,
            status="open" if missing else "submitted",
            submitted_at=None if missing else oslo(2018, 10, 31, 15, minute),
            description="Mellom samling 2 og 3.",
            given_at=2,
        )
        await deadline(
            f"{key}:innspill",
            f"Innspill til «Organisering av virksomhetsområder og staber» etter mal: {name}",
            oslo(2018, 11, 23, 12, 0),
            responsible=leader,
            recipient="prosjektleder",
            project=key,
            status="open" if missing else "submitted",
            submitted_at=None if missing else oslo(2018, 11, 22, 16, minute),
            description="Til prosjektleder med kopi til prosjekteier. Maks 2 sider + "
            "organisasjonskart: organisering og ledernivå, ansvar, møteplasser, annet.",
            given_at=3,
        )

    await deadline(
        "oppvekst:faggruppemote",
        "Faggruppemøte: innspill til revidert arbeidsbok",
        oslo(2018, 9, 27, 14, 0),
        responsible_group="fag",
        recipient="ks-oppvekst",
        kind="meeting",
        project="oppvekst",
        group="fag",
        status="submitted",
        submitted_at=oslo(2018, 9, 27, 15, 30),
    )
    await deadline(
        "horing",
        "Høringsuttalelser til «Organisering av virksomhetsområder og staber»",
        oslo(2018, 12, 5, 12, 0),
        responsible_group="drofting",
        recipient="prosjektleder",
        kind="hearing",
        group="drofting",
        status="submitted",
        submitted_at=oslo(2018, 12, 5, 10, 15),
    )
    await deadline(
        "beslutning",
        "Ledergruppen beslutter organisering og innplassering",
        oslo(2018, 12, 14, 12, 0),
        responsible="eier",
        recipient="prosjektleder",
        kind="decision",
        status="submitted",
        submitted_at=oslo(2018, 12, 14, 11, 0),
    )

    # Phase 5 of Oppvekst og utdanning: the follow-up of the new organisation.
    await deadline(
        "oppvekst:undersokelse",
        "Resultater fra medarbeiderundersøkelsen sammenstilt",
        oslo(2026, 10, 30, 12, 0),
        responsible="hr-oppvekst",
        recipient="ks-oppvekst",
        project="oppvekst",
    )
    await deadline(
        "oppvekst:evalueringsrapport",
        "Evalueringsrapport for Oppvekst og utdanning",
        oslo(2027, 3, 12, 12, 0),
        responsible_group="arbeid",
        recipient="eier",
        project="oppvekst",
        group="arbeid",
    )
    await deadline(
        "oppvekst:drofting-2027",
        "Drøftingsmøte med tillitsvalgte om justert organisering",
        oslo(2027, 4, 15, 9, 0),
        responsible="ks-oppvekst",
        recipient="htv-udf",
        kind="meeting",
        project="oppvekst",
    )
    await deadline(
        "oppvekst:beslutning-2027",
        "Styringsgruppen beslutter justert organisering",
        oslo(2027, 6, 10, 12, 0),
        responsible_group="styring",
        recipient="ks-oppvekst",
        kind="decision",
        project="oppvekst",
        group="styring",
    )


async def _involvements(
    loader: DemoLoader,
    pid,
    people: dict[str, Person],
    projects: dict[str, Project],
    groups: dict[str, Group],
) -> None:
    async def involvement(
        key: str,
        matter: str,
        stakeholder: str,
        form: str,
        on: date,
        *,
        participants: tuple[str, ...] = (),
        head_count: int | None = None,
        statements: str,
        outcome: str,
        project: str | None = None,
        group: str | None = None,
        documents: tuple[DocumentLink, ...] = (),
    ):
        await loader.involvement(
            InvolvementCreate(
                programme_id=pid,
                project_id=projects[project].id if project else None,
                group_id=groups[group].id if group else None,
                matter=matter,
                stakeholder_kind=stakeholder,
                form=form,
                occurred_on=on,
                participant_ids=[people[p].id for p in participants],
                head_count=head_count,
                statements=statements,
                outcome=outcome,
                documents=list(documents),
                external_id=f"{PREFIX}:involvement:{key}",
            )
        )

    await involvement(
        "oppvekst-informasjon",
        "Prosessen for organisering av Oppvekst og utdanning",
        "employees",
        "information",
        date(2018, 6, 12),
        head_count=140,
        project="oppvekst",
        statements="Spørsmål om hvem som blir leder, om arbeidssted endres, og hvordan ansatte "
        "kan gi innspill underveis.",
        outcome="Spørsmål og svar ble lagt på intranett; prosedyren for innplassering "
        "forklares på neste personalmøte.",
    )
    await involvement(
        "oppvekst-mandat-tv",
        "Mandat og arbeidsplan for Oppvekst og utdanning",
        "union_representatives",
        "consultation",
        date(2018, 8, 23),
        project="oppvekst",
        group="styring",
        participants=("htv-udf", "htv-ff", "ptv-oppvekst"),
        statements="Tillitsvalgte ba om å være med i utviklingsteamet og om at plasstillitsvalgte "
        "involveres i hver virksomhet.",
        outcome="Hovedtillitsvalgt fra Utdanningsforbundet ble med i utviklingsteamet; "
        "arbeidsplanen ble vedtatt 31. august.",
    )
    await involvement(
        "oppvekst-samling1",
        "Hva betyr kommuneplanens mål for Oppvekst og utdanning? (samling 1, oppgave 2)",
        "employees",
        "workshop",
        date(2018, 9, 6),
        project="oppvekst",
        group="arbeid",
        participants=(
            "rektor-ski",
            "rektor-opp",
            "styrer-opp",
            "ppt-ski",
            "ptv-oppvekst",
            "vo-oppvekst",
        ),
        statements="Gruppen valgte målene under «Trygg oppvekst» og «involverer brukere og "
        "innbyggere i utforming av tjenestene», og ønsket tettere samarbeid med helse.",
        outcome="Valgte mål med begrunnelse ført inn i arbeidsboken versjon 1.",
    )
    await involvement(
        "oppvekst-verneombud",
        "Endret arbeidssted for ansatte i PP-tjenesten",
        "safety_representatives",
        "participation",
        date(2018, 9, 20),
        project="oppvekst",
        group="arbeid",
        participants=("vo-oppvekst", "hvo"),
        statements="Vernetjenesten ba om en risikovurdering før ansatte flyttes.",
        outcome="Risikovurdering lagt inn som oppgave og gjennomført før høringen.",
    )
    await involvement(
        "innplassering-drofting",
        "Prosedyre for innplassering av ledere og nøkkelpersonell",
        "union_representatives",
        "consultation",
        date(2018, 10, 4),
        group="drofting",
        participants=("htv-ff", "htv-udf", "htv-fo", "htv-delta", "hvo"),
        statements="Ønsket tydelige kriterier og at ansatte kan ha med seg tillitsvalgt i "
        "samtaler om innplassering.",
        outcome="Prosedyren ble vedtatt i ledergruppen 15. oktober 2018 med presiseringene fra "
        "drøftingen.",
        documents=(DocumentLink(title="Prosedyre for innplassering av ledere og nøkkelpersoner"),),
    )
    await involvement(
        "trepart-verksted",
        "Tverrfaglig samarbeid og arbeidslag i ny kommune",
        "union_representatives",
        "workshop",
        date(2018, 10, 25),
        group="trepart",
        participants=(
            "pol-ski-1",
            "pol-opp-1",
            "pol-ski-2",
            "eier",
            "sl-personal",
            "ks-helse",
            "htv-ff",
            "htv-udf",
            "htv-fo",
        ),
        statements="Partene var enige om at arbeidslag på tvers av tjenester skal prøves ut, "
        "og at alle ansatte skal kunne melde inn forbedringsforslag.",
        outcome="Administrasjonen utarbeider kriterier for arbeidslag til neste møte i forumet.",
    )
    await involvement(
        "psu-orientering",
        "Prosedyre for innplassering av ledere og nøkkelpersonell",
        "elected_officials",
        "information",
        date(2018, 11, 20),
        head_count=11,
        statements="Ingen merknader.",
        outcome="Tatt til orientering i PSU.",
    )
    await involvement(
        "horing-organisering",
        "Høringsforslag «Organisering av virksomhetsområder og staber»",
        "union_representatives",
        "hearing",
        date(2018, 12, 5),
        group="drofting",
        participants=("htv-ff", "htv-udf", "htv-fo", "htv-delta"),
        statements="Støtter hovedtrekkene; ber om at møteplassene mellom oppvekst og helse "
        "beskrives tydeligere.",
        outcome="Møteplassene ble beskrevet nærmere før ledergruppens beslutning 14. desember.",
        documents=(DocumentLink(title="Høringsuttalelse fra hovedtillitsvalgte"),),
    )
    await involvement(
        "oppvekst-undersokelse-2026",
        "Evaluering av organiseringen av Oppvekst og utdanning",
        "employees",
        "survey",
        date(2026, 9, 30),
        head_count=612,
        project="oppvekst",
        statements="Svarprosent 71. Ansatte opplever tydeligere ledernivåer, men savner "
        "faste møteplasser på tvers av skole og barnehage.",
        outcome="Sammenstillingen skal inngå i evalueringsrapporten til styringsgruppen.",
    )
