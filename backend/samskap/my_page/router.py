"""The signed-in user's own page, and the link to answer a survey round from it."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.my_page.schemas import MyOverview, MySurveyLink
from samskap.my_page.service import my_overview, my_survey_link
from samskap.problems import problem_responses
from samskap.surveys.service import SurveyRoundService

router = APIRouter()


@router.get(
    "/me/overview",
    name="me-overview",
    tags=["me"],
    summary="Your own page: what waits for you in your programmes",
    response_model=MyOverview,
    responses=problem_responses(401, 403, 404, 422),
)
async def overview(
    session: SessionDep,
    principal: PrincipalDep,
    programme_id: Annotated[
        uuid.UUID | None,
        Query(
            description="Only this programme (404 if you have no role in it); default: every "
            "programme you have a role in"
        ),
    ] = None,
) -> MyOverview:
    """For the person your membership names in each programme: the groups you sit in, the
    events you are invited to from now on with your answer, your open tasks and the open
    deadlines you, a group of yours or whom they are due to answer for (overdue marked), open
    hearings awaiting your or your group's response, the ideas you submitted under your name
    and the open survey rounds you have not answered. Judged at the server's time (no
    `as_of`: the page is about what to do now). A programme where your membership names no
    person is listed with empty sections. An API token answers 403 `person_required`: it acts
    for an integration, not a person."""
    return await my_overview(session, principal, programme_id)


@router.post(
    "/survey-rounds/{id}/my-link",
    name="survey-rounds-my-link",
    tags=["survey-rounds"],
    summary="A new link to answer a survey round you are invited to",
    response_model=MySurveyLink,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def my_link(
    id: Annotated[uuid.UUID, Path(description="The id of the survey round")],
    session: SessionDep,
    principal: PrincipalDep,
) -> MySurveyLink:
    """Makes a new secret for your own unused invitation to an open round and answers its
    link this once; the invitation's earlier link stops working (Samskap keeps only a hash).
    The answers given through it are stored as any others: with no link to the invitation or
    to you. 403 `not_invited` without an invitation of yours, 409 `round_not_open` when the
    round takes no answers, 409 `already_answered` when your invitation has been used; an
    API token answers 403 `person_required`."""
    survey = await SurveyRoundService(session, principal).get(id)
    return await my_survey_link(session, principal, survey)
