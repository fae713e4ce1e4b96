"""Import templates: each resource's columns described, as JSON, a CSV or XLSX file to fill in,
and the documentation of the column mapping (docs/imports.md).

Everything comes from the column mapping of `samskap.imports.columns`: the columns are the
create body's fields (`fields`, `create_body`), with their descriptions, whether they are
required and the values an enumerated one accepts; references are given by external key
(`REFERENCES`); the Norwegian names are `NORWEGIAN` and `COMMON_NORWEGIAN`. Only the example
rows are written here.

`python -m samskap.imports.templates > docs/imports.md` writes the documentation.
"""

import csv
import io
import sys
import types
import typing
import uuid
from datetime import date, datetime
from typing import Any, Literal, Union

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from samskap.imports.columns import (
    COMMON_NORWEGIAN,
    NORWEGIAN,
    REFERENCES,
    Reference,
    create_body,
    fields,
)
from samskap.models.enums import ImportResource, Vocabulary

TEMPLATE_PATH = "/api/v1/imports/templates"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
LIST_SEPARATOR = ";"
# Excel refuses a validation list written out in full that is longer than this.
_EXCEL_LIST_LIMIT = 255


class ColumnType(Vocabulary):
    """What a column holds, and so how its cells are written."""

    text = "text", "text"
    email = "email", "an e-mail address"
    integer = "integer", "a whole number"
    boolean = "boolean", "true or false"
    date = "date", "a day, YYYY-MM-DD (or a date cell in XLSX)"
    datetime = "datetime", "a time with its offset, e.g. 2018-09-20T12:00:00+02:00"
    choice = "choice", "one of the accepted values"
    external_id = "external_id", "another record's external_id"
    external_ids = "external_ids", "other records' external_ids, separated by ;"
    id = "id", "another record's id (a UUID)"
    ids = "ids", "other records' ids (UUIDs), separated by ;"
    json = "json", "a JSON value (in JSON files as is; in CSV and XLSX as JSON text)"


class AcceptedValue(BaseModel):
    """One value an enumerated column accepts, with its meaning."""

    value: str = Field(description="The value as written in the file")
    meaning: str | None = Field(description="What the value stands for")


class TemplateColumn(BaseModel):
    """One column of a resource's import file."""

    name: str = Field(description="The API's field name, e.g. person_id")
    header: str = Field(
        description="The column as the template's header writes it: the field name, or for a "
        "reference the column that names the record by external key (person_external_id)"
    )
    required: bool = Field(description="Whether every row must give a value")
    description: str = Field(description="What the column holds, as the API describes the field")
    type: ColumnType
    accepted_values: list[AcceptedValue] = Field(
        description="For an enumerated column, the values it accepts; empty otherwise"
    )
    default: str | int | bool | None = Field(
        description="What a new record gets when its row leaves the column empty or the file "
        "leaves it out, for a column that cannot be empty; null otherwise"
    )
    norwegian_names: list[str] = Field(
        description="Norwegian (bokmål and nynorsk) headers accepted for the column, as matched: "
        "lower-case, with `_` for spaces and hyphens"
    )
    by_key: str | None = Field(
        description="For a reference, the column that names the record by its external_id "
        "(or, for a list, by external_ids separated by `;`) instead of by id"
    )
    refers_to: ImportResource | None = Field(
        description="For a reference, the resource of the record it names"
    )


class ImportTemplate(BaseModel):
    """What an import file of one resource holds."""

    resource: ImportResource
    description: str = Field(description="What the resource's rows are")
    csv: str = Field(description="Where to download the CSV template")
    xlsx: str = Field(description="Where to download the XLSX template")
    columns: list[TemplateColumn] = Field(description="The columns, in the template's order")


