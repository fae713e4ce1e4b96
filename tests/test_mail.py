"""E-mail: the mail.send job against a real SMTP server (tests/mailserver.py), one
notification by mail, and the mail choices (own, and through the link in every mail)."""

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar
from sqlalchemy import select, update

from samskap.db import utcnow
from samskap.jobs.outbox import OutboundEvent
from samskap.jobs.queue import Claimed, enqueue
from samskap.jobs.worker import JobContext
from samskap.mail.digest import next_morning, send_digests
from samskap.mail.invitations import INVITATIONS, send_invitations
from samskap.mail.notify import send_notification_mail
from samskap.mail.sending import SEND
from samskap.mail.templates import NOTIFICATION_LINES, WORDINGS, render
from samskap.mail.tokens import mail_token
from samskap.models import Job, Notification
from samskap.models.enums import JobStatus
from tests.factories import (
    API,
    make_group,
    make_hearing,
    make_member,
    make_person,
    make_programme,
    open_hearing,
)
from tests.mailserver import (
    MailServer,
    html_text,
    mail_server,
    plain_text,
    self_signed,
)
from tests.processes import free_port
from tests.statements import counting

__all__ = ["mail_server"]
PROBLEM = "application/problem+json"


async def _choose(http, url: str, **choices) -> dict:
    r = await http.patch(url, json=choices)
    assert r.status_code == 200, r.text
    return r.json()


async def _notify(app, user_id, **facts) -> None:
    async with app.state.sessions() as session:
        notification = Notification(
            user_id=user_id,
            type="deadline.due_soon",
            facts={"title": "Budsjett 2027", "due_at": "2026-12-03T13:00:00+00:00"} | facts,
        )
        session.add(notification)
        send_notification_mail(session, user_id, notification, path="/p/x/deadlines")
        await session.commit()


async def _jobs(app, kind: str) -> list[Job]:
    async with app.state.sessions() as session:
        return list(await session.scalars(select(Job).where(Job.kind == kind)))


async def _due_now(app) -> None:
    """Moves every queued job's next attempt to now (instead of waiting out its back-off)."""
    async with app.state.sessions() as session:
        await session.execute(
            update(Job).where(Job.status == JobStatus.queued).values(run_at=utcnow())
        )
        await session.commit()


class TestOneNotificationByMail:
    async def test_a_user_who_chose_notifications_gets_each_as_a_mail(
        self, app, accounts, run_jobs, mail_server: MailServer
    ):
        user = await accounts.user(email="kari@example.no")
        http = accounts.bearer(await accounts.token_for(user))
        await _choose(http, f"{API}/me/mail-preferences", notifications=True, language="en")
        await _notify(app, user.id)
        await run_jobs()
        [message] = mail_server.to("kari@example.no")
        assert (
            message["Subject"]
            == "Samskap: The deadline “Budsjett 2027” is due 3 December 2026 at 14:00"
        )
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["Message-ID"] and message["Date"]
        assert message.get_content_type() == "multipart/alternative"
        text = plain_text(message)
        assert "3 December 2026 at 14:00" in text
        assert "http://127.0.0.1:8000/p/x/deadlines" in text
        token = mail_token(app.state.settings, "kari@example.no")
        assert message["List-Unsubscribe"] == (f"<http://127.0.0.1:8000/mail-preferences/{token}>")
        assert f"/mail-preferences/{token}" in text
        # As it travels: the header unfolded and unencoded, the text quoted-printable.
        [raw] = mail_server.collector.raw
        assert (
            f"\r\nList-Unsubscribe: <http://127.0.0.1:8000/mail-preferences/{token}>\r\n".encode()
            in raw
        )
        assert b"Content-Transfer-Encoding: quoted-printable" in raw
        assert f'/mail-preferences/{token}"' in html_text(message)
        assert '<html lang="en">' in html_text(message)

    async def test_nothing_is_mailed_without_the_choice(
        self, app, accounts, run_jobs, mail_server: MailServer
    ):
        user = await accounts.user(email="ola@example.no")
        await _notify(app, user.id)
        assert await run_jobs() == 1
        assert mail_server.messages == []
        [job] = await _jobs(app, "mail.notification")
        assert job.status == JobStatus.succeeded

    async def test_norwegian_by_default(self, app, accounts, run_jobs, mail_server: MailServer):
        user = await accounts.user(email="nora@example.no")
        http = accounts.bearer(await accounts.token_for(user))
        await _choose(http, f"{API}/me/mail-preferences", notifications=True)
        await _notify(app, user.id)
        await run_jobs()
        [message] = mail_server.messages
        assert "«Budsjett 2027» går ut 3. desember 2026 kl. 14.00" in message["Subject"]
        assert "Velg hva du vil få på e-post" in plain_text(message)


