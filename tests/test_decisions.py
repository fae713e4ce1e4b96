"""Meetings with attendance and protocols, and decisions that need consultation before they
are final (Hovedavtalen del B § 1-4)."""

from datetime import UTC, datetime, timedelta

from tests.factories import (
    API,
    create,
    make_group,
    make_member,
    make_person,
    make_programme,
    make_project,
)

# The compliance report with every finding in it, not only the counts.
FINDINGS = {"include": "findings"}


async def setting(client):
    programme = await make_programme(client)
    committee = await make_group(client, programme, kind="joint_committee", name="Fellesnemnda")
    rep = await make_person(
        client, programme, affiliation="union_representative", union="Fagforbundet"
    )
    leader = await make_person(client, programme)
    return programme, committee, rep, leader


async def consultation(
    client,
    programme,
    group,
    rep,
    leader,
    *,
    signed_at,
    present=True,
    parties=("administration",),
    kind="consultation_meeting",
    project_id=None,
    matter="Organisering av oppvekst",
):
    body = {
        "programme_id": programme["id"],
        "group_id": group["id"],
        "kind": kind,
        "title": "Drøftingsmøte: organisering av oppvekst",
        "starts_at": "2018-11-20T09:00:00+01:00",
        "ends_at": "2018-11-20T11:00:00+01:00",
        "project_id": project_id,
        "participants": [
            {"person_id": rep["id"], "attendance": "present" if present else "excused"},
            {"person_id": leader["id"], "attendance": "present"},
        ],
    }
    if kind == "consultation_meeting":
        body["protocol"] = {
            "matter": matter,
            "parties_present": list(parties),
            "agreed": True,
            "signed_at": signed_at,
            "views": [{"party": "employees", "view": "Enige i modellen"}],
        }
    return await create(client, "/events", body)


async def decision(client, programme, group, **overrides):
    return await create(
        client,
        "/decisions",
        {
            "programme_id": programme["id"],
            "body_group_id": group["id"],
            "decided_on": "2018-12-14",
            "case_number": "18/00123",
            "title": "Organisering av oppvekst",
            "reorganisation": True,
        }
        | overrides,
    )


async def finalise(client, d, **extra):
    return await client.patch(f"{API}/decisions/{d['id']}", json={"status": "final"} | extra)


class TestFinaliseReorganisationDecision:
    async def test_without_consultation_it_is_refused_and_says_what_is_missing(self, client):
        programme, committee, *_ = await setting(client)
        d = await decision(client, programme, committee)
        r = await finalise(client, d)
        assert r.status_code == 409
        body = r.json()
        assert "no consultation meeting" in body["detail"]
        assert "Hovedavtalen del B § 1-4" in body["detail"]
        assert body["errors"] == [
            {
                "pointer": "/consultation_event_id",
                "detail": "no consultation meeting (drøftingsmøte) on the matter is linked",
                "code": "no_consultation_linked",
            }
        ]
        stored = (await client.get(f"{API}/decisions/{d['id']}")).json()
        assert (stored["status"], stored["version"]) == ("draft", 1)

    async def test_with_a_signed_protocol_and_union_reps_present_it_becomes_final(self, client):
        programme, committee, rep, leader = await setting(client)
        meeting = await consultation(
            client, programme, committee, rep, leader, signed_at="2018-11-20T11:00:00+01:00"
        )
        d = await decision(client, programme, committee, consultation_event_id=meeting["id"])
        r = await finalise(client, d)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "final"
        assert r.json()["finalised_at"] is not None
        assert r.json()["override_reason"] is None

    async def test_an_unsigned_or_late_protocol_is_refused(self, client):
        programme, committee, rep, leader = await setting(client)
        late = await consultation(
            client, programme, committee, rep, leader, signed_at="2018-12-20T11:00:00+01:00"
        )
        d = await decision(client, programme, committee, consultation_event_id=late["id"])
        r = await finalise(client, d)
        assert r.status_code == 409
        assert "after the decision" in r.json()["detail"]
        (late_error,) = r.json()["errors"]
        assert (late_error["code"], late_error["params"]) == (
            "protocol_signed_after_decision",
            {"signed_on": "2018-12-20", "decided_on": "2018-12-14"},
        )
        unsigned = await consultation(client, programme, committee, rep, leader, signed_at=None)
        d2 = await decision(client, programme, committee, consultation_event_id=unsigned["id"])
        body = (await finalise(client, d2)).json()
        assert "no signed protocol" in body["detail"]
        assert [(e["code"], "params" in e) for e in body["errors"]] == [
            ("protocol_unsigned", False)
        ]

    async def test_union_representatives_must_have_taken_part(self, client):
        programme, committee, rep, leader = await setting(client)
        without = await consultation(
            client,
            programme,
            committee,
            rep,
            leader,
            present=False,
            signed_at="2018-11-20T11:00:00+01:00",
        )
        d = await decision(client, programme, committee, consultation_event_id=without["id"])
        r = await finalise(client, d)
        assert "no union representative took part" in r.json()["detail"]
        assert [e["code"] for e in r.json()["errors"]] == ["no_union_representative_present"]
        with_party = await consultation(
            client,
            programme,
            committee,
            rep,
            leader,
            present=False,
            parties=("administration", "employees"),
            signed_at="2018-11-20T11:00:00+01:00",
        )
        d2 = await decision(client, programme, committee, consultation_event_id=with_party["id"])
        assert (await finalise(client, d2)).status_code == 200

    async def test_an_ordinary_meeting_is_not_a_consultation(self, client):
        programme, committee, rep, leader = await setting(client)
        meeting = await consultation(
            client, programme, committee, rep, leader, kind="meeting", signed_at=None
        )
        d = await decision(client, programme, committee, consultation_event_id=meeting["id"])
        body = (await finalise(client, d)).json()
        assert "not a consultation meeting" in body["detail"]
        assert [e["code"] for e in body["errors"]] == [
            "not_a_consultation_meeting",
            "protocol_unsigned",
        ]

    async def test_a_decision_that_does_not_reorganise_needs_no_consultation(self, client):
        programme, committee, *_ = await setting(client)
        d = await decision(client, programme, committee, reorganisation=False)
        assert (await finalise(client, d)).status_code == 200


