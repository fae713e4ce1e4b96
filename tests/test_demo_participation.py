"""The demo's participation: employees' ideas in every status in both merger programmes,
assessed at the three-party forums' meetings, the participation links with their fixed
tokens, the involvement plan with one planned involvement missed, the trails behind the
chosen decisions, and what the demo member has on their own page.

These tests read the shared demo (the `demo` fixture) and change nothing in it.
"""

import uuid
from collections import Counter
from datetime import date, datetime

from sqlalchemy import func, select

from samskap.auth.tokens import digest
from samskap.demo import kristiansand_participation as kr_participation
from samskap.demo import nordre_follo_participation as nf_participation
from samskap.models import IdeaStatusChange, ParticipationLink, SurveyInvitation
from samskap.models.enums import IdeaStatus
from tests.test_demo import KR, NF, fetch_all, programmes

API = "/api/v1"
STATUSES = {str(s) for s in IdeaStatus}


async def by_external_id(client, path: str, programme: dict) -> dict[str, dict]:
    return {
        i["external_id"]: i
        for i in await fetch_all(client, path, programme_id=programme["id"])
        if i.get("external_id")
    }


async def forum_of(client, programme: dict) -> dict:
    (forum,) = [
        g
        for g in await fetch_all(client, "/groups", programme_id=programme["id"])
        if g["kind"] == "three_party_forum"
    ]
    return forum


async def test_both_merger_programmes_have_ideas_in_every_status(demo_client):
    client = demo_client
    found = await programmes(client)
    for key, module in ((NF, nf_participation), (KR, kr_participation)):
        programme = found[key]
        ideas = await fetch_all(client, "/ideas", programme_id=programme["id"])
        assert len(ideas) == len(module.IDEAS), key
        assert {i["status"] for i in ideas} == STATUSES, key
        assert {i["channel"] for i in ideas} == {"account", "link"}, key
        anonymous = [i for i in ideas if i["anonymous"]]
        assert anonymous and all(i["submitter_name"] is None for i in anonymous), key
        assert all(i["submitter_person_id"] is None for i in anonymous), key
        named_by_link = [i for i in ideas if i["channel"] == "link" and not i["anonymous"]]
        assert named_by_link and all(i["submitter_name"] for i in named_by_link), key
        by_account = [i for i in ideas if i["channel"] == "account"]
        assert by_account and all(i["submitter_person_id"] for i in by_account), key
        assert any(i["support_count"] > 1 for i in ideas), key
        # Every idea is assessed by the programme's three-party forum.
        forum = await forum_of(client, programme)
        assert {i["assessor_group_id"] for i in ideas} == {forum["id"]}, key
        for idea in ideas:
            if idea["status"] == "not_pursued":
                assert idea["reason"], idea["title"]
            if idea["status"] in ("accepted", "in_progress"):
                # Carried out by a task (and, in Nordre Follo, a measure), linked.
                assert idea["task_id"], idea["title"]
                if key == NF:
                    assert idea["measure_id"], idea["title"]
        members = await fetch_all(client, f"/groups/{forum['id']}/members")
        assert Counter(m["party"] for m in members) == {
            "politicians": 3,
            "administration": 3,
            "employees": 3,
        }, key


