"""The conventions of API.md hold on every operation: unknown parameters, control characters,
If-Match, and the OpenAPI document declaring what the shared machinery answers."""

import base64

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
            f"{API}/auth/token",
            json={"grant_type": "password", "username": "a\u0000@example.no", "password": "x"},
        )
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["code"] == "control_character"
        assert body["errors"][0]["pointer"].endswith("/username")


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


class TestBodySizeLimit:
    async def test_a_declared_oversized_body_is_413(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "x", "description": "y" * 70_000})
        body = assert_problem(r, 413, "payload-too-large")
        assert body["detail"] == "The body may be at most 65536 bytes."
        assert r.headers["x-request-id"]

    async def test_an_oversized_chunked_body_is_413_and_creates_nothing(self, client):
        async def chunks():
            yield b'{"name": "Stor", "description": "'
            for _ in range(80):
                yield b"y" * 1000
            yield b'"}'

        r = await client.post(
            f"{API}/programmes", content=chunks(), headers={"content-type": "application/json"}
        )
        assert r.request.headers["transfer-encoding"] == "chunked"
        assert "content-length" not in r.request.headers
        body = assert_problem(r, 413, "payload-too-large")
        assert body["detail"] == "The body may be at most 65536 bytes."
        names = [p["name"] for p in (await client.get(f"{API}/programmes")).json()["items"]]
        assert "Stor" not in names

    async def test_a_chunked_body_within_the_limit_is_read(self, client):
        async def chunks():
            yield b'{"name": "Liten", '
            yield b'"description": "' + b"y" * 1000 + b'"}'

        r = await client.post(
            f"{API}/programmes", content=chunks(), headers={"content-type": "application/json"}
        )
        assert r.status_code == 201, r.text


class TestMergePatch:
    async def _consultation(self, client) -> dict:
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/events",
            json={
                "programme_id": programme["id"],
                "title": "Drøftingsmøte",
                "kind": "consultation_meeting",
                "starts_at": "2018-11-20T09:00:00+01:00",
                "ends_at": "2018-11-20T11:00:00+01:00",
                "protocol": {
                    "matter": "Organisering av oppvekst",
                    "parties_present": ["administration", "employees"],
                    "agreed": True,
                },
            },
        )
        assert r.status_code == 201, r.text
        return r.json()

    async def test_a_nested_object_is_merged_not_replaced(self, client):
        event = await self._consultation(client)
        r = await client.patch(
            f"{API}/events/{event['id']}",
            json={"protocol": {"signed_at": "2018-11-20T11:00:00+01:00"}},
            headers={"content-type": "application/merge-patch+json"},
        )
        assert r.status_code == 200, r.text
        protocol = r.json()["protocol"]
        assert protocol["matter"] == "Organisering av oppvekst"
        assert protocol["parties_present"] == ["administration", "employees"]
        assert protocol["agreed"] is True
        assert protocol["signed_at"] == "2018-11-20T11:00:00+01:00"

    async def test_null_inside_a_nested_object_removes_that_member(self, client):
        event = await self._consultation(client)
        r = await client.patch(f"{API}/events/{event['id']}", json={"protocol": {"agreed": None}})
        assert r.status_code == 200, r.text
        assert r.json()["protocol"]["agreed"] is None
        assert r.json()["protocol"]["matter"] == "Organisering av oppvekst"

    async def test_a_merge_that_leaves_the_object_invalid_is_422_at_the_nested_field(self, client):
        event = await self._consultation(client)
        r = await client.patch(f"{API}/events/{event['id']}", json={"protocol": {"matter": None}})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["pointer"] == "/protocol/matter"
        assert body["errors"][0]["code"] == "missing"

    async def test_null_at_the_top_clears_a_field_that_may_be_empty(self, client):
        event = await self._consultation(client)
        r = await client.patch(f"{API}/events/{event['id']}", json={"protocol": None})
        assert r.status_code == 200, r.text
        assert r.json()["protocol"] is None

    async def test_null_for_a_field_that_cannot_be_empty_is_422(self, client):
        programme = await make_programme(client)
        r = await client.patch(f"{API}/programmes/{programme['id']}", json={"name": None})
        body = assert_problem(r, 422, "validation")
        assert body["errors"] == [
            {
                "pointer": "/name",
                "code": "not_nullable",
                "detail": "may not be null; leave the field out instead",
            }
        ]

    async def test_a_body_that_is_not_an_object_is_422(self, client):
        programme = await make_programme(client)
        r = await client.patch(f"{API}/programmes/{programme['id']}", json=["name"])
        assert_problem(r, 422, "validation")

    async def test_update_schemas_allow_null_only_where_a_field_can_be_empty(self, anonymous):
        document = (await anonymous.get(f"{API}/openapi.json")).json()
        schemas = document["components"]["schemas"]
        name = schemas["ProgrammeUpdate"]["properties"]["name"]
        assert "null" not in str(name)
        assert "default" not in name
        description = schemas["ProgrammeUpdate"]["properties"]["description"]
        assert {"type": "null"} in description["anyOf"]