def _payload(to: str = "mottaker@example.no", **more) -> dict:
    return {
        "to": to,
        "subject": "Prøve",
        "text": "Hei\n",
        "html": "<p>Hei</p>",
        "language": "nb",
        "list_unsubscribe": "http://127.0.0.1:8000/mail-preferences/x",
        "message_id": f"<{uuid.uuid4().hex}@kommune.example>",
        "date": "Thu, 03 Dec 2026 13:00:00 +0000",
        "attachments": [],
    } | more


async def _enqueue(app, payload: dict) -> None:
    async with app.state.sessions() as session:
        enqueue(session, SEND, payload)
        await session.commit()


class TestSending:
    async def test_a_temporary_refusal_is_retried_and_the_same_message_sent_once(
        self, app, run_jobs, mail_server: MailServer
    ):
        mail_server.refuse_next("451 4.3.0 Try again later")
        payload = _payload()
        await _enqueue(app, payload)
        await run_jobs()
        assert mail_server.collector.refused == 1 and mail_server.messages == []
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.queued and job.attempts == 1
        assert "451" in (job.last_error or "")
        assert job.run_at > utcnow() + timedelta(seconds=30)
        await _due_now(app)
        await run_jobs()
        [message] = mail_server.messages
        assert message["Message-ID"] == payload["message_id"]
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.succeeded and job.attempts == 2
        await _due_now(app)
        assert await run_jobs() == 0
        assert len(mail_server.messages) == 1

    async def test_a_permanent_refusal_fails_at_once(self, app, run_jobs, mail_server: MailServer):
        mail_server.refuse_next("550 5.1.1 No such user")
        await _enqueue(app, _payload())
        await run_jobs()
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.failed and job.attempts == 1
        assert "550" in (job.last_error or "")

    async def test_no_server_is_retried(self, app, run_jobs, mail_server: MailServer):
        app.state.settings.smtp_port = free_port()  # nothing listens there
        await _enqueue(app, _payload())
        await run_jobs()
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.queued and "could not reach" in (job.last_error or "")

    async def test_without_an_smtp_host_nothing_is_sent_and_the_job_succeeds(
        self, app, run_jobs, caplog
    ):
        assert app.state.settings.smtp_host == ""
        await _enqueue(app, _payload(subject="Ikke sendt"))
        with caplog.at_level(logging.INFO, logger="samskap.mail"):
            await run_jobs()
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.succeeded
        assert "not sending 'Ikke sendt' to mottaker@example.no" in caplog.text

    async def test_an_attachment_and_starttls_with_a_trusted_ca_file(self, app, run_jobs, tmp_path):
        import ssl

        cert, key = self_signed(tmp_path)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        server = MailServer(tls_context=context)
        server.start()
        original = app.state.settings
        app.state.settings = original.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": server.port,
                "smtp_security": "starttls",
                "smtp_ca_file": cert,
                "smtp_user": "",
            }
        )
        try:
            ics = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
            import base64

            await _enqueue(
                app,
                _payload(
                    attachments=[
                        {
                            "filename": "invitasjon.ics",
                            "content_type": "text/calendar; method=REQUEST",
                            "data": base64.b64encode(ics).decode(),
                        }
                    ]
                ),
            )
            await run_jobs()
        finally:
            app.state.settings = original
            server.stop()
        [message] = server.messages
        assert message.get_content_type() == "multipart/mixed"
        [attached] = list(message.iter_attachments())
        assert attached.get_content_type() == "text/calendar"
        assert attached.get_param("method") == "REQUEST"
        assert attached.get_filename() == "invitasjon.ics"
        assert attached.get_content().replace("\n", "\r\n").startswith("BEGIN:VCALENDAR")
        assert plain_text(message).strip() == "Hei"

    async def test_starttls_refuses_an_untrusted_certificate(self, app, run_jobs, tmp_path):
        import ssl

        cert, key = self_signed(tmp_path)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        server = MailServer(tls_context=context)
        server.start()
        original = app.state.settings
        app.state.settings = original.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": server.port}
        )
        try:
            await _enqueue(app, _payload())
            await run_jobs()
        finally:
            app.state.settings = original
            server.stop()
        assert server.messages == []
        [job] = await _jobs(app, SEND)
        assert job.status == JobStatus.queued


