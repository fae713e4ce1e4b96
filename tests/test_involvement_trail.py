"""The records an involvement concerns, and the trail behind a decision: who was involved
before it, how, when, what they said and what came of it, as JSON and as CSV."""

import csv
import io

from tests.factories import (
    API,
    assess_idea,
    create,
    make_decision,
    make_goal,
    make_group,
    make_hearing,
    make_hearing_response,
    make_idea,
    make_involvement,
    make_participation_link,
    make_person,
    make_planned_involvement,
    make_programme,
    make_project,
    make_submission,
    make_template,
    make_version,
    open_hearing,
)
from tests.statements import counting
from tests.test_ideas import browser

LINK_FIELDS = (
    "decision_ids",
    "event_ids",
    "hearing_ids",
    "submission_ids",
    "goal_ids",
    "idea_ids",
)


async def make_meeting(client, programme, group, people, **overrides) -> dict:
    body = {
        "programme_id": programme["id"],
        "group_id": group["id"],
        "kind": "consultation_meeting",
        "title": "Drøftingsmøte: organisering av oppvekst",
        "starts_at": "2018-11-20T09:00:00+01:00",
        "ends_at": "2018-11-20T11:00:00+01:00",
        "participants": people,
        "protocol": {
            "matter": "Organisering av oppvekst",
            "parties_present": ["administration", "employees"],
            "agreed": False,
            "signed_at": "2018-11-21T12:00:00+01:00",
            "views": [
                {"party": "employees", "view": "Ønsker to ledernivåer"},
                {"party": "administration", "view": "Holder fast ved tre nivåer"},
            ],
        },
    }
    return await create(client, "/events", body | overrides)


