import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, ConfigDict, Field

from samskap.kit.schemas import (
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    page_model,
    update_model,
)
from samskap.models.enums import PhaseStatus


class PhaseCreate(InputModel):
    """A phase of a project, with its activities and a checklist of expected results."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "position": 1,
                    "name": "Oppstart",
                    "activities": ["Styringsgruppen etableres, får mandat"],
                    "status": "active",
                    "starts_on": "2018-08-01",
                    "ends_on": "2018-09-30",
                    "expected_results": ["Mandat er utarbeidet"],
                }
            ]
        }
    )

    project_id: uuid.UUID
    position: int | None = Field(
        None, ge=1, le=1000, description="Order in the project; defaults to last"
    )
    name: Name
    description: LongText | None = None
    activities: list[LongText] = Field(default_factory=list, max_length=100)
    starts_on: date | None = None
    ends_on: date | None = None
    status: PhaseStatus = PhaseStatus.not_started
    external_id: ExternalId | None = None
    expected_results: list[LongText] = Field(
        default_factory=list,
        max_length=100,
        description="Texts of the expected results to create with the phase",
    )


PhaseUpdate = update_model(PhaseCreate, "PhaseUpdate", exclude={"project_id", "expected_results"})


class ExpectedResultCreate(InputModel):
    """An expected result of a phase: a line of its checklist."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": "Arbeidsplan er utarbeidet og vedtatt",
                    "done": True,
                    "done_by_id": "0193a0e4-7c1e-7000-8000-000000000003",
                }
            ]
        }
    )

    text: LongText = Field(min_length=1)
    position: int | None = Field(None, ge=1, le=1000)
    done: bool = False
    done_at: AwareDatetime | None = Field(None, description="Defaults to now when ticked")
    done_by_id: uuid.UUID | None = None
    waived: bool = Field(False, description="Not needed after all; needs waived_reason")
    waived_reason: LongText | None = None


ExpectedResultUpdate = update_model(ExpectedResultCreate, "ExpectedResultUpdate")


class ExpectedResultRead(RecordRead):
    phase_id: uuid.UUID
    position: int
    text: str
    done: bool
    done_at: datetime | None
    done_by_id: uuid.UUID | None
    waived: bool
    waived_reason: str | None


ExpectedResultPage = page_model(ExpectedResultRead, "ExpectedResultPage")


class PhaseRead(RecordRead):
    programme_id: uuid.UUID
    project_id: uuid.UUID
    position: int
    name: str
    description: str | None
    activities: list[str]
    starts_on: date | None
    ends_on: date | None
    status: PhaseStatus
    completed_at: datetime | None = Field(description="When the phase was completed")
    completed_by_id: uuid.UUID | None = Field(description="The user who completed it")
    external_id: str | None
    expected_results: list[ExpectedResultRead]


PhasePage = page_model(PhaseRead, "PhasePage")


class PhaseTemplateRead(InputModel):
    key: str
    name: str
    source: str
    phases: list["PhaseTemplatePhase"]


class PhaseTemplatePhase(InputModel):
    name: str
    description: str
    activities: list[str]
    expected_results: list[str]


PhaseTemplateRead.model_rebuild()