class TestMyChoices:
    async def test_defaults_then_a_change_with_if_match(self, app, accounts):
        user = await accounts.user(email="Kari.Nordmann@Example.no")
        http = accounts.bearer(await accounts.token_for(user), reads_etag=False)
        r = await http.get(f"{API}/me/mail-preferences")
        assert r.status_code == 200 and r.headers["etag"] == '"0"'
        assert r.json() == {
            "email": "kari.nordmann@example.no",
            "language": "nb",
            "deadline_reminders": True,
            "meeting_invitations": True,
            "hearing_invitations": True,
            "notifications": False,
            "daily_digest": False,
            "version": 0,
        }
        r = await http.patch(f"{API}/me/mail-preferences", json={"daily_digest": True})
        assert r.status_code == 428
        r = await http.patch(
            f"{API}/me/mail-preferences",
            json={"daily_digest": True, "language": "nn"},
            headers={"If-Match": '"0"'},
        )
        assert r.status_code == 200, r.text
        assert r.json()["daily_digest"] is True and r.json()["language"] == "nn"
        assert r.json()["version"] == 1 and r.headers["etag"] == '"1"'
        r = await http.patch(
            f"{API}/me/mail-preferences",
            json={"daily_digest": False},
            headers={"If-Match": '"0"'},
        )
        assert r.status_code == 412
        r = await http.patch(
            f"{API}/me/mail-preferences",
            json={"meeting_invitations": False},
            headers={"If-Match": '"1"'},
        )
        assert r.json()["version"] == 2 and r.json()["daily_digest"] is True

    async def test_bad_input_changes_nothing(self, accounts):
        http = await accounts.client()
        for body, pointer in (
            ({"language": "de"}, "/language"),
            ({"notifications": None}, "/notifications"),
            ({"daily_digest": "sometimes"}, "/daily_digest"),
            ({"colour": "blue"}, "/colour"),
        ):
            r = await http.patch(f"{API}/me/mail-preferences", json=body)
            assert r.status_code == 422, (body, r.text)
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0]["pointer"] == pointer, r.json()
        assert (await http.get(f"{API}/me/mail-preferences")).json()["version"] == 0

    async def test_an_api_token_has_no_mail_choices(self, client, accounts):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/api-tokens", json={"programme_id": programme["id"], "name": "Intranett"}
        )
        integration = accounts.bearer(r.json()["token"])
        for method in ("GET", "PATCH"):
            r = await integration.request(
                method, f"{API}/me/mail-preferences", json={}, headers={"If-Match": "*"}
            )
            assert r.status_code == 403, r.text
            assert r.json()["errors"][0]["code"] == "user_required"

    async def test_anonymous_is_refused(self, anonymous):
        assert (await anonymous.get(f"{API}/me/mail-preferences")).status_code == 401


class TestTheLinkInEveryMail:
    async def test_opens_the_address_choices_without_login(self, app, accounts, anonymous):
        token = mail_token(app.state.settings, "Per@Example.no")
        url = f"{API}/mail-preferences/{token}"
        r = await anonymous.get(url)
        assert r.status_code == 200 and r.json()["email"] == "per@example.no"
        r = await anonymous.patch(url, json={"deadline_reminders": False, "language": "en"})
        assert r.status_code == 200, r.text
        assert r.json()["deadline_reminders"] is False and r.json()["version"] == 1
        # The same address's account sees the same choices.
        user = await accounts.user(email="per@example.no")
        mine = accounts.bearer(await accounts.token_for(user))
        assert (await mine.get(f"{API}/me/mail-preferences")).json() == r.json()

    async def test_a_forged_or_changed_token_is_404(self, app, anonymous):
        token = mail_token(app.state.settings, "per@example.no")
        other = mail_token(app.state.settings, "kari@example.no")
        forged = [
            token.split(".")[0] + "." + other.split(".")[1],
            token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
            "cGVyQGV4YW1wbGUubm8",
            "x.y",
            mail_token(
                app.state.settings.model_copy(update={"jwt_secret": "another-key" * 4}),
                "per@example.no",
            ),
        ]
        for bad in forged:
            for method in ("GET", "PATCH"):
                r = await anonymous.request(
                    method,
                    f"{API}/mail-preferences/{bad}",
                    json={"daily_digest": True},
                    headers={"If-Match": "*"},
                )
                assert r.status_code == 404, (bad, r.status_code, r.text)
                assert r.headers["content-type"].startswith(PROBLEM)
        r = await anonymous.get(f"{API}/mail-preferences/{token}")
        assert r.json()["version"] == 0


