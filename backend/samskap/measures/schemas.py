import uuid
from datetime import date

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, computed_field

from samskap.kit.clock import local_today
from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    Name,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import MeasureStatus, TaskStatus


class EvidenceLink(InputModel):
    """A link to what shows the result: a report, minutes, a page."""

    title: Name = Field(description="What the link shows")
    url: AnyHttpUrl = Field(description="Where to read it (http or https only)")


class MeasureCreate(InputModel):
    """A measure (tiltak) towards one or more goals, and, once carried out, its result."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "title": "Kompetansetiltak for koordinatorene i arbeidslagene",
                    "status": "in_progress",
                    "starts_on": "2013-09-01",
                    "due_on": "2014-06-30",
                    "goal_ids": ["0193a0e4-7c1e-7000-8000-000000000010"],
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(description="The programme the measure belongs to")
    project_id: uuid.UUID | None = Field(None, description="The project it belongs to, if any")
    group_id: uuid.UUID | None = Field(None, description="The group that carries it out, if any")
    title: Title = Field(description="What is to be done")
    description: LongText | None = Field(None, description="More about the measure")
    owner_id: uuid.UUID | None = Field(None, description="The person who answers for it")
    status: MeasureStatus = Field(MeasureStatus.planned, description="How far it has come")
    starts_on: date | None = Field(None, description="When it starts")
    due_on: date | None = Field(None, description="When it is to be done; not before starts_on")
    goal_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=100,
        description="The goals of the programme it works towards (linked, not copied); at "
        "least one",
    )
    task_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=200,
        description="Tasks of the programme that carry it out (linked, not copied)",
    )
    result: LongText | None = Field(
        None, description="What changed: the documented result; required when status is done"
    )
    result_on: date | None = Field(
        None,
        description="When the result was documented; not in the future; defaults to today "
        "when a result is given",
    )
    evidence: list[EvidenceLink] = Field(
        default_factory=list, max_length=20, description="Links that show the result (≤ 20)"
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


MeasureUpdate = update_model(MeasureCreate, "MeasureUpdate", exclude={"programme_id"})


class LinkedTask(BaseModel):
    """A task that carries out the measure, as it stands now."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The task's id")
    title: str = Field(description="The task's title")
    status: TaskStatus = Field(description="The task's status")


class MeasureRead(RecordRead, describe_from=MeasureCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    title: str
    description: str | None
    owner_id: uuid.UUID | None
    status: MeasureStatus
    starts_on: date | None
    due_on: date | None
    goal_ids: list[uuid.UUID]
    task_ids: list[uuid.UUID]
    tasks: list[LinkedTask] = Field(
        description="The linked tasks with their title and status, ordered by title"
    )
    result: str | None
    result_on: date | None
    evidence: list[EvidenceLink]
    external_id: str | None

    @computed_field(  # type: ignore[prop-decorator]
        description="Past due_on (Oslo time) without a documented result: not done or "
        "cancelled, or done without a result; computed on every read"
    )
    @property
    def overdue_without_result(self) -> bool:
        today = local_today()
        return lacks_result(self.status, self.result) and (
            self.due_on is not None and self.due_on < today
        )


def lacks_result(status: MeasureStatus, result: str | None) -> bool:
    """Not settled: neither cancelled nor done with a result."""
    if status == MeasureStatus.cancelled:
        return False
    return status != MeasureStatus.done or not (result or "").strip()


MeasurePage = page_model(MeasureRead, "MeasurePage")
