"""A programme as one ZIP (a manifest and JSON Lines per resource), and reading it back."""

import io
import json
import zipfile
from datetime import datetime

import pytest

from samskap.imports import worker
from samskap.imports.programme_export import (
    FORMAT,
    PARTS,
    read_programme_export,
)
from samskap.imports.readers import MISSING, UnreadableFile
from samskap.people.schemas import PersonCreate
from tests.factories import (
    API,
    PDF_BYTES,
    create,
    make_deadline,
    make_decision,
    make_file,
    make_group,
    make_involvement,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_task,
)

IMPORTABLE = [
    "people",
    "projects",
    "groups",
    "group_members",
    "phases",
    "tasks",
    "deadlines",
    "involvements",
]
# Lists of a programme that the export leaves out, and why (see programme_export.py).
NOT_EXPORTED = {
    "memberships-list": "access to the programme, not its content",
    "api-tokens-list": "access to the programme, not its content",
    "audit-events-list": "the audit trail",
    "imports-list": "the record of earlier imports, not content",
    "webhooks-list": "other systems' subscriptions, with their secrets, not content",
}


def unzip(response) -> tuple[dict, dict[str, list[dict]]]:
    """The manifest, and each file's records by path."""
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    files = {}
    for entry in manifest["files"]:
        text = archive.read(entry["path"]).decode("utf-8")
        files[entry["path"]] = [json.loads(line) for line in text.splitlines()]
    assert set(archive.namelist()) == {"manifest.json", *files}
    return manifest, files


async def every_item(client, path: str, **params) -> list[dict]:
    """Every item of a list, along its cursor."""
    items, cursor = [], None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        r = await client.get(f"{API}/{path}", params=query | {"limit": 500})
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


async def small_programme(client) -> dict:
    programme = await make_programme(client)
    rep = await make_person(
        client,
        programme,
        name="Åse Tillitsvalt",
        affiliation="union_representative",
        union="Fagforbundet",
        external_id="hr-17",
    )
    leader = await make_person(client, programme, name="Øystein Leiar")
    project = await make_project(
        client, programme, leader_id=leader["id"], phase_template="reorganisation-five-phases"
    )
    group = await make_group(client, programme, project_id=project["id"])
    await make_member(client, group, rep, party="employees")
    await make_member(client, group, leader, role="chair", party="administration")
    parent = await make_task(client, project, title="Kartlegging", assignee_id=leader["id"])
    await make_task(client, project, title="Intervju", parent_id=parent["id"])
    await make_deadline(client, programme, leader, project_id=project["id"])
    await make_involvement(client, programme, participant_ids=[rep["id"], leader["id"]])
    await make_decision(client, programme, title="Vedtak om mandat")
    return programme