def _calendar(message) -> tuple[Calendar, Any]:
    [attached] = list(message.iter_attachments())
    assert attached.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(attached.get_payload(decode=True))
    [item] = calendar.walk("VEVENT")
    return calendar, item


async def _event(client, programme, people, **more) -> dict:
    body = {
        "programme_id": programme["id"],
        "title": "Styremøte",
        "kind": "meeting",
        "starts_at": "2031-03-04T10:00:00+01:00",
        "ends_at": "2031-03-04T12:00:00+01:00",
        "location": "Rådhuset, møterom 2",
        "participants": [{"person_id": p["id"]} for p in people],
    }
    r = await client.post(f"{API}/events", json=body | more)
    assert r.status_code == 201, r.text
    return r.json()


class TestMeetingInvitations:
    async def test_invitation_change_and_cancellation_with_a_calendar_file(
        self, app, client, anonymous, run_jobs, mail_server: MailServer
    ):
        programme = await make_programme(client, name="Nordre Follo 2020")
        kari = await make_person(client, programme, name="Kari Nordmann")
        john = await make_person(client, programme, name="John Smith")
        opted_out = await make_person(client, programme, name="Olav Utmeldt")
        no_address = await make_person(client, programme, name="Uten Adresse", email=None)
        for address, choices in (
            (john["email"], {"language": "en"}),
            (opted_out["email"], {"meeting_invitations": False}),
        ):
            token = mail_token(app.state.settings, address)
            r = await anonymous.patch(f"{API}/mail-preferences/{token}", json=choices)
            assert r.status_code == 200
        event = await _event(client, programme, [kari, john, opted_out, no_address])
        await run_jobs()
        assert sorted(m["To"] for m in mail_server.messages) == sorted(
            [kari["email"], john["email"]]
        )
        [invited] = mail_server.to(kari["email"])
        assert invited["Subject"] == "Invitasjon: Styremøte, 4. mars 2031 kl. 10.00"
        text = plain_text(invited)
        assert "Du er invitert til «Styremøte» i Nordre Follo 2020." in text
        assert "Tid: 4. mars 2031 kl. 10.00–12.00" in text
        assert "Sted: Rådhuset, møterom 2" in text
        assert f"/p/{programme['id']}/events/{event['id']}" in text
        assert "/mail-preferences/" in text
        calendar, item = _calendar(invited)
        assert calendar["METHOD"] == "REQUEST"
        assert str(item["UID"]) == f"{event['id']}@samskap"
        first_sequence = int(item["SEQUENCE"])
        assert first_sequence == event["version"]
        assert str(item["ATTENDEE"]) == f"mailto:{kari['email']}"
        assert item["ATTENDEE"].params["CN"] == "Kari Nordmann"
        assert str(item["ORGANIZER"]) == "mailto:samskap@kommune.example"
        assert item["ORGANIZER"].params["CN"] == "Samskap"
        assert item.decoded("DTSTART") == datetime(2031, 3, 4, 9, 0, tzinfo=UTC)
        assert str(item["LOCATION"]) == "Rådhuset, møterom 2"
        [english] = mail_server.to(john["email"])
        assert english["Subject"] == "Invitation: Styremøte, 4 March 2031 at 10:00"
        assert "When: 4 March 2031 at 10:00–12:00" in plain_text(english)

        # A change of what is not in the invitation sends nothing.
        mail_server.clear()
        r = await client.patch(f"{API}/events/{event['id']}", json={"minutes": "Referat"})
        assert r.status_code == 200
        await run_jobs()
        assert mail_server.messages == []

        # Moved: the changed invitation replaces the entry (same UID, higher SEQUENCE).
        r = await client.patch(
            f"{API}/events/{event['id']}",
            json={"starts_at": "2031-03-05T10:00:00+01:00", "ends_at": "2031-03-05T11:00:00+01:00"},
        )
        moved = r.json()
        await run_jobs()
        [changed] = mail_server.to(kari["email"])
        assert changed["Subject"] == "Endret: Styremøte, 5. mars 2031 kl. 10.00"
        calendar, item = _calendar(changed)
        assert calendar["METHOD"] == "REQUEST"
        assert str(item["UID"]) == f"{event['id']}@samskap"
        assert int(item["SEQUENCE"]) == moved["version"] > first_sequence
        assert len(mail_server.to(john["email"])) == 1

        # John no longer invited, Ola newly: a cancellation and an invitation.
        mail_server.clear()
        ola = await make_person(client, programme, name="Ola Ny")
        r = await client.patch(
            f"{API}/events/{event['id']}",
            json={"participants": [{"person_id": kari["id"]}, {"person_id": ola["id"]}]},
        )
        assert r.status_code == 200, r.text
        await run_jobs()
        assert sorted(m["To"] for m in mail_server.messages) == sorted(
            [john["email"], ola["email"]]
        )
        [uninvited] = mail_server.to(john["email"])
        assert uninvited["Subject"].startswith("Cancelled: Styremøte")
        calendar, item = _calendar(uninvited)
        assert calendar["METHOD"] == "CANCEL" and str(item["STATUS"]) == "CANCELLED"
        calendar, item = _calendar(mail_server.to(ola["email"])[0])
        assert calendar["METHOD"] == "REQUEST"

        # Cancelled: METHOD:CANCEL to everyone still invited.
        mail_server.clear()
        r = await client.delete(f"{API}/events/{event['id']}")
        assert r.status_code == 204, r.text
        await run_jobs()
        assert sorted(m["To"] for m in mail_server.messages) == sorted(
            [kari["email"], ola["email"]]
        )
        [cancelled] = mail_server.to(kari["email"])
        assert cancelled["Subject"] == "Avlyst: Styremøte, 5. mars 2031 kl. 10.00"
        calendar, item = _calendar(cancelled)
        assert calendar["METHOD"] == "CANCEL"
        assert str(item["UID"]) == f"{event['id']}@samskap"
        assert int(item["SEQUENCE"]) > first_sequence

    async def test_a_meeting_recorded_after_it_was_held_invites_no_one(
        self, client, run_jobs, mail_server: MailServer
    ):
        programme = await make_programme(client)
        kari = await make_person(client, programme)
        event = await _event(
            client,
            programme,
            [kari],
            starts_at="2018-11-20T09:00:00+01:00",
            ends_at="2018-11-20T11:00:00+01:00",
        )
        r = await client.patch(f"{API}/events/{event['id']}", json={"location": "Kantina"})
        assert r.status_code == 200
        assert (await client.delete(f"{API}/events/{event['id']}")).status_code == 204
        await run_jobs()
        assert mail_server.messages == []


