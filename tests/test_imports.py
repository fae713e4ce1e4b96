"""Imports: CSV, XLSX and JSON files of people, groups and members written through the
API's own rules; upserts by external key, dry runs, modes, errors per row and column,
Idempotency-Key, background imports run by the worker, cancelling, and who may."""

import asyncio
import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import event, func, select, update

from samskap.auth.principal import SYSTEM
from samskap.imports import worker
from samskap.imports.engine import TableImport, import_table, plan_columns
from samskap.imports.readers import read_table
from samskap.imports.service import open_writes
from samskap.models import AuditEvent, Person
from samskap.models.enums import ImportResource
from samskap.models.imports import Import
from samskap.problems import ValidationFailed
from tests.conftest import BACKEND
from tests.factories import API, make_group, make_person, make_programme

PROBLEM = "application/problem+json"


def csv_file(rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_file(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_file(items: list[dict]) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode()


async def upload(client, programme, resource, content, filename="fil.csv", headers=None, **params):
    return await client.post(
        f"{API}/imports",
        params={"programme_id": programme["id"], "resource": resource, **params},
        files={"file": (filename, content, "application/octet-stream")},
        headers=headers or {},
    )


async def imported(client, programme, resource, content, filename="fil.csv", **params) -> dict:
    r = await upload(client, programme, resource, content, filename, **params)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"{API}/imports/{r.json()['id']}"
    return r.json()


async def people_of(client, programme) -> dict[str, dict]:
    r = await client.get(f"{API}/people", params={"programme_id": programme["id"], "limit": 500})
    return {p["external_id"]: p for p in r.json()["items"]}


async def audit_count(app) -> int:
    async with app.state.sessions() as session:
        return await session.scalar(select(func.count()).select_from(AuditEvent))


PEOPLE = [
    ["external_id", "name", "email", "organisation_unit", "affiliation"],
    ["HR-1", "Kari Nordmann", "kari@example.kommune.no", "Oppvekst", "employee"],
    ["HR-2", "Ola Nordmann", "ola@example.kommune.no", "Helse", "elected_official"],
]


class TestPeople:
    async def test_a_csv_of_people_creates_them_and_a_second_run_changes_nothing(self, client, app):
        programme = await make_programme(client)
        first = await imported(client, programme, "people", csv_file(PEOPLE))
        assert first["status"] == "succeeded", first["errors"]
        assert first["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
        people = await people_of(client, programme)
        assert people["HR-1"]["name"] == "Kari Nordmann"
        assert people["HR-2"]["affiliation"] == "elected_official"
        before = await audit_count(app)
        again = await imported(client, programme, "people", csv_file(PEOPLE))
        assert again["counts"] == {"created": 0, "updated": 0, "unchanged": 2, "failed": 0}
        # Only the import itself is recorded: no record changed.
        assert await audit_count(app) == before + 1
        assert await people_of(client, programme) == people

    async def test_a_changed_cell_updates_only_the_columns_in_the_file(self, client, app):
        programme = await make_programme(client)
        await imported(client, programme, "people", csv_file(PEOPLE))
        kari = (await people_of(client, programme))["HR-1"]
        changed = csv_file(
            [["external_id", "name"], ["HR-1", "Kari Nordmann-Berg"], ["HR-2", "Ola Nordmann"]]
        )
        result = await imported(client, programme, "people", changed)
        assert result["counts"] == {"created": 0, "updated": 1, "unchanged": 1, "failed": 0}
        rows = (await client.get(f"{API}/imports/{result['id']}/rows")).json()["items"]
        assert [(r["row"], r["outcome"], r["record_id"]) for r in rows] == [
            (2, "updated", kari["id"]),
            (3, "unchanged", (await people_of(client, programme))["HR-2"]["id"]),
        ]
        after = (await people_of(client, programme))["HR-1"]
        assert after["name"] == "Kari Nordmann-Berg"
        assert after["email"] == kari["email"]  # not in the file: kept
        assert after["version"] == kari["version"] + 1
        async with app.state.sessions() as session:
            events = (
                await session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.record_id == uuid.UUID(kari["id"]),
                        AuditEvent.action == "update",
                    )
                )
            ).all()
        assert [e.after["name"] for e in events] == ["Kari Nordmann-Berg"]

    async def test_xlsx_and_json_files_of_people(self, client):
        programme = await make_programme(client)
        book = xlsx_file(
            [
                ["Ekstern ID", "Navn", "E-post", "Kommunenummer"],
                ["X-1", "Per Hansen", "per@example.no", "0213"],
            ]
        )
        result = await imported(client, programme, "people", book, "folk.xlsx")
        assert result["status"] == "succeeded", result["errors"]
        assert result["file_format"] == "xlsx"
        items = [
            {"external_id": "J-1", "name": "Lise Berg", "affiliation": "nav"},
            {"external_id": "J-2", "name": "Tor Dahl", "email": None},
        ]
        result = await imported(client, programme, "people", json_file(items), "folk.json")
        assert result["counts"]["created"] == 2, result["errors"]
        people = await people_of(client, programme)
        assert (
            people["X-1"]["municipality_number"] == "0213"
            or people["X-1"]["municipality_number"] == "213"
        )
        assert people["J-1"]["affiliation"] == "nav"
        # A key left out of a JSON item leaves the field as it is.
        again = await imported(
            client,
            programme,
            "people",
            json_file(
                [{"external_id": "J-1", "title": "Rådgiver"}, {"external_id": "J-3", "name": "Ny"}]
            ),
        )
        assert again["counts"]["updated"] == 1, again["errors"]
        assert again["counts"]["created"] == 1
        lise = (await people_of(client, programme))["J-1"]
        assert (lise["name"], lise["affiliation"], lise["title"]) == (
            "Lise Berg",
            "nav",
            "Rådgiver",
        )

    async def test_norwegian_headers_and_a_windows_1252_file_with_aeoeaa(self, client):
        programme = await make_programme(client)
        rows = [
            ["Ekstern id", "Navn", "E-post", "Enhet", "Stilling"],
            ["N-1", "Åse Ødegård", "ase@example.no", "Helse og omsorg", "Sykepleier"],
            ["N-2", "Bjørn Æsø", "", "Oppvekst", "Lærer"],
        ]
        result = await imported(client, programme, "people", csv_file(rows, encoding="cp1252"))
        assert result["status"] == "succeeded", result["errors"]
        people = await people_of(client, programme)
        assert people["N-1"]["name"] == "Åse Ødegård"
        assert people["N-2"]["name"] == "Bjørn Æsø"
        assert people["N-2"]["email"] is None
        assert people["N-1"]["title"] == "Sykepleier"

    async def test_the_api_rules_and_codes_apply_to_each_row(self, client):
        programme = await make_programme(client)
        rows = [
            ["external_id", "name", "email", "affiliation", "union", "municipality_number"],
            ["R-1", "", "a@example.no", "employee", "", ""],
            ["R-2", "Ok", "ikke-epost", "employee", "", ""],
            ["R-3", "Ok", "", "employee", "Fagforbundet", ""],
            ["R-4", "Ok", "", "employee", "", "9999"],
            ["R-5", "Ok", "", "sjef", "", ""],
            ["R-6", "Riktig", "", "union_representative", "Fagforbundet", "0217"],
        ]
        result = await imported(client, programme, "people", csv_file(rows), mode="valid_rows")
        assert result["status"] == "failed"
        errors = {(e["row"], e["column"], e["code"]) for e in result["errors"]}
        assert errors == {
            (2, "name", "missing"),
            (3, "email", "value_error"),
            (4, "union", "union_not_allowed"),
            (5, "municipality_number", "unknown_municipality"),
            (6, "affiliation", "enum"),
        }, result["errors"]
        assert list(await people_of(client, programme)) == ["R-6"]


def numbered_people(n: int, bad: set[int] = frozenset()) -> bytes:
    rows = [["external_id", "name", "email"]]
    for i in range(n):
        rows.append([f"P-{i}", "" if i in bad else f"Person {i}", f"p{i}@example.no"])
    return csv_file(rows)


class TestModes:
    async def test_three_bad_rows_among_a_thousand_write_nothing_in_all_or_nothing(
        self, client, app
    ):
        programme = await make_programme(client)
        before = await audit_count(app)
        result = await imported(client, programme, "people", numbered_people(1000, {10, 500, 998}))
        assert result["status"] == "failed"
        assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
            (12, "name", "missing"),
            (502, "name", "missing"),
            (1000, "name", "missing"),
        ]
        assert result["counts"] == {"created": 997, "updated": 0, "unchanged": 0, "failed": 3}
        assert await people_of(client, programme) == {}
        assert await audit_count(app) == before + 1  # the import's own event only
        failed = (
            await client.get(f"{API}/imports/{result['id']}/rows", params={"outcome": "failed"})
        ).json()
        assert [r["row"] for r in failed["items"]] == [12, 502, 1000]

    async def test_valid_rows_writes_the_good_ones(self, client, app):
        programme = await make_programme(client)
        result = await imported(
            client, programme, "people", numbered_people(1000, {10, 500, 998}), mode="valid_rows"
        )
        assert result["status"] == "failed"
        assert result["counts"]["created"] == 997
        assert [e["row"] for e in result["errors"]] == [12, 502, 1000]
        async with app.state.sessions() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.programme_id == uuid.UUID(programme["id"]))
            )
        assert count == 997

    async def test_a_dry_run_writes_only_its_report(self, client, app):
        programme = await make_programme(client)
        before = await audit_count(app)
        result = await imported(
            client, programme, "people", numbered_people(5, {3}), dry_run="true", mode="valid_rows"
        )
        assert result["dry_run"] is True
        assert result["counts"] == {"created": 4, "updated": 0, "unchanged": 0, "failed": 1}
        assert await people_of(client, programme) == {}
        assert await audit_count(app) == before + 1
        rows = (await client.get(f"{API}/imports/{result['id']}/rows")).json()["items"]
        assert {r["record_id"] for r in rows} == {None}

    async def test_the_same_key_twice_in_a_file(self, client):
        programme = await make_programme(client)
        rows = [["external_id", "name"], ["D-1", "En"], ["D-2", "To"], ["D-1", "Tre"]]
        result = await imported(client, programme, "people", csv_file(rows), mode="valid_rows")
        assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
            (4, "external_id", "duplicate_in_file")
        ]
        assert (await people_of(client, programme))["D-1"]["name"] == "En"

    async def test_a_row_without_external_id_is_always_created(self, client):
        programme = await make_programme(client)
        rows = csv_file([["name"], ["Uten nøkkel"]])
        await imported(client, programme, "people", rows)
        again = await imported(client, programme, "people", rows)
        assert again["counts"]["created"] == 1
        listed = await client.get(f"{API}/people", params={"programme_id": programme["id"]})
        assert len(listed.json()["items"]) == 2


