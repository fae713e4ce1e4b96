import uuid

from pydantic import ConfigDict

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

    user_id: uuid.UUID
    role: ProgrammeRole
    person_id: uuid.UUID | None = None


MembershipUpdate = update_model(MembershipCreate, "MembershipUpdate", exclude={"user_id"})


class MembershipRead(RecordRead):
    programme_id: uuid.UUID
    user_id: uuid.UUID
    role: ProgrammeRole
    person_id: uuid.UUID | None


MembershipPage = page_model(MembershipRead, "MembershipPage")
