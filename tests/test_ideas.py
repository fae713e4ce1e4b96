"""Ideas (forbedringsforslag): participation links, the public form and receipts, assessment
with every status change kept, support, and turning an idea into a measure or a task."""

import hashlib
import logging
import uuid

import httpx
from sqlalchemy import event, select

from samskap.ideas.participation import HideParticipants
from samskap.ideas.service import IdeaService, ParticipationLinkService
from samskap.models import AuditEvent, Idea, IdeaStatusChange, IdeaSupport, ParticipationLink
from tests.factories import (
    API,
    assess_idea,
    create,
    make_group,
    make_idea,
    make_member,
    make_participation_link,
    make_person,
    make_programme,
    make_project,
    make_task,
)
from tests.test_lists import _index_leaders

PROBLEM = "application/problem+json"
ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Sporbar/9.9"


def browser(app, address: str = ADDRESS) -> httpx.AsyncClient:
    """An employee's phone without an account, from its own address."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(address, 4711)),
        base_url="http://test",
        headers={"User-Agent": AGENT},
    )


async def rows_as_text(app, *models, about: str | None = None) -> str:
    """Every column of every row of these tables (of the audit trail: about record `about`,
    when given), as one text."""
    async with app.state.sessions() as session:
        found = []
        for model in models:
            stmt = select(model.__table__)
            if model is AuditEvent and about is not None:
                stmt = stmt.where(AuditEvent.record_id == uuid.UUID(about))
            for row in (await session.execute(stmt)).all():
                found.extend(str(v) for v in row)
        return "\n".join(found)


async def submit(app, link: dict, **body) -> httpx.Response:
    async with browser(app) as phone:
        return await phone.post(
            f"{API}/participation/{link['token']}/ideas",
            json={"title": "Felles vaktbytte", "description": "Spar tid.", **body},
        )


async def current(client, idea: dict) -> dict:
    return (await client.get(f"{API}/ideas/{idea['id']}")).json()


async def post_with_etag(client, url: str, body: dict) -> httpx.Response:
    idea_url = url.rsplit("/", 1)[0]
    etag = (await client.get(idea_url)).headers["etag"]
    return await client.post(url, json=body, headers={"If-Match": etag})


class TestParticipationLinks:
    async def test_the_secret_is_answered_once_and_kept_only_as_its_hash(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        assert len(link["token"]) >= 40
        assert link["form_path"] == f"/i/{link['token']}"
        for url in (f"{API}/participation-links/{link['id']}", f"{API}/participation-links"):
            assert link["token"] not in (await client.get(url)).text
        stored = await rows_as_text(app, ParticipationLink, AuditEvent)
        assert link["token"] not in stored
        async with app.state.sessions() as session:
            row = await session.get(ParticipationLink, uuid.UUID(link["id"]))
            assert row.token_hash == hashlib.sha256(link["token"].encode()).hexdigest()

    async def test_a_closed_link_takes_no_more_ideas(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        url = f"{API}/participation-links/{link['id']}"
        r = await post_with_etag(client, f"{url}/close", {})
        assert r.status_code == 200, r.text
        assert r.json()["closed_at"] is not None
        async with browser(app) as phone:
            r = await phone.get(f"{API}/participation/{link['token']}")
            assert r.status_code == 410
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0]["code"] == "link_closed"
        r = await submit(app, link, anonymous=True)
        assert r.status_code == 410
        assert (await client.get(f"{API}/ideas")).json()["items"] == []
        r = await post_with_etag(client, f"{url}/close", {})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "link_closed"

    async def test_closing_needs_if_match(self, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        r = await client.post(f"{API}/participation-links/{link['id']}/close")
        assert r.status_code == 428

    async def test_only_the_office_makes_links(self, client, accounts):
        programme = await make_programme(client)
        for role in ("member", "observer"):
            http = await accounts.role(programme, role)
            r = await http.post(
                f"{API}/participation-links", json={"programme_id": programme["id"]}
            )
            assert r.status_code == 403, role
        editor = await accounts.role(programme, "editor")
        r = await editor.post(f"{API}/participation-links", json={"programme_id": programme["id"]})
        assert r.status_code == 201

    async def test_a_project_of_another_programme_is_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        theirs = await make_project(client, other)
        r = await client.post(
            f"{API}/participation-links",
            json={"programme_id": programme["id"], "project_id": theirs["id"]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0] == {
            "pointer": "/project_id",
            "code": "unknown_reference",
            "detail": "no project with this id in the programme",
        }


class TestPublicForm:
    async def test_the_form_holds_only_what_it_needs(self, app, client):
        programme = await make_programme(client, name="Nye Nordre Follo")
        project = await make_project(client, programme, code="HO", name="Helse og omsorg")
        await make_person(client, programme, name="Kari Hemmelig")
        link = await make_participation_link(client, programme)
        async with browser(app) as phone:
            r = await phone.get(f"{API}/participation/{link['token']}")
        assert r.status_code == 200, r.text
        form = r.json()
        assert set(form) == {"programme_name", "label", "project_id", "projects", "statuses"}
        assert form["programme_name"] == "Nye Nordre Follo"
        assert form["projects"] == [{"id": project["id"], "code": "HO", "name": "Helse og omsorg"}]
        assert [s["status"] for s in form["statuses"]] == [
            "received",
            "assessing",
            "accepted",
            "in_progress",
            "implemented",
            "not_pursued",
        ]
        assert "Kari" not in r.text and programme["id"] not in r.text

    async def test_a_link_for_one_project_offers_that_project_only(self, app, client):
        programme = await make_programme(client)
        ours = await make_project(client, programme)
        other = await make_project(client, programme)
        link = await make_participation_link(client, programme, project_id=ours["id"])
        async with browser(app) as phone:
            form = (await phone.get(f"{API}/participation/{link['token']}")).json()
        assert [p["id"] for p in form["projects"]] == [ours["id"]]
        r = await submit(app, link, anonymous=True, project_id=other["id"])
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_reference"
        r = await submit(app, link, anonymous=True)
        assert r.status_code == 201
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        assert idea["project_id"] == ours["id"]

    async def test_unknown_tokens_answer_404(self, app):
        async with browser(app) as phone:
            for token in ("x" * 43, str(uuid.uuid4()), "kort"):
                r = await phone.get(f"{API}/participation/{token}")
                assert r.status_code == 404, token
                assert r.headers["content-type"].startswith(PROBLEM)
                assert (await phone.get(f"{API}/idea-receipts/{token}")).status_code == 404


class TestSubmittingThroughTheLink:
    async def test_a_named_idea_keeps_the_name_and_answers_a_receipt_once(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        r = await submit(app, link, name="Ola Ansatt", anonymous=False)
        assert r.status_code == 201, r.text
        receipt = r.json()
        assert receipt["status"] == "received"
        assert receipt["receipt_path"] == f"/r/{receipt['receipt_token']}"
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        assert idea["channel"] == "link"
        assert idea["submitter_name"] == "Ola Ansatt"
        assert idea["anonymous"] is False
        assert receipt["receipt_token"] not in await rows_as_text(app, Idea, AuditEvent)
        async with app.state.sessions() as session:
            row = await session.get(Idea, uuid.UUID(idea["id"]))
            expected = hashlib.sha256(receipt["receipt_token"].encode()).hexdigest()
            assert row.receipt_hash == expected

    async def test_name_rules(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        r = await submit(app, link)
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "name_required"
        r = await submit(app, link, anonymous=True, name="Ola")
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "name_with_anonymous"
        r = await submit(app, link, anonymous=True, colour="blå")
        assert r.status_code == 422
        r = await submit(app, link, anonymous=True, description="  \n ")
        assert r.status_code == 422
        assert r.json()["errors"][0] == {
            "pointer": "/description",
            "code": "required",
            "detail": "must not be empty",
        }
        assert (await client.get(f"{API}/ideas")).json()["items"] == []

    async def test_an_anonymous_idea_keeps_no_address_agent_or_name_anywhere(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        r = await submit(app, link, anonymous=True)
        assert r.status_code == 201, r.text
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        assert idea["anonymous"] is True
        assert idea["submitter_name"] is None and idea["submitter_person_id"] is None
        # Follow it up, so that the status history and the trail hold more rows.
        r = await assess_idea(client, idea, status="assessing", comment="Tas opp i forumet")
        assert r.status_code == 200
        stored = await rows_as_text(app, Idea, IdeaStatusChange, IdeaSupport, AuditEvent)
        assert idea["id"] in stored  # the query reads the rows it should
        for trace in (ADDRESS, AGENT, "Sporbar", "4711", link["token"]):
            assert trace not in stored, trace
        async with app.state.sessions() as session:
            created = (
                await session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.record_id == uuid.UUID(idea["id"]),
                        AuditEvent.action == "create",
                    )
                )
            ).one()
        assert created.actor_user_id is None and created.actor_token_id is None
        assert created.session_id is None and created.request_id is None

    async def test_the_access_log_shows_neither_secret_nor_address(self):
        for path in (
            "/api/v1/participation/SECRETlink123/ideas",
            "/api/v1/idea-receipts/SECRETreceipt",
            "/i/SECRETlink123",
            "/r/SECRETreceipt",
        ):
            record = logging.LogRecord(
                "uvicorn.access",
                logging.INFO,
                __file__,
                1,
                '%s - "%s %s HTTP/%s" %d',
                (f"{ADDRESS}:4711", "POST", path, "1.1", 201),
                None,
            )
            HideParticipants().filter(record)
            message = record.getMessage()
            assert "SECRET" not in message and ADDRESS not in message, message
        kept = logging.LogRecord(
            "uvicorn.access",
            logging.INFO,
            __file__,
            1,
            '%s - "%s %s HTTP/%s" %d',
            (f"{ADDRESS}:4711", "GET", "/api/v1/ideas", "1.1", 200),
            None,
        )
        HideParticipants().filter(kept)
        assert ADDRESS in kept.getMessage()

    async def test_submitting_is_rate_limited_per_address(self, app, client):
        from samskap.auth.ratelimit import RequestLimit

        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        app.state.participation_limiter = RequestLimit(2, 60)
        try:
            async with browser(app) as phone:
                form = f"{API}/participation/{link['token']}"
                assert (await phone.get(form)).status_code == 200
                assert (await phone.get(form)).status_code == 200
                r = await phone.post(
                    f"{form}/ideas", json={"title": "T", "description": "D", "anonymous": True}
                )
                assert r.status_code == 429
                assert int(r.headers["retry-after"]) >= 1
                assert (await phone.get(f"{API}/idea-receipts/{'x' * 43}")).status_code == 429
            async with browser(app, "198.51.100.9") as other_phone:
                assert (await other_phone.get(form)).status_code == 200
            # The counter's memory holds no address.
            assert ADDRESS not in str(app.state.participation_limiter.storage.storage)
        finally:
            del app.state.participation_limiter
        assert (await client.get(f"{API}/ideas")).json()["items"] == []


class TestTheLinkOpensNothingElse:
    async def test_link_and_receipt_open_only_their_form_and_receipt(self, app, client, anonymous):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        receipt = (await submit(app, link, anonymous=True)).json()["receipt_token"]
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        other = await make_idea(client, programme)
        for secret in (link["token"], receipt):
            for path in (
                "/ideas",
                f"/ideas/{idea['id']}",
                f"/ideas/{idea['id']}/status-changes",
                "/participation-links",
                f"/participation-links/{link['id']}",
                f"/programmes/{programme['id']}",
                "/projects",
                "/people",
                "/audit-events",
            ):
                r = await anonymous.get(
                    f"{API}{path}", headers={"Authorization": f"Bearer {secret}"}
                )
                assert r.status_code == 401, (path, r.status_code)
                # As a query parameter it is an unknown parameter (400), never a key.
                for name in ("token", "access_token"):
                    r = await anonymous.get(f"{API}{path}", params={name: secret})
                    assert r.status_code in {400, 401}, path
                    assert r.headers["content-type"].startswith(PROBLEM)
            r = await anonymous.post(
                f"{API}/ideas/{idea['id']}/support",
                headers={"Authorization": f"Bearer {secret}"},
            )
            assert r.status_code == 401
        # Each secret opens only its own kind: the link is no receipt, and the other way round.
        assert (await anonymous.get(f"{API}/idea-receipts/{link['token']}")).status_code == 404
        assert (await anonymous.get(f"{API}/participation/{receipt}")).status_code == 404
        for record_id in (idea["id"], other["id"], link["id"], programme["id"]):
            assert (await anonymous.get(f"{API}/idea-receipts/{record_id}")).status_code == 404
            assert (await anonymous.get(f"{API}/participation/{record_id}")).status_code == 404
        # The receipt shows its own idea and nothing of the other.
        shown = (await anonymous.get(f"{API}/idea-receipts/{receipt}")).json()
        assert set(shown) == {"title", "status", "reason", "status_changes"}
        assert other["title"] not in str(shown) and idea["id"] not in str(shown)


class TestReceipt:
    async def test_the_receipt_shows_every_status_change_with_its_comment_and_reason(
        self, app, client
    ):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        receipt = (await submit(app, link, name="Ola", anonymous=False)).json()["receipt_token"]
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        assert (await assess_idea(client, idea, status="assessing", comment="I forumet")).is_success
        r = await assess_idea(
            client, idea, status="not_pursued", comment="Behandlet", reason="Dekkes av ny turnus"
        )
        assert r.status_code == 200, r.text
        async with browser(app) as phone:
            r = await phone.get(f"{API}/idea-receipts/{receipt}")
        assert r.status_code == 200
        shown = r.json()
        assert shown["title"] == idea["title"]
        assert shown["status"] == "not_pursued"
        assert shown["reason"] == "Dekkes av ny turnus"
        assert [(c["status"], c["comment"], c["reason"]) for c in shown["status_changes"]] == [
            ("received", None, None),
            ("assessing", "I forumet", None),
            ("not_pursued", "Behandlet", "Dekkes av ny turnus"),
        ]
        assert all(c["changed_at"] for c in shown["status_changes"])
        assert "Ola" not in r.text

    async def test_an_archived_idea_answers_410(self, app, client):
        programme = await make_programme(client)
        link = await make_participation_link(client, programme)
        receipt = (await submit(app, link, anonymous=True)).json()["receipt_token"]
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        assert (await client.delete(f"{API}/ideas/{idea['id']}")).status_code == 204
        async with browser(app) as phone:
            r = await phone.get(f"{API}/idea-receipts/{receipt}")
        assert r.status_code == 410
        assert r.json()["errors"][0]["code"] == "idea_archived"


class TestCreateIdea:
    async def test_a_member_submits_as_their_person_and_it_starts_received(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme, name="Kari Ansatt")
        member = await accounts.role(programme, "member", person)
        r = await member.post(
            f"{API}/ideas",
            json={"programme_id": programme["id"], "title": "Felles intro", "description": "D"},
        )
        assert r.status_code == 201, r.text
        idea = r.json()
        assert r.headers["location"].endswith(idea["id"])
        assert idea["status"] == "received" and idea["channel"] == "account"
        assert idea["submitter_person_id"] == person["id"]
        assert idea["submitter_name"] == "Kari Ansatt"
        assert idea["support_count"] == 0 and idea["supported"] is False
        changes = (await client.get(f"{API}/ideas/{idea['id']}/status-changes")).json()
        assert [c["status"] for c in changes] == ["received"]

    async def test_an_anonymous_idea_from_an_account_keeps_no_trace_of_it(
        self, app, client, accounts
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme, name="Kari Anonym")
        user = await accounts.user(roles={programme["id"]: ("member", person["id"])})
        member = accounts.bearer(await accounts.token_for(user))
        idea = await make_idea(member, programme, anonymous=True)
        assert idea["submitter_person_id"] is None and idea["submitter_name"] is None
        stored = await rows_as_text(app, Idea, IdeaStatusChange, AuditEvent, about=idea["id"])
        assert idea["id"] in stored
        for trace in (person["id"], "Kari Anonym", str(user.id)):
            assert trace not in stored, trace

    async def test_an_observer_cannot_submit(self, client, accounts):
        programme = await make_programme(client)
        observer = await accounts.role(programme, "observer")
        r = await observer.post(
            f"{API}/ideas",
            json={"programme_id": programme["id"], "title": "T", "description": "D"},
        )
        assert r.status_code == 403

    async def test_references_into_another_programme_are_refused(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        refs = {
            "project_id": (await make_project(client, other))["id"],
            "group_id": (await make_group(client, other))["id"],
            "assessor_person_id": (await make_person(client, other))["id"],
            "assessor_group_id": (await make_group(client, other))["id"],
        }
        for field, value in refs.items():
            r = await client.post(
                f"{API}/ideas",
                json={
                    "programme_id": programme["id"],
                    "title": "T",
                    "description": "D",
                    field: value,
                },
            )
            assert r.status_code == 422, field
            assert r.json()["errors"][0]["pointer"] == f"/{field}"
            assert r.json()["errors"][0]["code"] == "unknown_reference"
        idea = await make_idea(client, programme)
        for field, value in refs.items():
            r = await client.patch(f"{API}/ideas/{idea['id']}", json={field: value})
            assert r.status_code == 422, field
        r = await assess_idea(client, idea, status="assessing", assessor_group_id=refs["group_id"])
        assert r.status_code == 422
        assert (await current(client, idea))["version"] == idea["version"]
        assert (await client.get(f"{API}/ideas", params={"programme_id": other["id"]})).json()[
            "items"
        ] == []

    async def test_an_empty_description_is_refused(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        r = await client.patch(f"{API}/ideas/{idea['id']}", json={"description": " \t "})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "required"
        assert (await current(client, idea))["description"] == idea["description"]

    async def test_one_assessor_only(self, client):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        group = await make_group(client, programme, kind="three_party_forum")
        r = await client.post(
            f"{API}/ideas",
            json={
                "programme_id": programme["id"],
                "title": "T",
                "description": "D",
                "assessor_person_id": person["id"],
                "assessor_group_id": group["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "one_assessor"


class TestAssess:
    async def test_not_pursued_without_a_reason_is_refused_and_nothing_changes(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        for reason in (None, "   "):
            body = {"status": "not_pursued", "comment": "Nei"}
            if reason is not None:
                body["reason"] = reason
            r = await assess_idea(client, idea, **body)
            assert r.status_code == 422, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0] == {
                "pointer": "/reason",
                "code": "reason_required",
                "detail": "say why the idea is not pursued",
            }
        now = await current(client, idea)
        assert now["status"] == "received" and now["version"] == idea["version"]
        changes = (await client.get(f"{API}/ideas/{idea['id']}/status-changes")).json()
        assert len(changes) == 1

    async def test_every_status_change_is_kept_with_time_and_comment(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        for status, comment in (
            ("assessing", "Sendt til forumet"),
            ("accepted", "Vedtatt i forumet"),
            ("in_progress", None),
            ("implemented", "Tatt i bruk"),
        ):
            r = await assess_idea(client, idea, status=status, comment=comment)
            assert r.status_code == 200, r.text
            assert r.json()["status"] == status
            assert r.headers["etag"] == f'"{r.json()["version"]}"'
        changes = (await client.get(f"{API}/ideas/{idea['id']}/status-changes")).json()
        assert [(c["status"], c["comment"]) for c in changes] == [
            ("received", None),
            ("assessing", "Sendt til forumet"),
            ("accepted", "Vedtatt i forumet"),
            ("in_progress", None),
            ("implemented", "Tatt i bruk"),
        ]
        times = [c["changed_at"] for c in changes]
        assert times == sorted(times)

    async def test_reason_only_with_not_pursued_and_received_only_first(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        r = await assess_idea(client, idea, status="accepted", reason="Fordi")
        assert r.json()["errors"][0]["code"] == "reason_not_allowed"
        r = await assess_idea(client, idea, status="received")
        assert r.json()["errors"][0]["code"] == "status_not_allowed"

    async def test_a_step_names_the_meeting_where_it_was_decided(self, app, client):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum", name="Forumet")
        meeting = await create(
            client,
            "/events",
            {
                "programme_id": programme["id"],
                "group_id": forum["id"],
                "title": "Trepartsforum mars",
                "starts_at": "2019-03-12T23:30:00+00:00",
                "ends_at": "2019-03-13T01:00:00+00:00",
            },
        )
        link = await make_participation_link(client, programme)
        receipt = (await submit(app, link, name="Ola")).json()["receipt_token"]
        (idea,) = (await client.get(f"{API}/ideas")).json()["items"]
        r = await assess_idea(
            client, idea, status="accepted", comment="Vedtatt", event_id=meeting["id"]
        )
        assert r.status_code == 200, r.text
        changes = (await client.get(f"{API}/ideas/{idea['id']}/status-changes")).json()
        assert [(c["status"], c["event_id"], c["meeting"]) for c in changes] == [
            ("received", None, None),
            # Its day in Oslo, where 23:30 UTC is already the next day.
            ("accepted", meeting["id"], {"title": "Trepartsforum mars", "held_on": "2019-03-13"}),
        ]
        async with browser(app) as phone:
            shown = (await phone.get(f"{API}/idea-receipts/{receipt}")).json()
        assert [c["meeting"] for c in shown["status_changes"]] == [
            None,
            {"title": "Trepartsforum mars", "held_on": "2019-03-13"},
        ]

    async def test_a_meeting_of_another_programme_is_refused_and_nothing_changes(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        elsewhere = await create(
            client,
            "/events",
            {
                "programme_id": other["id"],
                "title": "Et annet forum",
                "starts_at": "2019-03-12T10:00:00+01:00",
                "ends_at": "2019-03-12T12:00:00+01:00",
            },
        )
        idea = await make_idea(client, programme)
        for event_id in (elsewhere["id"], str(uuid.uuid4())):
            r = await assess_idea(client, idea, status="accepted", event_id=event_id)
            assert r.status_code == 422, r.text
            assert r.json()["errors"][0]["pointer"] == "/event_id"
            assert r.json()["errors"][0]["code"] == "unknown_reference"
        now = await current(client, idea)
        assert now["status"] == "received" and now["version"] == idea["version"]
        changes = (await client.get(f"{API}/ideas/{idea['id']}/status-changes")).json()
        assert len(changes) == 1

    async def test_a_stale_version_is_refused(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        url = f"{API}/ideas/{idea['id']}/assess"
        r = await client.post(url, json={"status": "assessing"})
        assert r.status_code == 428
        assert (await assess_idea(client, idea, status="assessing")).status_code == 200
        r = await client.post(url, json={"status": "accepted"}, headers={"If-Match": '"1"'})
        assert r.status_code == 412

    async def test_the_assessor_group_assesses_and_others_may_not(self, client, accounts):
        programme = await make_programme(client)
        forum = await make_group(client, programme, kind="three_party_forum", name="Trepart")
        inside, outside = await make_person(client, programme), await make_person(client, programme)
        await make_member(client, forum, inside)
        idea = await make_idea(client, programme, assessor_group_id=forum["id"])
        stranger = await accounts.role(programme, "member", outside)
        r = await assess_idea(stranger, idea, status="assessing")
        assert r.status_code == 403
        assessor = await accounts.role(programme, "member", inside)
        r = await assess_idea(assessor, idea, status="accepted", comment="Enstemmig")
        assert r.status_code == 200, r.text
        r = await assessor.patch(f"{API}/ideas/{idea['id']}", json={"assessment": "Godt forslag"})
        assert r.status_code == 200
        r = await stranger.patch(f"{API}/ideas/{idea['id']}", json={"assessment": "Nei"})
        assert r.status_code == 403
        observer = await accounts.role(programme, "observer")
        assert (await assess_idea(observer, idea, status="implemented")).status_code == 403

    async def test_status_is_not_changed_by_patch(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        r = await client.patch(f"{API}/ideas/{idea['id']}", json={"status": "accepted"})
        assert r.status_code == 422
        r = await client.patch(f"{API}/ideas/{idea['id']}", json={"anonymous": True})
        assert r.status_code == 422


class TestSupport:
    async def test_one_support_per_person(self, client, accounts):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        person = await make_person(client, programme)
        member = await accounts.role(programme, "member", person)
        url = f"{API}/ideas/{idea['id']}/support"
        r = await member.post(url)
        assert r.status_code == 201, r.text
        assert r.json() == {"idea_id": idea["id"], "supported": True, "support_count": 1}
        r = await member.post(url)
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "already_supported"
        # The same person through another account is the same person.
        again = await accounts.role(programme, "editor", person)
        assert (await again.post(url)).status_code == 409
        other = await accounts.role(programme, "member", await make_person(client, programme))
        assert (await other.post(url)).status_code == 201
        shown = (await member.get(f"{API}/ideas/{idea['id']}")).json()
        assert shown["support_count"] == 2 and shown["supported"] is True
        listed = (await client.get(f"{API}/ideas")).json()["items"][0]
        assert listed["support_count"] == 2 and listed["supported"] is False
        assert (await member.delete(url)).status_code == 428
        stale = await member.delete(url, headers={"If-Match": '"99"'})
        assert stale.status_code == 412
        etag = {"If-Match": (await member.get(f"{API}/ideas/{idea['id']}")).headers["etag"]}
        assert (await member.delete(url, headers=etag)).status_code == 204
        assert (await member.delete(url, headers=etag)).status_code == 404
        shown = (await member.get(f"{API}/ideas/{idea['id']}")).json()
        assert shown["support_count"] == 1 and shown["supported"] is False

    async def test_observers_and_accounts_without_a_person_cannot_support(self, client, accounts):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        url = f"{API}/ideas/{idea['id']}/support"
        observer = await accounts.role(programme, "observer", await make_person(client, programme))
        assert (await observer.post(url)).status_code == 403
        member = await accounts.role(programme, "member")
        r = await member.post(url)
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "person_required"
        outsider = await accounts.role(await make_programme(client), "editor")
        assert (await outsider.post(url)).status_code == 404
        assert (await current(client, idea))["support_count"] == 0


class TestObservers:
    async def test_observers_see_ideas_and_named_submitters_only(self, app, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme, name="Kari Navngitt")
        member = await accounts.role(programme, "member", person)
        named = await make_idea(member, programme)
        hidden = await make_idea(member, programme, anonymous=True)
        link = await make_participation_link(client, programme)
        assert (await submit(app, link, name="Ola Lenke", anonymous=False)).status_code == 201
        observer = await accounts.role(programme, "observer")
        items = {i["id"]: i for i in (await observer.get(f"{API}/ideas")).json()["items"]}
        assert items[named["id"]]["submitter_name"] == "Kari Navngitt"
        assert items[hidden["id"]]["anonymous"] is True
        assert items[hidden["id"]]["submitter_name"] is None
        assert items[hidden["id"]]["submitter_person_id"] is None
        assert {i["submitter_name"] for i in items.values()} == {
            "Kari Navngitt",
            "Ola Lenke",
            None,
        }
        r = await observer.get(f"{API}/ideas/{hidden['id']}/status-changes")
        assert r.status_code == 200


class TestMeasureAndTask:
    async def _accepted(self, client, programme, **overrides) -> dict:
        idea = await make_idea(client, programme, **overrides)
        r = await assess_idea(client, idea, status="accepted")
        assert r.status_code == 200
        return r.json()

    async def test_an_accepted_idea_becomes_a_measure_linked_not_copied(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        goal = await create(
            client, "/goals", {"programme_id": programme["id"], "kind": "effect", "title": "Mål"}
        )
        idea = await self._accepted(client, programme, project_id=project["id"])
        url = f"{API}/ideas/{idea['id']}/measure"
        r = await post_with_etag(client, url, {})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "goal_required"
        r = await post_with_etag(client, url, {"goal_ids": [goal["id"]], "due_on": "2031-06-30"})
        assert r.status_code == 200, r.text
        linked = r.json()
        measure = (await client.get(f"{API}/measures/{linked['measure_id']}")).json()
        assert measure["title"] == idea["title"]
        assert measure["description"] == idea["description"]
        assert measure["project_id"] == project["id"]
        assert measure["goal_ids"] == [goal["id"]]
        r = await client.patch(f"{API}/measures/{measure['id']}", json={"title": "Nytt navn"})
        assert r.status_code == 200
        assert (await current(client, idea))["title"] == idea["title"]
        r = await post_with_etag(client, url, {"goal_ids": [goal["id"]]})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "already_linked"

    async def test_only_accepted_or_in_progress_ideas(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        idea = await make_idea(client, programme, project_id=project["id"])
        r = await post_with_etag(client, f"{API}/ideas/{idea['id']}/task", {})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "idea_not_accepted"
        assert (await client.get(f"{API}/tasks")).json()["items"] == []

    async def test_an_idea_becomes_a_task_in_its_project_or_the_one_named(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        idea = await self._accepted(client, programme)
        url = f"{API}/ideas/{idea['id']}/task"
        r = await post_with_etag(client, url, {})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "project_required"
        r = await post_with_etag(client, url, {"project_id": project["id"], "priority": "high"})
        assert r.status_code == 200, r.text
        task = (await client.get(f"{API}/tasks/{r.json()['task_id']}")).json()
        assert (task["title"], task["project_id"], task["priority"]) == (
            idea["title"],
            project["id"],
            "high",
        )

    async def test_existing_records_are_linked_only_inside_the_programme(self, client):
        programme, other = await make_programme(client), await make_programme(client)
        ours_project = await make_project(client, programme)
        ours_task = await make_task(client, ours_project)
        their_task = await make_task(client, await make_project(client, other))
        their_goal = await create(
            client, "/goals", {"programme_id": other["id"], "kind": "effect", "title": "Mål"}
        )
        their_measure = await create(
            client,
            "/measures",
            {"programme_id": other["id"], "title": "Deres", "goal_ids": [their_goal["id"]]},
        )
        idea = await self._accepted(client, programme)
        base = f"{API}/ideas/{idea['id']}"
        for url, body, pointer in (
            (f"{base}/task", {"task_id": their_task["id"]}, "/task_id"),
            (f"{base}/measure", {"measure_id": their_measure["id"]}, "/measure_id"),
            (f"{base}/measure", {"goal_ids": [their_goal["id"]]}, "/goal_ids/0"),
            (f"{base}/task", {"project_id": their_task["project_id"]}, "/project_id"),
        ):
            r = await post_with_etag(client, url, body)
            assert r.status_code == 422, (url, body, r.text)
            assert r.json()["errors"][0]["pointer"] == pointer
            assert r.json()["errors"][0]["code"] == "unknown_reference"
        assert (await current(client, idea))["version"] == idea["version"]
        r = await post_with_etag(client, f"{base}/task", {"task_id": ours_task["id"]})
        assert r.status_code == 200
        assert r.json()["task_id"] == ours_task["id"]
        r = await post_with_etag(client, f"{base}/task", {"task_id": ours_task["id"]})
        assert r.status_code == 409


class TestArchive:
    async def test_deleting_archives(self, client):
        programme = await make_programme(client)
        idea = await make_idea(client, programme)
        assert (await client.delete(f"{API}/ideas/{idea['id']}")).status_code == 204
        assert (await client.get(f"{API}/ideas")).json()["items"] == []
        archived = (await client.get(f"{API}/ideas", params={"archived": True})).json()["items"]
        assert [i["id"] for i in archived] == [idea["id"]]
        assert archived[0]["archived_at"] is not None
        r = await client.patch(f"{API}/ideas/{idea['id']}", json={"title": "Nytt"})
        assert r.status_code == 409
        assert r.json()["errors"][0]["code"] == "idea_archived"
        assert (await assess_idea(client, idea, status="assessing")).status_code == 409

    async def test_a_member_cannot_archive(self, client, accounts):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        member = await accounts.role(programme, "member", person)
        idea = await make_idea(member, programme, assessor_person_id=person["id"])
        assert (await member.delete(f"{API}/ideas/{idea['id']}")).status_code == 403


class TestList:
    def test_every_filter_is_backed_by_an_index(self):
        for service in (IdeaService, ParticipationLinkService):
            leaders = _index_leaders(service.model.__table__)
            for f in service.spec.filters:
                assert f.column.key in leaders, (service.__name__, f.name)

    async def test_filters(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        forum = await make_group(client, programme, kind="three_party_forum")
        a = await make_idea(
            client, programme, title="Vaktbytte", project_id=project["id"], external_id="A"
        )
        b = await make_idea(client, programme, title="Intro", assessor_group_id=forum["id"])
        await assess_idea(client, b, status="assessing")

        async def ids(**params) -> list[str]:
            r = await client.get(f"{API}/ideas", params=params)
            assert r.status_code == 200, r.text
            return [i["id"] for i in r.json()["items"]]

        assert await ids(project_id=project["id"]) == [a["id"]]
        assert await ids(status="assessing") == [b["id"]]
        assert await ids(assessor_group_id=forum["id"]) == [b["id"]]
        assert await ids(q="vakt") == [a["id"]]
        assert await ids(external_id="A") == [a["id"]]
        assert await ids(channel="link") == []
        assert set(await ids(channel="account")) == {a["id"], b["id"]}
        r = await client.get(f"{API}/ideas", params={"assesor": "x"})
        assert r.status_code == 400

    async def test_the_list_costs_the_same_for_any_page_size(self, app, client, accounts):
        programme = await make_programme(client)
        for i in range(8):
            person = await make_person(client, programme)
            member = await accounts.role(programme, "member", person)
            idea = await make_idea(member, programme, anonymous=i % 2 == 0)
            await member.post(f"{API}/ideas/{idea['id']}/support")
        counts = set()
        for limit in (1, 4, 50):
            statements: list[str] = []

            def count(_conn, _cursor, statement, *_args, seen=statements):
                seen.append(statement)

            engine = app.state.engine.sync_engine
            event.listen(engine, "before_cursor_execute", count)
            try:
                r = await member.get(f"{API}/ideas", params={"limit": limit})
                assert r.status_code == 200
                assert len(r.json()["items"]) == min(limit, 8)
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts.add(len(statements))
        assert len(counts) == 1, counts


class TestThePersonsExport:
    async def test_holds_their_named_ideas_and_supports_but_not_their_anonymous_ones(
        self, client, accounts
    ):
        programme = await make_programme(client)
        person = await make_person(client, programme)
        member = await accounts.role(programme, "member", person)
        named = await make_idea(member, programme, title="Med navn")
        await make_idea(member, programme, title="Uten navn", anonymous=True)
        supported = await make_idea(client, programme)
        assert (await member.post(f"{API}/ideas/{supported['id']}/support")).status_code == 201
        r = await client.get(f"{API}/people/{person['id']}/export")
        assert r.status_code == 200, r.text
        export = r.json()
        assert [i["id"] for i in export["ideas"]] == [named["id"]]
        assert "Uten navn" not in r.text
        assert [s["idea_id"] for s in export["idea_supports"]] == [supported["id"]]
