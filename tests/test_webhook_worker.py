"""A worker process killed in the middle of a delivery: the job is taken again by another
worker once its lease has run out, and the receiver, dropping repeats by `webhook-id` as the
Standard Webhooks specification asks, handles the event exactly once."""

import asyncio
import signal
import threading

import pytest
from sqlalchemy import select

from samskap.models import Job
from tests.factories import API, make_programme, make_project, make_webhook
from tests.processes import worker_process
from tests.receivers import Answer, receiving

WORKER_ENV = {
    # A dead worker's job is taken again two seconds after its last renewal.
    "SAMSKAP_JOB_LEASE_SECONDS": "2",
    "SAMSKAP_JOB_POLL_SECONDS": "0.2",
    "SAMSKAP_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
    "SAMSKAP_WEBHOOK_TIMEOUT_SECONDS": "30",
}


@pytest.fixture
def private_targets(app, monkeypatch):
    monkeypatch.setattr(app.state.settings, "webhook_allow_private_targets", True)


async def _delivered(client, webhook: dict, within: float = 60) -> dict:
    for _ in range(int(within / 0.2)):
        items = (await client.get(f"{API}/webhooks/{webhook['id']}/deliveries")).json()["items"]
        if items and items[0]["status"] == "delivered":
            return items[0]
        await asyncio.sleep(0.2)
    raise AssertionError(f"not delivered: {items}")


async def test_a_worker_killed_mid_delivery_delivers_exactly_once(
    client, app, database_url, private_targets
):
    held = threading.Event()
    with receiving() as receiver:
        # The first request is held open while its worker is killed.
        receiver.plan(Answer(hold=held, hold_seconds=60))
        programme = await make_programme(client)
        # Only this event: the worker also runs the recurring scans, which announce
        # compliance findings of the new programme.
        webhook = await make_webhook(
            client, programme, receiver.url, event_types=["project.created"]
        )
        receiver.secret = webhook["secret"]
        project = await make_project(client, programme)
        try:
            async with worker_process(database_url, WORKER_ENV) as first:
                await asyncio.to_thread(receiver.wait_for, 1, 60)
                first.send_signal(signal.SIGKILL)
                await first.wait()
            assert not held.is_set()
            listed = await client.get(f"{API}/webhooks/{webhook['id']}/deliveries")
            [pending] = listed.json()["items"]
            assert pending["status"] == "pending" and pending["attempts"] == 0
            async with worker_process(database_url, WORKER_ENV):
                await asyncio.to_thread(receiver.wait_for, 2, 60)
                delivery = await _delivered(client, webhook)
        finally:
            held.set()
    ids = [r.message_id for r in receiver.received]
    assert ids == [delivery["message_id"]] * len(ids) and len(ids) == 2
    assert receiver.distinct_messages() == {delivery["message_id"]}
    assert all(r.error is None for r in receiver.received)
    assert receiver.received[0].body == receiver.received[1].body
    assert {p["type"] for p in receiver.payloads()} == {"project.created"}
    assert receiver.payloads()[0]["data"]["id"] == project["id"]
    detail = (
        await client.get(f"{API}/webhooks/{webhook['id']}/deliveries/{delivery['id']}")
    ).json()
    # The killed worker's attempt left no trace; the job counted it.
    assert [(a["attempt"], a["outcome"]) for a in detail["attempt_log"]] == [(1, "success")]
    async with app.state.sessions() as session:
        job = await session.scalar(select(Job).where(Job.kind == "webhook.deliver"))
        assert job is not None
        assert job.status == "succeeded" and job.attempts == 2
