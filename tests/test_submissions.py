import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from samskap.kit.ids import uuid7
from samskap.models import StoredFile
from tests.factories import (
    API,
    make_deadline,
    make_group,
    make_person,
    make_programme,
    make_project,
    make_submission,
    make_template,
    make_version,
)


async def stored_file(app, programme: dict, filename: str = "org-kart.pdf") -> str:
    """A file row as an upload leaves it (its content is not needed here)."""
    async with app.state.sessions() as session:
        file = StoredFile(
            id=uuid7(),
            programme_id=uuid.UUID(programme["id"]),
            filename=filename,
            content_type="application/pdf",
            size=1234,
            sha256="0" * 64,
        )
        session.add(file)
        await session.commit()
        return str(file.id)


async def submit(http, version: dict):
    current = await http.get(f"{API}/submission-versions/{version['id']}")
    return await http.post(
        f"{API}/submission-versions/{version['id']}/submit",
        headers={"If-Match": current.headers["etag"]},
    )


@pytest.fixture
async def world(client):
    programme = await make_programme(client)
    leader = await make_person(client, programme)
    recipient = await make_person(client, programme)
    project = await make_project(client, programme, leader_id=leader["id"])
    template = await make_template(client, programme)
    submission = await make_submission(client, programme, template, project_id=project["id"])
    deadline = await make_deadline(
        client,
        programme,
        leader,
        project_id=project["id"],
        recipient_id=recipient["id"],
        due_at=(datetime.now(UTC) + timedelta(days=2)).isoformat(),
    )
    return {
        "programme": programme,
        "leader": leader,
        "recipient": recipient,
        "project": project,
        "template": template,
        "submission": submission,
        "deadline": deadline,
    }