class TestConsultationOnTheSameMatter:
    """The consultation must concern the decision's matter: its project, or the decision named
    on the protocol."""

    async def test_a_meeting_on_another_project_does_not_make_the_decision_final(self, client):
        programme, committee, rep, leader = await setting(client)
        a1 = await make_project(client, programme, code="A1")
        a5 = await make_project(client, programme, code="A5")
        meeting = await consultation(
            client,
            programme,
            committee,
            rep,
            leader,
            signed_at="2018-11-20T11:00:00+01:00",
            project_id=a1["id"],
            matter="Organisering av Oppvekst og utdanning",
        )
        d = await decision(
            client,
            programme,
            committee,
            project_id=a5["id"],
            title="Ny organisering av Kultur, idrett og fritid",
            consultation_event_id=meeting["id"],
        )
        r = await finalise(client, d)
        assert r.status_code == 409, r.text
        (error,) = r.json()["errors"]
        assert (error["pointer"], error["code"]) == (
            "/consultation_event_id",
            "consultation_on_another_matter",
        )
        report = (
            await client.get(f"{API}/programmes/{programme['id']}/compliance", params=FINDINGS)
        ).json()
        (flagged,) = [
            f
            for p in report["projects"]
            for f in p["findings"]
            if f["rule"] == "reorganisation-consultation"
        ]
        assert flagged["facts"]["missing"] == ["consultation_on_another_matter"]
        # The same meeting is in order for A1's own decision.
        own = await decision(
            client,
            programme,
            committee,
            project_id=a1["id"],
            title="Ny organisering av Oppvekst og utdanning",
            case_number="18/00231",
            consultation_event_id=meeting["id"],
        )
        assert (await finalise(client, own)).status_code == 200

    async def test_a_protocol_that_names_the_decision_is_on_its_matter(self, client):
        programme, committee, rep, leader = await setting(client)
        a5 = await make_project(client, programme, code="A5")
        by_title = await consultation(
            client,
            programme,
            committee,
            rep,
            leader,
            signed_at="2018-11-20T11:00:00+01:00",
            matter="Drøfting av «Felles vaktsentral for hjemmetjenestene»",
        )
        d = await decision(
            client,
            programme,
            committee,
            project_id=a5["id"],
            title="Felles vaktsentral for hjemmetjenestene",
            consultation_event_id=by_title["id"],
        )
        assert (await finalise(client, d)).status_code == 200
        by_case = await consultation(
            client,
            programme,
            committee,
            rep,
            leader,
            signed_at="2018-11-20T11:00:00+01:00",
            matter="Sak 18/00240 om turnus",
        )
        d2 = await decision(
            client,
            programme,
            committee,
            title="Turnusordning",
            case_number="18/00240",
            consultation_event_id=by_case["id"],
        )
        assert (await finalise(client, d2)).status_code == 200
        neither = await decision(
            client,
            programme,
            committee,
            title="Noe helt annet",
            case_number="18/00999",
            consultation_event_id=by_case["id"],
        )
        assert [e["code"] for e in (await finalise(client, neither)).json()["errors"]] == [
            "consultation_on_another_matter"
        ]


