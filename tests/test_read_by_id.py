"""A record read by its id is found only in the programmes its reader may see, whether the
reader sees every programme, one, or several (each its own prepared statement)."""

from tests.factories import make_programme, make_project, make_task


async def test_a_task_is_read_by_id_only_where_its_reader_belongs(client, accounts):
    programmes = [await make_programme(client, name=f"Program {n}") for n in range(3)]
    tasks = []
    for programme in programmes:
        project = await make_project(client, programme)
        tasks.append(await make_task(client, project))

    one = await accounts.client(roles={programmes[0]["id"]: "observer"})
    several = await accounts.client(
        roles={programmes[0]["id"]: "observer", programmes[1]["id"]: "editor"}
    )
    seen = {
        "system admin": (client, {0, 1, 2}),
        "one programme": (one, {0}),
        "two programmes": (several, {0, 1}),
    }
    for who, (reader, visible) in seen.items():
        # Twice, so that the second read runs the statement the first one built.
        for _ in range(2):
            for n, task in enumerate(tasks):
                response = await reader.get(f"/api/v1/tasks/{task['id']}")
                expected = 200 if n in visible else 404
                assert response.status_code == expected, (who, n, response.text)
                if expected == 200:
                    assert response.json()["id"] == task["id"]
                    assert response.headers["etag"] == f'"{task["version"]}"'
