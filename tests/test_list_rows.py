"""A list whose answer is its read model's columns as they are is read as rows rather than
records (CrudService.row_columns, list_rows): the same pages, in the same order, with the
same cursors and the same JSON as the records would give."""

import uuid

from pydantic import TypeAdapter
from sqlalchemy import select

from samskap.auth.principal import Principal
from samskap.kit.listing import ListQuery
from samskap.kit.service import CrudService
from samskap.models.enums import ProgrammeRole
from samskap.people.service import PersonService
from samskap.projects.schemas import ProjectRead
from samskap.projects.service import ProjectService
from samskap.tasks.schemas import TaskRead
from samskap.tasks.service import TaskService
from tests.factories import make_programme, make_project, make_task


async def _walk(service: CrudService, lq: ListQuery, columns=None) -> list[tuple[list, str]]:
    """Every page of the list, by records (`columns` None) or rows, with its cursor."""
    pages = []
    cursor = None
    while True:
        query = ListQuery(lq.filters, lq.q, lq.sort, lq.limit, cursor)
        if columns is None:
            items, cursor = await service.list(query)
        else:
            items, cursor = await service.list_rows(query, columns)
        pages.append((list(items), cursor))
        if cursor is None:
            return pages


async def test_a_list_read_as_rows_gives_the_pages_records_give(app, client):
    programme = await make_programme(client)
    other = await make_programme(client, name="Et annet program")
    project = await make_project(client, programme)
    await make_task(client, await make_project(client, other), title="Ikke synlig")
    for n in range(7):
        # Some without a due date: a sort on it reads the dated rows, then the others.
        due = {"due_on": f"2030-0{1 + n % 3}-1{n}"} if n % 2 else {}
        await make_task(client, project, title=f"Oppgave {n % 4}", **due)
    principal = Principal(
        via="api_token", roles={uuid.UUID(programme["id"]): ProgrammeRole.observer}
    )
    columns = TaskService.row_columns(TaskRead.model_fields)
    assert columns is not None
    shown = TypeAdapter(TaskRead)
    async with app.state.sessions() as session:
        service = TaskService(session, principal)
        for sort in ("created_at", "-created_at", "due_on", "-due_on", "title", "-priority"):
            for filters in ({}, {"project_id": [uuid.UUID(project["id"])]}):
                lq = ListQuery(filters, None, sort, 3, None)
                by_records = await _walk(service, lq)
                by_rows = await _walk(service, lq, columns)
                assert [c for _, c in by_rows] == [c for _, c in by_records], sort
                records = [
                    shown.dump_json(TaskRead.model_validate(r)) for p, _ in by_records for r in p
                ]
                rows = [shown.dump_json(TaskRead.model_validate(r)) for p, _ in by_rows for r in p]
                assert rows == records, sort
                # Only the caller's programme, every one of its tasks.
                assert len(rows) == 7


async def test_the_list_route_answers_the_same_pages_either_way(client):
    programme = await make_programme(client)
    project = await make_project(client, programme)
    made = [await make_task(client, project, title=f"Oppgave {n}") for n in range(5)]
    seen = []
    cursor = None
    while True:
        params = {"project_id": project["id"], "limit": 2, "sort": "title"}
        response = await client.get(
            "/api/v1/tasks", params=params | ({"cursor": cursor} if cursor else {})
        )
        assert response.status_code == 200, response.text
        page = response.json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # Each as its own read answers it.
    assert seen == [(await client.get(f"/api/v1/tasks/{t['id']}")).json() for t in made]


def test_only_lists_shown_as_their_columns_are_read_as_rows():
    assert TaskService.row_columns(TaskRead.model_fields) is not None
    assert ProjectService.row_columns(ProjectRead.model_fields) is not None
    # A field that is no column of the table.
    assert TaskService.row_columns([*TaskRead.model_fields, "not_a_column"]) is None
    # A service that presents its records itself (what a caller may see of a person).
    assert PersonService.row_columns(["id", "created_at"]) is None
    # Read as they are named: no labels to crowd the conditions out of the slow-query log,
    # which shows a statement's first 400 characters.
    assert " AS " not in str(select(*TaskService.row_columns(TaskRead.model_fields) or ()))
    # The sorts and the id must be among the columns read: the cursor is made of them.
    assert TaskService.row_columns(["id", "title"]) is None
