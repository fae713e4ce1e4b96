import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base
from samskap.kit.types import EnumText
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import Priority, TaskStatus


class Task(Record, InProgramme, ExternallyKeyed, Base):
    __tablename__ = "task"
    __table_args__ = (
        UniqueConstraint("programme_id", "external_id"),
        # A programme's tasks in the list's default order, walked page by page (an export of
        # a million tasks reads each page from the index, not by sorting them all again).
        Index("ix_task_programme_id_created_at_id", "programme_id", "created_at", "id"),
        # Its tasks with one status (all blocked tasks, say), in the same order.
        Index(
            "ix_task_programme_id_status_created_at_id",
            "programme_id",
            "status",
            "created_at",
            "id",
        ),
        # The web app's task list: a programme's tasks by due day, undated ones last.
        Index("ix_task_programme_id_due_on_id", "programme_id", "due_on", "id"),
        # A project's tasks in the default order. Every list is narrowed to the caller's
        # programmes, so the programme leads: then every condition is the index's, and no
        # plan prefers the programme's index, reading and dropping other projects' rows.
        Index(
            "ix_task_programme_id_project_id_created_at_id",
            "programme_id",
            "project_id",
            "created_at",
            "id",
        ),
        # A project's tasks with one status: a million tasks' list by project and status
        # starts at its first row and reads no other project's or status's rows, in a
        # generic plan too.
        Index(
            "ix_task_programme_id_project_id_status_created_at_id",
            "programme_id",
            "project_id",
            "status",
            "created_at",
            "id",
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("project.id"), index=True)
    phase_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("phase.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("task.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus, 32), index=True)
    priority: Mapped[Priority] = mapped_column(EnumText(Priority, 32), index=True)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