class TestMethodNotAllowed:
    async def test_405_names_every_method_the_address_takes(self, client):
        programme = await make_programme(client)
        r = await client.put(f"{API}/programmes/{programme['id']}", json={})
        assert_problem(r, 405, "method-not-allowed")
        assert r.headers["allow"] == "DELETE, GET, PATCH"
        r = await client.delete(f"{API}/programmes")
        assert r.headers["allow"] == "GET, POST"

    async def test_a_get_where_only_post_is_taken_is_405(self, anonymous):
        r = await anonymous.get(f"{API}/auth/token")
        assert_problem(r, 405, "method-not-allowed")
        assert r.headers["allow"] == "POST"


def _cursor(sort: str, value, last_id: str = "01930000-0000-7000-8000-000000000000") -> str:
    raw = f'{{"s": "{sort}", "v": {value}, "i": "{last_id}"}}'
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


class TestInputsThatOnceAnswered500:
    async def test_a_time_filter_without_offset_is_422(self, client):
        r = await client.get(f"{API}/audit-events", params={"occurred_after": "2024-01-01"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["parameter"] == "occurred_after"
        assert body["errors"][0]["code"] == "timezone_aware"
        r = await client.get(
            f"{API}/audit-events", params={"occurred_after": "2024-01-01T00:00:00+01:00"}
        )
        assert r.status_code == 200, r.text

    @pytest.mark.parametrize(
        ("path", "sort", "value"),
        [
            ("/phases", "position", "1e400"),
            ("/phases", "position", str(10**30)),
            ("/phases", "position", '"7"'),
            ("/tasks", "created_at", '"2024-01-01T00:00:00"'),
            ("/tasks", "title", "12"),
            ("/tasks", "title", '"a\\u0000b"'),
            ("/tasks", "due_on", '"2024-13-45"'),
        ],
    )
    async def test_a_forged_cursor_is_400(self, client, path, sort, value):
        r = await client.get(f"{API}{path}", params={"sort": sort, "cursor": _cursor(sort, value)})
        assert_problem(r, 400, "bad-request")

    async def test_a_cursor_with_a_bad_id_is_400(self, client):
        r = await client.get(
            f"{API}/tasks", params={"sort": "title", "cursor": _cursor("title", '"a"', "x")}
        )
        assert_problem(r, 400, "bad-request")


class TestDatesAreText:
    @pytest.mark.parametrize(
        ("path", "parameter"),
        [
            ("/tasks", "due_before"),
            ("/events", "starts_before"),
            ("/audit-events", "occurred_after"),
        ],
    )
    async def test_a_number_is_not_a_date(self, client, path, parameter):
        r = await client.get(f"{API}{path}", params={parameter: "0"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["parameter"] == parameter

    async def test_as_of_is_a_date_not_a_number(self, client):
        programme = await make_programme(client)
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance", params={"as_of": "0"}
        )
        assert_problem(r, 422, "validation")
        r = await client.get(
            f"{API}/programmes/{programme['id']}/compliance", params={"as_of": "2019-01-01"}
        )
        assert r.status_code == 200, r.text

    async def test_the_document_says_which_text_is_refused(self, anonymous):
        document = (await anonymous.get(f"{API}/openapi.json")).json()
        title = document["components"]["schemas"]["TaskCreate"]["properties"]["title"]
        assert "\\u0000" in title["pattern"]

    async def test_a_number_is_not_a_date_in_a_body_either(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "Tall", "starts_on": 0})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0] == {
            "pointer": "/starts_on",
            "code": "date_format",
            "detail": "give a date as YYYY-MM-DD and a time as RFC 3339, not a number",
        }
