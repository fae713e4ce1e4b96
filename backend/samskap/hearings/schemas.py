import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import HearingHandling, HearingParty, HearingStatus


class InviteeInput(InputModel):
    """A party invited to the hearing: a group, a person, or a party named in text."""

    party: HearingParty = Field(description="What kind of party it is")
    name: Title | None = Field(
        None,
        description="The party's name, e.g. Fagforbundet; required unless a group or "
        "person is given",
    )
    group_id: uuid.UUID | None = Field(None, description="The group invited, if a group")
    person_id: uuid.UUID | None = Field(None, description="The person invited, if a person")


class InviteeRead(BaseModel):
    """An invited party, with the id a response names in `invitee_id`."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The invitee's id")
    party: HearingParty = Field(description="What kind of party it is")
    name: str | None = Field(description="The party's name as given")
    group_id: uuid.UUID | None = Field(description="The group invited, if any")
    person_id: uuid.UUID | None = Field(description="The person invited, if any")


class HearingCreate(InputModel):
    """A hearing (høring) of a document or a submission version."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Høring: Overordnet organisering",
                    "matter": "Valg av organisasjonsmodell",
                    "concerns_employees": True,
                    "letter": "Forslaget sendes på høring til tillitsvalgte og PSU.",
                    "deadline_at": "2018-11-30T12:00:00+01:00",
                    "invitees": [
                        {"party": "union_representatives", "name": "Hovedtillitsvalgte"},
                        {"party": "joint_consultative_committee", "name": "PSU"},
                    ],
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the hearing belongs to")
    title: Title = Field(description="The hearing's title")
    matter: LongText | None = Field(None, description="What is heard")
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    concerns_employees: bool = Field(
        False,
        description="The matter concerns employees (Hovedavtalen del B): the union "
        "representatives and the joint consultative committee must then be invited",
    )
    document_id: uuid.UUID | None = Field(
        None, description="The document heard, from the document register"
    )
    submission_version_id: uuid.UUID | None = Field(
        None, description="The submission version heard, instead of a document"
    )
    letter: LongText | None = Field(None, description="The text of the hearing letter")
    letter_document_id: uuid.UUID | None = Field(
        None, description="The hearing letter in the document register, if kept there"
    )
    opens_on: date | None = Field(None, description="The day the hearing opens")
    deadline_at: AwareDatetime = Field(
        description="When responses are due, with its offset, e.g. 2018-11-30T12:00:00+01:00"
    )
    invitees: list[InviteeInput] = Field(
        default_factory=list, max_length=200, description="The parties invited, in order"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


HearingUpdate = update_model(HearingCreate, "HearingUpdate", exclude={"programme_id"})


class HearingRead(RecordRead, describe_from=HearingCreate):
    programme_id: uuid.UUID
    title: str
    matter: str | None
    project_id: uuid.UUID | None
    concerns_employees: bool
    document_id: uuid.UUID | None
    submission_version_id: uuid.UUID | None
    letter: str | None
    letter_document_id: uuid.UUID | None
    opens_on: date | None
    deadline_at: datetime
    invitees: list[InviteeRead]
    status: HearingStatus = Field(
        description="Where the hearing stands; see the open and close actions"
    )
    closed_at: datetime | None = Field(description="When it was closed")
    external_id: str | None


HearingPage = page_model(HearingRead, "HearingPage")


class HearingResponseCreate(InputModel):
    """A response to a hearing (høringsuttalelse)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "hearing_id": "0193a0e4-7c1e-7000-8000-000000000005",
                    "from_name": "Kari Nordmann",
                    "on_behalf_of": "Fagforbundet",
                    "text": "Vi støtter modellen, men ønsker færre ledernivåer.",
                    "received_at": "2018-11-28T10:00:00+01:00",
                }
            ]
        }
    )

    hearing_id: uuid.UUID = Field(description="The hearing responded to (open or closed)")
    from_name: Title = Field(description="Who wrote the response")
    from_person_id: uuid.UUID | None = Field(
        None, description="Who wrote it, among the programme's people"
    )
    on_behalf_of: Title | None = Field(
        None, description="The party it speaks for; defaults to the invitee's name"
    )
    invitee_id: uuid.UUID | None = Field(
        None, description="The invited party it answers for, among the hearing's invitees"
    )
    text: LongText = Field(min_length=1, description="What the response says")
    file_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=20, description="Attachments, among the programme's files"
    )
    received_at: AwareDatetime = Field(
        description="When it came in; not in the future. After the hearing's deadline it is "
        "taken, and marked late"
    )
    handling: HearingHandling | None = Field(
        None, description="How it was followed up; null until handled"
    )
    handling_comment: LongText | None = Field(None, description="Why, and what came of it")


HearingResponseUpdate = update_model(
    HearingResponseCreate, "HearingResponseUpdate", exclude={"hearing_id"}
)


class HearingResponseRead(RecordRead, describe_from=HearingResponseCreate):
    programme_id: uuid.UUID = Field(description="The programme of the hearing")
    hearing_id: uuid.UUID
    from_name: str
    from_person_id: uuid.UUID | None
    on_behalf_of: str | None
    invitee_id: uuid.UUID | None
    text: str
    file_ids: list[uuid.UUID]
    received_at: datetime
    late: bool = Field(description="Received after the hearing's deadline")
    handling: HearingHandling | None
    handling_comment: str | None
    involvement_id: uuid.UUID | None = Field(
        description="The involvement record (form `hearing`) that mirrors the response"
    )


HearingResponsePage = page_model(HearingResponseRead, "HearingResponsePage")


class SummaryResponse(BaseModel):
    """One response in the summary."""

    id: uuid.UUID = Field(description="The response's id")
    from_name: str = Field(description="Who wrote it")
    text: str = Field(description="What it says")
    received_at: datetime = Field(description="When it came in")
    late: bool = Field(description="Received after the deadline")
    handling: HearingHandling | None = Field(description="How it was handled; null if not yet")
    handling_comment: str | None = Field(description="The comment on its handling")


class SummaryParty(BaseModel):
    """The responses given on behalf of one party."""

    party: str = Field(description="The party: on_behalf_of, else the writer's name")
    invited: bool = Field(description="The party was among the hearing's invitees")
    responses: list[SummaryResponse] = Field(description="Its responses, by time received")


class HearingSummary(BaseModel):
    """The summary of a hearing (sammenstilling av høringsuttalelser)."""

    hearing_id: uuid.UUID = Field(description="The hearing's id")
    title: str = Field(description="The hearing's title")
    matter: str | None = Field(description="What is heard")
    status: HearingStatus = Field(description="Where the hearing stands")
    deadline_at: datetime = Field(description="When responses were due")
    parties: list[SummaryParty] = Field(description="The responses per party, by party")
    silent_invitees: list[str] = Field(
        description="Invited parties that have not responded, by name"
    )
    handling_counts: dict[str, int] = Field(
        description="How many responses were handled each way: accepted, partly_accepted, "
        "not_accepted, and unhandled"
    )
    total: int = Field(description="How many responses there are")
