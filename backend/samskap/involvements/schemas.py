import uuid
from datetime import date, datetime

from pydantic import AnyHttpUrl, ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import InvolvementForm, StakeholderKind


class DocumentLink(InputModel):
    """A document the record refers to: a link, an archive reference, or both."""

    title: Name = Field(description="The document's title")
    url: AnyHttpUrl | None = Field(None, description="Where to read it (http or https)")
    reference: Name | None = Field(None, description="Archive reference, e.g. a case number")


class InvolvementCreate(InputModel):
    """A record that stakeholders were involved in a matter: who, how, when, what came of it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "matter": "Forslag til organisering av oppvekst",
                    "stakeholder_kind": "union_representatives",
                    "form": "consultation",
                    "occurred_on": "2018-10-11",
                    "head_count": 6,
                    "statements": "Ønsker tydeligere ledernivåer.",
                    "outcome": "Ledernivåene ble beskrevet i høringsforslaget.",
                    "documents": [{"title": "Referat drøftingsmøte", "reference": "18/01234-5"}],
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the record belongs to")
    project_id: uuid.UUID | None = Field(None, description="The project it concerns, if any")
    group_id: uuid.UUID | None = Field(
        None, description="The group through which they were involved, if any"
    )
    matter: LongText = Field(min_length=1, description="What was to be decided")
    stakeholder_kind: StakeholderKind = Field(description="Who was involved")
    form: InvolvementForm = Field(description="How they were involved")
    occurred_on: date = Field(description="The day it happened; not in the future")
    participant_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=500,
        description="Who took part, among the programme's people; give these or head_count",
    )
    head_count: int | None = Field(
        None,
        ge=0,
        le=1_000_000,
        description="How many took part, when they are not named (e.g. a survey's respondents)",
    )
    statements: LongText | None = Field(None, description="What the stakeholders said")
    outcome: LongText | None = Field(None, description="How it was used, what came of it")
    documents: list[DocumentLink] = Field(
        default_factory=list, max_length=50, description="Minutes, protocols and other papers"
    )
    decision_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=100,
        description="The decisions it came before and fed, among the programme's decisions",
    )
    event_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=100,
        description="The meetings and gatherings it concerns (a consultation meeting, a "
        "workshop), among the programme's events",
    )
    hearing_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=100,
        description="The hearings it concerns; a hearing response's own record names its "
        "hearing by itself",
    )
    submission_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=100,
        description="The submissions (innspill, arbeidsbok) it concerns",
    )
    goal_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=100, description="The goals it concerns"
    )
    idea_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=100,
        description="The improvement ideas (forbedringsforslag) it concerns",
    )
    planned_involvement_id: uuid.UUID | None = Field(
        None,
        description="The planned involvement of the project's involvement plan that this "
        "record fulfils: it becomes `done` and links this record. It must be of the same "
        "project, neither done nor cancelled (else 409). Only when creating; to link a record "
        "made earlier, set `involvement_id` on the planned involvement",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


InvolvementUpdate = update_model(
    InvolvementCreate, "InvolvementUpdate", exclude={"programme_id", "planned_involvement_id"}
)


class InvolvementRead(RecordRead, describe_from=InvolvementCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    matter: str
    stakeholder_kind: StakeholderKind
    form: InvolvementForm
    occurred_on: date
    participant_ids: list[uuid.UUID] = Field(
        description="Who took part, by person; empty for observers, who see participant_count"
    )
    participant_count: int = Field(description="How many named participants there are")
    head_count: int | None
    statements: str | None
    outcome: str | None
    documents: list[DocumentLink]
    decision_ids: list[uuid.UUID]
    event_ids: list[uuid.UUID]
    hearing_ids: list[uuid.UUID]
    submission_ids: list[uuid.UUID]
    goal_ids: list[uuid.UUID]
    idea_ids: list[uuid.UUID]
    archived_at: datetime | None = Field(
        description="When the record was archived; an archived record no longer changes"
    )
    external_id: str | None


InvolvementPage = page_model(InvolvementRead, "InvolvementPage")
