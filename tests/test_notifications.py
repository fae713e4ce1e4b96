"""The notification centre: outbound events become notifications for the users they concern
(never the one who made the change), read through /me/notifications."""

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy import select

from samskap.db import utcnow
from samskap.governance.scan import scan
from samskap.jobs.outbox import OutboundEvent, emit
from samskap.kit.ids import uuid7
from samskap.mail.notify import NOTIFY
from samskap.models import Job, Notification
from samskap.notifications.consumer import id_before
from tests.factories import (
    API,
    create,
    make_deadline,
    make_decision,
    make_group,
    make_member,
    make_person,
    make_phase,
    make_programme,
    make_project,
    open_hearing,
)
from tests.statements import counting

PROBLEM = "application/problem+json"


@dataclass
class Cast:
    """A programme with people, a group, and a user for each role."""

    programme: dict
    responsible: dict  # a person
    participant: dict
    seated: dict  # sits in `group`
    group: dict
    responsible_user: httpx.AsyncClient
    participant_user: httpx.AsyncClient
    seated_user: httpx.AsyncClient
    admin: httpx.AsyncClient
    editor: httpx.AsyncClient  # also a person: `editor_person`
    editor_person: dict
    observer: httpx.AsyncClient
    ids: dict[str, uuid.UUID]


async def user_id_of(http: httpx.AsyncClient) -> uuid.UUID:
    return uuid.UUID((await http.get(f"{API}/auth/me")).json()["id"])


async def cast(client, accounts) -> Cast:
    programme = await make_programme(client)
    responsible, participant, seated, editor_person = [
        await make_person(client, programme) for _ in range(4)
    ]
    group = await make_group(client, programme)
    await make_member(client, group, seated)
    clients = {
        "responsible_user": await accounts.role(programme, "member", responsible),
        "participant_user": await accounts.role(programme, "member", participant),
        "seated_user": await accounts.role(programme, "observer", seated),
        "admin": await accounts.role(programme, "programme_admin"),
        "editor": await accounts.role(programme, "editor", editor_person),
        "observer": await accounts.role(programme, "observer"),
    }
    ids = {name: await user_id_of(http) for name, http in clients.items()}
    return Cast(
        programme=programme,
        responsible=responsible,
        participant=participant,
        seated=seated,
        group=group,
        editor_person=editor_person,
        ids=ids,
        **clients,
    )


async def notifications(app) -> list[Notification]:
    async with app.state.sessions() as session:
        return list(await session.scalars(select(Notification).order_by(Notification.id)))


async def told(app, event_type: str) -> dict[uuid.UUID, Notification]:
    """The notifications of this type, by user."""
    found: dict[uuid.UUID, Notification] = {}
    for n in await notifications(app):
        if n.type == event_type:
            assert n.user_id not in found, "a user told twice of one thing"
            found[n.user_id] = n
    return found


def who(c: Cast, users) -> set[str]:
    names = {v: k for k, v in c.ids.items()}
    return {names.get(u, "someone else") for u in users}


