"""An invited person's answer to an event's invitation (POST /events/{id}/reply)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from samskap.models import AuditEvent
from tests.factories import API, create, make_person, make_programme

PROBLEM = "application/problem+json"


def at(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


async def make_meeting(client, programme, people, delta=timedelta(days=2)) -> dict:
    return await create(
        client,
        "/events",
        {
            "programme_id": programme["id"],
            "title": "Møte i trepartsforum",
            "starts_at": at(delta),
            "ends_at": at(delta + timedelta(hours=1)),
            "participants": [{"person_id": p["id"]} for p in people],
        },
    )


def row(event: dict, person: dict) -> dict:
    return next(p for p in event["participants"] if p["person_id"] == person["id"])


class TestReply:
    async def test_an_invited_person_answers_and_may_change_their_mind(self, client, accounts, app):
        programme = await make_programme(client)
        me, other = await make_person(client, programme), await make_person(client, programme)
        meeting = await make_meeting(client, programme, [me, other])
        http = await accounts.role(programme, "member", me)
        r = await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "attending"})
        assert r.status_code == 200, r.text
        answered = r.json()
        assert r.headers["etag"] == f'"{answered["version"]}"'
        assert answered["version"] == meeting["version"] + 1
        mine = row(answered, me)
        assert mine["reply"] == "attending" and mine["replied_at"] is not None
        assert mine["attendance"] is None
        assert row(answered, other)["reply"] is None
        r = await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "declined"})
        assert r.status_code == 200
        # The event's page (its API) shows the answer too.
        shown = (await client.get(f"{API}/events/{meeting['id']}")).json()
        assert row(shown, me)["reply"] == "declined"
        async with app.state.sessions() as session:
            trail = (
                await session.scalars(
                    select(AuditEvent)
                    .where(AuditEvent.record_type == "event", AuditEvent.action == "update")
                    .order_by(AuditEvent.occurred_at, AuditEvent.id)
                )
            ).all()
        assert len(trail) == 2
        before = {p["person_id"]: p["reply"] for p in trail[1].before["participants"]}
        after = {p["person_id"]: p["reply"] for p in trail[1].after["participants"]}
        assert before[me["id"]] == "attending" and after[me["id"]] == "declined"

    async def test_only_an_invited_person_answers_for_themself(self, client, accounts):
        programme = await make_programme(client)
        me, other = await make_person(client, programme), await make_person(client, programme)
        meeting = await make_meeting(client, programme, [other])
        url = f"{API}/events/{meeting['id']}/reply"
        for http in (
            await accounts.role(programme, "member", me),
            await accounts.role(programme, "editor"),
            client,  # a system administrator has no person here
        ):
            r = await http.post(url, json={"reply": "attending"})
            assert r.status_code == 403, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0]["code"] == "not_invited"
        shown = (await client.get(f"{API}/events/{meeting['id']}")).json()
        assert shown["version"] == meeting["version"]
        assert row(shown, other)["reply"] is None

    async def test_an_invited_observer_answers_too(self, client, accounts):
        programme = await make_programme(client)
        politician = await make_person(client, programme, affiliation="elected_official")
        meeting = await make_meeting(client, programme, [politician])
        http = await accounts.role(programme, "observer", politician)
        r = await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "attending"})
        assert r.status_code == 200, r.text
        # An observer still changes nothing else of the event.
        r = await http.patch(f"{API}/events/{meeting['id']}", json={"location": "Annet sted"})
        assert r.status_code == 403

    async def test_no_answer_once_the_meeting_has_started(self, client, accounts):
        programme = await make_programme(client)
        me = await make_person(client, programme)
        started = await make_meeting(client, programme, [me], delta=timedelta(minutes=-5))
        http = await accounts.role(programme, "member", me)
        r = await http.post(f"{API}/events/{started['id']}/reply", json={"reply": "declined"})
        assert r.status_code == 409
        error = r.json()["errors"][0]
        assert error["code"] == "meeting_started" and "starts_at" in error["params"]
        shown = (await client.get(f"{API}/events/{started['id']}")).json()
        assert row(shown, me)["reply"] is None and shown["version"] == started["version"]

    async def test_bad_answers_are_refused(self, client, accounts):
        programme = await make_programme(client)
        me = await make_person(client, programme)
        meeting = await make_meeting(client, programme, [me])
        http = await accounts.role(programme, "member", me)
        url = f"{API}/events/{meeting['id']}/reply"
        for body in ({"reply": "maybe"}, {}, {"reply": "attending", "person_id": me["id"]}):
            r = await http.post(url, json=body)
            assert r.status_code == 422, body
            assert r.headers["content-type"].startswith(PROBLEM)

    async def test_another_programmes_event_is_unknown(self, client, accounts):
        ours, theirs = await make_programme(client), await make_programme(client)
        me = await make_person(client, ours)
        stranger = await make_person(client, theirs)
        meeting = await make_meeting(client, theirs, [stranger])
        http = await accounts.role(ours, "member", me)
        r = await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "attending"})
        assert r.status_code == 404

    async def test_the_secretary_keeps_the_answers_when_changing_the_invitations(
        self, client, accounts
    ):
        programme = await make_programme(client)
        me, other = await make_person(client, programme), await make_person(client, programme)
        meeting = await make_meeting(client, programme, [me])
        http = await accounts.role(programme, "member", me)
        r = await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "declined"})
        assert r.status_code == 200
        r = await client.patch(
            f"{API}/events/{meeting['id']}",
            json={"participants": [{"person_id": me["id"]}, {"person_id": other["id"]}]},
        )
        assert r.status_code == 200, r.text
        assert row(r.json(), me)["reply"] == "declined"
        assert row(r.json(), other)["reply"] is None

    async def test_a_stale_etag_after_an_answer_protects_the_secretary(self, client, accounts):
        programme = await make_programme(client)
        me = await make_person(client, programme)
        meeting = await make_meeting(client, programme, [me])
        http = await accounts.role(programme, "member", me)
        await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "attending"})
        r = await client.patch(
            f"{API}/events/{meeting['id']}",
            json={"location": "Rådhuset"},
            headers={"If-Match": f'"{meeting["version"]}"'},
        )
        assert r.status_code == 412


class TestReplyInExport:
    async def test_a_persons_export_holds_their_invitations_and_answers(self, client, accounts):
        programme = await make_programme(client)
        me = await make_person(client, programme)
        meeting = await make_meeting(client, programme, [me])
        http = await accounts.role(programme, "member", me)
        await http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "declined"})
        export = (await client.get(f"{API}/people/{me['id']}/export")).json()
        [invitation] = export["event_invitations"]
        assert invitation["event_id"] == meeting["id"]
        assert invitation["reply"] == "declined" and invitation["replied_at"] is not None
        assert invitation["attendance"] is None
