import uuid
from datetime import date

from pydantic import ConfigDict

from samskap.kit.schemas import (
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

    project_id: uuid.UUID
    phase_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    title: Title
    description: LongText | None = None
    assignee_id: uuid.UUID | None = None
    status: TaskStatus = TaskStatus.todo
    priority: Priority = Priority.normal
    due_on: date | None = None
    external_id: ExternalId | None = None


TaskUpdate = update_model(TaskCreate, "TaskUpdate")


class TaskRead(RecordRead):
    programme_id: uuid.UUID
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