class TestExportProgramme:
    async def test_manifest_names_every_file_in_dependency_order(self, client):
        programme = await small_programme(client)
        r = await client.get(f"{API}/programmes/{programme['id']}/export")
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/zip"
        assert r.headers["content-disposition"] == (
            f'attachment; filename="samskap-programme-{programme["id"]}.zip"'
        )
        assert "content-length" not in r.headers
        manifest, files = unzip(r)
        assert manifest["format"] == FORMAT
        assert manifest["format_version"] == 1
        assert datetime.fromisoformat(manifest["exported_at"]).utcoffset() is not None
        current = (await client.get(f"{API}/programmes/{programme['id']}")).json()
        assert manifest["programme"] == current
        resources = [entry["resource"] for entry in manifest["files"]]
        assert resources[: len(IMPORTABLE)] == IMPORTABLE
        assert [e["importable"] for e in manifest["files"]] == [
            e["resource"] in IMPORTABLE for e in manifest["files"]
        ]
        assert {"events", "decisions", "goals", "ideas", "documents"} <= set(resources)
        for entry in manifest["files"]:
            assert entry["path"] == f"{entry['resource']}.jsonl"
            assert entry["rows"] == len(files[entry["path"]])
        counts = {e["resource"]: e["rows"] for e in manifest["files"]}
        assert counts["people"] == 2
        assert counts["group_members"] == 2
        assert counts["phases"] == 5
        assert counts["tasks"] == 2
        assert counts["decisions"] == 1

    async def test_each_file_holds_the_records_as_the_list_reads_them(self, client):
        programme = await small_programme(client)
        other = await small_programme(client)
        _, files = unzip(await client.get(f"{API}/programmes/{programme['id']}/export"))
        for path in ("people", "projects", "groups", "phases", "tasks", "deadlines", "decisions"):
            listed = await every_item(client, path, programme_id=programme["id"])
            assert sorted(files[f"{path}.jsonl"], key=lambda x: x["id"]) == sorted(
                listed, key=lambda x: x["id"]
            ), path
        seats = []
        for group in files["groups.jsonl"]:
            seats += await every_item(client, f"groups/{group['id']}/members")
        assert sorted(files["group_members.jsonl"], key=lambda x: x["id"]) == sorted(
            seats, key=lambda x: x["id"]
        )
        everything = [record for records in files.values() for record in records]
        assert all(r.get("programme_id", programme["id"]) == programme["id"] for r in everything)
        assert other["id"] not in json.dumps(everything)

    async def test_files_are_there_by_their_metadata_only(self, client):
        programme = await make_programme(client)
        stored = await make_file(client, programme)
        r = await client.get(f"{API}/programmes/{programme['id']}/export")
        _, files = unzip(r)
        assert files["files.jsonl"] == await every_item(
            client, "files", programme_id=programme["id"]
        )
        assert files["files.jsonl"][0]["sha256"] == stored["sha256"]
        archive = zipfile.ZipFile(io.BytesIO(r.content))
        assert all(PDF_BYTES not in archive.read(name) for name in archive.namelist())

    async def test_references_point_backwards(self, client):
        programme = await small_programme(client)
        _, files = unzip(await client.get(f"{API}/programmes/{programme['id']}/export"))
        tasks = files["tasks.jsonl"]
        assert [t["title"] for t in tasks] == ["Kartlegging", "Intervju"]
        assert tasks[1]["parent_id"] == tasks[0]["id"]
        people = {p["id"] for p in files["people.jsonl"]}
        groups = {g["id"] for g in files["groups.jsonl"]}
        assert {m["person_id"] for m in files["group_members.jsonl"]} <= people
        assert {m["group_id"] for m in files["group_members.jsonl"]} <= groups
        [involvement] = files["involvements.jsonl"]
        assert set(involvement["participant_ids"]) <= people

    async def test_archived_records_are_in_the_copy(self, client):
        programme = await make_programme(client)
        kept = await make_involvement(client, programme, matter="Levande")
        archived = await make_involvement(client, programme, matter="Arkivert")
        r = await client.delete(f"{API}/involvements/{archived['id']}")
        assert r.status_code == 204, r.text
        _, files = unzip(await client.get(f"{API}/programmes/{programme['id']}/export"))
        records = files["involvements.jsonl"]
        assert [i["id"] for i in records] == [kept["id"], archived["id"]]
        assert records[0]["archived_at"] is None
        assert records[1]["archived_at"] is not None

    async def test_every_list_of_a_programme_is_exported_or_named_as_left_out(self, client):
        schema = (await client.get(f"{API}/openapi.json")).json()
        lists = {
            operation["operationId"]
            for operations in schema["paths"].values()
            for method, operation in operations.items()
            if method == "get"
            and operation["operationId"].endswith("-list")
            and any(p["name"] == "programme_id" for p in operation.get("parameters", []))
        }
        exported = {f"{part.resource.replace('_', '-')}-list" for part in PARTS}
        assert lists - exported - set(NOT_EXPORTED) == set()
        # The members' list is reached through its group; the export reads all groups' at once.
        assert exported - lists == {"group-members-list"}


