"""Import templates: each resource's columns as JSON, as a CSV and an XLSX file to fill in, and
the documentation generated from the same column mapping."""

import csv
import io
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from samskap.imports.columns import COMMON_NORWEGIAN, NORWEGIAN, REFERENCES, create_body, fields
from samskap.imports.readers import read_table
from samskap.imports.templates import EXAMPLES, markdown
from samskap.models.enums import ImportResource as R
from samskap.models.enums import Vocabulary
from tests.factories import API, make_person, make_programme

TEMPLATES = f"{API}/imports/templates"
RESOURCES = [r for r in R if r != R.programme]
PROBLEM = "application/problem+json"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "imports.md"


def header_of(resource: R) -> list[str]:
    """The template's header as the column mapping defines it: the fields, references by key."""
    by_key = {ref.field: ref.by_key for ref in REFERENCES[resource]}
    return [by_key.get(name, name) for name in fields(resource)]


def vocabulary_of(resource: R, name: str) -> list[str] | None:
    info = create_body(resource).model_fields.get(name)
    annotation = info.annotation if info else None
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return [m.value for m in annotation]
    return None


def as_body(resource: R, row: dict) -> dict:
    """A template row as the resource's create body: empty cells left out, lists split, and
    references by key replaced by ids (their look-up is the import's, not the body's)."""
    references = {ref.by_key: ref for ref in REFERENCES[resource]}
    fields_of_body = create_body(resource).model_fields
    body: dict = {"programme_id": str(uuid.uuid4())} if "programme_id" in fields_of_body else {}
    for header, value in row.items():
        if value is None or value == "":
            continue
        if header in references:
            ref = references[header]
            keys = value.split(";") if isinstance(value, str) else value
            body[ref.field] = [str(uuid.uuid4()) for _ in keys] if ref.many else str(uuid.uuid4())
        else:
            body[header] = value
    body.pop("group_id", None)  # a member's group is the path's, not the body's
    return body


class TestListTemplates:
    async def test_every_resource_but_programme_with_its_columns(self, client):
        r = await client.get(TEMPLATES)
        assert r.status_code == 200
        listed = r.json()
        assert [t["resource"] for t in listed] == [r.value for r in RESOURCES]
        for template in listed:
            resource = R(template["resource"])
            assert [c["name"] for c in template["columns"]] == fields(resource)
            assert [c["header"] for c in template["columns"]] == header_of(resource)
            assert template["csv"] == f"{TEMPLATES}/{resource.value}.csv"
            assert template["xlsx"] == f"{TEMPLATES}/{resource.value}.xlsx"
            body = create_body(resource)
            for column in template["columns"]:
                assert column["description"], (resource, column["name"])
                if column["name"] in body.model_fields:
                    required = body.model_fields[column["name"]].is_required()
                    assert column["required"] is required, (resource, column["name"])
                values = vocabulary_of(resource, column["name"])
                if values is not None:
                    assert [v["value"] for v in column["accepted_values"]] == values
                    assert all(v["meaning"] for v in column["accepted_values"])
                    assert column["type"] == "choice"

    async def test_people(self, client):
        people = next(t for t in (await client.get(TEMPLATES)).json() if t["resource"] == "people")
        by_name = {c["name"]: c for c in people["columns"]}
        assert by_name["name"]["required"] is True
        assert by_name["email"]["required"] is False
        assert by_name["email"]["type"] == "email"
        assert {"epost", "e_post"} <= set(by_name["email"]["norwegian_names"])
        assert "kommunenummer" in by_name["municipality_number"]["norwegian_names"]
        affiliation = by_name["affiliation"]
        assert affiliation["default"] == "employee"
        meanings = {v["value"]: v["meaning"] for v in affiliation["accepted_values"]}
        assert "tillitsvalgt" in meanings["union_representative"]
        assert affiliation["by_key"] is None and affiliation["refers_to"] is None

    async def test_references_name_their_by_key_column(self, client):
        listed = {t["resource"]: t for t in (await client.get(TEMPLATES)).json()}
        members = {c["name"]: c for c in listed["group_members"]["columns"]}
        assert members["group_id"] == {
            **members["group_id"],
            "header": "group_external_id",
            "by_key": "group_external_id",
            "refers_to": "groups",
            "required": True,
            "type": "external_id",
        }
        assert members["person_id"]["by_key"] == "person_external_id"
        assert members["person_id"]["refers_to"] == "people"
        assert members["person_id"]["norwegian_names"] == ["person"]  # person_id is by id
        involvements = {c["name"]: c for c in listed["involvements"]["columns"]}
        participants = involvements["participant_ids"]
        assert participants["by_key"] == "participant_external_ids"
        assert participants["type"] == "external_ids"
        assert "deltakere" in participants["norwegian_names"]
        assert involvements["decision_ids"]["by_key"] is None
        assert involvements["decision_ids"]["type"] == "ids"

    async def test_every_norwegian_name_is_listed_under_its_column(self, client):
        listed = {t["resource"]: t for t in (await client.get(TEMPLATES)).json()}
        for resource in RESOURCES:
            columns = listed[resource.value]["columns"]
            header_of_field = {c["name"]: c["header"] for c in columns}
            listed_names = {(name, c["header"]) for c in columns for name in c["norwegian_names"]}
            headers = {c["header"] for c in columns} | {c["name"] for c in columns}
            expected = {
                (norwegian, header_of_field.get(column, column))
                for norwegian, column in {**COMMON_NORWEGIAN, **NORWEGIAN[resource]}.items()
                if column in headers and norwegian not in headers
            }
            assert listed_names == expected, resource

    async def test_any_signed_in_user_may_read_them(self, accounts):
        nobody = await accounts.client()
        assert (await nobody.get(TEMPLATES)).status_code == 200
        assert (await nobody.get(f"{TEMPLATES}/tasks.csv")).status_code == 200
        assert (await nobody.get(f"{TEMPLATES}/tasks.xlsx")).status_code == 200

    async def test_a_token_is_required(self, anonymous):
        for path in ("", "/people.csv", "/people.xlsx"):
            r = await anonymous.get(TEMPLATES + path)
            assert r.status_code == 401, path
            assert r.headers["content-type"].startswith(PROBLEM)