async def test_status_changes_are_dated_and_name_the_forum_meeting_that_decided_them(
    demo, demo_client
):
    client = demo_client
    found = await programmes(client)
    for key, module in ((NF, nf_participation), (KR, kr_participation)):
        programme = found[key]
        meetings = {
            e["external_id"].rsplit(":", 1)[1]: e
            for e in await fetch_all(client, "/events", programme_id=programme["id"])
            if (e["external_id"] or "").split(":")[-1].startswith("trepart-")
        }
        assert set(meetings) == {m[0] for m in module.MEETINGS}, key
        ideas = await by_external_id(client, "/ideas", programme)
        for spec in module.IDEAS:
            idea = ideas[f"{module.PREFIX}:idea:{spec.key}"]
            assert _same_time(idea["received_at"], spec.received_at), spec.key
            r = await client.get(f"{API}/ideas/{idea['id']}/status-changes")
            assert r.status_code == 200, r.text
            changes = r.json()
            changes = changes["items"] if isinstance(changes, dict) else changes
            assert [c["status"] for c in changes] == ["received"] + [s.status for s in spec.steps]
            for change, step in zip(changes[1:], spec.steps, strict=True):
                assert _same_time(change["changed_at"], step.at), spec.key
            assert idea["status"] == ([s.status for s in spec.steps] or ["received"])[-1]
    # In the database: each change decided at a meeting names that meeting.
    async with demo.app.state.sessions() as session:
        named = await session.scalar(
            select(func.count())
            .select_from(IdeaStatusChange)
            .where(IdeaStatusChange.event_id.is_not(None))
        )
    expected = sum(
        1
        for module in (nf_participation, kr_participation)
        for s in module.IDEAS
        for st in s.steps
        if st.meeting
    )
    assert named == expected


def _same_time(shown: str, expected: datetime) -> bool:
    return datetime.fromisoformat(shown.replace("Z", "+00:00")) == expected


