import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, UrlConstraints

from samskap.kit.schemas import InputModel, RecordRead, page_model, update_model
from samskap.models.enums import AttemptOutcome, DeliveryStatus

TargetUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=2000)]
EventType = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class WebhookCreate(InputModel):
    """A webhook: where to send a programme's events (signed as Standard Webhooks), and
    which."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "programme_id": "0193a0e4-7c1e-7000-8000-000000000001",
                    "url": "https://intranett.kommune.example/samskap/hooks",
                    "description": "Intranettets oversikt over frister",
                    "event_types": ["deadline.created", "deadline.updated", "deadline.overdue"],
                }
            ]
        }
    )

    programme_id: uuid.UUID = Field(
        description="The programme whose events are sent; you must administer it"
    )
    url: TargetUrl = Field(
        description="Where deliveries are POSTed: https (or http), at most 2000 characters; a "
        "host on loopback, private, link-local or other non-public addresses is refused "
        "(422 private_target) unless the server allows private targets"
    )
    description: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        None, description="What the webhook is for, e.g. the system that receives it"
    )
    event_types: list[EventType] = Field(
        default_factory=list,
        max_length=500,
        description="The event types to send (see GET /webhooks/event-types), e.g. "
        "`task.updated`; empty sends every type",
    )
    project_id: uuid.UUID | None = Field(
        None,
        description="Send only the events of this project (its own record and records that "
        "belong to it); null sends the whole programme's",
    )


class WebhookUpdate(
    update_model(WebhookCreate, "WebhookUpdateBase", exclude={"programme_id"})  # type: ignore[misc]
):
    """Changes to apply to a webhook."""

    active: bool | None = Field(
        None,
        description="false stops deliveries; true starts them again and clears disabled_at, "
        "disabled_reason and failing_since",
    )


class WebhookRead(RecordRead, describe_from=WebhookCreate):
    programme_id: uuid.UUID
    url: str
    description: str | None
    event_types: list[str]
    project_id: uuid.UUID | None
    active: bool = Field(description="Whether events are sent")
    disabled_at: datetime | None = Field(
        description="When deliveries were stopped because they kept failing; null otherwise"
    )
    disabled_reason: str | None = Field(
        description="Why it was disabled: `failing_for_3_days` (every delivery failed for "
        "three days); null otherwise"
    )
    failing_since: datetime | None = Field(
        description="Since when every delivery has failed; null while the last one succeeded"
    )
    secret_hint: str = Field(
        description="The start and the last characters of the signing secret, to recognise "
        "it; the whole secret is shown only when created or rotated"
    )
    created_by_id: uuid.UUID | None = Field(
        description="The user who created it, who is told when it is disabled"
    )


class WebhookCreated(WebhookRead):
    """A webhook with its signing secret, shown this once."""

    secret: str = Field(
        description='The signing secret ("whsec_" and base64), shown only in this answer: '
        "give it to the receiver to verify the `webhook-signature` header"
    )


WebhookPage = page_model(WebhookRead, "WebhookPage")


class EventTypeRead(BaseModel):
    """One event type a webhook may subscribe to."""

    type: str = Field(description="The event type, e.g. `task.updated` or `deadline.overdue`")
    description: str = Field(description="When it is sent")


class EventTypeList(BaseModel):
    """The catalogue of event types."""

    items: list[EventTypeRead] = Field(description="Every event type, record events first")


class DeliveryRead(BaseModel):
    """One event sent (or to be sent) to one webhook."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The delivery's id")
    webhook_id: uuid.UUID = Field(description="The webhook it goes to")
    message_id: str = Field(
        description='The `webhook-id` header of every attempt: "msg_" and the id in hex; '
        "the same on a retry and a redelivery, so a receiver can drop a repeat"
    )
    event_type: str = Field(description="The event type, e.g. `task.updated`")
    status: DeliveryStatus = Field(description="Where the delivery stands")
    attempts: int = Field(description="How many attempts have been made")
    created_at: datetime = Field(description="When the event was queued for this webhook")
    next_attempt_at: datetime | None = Field(
        description="When the next attempt is due; null unless pending"
    )
    delivered_at: datetime | None = Field(
        description="When the receiver accepted it (2xx); null otherwise"
    )
    last_status_code: int | None = Field(
        description="The HTTP status of the last answer; null if none came"
    )


DeliveryPage = page_model(DeliveryRead, "DeliveryPage")


class AttemptRead(BaseModel):
    """One try at delivering."""

    model_config = ConfigDict(from_attributes=True)

    attempt: int = Field(description="1 for the first try, counting on over redeliveries")
    started_at: datetime = Field(description="When the request was sent")
    duration_ms: int | None = Field(description="How long the answer took, in milliseconds")
    outcome: AttemptOutcome = Field(description="Whether the receiver accepted it")
    status_code: int | None = Field(description="The HTTP status; null if no answer came")
    error: str | None = Field(
        description="Why it failed without an answer (timeout, no connection, refused target)"
    )
    response_excerpt: str | None = Field(description="The first 1,024 bytes of the answer")


class DeliveryDetail(DeliveryRead):
    """A delivery with what was sent and every attempt."""

    payload: dict[str, Any] = Field(
        description="The JSON body sent: `type`, `occurred_at` and `data`"
    )
    attempt_log: list[AttemptRead] = Field(description="Every attempt, the first first")