class TestFileProblems:
    @pytest.mark.parametrize(
        ("rows", "code", "column"),
        [
            (
                [["external_id", "name", "skonummer"], ["A", "B", "44"]],
                "unknown_column",
                "skonummer",
            ),
            ([["external_id", "email"], ["A", "a@example.no"]], "missing_column", "name"),
            ([["name", "Navn"], ["A", "B"]], "duplicate_column", "Navn"),
        ],
    )
    async def test_a_bad_header_stores_nothing(self, client, rows, code, column):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", csv_file(rows))
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/file", code)
        assert error["params"]["column"] == column
        if code == "unknown_column":
            assert "organisation_unit" in error["params"]["accepted"]
        listed = await client.get(f"{API}/imports", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []
        assert await people_of(client, programme) == {}

    async def test_an_unreadable_file(self, client):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", b"", "tom.csv")
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/file"
        assert r.json()["errors"][0]["code"] == "empty_file"

    async def test_a_file_name_with_control_characters_is_kept_without_them(self, client):
        """A multipart header may carry a NUL in the file name (httpx escapes one, so the body
        is written by hand): the name is kept as the files upload keeps one, never a 500."""
        programme = await make_programme(client)
        boundary = "samskap-grense"
        body = (
            (
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="file"; filename="per\x00so\x07ner.csv"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            ).encode()
            + csv_file(PEOPLE)
            + f"\r\n--{boundary}--\r\n".encode()
        )
        r = await client.post(
            f"{API}/imports",
            params={"programme_id": programme["id"], "resource": "people", "dry_run": "true"},
            content=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert r.status_code == 201, r.text
        assert r.json()["filename"] == "personer.csv"

    async def test_a_file_over_the_upload_limit_answers_413_and_stores_nothing(self, app, client):
        programme = await make_programme(client)
        content = csv_file(PEOPLE)
        saved = app.state.settings.max_upload_bytes
        app.state.settings.max_upload_bytes = len(content) - 1
        try:
            r = await upload(client, programme, "people", content)
        finally:
            app.state.settings.max_upload_bytes = saved
        assert r.status_code == 413, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        assert r.json()["errors"] == [
            {
                "pointer": "/file",
                "code": "file_too_large",
                "detail": f"at most {len(content) - 1} bytes",
                "params": {"max": str(len(content) - 1)},
            }
        ]
        listed = await client.get(f"{API}/imports", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []
        assert await people_of(client, programme) == {}


class TestGroupsAndMembers:
    async def test_groups_and_members_by_external_key_from_csv_xlsx_and_json(self, client):
        programme = await make_programme(client)
        project = await client.post(
            f"{API}/projects",
            json={
                "programme_id": programme["id"],
                "code": "A1",
                "name": "Oppvekst",
                "external_id": "PRJ-1",
            },
        )
        assert project.status_code == 201
        await imported(client, programme, "people", csv_file(PEOPLE))
        groups = csv_file(
            [
                ["external_id", "name", "kind", "project_external_id"],
                ["G-1", "Prosjektstyre Oppvekst", "project_board", "PRJ-1"],
                ["G-2", "Arbeidsgruppe", "working_group", ""],
                ["G-3", "Feil", "working_group", "PRJ-404"],
            ]
        )
        result = await imported(client, programme, "groups", groups, mode="valid_rows")
        assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
            (4, "project_external_id", "unknown_reference")
        ]
        listed = (
            await client.get(f"{API}/groups", params={"programme_id": programme["id"]})
        ).json()["items"]
        by_key = {g["external_id"]: g for g in listed}
        assert by_key["G-1"]["project_id"] == project.json()["id"]
        assert by_key["G-2"]["project_id"] is None
        members = xlsx_file(
            [
                ["gruppe", "person", "rolle", "part", "stillingsprosent", "fra"],
                ["G-1", "HR-1", "chair", "administration", 20, datetime(2018, 1, 1)],
                ["G-1", "HR-2", "member", "employees", None, None],
            ]
        )
        result = await imported(client, programme, "group_members", members, "medlemmer.xlsx")
        assert result["status"] == "succeeded", result["errors"]
        seats = (await client.get(f"{API}/groups/{by_key['G-1']['id']}/members")).json()["items"]
        people = await people_of(client, programme)
        seated = {
            (s["person_id"], s["role"], s["allocation_percent"], s["starts_on"]) for s in seats
        }
        assert seated == {
            (people["HR-1"]["id"], "chair", 20, "2018-01-01"),
            (people["HR-2"]["id"], "member", None, None),
        }
        # The group and person are the key: the same file again changes nothing, a changed
        # role is an update of the seat.
        again = await imported(client, programme, "group_members", members, "medlemmer.xlsx")
        assert again["counts"]["unchanged"] == 2
        changed = json_file(
            [
                {"group_external_id": "G-1", "person_external_id": "HR-2", "role": "secretary"},
                {"group_external_id": "G-2", "person_external_id": "HR-2", "party": "employees"},
                {"group_external_id": "G-2", "person_external_id": "HR-9", "party": "employees"},
                {"group_external_id": "G-2", "person_external_id": "HR-2", "party": "other"},
            ]
        )
        result = await imported(
            client, programme, "group_members", changed, "m.json", mode="valid_rows"
        )
        assert result["counts"] == {"created": 1, "updated": 1, "unchanged": 0, "failed": 2}
        assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
            (3, "person_external_id", "unknown_reference"),
            (4, None, "duplicate_in_file"),
        ]
        seats = (await client.get(f"{API}/groups/{by_key['G-1']['id']}/members")).json()["items"]
        assert {s["role"] for s in seats} == {"chair", "secretary"}

    async def test_member_rules_come_from_the_members_service(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme, external_id="G-1")
        person = await make_person(client, programme, external_id="HR-1")
        rows = csv_file(
            [
                ["group_id", "person_id", "party", "starts_on", "ends_on", "municipality_number"],
                [group["id"], person["id"], "employees", "2019-01-01", "2018-01-01", ""],
            ]
        )
        result = await imported(client, programme, "group_members", rows)
        assert [(e["column"], e["code"]) for e in result["errors"]] == [("ends_on", "before_start")]
        other = await make_programme(client)
        stranger = await make_person(client, other)
        rows = csv_file(
            [["group_id", "person_id", "party"], [group["id"], stranger["id"], "employees"]]
        )
        result = await imported(client, programme, "group_members", rows)
        assert [(e["column"], e["code"]) for e in result["errors"]] == [
            ("person_id", "unknown_reference")
        ]


class TestIdempotency:
    async def test_the_same_key_replays_and_another_file_is_refused(self, client, app):
        programme = await make_programme(client)
        key = {"Idempotency-Key": "people-2026-12-03"}
        first = await upload(client, programme, "people", csv_file(PEOPLE), headers=key)
        assert first.status_code == 201
        before = await audit_count(app)
        again = await upload(client, programme, "people", csv_file(PEOPLE), headers=key)
        assert again.status_code == 201
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["counts"]["created"] == 2
        assert await audit_count(app) == before + 1  # the replay, no record
        other = await upload(client, programme, "people", numbered_people(2), headers=key)
        assert other.status_code == 422
        assert other.json()["errors"][0]["code"] == "idempotency_key_reused"
        options = await upload(
            client, programme, "people", csv_file(PEOPLE), headers=key, dry_run="true"
        )
        assert options.status_code == 422
        bad = await upload(
            client,
            programme,
            "people",
            csv_file(PEOPLE),
            headers={"Idempotency-Key": "med mellomrom"},
        )
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["parameter"] == "idempotency-key"

    async def test_two_requests_with_one_key_at_once_import_once(self, client):
        programme = await make_programme(client)
        key = {"Idempotency-Key": "samtidig"}
        answers = await asyncio.gather(
            *(upload(client, programme, "people", csv_file(PEOPLE), headers=key) for _ in range(2))
        )
        assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
        assert answers[0].json()["id"] == answers[1].json()["id"]
        assert len(await people_of(client, programme)) == 2


@pytest.fixture
def small_batches(app):
    """Files over 5 rows run in the background, in chunks of 4 rows."""
    original = app.state.settings
    app.state.settings = original.model_copy(
        update={"import_background_rows": 5, "import_chunk_rows": 4}
    )
    yield app.state.settings
    app.state.settings = original


async def job_of(client, answer) -> dict:
    return (await client.get(answer.headers["location"])).json()


class TestBackground:
    async def test_a_large_file_is_queued_and_the_worker_runs_it_with_progress(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10), mode="valid_rows")
        assert r.status_code == 202, r.text
        assert r.json()["status"] == "queued"
        assert r.json()["background"] is True
        assert r.json()["total_rows"] == 10
        assert await people_of(client, programme) == {}
        seen = []

        async def watch(_job_id):
            seen.append((await job_of(client, r))["rows_done"])

        assert await worker.step(app, after_chunk=watch) is True
        assert seen == [4, 8, 10]
        done = await job_of(client, r)
        assert done["status"] == "succeeded"
        assert (done["rows_done"], done["counts"]["created"]) == (10, 10)
        assert done["started_at"] is not None and done["finished_at"] is not None
        assert len(await people_of(client, programme)) == 10
        assert await worker.step(app) is False

    async def test_all_or_nothing_in_the_background(self, client, app, small_batches):
        programme = await make_programme(client)
        bad = await upload(client, programme, "people", numbered_people(10, {7}))
        good = await upload(client, programme, "people", numbered_people(9))
        assert await worker.step(app) and await worker.step(app)
        failed = await job_of(client, bad)
        assert failed["status"] == "failed"
        assert [(e["row"], e["code"]) for e in failed["errors"]] == [(9, "missing")]
        assert failed["counts"]["created"] == 9
        succeeded = await job_of(client, good)
        assert succeeded["status"] == "succeeded", succeeded["errors"]
        assert set(await people_of(client, programme)) == {f"P-{i}" for i in range(9)}
        rows = (
            await client.get(f"{API}/imports/{good.json()['id']}/rows", params={"limit": 5})
        ).json()
        assert [r["row"] for r in rows["items"]] == [2, 3, 4, 5, 6]
        rest = (
            await client.get(
                f"{API}/imports/{good.json()['id']}/rows",
                params={"limit": 5, "cursor": rows["next_cursor"]},
            )
        ).json()
        assert [r["row"] for r in rest["items"]] == [7, 8, 9, 10]
        assert rest["next_cursor"] is None

    async def test_a_repeated_key_answers_202_for_a_background_import(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        key = {"Idempotency-Key": "stor-fil"}
        first = await upload(client, programme, "people", numbered_people(8), headers=key)
        again = await upload(client, programme, "people", numbered_people(8), headers=key)
        assert (first.status_code, again.status_code) == (202, 202)
        assert first.json()["id"] == again.json()["id"]

    async def test_cancelling_a_queued_import_stops_it_at_once(self, client, app, small_batches):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10))
        cancelled = await client.post(f"{r.headers['location']}/cancel")
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["cancel_requested_at"] is not None
        assert await worker.step(app) is False
        again = await client.post(f"{r.headers['location']}/cancel")
        assert again.status_code == 409
        assert again.json()["errors"][0]["code"] == "not_running"
        assert await people_of(client, programme) == {}

    async def test_cancelling_a_running_valid_rows_import_keeps_the_chunks_done(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10), mode="valid_rows")

        async def cancel(_job_id):
            answer = await client.post(f"{r.headers['location']}/cancel")
            assert answer.status_code == 200
            assert answer.json()["status"] == "running"

        await worker.step(app, after_chunk=cancel)
        job = await job_of(client, r)
        assert (job["status"], job["rows_done"]) == ("cancelled", 4)
        assert set(await people_of(client, programme)) == {"P-0", "P-1", "P-2", "P-3"}

    @pytest.mark.skipif(
        BACKEND == "sqlite",
        reason="SQLite has one writer: a request waits for an all_or_nothing import to end",
    )
    async def test_cancelling_a_running_all_or_nothing_import_writes_nothing(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10))

        async def cancel(_job_id):
            assert (await client.post(f"{r.headers['location']}/cancel")).status_code == 200

        await worker.step(app, after_chunk=cancel)
        job = await job_of(client, r)
        assert job["status"] == "cancelled"
        assert await people_of(client, programme) == {}

    async def test_an_import_handed_back_resumes_after_its_rows_done(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10, {9}), mode="valid_rows")

        async def stop(_job_id):
            raise asyncio.CancelledError  # the process stops after the first chunk

        with pytest.raises(asyncio.CancelledError):
            await worker.step(app, after_chunk=stop)
        job = await job_of(client, r)
        assert (job["status"], job["rows_done"]) == ("queued", 4)
        assert await worker.step(app) is True
        job = await job_of(client, r)
        assert (job["status"], job["rows_done"]) == ("failed", 10)
        assert job["counts"] == {"created": 9, "updated": 0, "unchanged": 0, "failed": 1}
        assert len(await people_of(client, programme)) == 9
        rows = (await client.get(f"{API}/imports/{job['id']}/rows", params={"limit": 100})).json()
        assert [x["row"] for x in rows["items"]] == list(range(2, 12))

    async def test_a_running_import_whose_worker_died_is_taken_up_again(
        self, client, app, small_batches
    ):
        programme = await make_programme(client)
        r = await upload(client, programme, "people", numbered_people(10))
        job_id = uuid.UUID(r.json()["id"])
        claimed = await worker.claim(app.state.sessions, app.state.settings)
        assert claimed == (job_id, 1)
        # Its heartbeat is fresh: nobody else takes it.
        assert await worker.claim(app.state.sessions, app.state.settings) is None
        async with app.state.sessions() as session:
            await session.execute(
                update(Import)
                .where(Import.id == job_id)
                .values(heartbeat_at=datetime.now(UTC) - timedelta(minutes=5))
            )
            await session.commit()
        assert await worker.step(app) is True
        job = await job_of(client, r)
        assert job["status"] == "succeeded"
        assert len(await people_of(client, programme)) == 10