# The example row of each template, by header: one coherent story from seed 002 (Nordre
# Follo's workbook process) and seed 003 (a project board per project), with invented people.
EXAMPLES: dict[ImportResource, dict[str, Any]] = {
    ImportResource.people: {
        "name": "Kari Nordmann",
        "email": "kari.nordmann@nordrefollo.example",
        "title": "Hovedtillitsvalgt",
        "organisation_unit": "Oppvekst",
        "municipality_number": "3020",
        "affiliation": "union_representative",
        "union": "Fagforbundet",
        "external_id": "hr-10234",
    },
    ImportResource.groups: {
        "project_external_id": "prosjekt-oppvekst",
        "kind": "project_board",
        "name": "Prosjektstyre Oppvekst og utdanning",
        "description": "Leder prosjektet på vegne av fellesnemnda.",
        "mandate_text": "Sikre at prosjektet gjennomføres innenfor gitt mandat.",
        "mandate_status": "draft",
        "external_id": "styre-oppvekst",
    },
    ImportResource.group_members: {
        "group_external_id": "styre-oppvekst",
        "person_external_id": "hr-10234",
        "role": "member",
        "party": "employees",
        "municipality_number": "3020",
        "allocation_percent": 10,
        "starts_on": date(2017, 10, 1),
    },
    ImportResource.projects: {
        "code": "A1/2",
        "name": "Oppvekst og utdanning",
        "description": "Organisering av oppvekst og utdanning i den nye kommunen.",
        "category": "administrative",
        "mandate_text": "Utarbeide forslag til organisering av oppvekst i ny kommune.",
        "mandate_status": "draft",
        "leader_external_id": "hr-10311",
        "leader_allocation_percent": 80,
        "owner_external_id": "hr-10001",
        "status": "active",
        "health": "on_track",
        "concerns_nav": False,
        "starts_on": date(2017, 10, 1),
        "ends_on": date(2019, 12, 31),
        "external_id": "prosjekt-oppvekst",
    },
    ImportResource.tasks: {
        "project_external_id": "prosjekt-oppvekst",
        "group_external_id": "styre-oppvekst",
        "title": "Revidere arbeidsboken etter faggruppemøtet",
        "description": "Innspillene fra faggruppen innarbeides før versjon 3.",
        "assignee_external_id": "hr-10234",
        "status": "todo",
        "priority": "high",
        "due_on": date(2018, 9, 20),
        "external_id": "oppgave-arbeidsbok-v2",
    },
    ImportResource.deadlines: {
        "project_external_id": "prosjekt-oppvekst",
        "title": "Revidert versjon av arbeidsboken etter faggruppemøtene",
        "description": "Versjon 2 av arbeidsboken sendes prosjektleder.",
        "due_at": "2018-09-20T12:00:00+02:00",
        "responsible_person_external_id": "hr-10234",
        "recipient_external_id": "hr-10311",
        "kind": "submission",
        "status": "open",
        "external_id": "frist-arbeidsbok-v2",
    },
    ImportResource.involvements: {
        "project_external_id": "prosjekt-oppvekst",
        "group_external_id": "styre-oppvekst",
        "matter": "Forslag til organisering av oppvekst",
        "stakeholder_kind": "union_representatives",
        "form": "consultation",
        "occurred_on": date(2018, 10, 4),
        "participant_external_ids": ["hr-10234", "hr-10235"],
        "statements": "Ønsker tydeligere ledernivåer.",
        "outcome": "Ledernivåene ble beskrevet i høringsforslaget.",
        "external_id": "drofting-2018-10-04",
    },
}


def resources() -> list[ImportResource]:
    """The resources a file of rows can be imported into (a programme comes as a ZIP)."""
    return [r for r in ImportResource if r != ImportResource.programme]


def resource_named(name: str) -> ImportResource | None:
    """The resource with this name that has a template, or None."""
    found = ImportResource._value2member_map_.get(name)
    return found if isinstance(found, ImportResource) and found in resources() else None


def columns(resource: ImportResource) -> list[TemplateColumn]:
    """The resource's columns, in the create body's order."""
    body = create_body(resource)
    references = {ref.field: ref for ref in REFERENCES[resource]}
    headers = [references[f].by_key if f in references else f for f in fields(resource)]
    norwegian = _norwegian_names(resource, set(headers) | set(fields(resource)))
    found = []
    for name in fields(resource):
        info = body.model_fields.get(name) or _outside_the_body(resource, name)
        reference = references.get(name)
        header = reference.by_key if reference else name
        values = _accepted_values(info.annotation)
        found.append(
            TemplateColumn(
                name=name,
                header=header,
                required=info.is_required(),
                description=info.description or "",
                type=_type(info.annotation, reference, bool(values)),
                accepted_values=values,
                default=_default(info),
                norwegian_names=sorted(
                    norwegian.get(name, []) + (norwegian.get(header, []) if reference else [])
                ),
                by_key=reference.by_key if reference else None,
                refers_to=reference.target if reference else None,
            )
        )
    return found


