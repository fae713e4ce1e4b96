"""Request and response bodies of survey rounds, their questions, answers and results."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samskap.kit.schemas import (
    EXTERNAL_ID,
    ExternalId,
    InputModel,
    LongText,
    RecordRead,
    Title,
    page_model,
    update_model,
)
from samskap.models.enums import QuestionKind, SurveyAudience, SurveySource, SurveyStatus

QuestionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]

_ROUND_EXAMPLE: dict[str, Any] = {
    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
    "title": "Kartlegging av arbeidsmiljø 2013",
    "description": "Førstegangsmåling for arbeidsteamene i hjemmetjenesten.",
    "audience": "link",
    "source": "samskap",
}


class SurveyRoundCreate(InputModel):
    """A survey round (kartlegging): answered in Samskap by a group, a project's people or
    anyone holding its link, or imported as aggregate results from another tool."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ROUND_EXAMPLE]})

    programme_id: uuid.UUID = Field(description="The programme the round belongs to")
    project_id: uuid.UUID | None = Field(
        None, description="The project it concerns; required for audience `project`"
    )
    group_id: uuid.UUID | None = Field(
        None, description="The group it concerns; required for audience `group`"
    )
    title: Title = Field(description="The round's title, shown to those who answer")
    description: LongText | None = Field(
        None, description="What the round is about, shown to those who answer"
    )
    audience: SurveyAudience = Field(
        SurveyAudience.link, description="Who answers: " + SurveyAudience.describe()
    )
    source: SurveySource = Field(
        SurveySource.samskap, description="Where the answers come from: " + SurveySource.describe()
    )
    min_responses: int | None = Field(
        None,
        ge=2,
        le=10_000,
        description="The anonymity threshold of this round: results of any question or cut are "
        "shown only when at least this many have answered. Defaults to the setting "
        "`survey_min_responses` (5) and may only be raised above it",
    )
    external_id: ExternalId | None = Field(None, description=EXTERNAL_ID)


SurveyRoundUpdate = update_model(
    SurveyRoundCreate,
    "SurveyRoundUpdate",
    exclude={"programme_id"},
    doc="Changes to apply to a survey round. Audience, group, project, source and threshold "
    "change only while the round is a draft.",
)


class SurveyRoundRead(RecordRead, describe_from=SurveyRoundCreate):
    programme_id: uuid.UUID
    project_id: uuid.UUID | None
    group_id: uuid.UUID | None
    title: str
    description: str | None
    audience: SurveyAudience
    source: SurveySource
    status: SurveyStatus = Field(
        description="Where the round stands (changed only by its open and close actions): "
        + SurveyStatus.describe()
    )
    min_responses: int = Field(
        description="The anonymity threshold: no figure of a question or a cut is shown with "
        "fewer answers than this"
    )
    response_count: int = Field(description="How many have answered (always shown)")
    opened_at: datetime | None = Field(description="When the round was opened")
    closed_at: datetime | None = Field(description="When the round was closed")
    link_token: str | None = Field(
        None,
        description="The secret of the round's link (audience `link`, once open); shown to "
        "editors and programme administrators only",
    )
    link_url: str | None = Field(
        None,
        description="The path of the answer page to share, `/s/<link_token>` on Samskap's "
        "own address; shown to editors and programme administrators only",
    )
    external_id: str | None


SurveyRoundPage = page_model(SurveyRoundRead, "SurveyRoundPage")


class InvitationLink(BaseModel):
    """A one-time link for one invited person, shown once, when the round opens."""

    person_id: uuid.UUID | None = Field(description="The person to send the link to")
    person_name: str | None = Field(description="The person's name, to address the message")
    email: str | None = Field(description="The person's e-mail address, if known")
    url: str = Field(description="The path of the answer page, `/s/<token>`; works once")


class SurveyRoundOpened(SurveyRoundRead):
    """The opened round and, for audience group or project, each person's one-time link.
    Samskap keeps only a hash of each link's secret: these links are shown this once."""

    invitations: list[InvitationLink] = Field(
        description="One link per invited person (empty for audience link); shown only now"
    )