class TestAccess:
    async def test_who_may_import_read_and_cancel(self, client, accounts, small_batches):
        programme = await make_programme(client)
        observer = await accounts.role(programme, "observer")
        member = await accounts.role(programme, "member")
        editor = await accounts.role(programme, "editor")
        other_editor = await accounts.role(programme, "editor")
        admin = await accounts.role(programme, "programme_admin")
        stranger = await accounts.role(await make_programme(client), "programme_admin")
        for http in (observer, member):
            r = await upload(http, programme, "people", csv_file(PEOPLE))
            assert r.status_code == 403, r.text
        r = await upload(stranger, programme, "people", csv_file(PEOPLE))
        assert r.status_code == 404
        done = await upload(editor, programme, "people", csv_file(PEOPLE))
        assert done.status_code == 201
        queued = await upload(editor, programme, "people", numbered_people(10))
        assert queued.status_code == 202
        for http in (observer, member, admin):
            assert (await http.get(queued.headers["location"])).status_code == 200
            listed = await http.get(f"{API}/imports")
            assert {i["id"] for i in listed.json()["items"]} == {
                done.json()["id"],
                queued.json()["id"],
            }
        assert (await stranger.get(queued.headers["location"])).status_code == 404
        assert (await stranger.get(f"{API}/imports")).json()["items"] == []
        assert (await stranger.get(f"{queued.headers['location']}/rows")).status_code == 404
        for http in (observer, other_editor):
            r = await http.post(f"{queued.headers['location']}/cancel")
            assert r.status_code == 403, r.text
        assert (await stranger.post(f"{queued.headers['location']}/cancel")).status_code == 404
        assert (await admin.post(f"{queued.headers['location']}/cancel")).status_code == 200

    async def test_api_token_scopes(self, client, accounts):
        programme = await make_programme(client)
        tokens = {}
        for scope in ("read", "read_write"):
            r = await client.post(
                f"{API}/api-tokens",
                json={"programme_id": programme["id"], "name": scope, "scope": scope},
            )
            assert r.status_code == 201, r.text
            tokens[scope] = accounts.bearer(r.json()["token"])
        r = await upload(tokens["read"], programme, "people", csv_file(PEOPLE))
        assert r.status_code == 403
        r = await upload(tokens["read_write"], programme, "people", csv_file(PEOPLE))
        assert r.status_code == 201, r.text
        assert r.json()["requested_by_user_id"] is None
        own = await tokens["read_write"].post(f"{r.headers['location']}/cancel")
        assert own.status_code == 409  # its own import, but it has finished
        assert (await tokens["read"].get(r.headers["location"])).status_code == 200

    async def test_the_filters_of_the_list(self, client):
        programme = await make_programme(client)
        await imported(client, programme, "people", csv_file(PEOPLE))
        await upload(client, programme, "people", numbered_people(3, {1}))
        failed = await client.get(
            f"{API}/imports", params={"programme_id": programme["id"], "status": "failed"}
        )
        assert [i["counts"]["failed"] for i in failed.json()["items"]] == [1]
        groups = await client.get(f"{API}/imports", params={"resource": "groups"})
        assert groups.json()["items"] == []
        everything = await client.get(f"{API}/imports", params={"programme_id": programme["id"]})
        statuses = [i["status"] for i in everything.json()["items"]]
        assert statuses == ["failed", "succeeded"]  # newest first


