"""Nordre Follo's hearing of the organisation proposal (seed 002, «Vil du vite mer?»):
«Høringsbrev: Overordnet organisering. Valg av organisasjonsmodell», heard on the
«Høringsdokument» of the same name, with responses from the chief union representatives and
from the consultation forum («Uttalelse fra Drøftingsforum»), each handled, as the
«Sammenstilling av høringsuttalelser» and «Oppsummering høringsinnspill» notes record.

The seed names the documents, not their dates or wording: the dates (spring 2018, before the
orientation to PSU and the joint committee in August) and the texts of the responses and
their handling are invented. The hearing invites the chief union representatives, the
consultation forum and PSU, as a matter that concerns employees must (Hovedavtalen del B).
"""

from datetime import date

from sqlalchemy import select

from samskap.demo.loader import DemoLoader, oslo
from samskap.hearings.schemas import (
    HearingCreate,
    HearingResponseCreate,
    HearingResponseUpdate,
    InviteeInput,
)
from samskap.hearings.service import HearingResponseService, HearingService
from samskap.kit.etag import etag
from samskap.models import Document, Group, Hearing, Person, Programme

PREFIX = "demo:nf"
TITLE = "Høringsbrev: Overordnet organisering. Valg av organisasjonsmodell"
LETTER = (
    "Rådmennene i Ski og Oppegård sender forslaget til overordnet organisering av Nordre "
    "Follo kommune, med valg av organisasjonsmodell, på høring. Forslaget beskriver "
    "tjenesteområdene, stabene og ledernivåene i den nye kommunen. Vi ber særlig om "
    "synspunkter på antall ledernivåer og på hvordan de ansatte skal involveres i den videre "
    "organiseringen av virksomhetsområdene høsten 2018."
)

# (person key, party: invitee index, text, handling, comment)
RESPONSES = [
    (
        "htv-ff",
        "Fagforbundet",
        0,
        "Fagforbundet støtter modellen med tjenesteområder, men ber om at antall ledernivåer "
        "holdes lavt og at de ansatte i hvert virksomhetsområde får delta i arbeidsgruppene "
        "høsten 2018.",
        "partly_accepted",
        "Ledernivåene beskrives i arbeidsboken; hovedtillitsvalgte deltar i utviklingsteamene. "
        "Antall nivåer avgjøres ved innplasseringen i desember.",
    ),
    (
        "htv-udf",
        "Utdanningsforbundet",
        0,
        "Utdanningsforbundet ber om at skole og barnehage samles i ett tjenesteområde for "
        "oppvekst og utdanning, med rektorer og styrere som egne ledernivå.",
        "accepted",
        "Oppvekst og utdanning er ett tjenesteområde i den vedtatte modellen.",
    ),
    (
        None,
        "Drøftingsforum Nordre Follo",
        1,
        "Drøftingsforum slutter seg til valget av organisasjonsmodell, men ber om at "
        "stabsfunksjonene utredes med alternative modeller før de besluttes.",
        "accepted",
        "Alternative modeller for organisering av stabsfunksjoner ble lagt frem som egen "
        "presentasjon.",
    ),
]


async def build(loader: DemoLoader, programme: Programme, groups: dict[str, Group]) -> None:
    session = loader.session
    documents = {
        d.external_id: d
        for d in await session.scalars(
            select(Document).where(
                Document.programme_id == programme.id,
                Document.external_id.in_(
                    [f"{PREFIX}:document:horingsbrev", f"{PREFIX}:document:horingsdokument"]
                ),
            )
        )
    }
    letter = documents.get(f"{PREFIX}:document:horingsbrev")
    heard = documents.get(f"{PREFIX}:document:horingsdokument")
    forum = groups["drofting"]
    service = HearingService(session)
    hearing, created = await loader.ensure(
        "hearings",
        service,
        Hearing,
        HearingCreate(
            programme_id=programme.id,
            title=TITLE,
            matter="Valg av organisasjonsmodell for Nordre Follo kommune: tjenesteområder, "
            "staber og ledernivåer",
            concerns_employees=True,
            document_id=heard.id if heard else None,
            letter=LETTER,
            letter_document_id=letter.id if letter else None,
            opens_on=date(2018, 4, 9),
            deadline_at=oslo(2018, 5, 4, 12),
            invitees=[
                InviteeInput(party="union_representatives", name="Hovedtillitsvalgte"),
                InviteeInput(party="group", group_id=forum.id),
                InviteeInput(party="joint_consultative_committee", name="PSU Nordre Follo"),
            ],
            external_id=f"{PREFIX}:hearing:overordnet-organisering",
        ),
        programme.id,
    )
    if not created:
        return
    hearing = await service.open(hearing, etag(hearing.version))
    people = {
        p.external_id: p
        for p in await session.scalars(
            select(Person).where(
                Person.programme_id == programme.id,
                Person.external_id.in_([f"{PREFIX}:person:{key}" for key, *_ in RESPONSES if key]),
            )
        )
    }
    responses = HearingResponseService(session)
    for n, (key, party, invitee, text, handling, comment) in enumerate(RESPONSES):
        person = people.get(f"{PREFIX}:person:{key}") if key else None
        response = await responses.create(
            HearingResponseCreate(
                hearing_id=hearing.id,
                from_name=person.name if person else party,
                from_person_id=person.id if person else None,
                on_behalf_of=party,
                invitee_id=hearing.invitees[invitee].id,
                text=text,
                received_at=oslo(2018, 5, 2 + n, 10),
            )
        )
        # Each response is mirrored by an involvement record of form `hearing`.
        loader.created["hearing_responses"] += 1
        loader.created["involvements"] += 1
        await responses.update(
            response,
            HearingResponseUpdate(handling=handling, handling_comment=comment),
            etag(response.version),
        )
    hearing = await service.get(hearing.id)
    await service.close(hearing, etag(hearing.version))
