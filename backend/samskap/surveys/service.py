"""Survey rounds and their questions: who may manage them, and opening and closing a round.

Opening a round for a group or a project makes one invitation per person, keeping only the
SHA-256 of each one-time token; the links themselves are answered once and never again.
Closing writes, for each question that feeds an indicator and has at least the round's
threshold of answers, a measurement through `record_measurement`.
"""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select

from samskap.auth.tokens import digest, new_secret
from samskap.config import get_settings
from samskap.db import utcnow
from samskap.indicators.measuring import record_measurement
from samskap.kit.clock import local_today
from samskap.kit.etag import check_if_match
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.memberships.scope import member_scope
from samskap.models import Group, GroupMember, Indicator, Person, Project
from samskap.models.enums import (
    ProgrammeRole,
    QuestionKind,
    SurveyAudience,
    SurveySource,
    SurveyStatus,
)
from samskap.models.survey import SurveyInvitation, SurveyQuestion, SurveyRound
from samskap.problems import ValidationFailed, conflict
from samskap.surveys.common import answer_path
from samskap.surveys.figures import question_figures
from samskap.surveys.importing import import_results
from samskap.surveys.schemas import (
    InvitationLink,
    MeasurementSkipped,
    MeasurementWritten,
    SurveyRoundClosed,
    SurveyRoundOpened,
    SurveyRoundRead,
)

# What may change only while a round is a draft.
_DRAFT_ONLY = {"audience", "group_id", "project_id", "source", "min_responses"}


