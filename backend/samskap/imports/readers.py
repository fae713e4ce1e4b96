"""An uploaded file read into rows: CSV, XLSX, a JSON array of objects, or JSON Lines.

What the file is comes from its content, not its name: a ZIP holding `xl/workbook.xml` is an
XLSX workbook, text beginning with `[` a JSON array, with `{` JSON Lines (one object a line),
anything else CSV. The name and media type sent with it are hints only, used to say more
precisely why a file cannot be read.

CSV is read with the standard csv module, as UTF-8 (with or without a byte order mark), as
UTF-16 when it starts with a byte order mark for it (Excel's «Unicode text»), and otherwise as
Windows-1252, which Excel in Norway writes. The delimiter is whichever of `,` `;` tab and `|`
the header line has most of outside quotes (Excel in Norway writes `;`); a first line
`sep=;` names it outright, as Excel itself understands. A quote left open refuses the file
rather than swallow the rows after it into one cell. A cell may be as long as the file. The
`'` that an export puts before formula-like text (`'=SUM(A1)`: see kit/export.py) is dropped
again, so that an exported CSV imports back as it was.

Rows are numbered as a spreadsheet shows them: the header is row 1 (or the first row that is
not empty), the first data row 2; a fully empty row is skipped but keeps its number. A JSON
item's number is its position among the items, counted from 1.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any, Final

from samskap.imports.columns import normalise
from samskap.kit.export import csv_unguard


class _Missing:
    """The type of MISSING: a JSON item's absent key, which is not the same as null."""

    _instance: "_Missing | None" = None

    def __new__(cls) -> "_Missing":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

Row = tuple[int, list[Any]]

CSV, XLSX, JSON, JSONL = "csv", "xlsx", "json", "jsonl"
DELIMITERS = (";", ",", "\t", "|")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls, .doc
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_HEADER_SCAN = 64 * 1024  # how far to look for the end of the header line
# A `'` before what csv_unguard may drop: if the text has none, no cell is looked at.
_GUARD = re.compile(r"'[=+\-@\t\r']")

# The csv module refuses a cell over 128 KiB by default (a setting of the whole process); an
# upload is already limited by max_upload_bytes, and a cell too long for its field is that
# row's error, not the file's.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


class UnreadableFile(Exception):
    """A file that cannot be read as rows at all.

    `code` is one of unknown_format, unreadable_file, empty_file, duplicate_column; `detail`
    says why in English, for people."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Table:
    """A file's rows: its format, its header, how many data rows it has, and the rows."""

    format: str
    columns: list[str]
    total: int
    _rows: Callable[[], Iterator[Row]] = field(repr=False, compare=False)

    def rows(self) -> Iterator[Row]:
        """(row number, cells aligned with `columns`) for every data row; may be called more
        than once. CSV cells are text ("" for empty); XLSX cells text, int, float, bool, date,
        datetime, time or None; JSON cells any JSON value, MISSING where the item lacks the
        key."""
        return self._rows()


def read_table(
    content: bytes, filename: str | None = None, content_type: str | None = None
) -> Table:
    """Read an uploaded file into a Table, or raise UnreadableFile saying why not."""
    hint = _hint(filename, content_type)
    if content.startswith(_ZIP_MAGIC):
        return _read_xlsx(content)
    if content.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            "unknown_format",
            "This is an old binary Office file (.xls): save it as .xlsx or CSV and send that.",
        )
    text = _decode(content, hint)
    start = text.lstrip(" \t\r\n")
    if not start:
        raise UnreadableFile("empty_file", "The file is empty.")
    if start[0] == "[":
        return _read_json_array(text)
    if start[0] == "{":
        return _read_json_lines(text)
    return _read_csv(text)


def _hint(filename: str | None, content_type: str | None) -> str:
    """What the name or media type says the file is ("" if they say nothing)."""
    name = (filename or "").lower()
    media = (content_type or "").lower()
    for ext in ("xlsx", "xls", "ods", "zip", "csv", "json", "jsonl"):
        if name.endswith("." + ext):
            return ext
    if "spreadsheetml" in media:
        return "xlsx"
    if "json" in media:
        return "json"
    return ""


def _decode(content: bytes, hint: str) -> str:
    if b"\x00" in content and not content.startswith(_UTF16_BOMS):
        expected = f" (its name says {hint})" if hint and hint not in ("csv", "json") else ""
        raise UnreadableFile(
            "unknown_format",
            "This is not a text file, nor an XLSX workbook" + expected + ": send CSV, XLSX, "
            "a JSON array of objects or JSON Lines.",
        )
    if content.startswith(_UTF16_BOMS):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                "unreadable_file", f"The file starts as UTF-16 text but is not: {exc.reason}."
            ) from exc
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        if content.startswith(_UTF8_BOM):
            raise UnreadableFile(
                "unreadable_file",
                "The file starts with a UTF-8 byte order mark but is not valid UTF-8.",
            ) from None
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            "unreadable_file",
            "The text is neither UTF-8 nor Windows-1252 (byte "
            f"0x{content[exc.start]:02x} at position {exc.start}): save it as UTF-8.",
        ) from exc


def _check_header(names: list[str], *, keys: bool = False) -> None:
    """Every column named, no name twice (as columns are matched: see columns.normalise);
    `keys`: the names are a JSON file's keys rather than a header row."""
    seen: dict[str, str] = {}
    for position, name in enumerate(names, start=1):
        key = normalise(name)
        if not key:
            raise UnreadableFile(
                "unreadable_file",
                f"The key «{name}» names no column."
                if keys
                else f"Column {position} of the header has no name.",
            )
        if key in seen:
            same = f"«{name}»" if seen[key] == name else f"«{seen[key]}» and «{name}»"
            raise UnreadableFile(
                "duplicate_column",
                f"The {'keys name' if keys else 'header names'} the same column twice: {same}.",
            )
        seen[key] = name