class TestExportGuardedFields:
    async def test_an_editor_gets_no_union(self, client, accounts):
        programme = await small_programme(client)
        editor = await accounts.role(programme, "editor")
        r = await editor.get(f"{API}/programmes/{programme['id']}/export")
        assert r.status_code == 200, r.text
        _, files = unzip(r)
        assert {p["union"] for p in files["people.jsonl"]} == {None}
        assert b"Fagforbundet" not in zipfile.ZipFile(io.BytesIO(r.content)).read("people.jsonl")

    async def test_a_programme_admin_gets_the_union_and_the_read_is_logged(self, client, accounts):
        programme = await small_programme(client)
        admin = await accounts.role(programme, "programme_admin")
        _, files = unzip(await admin.get(f"{API}/programmes/{programme['id']}/export"))
        [rep] = [p for p in files["people.jsonl"] if p["union"]]
        assert rep["union"] == "Fagforbundet"
        events = (
            await client.get(
                f"{API}/audit-events",
                params={"record_id": rep["id"], "action": "read_special_category"},
            )
        ).json()["items"]
        assert events


class TestExportAccess:
    async def test_members_and_observers_may_not_export(self, client, accounts):
        programme = await make_programme(client)
        for role in ("member", "observer"):
            caller = await accounts.role(programme, role)
            r = await caller.get(f"{API}/programmes/{programme['id']}/export")
            assert r.status_code == 403, r.text
            assert r.headers["content-type"] == "application/problem+json"

    async def test_another_programme_is_not_found(self, client, accounts):
        mine = await make_programme(client)
        theirs = await make_programme(client)
        editor = await accounts.role(mine, "editor")
        r = await editor.get(f"{API}/programmes/{theirs['id']}/export")
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"

    async def test_an_api_token_with_read_write_may_export(self, client, accounts):
        programme = await small_programme(client)
        r = await client.post(
            f"{API}/api-tokens",
            json={
                "programme_id": programme["id"],
                "name": "Sikkerheitskopi",
                "scope": "read_write",
            },
        )
        assert r.status_code == 201, r.text
        token = accounts.bearer(r.json()["token"])
        r = await token.get(f"{API}/programmes/{programme['id']}/export")
        assert r.status_code == 200, r.text
        manifest, _ = unzip(r)
        assert manifest["programme"]["id"] == programme["id"]


