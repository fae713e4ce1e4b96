"""The figures of a round, under its anonymity threshold.

Every read of results goes through `round_results`, so every path (the JSON results, the CSV
export, and the measurements written on closing) obeys the same rule: no figure of a question
is given unless at least `min_responses` answered it. A cut (the respondents who gave one
answer to a Likert or yes/no question) is shown only when it has at least the threshold and
the rest of the round has none or at least the threshold, for the cut as a whole and for each
question in it, so that subtracting the cut from the whole round never isolates fewer than
the threshold.

The weakness that remains: whoever watches the results of an open round change as one more
person answers learns that person's answer. Results are computed from all answers so far;
follow a round's results only once it has closed if that matters.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.models.enums import QuestionKind, SurveySource
from samskap.models.survey import (
    SurveyAnswer,
    SurveyImportedResult,
    SurveyQuestion,
    SurveyRound,
)
from samskap.problems import ValidationFailed
from samskap.surveys.schemas import CutInfo, QuestionResult, SurveyResults

LIKERT_VALUES = ("1", "2", "3", "4", "5")
YES_NO_VALUES = ("yes", "no")


@dataclass
class _Answers:
    """One question's answers: numbers (Likert 1-5, yes 1 / no 0, numbers) or texts."""

    numbers: list[float] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.numbers) + len(self.texts)


def _label(kind: QuestionKind, number: float) -> str:
    if kind == QuestionKind.yes_no:
        return "yes" if number >= 0.5 else "no"
    return str(int(number))


def headline(kind: QuestionKind, numbers: list[float]) -> float | None:
    """Mean (Likert, number) or share of yes in percent (yes/no)."""
    if not numbers or kind == QuestionKind.free_text:
        return None
    value = fmean(numbers)
    return round(value * 100 if kind == QuestionKind.yes_no else value, 4)


def _distribution(kind: QuestionKind, numbers: list[float]) -> dict[str, int] | None:
    if kind not in (QuestionKind.likert, QuestionKind.yes_no):
        return None
    counted = Counter(_label(kind, v) for v in numbers)
    keys = LIKERT_VALUES if kind == QuestionKind.likert else YES_NO_VALUES
    return {k: counted.get(k, 0) for k in keys}


async def _answers(
    session: AsyncSession, round_id: uuid.UUID
) -> tuple[dict[uuid.UUID, dict[uuid.UUID, _Answers]], dict[uuid.UUID, dict[uuid.UUID, float]]]:
    """Per question, the answers by respondent; and per question, each respondent's number."""
    by_question: dict[uuid.UUID, dict[uuid.UUID, _Answers]] = defaultdict(dict)
    numbers: dict[uuid.UUID, dict[uuid.UUID, float]] = defaultdict(dict)
    rows = await session.execute(
        select(
            SurveyAnswer.question_id,
            SurveyAnswer.response_key,
            SurveyAnswer.number_value,
            SurveyAnswer.text_value,
        ).where(SurveyAnswer.round_id == round_id)
    )
    for question_id, key, number, text in rows:
        held = by_question[question_id].setdefault(key, _Answers())
        if number is not None:
            held.numbers.append(number)
            numbers[question_id][key] = number
        elif text is not None:
            held.texts.append(text)
    return by_question, numbers


def _merge(answers: dict[uuid.UUID, _Answers], keys: set[uuid.UUID] | None) -> _Answers:
    merged = _Answers()
    for key, held in answers.items():
        if keys is None or key in keys:
            merged.numbers += held.numbers
            merged.texts += held.texts
    return merged


def _allowed(n: int, rest: int, minimum: int) -> bool:
    """A group may be shown when it holds at least the threshold and what is left beside it
    is empty or also holds at least the threshold."""
    return n >= minimum and (rest == 0 or rest >= minimum)