def _width(header: list[Any]) -> int:
    """The header's width without its trailing empty cells."""
    width = len(header)
    while width and (header[width - 1] is None or header[width - 1] == ""):
        width -= 1
    return width


def _nameless_value(number: int) -> UnreadableFile:
    return UnreadableFile(
        "unreadable_file", f"Row {number} has a value in a column the header does not name."
    )


# CSV


def _read_csv(text: str) -> Table:
    first_line = text.split("\n", 1)[0].strip("\r")
    if first_line.lower().startswith("sep=") and len(first_line) == 5:
        delimiter = first_line[4]
        text = text[text.index("\n") + 1 :] if "\n" in text else ""
    else:
        delimiter = _delimiter(text)

    def reader() -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    guarded = _GUARD.search(text) is not None

    header: list[str] | None = None
    header_number = 0
    width = total = 0
    number = 0
    try:
        for number, record in enumerate(reader(), start=1):
            if not any(record):
                continue
            if header is None:
                header, header_number = record, number
                width = _width(record)
                header = record[:width]
                _check_header(header)
                continue
            if len(record) > width and any(record[width:]):
                raise _nameless_value(number)
            total += 1
    except csv.Error as exc:
        raise UnreadableFile("unreadable_file", f"Row {number + 1} cannot be read: {exc}.") from exc
    if header is None:
        raise UnreadableFile("empty_file", "The file has no header row.")
    if not total:
        raise UnreadableFile("empty_file", "The file has a header but no rows.")

    def rows() -> Iterator[Row]:
        for number, record in islice(enumerate(reader(), start=1), header_number, None):
            if not any(record):
                continue
            if len(record) != width:
                if len(record) < width:
                    record += [""] * (width - len(record))
                else:
                    del record[width:]
            if guarded:
                record = [csv_unguard(value) for value in record]
            yield number, record

    return Table(CSV, header, total, rows)


def _delimiter(text: str) -> str:
    """The candidate found most often outside quotes in the first line that is not blank."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    started = False
    for char in text[:_HEADER_SCAN]:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\r\n":
            if started:
                break
        else:
            started = True
            if char in counts:
                counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


# XLSX


def _read_xlsx(content: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile("unreadable_file", f"The ZIP file cannot be opened: {exc}.") from exc
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(
            "unknown_format",
            "This ZIP file is not an XLSX workbook (a programme export is imported with "
            "resource=programme): send CSV, XLSX, a JSON array of objects or JSON Lines.",
        )
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = [s for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
        if not sheets:
            raise UnreadableFile("empty_file", "The workbook has no worksheet.")
        grid = workbook.get_sheet_by_name(sheets[0].name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise UnreadableFile("unreadable_file", f"The workbook cannot be read: {exc}.") from exc

    header: list[str] | None = None
    width = 0
    found: list[Row] = []
    for number, raw in enumerate(grid, start=1):
        # calamine gives "" for an empty cell and a float for every number; inline, since
        # this runs for every cell.
        cells = [
            None
            if value == ""
            else int(value)
            if value.__class__ is float and value.is_integer()
            else value
            for value in raw
        ]
        if cells.count(None) == len(cells):
            continue
        if header is None:
            width = _width(cells)
            header = [_header_text(value) for value in cells[:width]]
            _check_header(header)
            continue
        if len(cells) > width:
            if cells[width:].count(None) != len(cells) - width:
                raise _nameless_value(number)
            del cells[width:]
        elif len(cells) < width:
            cells += [None] * (width - len(cells))
        found.append((number, cells))
    if header is None:
        raise UnreadableFile("empty_file", "The first worksheet is empty.")
    if not found:
        raise UnreadableFile("empty_file", "The first worksheet has a header but no rows.")
    return Table(XLSX, header, len(found), lambda: iter(found))


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# JSON


def _read_json_array(text: str) -> Table:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            "unreadable_file",
            f"The JSON cannot be read: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
        ) from exc
    if not isinstance(items, list):
        raise UnreadableFile("unreadable_file", "The JSON is not an array of objects.")
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UnreadableFile(
                "unreadable_file",
                f"Item {position} of the JSON array is not an object but {_json_kind(item)}.",
            )
    return _json_table(JSON, items, "The JSON array is empty.")


def _read_json_lines(text: str) -> Table:
    items: list[dict[str, Any]] = []
    for line_number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableFile(
                "unreadable_file",
                f"Line {line_number} is not JSON: {exc.msg} at column {exc.colno}. JSON Lines "
                "hold one object a line; a JSON file of many objects is an array: [{...}, ...]",
            ) from exc
        if not isinstance(item, dict):
            raise UnreadableFile(
                "unreadable_file",
                f"Line {line_number} is not a JSON object but {_json_kind(item)}.",
            )
        items.append(item)
    return _json_table(JSONL, items, "The file holds no JSON objects.")


def _json_table(format: str, items: list[dict[str, Any]], empty: str) -> Table:
    if not items:
        raise UnreadableFile("empty_file", empty)
    keys: dict[str, None] = {}
    for item in items:
        keys.update(dict.fromkeys(item))
    columns = list(keys)
    _check_header(columns, keys=True)

    def rows() -> Iterator[Row]:
        for position, item in enumerate(items, start=1):
            yield position, [item.get(key, MISSING) for key in columns]

    return Table(format, columns, len(items), rows)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array"
