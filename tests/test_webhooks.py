"""Webhooks: the API, and deliveries to a real HTTP receiver (tests/receivers.py) that
verifies every signature with the Standard Webhooks reference library."""

import asyncio
import base64
import ipaddress
import socket
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update

from samskap.auth.principal import SYSTEM
from samskap.db import utcnow
from samskap.jobs.outbox import OutboundEvent
from samskap.models import Job, Notification, Webhook, WebhookDelivery
from samskap.tasks.schemas import TaskUpdate
from samskap.tasks.service import TaskService
from samskap.webhooks.delivery import SCHEDULE, queue_deliveries
from tests.factories import (
    API,
    make_deadline,
    make_person,
    make_programme,
    make_project,
    make_task,
    make_webhook,
)
from tests.receivers import Answer, Receiver, receiving

PROBLEM = "application/problem+json"


@pytest.fixture
def private_targets(app, monkeypatch):
    """Targets on 127.0.0.1 allowed (the receiver's), and retries due at once."""
    monkeypatch.setattr(app.state.settings, "webhook_allow_private_targets", True)
    monkeypatch.setattr(app.state.settings, "webhook_retry_scale", 0.0)


@pytest.fixture
def receiver(private_targets):
    with receiving() as r:
        yield r


def _private_name() -> str:
    """This machine's name, when it resolves to a loopback or private address."""
    host = socket.gethostname()
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM)}
    except OSError:
        pytest.skip(f"{host} does not resolve")
    if any(ipaddress.ip_address(a).is_global for a in found):
        pytest.skip(f"{host} resolves to a public address")
    return host


async def hooked(client, receiver: Receiver, programme: dict, **overrides) -> dict:
    """A webhook to the receiver, which is given its secret."""
    url = overrides.pop("url", receiver.url)
    webhook = await make_webhook(client, programme, url, **overrides)
    receiver.secret = webhook["secret"]
    return webhook


async def settle(run_jobs) -> None:
    """Runs jobs until none is due, waiting out the moment a retry waits at least."""
    for _ in range(50):
        if not await run_jobs():
            await asyncio.sleep(0.01)
            if not await run_jobs():
                return