def _result(
    question: SurveyQuestion, held: _Answers, shown: bool, give_n: bool = True
) -> QuestionResult:
    result = QuestionResult(
        question_id=question.id,
        position=question.position,
        text=question.text,
        kind=question.kind,
        indicator_id=question.indicator_id,
        n=held.n if give_n else None,
        suppressed=not shown,
        mean=None,
        distribution=None,
        texts=None,
    )
    if shown:
        result.mean = headline(question.kind, held.numbers)
        result.distribution = _distribution(question.kind, held.numbers)
        if question.kind == QuestionKind.free_text:
            result.texts = sorted(held.texts, key=lambda t: (t.casefold(), t))
    return result


def _imported_result(
    question: SurveyQuestion, imported: SurveyImportedResult | None, minimum: int
) -> QuestionResult:
    n = imported.respondents if imported is not None else 0
    shown = imported is not None and n >= minimum
    result = QuestionResult(
        question_id=question.id,
        position=question.position,
        text=question.text,
        kind=question.kind,
        indicator_id=question.indicator_id,
        n=n,
        suppressed=not shown,
        mean=None,
        distribution=None,
        texts=None,
    )
    if shown and imported is not None:
        result.mean = imported_headline(question.kind, imported)
        result.distribution = imported.distribution
    return result


def imported_headline(kind: QuestionKind, imported: SurveyImportedResult) -> float | None:
    """The mean given, or computed from the distribution; for yes/no the share of yes."""
    dist = imported.distribution or {}
    if kind == QuestionKind.yes_no:
        total = dist.get("yes", 0) + dist.get("no", 0)
        return round(dist.get("yes", 0) * 100 / total, 4) if total else None
    if imported.mean is not None:
        return imported.mean
    total = sum(dist.get(k, 0) for k in LIKERT_VALUES)
    if not total:
        return None
    return round(sum(int(k) * dist.get(k, 0) for k in LIKERT_VALUES) / total, 4)


async def _questions(session: AsyncSession, round_id: uuid.UUID) -> list[SurveyQuestion]:
    return list(
        await session.scalars(
            select(SurveyQuestion)
            .where(SurveyQuestion.round_id == round_id)
            .order_by(SurveyQuestion.position, SurveyQuestion.id)
        )
    )


async def _imported(
    session: AsyncSession, round_id: uuid.UUID
) -> dict[uuid.UUID, SurveyImportedResult]:
    return {
        r.question_id: r
        for r in await session.scalars(
            select(SurveyImportedResult).where(SurveyImportedResult.round_id == round_id)
        )
    }


async def question_figures(
    session: AsyncSession, survey: SurveyRound, questions: list[SurveyQuestion]
) -> dict[uuid.UUID, tuple[int, float | None]]:
    """Per question: how many answered and its headline figure (for measurements). The
    caller applies the threshold."""
    figures: dict[uuid.UUID, tuple[int, float | None]] = {}
    if survey.source == SurveySource.imported:
        imported = await _imported(session, survey.id)
        for q in questions:
            if q.id in imported:
                figures[q.id] = (
                    imported[q.id].respondents,
                    imported_headline(q.kind, imported[q.id]),
                )
        return figures
    by_question, _ = await _answers(session, survey.id)
    for q in questions:
        held = _merge(by_question.get(q.id, {}), None)
        figures[q.id] = (held.n, headline(q.kind, held.numbers))
    return figures


def _cut_value(kind: QuestionKind, value: str) -> float:
    allowed = LIKERT_VALUES if kind == QuestionKind.likert else YES_NO_VALUES
    if value not in allowed:
        raise ValidationFailed(
            "cut_value is not an answer to the cut question",
            errors=[
                {
                    "parameter": "cut_value",
                    "code": "invalid_cut_value",
                    "detail": f"must be one of {', '.join(allowed)}",
                    "params": {"allowed": ", ".join(allowed)},
                }
            ],
        )
    if kind == QuestionKind.yes_no:
        return 1.0 if value == "yes" else 0.0
    return float(value)


