"""every main list's default order and common filters have an index

Each list reads a page as one range of an index on (its equality filters, its sort column,
id): a million tasks' list by project and status, its page after row 50,000, and the
generic plan PostgreSQL switches to after five runs of a prepared statement all start at
the page's first row. Every list is narrowed to the caller's programmes, so a project's
lists have the programme first: then every condition is the index's own, and no plan
prefers the programme's index and drops the other projects' rows one by one. The
single-column audit_event record_id index is dropped: (record_id, occurred_at, id) serves
its lookups too. docs/performance.md says which list each index serves.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (index name, columns)
INDEXES: dict[str, list[tuple[str, list[str]]]] = {
    "task": [
        (
            "ix_task_programme_id_status_created_at_id",
            ["programme_id", "status", "created_at", "id"],
        ),
        ("ix_task_programme_id_due_on_id", ["programme_id", "due_on", "id"]),
        (
            "ix_task_programme_id_project_id_created_at_id",
            ["programme_id", "project_id", "created_at", "id"],
        ),
        (
            "ix_task_programme_id_project_id_status_created_at_id",
            ["programme_id", "project_id", "status", "created_at", "id"],
        ),
    ],
    "involvement": [
        ("ix_involvement_programme_id_occurred_on_id", ["programme_id", "occurred_on", "id"]),
        (
            "ix_involvement_programme_id_project_id_occurred_on_id",
            ["programme_id", "project_id", "occurred_on", "id"],
        ),
    ],
    "deadline": [
        ("ix_deadline_programme_id_due_at_id", ["programme_id", "due_at", "id"]),
        ("ix_deadline_programme_id_status_due_at_id", ["programme_id", "status", "due_at", "id"]),
        (
            "ix_deadline_programme_id_project_id_due_at_id",
            ["programme_id", "project_id", "due_at", "id"],
        ),
    ],
    "audit_event": [
        ("ix_audit_event_programme_id_occurred_at_id", ["programme_id", "occurred_at", "id"]),
        ("ix_audit_event_record_id_occurred_at_id", ["record_id", "occurred_at", "id"]),
    ],
    "event": [("ix_event_programme_id_starts_at_id", ["programme_id", "starts_at", "id"])],
    "decision": [("ix_decision_programme_id_decided_on_id", ["programme_id", "decided_on", "id"])],
    "document": [
        ("ix_document_programme_id_document_date_id", ["programme_id", "document_date", "id"])
    ],
    "idea": [("ix_idea_programme_id_received_at_id", ["programme_id", "received_at", "id"])],
    "planned_involvement": [
        (
            "ix_planned_involvement_programme_id_planned_on_id",
            ["programme_id", "planned_on", "id"],
        )
    ],
    "person": [("ix_person_programme_id_name_id", ["programme_id", "name", "id"])],
    "measure": [("ix_measure_programme_id_due_on_id", ["programme_id", "due_on", "id"])],
}

# Single-column indexes that one of the new ones begins with.
SUPERSEDED: dict[str, tuple[str, str]] = {
    "audit_event": ("ix_audit_event_record_id", "record_id"),
}


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, columns in indexes:
                batch_op.create_index(name, columns, unique=False)
            if table in SUPERSEDED:
                batch_op.drop_index(SUPERSEDED[table][0])


def downgrade() -> None:
    for table, indexes in reversed(INDEXES.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in SUPERSEDED:
                name, column = SUPERSEDED[table]
                batch_op.create_index(name, [column], unique=False)
            for name, _columns in reversed(indexes):
                batch_op.drop_index(name)
