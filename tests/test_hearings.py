"""Hearings: invited parties, responses with their handling, the involvement trail, the
summary as JSON and DOCX, and the compliance rules on hearings."""

import io
from datetime import UTC, datetime, timedelta

from docx import Document as DocxDocument

from tests.factories import (
    API,
    make_file,
    make_group,
    make_hearing,
    make_hearing_response,
    make_person,
    make_programme,
    make_project,
    open_hearing,
)
from tests.test_governance import compliance


async def act(client, hearing: dict, action: str):
    url = f"{API}/hearings/{hearing['id']}"
    current = await client.get(url)
    return await client.post(f"{url}/{action}", headers={"If-Match": current.headers["etag"]})


def rules_of(report: dict, rule: str) -> list[dict]:
    found = report["programme_findings"] + [f for p in report["projects"] for f in p["findings"]]
    return [f for f in found if f["rule"] == rule]


class TestHearing:
    async def test_created_as_a_draft_with_its_invited_parties(self, client):
        programme = await make_programme(client)
        forum = await make_group(
            client, programme, kind="consultation_forum", name="Drøftingsforum Nordre Follo"
        )
        hearing = await make_hearing(
            client,
            programme,
            invitees=[
                {"party": "union", "name": "Fagforbundet"},
                {"party": "group", "group_id": forum["id"]},
            ],
        )
        assert hearing["status"] == "draft"
        assert [(i["party"], i["name"]) for i in hearing["invitees"]] == [
            ("union", "Fagforbundet"),
            ("group", "Drøftingsforum Nordre Follo"),
        ]

    async def test_a_party_needs_a_name_group_or_person(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/hearings",
            json={
                "programme_id": programme["id"],
                "title": "Høring",
                "deadline_at": "2018-11-30T12:00:00+01:00",
                "invitees": [{"party": "other"}],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/invitees/0/name"
        assert (await client.get(f"{API}/hearings")).json()["items"] == []

    async def test_a_group_of_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        foreign = await make_group(client, other)
        r = await client.post(
            f"{API}/hearings",
            json={
                "programme_id": programme["id"],
                "title": "Høring",
                "deadline_at": "2018-11-30T12:00:00+01:00",
                "invitees": [{"party": "group", "group_id": foreign["id"]}],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/invitees/0/group_id"

    async def test_opens_and_closes_once(self, client):
        programme = await make_programme(client)
        hearing = await make_hearing(client, programme)
        r = await act(client, hearing, "close")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "hearing_not_open"
        assert (await act(client, hearing, "open")).json()["status"] == "open"
        assert (await act(client, hearing, "open")).status_code == 409
        closed = (await act(client, hearing, "close")).json()
        assert closed["status"] == "closed"
        assert closed["closed_at"] is not None

    async def test_opening_needs_an_invited_party_and_if_match(self, client):
        programme = await make_programme(client)
        hearing = await make_hearing(client, programme, invitees=[])
        r = await act(client, hearing, "open")
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "no_invitees"
        r = await client.post(f"{API}/hearings/{hearing['id']}/open")
        assert r.status_code == 428

    async def test_a_party_that_responded_stays_invited(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        union = hearing["invitees"][0]
        await make_hearing_response(client, hearing, invitee_id=union["id"])
        r = await client.patch(
            f"{API}/hearings/{hearing['id']}",
            json={"invitees": [{"party": "joint_consultative_committee", "name": "PSU"}]},
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "invitee_responded"
        kept = [
            {"party": "union_representatives", "name": "Hovedtillitsvalgte"},
            {"party": "safety_representatives", "name": "Hovedverneombud"},
        ]
        r = await client.patch(f"{API}/hearings/{hearing['id']}", json={"invitees": kept})
        assert r.status_code == 200, r.text
        assert r.json()["invitees"][0]["id"] == union["id"]

    async def test_a_hearing_with_responses_is_not_deleted(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        await make_hearing_response(client, hearing)
        assert (await client.delete(f"{API}/hearings/{hearing['id']}")).status_code == 409


class TestResponses:
    async def test_a_draft_hearing_takes_no_response(self, client):
        programme = await make_programme(client)
        hearing = await make_hearing(client, programme)
        r = await client.post(
            f"{API}/hearing-responses",
            json={
                "hearing_id": hearing["id"],
                "from_name": "Kari",
                "text": "Innspill",
                "received_at": "2018-11-28T10:00:00+01:00",
            },
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "hearing_not_open"

    async def test_late_at_the_deadline_boundary(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        in_time = await make_hearing_response(
            client, hearing, received_at="2018-11-30T12:00:00+01:00"
        )
        late = await make_hearing_response(client, hearing, received_at="2018-11-30T12:00:01+01:00")
        assert (in_time["late"], late["late"]) == (False, True)
        r = await client.patch(
            f"{API}/hearings/{hearing['id']}", json={"deadline_at": "2018-12-01T12:00:00+01:00"}
        )
        assert r.status_code == 200
        again = await client.get(f"{API}/hearing-responses/{late['id']}")
        assert again.json()["late"] is False

    async def test_a_response_in_the_future_is_refused(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        r = await client.post(
            f"{API}/hearing-responses",
            json={
                "hearing_id": hearing["id"],
                "from_name": "Kari",
                "text": "Innspill",
                "received_at": tomorrow,
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "in_future"

    async def test_attachments_of_the_programme_only(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        ours = await make_file(client, programme, "uttalelse.pdf")
        theirs = await make_file(client, other, "annet.pdf")
        response = await make_hearing_response(client, hearing, file_ids=[ours["id"]])
        assert response["file_ids"] == [ours["id"]]
        r = await client.patch(
            f"{API}/hearing-responses/{response['id']}", json={"file_ids": [theirs["id"]]}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/file_ids/0"

    async def test_an_invitee_of_another_hearing_is_refused(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        other = await make_hearing(client, programme)
        r = await client.post(
            f"{API}/hearing-responses",
            json={
                "hearing_id": hearing["id"],
                "invitee_id": other["invitees"][0]["id"],
                "from_name": "Kari",
                "text": "Innspill",
                "received_at": "2018-11-28T10:00:00+01:00",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/invitee_id"

    async def test_filters_by_handling(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        await make_hearing_response(client, hearing, from_name="A", handling="accepted")
        await make_hearing_response(client, hearing, from_name="B")
        params = {"hearing_id": hearing["id"], "handled": "false"}
        page = (await client.get(f"{API}/hearing-responses", params=params)).json()
        assert [r["from_name"] for r in page["items"]] == ["B"]
        params = {"handling": "accepted"}
        page = (await client.get(f"{API}/hearing-responses", params=params)).json()
        assert [r["from_name"] for r in page["items"]] == ["A"]


class TestInvolvementTrail:
    async def test_a_response_is_an_involvement_record_kept_in_step(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        rep = await make_person(client, programme, affiliation="union_representative")
        hearing = await open_hearing(
            client, await make_hearing(client, programme, project_id=project["id"])
        )
        union = hearing["invitees"][0]
        response = await make_hearing_response(
            client,
            hearing,
            invitee_id=union["id"],
            from_person_id=rep["id"],
            received_at="2018-11-28T23:30:00+01:00",
        )
        url = f"{API}/involvements/{response['involvement_id']}"
        involvement = (await client.get(url)).json()
        assert involvement["form"] == "hearing"
        assert involvement["matter"] == hearing["title"]
        assert involvement["stakeholder_kind"] == "union_representatives"
        assert involvement["project_id"] == project["id"]
        assert involvement["occurred_on"] == "2018-11-28"
        assert involvement["participant_ids"] == [rep["id"]]
        assert "Vi støtter modellen." in involvement["statements"]
        assert involvement["outcome"] is None

        r = await client.patch(
            f"{API}/hearing-responses/{response['id']}",
            json={"handling": "partly_accepted", "handling_comment": "Tas inn i modellen."},
        )
        assert r.status_code == 200, r.text
        involvement = (await client.get(url)).json()
        assert involvement["outcome"] == "Delvis tatt til følge: Tas inn i modellen."

        assert (await client.delete(f"{API}/hearing-responses/{response['id']}")).status_code == 204
        involvement = (await client.get(url)).json()
        assert involvement["archived_at"] is not None
        trail = (await client.get(f"{API}/involvements", params={"form": "hearing"})).json()
        assert trail["items"] == []


class TestSummary:
    async def test_responses_per_party_with_their_handling(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        union = hearing["invitees"][0]
        await make_hearing_response(
            client,
            hearing,
            invitee_id=union["id"],
            from_name="Kari Nordmann",
            text="Færre ledernivåer.",
            handling="accepted",
            handling_comment="Tatt inn.",
        )
        await make_hearing_response(
            client,
            hearing,
            on_behalf_of="Utdanningsforbundet",
            from_name="Ola Hansen",
            text="Behold skolene.",
            handling="not_accepted",
        )
        summary = (await client.get(f"{API}/hearings/{hearing['id']}/summary")).json()
        assert [p["party"] for p in summary["parties"]] == [
            "Hovedtillitsvalgte",
            "Utdanningsforbundet",
        ]
        assert summary["parties"][0]["invited"] is True
        assert summary["parties"][1]["invited"] is False
        assert summary["parties"][0]["responses"][0]["handling_comment"] == "Tatt inn."
        assert summary["silent_invitees"] == ["PSU"]
        assert summary["handling_counts"] == {
            "accepted": 1,
            "partly_accepted": 0,
            "not_accepted": 1,
            "unhandled": 0,
        }
        assert summary["total"] == 2

    async def test_the_docx_holds_both_responses(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        await make_hearing_response(
            client, hearing, on_behalf_of="Fagforbundet", text="Første uttalelse."
        )
        await make_hearing_response(
            client, hearing, on_behalf_of="PSU", text="Andre uttalelse.", handling="accepted"
        )
        r = await client.get(f"{API}/hearings/{hearing['id']}/summary.docx")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert "attachment" in r.headers["content-disposition"]
        doc = DocxDocument(io.BytesIO(r.content))
        text = "\n".join(p.text for p in doc.paragraphs)
        cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        for expected in ("Fagforbundet", "PSU"):
            assert expected in text
        for expected in ("Første uttalelse.", "Andre uttalelse.", "Tatt til følge"):
            assert expected in cells

    async def test_observers_read_the_summary_but_not_write(self, client, accounts):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        observer = await accounts.role(programme, "observer")
        assert (await observer.get(f"{API}/hearings/{hearing['id']}/summary")).status_code == 200
        r = await observer.post(
            f"{API}/hearing-responses",
            json={
                "hearing_id": hearing["id"],
                "from_name": "Kari",
                "text": "Innspill",
                "received_at": "2018-11-28T10:00:00+01:00",
            },
        )
        assert r.status_code == 403

    async def test_another_programme_sees_no_summary(self, client, accounts):
        programme, other = await make_programme(client), await make_programme(client)
        hearing = await make_hearing(client, programme)
        outsider = await accounts.role(other, "editor")
        for path in ("summary", "summary.docx"):
            r = await outsider.get(f"{API}/hearings/{hearing['id']}/{path}")
            assert r.status_code == 404


class TestRules:
    async def test_a_closed_hearing_with_a_response_not_handled(self, client):
        programme = await make_programme(client)
        hearing = await open_hearing(client, await make_hearing(client, programme))
        response = await make_hearing_response(client, hearing)
        assert rules_of(await compliance(client, programme), "hearing-response-handled") == []
        await act(client, hearing, "close")
        [found] = rules_of(await compliance(client, programme), "hearing-response-handled")
        assert found["record_id"] == hearing["id"]
        assert found["facts"] == {"hearing": hearing["title"], "count": 1}
        await client.patch(
            f"{API}/hearing-responses/{response['id']}", json={"handling": "accepted"}
        )
        assert rules_of(await compliance(client, programme), "hearing-response-handled") == []

    async def test_a_matter_concerning_employees_invites_both_parties(self, client):
        programme = await make_programme(client)
        await make_hearing(client, programme)
        assert rules_of(await compliance(client, programme), "hearing-parties") == []
        lacking = await make_hearing(
            client,
            programme,
            title="Høring uten PSU",
            invitees=[{"party": "union", "name": "Fagforbundet"}],
        )
        [found] = rules_of(await compliance(client, programme), "hearing-parties")
        assert found["record_id"] == lacking["id"]
        assert found["facts"]["missing"] == ["joint_consultative_committee"]
        psu = await make_group(client, programme, kind="joint_consultative_committee")
        r = await client.patch(
            f"{API}/hearings/{lacking['id']}",
            json={
                "invitees": [
                    {"party": "union", "name": "Fagforbundet"},
                    {"party": "group", "group_id": psu["id"]},
                ]
            },
        )
        assert r.status_code == 200, r.text
        assert rules_of(await compliance(client, programme), "hearing-parties") == []

    async def test_a_matter_not_concerning_employees_is_not_judged(self, client):
        programme = await make_programme(client)
        await make_hearing(client, programme, concerns_employees=False, invitees=[])
        assert rules_of(await compliance(client, programme), "hearing-parties") == []


class TestDemo:
    async def test_nordre_follo_heard_its_organisation_proposal(self, demo_client):
        from tests.test_demo import NF, fetch_all, programmes

        nf = (await programmes(demo_client))[NF]
        # The demo's other hearing, on the adjusted organisation in 2026, is still open.
        [hearing] = [
            h
            for h in await fetch_all(demo_client, "/hearings", programme_id=nf["id"])
            if h["title"].startswith("Høringsbrev: Overordnet organisering")
        ]
        assert hearing["status"] == "closed"
        assert {i["party"] for i in hearing["invitees"]} == {
            "union_representatives",
            "group",
            "joint_consultative_committee",
        }
        responses = await fetch_all(demo_client, "/hearing-responses", hearing_id=hearing["id"])
        assert len(responses) == 3
        assert all(r["handling"] for r in responses)
        summary = (await demo_client.get(f"{API}/hearings/{hearing['id']}/summary")).json()
        assert {p["party"] for p in summary["parties"]} == {
            "Fagforbundet",
            "Utdanningsforbundet",
            "Drøftingsforum Nordre Follo",
        }
        for r in responses:
            involvement = (
                await demo_client.get(f"{API}/involvements/{r['involvement_id']}")
            ).json()
            assert involvement["form"] == "hearing"