async def test_forum_meetings_have_attendance_and_the_ideas_on_their_agenda(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    forum = await forum_of(client, nf)
    events = await by_external_id(client, "/events", nf)
    held = events["demo:nf:event:trepart-2026-11"]
    assert held["group_id"] == forum["id"]
    attendance = Counter(p["attendance"] for p in held["participants"])
    assert attendance == {"present": 8, "excused": 1, "absent": 1}
    assert any("Mentorordning" in item["title"] for item in held["agenda"])
    ahead = events["demo:nf:event:trepart-2027-01"]
    assert ahead["starts_at"].startswith("2027-01-21")
    assert {p["attendance"] for p in ahead["participants"]} == {None}


async def test_the_participation_links_have_their_fixed_tokens_and_keep_only_the_hash(
    demo, demo_client
):
    client = demo_client
    found = await programmes(client)
    async with demo.app.state.sessions() as session:
        links = {link.token_hash: link for link in await session.scalars(select(ParticipationLink))}
    for key, module in ((NF, nf_participation), (KR, kr_participation)):
        link = links[digest(module.LINK_TOKEN)]
        assert str(link.programme_id) == found[key]["id"]
        assert link.created_at.year == (2018 if key == NF else 2017)  # the story's day
        assert module.LINK_TOKEN not in links
        r = await demo.accounts.anonymous().get(f"{API}/participation/{module.LINK_TOKEN}")
        assert r.status_code == 200, r.text
        assert r.json()["programme_name"] == found[key]["name"]
    # The receipt of the 2018 idea shows its whole follow-up, with the meetings.
    r = await demo.accounts.anonymous().get(f"{API}/idea-receipts/{nf_participation.RECEIPT_TOKEN}")
    assert r.status_code == 200, r.text
    receipt = r.json()
    assert receipt["title"] == "Faste møteplasser mellom skole og barnehage"
    assert [c["status"] for c in receipt["status_changes"]] == [
        "received",
        "accepted",
        "in_progress",
        "implemented",
    ]


async def test_the_involvement_plan_has_one_planned_involvement_missed(demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    projects = await by_external_id(client, "/projects", nf)
    oppvekst = projects["demo:nf:project:oppvekst"]
    r = await client.get(f"{API}/projects/{oppvekst['id']}/involvement-plan")
    assert r.status_code == 200, r.text
    plan = r.json()
    statuses = Counter(e["planned"]["status"] for e in plan["entries"])
    assert statuses == {"done": 6, "planned": 2}
    # Overdue is judged today: the parents' meeting of 2018 is, the 2027 consultation is once
    # its day has passed.
    overdue = [e["planned"] for e in plan["entries"] if e["planned"]["overdue"]]
    assert nf_participation.PLAN[5][1] in [p["matter"] for p in overdue]
    assert all(p["planned_on"] < plan["as_of"] for p in overdue)
    late = [e for e in plan["entries"] if e["late_by_days"]]
    assert [e["late_by_days"] for e in late] == [7]
    for entry in plan["entries"]:
        if entry["planned"]["status"] == "done":
            assert entry["involvement"]["project_id"] == oppvekst["id"]


async def test_the_reorganisation_decision_trail_shows_consultation_hearing_and_ideas(
    demo_client,
):
    client = demo_client
    nf = (await programmes(client))[NF]
    decisions = await by_external_id(client, "/decisions", nf)
    decision = decisions["demo:nf:decision:oppvekst"]
    r = await client.get(f"{API}/decisions/{decision['id']}/trail")
    assert r.status_code == 200, r.text
    trail = r.json()
    kinds = Counter(e["kind"] for e in trail["entries"])
    assert kinds["idea"] == 2
    assert kinds["consultation_meeting"] == 1
    assert kinds["hearing_response"] == 3
    assert kinds["involvement"] >= 6
    meeting = next(e for e in trail["entries"] if e["kind"] == "consultation_meeting")
    assert meeting["attendance"]["present"] == 2 and meeting["agreed"] is True
    days = [e["occurred_on"] for e in trail["entries"]]
    assert days == sorted(days)
    assert all(e["before_decision"] for e in trail["entries"])
    # Employees' ideas: the forum's meeting on them names the ideas it treated.
    involvements = await by_external_id(client, "/involvements", nf)
    ideas_record = involvements["demo:nf:involvement:trepart-forslag-2018"]
    assert ideas_record["id"] in {e["record_id"] for e in trail["entries"]}
    assert len(ideas_record["idea_ids"]) == 2
    assert ideas_record["event_ids"]
    # The plan held against it: the parents' meeting did not happen before it.
    missed = [p for p in trail["planned"] if not p["happened_before_decision"]]
    assert [p["planned"]["matter"] for p in missed] == [nf_participation.PLAN[5][1]]
    r = await client.get(f"{API}/decisions/{decision['id']}/trail.csv")
    assert r.status_code == 200
    assert r.text.count("\r\n") == len(trail["entries"]) + 1

    kr = (await programmes(client))[KR]
    decisions = await by_external_id(client, "/decisions", kr)
    decision = decisions["demo:kr:decision:mandater-1"]
    trail = (await client.get(f"{API}/decisions/{decision['id']}/trail")).json()
    forms = {e["form"] for e in trail["entries"]}
    assert {"co_determination", "participation"} <= forms
    kr_involvements = await by_external_id(client, "/involvements", kr)
    assert kr_involvements["demo:kr:involvement:trepart-forslag-2017"]["idea_ids"]


async def test_the_demo_member_has_something_on_their_own_page(demo, demo_client):
    client = demo_client
    nf = (await programmes(client))[NF]
    people = await by_external_id(client, "/people", nf)
    me = people["demo:nf:person:htv-udf"]["id"]
    events = await fetch_all(client, "/events", programme_id=nf["id"])
    ahead = [
        e
        for e in events
        if e["starts_at"] >= "2026-12" and me in {p["person_id"] for p in e["participants"]}
    ]
    assert [e["external_id"] for e in ahead] == ["demo:nf:event:trepart-2027-01"]
    tasks = await fetch_all(client, "/tasks", programme_id=nf["id"], assignee_id=me)
    assert any(t["status"] != "done" and t["due_on"] >= "2026-12-01" for t in tasks)
    deadlines = await fetch_all(client, "/deadlines", programme_id=nf["id"])
    mine = [d for d in deadlines if d["responsible_person_id"] == me and d["status"] == "open"]
    assert mine and all(d["due_at"] >= "2027" for d in mine)
    hearings = await fetch_all(client, "/hearings", programme_id=nf["id"], status="open")
    assert [h["title"] for h in hearings] == [
        "Høring: justert organisering av Oppvekst og utdanning"
    ]
    assert "union_representatives" in {i["party"] for i in hearings[0]["invitees"]}
    ideas = await fetch_all(client, "/ideas", programme_id=nf["id"], submitter_person_id=me)
    assert [i["title"] for i in ideas] == ["Felles kompetansedag for ansatte i skole og barnehage"]
    rounds = await fetch_all(client, "/survey-rounds", programme_id=nf["id"], status="open")
    assert len(rounds) == 1 and rounds[0]["audience"] == "group"
    async with demo.app.state.sessions() as session:
        invitations = list(
            await session.scalars(
                select(SurveyInvitation).where(
                    SurveyInvitation.round_id == uuid.UUID(rounds[0]["id"])
                )
            )
        )
    assert len(invitations) == 9
    assert me in {str(i.person_id) for i in invitations if not i.used}


async def logged_in(demo, email: str) -> dict[str, str]:
    """The headers of a demo account's session."""
    from samskap.demo.accounts import ACCOUNTS

    (account,) = [a for a in ACCOUNTS if a.email == email]
    r = await demo.accounts.anonymous().post(
        f"{API}/auth/token",
        json={"grant_type": "password", "username": account.email, "password": account.password},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def test_the_observer_sees_the_ideas_and_the_trail_without_names(demo):
    """A politician with the observer role: every idea and its status, the submitter only
    when named; the trail by kind and head count."""
    auth = await logged_in(demo, "observator@nordrefollo.example")
    anonymous = demo.accounts.anonymous()
    r = await anonymous.get(f"{API}/ideas", headers=auth, params={"limit": 100})
    assert r.status_code == 200, r.text
    ideas = r.json()["items"]
    assert len(ideas) == len(nf_participation.IDEAS)
    assert {i["status"] for i in ideas} == STATUSES
    names = {i["title"]: i["submitter_name"] for i in ideas}
    assert names["Felles vikarpool for barnehagene"] is None
    assert names["Felles årshjul for foreldremøter"] == "Vibeke Lindtvedt"
    decisions = (
        await anonymous.get(f"{API}/decisions", headers=auth, params={"limit": 100})
    ).json()["items"]
    (decision,) = [d for d in decisions if d["external_id"] == "demo:nf:decision:oppvekst"]
    trail = (await anonymous.get(f"{API}/decisions/{decision['id']}/trail", headers=auth)).json()
    assert trail["entries"] and all(e["people"] == [] for e in trail["entries"])
    assert all(e["head_count"] >= 1 for e in trail["entries"])


async def test_the_demo_members_own_page_shows_it(demo):
    """What medlem@nordrefollo.example sees at GET /me/overview."""
    auth = await logged_in(demo, "medlem@nordrefollo.example")
    anonymous = demo.accounts.anonymous()
    r = await anonymous.get(f"{API}/me/overview", headers=auth)
    assert r.status_code == 200, r.text
    (page,) = r.json()["programmes"]
    assert page["programme_name"] == "Nordre Follo 2020"
    assert "Trepartsforum Nordre Follo" in {g["name"] for g in page["groups"]}
    assert "mentorordning" in " ".join(t["title"] for t in page["tasks"])
    assert any(d["why"] == "responsible" for d in page["deadlines"])
    assert "Høring: justert organisering av Oppvekst og utdanning" in {
        h["title"] for h in page["hearings"]
    }
    assert [i["title"] for i in page["ideas"]] == [
        "Felles kompetansedag for ansatte i skole og barnehage"
    ]
    assert [s["title"] for s in page["survey_rounds"]] == ["Evaluering av trepartssamarbeidet 2026"]
    # Meetings are listed from now on: the forum's next one until it has started.
    if date.fromisoformat(r.json()["today"]) < date(2027, 1, 21):
        assert "Trepartsforum Nordre Follo: møte 21. januar 2027" in {
            m["title"] for m in page["meetings"]
        }
