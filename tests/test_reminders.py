"""Deadline reminders and the deadline scan: deadline.due_soon and deadline.overdue once per
due time, reminders by mail to the responsible, the responsible group's members and the
recipient in their language, against a real SMTP server (tests/mailserver.py)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from samskap.db import utcnow
from samskap.deadlines.scan import scan_deadlines
from samskap.jobs.outbox import DISPATCH
from samskap.mail.tokens import mail_token
from samskap.models import Job, Notice
from tests.factories import (
    API,
    make_deadline,
    make_group,
    make_member,
    make_person,
    make_programme,
)
from tests.mailserver import MailServer, html_text, mail_server, plain_text
from tests.statements import counting

__all__ = ["mail_server"]


def _in(**delta) -> str:
    return (utcnow() + timedelta(**delta)).isoformat()


async def _scan(app, now: datetime | None = None) -> list:
    async with app.state.sessions() as session:
        done = await scan_deadlines(session, app.state.settings, now)
        await session.commit()
    return done


async def _announced(app, kind: str) -> list[dict]:
    """The data of every outbound event of this type the outbox has carried or holds."""
    async with app.state.sessions() as session:
        jobs = await session.scalars(select(Job).where(Job.kind == DISPATCH))
        return [
            e["data"] for job in jobs for e in job.payload.get("events", []) if e["type"] == kind
        ]


async def _choose(app, anonymous, address: str, **choices) -> None:
    token = mail_token(app.state.settings, address)
    r = await anonymous.patch(f"{API}/mail-preferences/{token}", json=choices)
    assert r.status_code == 200, r.text


class TestReminders:
    async def test_the_responsible_the_group_and_the_recipient_in_their_languages(
        self, app, client, anonymous, run_jobs, mail_server: MailServer
    ):
        programme = await make_programme(client, reminder_days_before=3)
        assert programme["reminder_days_before"] == 3
        responsible = await make_person(client, programme, name="Kari Ansvarlig")
        recipient = await make_person(client, programme, name="Rita Mottaker")
        nynorsk = await make_person(client, programme, name="Nils Nynorsk")
        opted_out = await make_person(client, programme, name="Olav Utmeldt")
        no_address = await make_person(client, programme, name="Uten Adresse", email=None)
        group = await make_group(client, programme)
        for person in (nynorsk, opted_out, no_address, responsible):
            await make_member(client, group, person)
        await _choose(app, anonymous, recipient["email"], language="en")
        await _choose(app, anonymous, nynorsk["email"], language="nn")
        await _choose(app, anonymous, opted_out["email"], deadline_reminders=False)
        deadline = await make_deadline(
            client,
            programme,
            responsible,
            title="Budsjettinnspill",
            description="Send innspillet til prosjektleder.",
            due_at=_in(days=2),
            responsible_person_id=None,
            responsible_group_id=group["id"],
            recipient_id=recipient["id"],
        )
        # The recurring job, as the worker enqueues it, then the mails it queued.
        await run_jobs(schedule=True)
        received = sorted(m["To"] for m in mail_server.messages)
        assert received == sorted([responsible["email"], recipient["email"], nynorsk["email"]]), (
            received
        )
        [nb] = mail_server.to(responsible["email"])
        assert nb["Subject"].startswith("Påminnelse: «Budsjettinnspill» har frist ")
        assert " kl. " in nb["Subject"]
        text = plain_text(nb)
        assert "Send innspillet til prosjektleder." in text
        assert f"http://127.0.0.1:8000/p/{programme['id']}/deadlines" in text
        token = mail_token(app.state.settings, responsible["email"])
        assert f"http://127.0.0.1:8000/mail-preferences/{token}" in text
        assert nb["List-Unsubscribe"] == f"<http://127.0.0.1:8000/mail-preferences/{token}>"
        assert '<html lang="nb">' in html_text(nb)
        [nn] = mail_server.to(nynorsk["email"])
        assert nn["Subject"].startswith("Påminning: «Budsjettinnspill»")
        assert "Vel kva du vil få" in plain_text(nn)
        [en] = mail_server.to(recipient["email"])
        assert en["Subject"].startswith("Reminder: “Budsjettinnspill” is due ")
        assert " at " in en["Subject"]
        [announced] = await _announced(app, "deadline.due_soon")
        assert announced["id"] == deadline["id"]
        assert announced["programme_id"] == programme["id"]
        assert announced["responsible_group_id"] == group["id"]
        assert announced["recipient_id"] == recipient["id"]
        assert announced["title"] == "Budsjettinnspill" and announced["kind"] == "submission"

        # Not twice.
        assert await _scan(app) == []
        await run_jobs()
        assert len(mail_server.messages) == 3
        assert len(await _announced(app, "deadline.due_soon")) == 1

        # Moved: announced again, for the new due time.
        r = await client.patch(
            f"{API}/deadlines/{deadline['id']}", json={"due_at": _in(days=2, hours=1)}
        )
        assert r.status_code == 200, r.text
        assert [a.what for a in await _scan(app)] == ["due_soon"]
        await run_jobs()
        assert len(mail_server.messages) == 6
        assert len(await _announced(app, "deadline.due_soon")) == 2

    async def test_the_window_is_the_programme_setting(self, app, client, run_jobs, mail_server):
        programme = await make_programme(client)
        assert programme["reminder_days_before"] == 3
        person = await make_person(client, programme)
        far = await make_deadline(client, programme, person, due_at=_in(days=10))
        assert await _scan(app) == []
        r = await client.patch(
            f"{API}/programmes/{programme['id']}", json={"reminder_days_before": 12}
        )
        assert r.status_code == 200 and r.json()["reminder_days_before"] == 12
        [announced] = await _scan(app)
        assert str(announced.deadline.id) == far["id"]
        await run_jobs()
        assert [m["To"] for m in mail_server.messages] == [person["email"]]

    async def test_the_window_opens_at_the_start_of_the_day_in_oslo(self, app, client):
        programme = await make_programme(client, reminder_days_before=1)
        person = await make_person(client, programme)
        # Due 5 December 2026 at 09.00 Oslo time (08.00 UTC).
        await make_deadline(client, programme, person, due_at="2026-12-05T09:00:00+01:00")
        before = datetime(2026, 12, 3, 22, 59, tzinfo=UTC)  # 3 December, 23.59 in Oslo
        assert await _scan(app, before) == []
        at = datetime(2026, 12, 3, 23, 0, tzinfo=UTC)  # 4 December, 00.00 in Oslo
        assert [a.what for a in await _scan(app, at)] == ["due_soon"]

    async def test_zero_days_reminds_on_the_day(self, app, client):
        programme = await make_programme(client, reminder_days_before=0)
        person = await make_person(client, programme)
        await make_deadline(client, programme, person, due_at="2026-12-05T15:00:00+01:00")
        assert await _scan(app, datetime(2026, 12, 4, 12, 0, tzinfo=UTC)) == []
        assert len(await _scan(app, datetime(2026, 12, 5, 6, 0, tzinfo=UTC))) == 1

    async def test_a_setting_out_of_range_is_refused(self, client):
        for days in (-1, 61, "tre"):
            r = await client.post(
                f"{API}/programmes", json={"name": "Feil", "reminder_days_before": days}
            )
            assert r.status_code == 422, r.text
            assert r.json()["errors"][0]["pointer"] == "/reminder_days_before"

    async def test_one_who_opted_out_gets_nothing(
        self, app, client, anonymous, run_jobs, mail_server
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        await _choose(app, anonymous, person["email"].upper(), deadline_reminders=False)
        await make_deadline(client, programme, person, due_at=_in(hours=5))
        assert len(await _scan(app)) == 1
        await run_jobs()
        assert mail_server.messages == []
        # The event is announced all the same (webhooks, notifications).
        assert len(await _announced(app, "deadline.due_soon")) == 1

    async def test_met_and_waived_deadlines_are_not_announced(self, app, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        for status in ("submitted", "waived"):
            await make_deadline(client, programme, person, due_at=_in(hours=5), status=status)
            await make_deadline(client, programme, person, due_at=_in(hours=-5), status=status)
        assert await _scan(app) == []


class TestOverdue:
    async def test_once_per_due_time_and_without_mail(self, app, client, run_jobs, mail_server):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        deadline = await make_deadline(client, programme, person, due_at=_in(hours=-1))
        old = await make_deadline(client, programme, person, due_at=_in(days=-8))
        [announced] = await _scan(app)
        assert announced.what == "overdue" and str(announced.deadline.id) == deadline["id"]
        assert await _scan(app) == []
        await run_jobs()
        assert mail_server.messages == []
        [data] = await _announced(app, "deadline.overdue")
        assert data["id"] == deadline["id"]
        assert old["id"] not in {d["id"] for d in await _announced(app, "deadline.overdue")}
        async with app.state.sessions() as session:
            keys = set(await session.scalars(select(Notice.key)))
        assert any(k.startswith(f"deadline:{deadline['id']}:overdue:") for k in keys)

    async def test_a_due_soon_deadline_that_passes_is_then_overdue(self, app, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        await make_deadline(client, programme, person, due_at="2026-12-05T15:00:00+01:00")
        [soon] = await _scan(app, datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
        [late] = await _scan(app, datetime(2026, 12, 5, 14, 1, tzinfo=UTC))
        assert (soon.what, late.what) == ("due_soon", "overdue")
        assert await _scan(app, datetime(2026, 12, 5, 15, 0, tzinfo=UTC)) == []


class TestCost:
    async def test_a_scan_costs_the_same_statements_for_one_deadline_or_many(self, app, client):
        async def statements_of_a_scan(count: int) -> int:
            programme = await make_programme(client)
            group = await make_group(client, programme)
            for _ in range(count):
                person = await make_person(client, programme)
                other = await make_person(client, programme)
                await make_member(client, group, other)
                await make_deadline(
                    client,
                    programme,
                    person,
                    due_at=_in(days=1),
                    responsible_person_id=None,
                    responsible_group_id=group["id"],
                    recipient_id=other["id"],
                )
                await make_deadline(client, programme, person, due_at=_in(days=1))
                await make_deadline(client, programme, person, due_at=_in(hours=-1))
            async with counting(app) as seen:
                announced = await _scan(app)
            assert len(announced) == 3 * count
            return len(seen)

        one = await statements_of_a_scan(1)
        many = await statements_of_a_scan(6)
        assert many == one, (one, many)
