import uuid
from datetime import date

from pydantic import ConfigDict, Field

from samskap.kit.schemas import (
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

    programme_id: uuid.UUID
    project_id: uuid.UUID | None = None
    kind: GroupKind
    name: Name
    description: LongText | None = None
    mandate_text: LongText | None = None
    mandate_status: MandateStatus = MandateStatus.draft
    mandate_decision_id: uuid.UUID | None = Field(
        None, description="The final decision that approved the mandate; needed to approve"
    )
    external_id: ExternalId | None = None


GroupUpdate = update_model(GroupCreate, "GroupUpdate", exclude={"programme_id"})


class GroupRead(RecordRead):
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

    person_id: uuid.UUID
    role: MemberRole = MemberRole.member
    party: Party
    municipality_number: MunicipalityNumber | None = None
    allocation_percent: Percent | None = None
    starts_on: date | None = None
    ends_on: date | None = None


MemberUpdate = update_model(MemberCreate, "MemberUpdate")


class MemberRead(RecordRead):
    programme_id: uuid.UUID
    group_id: uuid.UUID
    person_id: uuid.UUID
    role: MemberRole
    party: Party
    municipality_number: str | None
    allocation_percent: int | None
    starts_on: date | None
    ends_on: date | None


MemberPage = page_model(MemberRead, "MemberPage")
