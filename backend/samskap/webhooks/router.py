import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request, Response, status

from samskap.auth.principal import PrincipalDep
from samskap.deps import IfMatch, SessionDep
from samskap.kit.etag import etag
from samskap.kit.listing import ListQuery
from samskap.kit.openapi import CREATED_WITH_ETAG, READ_WITH_ETAG
from samskap.kit.patch import merged_update
from samskap.kit.routes import merge_patch_body
from samskap.problems import problem_responses
from samskap.webhooks.catalogue import event_types
from samskap.webhooks.delivery import SCHEDULE
from samskap.webhooks.schemas import (
    DeliveryDetail,
    DeliveryPage,
    DeliveryRead,
    EventTypeList,
    WebhookCreate,
    WebhookCreated,
    WebhookPage,
    WebhookRead,
    WebhookUpdate,
)
from samskap.webhooks.service import (
    WebhookService,
    delivery_detail,
    delivery_read,
    webhook_read,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

WHO = (
    " Only the programme's administrators (and system administrators) see and manage its "
    "webhooks: its other members get 403, and lists show only the webhooks of programmes "
    "you administer."
)
WebhookId = Annotated[uuid.UUID, Path(description="The id of the webhook")]
DeliveryId = Annotated[uuid.UUID, Path(description="The id of the delivery")]


def _service(request: Request, session: SessionDep, principal: PrincipalDep) -> WebhookService:
    return WebhookService(
        session,
        principal,
        allow_private_targets=request.app.state.settings.webhook_allow_private_targets,
    )


Svc = Annotated[WebhookService, Depends(_service)]
ListParams = Annotated[ListQuery, Depends(WebhookService.spec.dependency())]
DeliveryParams = Annotated[ListQuery, Depends(WebhookService.delivery_spec.dependency())]


async def _load(id: WebhookId, svc: Svc) -> Any:
    return await svc.get(id)


Loaded = Annotated[Any, Depends(_load)]


def _created(record: Any, secret: str, response: Response) -> dict[str, Any]:
    response.headers["ETag"] = etag(record.version)
    return {**webhook_read(record), "secret": secret}


@router.get(
    "",
    name="webhooks-list",
    summary="List webhooks",
    description="One page of the webhooks of the programmes you administer, oldest first. "
    "Narrow it with the filters below, and pass the answer's `next_cursor` back as `cursor` "
    "for the next page." + WHO,
    response_model=WebhookPage,
    responses=problem_responses(400, 401, 422),
)
async def list_webhooks(svc: Svc, lq: ListParams) -> Any:
    items, next_cursor = await svc.list(lq)
    return {"items": [webhook_read(i) for i in items], "next_cursor": next_cursor}


@router.get(
    "/event-types",
    name="webhooks-event-types",
    summary="List the event types",
    description="Every event type a webhook can subscribe to: `<record>.created`, "
    "`<record>.updated` and `<record>.deleted` for every record of a programme, and the "
    "domain events (`deadline.due_soon`, `deadline.overdue`, `decision.finalised`, "
    "`phase.completed`, `compliance.finding_opened`, `compliance.finding_cleared`, "
    "`import.finished`, and `webhook.ping`, sent only by the ping operation).",
    response_model=EventTypeList,
    responses=problem_responses(401),
)
async def list_event_types() -> Any:
    return {"items": [{"type": t, "description": d} for t, d in event_types().items()]}


@router.post(
    "",
    name="webhooks-create",
    summary="Create a webhook",
    description="Subscribes an address (URL) to a programme's events. Every delivery is a "
    'POST of `{"type", "occurred_at", "data"}` signed as Standard Webhooks specify (headers '
    "`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret in this answer, "
    "which is shown only here. An address whose host is on loopback, a private or link-local "
    "network or otherwise not public answers 422 `private_target`; an unknown event type "
    "422 `unknown_event_type`. Answers 201 with the webhook, its address in `Location` and "
    "its version in `ETag`." + WHO,
    response_model=WebhookCreated,
    status_code=status.HTTP_201_CREATED,
    responses=CREATED_WITH_ETAG | problem_responses(400, 401, 403, 409, 413, 415, 422),
)
async def create_webhook(
    body: WebhookCreate, svc: Svc, request: Request, response: Response
) -> Any:
    record, secret = await svc.issue(body)
    response.headers["Location"] = f"{request.url.path.rstrip('/')}/{record.id}"
    return _created(record, secret, response)


@router.get(
    "/{id}",
    name="webhooks-get",
    summary="Get a webhook",
    description="One webhook, by its id; its secret only as a hint. The `ETag` header holds "
    "its version, to send as `If-Match` when you change or delete it. A webhook that does "
    "not exist, or of a programme you may not see, answers 404." + WHO,
    response_model=WebhookRead,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 422),
)
async def get_webhook(record: Loaded, response: Response) -> Any:
    response.headers["ETag"] = etag(record.version)
    return webhook_read(record)


