import uuid
from datetime import date

from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import Group, Person, Phase, Project, Task
from samskap.models.enums import Priority, TaskStatus
from samskap.problems import ValidationFailed

_MAX_DEPTH = 50


class TaskService(CrudService[Task]):
    model = Task
    label = "task"
    spec = ListSpec(
        model=Task,
        filters=[
            Filter("programme_id", Task.programme_id, uuid.UUID, "Only tasks of this programme"),
            Filter("project_id", Task.project_id, uuid.UUID, "Only tasks of this project"),
            Filter("phase_id", Task.phase_id, uuid.UUID, "Only tasks of this phase"),
            Filter("group_id", Task.group_id, uuid.UUID, "Only tasks of this group"),
            Filter(
                "assignee_id", Task.assignee_id, uuid.UUID, "Only tasks assigned to this person"
            ),
            Filter("parent_id", Task.parent_id, uuid.UUID, "Only the subtasks of this task"),
            Filter("status", Task.status, TaskStatus, "Only tasks with this status"),
            Filter("priority", Task.priority, Priority, "Only tasks with this priority"),
            Filter("due_before", Task.due_on, date, "Due on or before this date", op="le"),
            Filter("due_after", Task.due_on, date, "Due on or after this date", op="ge"),
        ],
        sorts={
            "due_on": Task.due_on,
            "title": Task.title,
            "priority": Task.priority,
            "status": Task.status,
            "created_at": Task.created_at,
            "updated_at": Task.updated_at,
        },
        default_sort="created_at",
        search=[Task.title, Task.description],
    )

    async def apply(self, record, values, *, creating):
        project_id = values.get("project_id") or record.project_id
        project = await self.session.get(Project, project_id)
        if (
            project is None
            or self.principal.role_in(project.programme_id) is None
            or (not creating and project.programme_id != record.programme_id)
        ):
            raise ValidationFailed.at(
                "/project_id", "no project with this id in the programme", code="unknown_reference"
            )
        if creating:
            values["programme_id"] = project.programme_id
        programme_id = project.programme_id
        await require_in_programme(
            self.session, Group, values.get("group_id"), programme_id, "group_id"
        )
        await require_in_programme(
            self.session, Person, values.get("assignee_id"), programme_id, "assignee_id"
        )
        await super().apply(record, values, creating=creating)

    async def member_may_write(self, record, action):
        """A `member` may too, for the tasks of their projects (led, owned, or of a group they
        sit in) and groups, and the tasks assigned to them."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return (
            record.project_id in scope.project_ids
            or record.group_id in scope.group_ids
            or (scope.person_id is not None and record.assignee_id == scope.person_id)
        )

    async def validate(self, record):
        if record.phase_id is not None:
            phase = await self.session.get(Phase, record.phase_id)
            if phase is None or phase.project_id != record.project_id:
                raise ValidationFailed.at(
                    "/phase_id", "no phase with this id in the project", code="unknown_reference"
                )
        if record.parent_id is not None:
            await self._check_parent(record)

    async def _check_parent(self, record) -> None:
        parent_id, depth = record.parent_id, 0
        while parent_id is not None:
            if parent_id == record.id:
                raise ValidationFailed.at(
                    "/parent_id", "a task cannot be its own ancestor", code="cycle"
                )
            parent = await self.session.get(Task, parent_id)
            if parent is None or parent.project_id != record.project_id:
                raise ValidationFailed.at(
                    "/parent_id", "no task with this id in the project", code="unknown_reference"
                )
            parent_id, depth = parent.parent_id, depth + 1
            if depth > _MAX_DEPTH:
                raise ValidationFailed.at(
                    "/parent_id", f"tasks nest at most {_MAX_DEPTH} deep", code="too_deep"
                )
