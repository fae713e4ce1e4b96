"""Survey rounds (kartlegginger) and their anonymous answers.

No answer is stored with who gave it: answers carry a random response key and no time, an
invitation records only that it has been used, and nothing links the two.
"""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samskap.db import Base, utcnow
from samskap.kit.ids import uuid7
from samskap.kit.types import EnumText, UTCDateTime
from samskap.models.common import ExternallyKeyed, InProgramme, Record
from samskap.models.enums import QuestionKind, SurveyAudience, SurveySource, SurveyStatus


class SurveyRound(Record, InProgramme, ExternallyKeyed, Base):
    """One round of a survey, answered in Samskap or imported from another tool."""

    __tablename__ = "survey_round"
    __table_args__ = (UniqueConstraint("programme_id", "external_id"),)

    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[SurveyAudience] = mapped_column(EnumText(SurveyAudience, 32))
    source: Mapped[SurveySource] = mapped_column(EnumText(SurveySource, 32), index=True)
    status: Mapped[SurveyStatus] = mapped_column(EnumText(SurveyStatus, 32), index=True)
    min_responses: Mapped[int] = mapped_column(Integer)
    link_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    response_count: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class SurveyQuestion(Record, InProgramme, Base):
    """A question of a round; it may feed an indicator when the round closes."""

    __tablename__ = "survey_question"

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[QuestionKind] = mapped_column(EnumText(QuestionKind, 32))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    indicator_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("indicator.id", ondelete="SET NULL"), index=True
    )


class SurveyInvitation(InProgramme, Base):
    """A one-time invitation to answer a round; only the hash of its token is kept, and only
    whether it has been used, never when."""

    __tablename__ = "survey_invitation"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class SurveyAnswer(InProgramme, Base):
    """One answer to one question. `response_key` groups one respondent's answers (for cuts)
    and is random; there is no time and no link to an invitation or a person."""

    __tablename__ = "survey_answer"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    response_key: Mapped[uuid.UUID] = mapped_column(index=True)
    number_value: Mapped[float | None] = mapped_column(Float)
    text_value: Mapped[str | None] = mapped_column(Text)


class SurveyImportedResult(InProgramme, Base):
    """The aggregate result of one question, imported from another survey tool."""

    __tablename__ = "survey_imported_result"
    __table_args__ = (UniqueConstraint("round_id", "question_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    respondents: Mapped[int] = mapped_column(Integer)
    mean: Mapped[float | None] = mapped_column(Float)
    distribution: Mapped[dict[str, int] | None] = mapped_column(JSON)