class SurveyRoundService(CrudService[SurveyRound]):
    model = SurveyRound
    label = "survey round"
    spec = ListSpec(
        model=SurveyRound,
        filters=[
            Filter(
                "programme_id",
                SurveyRound.programme_id,
                uuid.UUID,
                "Only rounds of this programme",
            ),
            Filter("project_id", SurveyRound.project_id, uuid.UUID, "Only rounds of this project"),
            Filter("group_id", SurveyRound.group_id, uuid.UUID, "Only rounds of this group"),
            Filter("status", SurveyRound.status, SurveyStatus, "Only rounds with this status"),
            Filter("source", SurveyRound.source, SurveySource, "Only rounds from this source"),
        ],
        sorts={
            "created_at": SurveyRound.created_at,
            "title": SurveyRound.title,
            "closed_at": SurveyRound.closed_at,
        },
        default_sort="created_at",
        search=[SurveyRound.title, SurveyRound.description],
    )

    async def apply(self, record, values, *, creating):
        minimum = get_settings().survey_min_responses
        if creating:
            await self.programme(values["programme_id"])
            values = values | {"status": SurveyStatus.draft, "response_count": 0}
            if values.get("min_responses") is None:
                values["min_responses"] = minimum
        else:
            touched = sorted(
                name
                for name in _DRAFT_ONLY & values.keys()
                if values[name] != getattr(record, name)
            )
            if touched and record.status != SurveyStatus.draft:
                raise conflict(
                    f"{', '.join(touched)} can change only while the round is a draft",
                    "round_not_draft",
                    f"/{touched[0]}",
                )
            if "min_responses" in values and values["min_responses"] is None:
                values = values | {"min_responses": minimum}
        if values.get("min_responses") is not None and values["min_responses"] < minimum:
            raise ValidationFailed.at(
                "/min_responses",
                f"must be at least the setting survey_min_responses ({minimum})",
                code="below_minimum",
                params={"minimum": str(minimum)},
            )
        programme_id = values["programme_id"] if creating else record.programme_id
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        await require_in_programme(
            self.session, Group, values.get("group_id"), programme_id, "group_id"
        )
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        if record.source == SurveySource.samskap:
            if record.audience == SurveyAudience.group and record.group_id is None:
                raise ValidationFailed.at(
                    "/group_id", "audience group needs a group", code="required_for_audience"
                )
            if record.audience == SurveyAudience.project and record.project_id is None:
                raise ValidationFailed.at(
                    "/project_id", "audience project needs a project", code="required_for_audience"
                )

    async def member_may_write(self, record, action):
        """A `member` may too, for the rounds of the groups they sit in and the projects they
        lead, own or have a group in."""
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return record.group_id in scope.group_ids or record.project_id in scope.project_ids

    def snapshot(self, record):
        """The audit trail records that a round has a link, never its secret."""
        shown = super().snapshot(record)
        if shown.get("link_token"):
            shown["link_token"] = "(set)"
        return shown

    def may_see_link(self, record: SurveyRound) -> bool:
        return self.principal.at_least(record.programme_id, ProgrammeRole.editor)

    async def present(self, record):
        shown = SurveyRoundRead.model_validate(record)
        shown.link_token = shown.link_url = None
        if record.link_token and self.may_see_link(record):
            shown.link_token = record.link_token
            shown.link_url = answer_path(record.link_token)
        return shown

    async def delete(self, record, if_match):
        check_if_match(if_match, record.version)
        await self.authorize(record, "delete")
        if record.status == SurveyStatus.open:
            raise conflict("close the round before deleting it", "round_open")
        await super().delete(record, if_match)

    # actions ---------------------------------------------------------------------------------
    async def _act(self, record: SurveyRound, if_match: str | None) -> dict[str, Any]:
        check_if_match(if_match, record.version)
        await self.authorize(record, "update")
        return self.snapshot(record)

    async def _done(self, record: SurveyRound, before: dict[str, Any]) -> SurveyRound:
        record.updated_at = utcnow()
        await self.flush()
        record = await self.get(record.id)
        self.audit("update", record, before, self.snapshot(record))
        return record

    async def import_file(self, record: SurveyRound, content: bytes, *, dry_run: bool):
        """Import aggregate results into an imported round (see importing.py)."""
        await self.authorize(record, "update")
        before = self.snapshot(record)
        report = await import_results(self.session, record, content, dry_run=dry_run)
        if not dry_run:
            await self._done(record, before)
        return report

    async def questions(self, round_id: uuid.UUID) -> list[SurveyQuestion]:
        return list(
            await self.session.scalars(
                select(SurveyQuestion)
                .where(SurveyQuestion.round_id == round_id)
                .order_by(SurveyQuestion.position, SurveyQuestion.id)
            )
        )

    async def open(self, record: SurveyRound, if_match: str | None) -> SurveyRoundOpened:
        """Open a draft round for answers; for a group or a project, make the invitations."""
        before = await self._act(record, if_match)
        if record.status != SurveyStatus.draft:
            raise conflict("only a draft round can be opened", "round_not_draft")
        if record.source == SurveySource.imported:
            raise conflict(
                "an imported round takes no answers; import its results and close it",
                "imported_round",
            )
        if not await self.questions(record.id):
            raise conflict("add at least one question before opening the round", "no_questions")
        links: list[InvitationLink] = []
        if record.audience == SurveyAudience.link:
            record.link_token = new_secret()
        else:
            people = await self._invitees(record)
            if not people:
                raise conflict("nobody to invite: the audience has no members", "no_invitees")
            for person in people:
                token = new_secret()
                self.session.add(
                    SurveyInvitation(
                        programme_id=record.programme_id,
                        round_id=record.id,
                        person_id=person.id,
                        token_hash=digest(token),
                    )
                )
                links.append(
                    InvitationLink(
                        person_id=person.id,
                        person_name=person.name,
                        email=person.email,
                        url=answer_path(token),
                    )
                )
        record.status = SurveyStatus.open
        record.opened_at = utcnow()
        record = await self._done(record, before)
        shown = await self.present(record)
        return SurveyRoundOpened(**shown.model_dump(), invitations=links)

    async def _invitees(self, record: SurveyRound) -> list[Person]:
        """The people of the group, or of the project's groups, who are members today."""
        today = local_today()
        groups = (
            select(Group.id).where(Group.project_id == record.project_id)
            if record.audience == SurveyAudience.project
            else select(Group.id).where(Group.id == record.group_id)
        )
        person_ids = (
            select(GroupMember.person_id)
            .where(
                GroupMember.group_id.in_(groups),
                (GroupMember.starts_on.is_(None)) | (GroupMember.starts_on <= today),
                (GroupMember.ends_on.is_(None)) | (GroupMember.ends_on >= today),
            )
            .distinct()
        )
        return list(
            await self.session.scalars(
                select(Person).where(Person.id.in_(person_ids)).order_by(Person.name, Person.id)
            )
        )

    async def close(
        self, record: SurveyRound, if_match: str | None, measured_on: date | None = None
    ) -> SurveyRoundClosed:
        """Close the round; write a measurement for each question that feeds an indicator and
        has at least the threshold of answers."""
        before = await self._act(record, if_match)
        allowed = (
            (SurveyStatus.draft, SurveyStatus.open)
            if record.source == SurveySource.imported
            else (SurveyStatus.open,)
        )
        if record.status not in allowed:
            code = "round_closed" if record.status == SurveyStatus.closed else "round_not_open"
            raise conflict(f"a {record.status} round cannot be closed", code)
        closing_day = local_today()
        if measured_on is not None and measured_on > closing_day:
            raise ValidationFailed.at("/measured_on", "must not be in the future", code="in_future")
        record.status = SurveyStatus.closed
        record.closed_at = utcnow()
        measured_on = measured_on or closing_day
        written: list[MeasurementWritten] = []
        skipped: list[MeasurementSkipped] = []
        questions = [q for q in await self.questions(record.id) if q.indicator_id is not None]
        figures = await question_figures(self.session, record, questions)
        indicators = {
            i.id: i
            for i in await self.session.scalars(
                select(Indicator).where(Indicator.id.in_([q.indicator_id for q in questions]))
            )
        }
        for question in questions:
            assert question.indicator_id is not None
            n, value = figures.get(question.id, (0, None))
            indicator = indicators.get(question.indicator_id)
            if indicator is None or value is None:
                skipped.append(
                    MeasurementSkipped(
                        question_id=question.id,
                        indicator_id=question.indicator_id,
                        respondents=n,
                        reason="no_result",
                    )
                )
            elif n < record.min_responses:
                skipped.append(
                    MeasurementSkipped(
                        question_id=question.id,
                        indicator_id=question.indicator_id,
                        respondents=n,
                        reason="too_few_responses",
                    )
                )
            else:
                measurement = await record_measurement(
                    self.session,
                    indicator=indicator,
                    value=value,
                    measured_on=measured_on,
                    respondents=n,
                    source=record.title[:300],
                    survey_round_id=record.id,
                )
                await self.session.flush()
                written.append(
                    MeasurementWritten(
                        question_id=question.id,
                        indicator_id=indicator.id,
                        measurement_id=measurement.id,
                        value=value,
                        respondents=n,
                    )
                )
        record = await self._done(record, before)
        shown = await self.present(record)
        return SurveyRoundClosed(**shown.model_dump(), measurements=written, skipped=skipped)


