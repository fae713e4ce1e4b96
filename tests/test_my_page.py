"""The participant's own page (GET /me/overview) and the caller's own survey link."""

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, select

from samskap.auth.tokens import digest
from samskap.models import AuditEvent
from samskap.models.survey import SurveyAnswer, SurveyInvitation
from tests.factories import (
    API,
    create,
    make_deadline,
    make_group,
    make_hearing,
    make_hearing_response,
    make_idea,
    make_member,
    make_person,
    make_programme,
    make_project,
    make_survey_question,
    make_survey_round,
    make_task,
    open_hearing,
)

PROBLEM = "application/problem+json"


def at(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


def day(delta: int) -> str:
    return str(date.today() + timedelta(days=delta))


async def make_event(client, programme, people, delta=timedelta(days=3), **overrides):
    body = {
        "programme_id": programme["id"],
        "title": "Møte i trepartsforum",
        "starts_at": at(delta),
        "ends_at": at(delta + timedelta(hours=2)),
        "location": "Rådhuset, møterom 2",
        "participants": [{"person_id": p["id"]} for p in people],
    }
    return await create(client, "/events", body | overrides)


async def open_round(client, survey: dict) -> dict:
    url = f"{API}/survey-rounds/{survey['id']}"
    current = await client.get(url)
    r = await client.post(f"{url}/open", headers={"If-Match": current.headers["etag"]})
    assert r.status_code == 200, r.text
    return r.json()


class World:
    """One programme with a person «me» who has a login, and another person beside them."""

    async def build(self, client, accounts):
        self.programme = await make_programme(client)
        self.me = await make_person(client, self.programme, name="Mette Medlem")
        self.other = await make_person(client, self.programme, name="Ola Annen")
        self.project = await make_project(client, self.programme, code="ST1", name="Stab")
        self.mine = await make_group(
            client, self.programme, name="Trepartsforum", kind="three_party_forum"
        )
        self.theirs = await make_group(client, self.programme, name="Arbeidsgruppe HR")
        await make_member(client, self.mine, self.me, role="deputy_chair")
        await make_member(client, self.mine, self.other)
        await make_member(client, self.theirs, self.other)
        self.http = await accounts.role(self.programme, "member", self.me)
        return self

    async def page(self, **params) -> dict:
        r = await self.http.get(f"{API}/me/overview", params=params)
        assert r.status_code == 200, r.text
        pages = [p for p in r.json()["programmes"] if p["programme_id"] == self.programme["id"]]
        assert len(pages) == 1
        return pages[0]


async def world(client, accounts) -> World:
    return await World().build(client, accounts)


class TestMyGroupsAndMeetings:
    async def test_groups_with_role_and_only_my_future_meetings(self, client, accounts):
        w = await world(client, accounts)
        await make_member(
            client,
            w.theirs,
            w.me,
            ends_on=day(-10),
            starts_on=day(-100),
        )
        soon = await make_event(client, w.programme, [w.me, w.other], group_id=w.mine["id"])
        later = await make_event(client, w.programme, [w.me], delta=timedelta(days=20))
        await make_event(client, w.programme, [w.other], title="Ikke invitert")
        await make_event(client, w.programme, [w.me], delta=timedelta(days=-3), title="Holdt")
        page = await w.page()
        assert page["person_id"] == w.me["id"] and page["person_name"] == "Mette Medlem"
        assert page["role"] == "member"
        assert [(g["name"], g["role"]) for g in page["groups"]] == [
            ("Trepartsforum", "deputy_chair")
        ]
        assert [m["event_id"] for m in page["meetings"]] == [soon["id"], later["id"]]
        first = page["meetings"][0]
        assert first["group_name"] == "Trepartsforum"
        assert first["location"] == "Rådhuset, møterom 2"
        assert first["reply"] is None and first["replied_at"] is None

    async def test_my_reply_shows_on_my_page(self, client, accounts):
        w = await world(client, accounts)
        meeting = await make_event(client, w.programme, [w.me])
        r = await w.http.post(f"{API}/events/{meeting['id']}/reply", json={"reply": "declined"})
        assert r.status_code == 200, r.text
        shown = (await w.page())["meetings"][0]
        assert shown["reply"] == "declined" and shown["replied_at"] is not None


class TestMyTasksAndDeadlines:
    async def test_open_tasks_assigned_to_me_overdue_first(self, client, accounts):
        w = await world(client, accounts)
        late = await make_task(client, w.project, assignee_id=w.me["id"], due_on=day(-2))
        undated = await make_task(client, w.project, assignee_id=w.me["id"])
        later = await make_task(client, w.project, assignee_id=w.me["id"], due_on=day(5))
        await make_task(client, w.project, assignee_id=w.me["id"], status="done")
        await make_task(client, w.project, assignee_id=w.other["id"], title="Ikke min")
        tasks = (await w.page())["tasks"]
        assert [t["task_id"] for t in tasks] == [late["id"], later["id"], undated["id"]]
        assert [t["overdue"] for t in tasks] == [True, False, False]
        assert tasks[0]["project_code"] == "ST1" and tasks[0]["project_name"] == "Stab"

    async def test_open_deadlines_of_mine_my_groups_and_to_me(self, client, accounts):
        w = await world(client, accounts)
        late = await make_deadline(client, w.programme, w.me, due_at=at(timedelta(days=-1)))
        grouped = await make_deadline(
            client,
            w.programme,
            w.other,
            responsible_person_id=None,
            responsible_group_id=w.mine["id"],
            due_at=at(timedelta(days=2)),
        )
        to_me = await make_deadline(
            client, w.programme, w.other, recipient_id=w.me["id"], due_at=at(timedelta(days=4))
        )
        await make_deadline(client, w.programme, w.other, title="Annens")
        await make_deadline(
            client,
            w.programme,
            w.other,
            responsible_person_id=None,
            responsible_group_id=w.theirs["id"],
            title="Annen gruppe",
        )
        await make_deadline(
            client,
            w.programme,
            w.me,
            status="submitted",
            submitted_at=at(timedelta(days=-3)),
            due_at=at(timedelta(days=-2)),
        )
        deadlines = (await w.page())["deadlines"]
        assert [(d["deadline_id"], d["why"], d["overdue"]) for d in deadlines] == [
            (late["id"], "responsible", True),
            (grouped["id"], "responsible_group", False),
            (to_me["id"], "recipient", False),
        ]


class TestMyHearings:
    async def test_open_hearings_awaiting_me_or_my_group(self, client, accounts):
        w = await world(client, accounts)
        to_me = await make_hearing(
            client,
            w.programme,
            title="Til meg",
            deadline_at=at(timedelta(days=7)),
            invitees=[{"party": "person", "person_id": w.me["id"]}],
        )
        to_group = await make_hearing(
            client,
            w.programme,
            title="Til gruppa",
            deadline_at=at(timedelta(days=-1)),
            invitees=[{"party": "group", "group_id": w.mine["id"]}],
        )
        answered = await make_hearing(
            client,
            w.programme,
            title="Besvart",
            invitees=[{"party": "group", "group_id": w.mine["id"]}],
        )
        closed = await make_hearing(
            client,
            w.programme,
            title="Lukket",
            invitees=[{"party": "person", "person_id": w.me["id"]}],
        )
        draft = await make_hearing(
            client,
            w.programme,
            title="Utkast",
            invitees=[{"party": "person", "person_id": w.me["id"]}],
        )
        elsewhere = await make_hearing(
            client,
            w.programme,
            title="Annen gruppe",
            invitees=[{"party": "group", "group_id": w.theirs["id"]}],
        )
        for hearing in (to_me, to_group, answered, closed, elsewhere):
            await open_hearing(client, hearing)
        await make_hearing_response(
            client, answered, invitee_id=answered["invitees"][0]["id"], from_name="Forumet"
        )
        current = await client.get(f"{API}/hearings/{closed['id']}")
        r = await client.post(
            f"{API}/hearings/{closed['id']}/close", headers={"If-Match": current.headers["etag"]}
        )
        assert r.status_code == 200, r.text
        hearings = (await w.page())["hearings"]
        assert [(h["hearing_id"], h["overdue"]) for h in hearings] == [
            (to_group["id"], True),
            (to_me["id"], False),
        ]
        assert hearings[0]["group_name"] == "Trepartsforum"
        assert hearings[0]["invitee_id"] == to_group["invitees"][0]["id"]
        assert hearings[1]["party"] == "person" and hearings[1]["group_id"] is None
        assert draft["id"] not in {h["hearing_id"] for h in hearings}


class TestMyIdeas:
    async def test_ideas_i_submitted_with_status_and_support(self, client, accounts):
        w = await world(client, accounts)
        mine = await create(
            w.http,
            "/ideas",
            {"programme_id": w.programme["id"], "title": "Mitt forslag", "description": "Bedre"},
        )
        await create(
            w.http,
            "/ideas",
            {
                "programme_id": w.programme["id"],
                "title": "Anonymt",
                "description": "Uten navn",
                "anonymous": True,
            },
        )
        await make_idea(client, w.programme, title="Andres")
        supporter = await accounts.role(w.programme, "member", w.other)
        r = await supporter.post(f"{API}/ideas/{mine['id']}/support", json={})
        assert r.status_code in (200, 201), r.text
        ideas = (await w.page())["ideas"]
        assert [(i["idea_id"], i["status"], i["support_count"]) for i in ideas] == [
            (mine["id"], "received", 1)
        ]


class TestMySurveyRounds:
    async def _round(self, client, w, **overrides):
        survey = await make_survey_round(
            client, w.programme, audience="group", group_id=w.mine["id"], **overrides
        )
        await make_survey_question(client, survey)
        return survey

    async def test_an_open_round_with_my_unused_invitation_and_my_link(self, client, accounts, app):
        w = await world(client, accounts)
        survey = await self._round(client, w, title="Medarbeiderundersøkelse")
        await self._round(client, w, title="Utkast")  # a draft: nobody is invited yet
        opened = await open_round(client, survey)
        first_link = next(i["url"] for i in opened["invitations"] if i["person_id"] == w.me["id"])
        rounds = (await w.page())["survey_rounds"]
        assert [r["round_id"] for r in rounds] == [survey["id"]]

        r = await w.http.post(f"{API}/survey-rounds/{survey['id']}/my-link")
        assert r.status_code == 200, r.text
        link = r.json()["url"]
        assert link.startswith("/s/") and link != first_link
        token = link.removeprefix("/s/")
        async with app.state.sessions() as session:
            invitation = (
                await session.scalars(
                    select(SurveyInvitation).where(
                        SurveyInvitation.round_id == uuid.UUID(survey["id"]),
                        SurveyInvitation.person_id == uuid.UUID(w.me["id"]),
                    )
                )
            ).one()
            assert invitation.token_hash == digest(token)
            trail = (
                await session.scalars(
                    select(AuditEvent).where(AuditEvent.record_id == invitation.id)
                )
            ).all()
        assert [e.action for e in trail] == ["reissue"]
        assert token not in str(trail[0].before) + str(trail[0].after)
        assert invitation.token_hash not in str(trail[0].after)

        anonymous = accounts.anonymous()
        old = await anonymous.get(f"{API}/survey-answers/{first_link.removeprefix('/s/')}")
        assert old.status_code == 404
        question = (await anonymous.get(f"{API}/survey-answers/{token}")).json()["questions"][0]
        r = await anonymous.post(
            f"{API}/survey-answers/{token}",
            json={"answers": [{"question_id": question["id"], "value": 4}]},
        )
        assert r.status_code == 200, r.text
        assert (await w.page())["survey_rounds"] == []
        again = await w.http.post(f"{API}/survey-rounds/{survey['id']}/my-link")
        assert again.status_code == 409
        assert again.json()["errors"][0]["code"] == "already_answered"
        async with app.state.sessions() as session:
            answers = (await session.scalars(select(SurveyAnswer))).all()
        # The answer is kept as any other: a random key, and nothing of the invitation.
        assert len(answers) == 1
        assert answers[0].response_key != invitation.id

    async def test_no_invitation_and_a_closed_round_are_refused(self, client, accounts):
        w = await world(client, accounts)
        survey = await self._round(client, w)
        outsider = await accounts.role(
            w.programme, "member", await make_person(client, w.programme)
        )
        await open_round(client, survey)
        r = await outsider.post(f"{API}/survey-rounds/{survey['id']}/my-link")
        assert r.status_code == 403
        assert r.json()["errors"][0]["code"] == "not_invited"
        current = await client.get(f"{API}/survey-rounds/{survey['id']}")
        closed = await client.post(
            f"{API}/survey-rounds/{survey['id']}/close",
            headers={"If-Match": current.headers["etag"]},
        )
        assert closed.status_code == 200, closed.text
        r = await w.http.post(f"{API}/survey-rounds/{survey['id']}/my-link")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "round_not_open"
        assert (await w.page())["survey_rounds"] == []


class TestWhosePage:
    async def test_a_programme_without_my_person_is_empty_not_someone_elses(self, client, accounts):
        w = await world(client, accounts)
        elsewhere = await make_programme(client, name="Annet program")
        stranger = await make_person(client, elsewhere)
        project = await make_project(client, elsewhere)
        await make_task(client, project, assignee_id=stranger["id"])
        await make_deadline(client, elsewhere, stranger)
        await make_event(client, elsewhere, [stranger])
        await make_task(client, w.project, assignee_id=w.me["id"])
        http = await accounts.client(
            roles={w.programme["id"]: ("member", w.me["id"]), elsewhere["id"]: "observer"}
        )
        body = (await http.get(f"{API}/me/overview")).json()
        assert [p["programme_name"] for p in body["programmes"]] == sorted(
            [w.programme["name"], "Annet program"]
        )
        empty = next(p for p in body["programmes"] if p["programme_id"] == elsewhere["id"])
        assert empty["person_id"] is None and empty["role"] == "observer"
        for section in ("groups", "meetings", "tasks", "deadlines", "hearings", "ideas"):
            assert empty[section] == [], section
        ours = next(p for p in body["programmes"] if p["programme_id"] == w.programme["id"])
        assert len(ours["tasks"]) == 1
        only = await http.get(f"{API}/me/overview", params={"programme_id": elsewhere["id"]})
        assert [p["programme_id"] for p in only.json()["programmes"]] == [elsewhere["id"]]

    async def test_another_programme_answers_404_and_a_token_403(self, client, accounts):
        w = await world(client, accounts)
        elsewhere = await make_programme(client)
        r = await w.http.get(f"{API}/me/overview", params={"programme_id": elsewhere["id"]})
        assert r.status_code == 404
        assert r.headers["content-type"].startswith(PROBLEM)
        token = await create(
            client, "/api-tokens", {"programme_id": w.programme["id"], "name": "X"}
        )
        integration = accounts.bearer(token["token"])
        r = await integration.get(f"{API}/me/overview")
        assert r.status_code == 403
        assert r.json()["errors"][0]["code"] == "person_required"

    async def test_a_system_administrator_without_a_membership_sees_no_programmes(
        self, client, accounts
    ):
        await world(client, accounts)
        r = await client.get(f"{API}/me/overview")
        assert r.status_code == 200
        assert r.json()["programmes"] == []


class TestCost:
    async def test_the_page_costs_the_same_however_much_it_holds(self, client, accounts, app):
        w = await world(client, accounts)

        async def count() -> int:
            statements = []

            def seen(_conn, _cursor, statement, *_args):
                statements.append(statement)

            engine = app.state.engine.sync_engine
            event.listen(engine, "before_cursor_execute", seen)
            try:
                r = await w.http.get(f"{API}/me/overview")
                assert r.status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", seen)
            return len(statements)

        await make_task(client, w.project, assignee_id=w.me["id"])
        small = await count()
        second = await make_programme(client)
        me_there = await make_person(client, second)
        for _ in range(4):
            await make_task(client, w.project, assignee_id=w.me["id"], due_on=day(-1))
            await make_deadline(client, w.programme, w.me)
            await make_event(client, w.programme, [w.me, w.other], group_id=w.mine["id"])
            await make_idea(client, w.programme)
            group = await make_group(client, w.programme)
            await make_member(client, group, w.me)
            await make_deadline(client, second, me_there)
        w.http = await accounts.client(
            roles={
                w.programme["id"]: ("member", w.me["id"]),
                second["id"]: ("member", me_there["id"]),
            }
        )
        assert await count() == small