class TestOverride:
    async def test_a_programme_admin_may_override_with_a_reason_that_is_kept(
        self, client, accounts
    ):
        programme, committee, *_ = await setting(client)
        d = await decision(client, programme, committee)
        editor = await accounts.role(programme, "editor")
        reason = "Drøftingsmøtet ble holdt muntlig; protokoll ettersendes"
        r = await finalise(editor, d, override_reason=reason)
        assert r.status_code == 403
        admin = await accounts.role(programme, "programme_admin")
        r = await finalise(admin, d, override_reason=reason)
        assert r.status_code == 200, r.text
        assert r.json()["override_reason"] == reason
        assert r.json()["overridden_by_id"] is not None
        events = (
            await client.get(
                f"{API}/audit-events", params={"record_id": d["id"], "action": "update"}
            )
        ).json()["items"]
        assert events[0]["after"]["override_reason"] == reason
        report = (
            await client.get(f"{API}/programmes/{programme['id']}/compliance", params=FINDINGS)
        ).json()
        (flagged,) = report["programme_findings"]
        assert flagged["facts"] == {
            "decision": d["title"],
            "state": "final_by_override",
            "override_reason": reason,
            "missing": ["no_consultation_linked"],
        }


class TestDecisionRecord:
    async def test_a_final_decision_is_not_changed_and_is_archived_not_deleted(self, client):
        programme, committee, *_ = await setting(client)
        d = await decision(client, programme, committee, reorganisation=False, status="final")
        r = await client.patch(f"{API}/decisions/{d['id']}", json={"text": "Endret"})
        assert r.status_code == 409
        assert (await client.delete(f"{API}/decisions/{d['id']}")).status_code == 204
        assert (await client.get(f"{API}/decisions/{d['id']}")).json()["archived_at"]
        assert (await client.get(f"{API}/decisions")).json()["items"] == []