def rezip(content: bytes, change) -> bytes:
    """The export with `change(name, data) -> data | None` applied to each entry (None drops
    it)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def with_line_changed(path: str, line: int, changes: dict):
    """A `rezip` change: the JSON Lines file `path` with `changes` merged into its record on
    `line` (from 0)."""

    def change(name: str, data: bytes) -> bytes:
        if name != path:
            return data
        lines = data.decode().splitlines()
        lines[line] = json.dumps(json.loads(lines[line]) | changes)
        return ("\n".join(lines) + "\n").encode()

    return change


def cells(table) -> list[dict]:
    return [
        {c: v for c, v in zip(table.columns, row, strict=True) if v is not MISSING}
        for _, row in table.rows()
    ]


class TestReadProgrammeExport:
    async def test_a_table_per_importable_file_in_dependency_order(self, client):
        programme = await small_programme(client)
        r = await client.get(f"{API}/programmes/{programme['id']}/export")
        export = read_programme_export(r.content)
        manifest, files = unzip(r)
        assert export.manifest == manifest
        assert [resource for resource, _ in export.tables] == IMPORTABLE
        numbers = [n for _, table in export.tables for n, _ in table.rows()]
        assert sorted(numbers) == list(range(1, export.total + 1))
        assert export.total == sum(e["rows"] for e in manifest["files"] if e["importable"])
        tables = dict(export.tables)
        [rep] = [p for p in cells(tables["people"]) if p["external_id"] == "hr-17"]
        assert set(tables["people"].columns) == {"id"} | set(PersonCreate.model_fields) - {
            "programme_id"
        }
        assert rep["union"] == "Fagforbundet"
        assert "created_at" not in tables["people"].columns
        assert "version" not in tables["tasks"].columns
        assert "overdue" not in tables["deadlines"].columns
        assert "decision_ids" not in tables["involvements"].columns
        assert "phase_template" not in tables["projects"].columns
        assert tables["group_members"].columns[:3] == ["id", "group_id", "person_id"]
        [phase, *_] = cells(tables["phases"])
        assert phase["expected_results"] == files["phases.jsonl"][0]["expected_results"]

    async def test_a_task_comes_after_its_parent_whatever_the_file_order(self, client):
        programme = await small_programme(client)
        r = await client.get(f"{API}/programmes/{programme['id']}/export")

        def reverse_tasks(name: str, data: bytes) -> bytes:
            if name != "tasks.jsonl":
                return data
            return b"\n".join(reversed(data.strip().split(b"\n"))) + b"\n"

        export = read_programme_export(rezip(r.content, reverse_tasks))
        tasks = dict(export.tables)["tasks"]
        titles = [row["title"] for row in cells(tasks)]
        assert titles == ["Kartlegging", "Intervju"]
        # Each keeps the row number of its line.
        people = dict(export.tables)["people"].total
        offset = export.offsets()["tasks"]
        assert offset > people
        assert [n - offset for n, _ in tasks.rows()] == [2, 1]

    async def test_states_no_create_body_sets_are_kept_to_restore(self, client):
        programme = await make_programme(client)
        archived = await make_involvement(client, programme)
        await client.delete(f"{API}/involvements/{archived['id']}")
        r = await client.get(f"{API}/programmes/{programme['id']}/export")
        export = read_programme_export(r.content)
        [(old, state)] = export.restore["involvements"].items()
        assert str(old) == archived["id"]
        assert state["archived_at"] is not None
        assert "archived_at" not in dict(export.tables)["involvements"].columns

    async def test_what_is_not_a_programme_export_is_refused(self, client):
        programme = await small_programme(client)
        good = (await client.get(f"{API}/programmes/{programme['id']}/export")).content

        def manifest_with(**changes):
            def change(name: str, data: bytes) -> bytes:
                if name != "manifest.json":
                    return data
                return json.dumps(json.loads(data) | changes).encode()

            return change

        cases = {
            "unknown_format": [
                b"name;email\nA;a@example.no\n",
                rezip(good, lambda name, data: None if name == "manifest.json" else data),
                rezip(good, manifest_with(format="something-else")),
                rezip(good, manifest_with(format_version=2)),
            ],
            "unreadable_file": [
                rezip(good, lambda name, data: b"{not json\n" if name == "people.jsonl" else data),
                rezip(good, lambda name, data: b"[1, 2]\n" if name == "tasks.jsonl" else data),
                rezip(good, lambda name, data: None if name == "groups.jsonl" else data),
                rezip(
                    good,
                    manifest_with(
                        files=[{"resource": "widgets", "path": "people.jsonl", "importable": True}]
                    ),
                ),
            ],
        }
        for code, contents in cases.items():
            for content in contents:
                try:
                    read_programme_export(content)
                except UnreadableFile as exc:
                    assert exc.code == code, exc.detail
                else:
                    raise AssertionError(f"read without complaint ({code})")


# The round trip ------------------------------------------------------------------------------

# What a copy may not keep: its own ids, times of writing and versions, and its programme.
OWN = {"id", "created_at", "updated_at", "version", "programme_id"}


def translated(value, id_map: dict[str, str]):
    """A record as the copy should read: its own fields left out (also in nested records),
    every reference to an old record turned into its copy's id."""
    if isinstance(value, dict):
        return {k: translated(v, id_map) for k, v in value.items() if k not in OWN}
    if isinstance(value, list):
        return [translated(v, id_map) for v in value]
    if isinstance(value, str):
        return id_map.get(value, value)
    return value


