"""Lists as files: CSV and XLSX, with the same filters, sort and access rules as the JSON.

An export walks the list's keyset cursor in pages of `EXPORT_PAGE_SIZE` and streams what it
has written, so memory does not grow with the number of rows. Each row is what `present()`
gives the caller, read through the list's read model: a field hidden from the caller in JSON
is empty in the file too.

A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a
tab or a carriage return) is written so that it stays text: with a leading `'` in CSV, which
Excel and LibreOffice take as «this is text» and do not show, and as a string cell in XLSX.
The import's CSV reader drops that `'` again (`csv_unguard`), so an exported file imports
back as it was.
Someone could otherwise put `=HYPERLINK(...)` in a name and have it run in the spreadsheet of
whoever exports the list (OWASP's «CSV injection»). Numbers, negative ones too, are numbers in
the JSON and stay numbers; dates and times begin with a digit.

The request's own session is closed once the handler returns, so the stream reads through a
session of its own, and commits it at the end: reading a guarded field leaves an audit event,
as it does in JSON.
"""

import csv
import io
import json
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import anyio
from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from samskap.kit.listing import ListQuery
from samskap.kit.service import CrudService
from samskap.problems import BadRequest

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import (  # type: ignore[import-untyped]
        WriteOnlyWorksheet,
    )

EXPORT_PAGE_SIZE = 500
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CHUNK = 64 * 1024


class ExportFormat(StrEnum):
    """How a list answers: `json` one page of records, `csv` every record as a CSV file,
    `xlsx` every record as an XLSX file."""

    json = "json"
    csv = "csv"
    xlsx = "xlsx"


MEDIA_TYPES = {ExportFormat.csv: CSV_MEDIA_TYPE, ExportFormat.xlsx: XLSX_MEDIA_TYPE}

EXPORT_DESCRIPTION = (
    " The list is also a file: CSV (UTF-8 with a byte order mark, so that Excel shows æøå)"
    f" with `Accept: {CSV_MEDIA_TYPE}` or `format=csv`, and XLSX with"
    f" `Accept: {XLSX_MEDIA_TYPE}` or `format=xlsx`; `format` wins over `Accept`. A file holds"
    " every record the filters match, in the order of `sort`, one column per field of the JSON"
    " item (lists joined with `; `, nested objects as JSON, times in ISO 8601, empty for null),"
    " and shows what the JSON would show you. It has no pages, so `limit` and `cursor` are"
    " refused (400) with a file format."
)

EXPORT_CONTENT: dict[str, Any] = {
    CSV_MEDIA_TYPE: {
        "schema": {"type": "string", "description": "The whole list as CSV, one row per record"}
    },
    XLSX_MEDIA_TYPE: {
        "schema": {
            "type": "string",
            "format": "binary",
            "description": "The whole list as one XLSX sheet, one row per record",
        }
    },
}


def requested_format(request: Request, format: ExportFormat | None) -> ExportFormat:
    """`format` if given, else the first file type that `Accept` names, else JSON."""
    if format is not None:
        return format
    accept = request.headers.get("accept", "").lower()
    for part in accept.split(","):
        media = part.split(";")[0].strip()
        if media == CSV_MEDIA_TYPE:
            return ExportFormat.csv
        if media == XLSX_MEDIA_TYPE:
            return ExportFormat.xlsx
    return ExportFormat.json


def refuse_paging(request: Request) -> None:
    given = [name for name in ("limit", "cursor") if name in request.query_params]
    if given:
        raise BadRequest(
            f"An export holds the whole list and has no pages: leave out {', '.join(given)}.",
            errors=[
                {
                    "parameter": name,
                    "code": "not_for_export",
                    "detail": "an export has no pages",
                }
                for name in given
            ],
        )


def columns(read: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in read.model_fields.items()]