class TestOtherResources:
    async def test_projects_tasks_deadlines_and_involvements(self, client):
        programme = await make_programme(client)
        await imported(client, programme, "people", csv_file(PEOPLE))
        projects = csv_file(
            [
                [
                    "external_id",
                    "code",
                    "name",
                    "category",
                    "prosjektleder",
                    "fasemal",
                    "berører nav",
                ],
                [
                    "PRJ-1",
                    "A1",
                    "Oppvekst",
                    "administrative",
                    "HR-1",
                    "reorganisation-five-phases",
                    "nei",
                ],
                ["PRJ-2", "A2", "Helse", "administrative", "", "", "ja"],
            ]
        )
        result = await imported(client, programme, "projects", projects)
        assert result["status"] == "succeeded", result["errors"]
        listed = (
            await client.get(f"{API}/projects", params={"programme_id": programme["id"]})
        ).json()["items"]
        first = next(p for p in listed if p["external_id"] == "PRJ-1")
        people = await people_of(client, programme)
        assert first["leader_id"] == people["HR-1"]["id"]
        assert {p["external_id"]: p["concerns_nav"] for p in listed} == {
            "PRJ-1": False,
            "PRJ-2": True,
        }
        phases = (await client.get(f"{API}/phases", params={"project_id": first["id"]})).json()
        assert len(phases["items"]) == 5  # after_create made the template's phases
        again = await imported(client, programme, "projects", projects)
        assert again["counts"]["unchanged"] == 2, again["errors"]

        tasks = csv_file(
            [
                ["external_id", "project_external_id", "title", "parent_external_id", "ansvarlig"],
                ["T-1", "PRJ-1", "Kartlegge", "", "HR-2"],
                ["T-2", "PRJ-1", "Intervjuer", "T-1", ""],
                ["T-3", "PRJ-2", "Feil forelder", "T-1", ""],
            ]
        )
        result = await imported(client, programme, "tasks", tasks, mode="valid_rows")
        assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
            (4, "parent_external_id", "unknown_reference")
        ]
        listed = (
            await client.get(f"{API}/tasks", params={"programme_id": programme["id"]})
        ).json()["items"]
        by_key = {t["external_id"]: t for t in listed}
        assert by_key["T-2"]["parent_id"] == by_key["T-1"]["id"]
        assert by_key["T-1"]["assignee_id"] == people["HR-2"]["id"]

        deadlines = csv_file(
            [
                ["external_id", "title", "due_at", "responsible_person_external_id"],
                ["F-1", "Innspill", "2031-01-01T12:00:00+01:00", "HR-1"],
                ["F-2", "Uten ansvarlig", "2031-01-01T12:00:00+01:00", ""],
            ]
        )
        result = await imported(client, programme, "deadlines", deadlines, mode="valid_rows")
        assert [(e["row"], e["code"]) for e in result["errors"]] == [
            (3, "one_responsible_required")
        ]
        involvements = json_file(
            [
                {
                    "external_id": "M-1",
                    "matter": "Informasjonsmøte",
                    "stakeholder_kind": "employees",
                    "form": "information",
                    "occurred_on": "2018-09-06",
                    "participant_external_ids": ["HR-1", "HR-2"],
                }
            ]
        )
        result = await imported(client, programme, "involvements", involvements, "m.json")
        assert result["status"] == "succeeded", result["errors"]
        listed = (
            await client.get(f"{API}/involvements", params={"programme_id": programme["id"]})
        ).json()["items"]
        assert sorted(listed[0]["participant_ids"]) == sorted(
            [people["HR-1"]["id"], people["HR-2"]["id"]]
        )
        again = await imported(client, programme, "involvements", involvements, "m.json")
        assert again["counts"]["unchanged"] == 1, again["errors"]


