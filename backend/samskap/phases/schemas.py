import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, ConfigDict, Field

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

    project_id: uuid.UUID = Field(description="The project the phase belongs to")
    position: int | None = Field(
        None, ge=1, le=1000, description="Order in the project; defaults to last"
    )
    name: Name = Field(description="The phase's name, e.g. Oppstart")
    description: LongText | None = Field(None, description="What the phase is about")
    activities: list[LongText] = Field(
        default_factory=list,
        max_length=100,
        description="What is done in the phase (aktiviteter), one text each",
    )
    starts_on: date | None = Field(None, description="The day the phase starts")
    ends_on: date | None = Field(None, description="The day the phase is to end")
    status: PhaseStatus = Field(
        PhaseStatus.not_started,
        description="Where the phase stands; `completed` only once every expected result is "
        "done or waived",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)
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

    text: LongText = Field(min_length=1, description="What the phase is to have brought about")
    position: int | None = Field(
        None, ge=1, le=1000, description="Order in the checklist; defaults to last"
    )
    done: bool = Field(False, description="Ticked off: the result is met")
    done_at: AwareDatetime | None = Field(
        None, description="When it was met; defaults to now when ticked, not in the future"
    )
    done_by_id: uuid.UUID | None = Field(
        None, description="The person (one of the programme's people) who met it"
    )
    waived: bool = Field(False, description="Not needed after all; needs waived_reason")
    waived_reason: LongText | None = Field(None, description="Why the result is not needed")


ExpectedResultUpdate = update_model(ExpectedResultCreate, "ExpectedResultUpdate")


class ExpectedResultRead(RecordRead, describe_from=ExpectedResultCreate):
    phase_id: uuid.UUID = Field(description="The phase whose checklist this is on")
    position: int
    text: str
    done: bool
    done_at: datetime | None
    done_by_id: uuid.UUID | None
    waived: bool
    waived_reason: str | None


ExpectedResultPage = page_model(ExpectedResultRead, "ExpectedResultPage")


class PhaseRead(RecordRead, describe_from=PhaseCreate):
    programme_id: uuid.UUID = Field(description="The programme of the phase's project")
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
    expected_results: list[ExpectedResultRead] = Field(
        description="The phase's checklist, in order"
    )


PhasePage = page_model(PhaseRead, "PhasePage")


class PhaseTemplateRead(InputModel):
    """A built-in set of phases that a project can be created with."""

    key: str = Field(description="What to give as `phase_template` when creating a project")
    name: str = Field(description="The template's name")
    source: str = Field(description="The guide the phases are taken from")
    phases: list["PhaseTemplatePhase"] = Field(description="The phases it creates, in order")


class PhaseTemplatePhase(InputModel):
    """One phase of a template."""

    name: str = Field(description="The phase's name")
    description: str = Field(description="What the phase is about")
    activities: list[str] = Field(description="What is done in the phase")
    expected_results: list[str] = Field(description="Its checklist of expected results")


PhaseTemplateRead.model_rebuild()
