"""Survey rounds and questions (CRUD), their open and close actions, results under the
anonymity threshold, imported results, and the public answer endpoints."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile
from fastapi.responses import Response as PlainResponse

from samskap.auth.client_address import client_address
from samskap.auth.principal import PrincipalDep
from samskap.auth.ratelimit import RequestLimit
from samskap.config import get_settings
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.openapi import READ_WITH_ETAG, Responses
from samskap.kit.routes import crud_router
from samskap.problems import TooManyRequests, problem_responses
from samskap.surveys import answering
from samskap.surveys.figures import results_csv, round_results
from samskap.surveys.schemas import (
    AnswerReceipt,
    AnswerSubmission,
    ImportReport,
    PublicSurvey,
    SurveyQuestionCreate,
    SurveyQuestionPage,
    SurveyQuestionRead,
    SurveyQuestionUpdate,
    SurveyResults,
    SurveyRoundClose,
    SurveyRoundClosed,
    SurveyRoundCreate,
    SurveyRoundOpened,
    SurveyRoundPage,
    SurveyRoundRead,
    SurveyRoundUpdate,
)
from samskap.surveys.service import SurveyQuestionService, SurveyRoundService

router = APIRouter()
router.include_router(
    crud_router(
        path="/survey-rounds",
        resource="survey-rounds",
        singular="survey round",
        service=SurveyRoundService,
        read=SurveyRoundRead,
        create=SurveyRoundCreate,
        update=SurveyRoundUpdate,
        page=SurveyRoundPage,
        descriptions={
            "create": "Creates a survey round (kartlegging) as a draft: answered in Samskap by "
            "a group's members, a project's people or anyone holding its link, or (source "
            "`imported`) aggregate results imported from another tool. Its anonymity "
            "threshold `min_responses` is the setting `survey_min_responses` unless raised.",
            "delete": "Deletes a survey round with its questions and answers; an open round "
            "must be closed first (409 `round_open`). Measurements it wrote stay.",
        },
    )
)
router.include_router(
    crud_router(
        path="/survey-questions",
        resource="survey-questions",
        singular="survey question",
        service=SurveyQuestionService,
        read=SurveyQuestionRead,
        create=SurveyQuestionCreate,
        update=SurveyQuestionUpdate,
        page=SurveyQuestionPage,
        descriptions={
            "create": "Adds a question to a draft survey round; a question of a round that is "
            "open or closed cannot change (409 `round_not_draft`). A question may feed an "
            "indicator of the same programme, except a free-text question.",
        },
    )
)

CSV_OK: Responses = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "The results as CSV",
    }
}
RoundId = Annotated[uuid.UUID, Path(description="The id of the survey round")]


def _service(session: SessionDep, principal: PrincipalDep) -> SurveyRoundService:
    return SurveyRoundService(session, principal)


Rounds = Annotated[SurveyRoundService, Depends(_service)]


@router.post(
    "/survey-rounds/{id}/open",
    name="survey-rounds-open",
    tags=["survey-rounds"],
    summary="Open a survey round for answers",
    response_model=SurveyRoundOpened,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def open_round(id: RoundId, svc: Rounds, response: Response, if_match: IfMatch) -> Any:
    """Opens a draft round that has at least one question (409 `no_questions` otherwise).
    Audience `link`: makes the round's link (a secret of 32 random bytes), shown to editors in
    `link_url`. Audience `group` or `project`: makes one one-time invitation per person of the
    group, or of the project's groups, and answers their links in `invitations` this once
    only: Samskap keeps only a hash of each. Sending them is up to the office. Needs the
    `editor` role, or `member` for a round of the member's own group or project."""
    opened = await svc.open(await svc.get(id), if_match)
    response.headers["ETag"] = etag(opened.version)
    return opened