class TestWorkerRefusals:
    async def test_an_import_whose_sender_can_no_longer_act_fails(
        self, client, accounts, app, small_batches
    ):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/api-tokens",
            json={"programme_id": programme["id"], "name": "HR", "scope": "read_write"},
        )
        token = r.json()
        http = accounts.bearer(token["token"])
        queued = await upload(http, programme, "people", numbered_people(10))
        assert queued.status_code == 202
        revoked = await client.delete(f"{API}/api-tokens/{token['id']}")
        assert revoked.status_code == 204, revoked.text
        assert await worker.step(app) is True
        job = await job_of(client, queued)
        assert job["status"] == "failed"
        assert [(e["row"], e["code"]) for e in job["errors"]] == [(1, "requester_gone")]
        assert await people_of(client, programme) == {}


class TestListCost:
    async def test_the_list_costs_the_same_for_any_page_size(self, client, app):
        programme = await make_programme(client)
        for bad in ({0}, {1, 2}, set()):
            await upload(client, programme, "people", numbered_people(4, bad))
        engine = app.state.engine.sync_engine
        counts = {}
        for limit in (1, 50):
            statements = []

            def count(_conn, _cursor, statement, *_args, seen=statements):
                seen.append(statement)

            # Once first, so that both counts find the caller already known (the uploads'
            # people were a change that makes the next request look the caller up again).
            assert (await client.get(f"{API}/imports", params={"limit": limit})).is_success
            event.listen(engine, "before_cursor_execute", count)
            try:
                r = await client.get(f"{API}/imports", params={"limit": limit})
                assert r.status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts[limit] = len(statements)
        assert counts[1] == counts[50], counts


