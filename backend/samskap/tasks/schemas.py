import uuid
from datetime import date

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
from samskap.models.enums import Priority, TaskStatus


class TaskCreate(InputModel):
    """A task (oppgave) in a project, optionally in a phase or for a group."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "project_id": "0193a0e4-7c1e-7000-8000-000000000002",
                    "title": "Revidere arbeidsboken etter faggruppemøtet",
                    "assignee_id": "0193a0e4-7c1e-7000-8000-000000000003",
                    "status": "todo",
                    "priority": "high",
                    "due_on": "2018-09-20",
                }
            ]
        }
    )

    project_id: uuid.UUID = Field(description="The project the task belongs to")
    phase_id: uuid.UUID | None = Field(
        None, description="The phase of that project the task belongs to, if any"
    )
    group_id: uuid.UUID | None = Field(
        None, description="The group that carries the task out, if any"
    )
    parent_id: uuid.UUID | None = Field(
        None, description="The task this is a subtask of, in the same project (no cycles)"
    )
    title: Title = Field(description="What is to be done, in a line")
    description: LongText | None = Field(None, description="More about the task")
    assignee_id: uuid.UUID | None = Field(
        None, description="The person who does the task, one of the programme's people"
    )
    status: TaskStatus = Field(TaskStatus.todo, description="Where the task stands")
    priority: Priority = Field(Priority.normal, description="How urgent the task is")
    due_on: date | None = Field(None, description="The day the task is due")
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


TaskUpdate = update_model(TaskCreate, "TaskUpdate")


class TaskRead(RecordRead, describe_from=TaskCreate):
    programme_id: uuid.UUID = Field(description="The programme of the task's project")
    project_id: uuid.UUID
    phase_id: uuid.UUID | None
    group_id: uuid.UUID | None
    parent_id: uuid.UUID | None
    title: str
    description: str | None
    assignee_id: uuid.UUID | None
    status: TaskStatus
    priority: Priority
    due_on: date | None
    external_id: str | None


TaskPage = page_model(TaskRead, "TaskPage")