async def full_programme(client) -> dict:
    """A programme holding every kind of record the import writes, in most of their shapes."""
    programme = await make_programme(client)
    rep = await make_person(
        client,
        programme,
        name="Åse Tillitsvald",
        affiliation="union_representative",
        union="Fagforbundet",
        external_id="hr-1",
        title="Hovudtillitsvald",
        municipality_number="0213",
    )
    leader = await make_person(client, programme, name="Øyvind Leiar", external_id="hr-2")
    plain = await make_person(client, programme, name="Berit utan nøkkel", email=None)
    project = await make_project(
        client,
        programme,
        leader_id=leader["id"],
        owner_id=rep["id"],
        leader_allocation_percent=60,
        phase_template="reorganisation-five-phases",
        health="at_risk",
        health_explanation="Seint mandat",
        external_id="P-oppvekst",
    )
    other_project = await make_project(client, programme, concerns_nav=True)
    board = await make_group(
        client, programme, project_id=project["id"], kind="project_board", name="Prosjektstyre"
    )
    forum = await make_group(client, programme, kind="three_party_forum", external_id="trepart")
    await make_member(client, board, rep, role="member", party="employees", allocation_percent=20)
    await make_member(
        client, board, leader, role="chair", party="administration", starts_on="2018-01-01"
    )
    await make_member(client, forum, plain, role="secretary", party="employees")
    phases = (await client.get(f"{API}/phases", params={"project_id": project["id"]})).json()
    first = phases["items"][0]
    extra = await create(
        client,
        "/phases",
        {
            "project_id": other_project["id"],
            "name": "Eigen fase",
            "activities": ["Kartlegge"],
            "expected_results": ["Kartlegging gjort", "Rapport skriven"],
            "starts_on": "2018-02-01",
            "ends_on": "2018-03-01",
        },
    )
    done, waived = extra["expected_results"]
    r = await client.patch(
        f"{API}/phases/{extra['id']}/expected-results/{done['id']}",
        json={"done": True, "done_by_id": leader["id"], "done_at": "2018-02-20T10:00:00+01:00"},
    )
    assert r.status_code == 200, r.text
    r = await client.patch(
        f"{API}/phases/{extra['id']}/expected-results/{waived['id']}",
        json={"waived": True, "waived_reason": "Ikkje naudsynt"},
    )
    assert r.status_code == 200, r.text
    r = await client.patch(f"{API}/phases/{extra['id']}", json={"status": "completed"})
    assert r.status_code == 200, r.text
    parent = await make_task(
        client,
        project,
        title="Kartlegging",
        assignee_id=leader["id"],
        phase_id=first["id"],
        priority="high",
        due_on="2018-05-01",
    )
    child = await make_task(
        client, project, title="Intervju", parent_id=parent["id"], group_id=board["id"]
    )
    await make_task(client, project, title="Oppsummering", parent_id=child["id"], status="done")
    await make_task(client, other_project, title="Utan forelder", external_id="T-9")
    await make_deadline(
        client,
        programme,
        leader,
        project_id=project["id"],
        recipient_id=rep["id"],
        group_id=board["id"],
        external_id="F-1",
    )
    await make_deadline(client, programme, plain, kind="hearing", status="submitted")
    await make_involvement(
        client,
        programme,
        project_id=project["id"],
        group_id=board["id"],
        participant_ids=[rep["id"], leader["id"]],
        statements="Ønskjer fleire møte",
        outcome="Teke til følgje",
        documents=[{"title": "Referat", "reference": "18/01234-5"}],
    )
    archived = await make_involvement(client, programme, matter="Arkivert sak")
    r = await client.delete(f"{API}/involvements/{archived['id']}")
    assert r.status_code == 204, r.text
    return programme


async def records_of(client, programme: dict) -> dict[str, list[dict]]:
    """Every record of the importable resources, as a programme administrator reads them."""
    found = {}
    for resource in IMPORTABLE:
        if resource == "group_members":
            continue
        path = resource
        params = {"programme_id": programme["id"]}
        items = await every_item(client, path, **params)
        if resource == "involvements":
            items += await every_item(client, path, archived="true", **params)
        found[resource] = items
    found["group_members"] = [
        member
        for group in found["groups"]
        for member in await every_item(client, f"groups/{group['id']}/members")
    ]
    return found


def old_to_new(export, outcomes) -> dict[str, str]:
    """The copy's id of each exported record: a row's record, by the row's number."""
    new_by_row = {o["row"]: o["record_id"] for o in outcomes if o["record_id"]}
    return {
        str(cells[0]): new_by_row[number]
        for _, table in export.tables
        for number, cells in table.rows()
        if number in new_by_row
    }


