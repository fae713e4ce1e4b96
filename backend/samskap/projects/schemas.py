import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, ConfigDict, Field

from samskap.kit.schemas import (
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

    programme_id: uuid.UUID
    code: Code = Field(description="The programme's own code, e.g. A1/2; unique in the programme")
    name: Name
    description: LongText | None = None
    category: ProjectCategory = ProjectCategory.administrative
    mandate_text: LongText | None = None
    mandate_status: MandateStatus = MandateStatus.draft
    mandate_approved_at: AwareDatetime | None = None
    mandate_approved_by_id: uuid.UUID | None = None
    mandate_decision_id: uuid.UUID | None = Field(
        None, description="The final decision that approved the mandate; needed to approve"
    )
    leader_id: uuid.UUID | None = None
    leader_allocation_percent: Percent | None = None
    owner_id: uuid.UUID | None = None
    status: ProjectStatus = ProjectStatus.planned
    health: Health = Health.on_track
    health_explanation: LongText | None = None
    concerns_nav: bool = Field(False, description="The project concerns NAV (a NAV office)")
    starts_on: date | None = None
    ends_on: date | None = None
    external_id: ExternalId | None = None
    phase_template: PhaseTemplateKey | None = Field(  # type: ignore[valid-type]
        None,
        description="Create the project's phases from this built-in template",
    )


ProjectUpdate = update_model(
    ProjectCreate, "ProjectUpdate", exclude={"programme_id", "phase_template"}
)


class ProjectRead(RecordRead):
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
