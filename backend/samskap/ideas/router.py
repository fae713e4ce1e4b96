"""Ideas (forbedringsforslag): the programme's list and its actions, the participation links
the office hands out, and the public form and receipt reached by those links."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response, status

from samskap.auth.client_address import client_address
from samskap.auth.principal import PrincipalDep
from samskap.auth.ratelimit import RequestLimit
from samskap.deps import IfMatch, SessionDep
from samskap.ideas import participation
from samskap.ideas.common import form_path
from samskap.ideas.schemas import (
    IdeaAssess,
    IdeaCreate,
    IdeaPage,
    IdeaRead,
    IdeaReceipt,
    IdeaReceiptView,
    IdeaStatusChangeRead,
    IdeaSupportState,
    IdeaToMeasure,
    IdeaToTask,
    IdeaUpdate,
    ParticipationForm,
    ParticipationLinkCreate,
    ParticipationLinkCreated,
    ParticipationLinkPage,
    ParticipationLinkRead,
    PublicIdeaSubmit,
)
from samskap.ideas.service import IdeaService, ParticipationLinkService
from samskap.kit.etag import etag
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import CREATED_WITH_ETAG, READ_WITH_ETAG
from samskap.kit.routes import crud_router
from samskap.models import Idea
from samskap.problems import TooManyRequests, problem_responses

router = APIRouter()
router.include_router(
    crud_router(
        path="/ideas",
        resource="ideas",
        singular="idea",
        service=IdeaService,
        read=IdeaRead,
        create=IdeaCreate,
        update=IdeaUpdate,
        page=IdeaPage,
        delete_summary="Archive an idea (it is kept, never erased)",
        descriptions={
            "list": "One page of the ideas (forbedringsforslag) you may see, each with how many "
            "support it and whether you do. The submitter is named only when they chose to "
            "be; an anonymous idea keeps no name at all.",
            "create": "Submits an idea as your person in the programme (channel `account`), "
            "named unless `anonymous` is true: an anonymous idea keeps no person, no name, and "
            "no account in its audit event. It starts as `received`, which is its first "
            "status change.",
            "update": "Changes an idea's text, what it concerns or who assesses it; its status "
            "changes through `POST /ideas/{id}/assess`.",
            "delete": "Archives an idea: it is kept, with `archived_at` set, and can no longer "
            "be changed or supported; lists show it only when asked with `archived=true`, and "
            "its receipt answers 410.",
        },
    )
)

IdeaId = Annotated[uuid.UUID, Path(description="The id of the idea")]
LinkId = Annotated[uuid.UUID, Path(description="The id of the participation link")]


def _ideas(session: SessionDep, principal: PrincipalDep) -> IdeaService:
    return IdeaService(session, principal)


def _links(session: SessionDep, principal: PrincipalDep) -> ParticipationLinkService:
    return ParticipationLinkService(session, principal)


Ideas = Annotated[IdeaService, Depends(_ideas)]
Links = Annotated[ParticipationLinkService, Depends(_links)]


async def _changed(svc: IdeaService, idea: Idea, response: Response) -> IdeaRead:
    """A changed idea as answered: its new version in `ETag`, and what the caller may see."""
    response.headers["ETag"] = etag(idea.version)
    return await svc.present(idea)


@router.post(
    "/ideas/{id}/assess",
    name="ideas-assess",
    tags=["ideas"],
    summary="Assess an idea: move it to a status, with a comment",
    response_model=IdeaRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def assess(
    id: IdeaId, body: IdeaAssess, svc: Ideas, response: Response, if_match: IfMatch
) -> Any:
    """Records a step in the idea's follow-up (kept with its time and comment, and shown on
    the submitter's receipt) and moves the idea to its status; may also name who assesses it
    from now on. `not_pursued` needs a `reason` (422 `reason_required`, nothing changes); a
    reason with another status answers 422 `reason_not_allowed`; `received` is only the first
    step (422 `status_not_allowed`). `event_id` names the meeting where the step was decided:
    an event of the idea's programme (else 422 `unknown_reference`). An archived idea answers
    409 `idea_archived`. Needs the
    `editor` role (the programme office), or `member` as the idea's assessor (the assessor
    person, or a member of the assessor group)."""
    return await _changed(svc, await svc.assess(await svc.get(id), body, if_match), response)


@router.get(
    "/ideas/{id}/status-changes",
    name="ideas-status-changes",
    tags=["ideas"],
    summary="An idea's status changes, oldest first",
    response_model=list[IdeaStatusChangeRead],
    responses=problem_responses(401, 404, 422),
)
async def status_changes(id: IdeaId, svc: Ideas) -> Any:
    """Every step of the idea's follow-up with its time, comment, (for `not_pursued`) the
    reason and the meeting where it was decided, starting with `received`. Anyone who may see
    the programme may read them."""
    return await svc.status_changes(await svc.get(id))


@router.post(
    "/ideas/{id}/support",
    name="ideas-support",
    tags=["ideas"],
    summary="Support an idea",
    response_model=IdeaSupportState,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def support(id: IdeaId, svc: Ideas) -> Any:
    """Adds your support, as your person in the programme: one support per person, so a
    second answers 409 `already_supported` (and changes nothing). Needs the `member` role or
    a higher one, and a membership that names your person (422 `person_required`). An
    archived idea answers 409 `idea_archived`."""
    return await svc.support(await svc.get(id))


@router.delete(
    "/ideas/{id}/support",
    name="ideas-support-withdraw",
    tags=["ideas"],
    summary="Withdraw your support for an idea",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def withdraw_support(id: IdeaId, svc: Ideas, if_match: IfMatch) -> Response:
    """Removes your support; 404 when you do not support the idea. Send the idea's `ETag` as
    `If-Match` (supporting never changes it): a stale one answers 412 and a missing one 428.
    Needs the `member` role or a higher one."""
    await svc.withdraw_support(await svc.get(id), if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/ideas/{id}/measure",
    name="ideas-to-measure",
    tags=["ideas"],
    summary="Turn an accepted idea into a measure",
    response_model=IdeaRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def to_measure(
    id: IdeaId, body: IdeaToMeasure, svc: Ideas, response: Response, if_match: IfMatch
) -> Any:
    """Links the idea to a measure (tiltak) of the programme (`measure_id`), or makes a new
    one from the idea's title, description, project and group towards the given `goal_ids`
    (422 `goal_required` without them), and answers the idea with its `measure_id`. The idea
    keeps its own text: the measure is linked, not copied back. Only an `accepted` or
    `in_progress` idea (409 `idea_not_accepted`), once (409 `already_linked`). Needs what
    changing the idea needs, and for a new measure what creating a measure needs."""
    return await _changed(svc, await svc.to_measure(await svc.get(id), body, if_match), response)


@router.post(
    "/ideas/{id}/task",
    name="ideas-to-task",
    tags=["ideas"],
    summary="Turn an accepted idea into a task",
    response_model=IdeaRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def to_task(
    id: IdeaId, body: IdeaToTask, svc: Ideas, response: Response, if_match: IfMatch
) -> Any:
    """Links the idea to a task of the programme (`task_id`), or makes a new one from the
    idea's title and description in the idea's project (or `project_id` when the idea names
    none: 422 `project_required` without either), and answers the idea with its `task_id`.
    Only an `accepted` or `in_progress` idea (409 `idea_not_accepted`), once (409
    `already_linked`). Needs what changing the idea needs, and for a new task what creating a
    task needs."""
    return await _changed(svc, await svc.to_task(await svc.get(id), body, if_match), response)


# Participation links ---------------------------------------------------------------------------


@router.get(
    "/participation-links",
    name="participation-links-list",
    tags=["participation-links"],
    summary="List participation links",
    response_model=ParticipationLinkPage,
    responses=problem_responses(400, 401, 422),
)
async def list_links(
    svc: Links, lq: Annotated[ListQuery, Depends(ParticipationLinkService.spec.dependency())]
) -> Any:
    """One page of the programme's participation links (never their secrets). Narrow it with
    the filters, order it with `sort`, and pass `next_cursor` back as `cursor` for the next
    page."""
    items, next_cursor = await svc.list(lq)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/participation-links/{id}",
    name="participation-links-get",
    tags=["participation-links"],
    summary="Get a participation link",
    response_model=ParticipationLinkRead,
    responses=READ_WITH_ETAG | problem_responses(401, 404, 422),
)
async def get_link(id: LinkId, svc: Links, response: Response) -> Any:
    """One participation link (without its secret, which is shown only when it is made); the
    `ETag` header holds its version, to send as `If-Match` when closing it."""
    link = await svc.get(id)
    response.headers["ETag"] = etag(link.version)
    return link


@router.post(
    "/participation-links",
    name="participation-links-create",
    tags=["participation-links"],
    summary="Create a participation link",
    response_model=ParticipationLinkCreated,
    status_code=status.HTTP_201_CREATED,
    responses=CREATED_WITH_ETAG | problem_responses(400, 401, 403, 409, 413, 415, 422),
)
async def create_link(
    body: ParticipationLinkCreate, svc: Links, request: Request, response: Response
) -> Any:
    """Makes a link (a secret of 32 random bytes) through which employees without an account
    submit ideas to the programme, named or anonymously. The secret is answered in `token`
    (and the web app's form in `form_path`) this once only: Samskap keeps only its SHA-256.
    Sharing it is up to the office. Needs the `editor` role (the programme office), or a
    higher one."""
    link = await svc.create(body)
    response.headers["Location"] = f"{request.url.path.rstrip('/')}/{link.id}"
    response.headers["ETag"] = etag(link.version)
    shown = ParticipationLinkRead.model_validate(link).model_dump()
    return ParticipationLinkCreated(**shown, token=svc.token, form_path=form_path(svc.token))


@router.post(
    "/participation-links/{id}/close",
    name="participation-links-close",
    tags=["participation-links"],
    summary="Close a participation link",
    response_model=ParticipationLinkRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 409, 412, 422, 428),
)
async def close_link(id: LinkId, svc: Links, response: Response, if_match: IfMatch) -> Any:
    """Closes the link for good: its form and its submissions answer 410 `link_closed` from
    now on; ideas already sent, and their receipts, stay. A closed link answers 409
    `link_closed`. Needs the `editor` role (the programme office), or a higher one."""
    link = await svc.close(await svc.get(id), if_match)
    response.headers["ETag"] = etag(link.version)
    return link


# Without an account ----------------------------------------------------------------------------

public = APIRouter(tags=["participation"])
participation.hide_participants_in_access_log()
Token = Annotated[
    str, Path(max_length=128, description="The secret of the programme's participation link")
]
ReceiptToken = Annotated[str, Path(max_length=128, description="The secret of the idea's receipt")]
# Per client address; generous, since a workplace often sends from one address.
PARTICIPATION_LIMIT = (120, 600)


async def _limit(request: Request) -> None:
    limiter = getattr(request.app.state, "participation_limiter", None)
    if limiter is None:
        storage = request.app.state.rate_limit_storage
        limiter = RequestLimit(*PARTICIPATION_LIMIT, storage=storage, name="participation")
        request.app.state.participation_limiter = limiter
    address = client_address(request)
    wait = await limiter.hit(participation.address_key(address))
    if wait is not None:
        raise TooManyRequests("Too many requests from this address; wait a little.", wait)


@public.get(
    "/participation/{token}",
    name="participation-get",
    summary="The idea form a participation link opens (no account needed)",
    response_model=ParticipationForm,
    responses=problem_responses(404, 410, 422, 429),
    dependencies=[Depends(_limit)],
)
async def participation_form(token: Token, session: SessionDep) -> Any:
    """The programme's name, the link's label, the projects an idea may concern and what each
    status means; nothing else of the programme and no person. An unknown link answers 404, a
    closed one 410 `link_closed`."""
    return await participation.form(session, await participation.find_link(session, token))


@public.post(
    "/participation/{token}/ideas",
    name="participation-ideas-submit",
    summary="Submit an idea through a participation link (no account needed)",
    response_model=IdeaReceipt,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 410, 413, 415, 422, 429),
    dependencies=[Depends(_limit)],
)
async def submit_idea(token: Token, body: PublicIdeaSubmit, session: SessionDep) -> Any:
    """Stores the idea (status `received`, channel `link`) and answers its receipt this once
    only: follow it at `GET /idea-receipts/{receipt_token}`; Samskap keeps only its SHA-256.
    Named (`name`, required unless anonymous: 422 `name_required`) or anonymous (then no name:
    422 `name_with_anonymous`): an anonymous idea keeps no name, address or account anywhere,
    its audit event included, and the access log shows neither the link nor the address.
    `project_id` must be one of the form's projects. A closed link answers 410."""
    link = await participation.find_link(session, token)
    return await participation.submit(session, link, body)


@public.get(
    "/idea-receipts/{token}",
    name="idea-receipts-get",
    summary="Follow an idea by its receipt (no account needed)",
    response_model=IdeaReceiptView,
    responses=problem_responses(404, 410, 422, 429),
    dependencies=[Depends(_limit)],
)
async def idea_receipt(token: ReceiptToken, session: SessionDep) -> Any:
    """The idea's title, its status (with the reason when it is not pursued) and every status
    change with its time, comment and the title and day of the meeting where it was decided;
    nothing else. An unknown receipt answers 404, an
    archived idea 410 `idea_archived`."""
    return await participation.receipt(session, token)
