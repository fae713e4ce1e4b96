import uuid

from pydantic import ConfigDict, Field

from samskap.kit.schemas import InputModel, RecordRead, page_model, update_model
from samskap.models.enums import ProgrammeRole


class MembershipCreate(InputModel):
    """A user's role in the programme, and which person of the programme they are."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "0193a0e4-7c1e-7000-8000-000000000009",
                    "role": "member",
                    "person_id": "0193a0e4-7c1e-7000-8000-000000000003",
                }
            ]
        }
    )

    user_id: uuid.UUID = Field(description="The user account that gets the role")
    role: ProgrammeRole = Field(description="What the user may do in the programme")
    person_id: uuid.UUID | None = Field(
        None,
        description="Which of the programme's people the user is; their groups and projects "
        "then count as the user's own",
    )


MembershipUpdate = update_model(MembershipCreate, "MembershipUpdate", exclude={"user_id"})


class MembershipRead(RecordRead, describe_from=MembershipCreate):
    programme_id: uuid.UUID = Field(description="The programme the role is in")
    user_id: uuid.UUID
    role: ProgrammeRole
    person_id: uuid.UUID | None


MembershipPage = page_model(MembershipRead, "MembershipPage")
