"""Personal calendar feeds: a secret, revocable address with the user's own meetings and
deadlines across programmes, read by a calendar program without signing in."""

import uuid
from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select, update

from samskap.db import utcnow
from samskap.models import AuditEvent, CalendarFeed
from tests.factories import (
    API,
    create,
    make_deadline,
    make_group,
    make_member,
    make_person,
    make_programme,
)

PROBLEM = "application/problem+json"


async def meeting(client, programme, title: str, people: list[dict], **extra) -> dict:
    return await create(
        client,
        "/events",
        {
            "programme_id": programme["id"],
            "title": title,
            "starts_at": "2031-01-01T09:00:00+01:00",
            "ends_at": "2031-01-01T10:00:00+01:00",
            "participants": [{"person_id": p["id"]} for p in people],
        }
        | extra,
    )


def read(body: bytes) -> dict[str, dict]:
    """The feed's items by UID."""
    calendar = Calendar.from_ical(body)
    return {str(item["UID"]): item for item in calendar.walk("VEVENT")}


class TestPersonalFeed:
    async def test_the_feed_holds_my_meetings_and_deadlines_across_programmes_only(
        self, app, client, accounts, anonymous
    ):
        first, second, third = [await make_programme(client) for _ in range(3)]
        me_first, me_second, someone = (
            await make_person(client, first),
            await make_person(client, second),
            await make_person(client, first),
        )
        group = await make_group(client, second)
        await make_member(client, group, me_second)
        me = await accounts.client(
            roles={
                first["id"]: ("member", me_first["id"]),
                second["id"]: ("observer", me_second["id"]),
                third["id"]: "editor",
            }
        )
        mine = [
            await meeting(client, first, "Drøftingsmøte", [me_first, someone], location="Rådhuset"),
            await meeting(client, second, "Styremøte", [me_second]),
        ]
        others = [await meeting(client, first, "Andres møte", [someone])]
        my_deadlines = [
            await make_deadline(client, first, me_first, title="Min frist"),
            await make_deadline(
                client,
                second,
                me_second,
                title="Gruppens frist",
                responsible_person_id=None,
                responsible_group_id=group["id"],
            ),
            await make_deadline(
                client, first, someone, title="Til meg", recipient_id=me_first["id"]
            ),
            await make_deadline(client, first, me_first, title="Frafalt", status="waived"),
        ]
        their_deadline = await make_deadline(client, first, someone, title="Ikke min")
        old = await make_deadline(
            client, first, me_first, title="Gammel", due_at="2018-01-10T12:00:00+01:00"
        )

        r = await me.post(f"{API}/me/calendar-feeds", json={"name": "Outlook"})
        assert r.status_code == 201, r.text
        created = r.json()
        token = created["token"]
        assert token.startswith("smc_") and created["prefix"] == token[:12]
        assert created["url"] == f"http://127.0.0.1:8000/api/v1/calendar/{token}.ics"
        assert created["last_used_at"] is None and created["revoked_at"] is None

        r = await anonymous.get(f"{API}/calendar/{token}.ics")
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/calendar")
        items = read(r.content)
        calendar = Calendar.from_ical(r.content)
        assert str(calendar["X-WR-CALNAME"]) == "Samskap: Outlook"
        wanted = {f"{m['id']}@samskap" for m in mine} | {f"{d['id']}@samskap" for d in my_deadlines}
        assert set(items) == wanted
        assert not {f"{x['id']}@samskap" for x in [*others, their_deadline, old]} & set(items)
        council = items[f"{mine[0]['id']}@samskap"]
        assert str(council["SUMMARY"]) == "Drøftingsmøte"
        assert str(council["LOCATION"]) == "Rådhuset"
        assert council["SEQUENCE"] == mine[0]["version"]
        assert council.decoded("DTSTART").isoformat() == "2031-01-01T08:00:00+00:00"
        due = items[f"{my_deadlines[0]['id']}@samskap"]
        assert str(due["SUMMARY"]) == "Frist: Min frist"
        assert str(due["STATUS"]) == "CONFIRMED"
        assert str(items[f"{my_deadlines[3]['id']}@samskap"]["STATUS"]) == "CANCELLED"

        # A moved meeting keeps its UID; its SEQUENCE grows.
        r = await client.patch(
            f"{API}/events/{mine[0]['id']}",
            json={"starts_at": "2031-01-02T09:00:00+01:00", "ends_at": "2031-01-02T10:00:00+01:00"},
        )
        assert r.status_code == 200, r.text
        moved = read((await anonymous.get(f"{API}/calendar/{token}.ics")).content)
        assert moved[f"{mine[0]['id']}@samskap"]["SEQUENCE"] == mine[0]["version"] + 1

        listed = (await me.get(f"{API}/me/calendar-feeds")).json()["items"]
        assert [f["id"] for f in listed] == [created["id"]]
        assert listed[0]["last_used_at"] is not None
        assert "token" not in listed[0] and "url" not in listed[0]

    async def test_last_use_is_noted_at_most_once_a_minute(self, app, client, accounts, anonymous):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        created = (await me.post(f"{API}/me/calendar-feeds", json={"name": "Mobil"})).json()
        url = f"{API}/calendar/{created['token']}.ics"
        assert (await anonymous.get(url)).status_code == 200
        first = (await me.get(f"{API}/me/calendar-feeds")).json()["items"][0]["last_used_at"]
        assert first is not None
        assert (await anonymous.get(url)).status_code == 200
        again = (await me.get(f"{API}/me/calendar-feeds")).json()["items"][0]["last_used_at"]
        assert again == first
        # Once a minute has passed, the next read notes it again.
        async with app.state.sessions() as session:
            await session.execute(
                update(CalendarFeed).values(last_used_at=utcnow() - timedelta(minutes=2))
            )
            await session.commit()
        assert (await anonymous.get(url)).status_code == 200
        later = (await me.get(f"{API}/me/calendar-feeds")).json()["items"][0]["last_used_at"]
        assert later > first
        # A feed of a user without a person anywhere is empty, not refused.
        assert read((await anonymous.get(url)).content) == {}

    async def test_revoked_unknown_and_foreign_feeds(self, app, client, accounts, anonymous):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        other = await accounts.role(programme, "observer")
        created = (await me.post(f"{API}/me/calendar-feeds", json={"name": "Outlook"})).json()
        theirs = (await other.post(f"{API}/me/calendar-feeds", json={"name": "Deres"})).json()
        url = f"{API}/calendar/{created['token']}.ics"
        assert (await anonymous.get(url)).status_code == 200

        # Another user's feed is as unknown as no feed.
        for unknown in (theirs["id"], str(uuid.uuid4())):
            r = await me.post(f"{API}/me/calendar-feeds/{unknown}/revoke")
            assert r.status_code == 404, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
        assert [f["id"] for f in (await me.get(f"{API}/me/calendar-feeds")).json()["items"]] == [
            created["id"]
        ]

        r = await me.post(f"{API}/me/calendar-feeds/{created['id']}/revoke")
        assert r.status_code == 200, r.text
        assert r.json()["revoked_at"] is not None
        for address in (
            url,
            f"{API}/calendar/smc_{'x' * 43}.ics",
            f"{API}/calendar/{created['prefix']}.ics",
            f"{API}/calendar/smk_{'x' * 43}.ics",
        ):
            r = await anonymous.get(address)
            assert r.status_code == 404, (address, r.text)
            assert r.headers["content-type"].startswith(PROBLEM)
        again = await me.post(f"{API}/me/calendar-feeds/{created['id']}/revoke")
        assert again.status_code == 409
        assert again.json()["errors"][0]["code"] == "already_revoked"
        # Theirs still works.
        assert (await anonymous.get(f"{API}/calendar/{theirs['token']}.ics")).status_code == 200
        listed = (await me.get(f"{API}/me/calendar-feeds")).json()["items"]
        assert listed[0]["revoked_at"] is not None

        # A user who can no longer log in has no feed either.
        r = await client.patch(
            f"{API}/users/{(await other.get(f'{API}/auth/me')).json()['id']}",
            json={"active": False},
        )
        assert r.status_code == 200, r.text
        assert (await anonymous.get(f"{API}/calendar/{theirs['token']}.ics")).status_code == 404

        # Only the hash is kept; the trail has the feed's making and revoking, of no programme.
        async with app.state.sessions() as session:
            stored = await session.scalar(
                select(CalendarFeed).where(CalendarFeed.id == uuid.UUID(created["id"]))
            )
            assert stored is not None and created["token"] not in (stored.token_hash,)
            actions = list(
                await session.execute(
                    select(AuditEvent.action, AuditEvent.programme_id).where(
                        AuditEvent.record_type == "calendar_feed"
                    )
                )
            )
        assert sorted(a for a, _ in actions) == ["create", "create", "revoke"]
        assert all(p is None for _, p in actions)

    async def test_bad_input_and_api_tokens_are_refused(self, client, accounts):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        for body in ({}, {"name": ""}, {"name": "x" * 201}, {"name": "ok", "extra": 1}):
            r = await me.post(f"{API}/me/calendar-feeds", json=body)
            assert r.status_code == 422, (body, r.text)
        assert (await me.get(f"{API}/me/calendar-feeds")).json() == {"items": []}
        token = await create(
            client, "/api-tokens", {"programme_id": programme["id"], "name": "Intranett"}
        )
        integration = accounts.bearer(token["token"])
        for method, path in (
            ("GET", f"{API}/me/calendar-feeds"),
            ("POST", f"{API}/me/calendar-feeds"),
            ("POST", f"{API}/me/calendar-feeds/{uuid.uuid4()}/revoke"),
        ):
            r = await integration.request(method, path, json={"name": "Intranett"})
            assert r.status_code == 403, (path, r.text)
            assert r.json()["errors"][0]["code"] == "user_required"
