import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from samskap.involvements.schemas import DocumentLink
from samskap.kit.schemas import (
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import Attendance, EventKind, Party

ClockTime = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class AgendaItem(InputModel):
    time: ClockTime | None = Field(None, description="HH:MM, Oslo time")
    title: Title
    responsible: Name | None = None
    room: Name | None = None
    documents: list[DocumentLink] = Field(default_factory=list, max_length=20)


class Participant(InputModel):
    person_id: uuid.UUID
    attendance: Attendance | None = Field(None, description="Unset until the meeting is held")


class PartyView(InputModel):
    party: Party
    view: LongText = Field(min_length=1)


class Protocol(InputModel):
    """The protocol of a consultation meeting (drøftingsprotokoll)."""

    matter: LongText = Field(min_length=1, description="What was consulted on")
    parties_present: list[Party] = Field(default_factory=list, max_length=4)
    agreed: bool | None = Field(None, description="Whether the parties agreed")
    views: list[PartyView] = Field(default_factory=list, max_length=10)
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

    programme_id: uuid.UUID
    group_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    title: Title
    kind: EventKind = EventKind.meeting
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    location: Name | None = None
    agenda: list[AgendaItem] = Field(default_factory=list, max_length=50)
    participants: list[Participant] = Field(
        default_factory=list, max_length=500, description="Invited people and their attendance"
    )
    minutes: LongText | None = None
    protocol: Protocol | None = Field(None, description="Consultation meetings only")
    external_id: ExternalId | None = None


EventUpdate = update_model(EventCreate, "EventUpdate", exclude={"programme_id"})


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    person_id: uuid.UUID
    attendance: Attendance | None


class EventRead(RecordRead):
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


class AttendanceRow(BaseModel):
    person_id: uuid.UUID
    name: str
    invited: int
    present: int
    absent: int
    excused: int
    not_recorded: int
