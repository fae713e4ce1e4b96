import uuid
from datetime import date, datetime

from pydantic import ConfigDict, Field

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
from samskap.models.enums import DecisionStatus


class DecisionCreate(InputModel):
    """A decision (vedtak) of a body such as the joint committee or a steering group."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "body_group_id": "0193a0e4-7c1e-7000-8000-000000000006",
                    "decided_on": "2018-12-14",
                    "case_number": "18/00123",
                    "title": "Organisering av virksomhetsområdene",
                    "text": "Fellesnemnda vedtar organiseringen av virksomhetsområdene.",
                    "legal_basis": "Inndelingslova § 26",
                    "reorganisation": True,
                    "consultation_event_id": "0193a0e4-7c1e-7000-8000-000000000007",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the decision belongs to")
    body_group_id: uuid.UUID | None = Field(None, description="The group that decided")
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    decided_on: date = Field(description="The day it was (or is to be) decided")
    case_number: str | None = Field(
        None,
        max_length=64,
        description="The case number (saksnummer) in the archive, e.g. 18/00123",
    )
    title: Title = Field(description="What was decided, in a line")
    text: LongText | None = Field(None, description="The text of the decision (vedtakstekst)")
    legal_basis: LongText | None = Field(None, description="The power the decision rests on")
    status: DecisionStatus = Field(DecisionStatus.draft, description="Whether it is taken")
    reorganisation: bool = Field(
        False,
        description="Changes how work is organised: needs consultation with union "
        "representatives before it is final",
    )
    consultation_event_id: uuid.UUID | None = Field(
        None, description="The consultation meeting (drøftingsmøte) on the matter"
    )
    override_reason: LongText | None = Field(
        None,
        description="Programme administrators only: why the decision is final without "
        "the consultation it needed",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


DecisionUpdate = update_model(DecisionCreate, "DecisionUpdate", exclude={"programme_id"})


class DecisionRead(RecordRead, describe_from=DecisionCreate):
    programme_id: uuid.UUID
    body_group_id: uuid.UUID | None
    project_id: uuid.UUID | None
    decided_on: date
    case_number: str | None
    title: str
    text: str | None
    legal_basis: str | None
    status: DecisionStatus
    reorganisation: bool
    consultation_event_id: uuid.UUID | None
    finalised_at: datetime | None = Field(description="When the decision became final")
    override_reason: str | None
    overridden_by_id: uuid.UUID | None = Field(
        description="The user who made it final without its consultation"
    )
    archived_at: datetime | None = Field(
        description="When the decision was archived; an archived decision no longer changes"
    )
    external_id: str | None


DecisionPage = page_model(DecisionRead, "DecisionPage")