@router.patch(
    "/{id}",
    name="webhooks-update",
    summary="Update a webhook (JSON Merge Patch)",
    description="Changes a webhook's URL, description, event types, project or whether it "
    "is active; setting `active` to true again (after it was disabled for failing) clears "
    "`disabled_at`, `disabled_reason` and `failing_since`. The body is a JSON Merge Patch "
    "(RFC 7396). Send the version you read (its `ETag`) as `If-Match`: a stale one answers "
    "412 and a missing one 428, and nothing changes." + WHO,
    response_model=WebhookRead,
    responses=READ_WITH_ETAG | problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
    openapi_extra=merge_patch_body(WebhookUpdate),
)
async def update_webhook(
    record: Loaded,
    body: Annotated[Any, Body()],
    svc: Svc,
    response: Response,
    if_match: IfMatch,
) -> Any:
    changes = merged_update(WebhookUpdate, None, body)
    record = await svc.update(record, changes, if_match)
    response.headers["ETag"] = etag(record.version)
    return webhook_read(record)


@router.delete(
    "/{id}",
    name="webhooks-delete",
    summary="Delete a webhook",
    description="Deletes a webhook with its deliveries and their log; nothing more is sent "
    "to it. Send the version you read (its `ETag`) as `If-Match`: a stale one answers 412 "
    "and a missing one 428. Answers 204." + WHO,
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
async def delete_webhook(record: Loaded, svc: Svc, if_match: IfMatch) -> Response:
    await svc.delete(record, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{id}/rotate-secret",
    name="webhooks-rotate-secret",
    summary="Rotate a webhook's secret",
    description="Gives the webhook a new signing secret at once, answered this once; every "
    "delivery from now on, retries included, is signed with it." + WHO,
    response_model=WebhookCreated,
    responses=READ_WITH_ETAG | problem_responses(401, 403, 404, 422),
)
async def rotate_secret(record: Loaded, svc: Svc, response: Response) -> Any:
    record, secret = await svc.rotate_secret(record)
    return _created(record, secret, response)


@router.post(
    "/{id}/ping",
    name="webhooks-ping",
    summary="Send a test event to a webhook",
    description='Queues a `webhook.ping` event to this webhook alone: `{"type": '
    '"webhook.ping", "data": {"webhook_id", "programme_id"}}`, signed and retried like any '
    "other. Answers 202 with the delivery; follow it in the delivery log. A webhook that is "
    "not active answers 409 `webhook_inactive`." + WHO,
    response_model=DeliveryRead,
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def ping_webhook(record: Loaded, svc: Svc) -> Any:
    return delivery_read(await svc.ping(record))


_RETRIES = ", ".join(
    f"{int(s.total_seconds() // 3600)} h"
    if s.total_seconds() >= 3600
    else f"{int(s.total_seconds() // 60)} min"
    if s.total_seconds() >= 60
    else f"{int(s.total_seconds())} s"
    for s in SCHEDULE
)


@router.get(
    "/{id}/deliveries",
    name="webhooks-deliveries-list",
    summary="List a webhook's deliveries",
    description="The delivery log of a webhook, newest first: each event sent to it, its "
    "status, attempts and last answer. A failed attempt (an answer other than 2xx, a timeout "
    f"or no connection) is retried after {_RETRIES}; then the delivery is `failed`." + WHO,
    response_model=DeliveryPage,
    responses=problem_responses(400, 401, 403, 404, 422),
)
async def list_deliveries(record: Loaded, svc: Svc, lq: DeliveryParams) -> Any:
    items, next_cursor = await svc.deliveries(record, lq)
    return {"items": [delivery_read(d) for d in items], "next_cursor": next_cursor}


@router.get(
    "/{id}/deliveries/{delivery_id}",
    name="webhooks-deliveries-get",
    summary="Get a delivery with its attempts",
    description="One delivery of a webhook: the JSON body sent and every attempt, with its "
    "time, duration, answer status and the first 1,024 bytes of the answer." + WHO,
    response_model=DeliveryDetail,
    responses=problem_responses(401, 403, 404, 422),
)
async def get_delivery(record: Loaded, delivery_id: DeliveryId, svc: Svc) -> Any:
    delivery = await svc.delivery(record, delivery_id)
    return delivery_detail(delivery, await svc.attempts(delivery))


@router.post(
    "/{id}/deliveries/{delivery_id}/redeliver",
    name="webhooks-deliveries-redeliver",
    summary="Send a delivery again",
    description="Queues a delivered or failed delivery again, now, with the same body and "
    "the same `webhook-id` (so a receiver that has it already can drop it); retried like a "
    "new one. A delivery still pending answers 409 `delivery_pending`; a webhook that is not "
    "active 409 `webhook_inactive`. Answers 202 with the delivery." + WHO,
    response_model=DeliveryRead,
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def redeliver(record: Loaded, delivery_id: DeliveryId, svc: Svc) -> Any:
    return delivery_read(await svc.redeliver(record, delivery_id))
