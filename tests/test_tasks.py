from tests.factories import (
    API,
    make_group,
    make_person,
    make_phase,
    make_programme,
    make_project,
    make_task,
)


class TestCreateTask:
    async def test_task_takes_the_programme_of_its_project(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        task = await make_task(client, project)
        assert task["programme_id"] == programme["id"]
        assert (task["status"], task["priority"]) == ("todo", "normal")

    async def test_assignee_and_group_stay_inside_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        project = await make_project(client, programme)
        outsider = await make_person(client, other)
        foreign_group = await make_group(client, other)
        r = await client.post(
            f"{API}/tasks",
            json={"project_id": project["id"], "title": "X", "assignee_id": outsider["id"]},
        )
        assert r.json()["errors"][0]["pointer"] == "/assignee_id"
        r = await client.post(
            f"{API}/tasks",
            json={"project_id": project["id"], "title": "X", "group_id": foreign_group["id"]},
        )
        assert r.json()["errors"][0]["pointer"] == "/group_id"

    async def test_phase_must_belong_to_the_tasks_project(self, client):
        programme = await make_programme(client)
        project, other_project = (
            await make_project(client, programme),
            await make_project(client, programme),
        )
        phase = await make_phase(client, other_project)
        r = await client.post(
            f"{API}/tasks",
            json={"project_id": project["id"], "title": "X", "phase_id": phase["id"]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/phase_id"


class TestUpdateTask:
    async def test_cannot_move_to_a_project_of_another_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        foreign = await make_project(client, other)
        r = await client.patch(f"{API}/tasks/{task['id']}", json={"project_id": foreign["id"]})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/project_id"
        stored = (await client.get(f"{API}/tasks/{task['id']}")).json()
        assert stored["project_id"] == task["project_id"]

    async def test_parent_cannot_make_a_cycle(self, client):
        project = await make_project(client, await make_programme(client))
        top = await make_task(client, project)
        child = await make_task(client, project, parent_id=top["id"])
        grandchild = await make_task(client, project, parent_id=child["id"])
        r = await client.patch(f"{API}/tasks/{top['id']}", json={"parent_id": grandchild["id"]})
        assert r.status_code == 422
        assert "own ancestor" in r.json()["detail"]
        r = await client.patch(f"{API}/tasks/{top['id']}", json={"parent_id": top["id"]})
        assert r.status_code == 422

    async def test_parent_in_another_project_is_refused(self, client):
        programme = await make_programme(client)
        task = await make_task(client, await make_project(client, programme))
        other = await make_task(client, await make_project(client, programme))
        r = await client.patch(f"{API}/tasks/{task['id']}", json={"parent_id": other["id"]})
        assert r.status_code == 422

    async def test_move_between_statuses(self, client):
        task = await make_task(client, await make_project(client, await make_programme(client)))
        url = f"{API}/tasks/{task['id']}"
        for status in ["in_progress", "blocked", "done"]:
            r = await client.patch(url, json={"status": status})
            assert r.json()["status"] == status
        assert r.json()["version"] == 4


class TestListTasks:
    async def test_filters_by_assignee_status_and_due_date(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        kari = await make_person(client, programme)
        await make_task(
            client, project, title="Tidlig", assignee_id=kari["id"], due_on="2018-09-07"
        )
        await make_task(client, project, title="Sent", assignee_id=kari["id"], due_on="2018-12-20")
        await make_task(client, project, title="Ingen", status="done")
        titles = lambda r: sorted(t["title"] for t in r.json()["items"])  # noqa: E731
        assert titles(await client.get(f"{API}/tasks", params={"assignee_id": kari["id"]})) == [
            "Sent",
            "Tidlig",
        ]
        assert titles(await client.get(f"{API}/tasks", params={"due_before": "2018-10-01"})) == [
            "Tidlig"
        ]
        assert titles(await client.get(f"{API}/tasks", params={"due_after": "2018-10-01"})) == [
            "Sent"
        ]
        assert titles(await client.get(f"{API}/tasks", params={"status": "done"})) == ["Ingen"]
