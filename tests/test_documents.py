"""The document register: CRUD, filters, links kept in the programme, and public access
(offentleglova) honoured for observers and read-only API tokens."""

import pytest
from sqlalchemy import event

from tests.factories import (
    API,
    create,
    make_decision,
    make_document,
    make_file,
    make_group,
    make_programme,
    make_project,
)

PROBLEM = "application/problem+json"
EXEMPT = {"public_access": "exempt", "exemption_basis": "offl. § 13 jf. fvl. § 13"}


class TestRegister:
    async def test_create_read_update_delete(self, client):
        programme = await make_programme(client)
        group = await make_group(client, programme, name="Fellesnemnda")
        project = await make_project(client, programme)
        decision = await make_decision(client, programme)
        stored = await make_file(client, programme, "Notat prosess.pdf")
        document = await make_document(
            client,
            programme,
            title="Notat: Prosess for organisering",
            kind="note",
            document_date="2018-08-21",
            author_group_id=group["id"],
            version_label="2",
            description="Prosessnotat for tjenesteområdene",
            file_id=stored["id"],
            url=None,
            project_id=project["id"],
            decision_id=decision["id"],
            external_id="ref-3",
        )
        assert document["public_access"] == "public"
        assert document["exemption_basis"] is None
        assert document["withheld"] is False
        assert document["file_id"] == stored["id"]
        r = await client.get(f"{API}/documents/{document['id']}")
        assert r.json() == document
        assert r.headers["etag"] == '"1"'
        r = await client.patch(f"{API}/documents/{document['id']}", json=EXEMPT)
        assert r.status_code == 200, r.text
        assert r.json()["exemption_basis"] == "offl. § 13 jf. fvl. § 13"
        r = await client.patch(
            f"{API}/documents/{document['id']}", json={"public_access": "public"}
        )
        assert r.json()["exemption_basis"] is None
        assert (await client.delete(f"{API}/documents/{document['id']}")).status_code == 204
        assert (await client.get(f"{API}/documents/{document['id']}")).status_code == 404

    async def test_a_file_or_a_link_is_required(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/documents",
            json={"programme_id": programme["id"], "title": "Uten fil", "kind": "plan"},
        )
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "file_or_url_required"
        document = await make_document(client, programme)
        r = await client.patch(f"{API}/documents/{document['id']}", json={"url": None})
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/file_id"

    @pytest.mark.parametrize("url", ["ftp://example.no/a.pdf", "javascript:alert(1)", "notat"])
    async def test_only_http_links(self, client, url):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/documents",
            json={"programme_id": programme["id"], "title": "X", "kind": "note", "url": url},
        )
        assert r.status_code == 422
        assert r.headers["content-type"].startswith(PROBLEM)

    async def test_an_exempt_document_names_its_legal_basis(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/documents",
            json={
                "programme_id": programme["id"],
                "title": "Personalsak",
                "kind": "note",
                "url": "https://example.no/a",
                "public_access": "exempt",
            },
        )
        assert r.status_code == 422
        assert r.json()["errors"][0] == {
            "pointer": "/exemption_basis",
            "code": "exemption_basis_required",
            "detail": "name the legal basis of the exemption, e.g. offl. § 14",
        }
        public = await make_document(client, programme, exemption_basis="offl. § 14")
        assert public["exemption_basis"] is None

    async def test_links_stay_in_the_programme(self, client):
        ours, theirs = await make_programme(client), await make_programme(client)
        their_file = await make_file(client, theirs)
        their_project = await make_project(client, theirs)
        their_group = await make_group(client, theirs)
        for field, value in (
            ("file_id", their_file["id"]),
            ("project_id", their_project["id"]),
            ("author_group_id", their_group["id"]),
        ):
            r = await client.post(
                f"{API}/documents",
                json={
                    "programme_id": ours["id"],
                    "title": "X",
                    "kind": "note",
                    "url": "https://example.no",
                    field: value,
                },
            )
            assert r.status_code == 422, field
            assert r.json()["errors"][0] == {
                "pointer": f"/{field}",
                "code": "unknown_reference",
                "detail": r.json()["errors"][0]["detail"],
            }

    async def test_external_id_is_unique_in_the_programme(self, client):
        programme = await make_programme(client)
        await make_document(client, programme, external_id="ref-1")
        r = await client.post(
            f"{API}/documents",
            json={
                "programme_id": programme["id"],
                "title": "Igjen",
                "kind": "note",
                "url": "https://example.no",
                "external_id": "ref-1",
            },
        )
        assert r.status_code == 409