class SurveyQuestionService(CrudService[SurveyQuestion]):
    model = SurveyQuestion
    label = "survey question"
    spec = ListSpec(
        model=SurveyQuestion,
        filters=[
            Filter("round_id", SurveyQuestion.round_id, uuid.UUID, "Only questions of this round"),
            Filter(
                "programme_id",
                SurveyQuestion.programme_id,
                uuid.UUID,
                "Only questions of this programme's rounds",
            ),
            Filter(
                "indicator_id",
                SurveyQuestion.indicator_id,
                uuid.UUID,
                "Only questions that feed this indicator",
            ),
        ],
        sorts={"position": SurveyQuestion.position, "created_at": SurveyQuestion.created_at},
        default_sort="position",
        search=[SurveyQuestion.text],
    )

    async def round_of(self, round_id: uuid.UUID) -> SurveyRound:
        found = await self.session.get(SurveyRound, round_id)
        if found is None or self.principal.role_in(found.programme_id) is None:
            raise ValidationFailed.at(
                "/round_id", "no survey round with this id", code="unknown_reference"
            )
        return found

    async def apply(self, record, values, *, creating):
        survey = await self.round_of(values["round_id"] if creating else record.round_id)
        require_draft(survey)
        if creating:
            values = values | {"programme_id": survey.programme_id}
            if values.get("position") is None:
                last = await self.session.scalar(
                    select(func.max(SurveyQuestion.position)).where(
                        SurveyQuestion.round_id == survey.id
                    )
                )
                values["position"] = 0 if last is None else last + 1
        elif "position" in values and values["position"] is None:
            values = {k: v for k, v in values.items() if k != "position"}
        await require_in_programme(
            self.session, Indicator, values.get("indicator_id"), survey.programme_id, "indicator_id"
        )
        await super().apply(record, values, creating=creating)

    async def validate(self, record):
        if record.kind == QuestionKind.free_text and record.indicator_id is not None:
            raise ValidationFailed.at(
                "/indicator_id",
                "a free-text question cannot feed an indicator",
                code="free_text_cannot_feed_indicator",
            )

    async def member_may_write(self, record, action):
        """A `member` may too, for the questions of rounds they may manage (of their groups
        and projects)."""
        survey = await self.session.get(SurveyRound, record.round_id)
        if survey is None:
            return False
        scope = await member_scope(self.session, self.principal, record.programme_id)
        return survey.group_id in scope.group_ids or survey.project_id in scope.project_ids

    async def delete(self, record, if_match):
        check_if_match(if_match, record.version)
        survey = await self.session.get(SurveyRound, record.round_id)
        if survey is not None:
            require_draft(survey)
        await super().delete(record, if_match)


def require_draft(survey: SurveyRound) -> None:
    if survey.status != SurveyStatus.draft:
        raise conflict(
            "questions change only while the round is a draft",
            "round_not_draft",
            "/round_id",
        )