class TestHearingInvitations:
    async def test_the_invited_groups_members_are_asked_when_it_opens(
        self, app, client, anonymous, run_jobs, mail_server: MailServer
    ):
        programme = await make_programme(client, name="Nye Kristiansand 2020")
        member = await make_person(client, programme, name="Mia Medlem")
        nynorsk = await make_person(client, programme, name="Nils Nynorsk")
        invited = await make_person(client, programme, name="Ivar Invitert")
        opted_out = await make_person(client, programme, name="Olav Utmeldt")
        bystander = await make_person(client, programme, name="Berit Utenfor")
        group = await make_group(client, programme, name="Drøftingsforum")
        for person in (member, nynorsk, opted_out):
            await make_member(client, group, person)
        for address, choices in (
            (nynorsk["email"], {"language": "nn"}),
            (opted_out["email"], {"hearing_invitations": False}),
        ):
            token = mail_token(app.state.settings, address)
            assert (
                await anonymous.patch(f"{API}/mail-preferences/{token}", json=choices)
            ).status_code == 200
        hearing = await make_hearing(
            client,
            programme,
            title="Ny organisering av oppvekst",
            deadline_at="2031-01-15T12:00:00+01:00",
            invitees=[
                {"party": "group", "group_id": group["id"]},
                {"party": "person", "person_id": invited["id"]},
                {"party": "union", "name": "Fagforbundet"},
            ],
        )
        await run_jobs()
        assert mail_server.messages == []  # a draft invites no one yet
        await open_hearing(client, hearing)
        await run_jobs()
        assert sorted(m["To"] for m in mail_server.messages) == sorted(
            [member["email"], nynorsk["email"], invited["email"]]
        )
        assert bystander["email"] not in {m["To"] for m in mail_server.messages}
        [nb] = mail_server.to(member["email"])
        assert nb["Subject"] == (
            "Høring: Ny organisering av oppvekst, svarfrist 15. januar 2031 kl. 12.00"
        )
        text = plain_text(nb)
        assert "Svarfrist: 15. januar 2031 kl. 12.00." in text
        assert "Valg av organisasjonsmodell" in text
        assert f"/p/{programme['id']}/hearings/{hearing['id']}" in text
        [nn] = mail_server.to(nynorsk["email"])
        assert nn["Subject"].startswith("Høyring: Ny organisering av oppvekst")
        # Closing it asks no one again.
        mail_server.clear()
        current = await client.get(f"{API}/hearings/{hearing['id']}")
        r = await client.post(
            f"{API}/hearings/{hearing['id']}/close",
            headers={"If-Match": current.headers["etag"]},
        )
        assert r.status_code == 200, r.text
        await run_jobs()
        assert mail_server.messages == []