class TestSubmissions:
    async def test_a_project_or_a_group_exactly(self, client, world):
        programme, template = world["programme"], world["template"]
        group = await make_group(client, programme)
        base = {"programme_id": programme["id"], "title": "Innspill", "template_id": template["id"]}
        for extra in ({}, {"project_id": world["project"]["id"], "group_id": group["id"]}):
            r = await client.post(f"{API}/submissions", json=base | extra)
            assert r.status_code == 422
            assert r.json()["errors"][0]["code"] == "one_owner_required"
        r = await client.post(f"{API}/submissions", json=base | {"group_id": group["id"]})
        assert r.status_code == 201
        assert r.json()["versions"] == []

    async def test_references_stay_in_the_programme(self, client, world):
        other = await make_programme(client)
        foreign = await make_template(client, other)
        r = await client.post(
            f"{API}/submissions",
            json={
                "programme_id": world["programme"]["id"],
                "title": "Innspill",
                "template_id": foreign["id"],
                "project_id": world["project"]["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/template_id"

    async def test_read_summarises_the_versions(self, client, world):
        submission = world["submission"]
        await make_version(client, submission, label="2", position=2)
        await make_version(
            client, submission, label="1", position=1, deadline_id=world["deadline"]["id"]
        )
        r = await client.get(f"{API}/submissions/{submission['id']}")
        versions = r.json()["versions"]
        assert [v["label"] for v in versions] == ["1", "2"]
        assert versions[0]["due_at"] == world["deadline"]["due_at"]
        assert (versions[0]["delivery"], versions[1]["delivery"]) == ("pending", None)
        listed = await client.get(
            f"{API}/submissions", params={"project_id": world["project"]["id"]}
        )
        assert [v["label"] for v in listed.json()["items"][0]["versions"]] == ["1", "2"]


class TestVersions:
    async def test_sections_follow_the_template(self, client, world):
        submission = world["submission"]
        version = await make_version(
            client, submission, label="1", sections={"organisering": "To nivåer."}
        )
        assert version["status"] == "draft"
        assert version["position"] == 1
        assert version["sections"] == {"organisering": "To nivåer."}
        r = await client.post(
            f"{API}/submission-versions",
            json={"submission_id": submission["id"], "label": "2", "sections": {"annet": "x"}},
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["pointer"], error["code"]) == ("/sections/annet", "unknown_section")

    async def test_a_section_over_its_maximum_is_refused_at_the_section(self, client, world):
        submission = world["submission"]
        too_long = "x" * 201
        r = await client.post(
            f"{API}/submission-versions",
            json={
                "submission_id": submission["id"],
                "label": "1",
                "sections": {"organisering": too_long, "ansvar": "y" * 5000},
            },
        )
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert error["pointer"] == "/sections/organisering"
        assert error["code"] == "section_too_long"
        assert error["params"] == {"max_length": "200", "length": "201"}
        listed = await client.get(
            f"{API}/submission-versions", params={"submission_id": submission["id"]}
        )
        assert listed.json()["items"] == []
        version = await make_version(
            client, submission, label="1", sections={"organisering": "x" * 200}
        )
        r = await client.patch(
            f"{API}/submission-versions/{version['id']}",
            json={"sections": {"organisering": too_long}},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "section_too_long"

    async def test_labels_are_unique_in_a_submission(self, client, world):
        await make_version(client, world["submission"], label="1")
        r = await client.post(
            f"{API}/submission-versions",
            json={"submission_id": world["submission"]["id"], "label": "1"},
        )
        assert r.status_code == 409
        assert r.json()["errors"][0]["pointer"] == "/label"

    async def test_the_deadline_must_be_of_the_same_programme(self, client, world):
        other = await make_programme(client)
        someone = await make_person(client, other)
        foreign = await make_deadline(client, other, someone)
        r = await client.post(
            f"{API}/submission-versions",
            json={
                "submission_id": world["submission"]["id"],
                "label": "1",
                "deadline_id": foreign["id"],
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/deadline_id"

    async def test_files_of_the_programme_are_attached_and_others_refused(self, app, client, world):
        programme = world["programme"]
        ours = await stored_file(app, programme)
        theirs = await stored_file(app, await make_programme(client))
        version = await make_version(client, world["submission"], label="1")
        r = await client.patch(
            f"{API}/submission-versions/{version['id']}", json={"files": [{"file_id": theirs}]}
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/files/0/file_id"
        r = await client.patch(
            f"{API}/submission-versions/{version['id']}", json={"files": [{"file_id": ours}]}
        )
        assert r.status_code == 200, r.text
        files = r.json()["files"]
        assert [(f["file_id"], f["filename"], f["attachment_key"]) for f in files] == [
            (ours, "org-kart.pdf", None)
        ]
        r = await client.patch(
            f"{API}/submission-versions/{version['id']}",
            json={"files": [{"file_id": ours, "attachment_key": "ukjent"}]},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "unknown_attachment"
        r = await client.patch(f"{API}/submission-versions/{version['id']}", json={"files": []})
        assert r.json()["files"] == []

    async def test_filters(self, client, world):
        submission, deadline = world["submission"], world["deadline"]
        first = await make_version(client, submission, label="1", deadline_id=deadline["id"])
        await make_version(client, submission, label="2")
        assert (await submit(client, first)).status_code == 200
        for params, labels in (
            ({"deadline_id": deadline["id"]}, ["1"]),
            ({"status": "submitted"}, ["1"]),
            ({"status": "draft"}, ["2"]),
            ({"programme_id": world["programme"]["id"]}, ["1", "2"]),
            ({"submission_id": submission["id"], "sort": "-position"}, ["2", "1"]),
        ):
            r = await client.get(f"{API}/submission-versions", params=params)
            assert [v["label"] for v in r.json()["items"]] == labels, params


class TestSubmitting:
    async def test_submitting_freezes_records_and_marks_the_deadline(self, client, accounts, world):
        programme, deadline = world["programme"], world["deadline"]
        leader = await accounts.role(programme, "member", world["leader"])
        version = await make_version(
            leader,
            world["submission"],
            label="1",
            deadline_id=deadline["id"],
            sections={"organisering": "To nivåer."},
        )
        before = datetime.now(UTC)
        r = await submit(leader, version)
        assert r.status_code == 200, r.text
        submitted = r.json()
        assert submitted["status"] == "submitted"
        assert submitted["submitted_by_id"] == world["leader"]["id"]
        assert submitted["recipient_id"] == world["recipient"]["id"]
        assert datetime.fromisoformat(submitted["submitted_at"]) >= before - timedelta(seconds=1)
        assert submitted["delivery"] == "on_time"
        assert r.headers["etag"] == f'"{submitted["version"]}"'
        met = (await client.get(f"{API}/deadlines/{deadline['id']}")).json()
        assert met["status"] == "submitted"
        assert met["submitted_at"] == submitted["submitted_at"]
        assert met["delivery"] == "on_time"
        url = f"{API}/submission-versions/{version['id']}"
        for change in (
            {"sections": {"organisering": "Endret"}},
            {"label": "1b"},
            {"files": []},
        ):
            r = await leader.patch(url, json=change)
            assert r.status_code == 409, change
            assert r.json()["errors"][0]["code"] == "version_frozen"
        assert (await leader.delete(url)).status_code == 409
        assert (await submit(leader, version)).status_code == 409
        assert (await client.get(url)).json()["version"] == submitted["version"]

    async def test_a_required_attachment_is_needed_and_nothing_changes_without_it(
        self, app, client, world
    ):
        programme, deadline = world["programme"], world["deadline"]
        template = await make_template(
            client,
            programme,
            required_attachments=[{"key": "org-kart", "title": "Organisasjonskart"}],
        )
        submission = await make_submission(
            client, programme, template, project_id=world["project"]["id"]
        )
        version = await make_version(client, submission, label="1", deadline_id=deadline["id"])
        r = await submit(client, version)
        assert r.status_code == 422
        error = r.json()["errors"][0]
        assert (error["code"], error["params"]) == ("attachment_required", {"key": "org-kart"})
        assert (await client.get(f"{API}/deadlines/{deadline['id']}")).json()["status"] == "open"
        chart = await stored_file(app, programme)
        await client.patch(
            f"{API}/submission-versions/{version['id']}",
            json={"files": [{"file_id": chart, "attachment_key": "org-kart"}]},
        )
        assert (await submit(client, version)).status_code == 200

    async def test_all_or_nothing_when_the_deadline_may_not_be_changed(
        self, client, accounts, world
    ):
        programme = world["programme"]
        group = await make_group(client, programme)
        member_person = await make_person(client, programme)
        await client.post(
            f"{API}/groups/{group['id']}/members",
            json={"person_id": member_person["id"], "party": "employees", "role": "member"},
        )
        someone_else = await make_person(client, programme)
        deadline = await make_deadline(client, programme, someone_else)
        submission = await make_submission(
            client, programme, world["template"], group_id=group["id"]
        )
        member = await accounts.role(programme, "member", member_person)
        version = await make_version(member, submission, label="1", deadline_id=deadline["id"])
        r = await submit(member, version)
        assert r.status_code == 403
        url = f"{API}/submission-versions/{version['id']}"
        assert (await client.get(url)).json()["status"] == "draft"
        assert (await client.get(f"{API}/deadlines/{deadline['id']}")).json()["status"] == "open"

    async def test_submit_needs_if_match(self, client, world):
        version = await make_version(client, world["submission"], label="1")
        url = f"{API}/submission-versions/{version['id']}/submit"
        r = await client.post(url, headers={"If-Match": '"999"'})
        assert r.status_code == 412


class TestAuthorisation:
    async def test_members_write_their_own_projects_submissions_observers_read(
        self, client, accounts, world
    ):
        programme = world["programme"]
        leader = await accounts.role(programme, "member", world["leader"])
        outsider = await accounts.role(programme, "member", await make_person(client, programme))
        observer = await accounts.role(programme, "observer")
        version = await make_version(leader, world["submission"], label="1")
        url = f"{API}/submission-versions/{version['id']}"
        assert (await outsider.patch(url, json={"label": "x"})).status_code == 403
        assert (await observer.patch(url, json={"label": "x"})).status_code == 403
        assert (await observer.get(url)).status_code == 200
        r = await outsider.post(
            f"{API}/submission-versions",
            json={"submission_id": world["submission"]["id"], "label": "2"},
        )
        assert r.status_code == 403
        assert (await leader.patch(url, json={"label": "1a"})).status_code == 200
        r = await leader.patch(
            f"{API}/submissions/{world['submission']['id']}", json={"title": "Vårt innspill"}
        )
        assert r.status_code == 200
        r = await leader.post(
            f"{API}/templates",
            json={"programme_id": programme["id"], "title": "Egen mal"},
        )
        assert r.status_code == 403


class TestCompare:
    async def test_section_by_section(self, client, world):
        submission = world["submission"]
        old = await make_version(
            client,
            submission,
            label="1",
            sections={"organisering": "To nivåer.\nFire enheter.", "ansvar": ""},
        )
        new = await make_version(
            client,
            submission,
            label="2",
            sections={"organisering": "To nivåer.\nFem enheter.", "ansvar": "Rektor"},
        )
        r = await client.get(
            f"{API}/submission-versions/compare", params={"from": old["id"], "to": new["id"]}
        )
        assert r.status_code == 200, r.text
        found = r.json()
        assert (found["from_label"], found["to_label"]) == ("1", "2")
        by_key = {s["key"]: s for s in found["sections"]}
        assert [s["key"] for s in found["sections"]] == ["organisering", "ansvar"]
        assert by_key["organisering"]["change"] == "changed"
        assert "-Fire enheter." in by_key["organisering"]["diff"]
        assert "+Fem enheter." in by_key["organisering"]["diff"]
        assert by_key["ansvar"]["change"] == "added"
        back = await client.get(
            f"{API}/submission-versions/compare", params={"from": new["id"], "to": old["id"]}
        )
        assert {s["key"]: s["change"] for s in back.json()["sections"]} == {
            "organisering": "changed",
            "ansvar": "removed",
        }
        same = await client.get(
            f"{API}/submission-versions/compare", params={"from": old["id"], "to": old["id"]}
        )
        assert {s["change"] for s in same.json()["sections"]} == {"unchanged"}

    async def test_versions_of_different_submissions_or_unseen_ones(self, client, accounts, world):
        first = await make_version(client, world["submission"], label="1")
        other_submission = await make_submission(
            client, world["programme"], world["template"], project_id=world["project"]["id"]
        )
        second = await make_version(client, other_submission, label="1")
        url = f"{API}/submission-versions/compare"
        r = await client.get(url, params={"from": first["id"], "to": second["id"]})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "different_submissions"
        stranger = await accounts.role(await make_programme(client), "programme_admin")
        r = await stranger.get(url, params={"from": first["id"], "to": first["id"]})
        assert r.status_code == 404


class TestDelivery:
    """A deadline due at 12:00 Oslo time, met one second before or after."""

    @pytest.mark.parametrize(
        ("due_at", "before", "after"),
        [
            # Winter time (UTC+1).
            ("2018-12-03T12:00:00+01:00", "2018-12-03T11:59:59+01:00", "2018-12-03T12:00:01+01:00"),
            # The day summer time begins (02:00 becomes 03:00): 03:00 is 01:00 UTC.
            ("2019-03-31T03:00:00+02:00", "2019-03-31T01:59:59+01:00", "2019-03-31T03:00:01+02:00"),
            # The day it ends: 02:30 comes twice; the first, in summer time, is due.
            ("2018-10-28T02:30:00+02:00", "2018-10-28T02:29:59+02:00", "2018-10-28T02:30:01+02:00"),
        ],
    )
    async def test_one_second_either_side(self, client, due_at, before, after):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        on_time = await make_deadline(
            client, programme, rikke, due_at=due_at, status="submitted", submitted_at=before
        )
        late = await make_deadline(
            client, programme, rikke, due_at=due_at, status="submitted", submitted_at=after
        )
        exactly = await make_deadline(
            client, programme, rikke, due_at=due_at, status="submitted", submitted_at=due_at
        )
        assert (on_time["delivery"], on_time["late_by_seconds"]) == ("on_time", None)
        assert (exactly["delivery"], exactly["late_by_seconds"]) == ("on_time", None)
        assert (late["delivery"], late["late_by_seconds"]) == ("late", 1)
        r = await client.get(
            f"{API}/deadlines", params={"programme_id": programme["id"], "delivery": "late"}
        )
        assert [d["id"] for d in r.json()["items"]] == [late["id"]]
        r = await client.get(
            f"{API}/deadlines", params={"programme_id": programme["id"], "delivery": "on_time"}
        )
        assert {d["id"] for d in r.json()["items"]} == {on_time["id"], exactly["id"]}

    async def test_missing_pending_and_waived(self, client):
        programme = await make_programme(client)
        rikke = await make_person(client, programme)
        now = datetime.now(UTC)
        missing = await make_deadline(
            client, programme, rikke, due_at=(now - timedelta(seconds=2)).isoformat()
        )
        pending = await make_deadline(
            client, programme, rikke, due_at=(now + timedelta(hours=1)).isoformat()
        )
        waived = await make_deadline(
            client,
            programme,
            rikke,
            due_at=(now - timedelta(days=1)).isoformat(),
            status="waived",
        )
        assert [d["delivery"] for d in (missing, pending, waived)] == [
            "missing",
            "pending",
            "waived",
        ]
        for value, expected in (
            ("missing", missing),
            ("pending", pending),
            ("waived", waived),
        ):
            r = await client.get(
                f"{API}/deadlines", params={"programme_id": programme["id"], "delivery": value}
            )
            assert [d["id"] for d in r.json()["items"]] == [expected["id"]], value
        r = await client.get(f"{API}/deadlines", params={"delivery": "sent"})
        assert r.status_code == 422

    async def test_a_draft_past_its_deadline_is_missing(self, client, world):
        programme, leader = world["programme"], world["leader"]
        past = await make_deadline(
            client,
            programme,
            leader,
            due_at=(datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
        )
        version = await make_version(client, world["submission"], label="1", deadline_id=past["id"])
        assert version["delivery"] == "missing"
        r = await submit(client, version)
        assert (r.json()["delivery"], r.json()["late_by_seconds"] >= 60) == ("late", True)
        deadline = (await client.get(f"{API}/deadlines/{past['id']}")).json()
        assert (deadline["delivery"], deadline["late_by_seconds"] >= 60) == ("late", True)


class TestListCost:
    async def test_lists_cost_the_same_for_any_page_size(self, app, client, world):
        programme = world["programme"]
        for i in range(6):
            submission = await make_submission(
                client, programme, world["template"], project_id=world["project"]["id"]
            )
            deadline = await make_deadline(client, programme, world["leader"])
            file_id = await stored_file(app, programme, f"vedlegg-{i}.pdf")
            await make_version(
                client,
                submission,
                label="1",
                deadline_id=deadline["id"],
                files=[{"file_id": file_id}],
            )
            await make_version(client, submission, label="2")
            await make_template(client, programme)

        async def count(path: str, limit: int) -> int:
            statements = []

            def seen(_conn, _cursor, statement, *_args):
                statements.append(statement)

            engine = app.state.engine.sync_engine
            event.listen(engine, "before_cursor_execute", seen)
            try:
                r = await client.get(f"{API}/{path}", params={"limit": limit})
                assert r.status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", seen)
            return len(statements)

        for path in ("templates", "submissions", "submission-versions", "deadlines"):
            counts = {limit: await count(path, limit) for limit in (1, 5, 50)}
            assert len(set(counts.values())) == 1, (path, counts)
