"""Governance in the Nordre Follo demo: a consultation meeting with a signed protocol and the
decision it allowed, and what the compliance page should find to fix: a project board without
a union representative and a reorganisation decision whose consultation is missing."""

from sqlalchemy import select

from samskap.decisions.schemas import DecisionCreate
from samskap.demo.loader import DemoLoader, Seat, oslo
from samskap.events.schemas import EventCreate
from samskap.events.service import EventService
from samskap.groups.schemas import GroupCreate
from samskap.models import Event, Group, Person, Programme, Project

PREFIX = "demo:nf"
SKI, OPPEGARD = "0213", "0217"


async def build(loader: DemoLoader) -> dict[str, int]:
    session = loader.session
    created = {"events": 0}
    programme = await session.scalar(
        select(Programme).where(Programme.external_id == f"{PREFIX}:programme")
    )

    async def one(model, key: str):
        return await session.scalar(
            select(model).where(
                model.programme_id == programme.id, model.external_id == f"{PREFIX}:{key}"
            )
        )

    people = {
        key: await one(Person, f"person:{key}")
        for key in ("ks-helse", "sl-personal", "htv-udf", "eier", "hvo")
    }
    helse = await one(Project, "project:helse")
    oppvekst = await one(Project, "project:oppvekst")
    committee = await one(Group, "group:fellesnemnd")
    forum = await one(Group, "group:droftingsforum")

    # A board set up without a union representative: the compliance page flags it.
    board = await loader.group(
        GroupCreate(
            programme_id=programme.id,
            project_id=helse.id,
            kind="project_board",
            name="Prosjektstyre Helse og velferd",
            mandate_text="Sikre at prosjektet gjennomføres innenfor gitt mandat.",
            external_id=f"{PREFIX}:group:styre-helse",
        )
    )
    await loader.members(
        board,
        people,
        [
            Seat("ks-helse", "administration", "chair", SKI),
            Seat("sl-personal", "administration", "member", OPPEGARD),
            Seat("hvo", "employees", "member", SKI),
        ],
    )

    meeting = await one(Event, "event:drofting-oppvekst")
    if meeting is None:
        meeting = await EventService(session).create(
            EventCreate(
                programme_id=programme.id,
                group_id=forum.id,
                project_id=oppvekst.id,
                kind="consultation_meeting",
                title="Drøftingsmøte: organisering av Oppvekst og utdanning",
                starts_at=oslo(2018, 11, 20, 9),
                ends_at=oslo(2018, 11, 20, 11),
                location="Ski rådhus, møterom Follo",
                agenda=[
                    {
                        "time": "09:00",
                        "title": "Høringsforslaget for Oppvekst og utdanning",
                        "responsible": "Kommunalsjef oppvekst",
                    },
                    {
                        "time": "10:15",
                        "title": "Innplassering av virksomhetsledere",
                        "responsible": "Stabsleder organisasjon og personal",
                    },
                ],
                participants=[
                    {"person_id": people["htv-udf"].id, "attendance": "present"},
                    {"person_id": people["eier"].id, "attendance": "present"},
                    {"person_id": people["hvo"].id, "attendance": "excused"},
                ],
                protocol={
                    "matter": "Organisering av Oppvekst og utdanning i Nordre Follo",
                    "parties_present": ["administration", "employees"],
                    "agreed": True,
                    "views": [
                        {
                            "party": "employees",
                            "view": "Enige i ledernivåene; ber om tydelig plan for innplassering.",
                        }
                    ],
                    "signed_at": oslo(2018, 11, 20, 11),
                },
                external_id=f"{PREFIX}:event:drofting-oppvekst",
            )
        )
        created["events"] += 1

    decisions = [
        DecisionCreate(
            programme_id=programme.id,
            body_group_id=committee.id,
            project_id=oppvekst.id,
            decided_on="2018-12-14",
            case_number="18/00231",
            title="Organisering av virksomhetsområdet Oppvekst og utdanning",
            text="Fellesnemnda vedtar organiseringen av Oppvekst og utdanning slik "
            "høringsforslaget beskriver.",
            legal_basis="Inndelingslova § 26",
            reorganisation=True,
            status="final",
            consultation_event_id=meeting.id,
            external_id=f"{PREFIX}:decision:oppvekst",
        ),
        # Drafted before anyone consulted the union representatives: the compliance page
        # names what is missing, and the decision cannot be made final until it is there.
        DecisionCreate(
            programme_id=programme.id,
            body_group_id=committee.id,
            project_id=helse.id,
            decided_on="2018-12-14",
            case_number="18/00232",
            title="Ny organisering av hjemmetjenestene i Helse og velferd",
            text="Hjemmetjenestene i Ski og Oppegård slås sammen til én enhet med to soner.",
            legal_basis="Inndelingslova § 26",
            reorganisation=True,
            external_id=f"{PREFIX}:decision:hjemmetjenester",
        ),
    ]
    for data in decisions:
        await loader.decision(data)
    # The decisions made by the whole demo, those approving mandates included.
    return created | {"decisions": loader.decisions}