def cell(value: Any) -> Any:
    """One JSON value as a spreadsheet cell: text, a number, or None for empty."""
    if value is None or isinstance(value, str | int | float):
        return value if not isinstance(value, bool) else ("true" if value else "false")
    if isinstance(value, list):
        return "; ".join(
            "" if item is None else item if isinstance(item, str) else _compact(item)
            for item in value
        )
    return _compact(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    """Whether a cell is text that a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _guarded(text: str) -> bool:
    """Whether text is formula-like behind any number of `'` (`=A1`, `'=A1`, `''=A1`)."""
    return text.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)
    )


def csv_safe(value: Any) -> Any:
    """A cell as written to CSV: text that would be read as a formula gets a leading `'`.

    Text that already is `'` before formula-like text gets one too, so that `csv_unguard`
    (which the import's CSV reader applies) gives every text back as it was: `=A1` is
    written `'=A1`, and a name that really is `'=A1` is written `''=A1`."""
    return f"'{value}" if isinstance(value, str) and _guarded(value) else value


def csv_unguard(text: str) -> str:
    """A CSV cell as it was before `csv_safe`: `'=SUM(A1)` is `=SUM(A1)` again. Only a `'`
    before formula-like text is dropped (one of them); `'tekst` and `O'Brien` stay."""
    return text[1:] if text.startswith("'") and _guarded(text[1:]) else text


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def _rows(
    request: Request, svc: CrudService, lq: ListQuery, read: type[BaseModel]
) -> AsyncIterator[list[list[Any]]]:
    """The list's rows, a page at a time, as the caller would see them in JSON."""
    async with request.app.state.sessions() as session:
        reader = svc.bound_to(session)
        async for records in reader.every(lq, EXPORT_PAGE_SIZE):
            page = []
            for record in records:
                item = read.model_validate(await reader.present(record))
                shown = item.model_dump(mode="json", by_alias=True)
                page.append([cell(value) for value in shown.values()])
            yield page
        await session.commit()


def _csv_text(rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow("" if value is None else csv_safe(value) for value in row)
    return buffer.getvalue().encode("utf-8")


async def _csv(
    request: Request, svc: CrudService, lq: ListQuery, read: type[BaseModel]
) -> AsyncIterator[bytes]:
    yield b"\xef\xbb\xbf" + _csv_text([columns(read)])
    async for page in _rows(request, svc, lq, read):
        yield _csv_text(page)


async def _xlsx(
    request: Request, svc: CrudService, lq: ListQuery, read: type[BaseModel], title: str
) -> AsyncIterator[bytes]:
    # openpyxl's write-only sheet keeps rows on disk, not in memory; the finished file is
    # written to a temporary file and streamed from there. (Imported here: a worker that
    # never writes XLSX does not hold openpyxl in memory.)
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(columns(read))
    async for page in _rows(request, svc, lq, read):
        for row in page:
            sheet.append([xlsx_safe(sheet, value) for value in row])

    async def save(path: str) -> None:
        await anyio.to_thread.run_sync(book.save, path)

    async for chunk in through_temporary_file(".xlsx", save):
        yield chunk


async def through_temporary_file(
    suffix: str, write: Callable[[str], Awaitable[None]]
) -> AsyncIterator[bytes]:
    """A file built by `write(path)` in a temporary file, then streamed from it in chunks
    and removed: memory holds a chunk, never the file."""
    handle, path = tempfile.mkstemp(suffix=suffix)
    os.close(handle)
    try:
        await write(path)
        async with await anyio.open_file(path, "rb") as file:
            while chunk := await file.read(_CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def xlsx_safe(sheet: "WriteOnlyWorksheet", value: Any) -> Any:
    """A cell as written to XLSX: text that would be read as a formula is a string cell
    (openpyxl stores a str that starts with `=` as a formula unless told otherwise); its
    text is kept as it is, since a string cell is never evaluated."""
    if looks_like_formula(value):
        from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

        text = WriteOnlyCell(sheet, value)
        text.data_type = "s"
        return text
    return value


def export_response(
    request: Request,
    svc: CrudService,
    lq: ListQuery,
    read: type[BaseModel],
    resource: str,
    format: ExportFormat,
) -> StreamingResponse:
    """The whole list as a streamed CSV or XLSX file named after the resource."""
    refuse_paging(request)
    whole = replace(lq, cursor=None)
    body = (
        _csv(request, svc, whole, read)
        if format == ExportFormat.csv
        else _xlsx(request, svc, whole, read, resource)
    )
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{resource}.{format}"'},
    )
