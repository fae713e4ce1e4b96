import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response

from samskap.auth.principal import PrincipalDep
from samskap.deps import SessionDep
from samskap.involvements.schemas import (
    InvolvementCreate,
    InvolvementPage,
    InvolvementRead,
    InvolvementUpdate,
)
from samskap.involvements.service import InvolvementService
from samskap.involvements.trail import DecisionTrail, decision_trail, trail_csv
from samskap.kit.openapi import Responses
from samskap.kit.routes import crud_router
from samskap.problems import problem_responses

DecisionId = Annotated[uuid.UUID, Path(description="The id of the decision")]
TRAIL_CSV: Responses = {
    200: {
        "description": "UTF-8 with a byte order mark, comma separated, a header row and one row "
        "per entry of the trail in its order: occurred_on, occurred_at, kind, form, "
        "stakeholder_kind, group, parties, people, head_count, present, absent, matter, "
        "statements, outcome, handling, before_decision, via, record_type, record_id",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}

router = APIRouter()


@router.get(
    "/decisions/{id}/trail",
    name="decisions-trail",
    tags=["decisions"],
    summary="Who was involved before the decision, how, when, what they said and what came of it",
    response_model=DecisionTrail,
    responses=problem_responses(401, 404, 422),
)
async def trail(id: DecisionId, session: SessionDep, principal: PrincipalDep) -> DecisionTrail:
    """The decision's trail in time order: involvement records that name it (or its
    consultation meeting, or a hearing named with it), its consultation meeting with the
    protocol and attendance, and the responses to its hearings with their handling; and the
    planned involvements of its project for it, each with whether it happened before it.
    Observers see kinds and head counts, not names."""
    return await decision_trail(session, principal, id)


@router.get(
    "/decisions/{id}/trail.csv",
    name="decisions-trail-csv",
    tags=["decisions"],
    summary="The decision's trail as CSV",
    response_class=Response,
    responses=TRAIL_CSV | problem_responses(401, 404, 422),
)
async def trail_as_csv(id: DecisionId, session: SessionDep, principal: PrincipalDep) -> Response:
    """The same entries as the trail, as CSV for the joint committee's papers."""
    found = await decision_trail(session, principal, id)
    return Response(
        content=trail_csv(found).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="decision-{id}-trail.csv"'},
    )


router.include_router(
    crud_router(
        path="/involvements",
        resource="involvements",
        singular="involvement",
        service=InvolvementService,
        read=InvolvementRead,
        create=InvolvementCreate,
        update=InvolvementUpdate,
        page=InvolvementPage,
        delete_summary="Archive an involvement record (it is kept, never erased)",
        descriptions={
            "list": "One page of the involvement records (medvirkning) you may see. Observers "
            "see how many took part, not who (`participant_ids` is empty for them).",
            "create": "Records how stakeholders were involved in a matter: who (by kind, named "
            "participants or a head count), how, when, what they said and what came of it, "
            "and the records it concerns (decisions, meetings, hearings, submissions, goals, "
            "ideas; each of the same programme). It is recorded once it has happened, so "
            "`occurred_on` cannot be in the future. With `planned_involvement_id` it fulfils "
            "that entry of the project's involvement plan.",
            "delete": "Archives an involvement record: it is kept, with `archived_at` set, and "
            "can no longer be changed; lists show it only when asked with `archived=true`.",
        },
    )
)