async def deliveries(client, webhook: dict, **params) -> list[dict]:
    r = await client.get(f"{API}/webhooks/{webhook['id']}/deliveries", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def detail(client, webhook: dict, delivery: dict) -> dict:
    r = await client.get(f"{API}/webhooks/{webhook['id']}/deliveries/{delivery['id']}")
    assert r.status_code == 200, r.text
    return r.json()


class TestCreateWebhook:
    async def test_the_secret_is_answered_once_and_only_hinted_after(self, client, private_targets):
        programme = await make_programme(client)
        webhook = await make_webhook(
            client, programme, "https://intranett.kommune.invalid/hooks", description="Intranett"
        )
        secret = webhook["secret"]
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
        assert webhook["secret_hint"] == f"whsec_…{secret[-4:]}"
        assert webhook["active"] is True and webhook["event_types"] == []
        r = await client.get(f"{API}/webhooks/{webhook['id']}")
        assert r.status_code == 200 and r.headers["etag"] == '"1"'
        assert "secret" not in r.json() and r.json()["secret_hint"] == webhook["secret_hint"]
        listed = await client.get(f"{API}/webhooks", params={"programme_id": programme["id"]})
        assert [w["id"] for w in listed.json()["items"]] == [webhook["id"]]
        assert "secret" not in listed.json()["items"][0]
        trail = await client.get(
            f"{API}/audit-events", params={"programme_id": programme["id"], "limit": 500}
        )
        assert secret not in trail.text

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8080/hooks",
            "http://localhost/hooks",
            "https://10.1.2.3/hooks",
            "https://192.168.0.10/hooks",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]:9000/hooks",
            "http://[::ffff:10.0.0.1]/hooks",
            "http://100.64.0.1/hooks",
            "http://0.0.0.0/hooks",
        ],
    )
    async def test_a_private_target_is_refused(self, client, url):
        programme = await make_programme(client)
        r = await client.post(f"{API}/webhooks", json={"programme_id": programme["id"], "url": url})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        assert r.json()["errors"][0]["pointer"] == "/url"
        assert r.json()["errors"][0]["code"] == "private_target"
        listed = await client.get(f"{API}/webhooks", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []

    async def test_a_name_is_looked_up_when_saved_and_again_when_sent(
        self, client, receiver, run_jobs, app
    ):
        host = _private_name()
        programme = await make_programme(client)
        url = receiver.url.replace("127.0.0.1", host)
        app.state.settings.webhook_allow_private_targets = False
        r = await client.post(f"{API}/webhooks", json={"programme_id": programme["id"], "url": url})
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "private_target"
        assert host in r.json()["errors"][0]["detail"]
        # Saved while allowed; the address is checked again when each delivery is sent.
        app.state.settings.webhook_allow_private_targets = True
        webhook = await hooked(client, receiver, programme, url=url)
        app.state.settings.webhook_allow_private_targets = False
        app.state.settings.webhook_retry_scale = 1.0
        await make_project(client, programme)
        await run_jobs()
        assert receiver.received == []
        [delivery] = await deliveries(client, webhook)
        [attempt] = (await detail(client, webhook, delivery))["attempt_log"]
        assert f"{host} resolves to" in attempt["error"] and "not public" in attempt["error"]

    async def test_a_public_address_is_accepted_and_a_private_one_refused_on_change(self, client):
        programme = await make_programme(client)
        webhook = await make_webhook(client, programme, "https://93.184.215.14/hooks")
        r = await client.patch(
            f"{API}/webhooks/{webhook['id']}", json={"url": "http://192.168.1.1/hooks"}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "private_target"
        assert (await client.get(f"{API}/webhooks/{webhook['id']}")).json()["version"] == 1

    async def test_an_unknown_event_type_is_refused(self, client, private_targets):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/webhooks",
            json={
                "programme_id": programme["id"],
                "url": "https://hooks.kommune.invalid/",
                "event_types": ["task.updated", "task.exploded"],
            },
        )
        assert r.status_code == 422, r.text
        error = r.json()["errors"][0]
        assert error["pointer"] == "/event_types/1"
        assert error["code"] == "unknown_event_type"
        for quiet in ("user_account.created", "webhook.updated", "api_token.created"):
            r = await client.post(
                f"{API}/webhooks",
                json={
                    "programme_id": programme["id"],
                    "url": "https://hooks.kommune.invalid/",
                    "event_types": [quiet],
                },
            )
            assert r.status_code == 422, quiet

    @pytest.mark.parametrize("url", ["ftp://hooks.kommune.invalid/", "hooks", "https://"])
    async def test_only_http_and_https_urls(self, client, url):
        programme = await make_programme(client)
        r = await client.post(f"{API}/webhooks", json={"programme_id": programme["id"], "url": url})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/url"

    async def test_a_project_of_another_programme_is_refused(self, client, private_targets):
        programme, other = await make_programme(client), await make_programme(client)
        elsewhere = await make_project(client, other)
        r = await client.post(
            f"{API}/webhooks",
            json={
                "programme_id": programme["id"],
                "url": "https://hooks.kommune.invalid/",
                "project_id": elsewhere["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0] == {
            "pointer": "/project_id",
            "code": "unknown_reference",
            "detail": "no project with this id in the programme",
        }


class TestEventTypes:
    async def test_the_catalogue_names_record_and_domain_events(self, client):
        r = await client.get(f"{API}/webhooks/event-types")
        assert r.status_code == 200
        types = {i["type"]: i["description"] for i in r.json()["items"]}
        for name in (
            "task.created",
            "task.updated",
            "task.deleted",
            "programme.updated",
            "group_member.created",
            "idea_support.created",
            "deadline.due_soon",
            "deadline.overdue",
            "decision.finalised",
            "phase.completed",
            "compliance.finding_opened",
            "compliance.finding_cleared",
            "import.finished",
            "webhook.ping",
        ):
            assert types.get(name), name
        assert not [t for t in types if t.split(".")[0] in {"webhook", "user_account", "job"}][1:]


class TestWhoManagesWebhooks:
    async def test_only_the_programmes_administrators(self, client, accounts, private_targets):
        programme = await make_programme(client)
        webhook = await make_webhook(client, programme, "https://hooks.kommune.invalid/")
        url = f"{API}/webhooks/{webhook['id']}"
        for role in ("editor", "observer", "member"):
            other = await accounts.role(programme, role)
            r = await other.post(
                f"{API}/webhooks",
                json={"programme_id": programme["id"], "url": "https://x.kommune.invalid/"},
            )
            assert r.status_code == 403, (role, r.text)
            assert (await other.get(f"{API}/webhooks")).json()["items"] == []
            for method, path in (
                ("GET", url),
                ("PATCH", url),
                ("DELETE", url),
                ("POST", f"{url}/ping"),
                ("POST", f"{url}/rotate-secret"),
                ("GET", f"{url}/deliveries"),
            ):
                body = {"description": "x"} if method == "PATCH" else None
                r = await other.request(method, path, json=body, headers={"If-Match": "*"})
                assert r.status_code == 403, (role, method, path, r.text)
                assert r.json()["type"].endswith("/forbidden")
        admin = await accounts.role(programme, "programme_admin")
        assert [w["id"] for w in (await admin.get(f"{API}/webhooks")).json()["items"]] == [
            webhook["id"]
        ]
        assert (await admin.patch(url, json={"description": "Intranett"})).status_code == 200
        outsider = await accounts.role(await make_programme(client), "programme_admin")
        assert (await outsider.get(url)).status_code == 404
        assert (await outsider.get(f"{API}/webhooks")).json()["items"] == []


class TestUpdateWebhook:
    async def test_a_stale_or_missing_if_match_changes_nothing(
        self, client, accounts, private_targets
    ):
        programme = await make_programme(client)
        webhook = await make_webhook(client, programme, "https://hooks.kommune.invalid/")
        raw = await accounts.client(system_admin=True, reads_etag=False)
        url = f"{API}/webhooks/{webhook['id']}"
        r = await raw.patch(url, json={"description": "Ny"}, headers={"If-Match": '"7"'})
        assert r.status_code == 412
        r = await raw.patch(url, json={"description": "Ny"})
        assert r.status_code == 428
        r = await raw.delete(url)
        assert r.status_code == 428
        r = await raw.patch(url, json={"description": "Ny"}, headers={"If-Match": '"1"'})
        assert r.status_code == 200 and r.headers["etag"] == '"2"'

    async def test_active_null_and_unknown_fields_are_refused(self, client, private_targets):
        programme = await make_programme(client)
        webhook = await make_webhook(client, programme, "https://hooks.kommune.invalid/")
        url = f"{API}/webhooks/{webhook['id']}"
        assert (await client.patch(url, json={"active": None})).status_code == 422
        assert (await client.patch(url, json={"secret": "whsec_x"})).status_code == 422
        assert (await client.patch(url, json={"event_types": ["nope"]})).status_code == 422

    async def test_rotating_the_secret_signs_with_the_new_one(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        r = await client.post(f"{API}/webhooks/{webhook['id']}/rotate-secret")
        assert r.status_code == 200, r.text
        rotated = r.json()
        assert rotated["secret"] != webhook["secret"] and rotated["version"] == 2
        assert r.headers["etag"] == '"2"'
        assert (await client.post(f"{API}/webhooks/{webhook['id']}/ping")).status_code == 202
        await settle(run_jobs)
        [old] = receiver.received
        assert old.payload is None  # the old secret no longer verifies
        receiver.secret = rotated["secret"]
        receiver.received.clear()
        assert (await client.post(f"{API}/webhooks/{webhook['id']}/ping")).status_code == 202
        await settle(run_jobs)
        assert receiver.received[0].payload["type"] == "webhook.ping"

    async def test_deleting_stops_its_deliveries(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        webhook = await hooked(client, receiver, programme)
        await make_task(client, project)
        assert (await client.delete(f"{API}/webhooks/{webhook['id']}")).status_code == 204
        await settle(run_jobs)
        assert receiver.received == []
        assert (await client.get(f"{API}/webhooks/{webhook['id']}")).status_code == 404


class TestDelivery:
    async def test_a_task_change_arrives_signed_with_its_data(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        task = await make_task(client, project)
        webhook = await hooked(client, receiver, programme, event_types=["task.updated"])
        r = await client.patch(f"{API}/tasks/{task['id']}", json={"status": "done"})
        assert r.status_code == 200
        await settle(run_jobs)
        [got] = receiver.received
        assert got.error is None, got.error
        assert got.payload["type"] == "task.updated"
        data = got.payload["data"]
        assert data["id"] == task["id"] and data["status"] == "done"
        assert data["project_id"] == project["id"]
        assert data["programme_id"] == programme["id"]
        assert got.headers["content-type"] == "application/json"
        assert got.headers["user-agent"] == "Samskap-Webhooks/1"
        assert got.headers["webhook-signature"].startswith("v1,")
        [delivery] = await deliveries(client, webhook)
        assert got.message_id == delivery["message_id"] == f"msg_{uuid.UUID(delivery['id']).hex}"
        assert delivery["status"] == "delivered" and delivery["attempts"] == 1
        assert delivery["event_type"] == "task.updated"
        assert delivery["last_status_code"] == 200 and delivery["delivered_at"]
        shown = await detail(client, webhook, delivery)
        assert shown["payload"] == got.payload
        [attempt] = shown["attempt_log"]
        assert attempt["attempt"] == 1 and attempt["outcome"] == "success"
        assert attempt["status_code"] == 200 and attempt["duration_ms"] >= 0
        assert attempt["response_excerpt"] == '{"received":true}'

    async def test_only_subscribed_types_and_the_projects_events(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        ours, theirs = await make_project(client, programme), await make_project(client, programme)
        person = await make_person(client, programme)
        webhook = await hooked(client, receiver, programme, project_id=ours["id"])
        deadlines_only = await make_webhook(
            client, programme, receiver.url, event_types=["deadline.created"]
        )
        await make_task(client, theirs)
        mine = await make_task(client, ours)
        await client.patch(f"{API}/projects/{ours['id']}", json={"description": "Endret"})
        await client.patch(f"{API}/projects/{theirs['id']}", json={"description": "Endret"})
        await make_deadline(client, programme, person)
        await settle(run_jobs)
        sent = {d["event_type"] for d in await deliveries(client, webhook)}
        assert sent == {"task.created", "project.updated"}
        by_type = {p["type"]: p["data"] for p in receiver.payloads()}
        assert by_type["task.created"]["id"] == mine["id"]
        assert by_type["project.updated"]["id"] == ours["id"]
        assert [d["event_type"] for d in await deliveries(client, deadlines_only)] == [
            "deadline.created"
        ]
        assert len(receiver.received) == 3

    async def test_failing_twice_then_succeeding_logs_three_attempts(
        self, client, receiver, run_jobs, app
    ):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        receiver.plan(Answer(500, b"database is down"), 503)
        await make_project(client, programme)
        await run_jobs()
        # After the first failure: pending, failing since then, the next attempt due.
        [delivery] = await deliveries(client, webhook)
        assert delivery["attempts"] >= 1
        await settle(run_jobs)
        [delivery] = await deliveries(client, webhook)
        assert delivery["status"] == "delivered" and delivery["attempts"] == 3
        log = (await detail(client, webhook, delivery))["attempt_log"]
        assert [(a["attempt"], a["outcome"], a["status_code"]) for a in log] == [
            (1, "failure", 500),
            (2, "failure", 503),
            (3, "success", 200),
        ]
        assert log[0]["response_excerpt"] == "database is down"
        assert len(receiver.received) == 3
        assert receiver.distinct_messages() == {delivery["message_id"]}
        assert all(r.error is None for r in receiver.received)
        shown = (await client.get(f"{API}/webhooks/{webhook['id']}")).json()
        assert shown["failing_since"] is None and shown["active"] is True

    async def test_the_retry_schedule_and_then_failed(self, client, receiver, run_jobs, app):
        app.state.settings.webhook_retry_scale = 1.0
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        receiver.plan(*([500] * 20))
        await make_project(client, programme)
        for n, wait in enumerate(SCHEDULE, start=1):
            await run_jobs()
            [delivery] = await deliveries(client, webhook)
            assert delivery["attempts"] == n and delivery["status"] == "pending"
            async with app.state.sessions() as session:
                job = await session.scalar(select(Job).where(Job.kind == "webhook.deliver"))
                assert job is not None
                due = job.run_at - utcnow()
                assert wait - timedelta(seconds=5) < due <= wait, (n, due)
                await session.execute(update(Job).values(run_at=utcnow()))
                await session.commit()
        await run_jobs()
        [delivery] = await deliveries(client, webhook)
        assert delivery["status"] == "failed" and delivery["attempts"] == len(SCHEDULE) + 1
        assert delivery["next_attempt_at"] is None
        assert len(receiver.received) == len(SCHEDULE) + 1
        assert await deliveries(client, webhook, status="failed") == [delivery]
        assert await deliveries(client, webhook, status="pending") == []
        shown = (await client.get(f"{API}/webhooks/{webhook['id']}")).json()
        assert shown["failing_since"] is not None and shown["active"] is True

    async def test_no_answer_is_a_failure_with_its_reason(self, client, receiver, run_jobs, app):
        programme = await make_programme(client)
        webhook = await make_webhook(client, programme, "http://127.0.0.1:9/nobody")
        await make_project(client, programme)
        await settle(run_jobs)
        [delivery] = await deliveries(client, webhook)
        assert delivery["status"] == "failed"
        log = (await detail(client, webhook, delivery))["attempt_log"]
        assert len(log) == len(SCHEDULE) + 1
        assert all(a["outcome"] == "failure" and a["status_code"] is None for a in log)
        assert all("Connect" in a["error"] for a in log)

    async def test_redelivery_sends_the_same_message_again(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        await make_project(client, programme)
        await settle(run_jobs)
        [delivery] = await deliveries(client, webhook)
        url = f"{API}/webhooks/{webhook['id']}/deliveries/{delivery['id']}/redeliver"
        r = await client.post(url)
        assert r.status_code == 202, r.text
        assert r.json()["status"] == "pending"
        assert r.json()["message_id"] == delivery["message_id"]
        again = await client.post(url)
        assert again.status_code == 409
        assert again.json()["errors"][0]["code"] == "delivery_pending"
        await settle(run_jobs)
        assert [r.message_id for r in receiver.received] == [delivery["message_id"]] * 2
        assert receiver.received[0].body == receiver.received[1].body
        assert all(r.error is None for r in receiver.received)
        shown = await detail(client, webhook, delivery)
        assert shown["status"] == "delivered" and shown["attempts"] == 2
        assert [a["attempt"] for a in shown["attempt_log"]] == [1, 2]
        other = await hooked(client, receiver, programme)
        r = await client.post(f"{API}/webhooks/{other['id']}/deliveries/{delivery['id']}/redeliver")
        assert r.status_code == 404

    async def test_ping_goes_to_that_webhook_alone(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme, event_types=["task.created"])
        other = await make_webhook(client, programme, receiver.url)
        r = await client.post(f"{API}/webhooks/{webhook['id']}/ping")
        assert r.status_code == 202, r.text
        assert r.json()["event_type"] == "webhook.ping" and r.json()["status"] == "pending"
        await settle(run_jobs)
        [got] = receiver.received
        assert got.error is None
        assert got.payload["type"] == "webhook.ping"
        assert got.payload["data"] == {
            "webhook_id": webhook["id"],
            "programme_id": programme["id"],
        }
        assert got.payload["occurred_at"]
        assert await deliveries(client, other) == []

    async def test_a_target_that_resolves_privately_at_send_time_gets_nothing(
        self, client, receiver, run_jobs, app
    ):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        app.state.settings.webhook_allow_private_targets = False
        app.state.settings.webhook_retry_scale = 1.0
        await make_project(client, programme)
        await run_jobs()
        assert receiver.received == []
        [delivery] = await deliveries(client, webhook)
        [attempt] = (await detail(client, webhook, delivery))["attempt_log"]
        assert attempt["outcome"] == "failure"
        assert "127.0.0.1" in attempt["error"] and "not public" in attempt["error"]

    async def test_a_stopped_webhooks_waiting_delivery_fails_unsent(
        self, client, receiver, run_jobs, app
    ):
        app.state.settings.webhook_retry_scale = 1.0
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        await make_project(client, programme)
        await run_jobs()  # queued, and delivered
        receiver.received.clear()
        receiver.plan(500)
        await make_project(client, programme)
        await run_jobs()
        r = await client.patch(f"{API}/webhooks/{webhook['id']}", json={"active": False})
        assert r.status_code == 200 and r.json()["active"] is False
        async with app.state.sessions() as session:
            await session.execute(update(Job).values(run_at=utcnow()))
            await session.commit()
        await settle(run_jobs)
        assert len(receiver.received) == 1
        assert [d["status"] for d in await deliveries(client, webhook)] == ["failed", "delivered"]
        r = await client.post(f"{API}/webhooks/{webhook['id']}/ping")
        assert r.status_code == 409 and r.json()["errors"][0]["code"] == "webhook_inactive"

    async def test_failing_for_three_days_disables_and_tells_its_creator(
        self, client, receiver, run_jobs, app
    ):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        receiver.plan(500)
        async with app.state.sessions() as session:
            await session.execute(
                update(Webhook)
                .where(Webhook.id == uuid.UUID(webhook["id"]))
                .values(failing_since=utcnow() - timedelta(days=3, minutes=1))
            )
            await session.commit()
        await make_project(client, programme)
        await settle(run_jobs)
        shown = (await client.get(f"{API}/webhooks/{webhook['id']}")).json()
        assert shown["active"] is False
        assert shown["disabled_reason"] == "failing_for_3_days" and shown["disabled_at"]
        [delivery] = await deliveries(client, webhook)
        assert delivery["status"] == "failed" and delivery["attempts"] == 1
        async with app.state.sessions() as session:
            [told] = (
                await session.scalars(
                    select(Notification).where(Notification.type == "webhook.disabled")
                )
            ).all()
        assert str(told.user_id) == webhook["created_by_id"]
        assert told.facts == {
            "url": receiver.url,
            "programme_id": programme["id"],
            "webhook_id": webhook["id"],
        }
        assert str(told.record_id) == webhook["id"]
        async with app.state.sessions() as session:
            mailed = await session.scalar(select(Job).where(Job.kind == "mail.notification"))
        assert mailed is not None and mailed.payload["type"] == "webhook.disabled"
        assert mailed.payload["user_id"] == webhook["created_by_id"]
        # Disabled: nothing more is queued for it, until it is set active again.
        await make_project(client, programme)
        await settle(run_jobs)
        assert len(receiver.received) == 1
        r = await client.patch(f"{API}/webhooks/{webhook['id']}", json={"active": True})
        assert r.status_code == 200
        again = r.json()
        assert again["active"] is True
        assert again["disabled_at"] is again["disabled_reason"] is again["failing_since"] is None
        await make_project(client, programme)
        await settle(run_jobs)
        assert len(receiver.received) == 2 and receiver.received[1].error is None

    async def test_two_days_of_failing_is_not_yet_enough(self, client, receiver, run_jobs, app):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        receiver.plan(*([500] * 10))
        async with app.state.sessions() as session:
            await session.execute(
                update(Webhook)
                .where(Webhook.id == uuid.UUID(webhook["id"]))
                .values(failing_since=utcnow() - timedelta(days=2))
            )
            await session.commit()
        await make_project(client, programme)
        await run_jobs()
        assert (await client.get(f"{API}/webhooks/{webhook['id']}")).json()["active"] is True

    async def test_a_rolled_back_change_sends_nothing(self, client, receiver, run_jobs, app):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        task = await make_task(client, project)
        await hooked(client, receiver, programme)
        await settle(run_jobs)
        async with app.state.sessions() as session:
            service = TaskService(session, SYSTEM)
            record = await service.get(uuid.UUID(task["id"]))
            await service.update(record, TaskUpdate(status="done"), "*")
            await session.rollback()
        assert await run_jobs() == 0
        async with app.state.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
        async with app.state.sessions() as session:
            service = TaskService(session, SYSTEM)
            record = await service.get(uuid.UUID(task["id"]))
            await service.update(record, TaskUpdate(status="done"), "*")
            await session.commit()
        await settle(run_jobs)
        [got] = receiver.received
        assert got.payload["type"] == "task.updated" and got.payload["data"]["status"] == "done"

    async def test_a_refused_request_sends_nothing(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        task = await make_task(client, project)
        await hooked(client, receiver, programme)
        await settle(run_jobs)
        r = await client.patch(f"{API}/tasks/{task['id']}", json={"assignee_id": str(uuid.uuid4())})
        assert r.status_code == 422
        assert await run_jobs() == 0
        assert receiver.received == []

    async def test_the_log_is_newest_first_and_filtered_by_status(self, client, receiver, run_jobs):
        programme = await make_programme(client)
        webhook = await hooked(client, receiver, programme)
        receiver.plan(*([500] * 8))
        first = await make_project(client, programme)
        await settle(run_jobs)
        second = await make_project(client, programme)
        await settle(run_jobs)
        listed = await deliveries(client, webhook)
        assert [d["status"] for d in listed] == ["delivered", "failed"]
        assert [(await detail(client, webhook, d))["payload"]["data"]["id"] for d in listed] == [
            second["id"],
            first["id"],
        ]
        assert [d["id"] for d in await deliveries(client, webhook, status="failed")] == [
            listed[1]["id"]
        ]
        page = await client.get(f"{API}/webhooks/{webhook['id']}/deliveries", params={"limit": 1})
        assert page.json()["next_cursor"]
        r = await client.get(f"{API}/webhooks/{webhook['id']}/deliveries/{uuid.uuid4()}")
        assert r.status_code == 404


class TestStatementCounts:
    @staticmethod
    def _counting(app) -> tuple[list[str], object]:
        statements: list[str] = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        return statements, count

    async def test_lists_cost_the_same_for_any_page_size(self, app, client, receiver, run_jobs):
        programme = await make_programme(client)
        webhooks = [await hooked(client, receiver, programme) for _ in range(12)]
        await make_project(client, programme)
        await settle(run_jobs)
        for path in (
            f"{API}/webhooks",
            f"{API}/webhooks/{webhooks[0]['id']}/deliveries",
        ):
            counts = set()
            for limit in (1, 5, 50):
                statements, count = self._counting(app)
                event.listen(app.state.engine.sync_engine, "before_cursor_execute", count)
                try:
                    r = await client.get(path, params={"limit": limit})
                    assert r.status_code == 200
                finally:
                    event.remove(app.state.engine.sync_engine, "before_cursor_execute", count)
                counts.add(len(statements))
            assert len(counts) == 1, (path, counts)

    async def test_a_batch_of_events_reads_its_webhooks_once(self, app, client, private_targets):
        programmes = [await make_programme(client) for _ in range(3)]
        for programme in programmes:
            for _ in range(2):
                await make_webhook(client, programme, "https://hooks.kommune.invalid/")
        events = [
            OutboundEvent(
                type="project.updated",
                programme_id=uuid.UUID(programmes[n % 3]["id"]),
                record_type="project",
                record_id=uuid.uuid4(),
                data={"name": f"Prosjekt {n}"},
            )
            for n in range(30)
        ]
        statements, count = self._counting(app)
        async with app.state.sessions() as session:
            event.listen(app.state.engine.sync_engine, "before_cursor_execute", count)
            try:
                await queue_deliveries(session, events)
                await session.flush()
            finally:
                event.remove(app.state.engine.sync_engine, "before_cursor_execute", count)
            await session.commit()
        reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(reads) == 1 and "FROM webhook" in reads[0], reads
        async with app.state.sessions() as session:
            made = await session.scalar(select(func.count()).select_from(WebhookDelivery))
        assert made == 60


async def test_records_an_import_creates_are_announced_to_the_programmes_webhooks(
    app, client, receiver, run_jobs
):
    from tests.test_imports import imported

    quiet = await make_programme(client)
    heard = await make_programme(client)
    await hooked(client, receiver, heard, event_types=["person.created"])
    people = "external_id;name;email\n" + "".join(
        f"p{i};Person {i};p{i}@example.no\n" for i in range(3)
    )
    await imported(client, quiet, "people", people.encode())
    await imported(client, heard, "people", people.encode())
    await settle(run_jobs)
    payloads = [r.payload for r in receiver.wait_for(3)]
    assert sorted(p["data"]["external_id"] for p in payloads) == ["p0", "p1", "p2"]
    assert {p["type"] for p in payloads} == {"person.created"}
    assert {p["data"]["programme_id"] for p in payloads} == {heard["id"]}
    # The programme without a webhook announced nothing of its import's rows.
    async with app.state.sessions() as session:
        batches = list(
            await session.scalars(select(Job.payload).where(Job.kind == "outbox.dispatch"))
        )
    quiet_people = [
        e
        for batch in batches
        for e in batch["events"]
        if e["type"] == "person.created" and e["programme_id"] == quiet["id"]
    ]
    assert quiet_people == []


async def test_a_large_transaction_is_dispatched_in_batches(app):
    from samskap.jobs.outbox import DISPATCH, DISPATCH_BATCH, emit

    programme_id = uuid.uuid4()
    async with app.state.sessions() as session:
        for _ in range(DISPATCH_BATCH * 2 + 1):
            emit(session, OutboundEvent(type="task.updated", programme_id=programme_id))
        await session.commit()
    async with app.state.sessions() as session:
        sizes = [
            len(p["events"])
            for p in await session.scalars(select(Job.payload).where(Job.kind == DISPATCH))
        ]
    assert sorted(sizes) == [1, DISPATCH_BATCH, DISPATCH_BATCH]