class TestFilters:
    async def test_by_kind_access_links_dates_and_text(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        decision = await make_decision(client, programme)
        event_ = await create(
            client,
            "/events",
            {
                "programme_id": programme["id"],
                "title": "Samling 1",
                "starts_at": "2018-09-06T09:00:00+02:00",
                "ends_at": "2018-09-06T15:00:00+02:00",
            },
        )
        vedtak = await make_document(
            client,
            programme,
            title="Vedtak i fellesnemnda",
            kind="decision",
            document_date="2018-06-14",
            decision_id=decision["id"],
        )
        notat = await make_document(
            client,
            programme,
            title="Notat om prosess",
            kind="note",
            document_date="2018-08-21",
            project_id=project["id"],
            **EXEMPT,
        )
        program = await make_document(
            client,
            programme,
            title="Program for samling 1",
            kind="presentation",
            document_date="2018-09-06",
            event_id=event_["id"],
        )

        async def titles(**params) -> list[str]:
            r = await client.get(
                f"{API}/documents", params={"programme_id": programme["id"], **params}
            )
            assert r.status_code == 200, r.text
            return [d["title"] for d in r.json()["items"]]

        assert await titles() == [program["title"], notat["title"], vedtak["title"]]
        assert await titles(kind="decision") == [vedtak["title"]]
        assert await titles(kind=["decision", "note"]) == [notat["title"], vedtak["title"]]
        assert await titles(public_access="exempt") == [notat["title"]]
        assert await titles(project_id=project["id"]) == [notat["title"]]
        assert await titles(decision_id=decision["id"]) == [vedtak["title"]]
        assert await titles(event_id=event_["id"]) == [program["title"]]
        assert await titles(date_from="2018-08-21") == [program["title"], notat["title"]]
        assert await titles(date_to="2018-08-21") == [notat["title"], vedtak["title"]]
        assert await titles(q="samling") == [program["title"]]
        assert await titles(sort="title") == sorted(
            [program["title"], notat["title"], vedtak["title"]]
        )

    async def test_the_list_costs_the_same_for_any_page_size(self, app, client, accounts):
        programme = await make_programme(client)
        for i in range(6):
            await make_document(client, programme, **(EXEMPT if i % 2 else {}))
        observer = await accounts.role(programme, "observer")
        engine = app.state.engine.sync_engine
        for reader in (client, observer):
            counts = set()
            # Once first, so that every count finds the reader already known (the documents
            # just written, and the observer's seat, make the next request look it up again).
            params = {"programme_id": programme["id"], "limit": 1}
            assert (await reader.get(f"{API}/documents", params=params)).is_success
            for limit in (1, 3, 50):
                statements: list[str] = []

                def count(_conn, _cursor, statement, *_args, into=statements):
                    into.append(statement)

                event.listen(engine, "before_cursor_execute", count)
                try:
                    r = await reader.get(
                        f"{API}/documents", params={"programme_id": programme["id"], "limit": limit}
                    )
                    assert r.status_code == 200
                finally:
                    event.remove(engine, "before_cursor_execute", count)
                counts.add(len(statements))
            assert len(counts) == 1, counts


class TestPublicAccess:
    async def _exempt_with_file(self, client, programme):
        stored = await make_file(client, programme, "Personalsak Kari.pdf")
        document = await make_document(
            client,
            programme,
            title="Drøfting av bemanning",
            description="Navn og forhold som er taushetsbelagt",
            author="Rådmannen",
            file_id=stored["id"],
            **EXEMPT,
        )
        return stored, document

    async def _readers(self, client, accounts, programme):
        observer = await accounts.role(programme, "observer")
        token = await create(
            client,
            "/api-tokens",
            {"programme_id": programme["id"], "name": "Innsyn", "scope": "read"},
        )
        return {"observer": observer, "read token": accounts.bearer(token["token"])}

    async def test_observers_see_an_exempt_document_only_by_title_kind_date_and_basis(
        self, client, accounts
    ):
        programme = await make_programme(client)
        stored, document = await self._exempt_with_file(client, programme)
        public = await make_document(client, programme, title="Offentlig notat")
        for who, reader in (await self._readers(client, accounts, programme)).items():
            r = await reader.get(f"{API}/documents/{document['id']}")
            assert r.status_code == 200, who
            seen = r.json()
            assert seen["withheld"] is True
            assert {k: seen[k] for k in ("title", "kind", "document_date", "exemption_basis")} == {
                k: document[k] for k in ("title", "kind", "document_date", "exemption_basis")
            }
            for hidden in ("file_id", "url", "description", "author", "project_id"):
                assert seen[hidden] is None, (who, hidden)
            listed = (
                await reader.get(f"{API}/documents", params={"programme_id": programme["id"]})
            ).json()["items"]
            by_id = {d["id"]: d for d in listed}
            assert by_id[document["id"]]["file_id"] is None
            assert by_id[document["id"]]["description"] is None
            assert by_id[public["id"]]["url"] == public["url"]
            assert by_id[public["id"]]["withheld"] is False
            r = await reader.get(f"{API}/files/{stored['id']}/content")
            assert r.status_code == 403, who
            assert r.headers["content-type"].startswith(PROBLEM)
            assert r.json()["errors"][0]["code"] == "exempt_from_public_access"
            meta = (await reader.get(f"{API}/files/{stored['id']}")).json()
            assert meta["exempt_from_public_access"] is True
            assert "Kari" not in meta["filename"]
            files = (
                await reader.get(f"{API}/files", params={"programme_id": programme["id"]})
            ).json()["items"]
            assert all("Kari" not in f["filename"] for f in files)
            searched = await reader.get(
                f"{API}/files", params={"programme_id": programme["id"], "q": "Kari"}
            )
            assert searched.json()["items"] == [], who

    async def test_observers_cannot_find_an_exempt_document_by_what_it_withholds(
        self, client, accounts
    ):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        exempt = await make_document(client, programme, project_id=project["id"], **EXEMPT)
        public = await make_document(client, programme, project_id=project["id"])
        params = {"programme_id": programme["id"], "project_id": project["id"]}
        for who, reader in (await self._readers(client, accounts, programme)).items():
            found = (await reader.get(f"{API}/documents", params=params)).json()["items"]
            assert [d["id"] for d in found] == [public["id"]], who
            everything = (
                await reader.get(f"{API}/documents", params={"programme_id": programme["id"]})
            ).json()["items"]
            assert {d["id"] for d in everything} == {exempt["id"], public["id"]}, who
        member = await accounts.role(programme, "member")
        found = (await member.get(f"{API}/documents", params=params)).json()["items"]
        assert {d["id"] for d in found} == {exempt["id"], public["id"]}

    async def test_members_and_editors_see_and_download_everything(self, client, accounts):
        programme = await make_programme(client)
        stored, document = await self._exempt_with_file(client, programme)
        for role in ("member", "editor"):
            reader = await accounts.role(programme, role)
            seen = (await reader.get(f"{API}/documents/{document['id']}")).json()
            assert seen["withheld"] is False
            assert seen["file_id"] == stored["id"]
            assert seen["description"] == document["description"]
            r = await reader.get(f"{API}/files/{stored['id']}/content")
            assert r.status_code == 200
            meta = (await reader.get(f"{API}/files/{stored['id']}")).json()
            assert meta["filename"] == "Personalsak Kari.pdf"
            searched = await reader.get(f"{API}/files", params={"q": "Kari"})
            assert [f["id"] for f in searched.json()["items"]] == [stored["id"]]

    async def test_made_public_the_file_opens_to_observers(self, client, accounts):
        programme = await make_programme(client)
        stored, document = await self._exempt_with_file(client, programme)
        observer = await accounts.role(programme, "observer")
        assert (await observer.get(f"{API}/files/{stored['id']}/content")).status_code == 403
        await client.patch(f"{API}/documents/{document['id']}", json={"public_access": "public"})
        assert (await observer.get(f"{API}/files/{stored['id']}/content")).status_code == 200


class TestWhoMayWrite:
    async def test_observers_write_nothing_members_their_projects(self, client, accounts):
        from tests.factories import make_person

        programme = await make_programme(client)
        person = await make_person(client, programme)
        project = await make_project(client, programme, leader_id=person["id"])
        other = await make_project(client, programme)
        observer = await accounts.role(programme, "observer")
        body = {
            "programme_id": programme["id"],
            "title": "Referat",
            "kind": "minutes",
            "url": "https://example.no/referat",
        }
        assert (await observer.post(f"{API}/documents", json=body)).status_code == 403
        member = await accounts.role(programme, "member", person)
        r = await member.post(f"{API}/documents", json=body | {"project_id": project["id"]})
        assert r.status_code == 201
        r = await member.post(f"{API}/documents", json=body | {"project_id": other["id"]})
        assert r.status_code == 403
