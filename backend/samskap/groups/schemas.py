import uuid
from datetime import date

from pydantic import ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    MunicipalityNumber,
    Name,
    Percent,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import GroupKind, MandateStatus, MemberRole, Party


class GroupCreate(InputModel):
    """A group of the programme or of one of its projects: a board, a forum, a working group."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "kind": "project_board",
                    "name": "Prosjektstyre Oppvekst og utdanning",
                    "mandate_text": "Sikre at prosjektet gjennomføres innenfor gitt mandat.",
                    "mandate_status": "draft",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the group belongs to")
    project_id: uuid.UUID | None = Field(
        None, description="The project the group belongs to; none for a programme-wide group"
    )
    kind: GroupKind = Field(description="What the group is; its composition rules follow")
    name: Name = Field(description="The group's name, e.g. Prosjektstyre Oppvekst og utdanning")
    description: LongText | None = Field(None, description="What the group does")
    mandate_text: LongText | None = Field(
        None,
        description="The group's mandate (mandat); needed once the mandate is proposed",
    )
    mandate_status: MandateStatus = Field(
        MandateStatus.draft,
        description="How far the mandate has come; it goes draft → proposed → approved",
    )
    mandate_decision_id: uuid.UUID | None = Field(
        None, description="The final decision that approved the mandate; needed to approve"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


GroupUpdate = update_model(GroupCreate, "GroupUpdate", exclude={"programme_id"})


class GroupRead(RecordRead, describe_from=GroupCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    kind: GroupKind
    name: str
    description: str | None
    mandate_text: str | None
    mandate_status: MandateStatus
    mandate_decision_id: uuid.UUID | None
    external_id: str | None


GroupPage = page_model(GroupRead, "GroupPage")


class MemberCreate(InputModel):
    """A person's seat in a group: role, the party they sit for, their time."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "0193a0e4-7c1e-7000-8000-000000000003",
                    "role": "member",
                    "party": "employees",
                    "municipality_number": "0213",
                    "allocation_percent": 10,
                    "starts_on": "2017-10-01",
                }
            ]
        }
    )

    person_id: uuid.UUID = Field(description="Who holds the seat, one of the programme's people")
    role: MemberRole = Field(MemberRole.member, description="The member's role in the group")
    party: Party = Field(
        description="The side the member sits for; three-party forums and joint consultative "
        "committees are checked by it"
    )
    municipality_number: MunicipalityNumber | None = Field(
        None,
        description="The municipality the member represents (kommunenummer), one of the "
        "programme's; project boards need a leader from each",
    )
    allocation_percent: Percent | None = Field(
        None,
        description="How much of the member's working time the seat takes, in percent; no one "
        "should pass 100 across groups and projects",
    )
    starts_on: date | None = Field(None, description="The first day of the seat")
    ends_on: date | None = Field(
        None,
        description="The last day of the seat; a person may hold the same role again after it",
    )


MemberUpdate = update_model(MemberCreate, "MemberUpdate")


class MemberRead(RecordRead, describe_from=MemberCreate):
    programme_id: uuid.UUID = Field(description="The programme of the group")
    group_id: uuid.UUID = Field(description="The group the seat is in")
    person_id: uuid.UUID
    role: MemberRole
    party: Party
    municipality_number: str | None
    allocation_percent: int | None
    starts_on: date | None
    ends_on: date | None


MemberPage = page_model(MemberRead, "MemberPage")