class TestEvents:
    async def test_agenda_participants_and_attendance_round_trip(self, client):
        programme, committee, rep, leader = await setting(client)
        event = await create(
            client,
            "/events",
            {
                "programme_id": programme["id"],
                "group_id": committee["id"],
                "kind": "gathering",
                "title": "Samling 1: Samme visjon, samme mål!",
                "starts_at": "2018-09-06T09:00:00+02:00",
                "ends_at": "2018-09-07T15:00:00+02:00",
                "location": "Kolben",
                "agenda": [
                    {"time": "09:00", "title": "Inspirasjonsforedrag", "room": "Sal 1"},
                    {"time": "10:30", "title": "Oppgave 1", "room": "Grupperom"},
                ],
                "participants": [{"person_id": rep["id"]}, {"person_id": leader["id"]}],
            },
        )
        assert [a["room"] for a in event["agenda"]] == ["Sal 1", "Grupperom"]
        r = await client.patch(
            f"{API}/events/{event['id']}",
            json={
                "participants": [
                    {"person_id": rep["id"], "attendance": "present"},
                    {"person_id": leader["id"], "attendance": "excused"},
                ]
            },
        )
        assert r.status_code == 200, r.text
        assert {p["attendance"] for p in r.json()["participants"]} == {"present", "excused"}

    async def test_attendance_over_time_is_shown_on_the_group(self, client):
        programme, committee, rep, leader = await setting(client)
        await make_member(client, committee, rep)
        await make_member(client, committee, leader, party="administration")
        for status in ["present", "absent", "present"]:
            await create(
                client,
                "/events",
                {
                    "programme_id": programme["id"],
                    "group_id": committee["id"],
                    "title": "Møte",
                    "starts_at": "2018-10-01T09:00:00+02:00",
                    "ends_at": "2018-10-01T10:00:00+02:00",
                    "participants": [{"person_id": rep["id"], "attendance": status}],
                },
            )
        r = await client.get(f"{API}/groups/{committee['id']}/attendance")
        assert r.status_code == 200, r.text
        rows = r.json()
        by_id = {r["person_id"]: r for r in rows}
        assert (by_id[rep["id"]]["present"], by_id[rep["id"]]["absent"]) == (2, 1)
        assert by_id[leader["id"]]["invited"] == 0

    async def test_attendance_is_refused_for_a_meeting_that_has_not_started(self, client):
        programme, committee, rep, leader = await setting(client)
        soon = datetime.now(UTC) + timedelta(days=2)
        body = {
            "programme_id": programme["id"],
            "group_id": committee["id"],
            "title": "Møte neste uke",
            "starts_at": soon.isoformat(),
            "ends_at": (soon + timedelta(hours=2)).isoformat(),
        }
        r = await client.post(
            f"{API}/events",
            json=body
            | {
                "participants": [
                    {"person_id": rep["id"]},
                    {"person_id": leader["id"], "attendance": "absent"},
                ]
            },
        )
        assert r.status_code == 422, r.text
        (error,) = r.json()["errors"]
        assert (error["pointer"], error["code"]) == (
            "/participants/1/attendance",
            "meeting_not_started",
        )
        # Inviting is fine; the attendance waits until the meeting has started.
        event = await create(client, "/events", body | {"participants": [{"person_id": rep["id"]}]})
        url = f"{API}/events/{event['id']}"
        r = await client.patch(
            url,
            json={"participants": [{"person_id": rep["id"], "attendance": "present"}]},
            headers={"If-Match": f'"{event["version"]}"'},
        )
        assert r.status_code == 422, r.text
        assert [(e["pointer"], e["code"]) for e in r.json()["errors"]] == [
            ("/participants/0/attendance", "meeting_not_started")
        ]
        # Moving a held meeting into the future would leave its attendance unfounded.
        held = await create(
            client,
            "/events",
            body
            | {
                "starts_at": "2018-10-01T09:00:00+02:00",
                "ends_at": "2018-10-01T10:00:00+02:00",
                "participants": [{"person_id": rep["id"], "attendance": "present"}],
            },
        )
        r = await client.patch(
            f"{API}/events/{held['id']}",
            json={"starts_at": body["starts_at"], "ends_at": body["ends_at"]},
            headers={"If-Match": f'"{held["version"]}"'},
        )
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "meeting_not_started"
        stored = (await client.get(url)).json()
        assert [p["attendance"] for p in stored["participants"]] == [None]

    async def test_only_consultation_meetings_have_a_protocol(self, client):
        programme, *_ = await setting(client)
        r = await client.post(
            f"{API}/events",
            json={
                "programme_id": programme["id"],
                "title": "Møte",
                "kind": "meeting",
                "starts_at": "2018-10-01T09:00:00+02:00",
                "ends_at": "2018-10-01T10:00:00+02:00",
                "protocol": {"matter": "X"},
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/protocol"

    async def test_ends_before_it_starts_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/events",
            json={
                "programme_id": programme["id"],
                "title": "Møte",
                "starts_at": "2018-10-01T09:00:00+02:00",
                "ends_at": "2018-10-01T08:00:00+02:00",
            },
        )
        assert r.status_code == 422


class TestDecisionsInCompliance:
    async def test_a_reorganisation_decision_without_consultation_is_listed_until_it_has_one(
        self, client
    ):
        programme, committee, rep, leader = await setting(client)
        d = await decision(client, programme, committee)
        report = (
            await client.get(f"{API}/programmes/{programme['id']}/compliance", params=FINDINGS)
        ).json()
        flagged = [
            f for f in report["programme_findings"] if f["rule"] == "reorganisation-consultation"
        ]
        assert [(f["record_type"], f["record_id"]) for f in flagged] == [("decision", d["id"])]
        assert flagged[0]["facts"] == {
            "decision": d["title"],
            "state": "draft",
            "missing": ["no_consultation_linked"],
        }
        late = await consultation(
            client, programme, committee, rep, leader, signed_at="2018-12-20T11:00:00+01:00"
        )
        await client.patch(f"{API}/decisions/{d['id']}", json={"consultation_event_id": late["id"]})
        report = (
            await client.get(f"{API}/programmes/{programme['id']}/compliance", params=FINDINGS)
        ).json()
        (flagged,) = report["programme_findings"]
        assert flagged["facts"] == {
            "decision": d["title"],
            "state": "draft",
            "missing": ["protocol_signed_after_decision"],
            "signed_on": "2018-12-20",
            "decided_on": "2018-12-14",
        }
        meeting = await consultation(
            client, programme, committee, rep, leader, signed_at="2018-11-20T11:00:00+01:00"
        )
        await client.patch(
            f"{API}/decisions/{d['id']}", json={"consultation_event_id": meeting["id"]}
        )
        report = (
            await client.get(f"{API}/programmes/{programme['id']}/compliance", params=FINDINGS)
        ).json()
        assert not [
            f for f in report["programme_findings"] if f["rule"] == "reorganisation-consultation"
        ]
