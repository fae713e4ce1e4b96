import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, ConfigDict, Field

from samskap.kit.schemas import (
    EXTERNAL_ID,
    Code,
    ExternalId,
    InputModel,
    LongText,
    Name,
    Percent,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import Health, MandateStatus, ProjectCategory, ProjectStatus
from samskap.phases.templates import TEMPLATE_KEYS

PhaseTemplateKey = Literal[TEMPLATE_KEYS]  # type: ignore[valid-type]


class ProjectCreate(InputModel):
    """A project (delprosjekt) of a programme, with its mandate and leader."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "code": "A1/2",
                    "name": "Oppvekst og utdanning",
                    "category": "administrative",
                    "mandate_text": "Utarbeide forslag til organisering av oppvekst i ny kommune.",
                    "mandate_status": "draft",
                    "leader_allocation_percent": 80,
                    "status": "active",
                    "health": "on_track",
                    "starts_on": "2017-10-01",
                    "ends_on": "2019-12-31",
                    "phase_template": "reorganisation-five-phases",
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the project belongs to")
    code: Code = Field(description="The programme's own code, e.g. A1/2; unique in the programme")
    name: Name = Field(description="The project's name, e.g. Oppvekst og utdanning")
    description: LongText | None = Field(None, description="What the project is to achieve")
    category: ProjectCategory = Field(
        ProjectCategory.administrative, description="Political or administrative"
    )
    mandate_text: LongText | None = Field(
        None,
        description="The mandate (mandat): what the project is charged with; needed once "
        "the mandate is proposed",
    )
    mandate_status: MandateStatus = Field(
        MandateStatus.draft,
        description="How far the mandate has come; it goes draft → proposed → approved",
    )
    mandate_approved_at: AwareDatetime | None = Field(
        None,
        description="When the mandate was approved; set to the moment of approval when left "
        "out, cleared when the mandate is no longer approved",
    )
    mandate_approved_by_id: uuid.UUID | None = Field(
        None, description="The person (in the programme's people) who approved the mandate"
    )
    mandate_decision_id: uuid.UUID | None = Field(
        None, description="The final decision that approved the mandate; needed to approve"
    )
    leader_id: uuid.UUID | None = Field(
        None, description="The project leader (prosjektleder), one of the programme's people"
    )
    leader_allocation_percent: Percent | None = Field(
        None,
        description="How much of the leader's working time goes to the project, in percent; "
        "seed 003 asks for 60–100. Needs a leader",
    )
    owner_id: uuid.UUID | None = Field(
        None, description="The project owner (prosjekteier), one of the programme's people"
    )
    status: ProjectStatus = Field(ProjectStatus.planned, description="Where the project stands")
    health: Health = Field(Health.on_track, description="How the project is going")
    health_explanation: LongText | None = Field(
        None, description="Why the project is at risk or off track; needed unless on track"
    )
    concerns_nav: bool = Field(
        False,
        description="The project concerns NAV (a NAV office), so NAV belongs on its board",
    )
    starts_on: date | None = Field(None, description="The day the project starts")
    ends_on: date | None = Field(
        None, description="The day the project is to end; not before starts_on"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)
    phase_template: PhaseTemplateKey | None = Field(
        None,
        description="Create the project's phases from this built-in template",
    )


ProjectUpdate = update_model(
    ProjectCreate, "ProjectUpdate", exclude={"programme_id", "phase_template"}
)


class ProjectRead(RecordRead, describe_from=ProjectCreate):
    programme_id: uuid.UUID
    code: str
    name: str
    description: str | None
    category: ProjectCategory
    mandate_text: str | None
    mandate_status: MandateStatus
    mandate_approved_at: datetime | None
    mandate_approved_by_id: uuid.UUID | None
    mandate_decision_id: uuid.UUID | None
    leader_id: uuid.UUID | None
    leader_allocation_percent: int | None
    owner_id: uuid.UUID | None
    status: ProjectStatus
    health: Health
    health_explanation: str | None
    concerns_nav: bool
    starts_on: date | None
    ends_on: date | None
    external_id: str | None


ProjectPage = page_model(ProjectRead, "ProjectPage")