async def start_import(client, programme: dict, content: bytes, **params):
    return await client.post(
        f"{API}/imports",
        params={"programme_id": programme["id"], "resource": "programme"} | params,
        files={"file": ("samskap-programme.zip", content, "application/zip")},
    )


async def import_export(client, programme: dict, content: bytes, **params) -> list[dict]:
    """The export imported into the programme through POST /imports; every row's outcome."""
    r = await start_import(client, programme, content, **params)
    assert r.status_code == 201, r.text
    job = r.json()
    assert job["resource"] == "programme"
    assert job["file_format"] == "zip"
    assert job["background"] is False
    return await every_item(client, f"imports/{job['id']}/rows")


class TestRoundTrip:
    async def test_the_copy_has_the_same_records_field_by_field(self, client):
        original = await full_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content
        copy = await make_programme(client, name="Kopi")
        outcomes = await import_export(client, copy, content)
        assert [o for o in outcomes if o["outcome"] != "created"] == []
        id_map = old_to_new(read_programme_export(content), outcomes)
        before = await records_of(client, original)
        after = await records_of(client, copy)
        for resource in IMPORTABLE:
            assert len(after[resource]) == len(before[resource]), resource
            copies = {record["id"]: record for record in after[resource]}
            for record in before[resource]:
                twin = copies[id_map[record["id"]]]
                assert translated(twin, {}) == translated(record, id_map), resource
        # The states no create body sets came along.
        [archived] = [i for i in after["involvements"] if i["matter"] == "Arkivert sak"]
        assert archived["archived_at"] is not None
        [completed] = [p for p in after["phases"] if p["name"] == "Eigen fase"]
        assert completed["status"] == "completed"
        assert completed["completed_at"] is not None
        assert [r["done"] for r in completed["expected_results"]] == [True, False]

    async def test_a_programme_that_is_not_empty_is_refused(self, client):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content
        busy = await make_programme(client)
        await make_task(client, await make_project(client, busy), title="Alt her")
        r = await start_import(client, busy, content)
        assert r.status_code == 409, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert [e["code"] for e in r.json()["errors"]] == ["programme_not_empty"]
        assert await every_item(client, "people", programme_id=busy["id"]) == []
        assert await every_item(client, "imports", programme_id=busy["id"]) == []

    async def test_a_bad_row_is_reported_with_its_file_and_line(self, client):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content

        bad_email = with_line_changed("people.jsonl", 1, {"email": "ikkje ei adresse"})
        copy = await make_programme(client)
        outcomes = await import_export(client, copy, rezip(content, bad_email), mode="valid_rows")
        assert [o["row"] for o in outcomes] == list(range(1, len(outcomes) + 1))
        [bad] = [o for o in outcomes if o["outcome"] == "failed" and o["row"] == 2]
        [error] = bad["errors"]
        assert error["column"] == "email"
        assert error["detail"].startswith("people.jsonl line 2: ")
        # What referred to the refused person is refused in turn, each in its own file.
        refused = [o for o in outcomes if o["outcome"] == "failed" and o["row"] != 2]
        assert refused
        assert all(e["code"] == "unknown_reference" for o in refused for e in o["errors"])

    @pytest.mark.parametrize("erased_at", ["i går", 5, "2020-01-01T10:00:00"])
    async def test_a_state_to_restore_that_is_no_time_is_refused_at_file(self, client, erased_at):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content

        def erased(name: str, data: bytes) -> bytes:
            if name != "people.jsonl":
                return data
            lines = data.decode().splitlines()
            lines[1] = json.dumps(json.loads(lines[1]) | {"erased_at": erased_at})
            return ("\n".join(lines) + "\n").encode()

        copy = await make_programme(client)
        r = await start_import(client, copy, rezip(content, erased), mode="valid_rows")
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        [error] = r.json()["errors"]
        assert (error["pointer"], error["code"]) == ("/file", "unreadable_file")
        assert "people.jsonl line 2" in error["detail"]
        assert "erased_at" in error["detail"]
        assert await records_of(client, copy) == await records_of(
            client, await make_programme(client)
        )

    async def test_all_or_nothing_writes_nothing_when_a_row_fails(self, client):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content

        bad_task = with_line_changed("tasks.jsonl", 0, {"priority": "whenever"})
        copy = await make_programme(client)
        r = await start_import(client, copy, rezip(content, bad_task))
        assert r.status_code == 201, r.text
        job = r.json()
        assert job["status"] == "failed"
        [error, *_] = job["errors"]
        assert (error["column"], error["code"]) == ("priority", "enum")
        assert error["detail"].startswith("tasks.jsonl line 1: ")
        for path in ("people", "projects", "groups", "phases", "tasks"):
            assert await every_item(client, path, programme_id=copy["id"]) == [], path
        # Nothing was written, so the programme is still empty and takes the good file.
        r = await start_import(client, copy, content)
        assert r.json()["status"] == "succeeded", r.text

    async def test_a_dry_run_checks_every_row_and_writes_nothing(self, client):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content
        copy = await make_programme(client)
        r = await start_import(client, copy, content, dry_run="true")
        assert r.status_code == 201, r.text
        job = r.json()
        export = read_programme_export(content)
        assert job["status"] == "succeeded"
        assert job["total_rows"] == job["rows_done"] == export.total
        assert job["counts"]["created"] == export.total
        assert await every_item(client, "people", programme_id=copy["id"]) == []

    async def test_a_file_that_is_no_export_is_refused_at_file(self, client):
        copy = await make_programme(client)
        r = await start_import(client, copy, b"name\nAse\n")
        assert r.status_code == 422, r.text
        [error] = r.json()["errors"]
        assert (error["pointer"], error["code"]) == ("/file", "unknown_format")
        assert await every_item(client, "imports", programme_id=copy["id"]) == []

    async def test_an_observer_may_not_import_a_programme(self, client, accounts):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content
        copy = await make_programme(client)
        observer = await accounts.role(copy, "observer")
        r = await start_import(observer, copy, content)
        assert r.status_code == 403, r.text


