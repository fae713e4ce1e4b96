"""Sending a programme's events to its webhooks.

The consumer turns each dispatched batch of outbound events into one delivery per matching
webhook, each with a `webhook.deliver` job, in the transaction that marks the dispatch done.
The handler signs the delivery's body (Standard Webhooks), POSTs it, and records the attempt.
A failed attempt is committed before the job is handed back to the queue, which runs it again
after the next step of the retry schedule; after the last step the delivery is failed. A
webhook whose deliveries have failed without a success for three days is disabled and its
creator told.
"""

import json
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.db import utcnow
from samskap.jobs import registry
from samskap.jobs.outbox import OutboundEvent
from samskap.jobs.queue import enqueue
from samskap.jobs.worker import JobContext, Retry
from samskap.kit.ids import uuid7
from samskap.mail.notify import send_notification_mail
from samskap.models import Notification, Webhook, WebhookAttempt, WebhookDelivery
from samskap.models.enums import AttemptOutcome, DeliveryStatus
from samskap.webhooks.catalogue import PING
from samskap.webhooks.signing import headers, message_id
from samskap.webhooks.targets import Pinned, TargetRefused, pinned

if TYPE_CHECKING:
    import httpx

DELIVER = "webhook.deliver"
# After the first attempt fails, the next ones follow after these waits (Standard
# Webhooks' schedule: more than 24 hours in all); then the delivery has failed.
SCHEDULE = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
# Every attempt of the schedule, and some to spare for attempts lost with a worker that
# died mid-delivery (its job is taken again and counts one more).
JOB_ATTEMPTS = len(SCHEDULE) + 1 + 8
FAILING_FOR = timedelta(days=3)
DISABLED_REASON = "failing_for_3_days"
EXCERPT_BYTES = 1024


