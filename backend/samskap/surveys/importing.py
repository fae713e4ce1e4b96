"""Importing aggregate results from another survey tool: a CSV (UTF-8, comma or semicolon)
or XLSX file with one row per question: `question`, `n`, and `mean` or the distribution
(`1`..`5`, or `yes` and `no`); optionally `kind` (likert, yes_no, number) for a new question.

Every row is validated first; any error answers 422 with each error as an `errors[]` item
pointing at its row and column (`/rows/3/n`), and nothing is saved. A dry run reports what
would be saved without saving it.
"""

import csv
import io
import math
import zipfile
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.config import get_settings
from samskap.models.enums import QuestionKind, SurveySource, SurveyStatus
from samskap.models.survey import SurveyImportedResult, SurveyQuestion, SurveyRound
from samskap.problems import AppError, ValidationFailed, conflict
from samskap.surveys.figures import LIKERT_VALUES, YES_NO_VALUES
from samskap.surveys.schemas import ImportedRow, ImportReport

MAX_ROWS = 2000
KNOWN = {"question", "n", "mean", "kind", *LIKERT_VALUES, *YES_NO_VALUES}
IMPORTABLE = {QuestionKind.likert, QuestionKind.yes_no, QuestionKind.number}


class FileTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "Request body too large"


class UnsupportedFile(AppError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


@dataclass
class _Row:
    number: int
    values: dict[str, str]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(content: bytes) -> tuple[list[str], list[_Row]]:
    """The header and the rows of a CSV or XLSX file, its type told from its content."""
    if content.startswith(b"PK\x03\x04"):
        try:
            from openpyxl import load_workbook  # type: ignore[import-untyped]

            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise UnsupportedFile("The file is neither a readable XLSX nor CSV file.") from exc
        sheet = book.worksheets[0]
        table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnsupportedFile(
                "The file is neither XLSX nor UTF-8 CSV; save it as CSV (UTF-8) or XLSX."
            ) from exc
        if "\x00" in text:
            raise UnsupportedFile("The file is neither XLSX nor UTF-8 CSV.")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        table = [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    if not table:
        raise ValidationFailed.at("/rows/1", "the file is empty", code="empty_file")
    header = [h.strip().lower() for h in table[0]]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        rows.append(
            _Row(
                number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
            )
        )
    return header, rows


def _integer(text: str) -> int | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(value) if math.isfinite(value) and value.is_integer() else None


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _err(row: int, column: str, code: str, detail: str, **params: str) -> dict[str, Any]:
    item: dict[str, Any] = {"pointer": f"/rows/{row}/{column}", "code": code, "detail": detail}
    if params:
        item["params"] = params
    return item


async def import_results(
    session: AsyncSession, survey: SurveyRound, content: bytes, *, dry_run: bool
) -> ImportReport:
    """Validate the whole file, then (unless a dry run) save every row, or nothing."""
    if survey.source != SurveySource.imported:
        raise conflict(
            "results can be imported only into a round of source imported", "not_imported_round"
        )
    if survey.status != SurveyStatus.draft:
        raise conflict("results can be imported only while the round is a draft", "round_not_draft")
    limit = get_settings().max_upload_bytes
    if len(content) > limit:
        raise FileTooLarge(f"The file may be at most {limit} bytes.")
    header, rows = read_table(content)
    errors: list[dict[str, Any]] = []
    for column in ("question", "n"):
        if column not in header:
            errors.append(_err(1, column, "column_missing", f"the column {column} is missing"))
    for column in header:
        if column and column not in KNOWN:
            errors.append(_err(1, column, "unknown_column", f"unknown column {column}"))
    if len(rows) > MAX_ROWS:
        errors.append(
            _err(1, "question", "too_many_rows", f"at most {MAX_ROWS} rows", max=str(MAX_ROWS))
        )
    if errors:
        raise ValidationFailed("The file's columns are not as expected.", errors=errors)

    existing = {
        q.text.strip().casefold(): q
        for q in await session.scalars(
            select(SurveyQuestion).where(SurveyQuestion.round_id == survey.id)
        )
    }
    seen: set[str] = set()
    report: list[tuple[ImportedRow, QuestionKind, SurveyQuestion | None]] = []
    for row in rows:
        r, v = row.number, row.values
        text = v.get("question", "")
        key = text.casefold()
        if not text:
            errors.append(_err(r, "question", "required", "the question text is missing"))
            continue
        if len(text) > 1000:
            errors.append(
                _err(r, "question", "too_long", "at most 1000 characters", max_length="1000")
            )
            continue
        if key in seen:
            errors.append(
                _err(r, "question", "duplicate_question", "the question is on another row too")
            )
            continue
        seen.add(key)
        question = existing.get(key)
        kind_text = v.get("kind", "")
        dist_likert = {k: v.get(k, "") for k in LIKERT_VALUES if v.get(k, "")}
        dist_yes_no = {k: v.get(k, "") for k in YES_NO_VALUES if v.get(k, "")}
        if question is not None:
            kind = question.kind
        elif kind_text:
            named = next((k for k in QuestionKind if k.value == kind_text), None)
            if named is None:
                errors.append(_err(r, "kind", "unknown_kind", "give likert, yes_no or number"))
                continue
            kind = named
        else:
            kind = QuestionKind.yes_no if dist_yes_no else QuestionKind.likert
        if kind not in IMPORTABLE:
            errors.append(
                _err(
                    r,
                    "question",
                    "free_text_not_importable",
                    "free-text results cannot be imported",
                )
            )
            continue
        row_errors: list[dict[str, Any]] = []
        n = _integer(v.get("n", ""))
        if n is None:
            row_errors.append(_err(r, "n", "integer_expected", "give a whole number"))
        elif n < 0:
            row_errors.append(_err(r, "n", "negative", "must not be negative"))
        mean: float | None = None
        if v.get("mean", ""):
            mean = _number(v["mean"])
            if mean is None:
                row_errors.append(_err(r, "mean", "number_expected", "give a number"))
            elif kind == QuestionKind.likert and not 1 <= mean <= 5:
                row_errors.append(
                    _err(r, "mean", "mean_out_of_range", "must be from 1 to 5", min="1", max="5")
                )
        distribution: dict[str, int] | None = None
        wrong = dist_yes_no if kind == QuestionKind.likert else dist_likert
        for column in wrong:
            row_errors.append(
                _err(r, column, "column_not_for_kind", f"{kind} has no {column} column")
            )
        counts = dist_likert if kind == QuestionKind.likert else dist_yes_no
        if kind != QuestionKind.number and counts:
            distribution = {}
            keys = LIKERT_VALUES if kind == QuestionKind.likert else YES_NO_VALUES
            for column in keys:
                count = _integer(v.get(column, "") or "0")
                if count is None or count < 0:
                    row_errors.append(
                        _err(r, column, "count_expected", "give a whole number, 0 or more")
                    )
                else:
                    distribution[column] = count
            if n is not None and not row_errors and sum(distribution.values()) != n:
                row_errors.append(
                    _err(
                        r,
                        "n",
                        "distribution_total_mismatch",
                        "the counts do not add up to n",
                        total=str(sum(distribution.values())),
                    )
                )
        if kind == QuestionKind.yes_no and distribution is None:
            row_errors.append(
                _err(r, "yes", "yes_no_counts_required", "give the yes and no counts")
            )
        elif mean is None and distribution is None:
            row_errors.append(
                _err(r, "mean", "mean_or_distribution_required", "give mean or the counts 1 to 5")
            )
        if row_errors:
            errors += row_errors
            continue
        assert n is not None
        if mean is None and distribution is not None and kind == QuestionKind.likert and n:
            mean = round(sum(int(k) * c for k, c in distribution.items()) / n, 4)
        report.append(
            (
                ImportedRow(
                    row=r,
                    question=text,
                    question_id=question.id if question else None,
                    creates_question=question is None,
                    n=n,
                    mean=mean,
                    distribution=distribution,
                ),
                kind,
                question,
            )
        )
    if errors:
        raise ValidationFailed(
            f"{len(errors)} errors in the file; nothing was saved.", errors=errors
        )
    if not report:
        raise ValidationFailed.at("/rows/2", "the file has no rows", code="empty_file")
    if not dry_run:
        await _save(session, survey, report)
    return ImportReport(dry_run=dry_run, rows=[row for row, _, _ in report])


async def _save(session: AsyncSession, survey: SurveyRound, report) -> None:
    last = await session.scalar(
        select(func.max(SurveyQuestion.position)).where(SurveyQuestion.round_id == survey.id)
    )
    position = -1 if last is None else last
    results = {
        r.question_id: r
        for r in await session.scalars(
            select(SurveyImportedResult).where(SurveyImportedResult.round_id == survey.id)
        )
    }
    for row, kind, question in report:
        if question is None:
            position += 1
            question = SurveyQuestion(
                programme_id=survey.programme_id,
                round_id=survey.id,
                position=position,
                text=row.question,
                kind=kind,
                required=False,
            )
            session.add(question)
            await session.flush()
            row.question_id = question.id
        result = results.get(question.id)
        if result is None:
            result = SurveyImportedResult(
                programme_id=survey.programme_id, round_id=survey.id, question_id=question.id
            )
            session.add(result)
        result.respondents = row.n
        result.mean = row.mean
        result.distribution = row.distribution
    await session.flush()