async def _notification(app, user_id, created_at, read=False, **facts) -> None:
    async with app.state.sessions() as session:
        session.add(
            Notification(
                user_id=user_id,
                type="deadline.overdue",
                facts={"title": "Frist"} | facts,
                created_at=created_at,
                read_at=created_at if read else None,
            )
        )
        await session.commit()


class TestDailyDigest:
    async def test_unread_notifications_of_the_last_day_once_a_day(
        self, app, accounts, run_jobs, mail_server: MailServer
    ):
        now = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)  # 07.00 in Oslo
        reader = await accounts.user(email="Dina.Digest@example.no")
        http = accounts.bearer(await accounts.token_for(reader))
        await _choose(http, f"{API}/me/mail-preferences", daily_digest=True, language="en")
        idle = await accounts.user(email="tom@example.no")
        http = accounts.bearer(await accounts.token_for(idle))
        await _choose(http, f"{API}/me/mail-preferences", daily_digest=True)
        not_chosen = await accounts.user(email="nei@example.no")
        await _notification(app, reader.id, now - timedelta(hours=2), title="Budsjett")
        await _notification(app, reader.id, now - timedelta(hours=3), title="Lest", read=True)
        await _notification(app, reader.id, now - timedelta(days=2), title="Gammel")
        await _notification(app, idle.id, now - timedelta(days=3), title="Gammel")
        await _notification(app, not_chosen.id, now - timedelta(hours=1), title="Budsjett")
        async with app.state.sessions() as session:
            assert await send_digests(session, app.state.settings, now) == 1
            await session.commit()
        async with app.state.sessions() as session:
            assert await send_digests(session, app.state.settings, now) == 0
            await session.commit()
        await run_jobs()
        [digest] = mail_server.messages
        assert digest["To"] == "dina.digest@example.no"
        assert digest["Subject"] == "Samskap: 1 unread notifications of the last day"
        text = plain_text(digest)
        assert "The deadline “Budsjett” has passed" in text
        assert "Lest" not in text and "Gammel" not in text
        assert "http://127.0.0.1:8000/notifications" in text
        assert "/mail-preferences/" in text

    async def test_the_digest_runs_every_morning_at_seven_in_oslo(self):
        assert next_morning(datetime(2026, 12, 3, 5, 59, tzinfo=UTC)) == datetime(
            2026, 12, 3, 6, 0, tzinfo=UTC
        )
        assert next_morning(datetime(2026, 12, 3, 6, 0, tzinfo=UTC)) == datetime(
            2026, 12, 4, 6, 0, tzinfo=UTC
        )
        # Summer time: 07.00 in Oslo is 05.00 UTC.
        assert next_morning(datetime(2026, 6, 3, 12, 0, tzinfo=UTC)) == datetime(
            2026, 6, 4, 5, 0, tzinfo=UTC
        )