def template(resource: ImportResource) -> ImportTemplate:
    return ImportTemplate(
        resource=resource,
        description=resource.meaning,
        csv=f"{TEMPLATE_PATH}/{resource.value}.csv",
        xlsx=f"{TEMPLATE_PATH}/{resource.value}.xlsx",
        columns=columns(resource),
    )


def templates() -> list[ImportTemplate]:
    return [template(r) for r in resources()]


def file_name(resource: ImportResource, extension: str) -> str:
    return f"samskap-mal-{resource.value}.{extension}"


def _outside_the_body(resource: ImportResource, name: str) -> FieldInfo:
    """A column that is no field of the create body: a member row's group, which the API
    takes from the path."""
    from samskap.groups.schemas import MemberRead

    if resource == ImportResource.group_members and name == "group_id":
        read = MemberRead.model_fields["group_id"]
        return FieldInfo(annotation=read.annotation, description=read.description)
    raise ValueError(f"{name} is no field of {resource}")


def _norwegian_names(resource: ImportResource, targets: set[str]) -> dict[str, list[str]]:
    """Norwegian header -> column, inverted: for each column its Norwegian headers. A name
    that is itself one of the resource's columns (`status`, `person_id`) means that column."""
    names: dict[str, list[str]] = {}
    for norwegian, column in [*COMMON_NORWEGIAN.items(), *NORWEGIAN[resource].items()]:
        if column in targets and norwegian not in targets:
            names.setdefault(column, []).append(norwegian)
    return names


def _inner(annotation: Any) -> Any:
    """`X | None`, `Optional[X]` and `Annotated[X, ...]` as X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _accepted_values(annotation: Any) -> list[AcceptedValue]:
    inner = _inner(annotation)
    if isinstance(inner, type) and issubclass(inner, Vocabulary):
        return [AcceptedValue(value=m.value, meaning=m.meaning) for m in inner]
    if typing.get_origin(inner) is Literal:
        return [AcceptedValue(value=str(v), meaning=None) for v in typing.get_args(inner)]
    return []


def _type(annotation: Any, reference: Reference | None, enumerated: bool) -> ColumnType:
    if reference is not None:
        return ColumnType.external_ids if reference.many else ColumnType.external_id
    if enumerated:
        return ColumnType.choice
    inner = _inner(annotation)
    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        return ColumnType.ids if _inner(item) is uuid.UUID else ColumnType.json
    if inner is bool:
        return ColumnType.boolean
    if inner is int:
        return ColumnType.integer
    if inner is uuid.UUID:
        return ColumnType.id
    if inner is date:
        return ColumnType.date
    if isinstance(inner, type) and issubclass(inner, datetime):
        return ColumnType.datetime
    if getattr(inner, "__name__", "") == "EmailStr":
        return ColumnType.email
    if getattr(inner, "__name__", "") == "AwareDatetime":
        return ColumnType.datetime
    return ColumnType.text


def _default(info: FieldInfo) -> str | int | bool | None:
    default = info.get_default(call_default_factory=True)
    if isinstance(default, Vocabulary):
        return default.value
    if isinstance(default, str | int | bool):
        return default
    return None


# The files


def example_row(resource: ImportResource) -> dict[str, Any]:
    """The example row by header, empty cells left out."""
    return EXAMPLES[resource]


def csv_template(resource: ImportResource) -> bytes:
    """UTF-8 with a byte order mark (so that Excel shows æøå), comma separated: the header
    and one example row."""
    headers = [c.header for c in columns(resource)]
    example = example_row(resource)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerow(_csv_cell(example.get(h)) for h in headers)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


DATA_SHEET = "Data"
COLUMNS_SHEET = "Kolonner"
COLUMNS_HEADER = ("Kolonne", "Påkrevd", "Type", "Beskrivelse", "Gyldige verdier", "Norske navn")


def xlsx_template(resource: ImportResource) -> bytes:
    """Sheet «Data»: the header (bold, frozen) and the example row, with a list of the
    accepted values on each enumerated column; sheet «Kolonner»: each column described."""
    # openpyxl is imported when a template is asked for, not by every worker at start.
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    cols = columns(resource)
    example = example_row(resource)
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    bold = Font(bold=True)
    data.append([c.header for c in cols])
    data.append([_xlsx_cell(example.get(c.header)) for c in cols])
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        data[f"{letter}1"].font = bold
        data.column_dimensions[letter].width = max(12, len(column.header) + 2)
        cell = data[f"{letter}2"]
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
        if column.accepted_values:
            data.add_data_validation(_validation(column, f"{letter}2:{letter}1048576"))
    data.freeze_panes = "A2"

    described = workbook.create_sheet(COLUMNS_SHEET)
    described.append(COLUMNS_HEADER)
    for column in cols:
        described.append(
            [
                column.header,
                "ja" if column.required else "nei",
                column.type.value,
                _with_default(column),
                "\n".join(
                    f"{v.value}: {v.meaning}" if v.meaning else v.value
                    for v in column.accepted_values
                ),
                ", ".join(column.norwegian_names),
            ]
        )
    for index, width in enumerate((30, 10, 14, 60, 60, 40), start=1):
        letter = get_column_letter(index)
        described[f"{letter}1"].font = bold
        described.column_dimensions[letter].width = width
    for row in described.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    described.freeze_panes = "A2"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _validation(column: TemplateColumn, cells: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    listed = ",".join(v.value for v in column.accepted_values)
    if len(listed) + 2 > _EXCEL_LIST_LIMIT:
        raise ValueError(f"{column.header}: too many values for an Excel list ({len(listed)})")
    validation = DataValidation(
        type="list",
        formula1=f'"{listed}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.header,
        error="Velg en av verdiene i listen (se arket Kolonner).",
    )
    validation.add(cells)
    return validation


def _with_default(column: TemplateColumn) -> str:
    if column.default is None:
        return column.description
    shown = str(column.default).lower() if isinstance(column.default, bool) else column.default
    return f"{column.description} (tom: {shown})"


# The documentation


DOC_INTRODUCTION = """\
# Importing records

