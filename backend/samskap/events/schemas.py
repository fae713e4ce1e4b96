import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from samskap.involvements.schemas import DocumentLink
from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import Attendance, AttendanceReply, EventKind, Party

ClockTime = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class AgendaItem(InputModel):
    """One item of an event's programme (agenda)."""

    time: ClockTime | None = Field(None, description="HH:MM, Oslo time")
    title: Title = Field(description="What the item is about")
    responsible: Name | None = Field(
        None, description="Who leads the item, a name or a role, e.g. Kommunalsjef"
    )
    room: Name | None = Field(None, description="Where, if not the event's location")
    documents: list[DocumentLink] = Field(
        default_factory=list, max_length=20, description="Papers for the item"
    )


class Participant(InputModel):
    """A person invited to an event, and whether they came."""

    person_id: uuid.UUID = Field(description="The invited person, one of the programme's people")
    attendance: Attendance | None = Field(None, description="Unset until the meeting is held")


class PartyView(InputModel):
    """What one party said in a consultation."""

    party: Party = Field(description="The party whose view this is")
    view: LongText = Field(min_length=1, description="Their view, as recorded in the protocol")


class Protocol(InputModel):
    """The protocol of a consultation meeting (drøftingsprotokoll)."""

    matter: LongText = Field(min_length=1, description="What was consulted on")
    parties_present: list[Party] = Field(
        default_factory=list, max_length=4, description="The parties that took part"
    )
    agreed: bool | None = Field(None, description="Whether the parties agreed")
    views: list[PartyView] = Field(
        default_factory=list, max_length=10, description="Each party's view, where they differ"
    )
    signed_at: AwareDatetime | None = Field(None, description="When the protocol was signed")


class EventCreate(InputModel):
    """A gathering, meeting or consultation meeting of a group or of the programme."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "group_id": "0193a0e4-7c1e-7000-8000-000000000005",
                    "title": "Drøftingsmøte om ny organisering av oppvekst",
                    "kind": "consultation_meeting",
                    "starts_at": "2018-11-20T09:00:00+01:00",
                    "ends_at": "2018-11-20T11:00:00+01:00",
                    "location": "Rådhuset, møterom 2",
                    "agenda": [
                        {
                            "time": "09:00",
                            "title": "Forslag til organisering",
                            "responsible": "Kommunalsjef",
                        }
                    ],
                    "participants": [
                        {
                            "person_id": "0193a0e4-7c1e-7000-8000-000000000003",
                            "attendance": "present",
                        }
                    ],
                    "protocol": {
                        "matter": "Organisering av oppvekst",
                        "parties_present": ["administration", "employees"],
                        "agreed": True,
                        "signed_at": "2018-11-20T11:00:00+01:00",
                    },
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the event belongs to")
    group_id: uuid.UUID | None = Field(
        None, description="The group that meets, if any; its members can be invited"
    )
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    title: Title = Field(description="The event's title")
    kind: EventKind = Field(EventKind.meeting, description="What kind of event")
    starts_at: AwareDatetime = Field(description="When it starts, a time with its offset")
    ends_at: AwareDatetime = Field(description="When it ends; not before starts_at")
    location: Name | None = Field(None, description="Where it is held")
    agenda: list[AgendaItem] = Field(
        default_factory=list, max_length=50, description="The programme (agenda), in order"
    )
    participants: list[Participant] = Field(
        default_factory=list, max_length=500, description="Invited people and their attendance"
    )
    minutes: LongText | None = Field(None, description="The minutes (referat) of the event")
    protocol: Protocol | None = Field(None, description="Consultation meetings only")
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


EventUpdate = update_model(EventCreate, "EventUpdate", exclude={"programme_id"})


class ParticipantRead(BaseModel):
    """A person invited to an event, and whether they came."""

    model_config = ConfigDict(from_attributes=True)

    person_id: uuid.UUID = Field(description="The invited person")
    attendance: Attendance | None = Field(description="Null until recorded")
    reply: AttendanceReply | None = Field(
        description="The person's own answer before the meeting; null until they answer"
    )
    replied_at: datetime | None = Field(description="When they last answered")


class EventRead(RecordRead, describe_from=EventCreate):
    programme_id: uuid.UUID
    group_id: uuid.UUID | None
    project_id: uuid.UUID | None
    title: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    location: str | None
    agenda: list[AgendaItem]
    participants: list[ParticipantRead]
    minutes: str | None
    protocol: Protocol | None
    external_id: str | None


EventPage = page_model(EventRead, "EventPage")


class EventReply(InputModel):
    """An invited person's answer to the invitation: whether they will come."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"reply": "attending"}]})

    reply: AttendanceReply = Field(description="Whether you will come")


class AttendanceRow(BaseModel):
    """One member's attendance at the group's events."""

    person_id: uuid.UUID = Field(description="The person")
    name: str = Field(description="The person's name")
    invited: int = Field(description="How many of the group's events they were invited to")
    present: int = Field(description="How many they came to")
    absent: int = Field(description="How many they missed without notice")
    excused: int = Field(description="How many they sent apologies for (meldt forfall)")
    not_recorded: int = Field(description="How many have no attendance recorded yet")