class TestWhoIsTold:
    async def test_a_meeting_tells_its_participants_but_not_the_one_who_made_it(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        pid = c.programme["id"]
        meeting = await create(
            c.editor,
            "/events",
            {
                "programme_id": pid,
                "title": "Drøftingsmøte",
                "starts_at": "2031-01-01T09:00:00+01:00",
                "ends_at": "2031-01-01T10:00:00+01:00",
                "location": "Rådhuset",
                "participants": [
                    {"person_id": c.participant["id"]},
                    {"person_id": c.editor_person["id"]},
                ],
            },
        )
        await run_jobs()
        created = await told(app, "event.created")
        assert who(c, created) == {"participant_user"}
        n = created[c.ids["participant_user"]]
        assert n.record_type == "event" and str(n.record_id) == meeting["id"]
        assert n.facts["title"] == "Drøftingsmøte"
        assert n.facts["location"] == "Rådhuset"
        assert n.facts["invited"] is True
        assert n.facts["programme_name"] == c.programme["name"]
        assert n.facts["starts_at"].startswith("2031-01-01T08:00:00")

        url = f"{API}/events/{meeting['id']}"
        # A reply changes nothing its participants need telling.
        r = await c.participant_user.post(f"{url}/reply", json={"reply": "attending"})
        assert r.status_code == 200, r.text
        await run_jobs()
        assert await told(app, "event.updated") == {}

        # Moved: every participant but the one who moved it.
        r = await c.editor.patch(url, json={"location": "Kulturhuset"})
        assert r.status_code == 200, r.text
        await run_jobs()
        moved = await told(app, "event.updated")
        assert who(c, moved) == {"participant_user"}
        assert moved[c.ids["participant_user"]].facts["changed"] == ["location"]
        assert moved[c.ids["participant_user"]].facts["invited"] is False

        # Someone added, nothing else changed: only the newcomer, as invited.
        participants = [p["person_id"] for p in (await c.editor.get(url)).json()["participants"]]
        r = await c.editor.patch(
            url,
            json={"participants": [{"person_id": p} for p in [*participants, c.responsible["id"]]]},
        )
        assert r.status_code == 200, r.text
        await run_jobs()
        updated = [n for n in await notifications(app) if n.type == "event.updated"]
        newcomer = [n for n in updated if n.user_id == c.ids["responsible_user"]]
        assert len(updated) == 2 and len(newcomer) == 1
        assert newcomer[0].facts["invited"] is True and newcomer[0].facts["changed"] == []

        # Cancelled: the participants, by the system administrator (a member of nothing).
        r = await client.delete(url)
        assert r.status_code == 204, r.text
        await run_jobs()
        cancelled = await told(app, "event.deleted")
        assert who(c, cancelled) == {"participant_user", "responsible_user", "editor"}
        assert all(n.facts["cancelled"] is True for n in cancelled.values())

    async def test_a_meeting_that_has_ended_tells_no_one(self, app, client, accounts, run_jobs):
        c = await cast(client, accounts)
        held = await create(
            client,
            "/events",
            {
                "programme_id": c.programme["id"],
                "title": "Allmøte",
                "starts_at": "2018-11-20T09:00:00+01:00",
                "ends_at": "2018-11-20T10:00:00+01:00",
                "participants": [{"person_id": c.participant["id"], "attendance": "present"}],
            },
        )
        r = await client.patch(f"{API}/events/{held['id']}", json={"location": "Rådhuset"})
        assert r.status_code == 200, r.text
        await run_jobs()
        assert await notifications(app) == []

    async def test_deadlines_tell_the_responsible_the_group_and_the_recipient(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        deadline = await make_deadline(
            client,
            c.programme,
            c.responsible,
            responsible_person_id=None,
            responsible_group_id=c.group["id"],
            recipient_id=c.participant["id"],
        )
        other = await make_deadline(client, c.programme, c.responsible)
        async with app.state.sessions() as session:
            for d, kind in ((deadline, "due_soon"), (other, "overdue")):
                emit(
                    session,
                    OutboundEvent(
                        type=f"deadline.{kind}",
                        programme_id=uuid.UUID(c.programme["id"]),
                        record_type="deadline",
                        record_id=uuid.UUID(d["id"]),
                        data={"id": d["id"], "title": d["title"], "due_at": d["due_at"]},
                    ),
                )
            await session.commit()
        await run_jobs()
        soon = await told(app, "deadline.due_soon")
        assert who(c, soon) == {"seated_user", "participant_user"}
        n = soon[c.ids["seated_user"]]
        assert n.facts["title"] == deadline["title"]
        assert n.facts["due_at"] is not None and n.facts["kind"] == deadline["kind"]
        overdue = await told(app, "deadline.overdue")
        assert who(c, overdue) == {"responsible_user"}
        page = (await c.responsible_user.get(f"{API}/me/notifications")).json()
        assert page["items"][0]["path"] == f"/p/{c.programme['id']}/deadlines"

    async def test_the_deadline_scan_tells_of_a_deadline_due_soon_and_overdue(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        soon = (utcnow() + timedelta(days=1)).isoformat()
        past = (utcnow() - timedelta(hours=1)).isoformat()
        due_soon = await make_deadline(client, c.programme, c.responsible, due_at=soon)
        overdue = await make_deadline(
            client,
            c.programme,
            c.responsible,
            responsible_person_id=None,
            responsible_group_id=c.group["id"],
            due_at=past,
        )
        await run_jobs(schedule=True)  # the recurring scans, as a worker enqueues them
        soon_told = await told(app, "deadline.due_soon")
        assert who(c, soon_told) == {"responsible_user"}
        assert str(soon_told[c.ids["responsible_user"]].record_id) == due_soon["id"]
        overdue_told = await told(app, "deadline.overdue")
        assert who(c, overdue_told) == {"seated_user"}
        assert str(overdue_told[c.ids["seated_user"]].record_id) == overdue["id"]

    async def test_an_opened_hearing_tells_the_invited_groups_and_persons(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        hearing = await create(
            client,
            "/hearings",
            {
                "programme_id": c.programme["id"],
                "title": "Høring: Organisering",
                "deadline_at": "2031-02-01T12:00:00+01:00",
                "invitees": [
                    {"party": "group", "group_id": c.group["id"]},
                    {"party": "person", "person_id": c.participant["id"]},
                ],
            },
        )
        await run_jobs()
        assert await told(app, "hearing.updated") == {}
        await open_hearing(client, hearing)
        await run_jobs()
        opened = await told(app, "hearing.updated")
        assert who(c, opened) == {"seated_user", "participant_user"}
        n = opened[c.ids["seated_user"]]
        assert n.facts["title"] == "Høring: Organisering" and n.facts["status"] == "open"
        page = (await c.seated_user.get(f"{API}/me/notifications")).json()
        assert page["items"][0]["path"] == f"/p/{c.programme['id']}/hearings/{hearing['id']}"

    async def test_decisions_and_phases_tell_administrators_and_editors_but_not_the_actor(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        decision = await make_decision(c.editor, c.programme, status="draft")
        r = await c.admin.patch(f"{API}/decisions/{decision['id']}", json={"status": "final"})
        assert r.status_code == 200, r.text
        project = await make_project(client, c.programme, code="HV", name="Helse")
        phase = await make_phase(client, project, name="Utredning")
        r = await c.editor.patch(f"{API}/phases/{phase['id']}", json={"status": "completed"})
        assert r.status_code == 200, r.text
        await run_jobs()
        finalised = await told(app, "decision.finalised")
        assert who(c, finalised) == {"editor"}
        assert finalised[c.ids["editor"]].facts["title"] == decision["title"]
        completed = await told(app, "phase.completed")
        assert who(c, completed) == {"admin"}
        n = completed[c.ids["admin"]]
        assert (n.facts["title"], n.facts["project_code"]) == ("Utredning", "HV")
        page = (await c.admin.get(f"{API}/me/notifications")).json()
        paths = {i["type"]: i["path"] for i in page["items"]}
        assert paths["phase.completed"] == f"/p/{c.programme['id']}/projects/{project['id']}"
        editor_page = (await c.editor.get(f"{API}/me/notifications")).json()
        assert editor_page["items"][0]["path"] == (
            f"/p/{c.programme['id']}/decisions/{decision['id']}"
        )

    async def test_compliance_findings_tell_the_administrators(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        deadline = await make_deadline(
            client, c.programme, c.responsible, due_at="2018-01-10T12:00:00+01:00"
        )
        await run_jobs()
        assert (await scan(app.state.sessions))["opened"] >= 1
        await run_jobs()
        opened = [n for n in await notifications(app) if n.type == "compliance.finding_opened"]
        assert who(c, {n.user_id for n in opened}) == {"admin"}
        [overdue] = [n for n in opened if n.facts["rule"] == "overdue-deadline"]
        assert str(overdue.record_id) == deadline["id"] and overdue.record_type == "deadline"
        assert overdue.facts["title"] == "Deadlines are met or waived"
        assert overdue.facts["facts"]["deadline"] == deadline["title"]
        page = (await c.admin.get(f"{API}/me/notifications")).json()
        assert {i["path"] for i in page["items"]} == {f"/p/{c.programme['id']}/compliance"}
        # Cleared findings are announced to webhooks, but tell no one.
        r = await client.patch(f"{API}/deadlines/{deadline['id']}", json={"status": "waived"})
        assert r.status_code == 200, r.text
        assert (await scan(app.state.sessions))["cleared"] >= 1
        await run_jobs()
        assert len(await notifications(app)) == len(opened)

    async def test_a_user_who_chose_it_has_each_notification_mailed(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        r = await c.editor.patch(f"{API}/me/mail-preferences", json={"notifications": True})
        assert r.status_code == 200, r.text
        decision = await make_decision(client, c.programme, status="final")
        async with app.state.sessions() as session:
            # The dispatch's transaction adds the notifications and their mail jobs.
            assert list(await session.scalars(select(Job).where(Job.kind == NOTIFY))) == []
        await run_jobs()
        told_now = await told(app, "decision.finalised")
        assert who(c, told_now) == {"admin", "editor"}
        async with app.state.sessions() as session:
            mails = list(await session.scalars(select(Job).where(Job.kind == NOTIFY)))
        # Only the editor chose it (notifications by mail are off by default).
        assert [m.payload["user_id"] for m in mails] == [str(c.ids["editor"])]
        payload = mails[0].payload
        assert payload["type"] == "decision.finalised"
        assert payload["record_id"] == decision["id"]
        assert payload["path"] == f"/p/{c.programme['id']}/decisions/{decision['id']}"
        assert payload["facts"]["title"] == decision["title"]
        assert mails[0].status == "succeeded"  # no SMTP host here: logged, not sent

    async def test_a_background_import_tells_the_one_who_started_it(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        people = b"external_id;name\nHR-1;Kari\nHR-2;Ola\n"
        params = {"programme_id": c.programme["id"], "resource": "people"}
        # Within the request: the editor sees the answer, and is told nothing.
        r = await c.editor.post(
            f"{API}/imports", params=params, files={"file": ("p.csv", people, "text/csv")}
        )
        assert r.status_code == 201, r.text
        await run_jobs()
        assert await told(app, "import.finished") == {}
        original = app.state.settings
        app.state.settings = original.model_copy(update={"import_background_rows": 1})
        try:
            r = await c.editor.post(
                f"{API}/imports",
                params=params | {"dry_run": "true"},
                files={"file": ("p.csv", people, "text/csv")},
            )
            assert r.status_code == 202, r.text
        finally:
            app.state.settings = original
        from samskap.imports import worker

        assert await worker.step(app)
        await run_jobs()
        finished = await told(app, "import.finished")
        assert who(c, finished) == {"editor"}
        n = finished[c.ids["editor"]]
        assert n.facts["resource"] == "people" and n.facts["dry_run"] is True
        assert n.facts["counts"]["unchanged"] == 2
        page = (await c.editor.get(f"{API}/me/notifications")).json()
        assert page["items"][0]["path"] == f"/p/{c.programme['id']}/import/people"

    async def test_one_who_started_an_import_and_lost_the_role_is_not_told(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        other = await make_programme(client)
        # A member elsewhere too, so that the batch's memberships include theirs.
        r = await client.post(
            f"{API}/programmes/{other['id']}/memberships",
            json={"user_id": str(c.ids["editor"]), "role": "editor"},
        )
        assert r.status_code == 201, r.text
        original = app.state.settings
        app.state.settings = original.model_copy(update={"import_background_rows": 1})
        try:
            r = await c.editor.post(
                f"{API}/imports",
                params={"programme_id": c.programme["id"], "resource": "people"},
                files={"file": ("p.csv", b"external_id;name\nA;Kari\nB;Ola\n", "text/csv")},
            )
            assert r.status_code == 202, r.text
        finally:
            app.state.settings = original
        memberships = (
            await client.get(f"{API}/programmes/{c.programme['id']}/memberships")
        ).json()["items"]
        [mine] = [m for m in memberships if m["user_id"] == str(c.ids["editor"])]
        r = await client.delete(f"{API}/programmes/{c.programme['id']}/memberships/{mine['id']}")
        assert r.status_code == 204, r.text
        from samskap.imports import worker

        assert await worker.step(app)
        await run_jobs()
        assert await told(app, "import.finished") == {}

    async def test_a_role_in_another_programme_of_the_batch_is_no_role_here(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        other = await make_programme(client)
        elsewhere = await accounts.role(other, "programme_admin")
        elsewhere_id = await user_id_of(elsewhere)
        async with app.state.sessions() as session:
            for programme in (c.programme, other):
                emit(
                    session,
                    OutboundEvent(
                        type="import.finished",
                        programme_id=uuid.UUID(programme["id"]),
                        record_type="import_job",
                        record_id=uuid7(),
                        data={"requested_by_user_id": str(elsewhere_id), "resource": "people"},
                    ),
                )
            await session.commit()
        await run_jobs()
        [n] = (await told(app, "import.finished")).values()
        assert (n.user_id, str(n.programme_id)) == (elsewhere_id, other["id"])

    async def test_an_inactive_user_and_one_without_a_role_are_not_told(
        self, app, client, accounts, run_jobs
    ):
        c = await cast(client, accounts)
        r = await client.patch(f"{API}/users/{c.ids['admin']}", json={"active": False})
        assert r.status_code == 200, r.text
        decision = await make_decision(client, c.programme, status="final")
        await run_jobs()
        finalised = await told(app, "decision.finalised")
        assert who(c, finalised) == {"editor"}
        assert str(finalised[c.ids["editor"]].record_id) == decision["id"]


async def add_notifications(app, user_id: uuid.UUID, count: int, programme_id=None) -> list:
    made = []
    async with app.state.sessions() as session:
        for i in range(count):
            await asyncio.sleep(0.002)  # ids grow by the millisecond
            n = Notification(
                id=uuid7(),
                user_id=user_id,
                programme_id=programme_id,
                type="deadline.due_soon",
                record_type="deadline",
                record_id=uuid7(),
                facts={"title": f"Frist {i}"},
                created_at=utcnow() + timedelta(microseconds=i),
            )
            session.add(n)
            made.append(n)
        await session.commit()
    return made


class TestTheApi:
    async def test_list_read_unread_count_and_read_all(self, app, client, accounts):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        other = await accounts.role(programme, "observer")
        mine = await add_notifications(app, await user_id_of(me), 5, uuid.UUID(programme["id"]))
        theirs = await add_notifications(app, await user_id_of(other), 2)
        url = f"{API}/me/notifications"

        assert (await me.get(f"{url}/unread-count")).json() == {"unread": 5}
        first = (await me.get(url, params={"limit": 3})).json()
        assert [i["facts"]["title"] for i in first["items"]] == ["Frist 4", "Frist 3", "Frist 2"]
        item = first["items"][0]
        assert item["path"] == f"/p/{programme['id']}/deadlines"
        assert item["read_at"] is None and item["type"] == "deadline.due_soon"
        rest = (await me.get(url, params={"limit": 3, "cursor": first["next_cursor"]})).json()
        assert [i["facts"]["title"] for i in rest["items"]] == ["Frist 1", "Frist 0"]
        assert rest["next_cursor"] is None

        r = await me.post(f"{url}/{mine[1].id}/read")
        assert r.status_code == 200, r.text
        read_at = r.json()["read_at"]
        assert read_at is not None
        again = await me.post(f"{url}/{mine[1].id}/read")
        assert again.json()["read_at"] == read_at  # a no-op
        assert (await me.get(f"{url}/unread-count")).json() == {"unread": 4}
        unread = (await me.get(url, params={"unread": "true"})).json()["items"]
        assert len(unread) == 4 and str(mine[1].id) not in {i["id"] for i in unread}
        read = (await me.get(url, params={"unread": "false"})).json()["items"]
        assert [i["id"] for i in read] == [str(mine[1].id)]

        # Another user's notification is as unknown as no notification at all.
        for unknown in (theirs[0].id, uuid.uuid4()):
            r = await me.post(f"{url}/{unknown}/read")
            assert r.status_code == 404, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
        assert {i["id"] for i in (await me.get(url)).json()["items"]} == {str(n.id) for n in mine}

        r = await me.post(f"{url}/read-all")
        assert r.json() == {"marked": 4}
        assert (await me.post(f"{url}/read-all")).json() == {"marked": 0}
        assert (await me.get(f"{url}/unread-count")).json() == {"unread": 0}
        assert (await other.get(f"{url}/unread-count")).json() == {"unread": 2}

    async def test_bad_cursor_and_parameters_are_refused(self, client, accounts):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        url = f"{API}/me/notifications"
        assert (await me.get(url, params={"cursor": "bm90LWEtdXVpZA"})).status_code == 400
        assert (await me.get(url, params={"limit": 0})).status_code == 422
        assert (await me.get(url, params={"unread": "maybe"})).status_code == 422
        assert (await me.get(url, params={"unknown": "1"})).status_code == 400

    async def test_an_api_token_is_refused_user_required(self, client, accounts):
        programme = await make_programme(client)
        token = await create(
            client, "/api-tokens", {"programme_id": programme["id"], "name": "Intranett"}
        )
        integration = accounts.bearer(token["token"])
        url = f"{API}/me/notifications"
        for method, path in (
            ("GET", url),
            ("GET", f"{url}/unread-count"),
            ("POST", f"{url}/read-all"),
            ("POST", f"{url}/{uuid.uuid4()}/read"),
        ):
            r = await integration.request(method, path)
            assert r.status_code == 403, (path, r.text)
            assert r.json()["errors"][0]["code"] == "user_required"

    async def test_the_list_costs_the_same_for_any_page_size(self, app, client, accounts):
        programme = await make_programme(client)
        me = await accounts.role(programme, "observer")
        await add_notifications(app, await user_id_of(me), 30, uuid.UUID(programme["id"]))
        counts = []
        for limit in (1, 30):
            async with counting(app) as statements:
                r = await me.get(f"{API}/me/notifications", params={"limit": limit})
                assert r.status_code == 200 and len(r.json()["items"]) == limit
            counts.append(len(statements))
        assert counts[0] == counts[1]


async def test_a_batch_costs_a_constant_number_of_queries(app, client, accounts, run_jobs):
    """Recipients are resolved for the whole batch at once, not per event."""
    c = await cast(client, accounts)

    async def queries_for(n: int) -> int:
        deadlines = [
            await make_deadline(client, c.programme, c.responsible, responsible_group_id=None)
            for _ in range(n)
        ]
        await run_jobs()
        async with app.state.sessions() as session:
            for d in deadlines:
                emit(
                    session,
                    OutboundEvent(
                        type="deadline.overdue",
                        programme_id=uuid.UUID(c.programme["id"]),
                        record_type="deadline",
                        record_id=uuid.UUID(d["id"]),
                        data={"id": d["id"], "title": d["title"]},
                    ),
                )
            await session.commit()
        async with counting(app) as statements:
            assert await run_jobs() == 1
        return len(statements)

    assert await queries_for(1) == await queries_for(8)
    assert len(await told_all(app, "deadline.overdue")) == 9


async def told_all(app, event_type: str) -> list[Notification]:
    return [n for n in await notifications(app) if n.type == event_type]


async def test_old_notifications_are_pruned(app, client, accounts, run_jobs):
    programme = await make_programme(client)
    me = await accounts.role(programme, "observer")
    user_id = await user_id_of(me)
    now = utcnow()
    days = app.state.settings.notification_retention_days
    async with app.state.sessions() as session:
        for age, title in ((days + 1, "gammel"), (days - 1, "nyere")):
            made = now - timedelta(days=age)
            session.add(
                Notification(
                    id=uuid.UUID(int=id_before(made).int | 0xABC),
                    user_id=user_id,
                    type="deadline.overdue",
                    facts={"title": title},
                    created_at=made,
                )
            )
        await session.commit()
    await add_notifications(app, user_id, 1)
    await run_jobs(schedule=True)  # the daily prune is due at once on a new queue
    titles = [
        i["facts"]["title"] for i in (await me.get(f"{API}/me/notifications")).json()["items"]
    ]
    assert titles == ["Frist 0", "nyere"]