<!-- Generated by `.venv/bin/python -m samskap.imports.templates > docs/imports.md` from the
column mapping in backend/samskap/imports/columns.py; a test checks that it is up to date. -->

A file of rows (CSV, XLSX, a JSON array of objects or JSON Lines) is imported into one
programme, one kind of record per file:

```sh
curl -H "Authorization: Bearer $TOKEN" \\
  -F file=@people.csv \\
  "https://samskap.example/api/v1/imports?programme_id=$PROGRAMME&resource=people&dry_run=true"
```

- `resource`: {resources}; `programme` reads back the ZIP of a programme export
  (`GET /api/v1/programmes/{{id}}/export`) into an empty programme.
- `dry_run=true` checks every row against the same rules as the API and reports, writing
  nothing. `mode=all_or_nothing` (the default) writes nothing if any row is bad;
  `mode=valid_rows` writes the good rows and reports the bad ones.
- Rows are upserted by `external_id` (group members: by the group and the person), so a
  second run of the same file changes nothing and says so: each row is `created`, `updated`,
  `unchanged` or `failed`, a failed row with its errors (row, column, code, detail) and the
  same codes as the API gives for the same mistake.
- An `Idempotency-Key` header makes a repeated request answer what the first one did.
- A small file is imported within the request (`201 Created`, the import in the body). A
  file of more rows than the `import_background_rows` setting (2,000 by default) runs in the
  background: `202 Accepted` with `Location: /api/v1/imports/{{id}}`; poll it for `status`,
  `rows_done` of `total_rows`, the counts per outcome and the errors, all of them at
  `/api/v1/imports/{{id}}/rows?outcome=failed`. `POST /api/v1/imports/{{id}}/cancel` stops it.
- A file that cannot be read at all answers `422` with a code at `/file`:
  `unknown_format`, `unreadable_file`, `empty_file`, `unknown_column`, `missing_column` or
  `duplicate_column`.