class TestDatabaseRefusals:
    async def test_a_row_the_database_refuses_is_rolled_back_alone(self, client, app):
        """A key written by someone else between the chunk's look-up and its insert: the
        batch is refused, each row is tried alone, and only that row fails."""
        programme = await make_programme(client)
        await make_person(client, programme, external_id="P-1", name="Skrevet imens")

        class Blind(TableImport):
            async def _load_existing(self, rows, resolved):
                return {}  # as if P-1 had not been written yet when the chunk looked

        table = read_table(numbered_people(3), "p.csv")
        async with app.state.sessions() as session:
            await open_writes(session)
            rows = Blind(
                session,
                SYSTEM,
                uuid.UUID(programme["id"]),
                ImportResource.people,
                plan_columns(ImportResource.people, table.columns),
            )
            await rows.prepare()
            outcomes = await rows.process(list(table.rows()))
            await session.commit()
        assert [(o.row, o.outcome) for o in outcomes] == [
            (2, "created"),
            (3, "failed"),
            (4, "created"),
        ]
        assert outcomes[1].errors[0]["code"] == "already_in_use"
        people = await people_of(client, programme)
        assert people["P-1"]["name"] == "Skrevet imens"
        assert set(people) == {"P-0", "P-1", "P-2"}


class TestIdMap:
    async def test_old_ids_are_mapped_to_the_new_records(self, client, app):
        """A programme import's way in: an `id` column, and references holding old ids."""
        programme = await make_programme(client)
        project = await client.post(
            f"{API}/projects", json={"programme_id": programme["id"], "code": "A", "name": "A"}
        )
        old_person, old_project, old_parent, old_child = (uuid.uuid4() for _ in range(4))
        id_map = {old_project: uuid.UUID(project.json()["id"])}
        people = read_table(json_file([{"id": str(old_person), "name": "Gammel"}]), "p.json")
        tasks = read_table(
            json_file(
                [
                    {
                        "id": str(old_parent),
                        "project_id": str(old_project),
                        "title": "Forelder",
                        "assignee_id": str(old_person),
                    },
                    {
                        "id": str(old_child),
                        "project_id": str(old_project),
                        "title": "Barn",
                        "parent_id": str(old_parent),
                    },
                ]
            ),
            "t.json",
        )
        pid = uuid.UUID(programme["id"])
        async with app.state.sessions() as session:
            await open_writes(session)
            done = await import_table(
                session, SYSTEM, pid, ImportResource.people, people, id_map=id_map
            )
            done += await import_table(
                session, SYSTEM, pid, ImportResource.tasks, tasks, id_map=id_map
            )
            await session.commit()
        assert [o.outcome for o in done] == ["created"] * 3, [o.errors for o in done]
        assert set(id_map) == {old_person, old_project, old_parent, old_child}
        parent = (await client.get(f"{API}/tasks/{id_map[old_parent]}")).json()
        child = (await client.get(f"{API}/tasks/{id_map[old_child]}")).json()
        assert parent["assignee_id"] == str(id_map[old_person])
        assert child["parent_id"] == parent["id"]
        # Without a map, an `id` column is no column of a file.
        with pytest.raises(ValidationFailed) as refused:
            plan_columns(ImportResource.people, ["id", "name"])
        assert refused.value.errors[0]["code"] == "unknown_column"
