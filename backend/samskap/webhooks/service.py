import builtins
import json
import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event
from samskap.auth.principal import SYSTEM, Principal
from samskap.db import utcnow
from samskap.kit.listing import Filter, ListQuery, ListSpec
from samskap.kit.references import require_in_programme
from samskap.kit.service import CrudService
from samskap.models import Project, Webhook, WebhookAttempt, WebhookDelivery
from samskap.models.enums import DeliveryStatus, ProgrammeRole
from samskap.problems import Forbidden, NotFound, ValidationFailed, conflict
from samskap.webhooks.catalogue import PING, event_types
from samskap.webhooks.delivery import body_of, new_delivery, send_again
from samskap.webhooks.schemas import WebhookCreate
from samskap.webhooks.signing import message_id, new_secret, secret_hint
from samskap.webhooks.targets import refused_at_save


def _active(stmt: Select, value: bool) -> Select:
    return stmt.where(Webhook.active.is_(value))


class WebhookService(CrudService[Webhook]):
    """A programme's webhooks; only its administrators (and system administrators) see and
    manage them."""

    model = Webhook
    label = "webhook"
    write_role = ProgrammeRole.programme_admin
    spec = ListSpec(
        model=Webhook,
        filters=[
            Filter(
                "programme_id", Webhook.programme_id, uuid.UUID, "Only webhooks of this programme"
            ),
            Filter(
                "active",
                Webhook.active,
                bool,
                "Only webhooks that send (true) or that are stopped or disabled (false)",
                apply=_active,
            ),
        ],
        sorts={"created_at": Webhook.created_at, "url": Webhook.url},
        default_sort="created_at",
        search=[Webhook.url, Webhook.description],
    )

    def __init__(
        self,
        session: AsyncSession,
        principal: Principal = SYSTEM,
        *,
        allow_private_targets: bool = False,
    ):
        super().__init__(session, principal)
        self.allow_private_targets = allow_private_targets

    # access ----------------------------------------------------------------------------------
    async def list(self, lq: ListQuery) -> tuple[list[Webhook], str | None]:
        """Only the webhooks of programmes the caller administers."""
        stmt = select(Webhook)
        admin_of = self.principal.admin_programmes()
        if admin_of is not None:
            stmt = stmt.where(Webhook.programme_id.in_(admin_of))
        return await self.spec.page(self.session, lq, stmt)

    async def get(self, record_id: uuid.UUID) -> Webhook:
        """A webhook of a programme the caller can read; only its administrators may see
        it (403 for its other members)."""
        record = await super().get(record_id)
        if not self.principal.at_least(record.programme_id, ProgrammeRole.programme_admin):
            raise Forbidden("Only the programme's administrators may see or change its webhooks.")
        return record

    async def present(self, record: Webhook) -> Any:
        return webhook_read(record)

    # writing -------------------------------------------------------------------------------
    async def apply(self, record, values, *, creating):
        if creating:
            await self.programme(values["programme_id"])
            record.secret = new_secret()
            record.created_by_id = self.principal.user_id
            record.active = True
        programme_id = values["programme_id"] if creating else record.programme_id
        if "url" in values:
            values["url"] = str(values["url"])
            await self._check_target(values["url"])
        if values.get("event_types") is not None:
            values["event_types"] = self._known_types(values["event_types"])
        await require_in_programme(
            self.session, Project, values.get("project_id"), programme_id, "project_id"
        )
        if not creating and values.get("active") is True and not record.active:
            record.disabled_at = None
            record.disabled_reason = None
            record.failing_since = None
        await super().apply(record, values, creating=creating)

    async def _check_target(self, url: str) -> None:
        if self.allow_private_targets:
            return
        reason = await refused_at_save(url)
        if reason:
            raise ValidationFailed.at(
                "/url",
                f"{reason}; webhooks may only send to public addresses",
                code="private_target",
            )

    @staticmethod
    def _known_types(types: builtins.list[str]) -> builtins.list[str]:
        catalogue = event_types()
        for n, name in enumerate(types):
            if name not in catalogue:
                raise ValidationFailed.at(
                    f"/event_types/{n}",
                    f"unknown event type {name!r}; see GET /webhooks/event-types",
                    code="unknown_event_type",
                    params={"value": name},
                )
        return list(dict.fromkeys(types))

    def snapshot(self, record: Webhook) -> dict[str, Any]:
        values = super().snapshot(record)
        values["secret_hint"] = secret_hint(record.secret)
        return values

    async def issue(self, data: WebhookCreate) -> tuple[Webhook, str]:
        """Creates the webhook; its secret is answered this once."""
        record = await self.create(data)
        return record, record.secret

    async def rotate_secret(self, record: Webhook) -> tuple[Webhook, str]:
        """A new signing secret, at once; deliveries still waiting are signed with it."""
        await self.authorize(record, "update")
        before = self.snapshot(record)
        record.secret = new_secret()
        record.updated_at = utcnow()
        await self.flush()
        record = await super().get(record.id)
        self.audit("rotate_secret", record, before, self.snapshot(record))
        return record, record.secret

    # deliveries ----------------------------------------------------------------------------
    async def ping(self, record: Webhook) -> WebhookDelivery:
        """A `webhook.ping` delivery to this webhook alone, sent by the queue."""
        await self.authorize(record, "update")
        self._require_active(record)
        data = {"webhook_id": str(record.id), "programme_id": str(record.programme_id)}
        delivery = new_delivery(
            self.session, record.id, PING, body_of(PING, utcnow().isoformat(), data)
        )
        await self.flush()
        self._audit_delivery("ping", record, delivery)
        return delivery

    async def redeliver(self, record: Webhook, delivery_id: uuid.UUID) -> WebhookDelivery:
        """Sends a delivered or failed delivery again, with the same message id."""
        await self.authorize(record, "update")
        delivery = await self.delivery(record, delivery_id)
        if delivery.status == DeliveryStatus.pending:
            raise conflict(
                "The delivery is still pending: an attempt is already queued.",
                code="delivery_pending",
            )
        self._require_active(record)
        send_again(self.session, delivery)
        await self.flush()
        self._audit_delivery("redeliver", record, delivery)
        return delivery

    @staticmethod
    def _require_active(record: Webhook) -> None:
        if not record.active:
            raise conflict(
                "The webhook is not active; set active to true first.",
                code="webhook_inactive",
                pointer="/active",
            )

    def _audit_delivery(self, action: str, record: Webhook, delivery: WebhookDelivery) -> None:
        record_event(
            self.session,
            self.principal,
            action=action,
            record_type="webhook_delivery",
            record_id=delivery.id,
            programme_id=record.programme_id,
            after={
                "webhook_id": str(record.id),
                "event_type": delivery.event_type,
                "message_id": message_id(delivery.id),
            },
        )

    delivery_spec = ListSpec(
        model=WebhookDelivery,
        filters=[
            Filter(
                "status",
                WebhookDelivery.status,
                DeliveryStatus,
                "Only deliveries with this status",
            ),
        ],
        sorts={"created_at": WebhookDelivery.created_at},
        default_sort="-created_at",
    )

    async def deliveries(
        self, record: Webhook, lq: ListQuery
    ) -> tuple[builtins.list[WebhookDelivery], str | None]:
        stmt = select(WebhookDelivery).where(WebhookDelivery.webhook_id == record.id)
        return await self.delivery_spec.page(self.session, lq, stmt)

    async def delivery(self, record: Webhook, delivery_id: uuid.UUID) -> WebhookDelivery:
        delivery = await self.session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.webhook_id != record.id:
            raise NotFound("delivery")
        return delivery

    async def attempts(self, delivery: WebhookDelivery) -> builtins.list[WebhookAttempt]:
        return list(
            await self.session.scalars(
                select(WebhookAttempt)
                .where(WebhookAttempt.delivery_id == delivery.id)
                .order_by(WebhookAttempt.attempt)
            )
        )


def webhook_read(record: Webhook) -> dict[str, Any]:
    """A webhook as it is answered: its secret only as a hint."""
    values = {c.key: getattr(record, c.key) for c in Webhook.__table__.columns}
    values.pop("secret")
    values["secret_hint"] = secret_hint(record.secret)
    return values


def delivery_read(delivery: WebhookDelivery) -> dict[str, Any]:
    values = {c.key: getattr(delivery, c.key) for c in WebhookDelivery.__table__.columns}
    values["message_id"] = message_id(delivery.id)
    return values


def delivery_detail(delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> dict[str, Any]:
    return {
        **delivery_read(delivery),
        "payload": json.loads(delivery.body),
        "attempt_log": attempts,
    }