class TestCsvTemplate:
    @pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.value)
    async def test_header_and_an_example_row_that_the_api_accepts(self, client, resource):
        r = await client.get(f"{TEMPLATES}/{resource.value}.csv")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert r.headers["content-disposition"] == (
            f'attachment; filename="samskap-mal-{resource.value}.csv"'
        )
        assert r.content.startswith(b"\xef\xbb\xbf")
        header, *rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert header == header_of(resource)
        assert len(rows) == 1
        row = dict(zip(header, rows[0], strict=True))
        create_body(resource).model_validate(as_body(resource, row))
        for column in header:
            values = vocabulary_of(resource, column)
            if values is not None and row[column]:
                assert row[column] in values

    @pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.value)
    async def test_the_import_reads_it_back(self, client, resource):
        content = (await client.get(f"{TEMPLATES}/{resource.value}.csv")).content
        table = read_table(content, f"{resource.value}.csv")
        assert (table.format, table.columns, table.total) == ("csv", header_of(resource), 1)

    async def test_norwegian_values_and_lists(self, client):
        people = (await client.get(f"{TEMPLATES}/people.csv")).content.decode("utf-8-sig")
        assert "Kari Nordmann" in people and ",3020," in people and "Oppvekst" in people
        text = (await client.get(f"{TEMPLATES}/involvements.csv")).content.decode("utf-8-sig")
        header, row = list(csv.reader(io.StringIO(text)))
        cells = dict(zip(header, row, strict=True))
        assert cells["participant_external_ids"] == "hr-10234;hr-10235"
        assert cells["statements"] == "Ønsker tydeligere ledernivåer."
        assert cells["occurred_on"] == "2018-10-04"


class TestXlsxTemplate:
    @pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.value)
    async def test_data_sheet_with_lists_and_the_columns_sheet(self, client, resource):
        r = await client.get(f"{TEMPLATES}/{resource.value}.xlsx")
        assert r.status_code == 200
        assert r.headers["content-type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert r.headers["content-disposition"] == (
            f'attachment; filename="samskap-mal-{resource.value}.xlsx"'
        )
        workbook = load_workbook(io.BytesIO(r.content))
        assert workbook.sheetnames == ["Data", "Kolonner"]
        data = workbook["Data"]
        header, example = list(data.iter_rows(values_only=True))
        assert list(header) == header_of(resource)
        assert all(cell.font.bold for cell in data[1])
        assert data.freeze_panes == "A2"
        row = dict(zip(header, example, strict=True))
        create_body(resource).model_validate(as_body(resource, row))

        lists = {}
        for validation in data.data_validations.dataValidation:
            assert validation.type == "list"
            (cells,) = str(validation.sqref).split()
            letter = cells.split(":")[0].rstrip("0123456789")
            assert cells == f"{letter}2:{letter}1048576"
            lists[data[f"{letter}1"].value] = validation.formula1.strip('"').split(",")
        expected = {
            column: values
            for column in header
            if (values := vocabulary_of(resource, column)) is not None
        }
        if resource == R.projects:
            expected["phase_template"] = ["reorganisation-five-phases"]
        assert lists == expected

        described = list(workbook["Kolonner"].iter_rows(values_only=True))
        assert described[0] == (
            "Kolonne",
            "Påkrevd",
            "Type",
            "Beskrivelse",
            "Gyldige verdier",
            "Norske navn",
        )
        assert [line[0] for line in described[1:]] == header_of(resource)
        body = create_body(resource)
        for name, line in zip(fields(resource), described[1:], strict=True):
            required = body.model_fields[name].is_required() if name in body.model_fields else True
            assert line[1] == ("ja" if required else "nei")
            values = vocabulary_of(resource, name)
            if values is not None:
                assert [v.split(":")[0] for v in line[4].split("\n")] == values

    async def test_dates_are_date_cells_and_numbers_numbers(self, client):
        content = (await client.get(f"{TEMPLATES}/group_members.xlsx")).content
        table = read_table(content, "group_members.xlsx")
        assert table.format == "xlsx"
        ((number, cells),) = table.rows()
        row = dict(zip(table.columns, cells, strict=True))
        assert number == 2
        assert str(row["starts_on"]) == "2017-10-01" and not isinstance(row["starts_on"], str)
        assert row["allocation_percent"] == 10
        assert row["municipality_number"] == "3020"

    async def test_the_columns_sheet_names_norwegian_headers(self, client):
        content = (await client.get(f"{TEMPLATES}/people.xlsx")).content
        described = load_workbook(io.BytesIO(content))["Kolonner"]
        lines = {line[0]: line for line in described.iter_rows(min_row=2, values_only=True)}
        assert "epost" in lines["email"][5]
        assert lines["affiliation"][2] == "choice"
        assert "(tom: employee)" in lines["affiliation"][3]


