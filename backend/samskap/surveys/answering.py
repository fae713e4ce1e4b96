"""Answering a round without an account, by its link or a one-time invitation.

Nothing here stores or logs who answered: an answer is a set of rows with a fresh random
`response_key` and no time; an invitation only turns `used`. Neither the token nor the body
is logged. A link is reusable, so a browser that answered gets a receipt cookie and is
refused a second time; that is weaker than an invitation (another browser, or the same one
with its cookies cleared, can answer again).
"""

import logging
import math
import re
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event
from samskap.auth.principal import SYSTEM
from samskap.auth.tokens import digest
from samskap.models.enums import QuestionKind, SurveyStatus
from samskap.models.survey import SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyRound
from samskap.problems import NotFound, ValidationFailed, conflict
from samskap.surveys.schemas import AnswerSubmission, PublicQuestion, PublicSurvey

RECEIPT_COOKIE = "samskap_survey_receipt"
MAX_TEXT = 5000


class Target:
    """What a token opens: a round, and the invitation when the token is one."""

    def __init__(self, survey: SurveyRound, invitation: SurveyInvitation | None):
        self.survey = survey
        self.invitation = invitation

    def answered(self, has_receipt: bool) -> bool:
        if self.invitation is not None:
            return self.invitation.used
        return has_receipt


async def find_target(session: AsyncSession, token: str) -> Target:
    """The round a token opens; an unknown token answers 404."""
    if 20 <= len(token) <= 128:
        survey = (
            await session.scalars(select(SurveyRound).where(SurveyRound.link_token == token))
        ).first()
        if survey is not None:
            return Target(survey, None)
        invitation = (
            await session.scalars(
                select(SurveyInvitation).where(SurveyInvitation.token_hash == digest(token))
            )
        ).first()
        if invitation is not None:
            survey = await session.get(SurveyRound, invitation.round_id)
            if survey is not None:
                return Target(survey, invitation)
    raise NotFound(detail="No survey for this link; check that the whole link was copied.")


async def _questions(session: AsyncSession, round_id: uuid.UUID) -> list[SurveyQuestion]:
    return list(
        await session.scalars(
            select(SurveyQuestion)
            .where(SurveyQuestion.round_id == round_id)
            .order_by(SurveyQuestion.position, SurveyQuestion.id)
        )
    )


async def public_survey(session: AsyncSession, target: Target, has_receipt: bool) -> PublicSurvey:
    survey = target.survey
    return PublicSurvey(
        title=survey.title,
        description=survey.description,
        status=survey.status,
        already_answered=target.answered(has_receipt),
        questions=[
            PublicQuestion(
                id=q.id, position=q.position, text=q.text, kind=q.kind, required=q.required
            )
            for q in await _questions(session, survey.id)
        ],
    )


def _error(pointer: str, code: str, detail: str, **params: str) -> dict[str, Any]:
    item: dict[str, Any] = {"pointer": pointer, "code": code, "detail": detail}
    if params:
        item["params"] = params
    return item


def _stored(kind: QuestionKind, value: Any, pointer: str) -> tuple[Any, dict | None]:
    """The value as stored (number or text), or the error."""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == QuestionKind.likert:
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        ):
            return None, _error(pointer, "likert_expected", "give a whole number from 1 to 5")
        if not 1 <= value <= 5:
            return None, _error(
                pointer, "likert_out_of_range", "must be from 1 to 5", min="1", max="5"
            )
        return float(value), None
    if kind == QuestionKind.yes_no:
        if not isinstance(value, bool):
            return None, _error(pointer, "yes_no_expected", "give true (yes) or false (no)")
        return 1.0 if value else 0.0, None
    if kind == QuestionKind.number:
        if not is_number or not math.isfinite(value) or abs(value) > 1e12:
            return None, _error(pointer, "number_expected", "give a number")
        return float(value), None
    if not isinstance(value, str):
        return None, _error(pointer, "text_expected", "give text")
    text = value.strip()
    if len(text) > MAX_TEXT:
        return None, _error(
            pointer, "too_long", f"at most {MAX_TEXT} characters", max_length=str(MAX_TEXT)
        )
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return None, _error(pointer, "control_character", "must not contain control characters")
    return (text or None), None


async def submit(
    session: AsyncSession, target: Target, body: AnswerSubmission, has_receipt: bool
) -> None:
    """Store one person's answers, once: validated per question, all or nothing."""
    survey = target.survey
    if survey.status != SurveyStatus.open:
        raise conflict("the survey does not take answers now", "round_not_open")
    if target.answered(has_receipt):
        raise conflict("this survey has already been answered here", "already_answered")
    questions = {q.id: q for q in await _questions(session, survey.id)}
    errors: list[dict[str, Any]] = []
    given: dict[uuid.UUID, Any] = {}
    for i, item in enumerate(body.answers):
        pointer = f"/answers/{i}"
        question = questions.get(item.question_id)
        if question is None:
            errors.append(
                _error(
                    f"{pointer}/question_id", "unknown_question", "not a question of this survey"
                )
            )
            continue
        if item.question_id in given:
            errors.append(_error(f"{pointer}/question_id", "duplicate_answer", "answered twice"))
            continue
        if item.value is None:
            given[item.question_id] = None
            continue
        stored, error = _stored(question.kind, item.value, f"{pointer}/value")
        if error is not None:
            errors.append(error)
        given[item.question_id] = stored
    for position, question in enumerate(questions.values()):
        if question.required and given.get(question.id) is None:
            errors.append(
                _error(
                    "/answers",
                    "answer_required",
                    "this question must be answered",
                    question_id=str(question.id),
                    position=str(position + 1),
                )
            )
    if errors:
        raise ValidationFailed("Some answers are missing or invalid.", errors=errors)

    if target.invitation is not None:
        # Turn the invitation used only if it is still unused: two concurrent answers with
        # the same invitation cannot both pass.
        taken = await session.execute(
            update(SurveyInvitation)
            .where(SurveyInvitation.id == target.invitation.id, SurveyInvitation.used.is_(False))
            .values(used=True)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            raise conflict("this survey has already been answered here", "already_answered")
    key = uuid.uuid4()
    for question_id, stored in given.items():
        if stored is None:
            continue
        kind = questions[question_id].kind
        session.add(
            SurveyAnswer(
                programme_id=survey.programme_id,
                round_id=survey.id,
                question_id=question_id,
                response_key=key,
                number_value=None if kind == QuestionKind.free_text else stored,
                text_value=stored if kind == QuestionKind.free_text else None,
            )
        )
    await session.execute(
        update(SurveyRound)
        .where(SurveyRound.id == survey.id)
        .values(response_count=SurveyRound.response_count + 1)
        .execution_options(synchronize_session=False)
    )
    # The trail records that the round got an answer, and nothing of who or what.
    record_event(
        session,
        SYSTEM,
        action="answer",
        record_type="survey_round",
        record_id=survey.id,
        programme_id=survey.programme_id,
    )
    await session.flush()


_TOKEN_IN_PATH = re.compile(r"(/survey-answers/|/s/)[^/?#\s]+")


class HideAnswerTokens(logging.Filter):
    """Keeps the secret of a survey link or invitation out of the server's access log: the
    path is logged as `/survey-answers/…`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _TOKEN_IN_PATH.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = _TOKEN_IN_PATH.sub(r"\1…", record.msg)
        return True


def hide_tokens_in_access_log() -> None:
    """Install HideAnswerTokens on uvicorn's access log (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideAnswerTokens) for f in access.filters):
        access.addFilter(HideAnswerTokens())