@router.post(
    "/survey-rounds/{id}/close",
    name="survey-rounds-close",
    tags=["survey-rounds"],
    summary="Close a survey round and write its measurements",
    response_model=SurveyRoundClosed,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def close_round(
    id: RoundId,
    svc: Rounds,
    response: Response,
    if_match: IfMatch,
    body: SurveyRoundClose | None = None,
) -> Any:
    """Closes an open round (an imported round: a draft one) and, for each question that
    feeds an indicator and has at least `min_responses` answers, writes a measurement:
    Likert and number the mean, yes/no the share of yes in percent, dated the closing day in
    Oslo (or the `measured_on` day of the optional body), with the number of respondents and
    the round's title as source. The answer lists the measurements written and, in `skipped`,
    the questions that wrote none and why."""
    measured_on = body.measured_on if body is not None else None
    closed = await svc.close(await svc.get(id), if_match, measured_on)
    response.headers["ETag"] = etag(closed.version)
    return closed


CutQuestion = Annotated[
    uuid.UUID | None,
    Query(
        description="Narrow the results to those who gave `cut_value` to this question "
        "(a Likert or yes/no question of the round)"
    ),
]
CutValue = Annotated[
    str | None,
    Query(
        max_length=3,
        description="The answer that defines the cut: `1`..`5` for Likert, "
        "`yes` or `no` for yes/no",
    ),
]


@router.get(
    "/survey-rounds/{id}/results",
    name="survey-rounds-results",
    tags=["survey-rounds"],
    summary="Results of a survey round, under the anonymity threshold",
    response_model=SurveyResults,
    responses=problem_responses(401, 404, 422),
)
async def results(
    id: RoundId, svc: Rounds, cut_question_id: CutQuestion = None, cut_value: CutValue = None
) -> Any:
    """Per question: how many answered, and only when at least `min_responses` did: the mean
    (share of yes for yes/no), the distribution and the free-text answers (sorted, never in
    the order given); otherwise `suppressed: true` and no figures. A cut is shown only when it
    has at least the threshold and the rest of the round none or at least the threshold, for
    the cut and for each question in it, so that no one's answer can be learnt by
    subtracting. Nobody, whatever their role, reads the raw answers. Anyone who may see the
    programme may read them. What remains: whoever watches the results of an open round
    change as one more person answers learns that answer; read them once the round closes
    where that matters."""
    return await round_results(svc.session, await svc.get(id), cut_question_id, cut_value)


@router.get(
    "/survey-rounds/{id}/results.csv",
    name="survey-rounds-results-csv",
    tags=["survey-rounds"],
    summary="Results of a survey round as CSV, under the anonymity threshold",
    response_class=PlainResponse,
    responses=CSV_OK | problem_responses(401, 404, 422),
)
async def results_as_csv(
    id: RoundId, svc: Rounds, cut_question_id: CutQuestion = None, cut_value: CutValue = None
) -> PlainResponse:
    """The same figures as the results, one row per question, with the same suppression
    (suppressed rows have no figures); free-text answers are not exported."""
    survey = await svc.get(id)
    found = await round_results(svc.session, survey, cut_question_id, cut_value)
    return PlainResponse(
        results_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="survey-{survey.id}.csv"'},
    )


@router.post(
    "/survey-rounds/{id}/imported-results",
    name="survey-rounds-import",
    tags=["survey-rounds"],
    summary="Import a survey round's aggregate results from a CSV or XLSX file",
    response_model=ImportReport,
    responses=problem_responses(401, 403, 404, 409, 413, 415, 422),
    # The file may be larger than other bodies: up to max_upload_bytes, and the form around it.
    max_body_size=get_settings().max_upload_bytes + 65_536,
)
async def imported_results(
    id: RoundId,
    svc: Rounds,
    file: Annotated[
        UploadFile,
        File(
            description="CSV (UTF-8, comma or semicolon) or XLSX: columns `question`, `n`, "
            "and `mean` or the counts `1`..`5` (or `yes` and `no`); optionally `kind`"
        ),
    ],
    dry_run: Annotated[
        bool, Query(description="Validate and report what would be saved, saving nothing")
    ] = False,
) -> Any:
    """For a draft round of source `imported`. A question is matched to the round's by its
    text, or created. Every error is an `errors[]` item pointing at its row and column
    (`/rows/3/n`) with a code; any error answers 422 and saves nothing. Imported figures obey
    the same threshold as answers in every read. Needs the `editor` role, or `member` for a
    round of the member's own group or project."""
    survey = await svc.get(id)
    content = await file.read()
    return await svc.import_file(survey, content, dry_run=dry_run)


# Answering, without an account ----------------------------------------------------------------

public = APIRouter(prefix="/survey-answers", tags=["survey-answers"])
# The path holds the link's secret: uvicorn's access log shows it as `/survey-answers/…`.
answering.hide_tokens_in_access_log()
Token = Annotated[
    str,
    Path(max_length=128, description="The secret of the round's link or of an invitation"),
]
# Per client address; generous, since a workplace often answers from one address.
ANSWER_LIMIT = (300, 600)


async def _limit(request: Request) -> None:
    limiter = getattr(request.app.state, "survey_answer_limiter", None)
    if limiter is None:
        storage = request.app.state.rate_limit_storage
        limiter = RequestLimit(*ANSWER_LIMIT, storage=storage, name="survey-answers")
        request.app.state.survey_answer_limiter = limiter
    address = client_address(request)
    wait = await limiter.hit(address)
    if wait is not None:
        raise TooManyRequests("Too many requests from this address; wait a little.", wait)


@public.get(
    "/{token}",
    name="survey-answers-get",
    summary="The survey a link opens (no account needed)",
    response_model=PublicSurvey,
    responses=problem_responses(404, 422, 429),
    dependencies=[Depends(_limit)],
)
async def survey_for_answering(token: Token, request: Request, session: SessionDep) -> Any:
    """The round's title, description and questions, and whether this invitation, or this
    browser for a shared link, has already answered. Nothing else of the programme and no
    person is named. An unknown token answers 404."""
    target = await answering.find_target(session, token)
    has_receipt = answering.RECEIPT_COOKIE in request.cookies
    return await answering.public_survey(session, target, has_receipt)


@public.post(
    "/{token}",
    name="survey-answers-submit",
    summary="Answer a survey (no account needed)",
    response_model=AnswerReceipt,
    responses=problem_responses(404, 409, 413, 415, 422, 429),
    dependencies=[Depends(_limit)],
)
async def submit_answers(
    token: Token, body: AnswerSubmission, request: Request, response: Response, session: SessionDep
) -> Any:
    """Stores the answers anonymously: with a random key and no time, never with the
    invitation or anyone's identity. Each answer is checked against its question's kind
    (422 with a pointer and code per answer; required questions must be answered). Only an
    open round takes answers (409 `round_not_open`). An invitation answers once (409
    `already_answered`). A shared link sets a receipt cookie in this browser and refuses it
    a second answer (409 `already_answered`); that is weaker: another browser, or clearing
    cookies, allows another answer."""
    target = await answering.find_target(session, token)
    has_receipt = answering.RECEIPT_COOKIE in request.cookies
    await answering.submit(session, target, body, has_receipt)
    if target.invitation is None:
        response.set_cookie(
            answering.RECEIPT_COOKIE,
            "answered",
            max_age=60 * 60 * 24 * 400,
            path=request.url.path,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
    return AnswerReceipt(received=True)
