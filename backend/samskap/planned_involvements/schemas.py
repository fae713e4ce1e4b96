import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from samskap.involvements.schemas import InvolvementRead
from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import InvolvementForm, PlannedInvolvementStatus, StakeholderKind


class PlannedInvolvementCreate(InputModel):
    """One entry of a project's involvement plan (seed 000): which stakeholders are to be
    involved, how, when, about what, who is responsible, and the decision it must come before."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "stakeholder_kind": "union_representatives",
                    "form": "consultation",
                    "planned_on": "2018-10-11",
                    "matter": "Drøfting av forslag til organisering av oppvekst",
                    "responsible_person_id": "0193a0e4-7c1e-7000-8000-000000000003",
                    "decision_id": "0193a0e4-7c1e-7000-8000-000000000006",
                }
            ]
        }
    )

    project_id: uuid.UUID = Field(description="The project whose plan it belongs to")
    stakeholder_kind: StakeholderKind = Field(description="Who is to be involved")
    form: InvolvementForm = Field(description="How they are to be involved")
    planned_on: date = Field(description="The day it is planned for (YYYY-MM-DD)")
    matter: LongText = Field(min_length=1, description="What they are to be involved in")
    responsible_person_id: uuid.UUID | None = Field(
        None, description="Who answers for it being held, one of the programme's people"
    )
    decision_id: uuid.UUID | None = Field(
        None,
        description="The decision it must come before, a decision of the same programme; the "
        "compliance report flags a reorganisation decision taken before it happened",
    )
    status: PlannedInvolvementStatus = Field(
        PlannedInvolvementStatus.planned,
        description="planned or cancelled (cancelling needs `cancelled_reason`); it becomes "
        "`done` when an involvement record fulfils it (`involvement_id`), and `done` cannot be "
        "set otherwise",
    )
    cancelled_reason: LongText | None = Field(
        None, description="Why it was cancelled; required when the status is cancelled"
    )
    involvement_id: uuid.UUID | None = Field(
        None,
        description="The involvement record that fulfils it, of the same project: the status "
        "becomes `done`. One already fulfilling another planned involvement answers 409; "
        "clearing it (null) makes a done entry planned again. An involvement can also fulfil "
        "it when it is recorded (`planned_involvement_id` on the involvement)",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


PlannedInvolvementUpdate = update_model(
    PlannedInvolvementCreate, "PlannedInvolvementUpdate", exclude={"project_id"}
)


class PlannedInvolvementRead(RecordRead, describe_from=PlannedInvolvementCreate):
    programme_id: uuid.UUID = Field(description="The programme of the project")
    project_id: uuid.UUID
    stakeholder_kind: StakeholderKind
    form: InvolvementForm
    planned_on: date
    matter: str
    responsible_person_id: uuid.UUID | None
    decision_id: uuid.UUID | None
    status: PlannedInvolvementStatus
    cancelled_reason: str | None
    involvement_id: uuid.UUID | None
    overdue: bool = Field(
        description="Still planned and its day has passed (before today in Oslo); computed "
        "at the time of reading"
    )
    external_id: str | None


PlannedInvolvementPage = page_model(PlannedInvolvementRead, "PlannedInvolvementPage")


class PlanEntry(BaseModel):
    """A planned involvement and what came of it."""

    planned: PlannedInvolvementRead = Field(description="The planned involvement")
    involvement: InvolvementRead | None = Field(
        description="The involvement record that fulfilled it; null unless done"
    )
    happened_on: date | None = Field(
        description="When it happened (the record's occurred_on); null unless done"
    )
    late_by_days: int | None = Field(
        description="How many days after planned_on it happened; null when on time or not done"
    )


class InvolvementPlan(BaseModel):
    """A project's involvement plan against what happened."""

    project_id: uuid.UUID = Field(description="The project's id")
    as_of: date = Field(description="Today in Oslo, the day `overdue` is judged on")
    entries: list[PlanEntry] = Field(
        description="Every planned involvement of the project, by planned_on, with the record "
        "that fulfilled it"
    )
    unplanned: list[InvolvementRead] = Field(
        description="The project's involvement records (not archived) that fulfil no planned "
        "involvement, oldest first"
    )
    counts: dict[str, int] = Field(
        description="How many entries are planned, done, cancelled and overdue, and how many "
        "records were unplanned (keys: planned, done, cancelled, overdue, unplanned)"
    )
    generated_at: datetime = Field(description="When the answer was computed")