class TestUnknownTemplates:
    @pytest.mark.parametrize(
        "path",
        ["programme.csv", "programme.xlsx", "personer.csv", "people.pdf", "people", "PEOPLE.csv"],
    )
    async def test_answer_404(self, client, path):
        r = await client.get(f"{TEMPLATES}/{path}")
        assert r.status_code == 404, r.text
        assert r.headers["content-type"].startswith(PROBLEM)


# The order a programme's records are imported in: what a row refers to comes first.
IMPORT_ORDER = [R.people, R.projects, R.groups, R.group_members, R.tasks, R.deadlines]
IMPORT_ORDER += [R.involvements]


class TestTemplatesImport:
    async def test_each_example_row_imports_and_the_xlsx_finds_it_unchanged(self, client):
        """The example rows tell one story: imported in order, each creates its record with
        its references found by key; the XLSX templates then change nothing."""
        programme = await make_programme(
            client, municipalities=[{"name": "Nordre Follo", "number": "3020"}]
        )
        for key in ("hr-10311", "hr-10001", "hr-10235"):  # the other people the rows name
            await make_person(client, programme, external_id=key)
        for extension, outcome in (("csv", "created"), ("xlsx", "unchanged")):
            for resource in IMPORT_ORDER:
                content = (await client.get(f"{TEMPLATES}/{resource.value}.{extension}")).content
                r = await client.post(
                    f"{API}/imports",
                    params={"programme_id": programme["id"], "resource": resource.value},
                    files={"file": (f"mal.{extension}", content, "application/octet-stream")},
                )
                assert r.status_code == 201, r.text
                done = r.json()
                assert done["status"] == "succeeded", (resource, extension, done["errors"])
                assert done["counts"][outcome] == 1, (resource, extension, done["counts"])
        r = await client.get(
            f"{API}/tasks/by-external-id/oppgave-arbeidsbok-v2",
            params={"programme_id": programme["id"]},
        )
        task = r.json()
        assert task["title"] == "Revidere arbeidsboken etter faggruppemøtet"
        assert task["due_on"] == "2018-09-20"


class TestExamples:
    def test_every_example_cell_is_a_column_and_every_required_one_is_filled(self):
        for resource in RESOURCES:
            header = header_of(resource)
            assert set(EXAMPLES[resource]) <= set(header), resource
            body = create_body(resource)
            for name, column in zip(fields(resource), header, strict=True):
                info = body.model_fields.get(name)
                if info is None or info.is_required():
                    assert EXAMPLES[resource].get(column) not in (None, ""), (resource, column)

    def test_examples_pass_the_apis_validation(self):
        for resource in RESOURCES:
            create_body(resource).model_validate(as_body(resource, EXAMPLES[resource]))


class TestDocumentation:
    def test_docs_imports_md_is_what_the_generator_writes(self):
        assert DOCS.read_text(encoding="utf-8") == markdown(), (
            "docs/imports.md is out of date: "
            ".venv/bin/python -m samskap.imports.templates > docs/imports.md"
        )

    def test_it_has_a_table_for_every_resource(self):
        text = markdown()
        assert "-F file=@people.csv" in text
        for resource in RESOURCES:
            assert f"\n## {resource.value}\n" in text
            for column in header_of(resource):
                assert f"| `{column}`" in text