Importing needs the `editor` role in the programme (an API token with scope `read_write`).

## The file

- **Format** comes from the content, not the name: an XLSX workbook (the first worksheet is
  read), a JSON array of objects (`[{{...}}, ...]`), JSON Lines (one object a line), or CSV.
- **CSV** may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark
  (Excel's «Unicode text») or Windows-1252, as Excel in Norway saves it; separated by `,`,
  `;`, tab or `|`, whichever the header line uses, or what a first line `sep=;` names. A
  quoted cell may hold line breaks; a quote left open makes the file unreadable. A `'`
  before text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is dropped:
  Samskap's own CSV exports write `'=SUM(A1)` so that a spreadsheet does not run it, and it
  imports back as `=SUM(A1)`.
- **The header** is the first row that is not empty. Columns are the API's field names of
  the resource's create body without `programme_id` (listed below); the Norwegian names
  below are accepted too. Headers are matched after trimming, lower-casing and turning
  spaces and hyphens into `_`, so «E-post», «e post» and «E_POST» are the same column. A
  column named twice is an error (`duplicate_column`).
- **Rows** are numbered as a spreadsheet shows them: the header is row 1, the first data row
  is row 2; empty rows are skipped but keep their numbers. In JSON a row is an item, numbered
  by its position from 1.
- **Cells**: an empty cell (JSON: `null`) is null and clears the field, except in a field
  that cannot be empty (one with a default, such as `status`): there it gives a new record
  the default and leaves an existing one as it is. A column the file leaves out (JSON: a key
  the item leaves out) leaves an existing record's value as it is. Dates are `YYYY-MM-DD`
  (or date cells in XLSX); times are RFC 3339 with their offset
  (`2018-09-20T12:00:00+02:00`; a date-and-time cell in XLSX is Norwegian time); yes/no
  columns `true` or `false` (`ja` and `nei` too); a list is its values separated by `;` in
  CSV and XLSX, a JSON array in JSON.
- **References** to other records of the programme are given by their `external_id` in the
  column named with `_external_id` instead of `_id` (`person_external_id`, and for a list
  `participant_external_ids`), or by id in the field's own column.

## Templates

`GET /api/v1/imports/templates` lists each resource's columns as JSON: name, header, whether
required, description, type, accepted values, default, Norwegian names and, for references,
the by-key column. `GET /api/v1/imports/templates/{{resource}}.csv` and `.xlsx` give a file to
fill in: the header with references by key and one example row; the XLSX also offers the
accepted values of each enumerated column as a list and describes every column on the sheet
«Kolonner».
"""


def markdown() -> str:
    """docs/imports.md: how to import, then each resource's columns."""
    parts = [DOC_INTRODUCTION.format(resources=", ".join(f"`{r.value}`" for r in resources()))]
    for resource in resources():
        meaning = resource.meaning[0].upper() + resource.meaning[1:]
        parts.append(f"\n## {resource.value}\n\n{meaning}.\n\n")
        parts.append(
            f"Templates: `{TEMPLATE_PATH}/{resource.value}.csv` and "
            f"`{TEMPLATE_PATH}/{resource.value}.xlsx`.\n\n"
        )
        parts.append("| Column | Required | Type | Accepted values | Norwegian names |\n")
        parts.append("|---|---|---|---|---|\n")
        for column in columns(resource):
            header = f"`{column.header}`"
            if column.by_key:
                header += f" or `{column.name}`"
            values = ", ".join(f"`{v.value}`" for v in column.accepted_values)
            if column.default is not None:
                shown = str(column.default).lower()
                values = f"{values} (default `{shown}`)" if values else f"default `{shown}`"
            cells = [
                header,
                "yes" if column.required else "",
                column.type.value,
                values,
                ", ".join(column.norwegian_names),
            ]
            parts.append("| " + " | ".join(cells) + " |\n")
        parts.append("\n")
        for column in columns(resource):
            parts.append(f"- `{column.header}`: {_markdown_text(column.description)}.\n")
    return "".join(parts)


def _markdown_text(text: str) -> str:
    return text.replace("|", "\\|").rstrip(".")


if __name__ == "__main__":
    sys.stdout.write(markdown())
