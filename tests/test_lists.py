"""Lists: keyset cursors, sorting, filters backed by indexes, constant statement counts."""

import pytest
from sqlalchemy import event

from samskap.deadlines.service import DeadlineService
from samskap.groups.service import GroupService, MemberService
from samskap.involvements.service import InvolvementService
from samskap.people.service import PersonService
from samskap.phases.service import ExpectedResultService, PhaseService
from samskap.planned_involvements.service import PlannedInvolvementService
from samskap.programmes.service import ProgrammeService
from samskap.projects.service import ProjectService
from samskap.tasks.service import TaskService
from tests.factories import (
    API,
    create,
    make_deadline,
    make_decision,
    make_group,
    make_involvement,
    make_member,
    make_person,
    make_phase,
    make_programme,
    make_project,
    make_task,
)

SERVICES = [
    ProgrammeService,
    ProjectService,
    PersonService,
    GroupService,
    MemberService,
    PhaseService,
    ExpectedResultService,
    TaskService,
    DeadlineService,
    InvolvementService,
    PlannedInvolvementService,
]


async def walk(client, path: str, params: dict) -> list[dict]:
    seen, cursor = [], None
    while True:
        page = await client.get(path, params=params | ({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, page.text
        body = page.json()
        seen.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return seen


class TestPagination:
    async def test_cursor_walks_every_record_once_in_order(self, client):
        programme = await make_programme(client)
        for name in ["Åse", "Bjørn", "Cecilie", "Dag", "Eirik", "Frida", "Geir"]:
            await make_person(client, programme, name=name)
        people = await walk(
            client, f"{API}/people", {"programme_id": programme["id"], "limit": 3, "sort": "-name"}
        )
        names = [p["name"] for p in people]
        assert len(names) == 7
        assert names == sorted(names, reverse=True)

    async def test_cursor_is_stable_when_records_are_added_meanwhile(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        for i in range(4):
            await make_task(client, project, title=f"Oppgave {i}")
        first = (await client.get(f"{API}/tasks", params={"limit": 2})).json()
        await make_task(client, project, title="Ny underveis")
        rest = await walk(client, f"{API}/tasks", {"limit": 2, "cursor": first["next_cursor"]})
        titles = [t["title"] for t in first["items"] + rest]
        assert len(titles) == len(set(titles)) == 5

    async def test_nullable_sort_keys_page_through_nulls(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        for due in ["2030-01-03", None, "2030-01-01", None, "2030-01-02"]:
            await make_task(client, project, due_on=due)
        tasks = await walk(client, f"{API}/tasks", {"limit": 2, "sort": "due_on"})
        assert [t["due_on"] for t in tasks] == [
            "2030-01-01",
            "2030-01-02",
            "2030-01-03",
            None,
            None,
        ]
        tasks = await walk(client, f"{API}/tasks", {"limit": 1, "sort": "-due_on"})
        assert [t["due_on"] for t in tasks] == [
            "2030-01-03",
            "2030-01-02",
            "2030-01-01",
            None,
            None,
        ]

    async def test_cursor_of_another_sort_is_refused(self, client):
        programme = await make_programme(client)
        for _ in range(3):
            await make_person(client, programme)
        page = (await client.get(f"{API}/people", params={"limit": 1})).json()
        r = await client.get(
            f"{API}/people",
            params={"limit": 1, "sort": "created_at", "cursor": page["next_cursor"]},
        )
        assert r.status_code == 400

    async def test_limit_above_maximum_is_refused(self, client):
        r = await client.get(f"{API}/tasks", params={"limit": 501})
        assert r.status_code == 422


class TestSearchAndFilters:
    async def test_q_searches_text_and_keeps_norwegian_letters(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_task(client, project, title="Send revidert arbeidsbok til prosjektleder")
        await make_task(client, project, title="Bestille møterom på rådhuset")
        found = (await client.get(f"{API}/tasks", params={"q": "rådhuset"})).json()["items"]
        assert [t["title"] for t in found] == ["Bestille møterom på rådhuset"]
        found = (await client.get(f"{API}/tasks", params={"q": "ARBEIDSBOK"})).json()["items"]
        assert len(found) == 1

    async def test_q_treats_wildcards_as_text(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        await make_task(client, project, title="100% fremdrift")
        await make_task(client, project, title="Annen oppgave")
        found = (await client.get(f"{API}/tasks", params={"q": "%"})).json()["items"]
        assert [t["title"] for t in found] == ["100% fremdrift"]

    async def test_repeated_filter_means_any_of(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        for status in ["todo", "in_progress", "blocked", "done"]:
            await make_task(client, project, status=status)
        r = await client.get(f"{API}/tasks?status=todo&status=blocked&sort=status")
        assert [t["status"] for t in r.json()["items"]] == ["blocked", "todo"]


def _index_leaders(table) -> set[str]:
    leaders = {next(iter(ix.columns)).name for ix in table.indexes}
    leaders |= {
        c.columns[0].name
        for c in table.constraints
        if hasattr(c, "columns") and len(c.columns) and c.__class__.__name__ != "CheckConstraint"
    }
    return leaders


class TestIndexes:
    @pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.__name__)
    def test_every_list_filter_is_backed_by_an_index(self, service):
        table = service.model.__table__
        leaders = _index_leaders(table)
        for f in service.spec.filters:
            assert f.column.key in leaders, f"{table.name}.{f.column.key} ({f.name}) has no index"

    @pytest.mark.parametrize(
        "service", [MemberService, ExpectedResultService], ids=lambda s: s.__name__
    )
    def test_sub_resources_are_scoped_by_an_indexed_parent(self, service):
        parent = {"MemberService": "group_id", "ExpectedResultService": "phase_id"}
        assert parent[service.__name__] in _index_leaders(service.model.__table__)


class TestStatementCount:
    async def _count(self, app, client, path: str, params: dict) -> int:
        statements = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        engine = app.state.engine.sync_engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            r = await client.get(path, params=params)
            assert r.status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    async def test_every_list_costs_the_same_for_any_page_size(self, app, client):
        programme = await make_programme(client)
        group = await make_group(client, programme)
        project = await make_project(client, programme)
        phase = await make_phase(client, project)
        for i in range(12):
            person = await make_person(client, programme)
            await make_project(client, programme, leader_id=person["id"])
            await make_group(client, programme)
            await make_member(client, group, person)
            await make_phase(client, project, expected_results=[f"Resultat {i}", "Annet"])
            await client.post(
                f"{API}/phases/{phase['id']}/expected-results", json={"text": f"Resultat {i}"}
            )
            await make_task(client, project, group_id=group["id"], assignee_id=person["id"])
            await make_deadline(client, programme, person)
            await make_involvement(
                client, programme, participant_ids=[person["id"]], project_id=project["id"]
            )
        paths = [
            "programmes",
            "projects",
            "people",
            "groups",
            f"groups/{group['id']}/members",
            "phases",
            f"phases/{phase['id']}/expected-results",
            "tasks",
            "deadlines",
            "involvements",
        ]
        for path in paths:
            counts = {
                limit: await self._count(app, client, f"{API}/{path}", {"limit": limit})
                for limit in (1, 50, 500)
            }
            assert len(set(counts.values())) == 1, (path, counts)

    async def test_the_compliance_report_costs_the_same_for_any_number_of_decisions(
        self, app, client
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme, affiliation="union_representative")
        url = f"{API}/programmes/{programme['id']}/compliance"

        async def reorganisation_decision() -> None:
            meeting = await create(
                client,
                "/events",
                {
                    "programme_id": programme["id"],
                    "title": "Drøftingsmøte",
                    "kind": "consultation_meeting",
                    "starts_at": "2018-12-01T09:00:00+01:00",
                    "ends_at": "2018-12-01T11:00:00+01:00",
                    "participants": [{"person_id": person["id"], "attendance": "present"}],
                },
            )
            await make_decision(
                client,
                programme,
                status="draft",
                reorganisation=True,
                consultation_event_id=meeting["id"],
            )

        await reorganisation_decision()
        one = await self._count(app, client, url, {})
        for _ in range(5):
            await reorganisation_decision()
        assert await self._count(app, client, url, {}) == one