def _bad_parameter(parameter: str, code: str, detail: str) -> ValidationFailed:
    return ValidationFailed(
        detail, errors=[{"parameter": parameter, "code": code, "detail": detail}]
    )


async def round_results(
    session: AsyncSession,
    survey: SurveyRound,
    cut_question_id: uuid.UUID | None = None,
    cut_value: str | None = None,
) -> SurveyResults:
    """The round's results per question (narrowed to a cut when asked), with every figure
    below the threshold left out."""
    minimum = survey.min_responses
    questions = await _questions(session, survey.id)
    results = SurveyResults(
        round_id=survey.id,
        source=survey.source,
        status=survey.status,
        min_responses=minimum,
        response_count=survey.response_count,
        cut=None,
        questions=[],
    )
    if (cut_question_id is None) != (cut_value is None):
        missing = "cut_value" if cut_value is None else "cut_question_id"
        raise _bad_parameter(
            missing, "cut_incomplete", "give cut_question_id and cut_value together"
        )
    if survey.source == SurveySource.imported:
        if cut_question_id is not None:
            raise _bad_parameter(
                "cut_question_id", "cut_not_available", "imported results cannot be cut"
            )
        imported = await _imported(session, survey.id)
        results.questions = [_imported_result(q, imported.get(q.id), minimum) for q in questions]
        return results
    by_question, numbers = await _answers(session, survey.id)
    if cut_question_id is None:
        for q in questions:
            held = _merge(by_question.get(q.id, {}), None)
            results.questions.append(_result(q, held, held.n >= minimum))
        return results

    cut_question = next((q for q in questions if q.id == cut_question_id), None)
    if cut_question is None:
        raise _bad_parameter("cut_question_id", "unknown_question", "no such question in the round")
    if cut_question.kind not in (QuestionKind.likert, QuestionKind.yes_no):
        raise _bad_parameter(
            "cut_question_id", "cut_question_kind", "only a Likert or yes/no question can cut"
        )
    assert cut_value is not None
    wanted = _cut_value(cut_question.kind, cut_value)
    keys = {k for k, v in numbers.get(cut_question.id, {}).items() if v == wanted}
    rest = survey.response_count - len(keys)
    cut_shown = _allowed(len(keys), rest, minimum)
    results.cut = CutInfo(
        question_id=cut_question.id,
        value=cut_value,
        respondents=len(keys) if cut_shown else None,
        suppressed=not cut_shown,
    )
    for q in questions:
        answers = by_question.get(q.id, {})
        inside = _merge(answers, keys)
        whole = _merge(answers, None)
        shown = cut_shown and _allowed(inside.n, whole.n - inside.n, minimum)
        # A suppressed cut says nothing of its size, not even per question.
        results.questions.append(_result(q, inside, shown, cut_shown))
    return results


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def results_csv(results: SurveyResults) -> str:
    """The same figures as the results, as CSV (comma, UTF-8): one row per question, with
    the same suppression; free-text answers are not part of the export."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["position", "question", "kind", "n", "suppressed", "mean", *LIKERT_VALUES, *YES_NO_VALUES]
    )
    for q in results.questions:
        dist = q.distribution or {}
        writer.writerow(
            [
                q.position,
                _safe(q.text),
                q.kind.value,
                "" if q.n is None else q.n,
                "true" if q.suppressed else "false",
                "" if q.mean is None else q.mean,
                *[dist.get(k, "") if q.distribution else "" for k in LIKERT_VALUES],
                *[dist.get(k, "") if q.distribution else "" for k in YES_NO_VALUES],
            ]
        )
    writer.writerow([])
    writer.writerow(["responses", results.response_count])
    writer.writerow(["min_responses", results.min_responses])
    if results.cut is not None:
        writer.writerow(["cut_question_id", str(results.cut.question_id)])
        writer.writerow(["cut_value", results.cut.value])
        writer.writerow(["cut_suppressed", "true" if results.cut.suppressed else "false"])
    return out.getvalue()