class TestLinks:
    async def test_the_records_it_concerns_are_kept_read_and_changed(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        group = await make_group(client, programme)
        decision = await make_decision(client, programme, status="draft")
        meeting = await make_meeting(client, programme, group, [])
        hearing = await make_hearing(client, programme)
        template = await make_template(client, programme)
        submission = await make_submission(client, programme, template, project_id=project["id"])
        goal = await make_goal(client, programme)
        idea = await make_idea(client, programme)
        involvement = await make_involvement(
            client,
            programme,
            decision_ids=[decision["id"]],
            event_ids=[meeting["id"]],
            hearing_ids=[hearing["id"]],
            submission_ids=[submission["id"]],
            goal_ids=[goal["id"]],
            idea_ids=[idea["id"]],
        )
        assert involvement["decision_ids"] == [decision["id"]]
        assert involvement["event_ids"] == [meeting["id"]]
        assert involvement["hearing_ids"] == [hearing["id"]]
        assert involvement["submission_ids"] == [submission["id"]]
        assert involvement["goal_ids"] == [goal["id"]]
        assert involvement["idea_ids"] == [idea["id"]]
        other = await make_decision(client, programme, title="Nytt vedtak", status="draft")
        r = await client.patch(
            f"{API}/involvements/{involvement['id']}",
            json={"decision_ids": [other["id"], decision["id"]], "goal_ids": []},
        )
        assert r.status_code == 200, r.text
        # Read back oldest first, whatever the order given.
        assert r.json()["decision_ids"] == [decision["id"], other["id"]]
        assert r.json()["goal_ids"] == []
        assert r.json()["event_ids"] == [meeting["id"]]
        await make_involvement(client, programme)
        for name, value in (
            ("decision_id", other["id"]),
            ("event_id", meeting["id"]),
            ("hearing_id", hearing["id"]),
            ("submission_id", submission["id"]),
        ):
            listed = await client.get(f"{API}/involvements", params={name: value})
            assert [i["id"] for i in listed.json()["items"]] == [involvement["id"]], name
        listed = await client.get(f"{API}/involvements", params={"idea_id": idea["id"]})
        assert [i["id"] for i in listed.json()["items"]] == [involvement["id"]]
        listed = await client.get(f"{API}/involvements", params={"goal_id": goal["id"]})
        assert listed.json()["items"] == []

    async def test_records_of_another_programme_are_refused(self, client):
        programme = await make_programme(client)
        other = await make_programme(client)
        foreign = {
            "decision_ids": (await make_decision(client, other))["id"],
            "hearing_ids": (await make_hearing(client, other))["id"],
            "goal_ids": (await make_goal(client, other))["id"],
            "idea_ids": (await make_idea(client, other))["id"],
        }
        own = await make_decision(client, programme, status="draft")
        for field, value in foreign.items():
            body = {
                "programme_id": programme["id"],
                "matter": "Sak",
                "stakeholder_kind": "employees",
                "form": "information",
                "occurred_on": "2018-09-06",
                "head_count": 3,
                field: [value],
            }
            r = await client.post(f"{API}/involvements", json=body)
            assert r.status_code == 422, r.text
            error = r.json()["errors"][0]
            assert (error["pointer"], error["code"]) == (f"/{field}/0", "unknown_reference")
        r = await client.post(
            f"{API}/involvements",
            json=body | {"idea_ids": [], "decision_ids": [own["id"], own["id"]]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/decision_ids/1"
        assert r.json()["errors"][0]["code"] == "duplicate"
        assert (await client.get(f"{API}/involvements")).json()["items"] == []
        involvement = await make_involvement(client, programme, decision_ids=[own["id"]])
        r = await client.patch(
            f"{API}/involvements/{involvement['id']}",
            json={"decision_ids": [own["id"], foreign["decision_ids"]]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/decision_ids/1"
        stored = (await client.get(f"{API}/involvements/{involvement['id']}")).json()
        assert (stored["decision_ids"], stored["version"]) == ([own["id"]], 1)

    async def test_a_hearing_responses_record_names_its_hearing_and_submission(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        template = await make_template(client, programme)
        submission = await make_submission(client, programme, template, project_id=project["id"])
        version = await make_version(client, submission)
        hearing = await open_hearing(
            client,
            await make_hearing(
                client,
                programme,
                project_id=project["id"],
                submission_version_id=version["id"],
            ),
        )
        response = await make_hearing_response(client, hearing)
        involvement = (
            await client.get(f"{API}/involvements", params={"hearing_id": hearing["id"]})
        ).json()["items"]
        assert [i["id"] for i in involvement] == [response["involvement_id"]]
        assert involvement[0]["hearing_ids"] == [hearing["id"]]
        assert involvement[0]["submission_ids"] == [submission["id"]]
        # Kept in step: handling the response keeps the links.
        r = await client.patch(
            f"{API}/hearing-responses/{response['id']}", json={"handling": "accepted"}
        )
        assert r.status_code == 200, r.text
        stored = (await client.get(f"{API}/involvements/{response['involvement_id']}")).json()
        assert stored["hearing_ids"] == [hearing["id"]]
        assert stored["outcome"] == "Tatt til følge"

    async def test_the_list_costs_the_same_statements_whatever_the_page(self, app, client):
        programme = await make_programme(client)
        decision = await make_decision(client, programme, status="draft")
        goal = await make_goal(client, programme)
        for n in range(8):
            await make_involvement(
                client,
                programme,
                matter=f"Sak {n}",
                decision_ids=[decision["id"]],
                goal_ids=[goal["id"]],
            )
        counts = set()
        for limit in (1, 8):
            async with counting(app) as statements:
                r = await client.get(f"{API}/involvements", params={"limit": limit})
                assert len(r.json()["items"]) == limit
            counts.add(len(statements))
        assert len(counts) == 1


async def scenario(client) -> dict:
    """A reorganisation decision with involvement before it, a consultation meeting and a
    hearing of its project, and records that are not on its trail."""
    programme = await make_programme(client)
    project = await make_project(client, programme)
    forum = await make_group(client, programme, kind="consultation_forum", name="Drøftingsforum")
    rep = await make_person(
        client,
        programme,
        name="Tone Tillitsvalgt",
        affiliation="union_representative",
        union="Fagforbundet",
    )
    leader = await make_person(client, programme, name="Lars Leder")
    absent = await make_person(client, programme, name="Åse Borte")
    meeting = await make_meeting(
        client,
        programme,
        forum,
        [
            {"person_id": rep["id"], "attendance": "present"},
            {"person_id": leader["id"], "attendance": "present"},
            {"person_id": absent["id"], "attendance": "excused"},
        ],
        project_id=project["id"],
    )
    decision = await make_decision(
        client,
        programme,
        project_id=project["id"],
        title="Organisering av oppvekst",
        decided_on="2018-12-14",
        reorganisation=True,
        consultation_event_id=meeting["id"],
        status="draft",
    )
    informed = await make_involvement(
        client,
        programme,
        project_id=project["id"],
        group_id=forum["id"],
        matter="Informasjon om omorganiseringen",
        occurred_on="2018-10-01",
        participant_ids=[rep["id"], leader["id"]],
        head_count=None,
        statements="Spør om bemanning",
        outcome="Tatt inn i forslaget",
        decision_ids=[decision["id"]],
    )
    prepared = await make_involvement(
        client,
        programme,
        matter="Forberedelse til drøftingsmøtet",
        stakeholder_kind="union_representatives",
        form="participation",
        occurred_on="2018-11-15",
        head_count=4,
        event_ids=[meeting["id"]],
    )
    hearing = await open_hearing(
        client, await make_hearing(client, programme, project_id=project["id"])
    )
    response = await make_hearing_response(
        client,
        hearing,
        from_name="Kari Nordmann",
        on_behalf_of="Fagforbundet",
        text="Vi støtter modellen med forbehold.",
        received_at="2018-11-28T10:00:00+01:00",
    )
    await client.patch(
        f"{API}/hearing-responses/{response['id']}",
        json={"handling": "partly_accepted", "handling_comment": "Bemanning utredes"},
    )
    # After the decision, only through the project: not on the trail.
    await make_hearing_response(
        client, hearing, from_name="Sen", received_at="2018-12-20T10:00:00+01:00"
    )
    # Named with the decision but held after it: on the trail, marked as after.
    after = await make_involvement(
        client,
        programme,
        matter="Oppfølging etter vedtaket",
        occurred_on="2019-01-10",
        decision_ids=[decision["id"]],
    )
    await make_involvement(client, programme, project_id=project["id"], matter="Annen sak")
    planned = await make_planned_involvement(
        client, project, planned_on="2018-10-01", decision_id=decision["id"]
    )
    await client.patch(
        f"{API}/planned-involvements/{planned['id']}", json={"involvement_id": informed["id"]}
    )
    missed = await make_planned_involvement(
        client, project, planned_on="2018-11-30", stakeholder_kind="employees", form="information"
    )
    return {
        "programme": programme,
        "project": project,
        "decision": decision,
        "meeting": meeting,
        "informed": informed,
        "prepared": prepared,
        "response": response,
        "after": after,
        "planned": planned,
        "missed": missed,
        "hearing": hearing,
    }


async def trail_of(client, decision: dict) -> dict:
    r = await client.get(f"{API}/decisions/{decision['id']}/trail")
    assert r.status_code == 200, r.text
    return r.json()


class TestTrail:
    async def test_in_time_order_with_the_consultation_and_hearing_responses(self, client):
        s = await scenario(client)
        trail = await trail_of(client, s["decision"])
        assert trail["decision_id"] == s["decision"]["id"]
        assert [(e["kind"], e["record_id"], e["occurred_on"]) for e in trail["entries"]] == [
            ("involvement", s["informed"]["id"], "2018-10-01"),
            ("involvement", s["prepared"]["id"], "2018-11-15"),
            ("consultation_meeting", s["meeting"]["id"], "2018-11-20"),
            ("hearing_response", s["response"]["id"], "2018-11-28"),
            ("involvement", s["after"]["id"], "2019-01-10"),
        ]
        informed, prepared, meeting, response, after = trail["entries"]
        assert informed["via"] == ["decision"]
        assert informed["people"] == ["Lars Leder", "Tone Tillitsvalgt"]
        assert informed["head_count"] == 2
        assert informed["group"] == "Drøftingsforum"
        assert (informed["statements"], informed["outcome"]) == (
            "Spør om bemanning",
            "Tatt inn i forslaget",
        )
        assert prepared["via"] == ["consultation_meeting"]
        assert (prepared["form"], prepared["head_count"]) == ("participation", 4)
        assert meeting["form"] == "consultation"
        assert meeting["parties"] == ["administration", "employees"]
        assert meeting["attendance"] == {"invited": 3, "present": 2, "absent": 1, "unknown": 0}
        assert meeting["people"] == ["Lars Leder", "Tone Tillitsvalgt"]
        assert meeting["agreed"] is False
        assert "Ønsker to ledernivåer" in meeting["statements"]
        assert meeting["outcome"] == "Uenighet"
        assert response["via"] == ["project_hearing"]
        assert response["parties"] == ["Fagforbundet"]
        assert response["people"] == ["Kari Nordmann"]
        assert response["handling"] == "partly_accepted"
        assert response["outcome"] == "Delvis tatt til følge: Bemanning utredes"
        assert response["statements"] == "Vi støtter modellen med forbehold."
        assert [e["before_decision"] for e in trail["entries"]] == [True] * 4 + [False]
        assert after["via"] == ["decision"]
        planned = {p["planned"]["id"]: p for p in trail["planned"]}
        assert planned[s["planned"]["id"]]["happened_before_decision"] is True
        assert planned[s["planned"]["id"]]["happened_on"] == "2018-10-01"
        assert planned[s["missed"]["id"]]["happened_before_decision"] is False

    async def test_a_hearing_named_with_the_decision_brings_its_responses(self, client):
        programme = await make_programme(client)
        decision = await make_decision(client, programme, status="draft", decided_on="2018-12-14")
        hearing = await open_hearing(client, await make_hearing(client, programme))
        response = await make_hearing_response(
            client, hearing, received_at="2018-12-20T10:00:00+01:00"
        )
        linker = await make_involvement(
            client,
            programme,
            matter="Høringen sendt ut",
            occurred_on="2018-11-01",
            decision_ids=[decision["id"]],
            hearing_ids=[hearing["id"]],
        )
        trail = await trail_of(client, decision)
        # The response's own involvement record is not listed twice.
        assert [(e["kind"], e["record_id"]) for e in trail["entries"]] == [
            ("involvement", linker["id"]),
            ("hearing_response", response["id"]),
        ]
        assert trail["entries"][0]["via"] == ["decision", "hearing"]
        assert trail["entries"][1]["via"] == ["hearing"]
        assert trail["entries"][1]["before_decision"] is False

    async def test_the_ideas_its_records_name_are_employees_input(self, app, client, accounts):
        programme = await make_programme(client)
        decision = await make_decision(client, programme, status="draft", decided_on="2099-12-31")
        link = await make_participation_link(client, programme)
        async with browser(app) as phone:
            for body in (
                {"title": "Felles vaktbytte", "name": "Ola Ansatt", "anonymous": False},
                {"title": "Kortere møter", "anonymous": True},
            ):
                r = await phone.post(
                    f"{API}/participation/{link['token']}/ideas",
                    json={"description": "Spar tid.", **body},
                )
                assert r.status_code == 201, r.text
        ideas = {i["title"]: i for i in (await client.get(f"{API}/ideas")).json()["items"]}
        named, anonymous = ideas["Felles vaktbytte"], ideas["Kortere møter"]
        await assess_idea(client, anonymous, status="assessing")
        r = await assess_idea(client, anonymous, status="not_pursued", reason="Dekkes av turnus")
        assert r.status_code == 200, r.text
        # Not named by a record on the trail: not on it.
        await make_idea(client, programme, title="Uten kobling")
        record = await make_involvement(
            client,
            programme,
            matter="Forslagene drøftet i trepartsforumet",
            decision_ids=[decision["id"]],
            idea_ids=[named["id"], anonymous["id"]],
        )
        trail = await trail_of(client, decision)
        shown = {e["record_id"]: e for e in trail["entries"]}
        assert set(shown) == {record["id"], named["id"], anonymous["id"]}
        idea = shown[named["id"]]
        assert (idea["kind"], idea["record_type"], idea["via"]) == ("idea", "idea", ["record"])
        assert (idea["matter"], idea["statements"]) == ("Felles vaktbytte", "Spar tid.")
        assert (idea["people"], idea["stakeholder_kind"]) == (["Ola Ansatt"], "employees")
        assert (idea["idea_status"], idea["outcome"]) == ("received", "Mottatt")
        assert idea["before_decision"] is True
        refused = shown[anonymous["id"]]
        assert refused["people"] == []
        assert refused["idea_status"] == "not_pursued"
        assert refused["outcome"] == "Ikke videreført: Dekkes av turnus"
        observer = await accounts.role(programme, "observer")
        seen = {e["record_id"]: e for e in (await trail_of(observer, decision))["entries"]}
        assert seen[named["id"]]["people"] == []
        r = await client.get(f"{API}/decisions/{decision['id']}/trail.csv")
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert {row["record_id"]: row["kind"] for row in rows}[named["id"]] == "idea"

    async def test_the_csv_holds_the_same_entries(self, client):
        s = await scenario(client)
        trail = await trail_of(client, s["decision"])
        r = await client.get(f"{API}/decisions/{s['decision']['id']}/trail.csv")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert r.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert [(row["kind"], row["record_id"], row["occurred_on"]) for row in rows] == [
            (e["kind"], e["record_id"], e["occurred_on"]) for e in trail["entries"]
        ]
        meeting = rows[2]
        assert (meeting["present"], meeting["absent"]) == ("2", "1")
        assert meeting["people"] == "Lars Leder; Tone Tillitsvalgt"
        assert rows[3]["outcome"] == "Delvis tatt til følge: Bemanning utredes"
        assert rows[3]["handling"] == "partly_accepted"
        assert [row["before_decision"] for row in rows] == ["true"] * 4 + ["false"]

    async def test_observers_see_kinds_and_head_counts_not_names(self, client, accounts):
        s = await scenario(client)
        observer = await accounts.role(s["programme"], "observer")
        trail = await trail_of(observer, s["decision"])
        assert len(trail["entries"]) == 5
        assert all(e["people"] == [] for e in trail["entries"])
        assert [e["head_count"] for e in trail["entries"]] == [2, 4, 2, 1, 40]
        assert trail["entries"][0]["stakeholder_kind"] == "employees"
        r = await observer.get(f"{API}/decisions/{s['decision']['id']}/trail.csv")
        text = r.content.decode("utf-8-sig")
        for name in ("Tone Tillitsvalgt", "Lars Leder", "Kari Nordmann"):
            assert name not in text
        assert all(row["people"] == "" for row in csv.DictReader(io.StringIO(text)))

    async def test_a_decision_of_another_programme_is_not_found(self, client, accounts):
        s = await scenario(client)
        outsider = await accounts.role(await make_programme(client), "programme_admin")
        for path in ("trail", "trail.csv"):
            r = await outsider.get(f"{API}/decisions/{s['decision']['id']}/{path}")
            assert r.status_code == 404
            assert r.headers["content-type"] == "application/problem+json"

    async def test_the_same_statements_however_long_the_trail(self, app, client):
        s = await scenario(client)

        async def count() -> int:
            async with counting(app) as statements:
                await trail_of(client, s["decision"])
            return len(statements)

        short = await count()
        people = [await make_person(client, s["programme"]) for _ in range(3)]
        for n in range(5):
            idea = await make_idea(client, s["programme"], group_id=s["meeting"]["group_id"])
            await make_involvement(
                client,
                s["programme"],
                matter=f"Innspill {n}",
                occurred_on=f"2018-10-{n + 2:02}",
                participant_ids=[p["id"] for p in people],
                head_count=None,
                decision_ids=[s["decision"]["id"]],
                event_ids=[s["meeting"]["id"]],
                idea_ids=[idea["id"]],
            )
            await make_hearing_response(
                client,
                s["hearing"],
                from_name=f"Part {n}",
                received_at=f"2018-11-{n + 1:02}T10:00:00+01:00",
            )
            await make_planned_involvement(client, s["project"], decision_id=s["decision"]["id"])
        longer = await trail_of(client, s["decision"])
        assert len(longer["entries"]) == 20
        assert await count() == short