class TestBackgroundProgrammeImport:
    @pytest.fixture
    def small_imports(self, app):
        """Exports of more than 5 rows are imported by the worker."""
        original = app.state.settings
        app.state.settings = original.model_copy(update={"import_background_rows": 5})
        yield
        app.state.settings = original

    async def test_a_large_export_is_queued_and_the_worker_imports_it(
        self, app, client, small_imports
    ):
        original = await full_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content
        copy = await make_programme(client)
        r = await start_import(client, copy, content)
        assert r.status_code == 202, r.text
        assert (r.json()["status"], r.json()["background"]) == ("queued", True)
        assert await every_item(client, "people", programme_id=copy["id"]) == []
        assert await worker.step(app) is True
        job = (await client.get(r.headers["location"])).json()
        assert job["status"] == "succeeded", job["errors"]
        assert job["counts"]["created"] == job["total_rows"] == job["rows_done"]
        id_map = old_to_new(
            read_programme_export(content), await every_item(client, f"imports/{job['id']}/rows")
        )
        before = await records_of(client, original)
        after = await records_of(client, copy)
        for resource in IMPORTABLE:
            copies = {record["id"]: record for record in after[resource]}
            assert len(copies) == len(before[resource]), resource
            for record in before[resource]:
                twin = copies[id_map[record["id"]]]
                assert translated(twin, {}) == translated(record, id_map), resource

    async def test_a_failed_background_import_writes_nothing(self, app, client, small_imports):
        original = await small_programme(client)
        content = (await client.get(f"{API}/programmes/{original['id']}/export")).content

        bad_person = with_line_changed("people.jsonl", 0, {"affiliation": "astronaut"})
        copy = await make_programme(client)
        r = await start_import(client, copy, rezip(content, bad_person))
        assert r.status_code == 202, r.text
        assert await worker.step(app) is True
        job = (await client.get(r.headers["location"])).json()
        assert job["status"] == "failed"
        assert job["errors"][0]["row"] == 1
        assert job["errors"][0]["code"] == "enum"
        assert await every_item(client, "people", programme_id=copy["id"]) == []
        assert await every_item(client, "tasks", programme_id=copy["id"]) == []