class MeasurementWritten(BaseModel):
    """A measurement written when the round closed."""

    question_id: uuid.UUID = Field(description="The question that fed it")
    indicator_id: uuid.UUID = Field(description="The indicator measured")
    measurement_id: uuid.UUID = Field(description="The measurement written")
    value: float = Field(description="Mean (Likert, number) or share of yes in percent (yes/no)")
    respondents: int = Field(description="How many answered the question")


class MeasurementSkipped(BaseModel):
    """A question with an indicator for which no measurement was written, and why."""

    question_id: uuid.UUID = Field(description="The question")
    indicator_id: uuid.UUID = Field(description="The indicator it feeds")
    respondents: int = Field(description="How many answered the question")
    reason: Literal["too_few_responses", "no_result"] = Field(
        description="`too_few_responses`: fewer than the round's threshold answered; "
        "`no_result`: no figure to measure (no answers or no imported result)"
    )


class SurveyRoundClose(InputModel):
    """How to close a round: optionally, the day its measurements are dated."""

    measured_on: date | None = Field(
        None,
        description="The day the round's measurements are dated: when the survey was carried "
        "out, e.g. for results imported afterwards; not in the future. Defaults to the closing "
        "day in Oslo",
    )


class SurveyRoundClosed(SurveyRoundRead):
    """The closed round and the indicator measurements its closing wrote, or did not."""

    measurements: list[MeasurementWritten] = Field(description="The measurements written")
    skipped: list[MeasurementSkipped] = Field(
        description="Questions with an indicator that wrote nothing, with the reason"
    )


class SurveyQuestionCreate(InputModel):
    """A question of a survey round; it may feed an indicator of the same programme."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "round_id": "0193a0e4-7c1e-7000-8000-000000000010",
                    "text": "Jeg opplever at teamet mitt samarbeider godt.",
                    "kind": "likert",
                    "required": True,
                }
            ]
        }
    )

    round_id: uuid.UUID = Field(description="The round the question belongs to")
    position: int | None = Field(
        None, ge=0, le=10_000, description="Its place in the round (ascending); defaults to last"
    )
    text: QuestionText = Field(description="The question as it is asked")
    kind: QuestionKind = Field(description="What it asks for: " + QuestionKind.describe())
    required: bool = Field(False, description="Whether an answer must give it")
    indicator_id: uuid.UUID | None = Field(
        None,
        description="The indicator the question feeds when the round closes (not for free "
        "text): Likert and number give the mean, yes/no the share of yes in percent",
    )


SurveyQuestionUpdate = update_model(
    SurveyQuestionCreate,
    "SurveyQuestionUpdate",
    exclude={"round_id"},
    doc="Changes to apply to a question; only while its round is a draft.",
)


class SurveyQuestionRead(RecordRead, describe_from=SurveyQuestionCreate):
    programme_id: uuid.UUID = Field(description="The programme of the question's round")
    round_id: uuid.UUID
    position: int
    text: str
    kind: QuestionKind
    required: bool
    indicator_id: uuid.UUID | None


SurveyQuestionPage = page_model(SurveyQuestionRead, "SurveyQuestionPage")


# Answering ------------------------------------------------------------------------------------


class PublicQuestion(BaseModel):
    """A question as the one answering sees it."""

    id: uuid.UUID = Field(description="The question's id, to give with its answer")
    position: int = Field(description="Its place in the round")
    text: str = Field(description="The question")
    kind: QuestionKind = Field(description="What it asks for: " + QuestionKind.describe())
    required: bool = Field(description="Whether it must be answered")


class PublicSurvey(BaseModel):
    """What the one answering sees of a round: nothing of the programme, nobody's identity."""

    title: str = Field(description="The round's title")
    description: str | None = Field(description="What the round is about")
    status: SurveyStatus = Field(description="Whether the round takes answers (`open`)")
    already_answered: bool = Field(
        description="This invitation has been used, or this browser has answered this link"
    )
    questions: list[PublicQuestion] = Field(description="The questions, in order")


