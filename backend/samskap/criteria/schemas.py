import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

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
from samskap.models.enums import CriterionFulfilment, CriterionPurpose, GroupKind


class GroupCriterionCreate(InputModel):
    """A criterion the programme sets for every group of one kind: for setting such a group
    up, or for evaluating its results (seed 001: criteria for work teams)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "group_kind": "work_team",
                    "purpose": "setup",
                    "title": "Laget har medlemmer fra minst to fagområder",
                    "sort_order": 1,
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme that sets the criterion")
    group_kind: GroupKind = Field(description="The kind of group it applies to")
    purpose: CriterionPurpose = Field(description="What the criterion is used for")
    title: Title = Field(description="What the criterion asks")
    description: LongText | None = Field(None, description="More about how to judge it")
    sort_order: int = Field(0, ge=0, le=100_000, description="Place in the list, lowest first")
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


GroupCriterionUpdate = update_model(
    GroupCriterionCreate, "GroupCriterionUpdate", exclude={"programme_id"}
)


class GroupCriterionRead(RecordRead, describe_from=GroupCriterionCreate):
    programme_id: uuid.UUID
    group_kind: GroupKind
    purpose: CriterionPurpose
    title: str
    description: str | None
    sort_order: int
    external_id: str | None


GroupCriterionPage = page_model(GroupCriterionRead, "GroupCriterionPage")


class CriterionAssessmentCreate(InputModel):
    """How a group meets one criterion of its kind, as assessed on a day. Assessments are
    kept; the latest per criterion counts."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "group_id": "0193a0e4-7c1e-7000-8000-000000000005",
                    "criterion_id": "0193a0e4-7c1e-7000-8000-000000000006",
                    "assessed_on": "2013-11-15",
                    "fulfilment": "partly_met",
                    "note": "Mangler representant fra helse.",
                }
            ]
        }
    )

    group_id: uuid.UUID = Field(description="The group assessed")
    criterion_id: uuid.UUID = Field(
        description="The criterion: one of the programme's criteria for the group's kind"
    )
    assessed_on: date = Field(description="The day of the assessment; not in the future")
    fulfilment: CriterionFulfilment = Field(description="How far the group meets it")
    note: LongText | None = Field(None, description="What the assessment rests on")
    assessed_by_id: uuid.UUID | None = Field(
        None, description="The person who assessed it, among the programme's people"
    )


CriterionAssessmentUpdate = update_model(
    CriterionAssessmentCreate,
    "CriterionAssessmentUpdate",
    exclude={"group_id", "criterion_id"},
)


class CriterionAssessmentRead(RecordRead, describe_from=CriterionAssessmentCreate):
    programme_id: uuid.UUID = Field(description="The programme of the group")
    group_id: uuid.UUID
    criterion_id: uuid.UUID
    assessed_on: date
    fulfilment: CriterionFulfilment
    note: str | None
    assessed_by_id: uuid.UUID | None


CriterionAssessmentPage = page_model(CriterionAssessmentRead, "CriterionAssessmentPage")


class CriterionStatus(BaseModel):
    """One criterion of the group's kind, with its latest assessment and all of them."""

    criterion: GroupCriterionRead = Field(description="The criterion")
    latest: CriterionAssessmentRead | None = Field(
        description="The assessment that counts: the one with the latest assessed_on (the "
        "last recorded on that day); null when never assessed"
    )
    history: list[CriterionAssessmentRead] = Field(
        description="Every assessment of the criterion for this group, newest first"
    )


class CriteriaSummary(BaseModel):
    """How many of the criteria the group meets, by its latest assessments."""

    total: int = Field(description="How many criteria there are for the group's kind")
    met: int = Field(description="How many are met")
    partly_met: int = Field(description="How many are partly met")
    not_met: int = Field(description="How many are not met")
    not_assessed: int = Field(description="How many have never been assessed")


class GroupCriteria(BaseModel):
    """A group measured against the criteria its programme sets for its kind."""

    group_id: uuid.UUID = Field(description="The group")
    group_kind: GroupKind = Field(description="The group's kind, which selects the criteria")
    criteria: list[CriterionStatus] = Field(
        description="Every criterion for the kind, setup before evaluation, by sort_order"
    )
    summary: CriteriaSummary = Field(description="Counts by latest fulfilment")