def body_of(event_type: str, occurred_at: str, data: dict[str, Any]) -> str:
    """The JSON text sent, signed and kept: the same for every attempt."""
    return json.dumps(
        {"type": event_type, "occurred_at": occurred_at, "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


def new_delivery(session: AsyncSession, webhook_id: uuid.UUID, event_type: str, body: str):
    """A pending delivery and the job that sends it, in the session's transaction."""
    now = utcnow()
    delivery = WebhookDelivery(
        id=uuid7(),
        webhook_id=webhook_id,
        event_type=event_type,
        body=body,
        status=DeliveryStatus.pending,
        attempts=0,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(delivery)
    enqueue(session, DELIVER, {"delivery_id": str(delivery.id), "base": 0})
    return delivery


def send_again(session: AsyncSession, delivery: WebhookDelivery) -> None:
    """Redelivery: pending again, a job now, the schedule from its start, the same
    message id."""
    delivery.status = DeliveryStatus.pending
    delivery.next_attempt_at = utcnow()
    enqueue(session, DELIVER, {"delivery_id": str(delivery.id), "base": delivery.attempts})


def matches(webhook: Webhook, event: OutboundEvent) -> bool:
    # A dispatch may run after a webhook was added: it gets only what happened since.
    if webhook.created_at > event.occurred_at:
        return False
    if webhook.event_types and event.type not in webhook.event_types:
        return False
    if webhook.project_id is None:
        return True
    if event.record_type == "project" and event.record_id == webhook.project_id:
        return True
    return event.project_id == webhook.project_id


@registry.consumer
async def queue_deliveries(session: AsyncSession, events: list[OutboundEvent]) -> None:
    """One delivery per event and matching active webhook of its programme; the webhooks of
    the whole batch come in one query."""
    events = [e for e in events if e.programme_id is not None and e.type != PING]
    if not events:
        return
    programmes = {e.programme_id for e in events}
    webhooks = await session.scalars(
        select(Webhook).where(Webhook.programme_id.in_(programmes), Webhook.active.is_(True))
    )
    by_programme: dict[uuid.UUID, list[Webhook]] = defaultdict(list)
    for webhook in webhooks:
        by_programme[webhook.programme_id].append(webhook)
    for event in events:
        assert event.programme_id is not None
        receivers = [w for w in by_programme.get(event.programme_id, ()) if matches(w, event)]
        if not receivers:
            continue
        data = {**event.data, "programme_id": str(event.programme_id)}
        body = body_of(event.type, event.occurred_at.isoformat(), data)
        for webhook in receivers:
            new_delivery(session, webhook.id, event.type, body)


class _Answer:
    def __init__(self) -> None:
        self.status_code: int | None = None
        self.excerpt: str | None = None
        self.error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def _post(
    http: "httpx.AsyncClient", url: str, allow_private: bool, sent: dict[str, str], body: str
) -> _Answer:
    import httpx  # with the client the worker opened: loaded by then

    answer = _Answer()
    try:
        target = Pinned(url) if allow_private else await pinned(url)
        async with http.stream(
            "POST",
            target.url,
            content=body.encode(),
            headers={**sent, **target.headers},
            extensions=target.extensions,
        ) as response:
            answer.status_code = response.status_code
            read = b""
            async for chunk in response.aiter_raw():
                read += chunk
                if len(read) >= EXCERPT_BYTES:
                    break
            answer.excerpt = read[:EXCERPT_BYTES].decode("utf-8", "replace").replace("\x00", "")
    except TargetRefused as exc:
        answer.error = f"refused target: {exc}"
    except httpx.TimeoutException:
        answer.error = "timed out"
    except httpx.HTTPError as exc:
        answer.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return answer


@registry.handler(DELIVER, max_attempts=JOB_ATTEMPTS)
async def deliver(ctx: JobContext) -> None:
    session = ctx.session
    delivery = await session.get(WebhookDelivery, uuid.UUID(ctx.payload["delivery_id"]))
    if delivery is None or delivery.status != DeliveryStatus.pending:
        return  # delivered, failed or deleted with its webhook meanwhile
    webhook = await session.get(Webhook, delivery.webhook_id)
    if webhook is None or not webhook.active:
        delivery.status = DeliveryStatus.failed
        delivery.next_attempt_at = None
        return
    url, secret, body = webhook.url, webhook.secret, delivery.body
    attempt = delivery.attempts + 1
    # No transaction stays open while the receiver answers.
    await session.commit()

    started_at = utcnow()
    sent = headers(secret, message_id(delivery.id), int(started_at.timestamp()), body)
    clock = time.monotonic()
    answer = await _post(ctx.http, url, ctx.settings.webhook_allow_private_targets, sent, body)
    duration_ms = round((time.monotonic() - clock) * 1000)

    session.add(
        WebhookAttempt(
            id=uuid7(),
            delivery_id=delivery.id,
            attempt=attempt,
            started_at=started_at,
            duration_ms=duration_ms,
            outcome=AttemptOutcome.success if answer.accepted else AttemptOutcome.failure,
            status_code=answer.status_code,
            error=answer.error[:500] if answer.error else None,
            response_excerpt=answer.excerpt,
        )
    )
    delivery.attempts = attempt
    delivery.last_status_code = answer.status_code
    now = utcnow()
    if answer.accepted:
        delivery.status = DeliveryStatus.delivered
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        await _succeeded(session, webhook.id)
        return  # the worker commits, marking the job done with it

    await _failed(session, webhook, now)
    failures = attempt - int(ctx.payload.get("base", 0))
    more = failures <= len(SCHEDULE) and ctx.attempt < ctx.job.max_attempts
    if more and await _still_active(session, webhook.id):
        # At least a moment: a zero wait would read as "no wait given" to the queue.
        wait = max(SCHEDULE[failures - 1] * ctx.settings.webhook_retry_scale, timedelta(0, 0, 1000))
        delivery.next_attempt_at = now + wait
        await session.commit()  # the attempt stays logged whatever the queue does next
        raise Retry(answer.error or f"answered {answer.status_code}", after=wait)
    if delivery.status == DeliveryStatus.pending:
        delivery.status = DeliveryStatus.failed
        delivery.next_attempt_at = None


def _bump(*conditions: Any, **values: Any):
    return (
        update(Webhook)
        .where(*conditions)
        .values(version=Webhook.version + 1, **values)
        .execution_options(synchronize_session=False)
    )


async def _succeeded(session: AsyncSession, webhook_id: uuid.UUID) -> None:
    await session.execute(
        _bump(Webhook.id == webhook_id, Webhook.failing_since.is_not(None), failing_since=None)
    )


async def _still_active(session: AsyncSession, webhook_id: uuid.UUID) -> bool:
    return bool(await session.scalar(select(Webhook.active).where(Webhook.id == webhook_id)))


async def _failed(session: AsyncSession, webhook: Webhook, now) -> None:
    """Since when the webhook has been failing; disabled after three days of it."""
    await session.execute(
        _bump(Webhook.id == webhook.id, Webhook.failing_since.is_(None), failing_since=now)
    )
    disabled: CursorResult = await session.execute(  # type: ignore[assignment]
        _bump(
            Webhook.id == webhook.id,
            Webhook.active.is_(True),
            Webhook.failing_since <= now - FAILING_FOR,
            active=False,
            disabled_at=now,
            disabled_reason=DISABLED_REASON,
        )
    )
    if disabled.rowcount != 1:
        return
    # Its waiting deliveries end here; their jobs find them failed and send nothing.
    await session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.webhook_id == webhook.id,
            WebhookDelivery.status == DeliveryStatus.pending,
        )
        .values(status=DeliveryStatus.failed, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    if webhook.created_by_id is not None:
        _tell_owner(session, webhook)


def _tell_owner(session: AsyncSession, webhook: Webhook) -> None:
    notification = Notification(
        id=uuid7(),
        user_id=webhook.created_by_id,
        programme_id=webhook.programme_id,
        type="webhook.disabled",
        record_type="webhook",
        record_id=webhook.id,
        facts={
            "url": webhook.url,
            "programme_id": str(webhook.programme_id),
            "webhook_id": str(webhook.id),
        },
        created_at=utcnow(),
    )
    session.add(notification)
    assert webhook.created_by_id is not None
    # By mail too, if its creator chose to have notifications mailed.
    send_notification_mail(session, webhook.created_by_id, notification)


async def has_active_webhook(session: AsyncSession, programme_id: uuid.UUID) -> bool:
    """Whether any webhook of the programme would hear its events now."""
    found = await session.scalar(
        select(Webhook.id)
        .where(Webhook.programme_id == programme_id, Webhook.active.is_(True))
        .limit(1)
    )
    return found is not None