class TestCost:
    """Invitations and the digest cost the same statements for one recipient or many."""

    async def _statements(self, app, run) -> int:
        async with counting(app) as seen, app.state.sessions() as session:
            await run(session)
            await session.commit()
        return len(seen)

    async def test_invitations(self, app, client):
        async def statements(participants: int) -> int:
            programme = await make_programme(client)
            group = await make_group(client, programme)
            people = [await make_person(client, programme) for _ in range(participants)]
            for person in people:
                await make_member(client, group, person)
            meeting = OutboundEvent(
                type="event.created",
                programme_id=uuid.UUID(programme["id"]),
                data={
                    "id": str(uuid.uuid4()),
                    "title": "Møte",
                    "starts_at": "2031-01-01T09:00:00+01:00",
                    "ends_at": "2031-01-01T10:00:00+01:00",
                    "version": 1,
                    "participants": [{"person_id": p["id"]} for p in people],
                },
            )
            hearing = OutboundEvent(
                type="hearing.updated",
                programme_id=uuid.UUID(programme["id"]),
                data={
                    "id": str(uuid.uuid4()),
                    "title": "Høring",
                    "status": "open",
                    "deadline_at": "2031-01-01T12:00:00+01:00",
                    "invitees": [{"group_id": group["id"]}, {"person_id": people[0]["id"]}],
                },
                before={"status": "draft"},
            )
            moved = OutboundEvent(
                type="event.updated",
                programme_id=meeting.programme_id,
                data=meeting.data | {"starts_at": "2031-01-01T08:00:00+01:00", "version": 2},
                before=meeting.data,
            )
            # Several events of one batch, a changed meeting before a new one.
            events = [moved, meeting, hearing]
            payload = {"events": [e.to_json() for e in events]}

            async def run(session):
                job = Claimed(uuid.uuid4(), INVITATIONS, payload, 1, 1)
                await send_invitations(
                    JobContext(job, session, app.state.sessions, app.state.settings, None, "t")  # type: ignore[arg-type]
                )

            return await self._statements(app, run)

        assert await statements(1) == await statements(6)

    async def test_the_digest(self, app, accounts):
        now = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)

        async def statements(users: int, day: int) -> int:
            for _ in range(users):
                user = await accounts.user()
                http = accounts.bearer(await accounts.token_for(user))
                await _choose(http, f"{API}/me/mail-preferences", daily_digest=True)
                await _notification(app, user.id, now + timedelta(days=day, hours=-1))

            async def run(session):
                assert await send_digests(session, app.state.settings, now + timedelta(days=day))

            return await self._statements(app, run)

        assert await statements(1, 0) == await statements(5, 1)


class TestWording:
    def test_every_mail_in_every_language(self):
        facts = {
            "title": "Budsjett",
            "programme": "Nordre Follo 2020",
            "due": "x",
            "starts": "x",
            "ends": "y",
            "deadline": "z",
            "count": 2,
            "what": "Noe skjedde",
        }
        for kind, languages in WORDINGS.items():
            assert set(languages) == {"nb", "nn", "en"}, kind
            subjects = set()
            for language in ("nb", "nn", "en"):
                mail = render(kind, language, facts, choices="https://samskap.example/c")
                assert mail.text.endswith("https://samskap.example/c\n"), (kind, language)
                assert f'<html lang="{language}">' in mail.html
                subjects.add(mail.subject)
            assert len(subjects) >= 2 or kind == "notification", kind
        for kind, lines in NOTIFICATION_LINES.items():
            assert set(lines) == {"nb", "nn", "en"}, kind

    def test_a_title_with_a_line_break_stays_one_header_line_and_html_is_escaped(self):
        mail = render(
            "deadline_reminder",
            "nb",
            {"title": "Budsjett\r\n<b>Bcc: x@example.no</b>", "due": "i dag", "programme": "P"},
            choices="https://samskap.example/c",
        )
        assert "\n" not in mail.subject and "\r" not in mail.subject
        assert "<b>" not in mail.html and "&lt;b&gt;" in mail.html
