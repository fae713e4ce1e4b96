"""The conventions of API.md hold on every operation: unknown parameters, control characters,
If-Match, and the OpenAPI document declaring what the shared machinery answers."""

import pytest

from tests.factories import API, make_person, make_programme, make_project
from tests.test_problems import assert_problem


class TestUnknownQueryParameters:
    @pytest.mark.parametrize(
        ("path", "parameter"),
        [
            ("/involvements", "participant_id"),
            ("/people", "external_ids"),
            ("/involvements", "frm"),
            ("/tasks", "limt"),
            ("/phase-templates", "kind"),
        ],
    )
    async def test_a_list_refuses_a_parameter_it_does_not_know(self, client, path, parameter):
        r = await client.get(f"{API}{path}", params={parameter: "survey"})
        body = assert_problem(r, 400, "bad-request")
        assert body["errors"] == [
            {"parameter": parameter, "code": "unknown_parameter", "detail": "not a parameter here"}
        ]
        assert parameter in body["detail"]

    async def test_a_known_parameter_still_filters(self, client):
        programme = await make_programme(client)
        await make_person(client, programme, external_id="hr:1")
        await make_person(client, programme)
        r = await client.get(f"{API}/people", params={"external_id": "hr:1"})
        assert r.status_code == 200, r.text
        assert [p["external_id"] for p in r.json()["items"]] == ["hr:1"]

    async def test_a_single_record_refuses_unknown_parameters_too(self, client):
        programme = await make_programme(client)
        r = await client.get(f"{API}/programmes/{programme['id']}", params={"expand": "all"})
        assert_problem(r, 400, "bad-request")


class TestControlCharacters:
    async def test_nul_in_a_created_text_is_422_naming_the_field(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/people", json={"programme_id": programme["id"], "name": "a\u0000b"}
        )
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["pointer"] == "/name"
        assert body["errors"][0]["code"] == "control_character"
        listed = await client.get(f"{API}/people", params={"programme_id": programme["id"]})
        assert listed.json()["items"] == []

    async def test_nul_in_a_patched_text_is_422_and_changes_nothing(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        url = f"{API}/projects/{project['id']}"
        r = await client.patch(url, json={"description": "før\u0000etter"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0] == {
            "pointer": "/description",
            "code": "control_character",
            "detail": "must not contain control characters such as NUL "
            "(tab and line breaks are fine)",
        }
        again = (await client.get(url)).json()
        assert again["version"] == project["version"]

    async def test_nul_inside_a_nested_list_is_refused(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/events",
            json={
                "programme_id": programme["id"],
                "title": "Samling",
                "starts_at": "2018-09-06T09:00:00+02:00",
                "ends_at": "2018-09-06T15:00:00+02:00",
                "agenda": [{"title": "Velkommen\u0007"}],
            },
        )
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["pointer"] == "/agenda/0/title"

    async def test_tabs_and_line_breaks_are_text(self, client):
        programme = await make_programme(client)
        project = await make_project(client, programme, description="a\tb\r\nc\nø")
        assert project["description"] == "a\tb\r\nc\nø"

    @pytest.mark.parametrize("parameter", ["q", "cursor"])
    async def test_nul_in_a_query_parameter_is_422(self, client, parameter):
        r = await client.get(f"{API}/tasks", params={parameter: "a\u0000b"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["parameter"] == parameter
        assert body["errors"][0]["code"] == "control_character"

    async def test_nul_in_the_login_body_is_422(self, anonymous):
        r = await anonymous.post(
            f"{API}/auth/token", json={"email": "a\u0000@example.no", "password": "x\u0000"}
        )
        assert_problem(r, 422, "validation")


class TestIfMatchIsRequired:
    async def test_patch_without_if_match_is_428_and_changes_nothing(self, accounts):
        script = await accounts.client(system_admin=True, reads_etag=False)
        programme = await make_programme(script)
        url = f"{API}/programmes/{programme['id']}"
        r = await script.patch(url, json={"name": "Overskrevet"})
        body = assert_problem(r, 428, "precondition-required")
        assert "ETag" in body["detail"]
        assert body["errors"][0]["code"] == "if_match_required"
        assert (await script.get(url)).json()["name"] == programme["name"]

    async def test_delete_without_if_match_is_428_and_deletes_nothing(self, accounts):
        script = await accounts.client(system_admin=True, reads_etag=False)
        programme = await make_programme(script)
        url = f"{API}/programmes/{programme['id']}"
        assert_problem(await script.delete(url), 428, "precondition-required")
        assert (await script.get(url)).status_code == 200

    async def test_the_current_etag_lets_the_change_through(self, accounts):
        script = await accounts.client(system_admin=True, reads_etag=False)
        programme = await make_programme(script)
        url = f"{API}/programmes/{programme['id']}"
        etag = (await script.get(url)).headers["etag"]
        r = await script.patch(url, json={"name": "Nytt"}, headers={"If-Match": etag})
        assert r.status_code == 200
        assert r.headers["etag"] == f'"{programme["version"] + 1}"'


class TestTheDocumentDeclaresTheSharedAnswers:
    @pytest.fixture
    async def document(self, anonymous):
        return (await anonymous.get(f"{API}/openapi.json")).json()

    def _operations(self, document):
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                yield path, method, operation

    async def test_if_match_is_a_required_header_with_412_and_428(self, document):
        found = 0
        for path, method, operation in self._operations(document):
            if method not in ("patch", "delete"):
                continue
            found += 1
            header = [p for p in operation["parameters"] if p["name"] == "if-match"]
            assert header and header[0]["required"] is True, (method, path)
            assert {"412", "428"} <= set(operation["responses"]), (method, path)
        assert found >= 25

    async def test_reads_and_writes_of_one_record_declare_their_etag(self, document):
        schemas = document["components"]["schemas"]
        checked = 0
        for _path, _method, operation in self._operations(document):
            name = operation["operationId"]
            if not name.endswith(("-get", "-create", "-update")):
                continue
            ok = operation["responses"]["201" if name.endswith("-create") else "200"]
            ref = ok["content"]["application/json"]["schema"].get("$ref", "")
            if "version" not in schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}):
                continue  # not a versioned record (the audit trail)
            checked += 1
            assert "ETag" in ok.get("headers", {}), name
        assert checked > 40

    async def test_every_error_is_a_problem_document(self, document):
        assert "HTTPValidationError" not in document["components"]["schemas"]
        for path, method, operation in self._operations(document):
            responses = operation["responses"]
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in responses, (method, path)
            if operation.get("security"):
                assert "401" in responses, (method, path)
            if any(p["in"] == "path" for p in operation.get("parameters", [])):
                assert "404" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        status,
                    )