AnswerValue = bool | int | float | str | None


class AnswerItem(InputModel):
    """The answer to one question."""

    question_id: uuid.UUID = Field(description="The question answered")
    value: AnswerValue = Field(
        description="Likert: an integer 1-5; yes/no: true or false; number: a number; free "
        "text: text of at most 5000 characters; null: not answered"
    )


class AnswerSubmission(InputModel):
    """One person's answers to a round."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "answers": [
                        {"question_id": "0193a0e4-7c1e-7000-8000-000000000011", "value": 4},
                        {"question_id": "0193a0e4-7c1e-7000-8000-000000000012", "value": True},
                    ]
                }
            ]
        }
    )

    answers: list[AnswerItem] = Field(max_length=500, description="An answer per question")


class AnswerReceipt(BaseModel):
    """The answer was received; nothing in it ties the answer to anyone."""

    received: bool = Field(description="Always true")


# Results --------------------------------------------------------------------------------------


class QuestionResult(BaseModel):
    """The result of one question; no figure unless at least the threshold answered."""

    question_id: uuid.UUID = Field(description="The question")
    position: int = Field(description="Its place in the round")
    text: str = Field(description="The question")
    kind: QuestionKind = Field(description="Its kind")
    indicator_id: uuid.UUID | None = Field(description="The indicator it feeds, if any")
    n: int | None = Field(
        description="How many answered it (in the cut, when a cut is asked for); null when "
        "the cut itself is suppressed, so that not even its size is given"
    )
    suppressed: bool = Field(
        description="True when fewer than the threshold answered (or the cut could reveal "
        "someone): no figures are given"
    )
    mean: float | None = Field(
        None, description="Mean (Likert, number) or share of yes in percent (yes/no)"
    )
    distribution: dict[str, int] | None = Field(
        None, description="How many gave each value: `1`..`5` (Likert) or `yes`/`no`"
    )
    texts: list[str] | None = Field(
        None, description="The free-text answers, sorted (never in the order given)"
    )


class CutInfo(BaseModel):
    """The cut the results are narrowed to."""

    question_id: uuid.UUID = Field(description="The question that defines the cut")
    value: str = Field(description="The answer that defines the cut")
    respondents: int | None = Field(
        None, description="How many are in the cut; null when the cut is suppressed"
    )
    suppressed: bool = Field(
        description="True when the cut or the rest of the round has fewer than the threshold "
        "(but more than none): then no figures are given for it"
    )


class SurveyResults(BaseModel):
    """The round's results per question, under the anonymity threshold."""

    round_id: uuid.UUID = Field(description="The round")
    source: SurveySource = Field(description="Answered in Samskap or imported")
    status: SurveyStatus = Field(description="Where the round stands")
    min_responses: int = Field(description="The anonymity threshold")
    response_count: int = Field(description="How many have answered the round")
    cut: CutInfo | None = Field(None, description="The cut, when one was asked for")
    questions: list[QuestionResult] = Field(description="Per question, in order")


# Imported results -----------------------------------------------------------------------------


class ImportedRow(BaseModel):
    """One row of an imported file, as read."""

    row: int = Field(description="The row number in the file (the header is row 1)")
    question: str = Field(description="The question text")
    question_id: uuid.UUID | None = Field(
        None, description="The question it matched; null when it will be created"
    )
    creates_question: bool = Field(description="Whether the question is new to the round")
    n: int = Field(description="How many answered")
    mean: float | None = Field(None, description="The mean given or computed")
    distribution: dict[str, int] | None = Field(None, description="The distribution given")


class ImportReport(BaseModel):
    """What an import saved, or (dry run) would save."""

    dry_run: bool = Field(description="True when nothing was saved")
    rows: list[ImportedRow] = Field(description="Each row of the file")
