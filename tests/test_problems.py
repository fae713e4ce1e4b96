"""Every error status the API gives comes as application/problem+json."""

from fastapi import APIRouter

from samskap.main import create_app
from tests.factories import API, make_programme

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, type_suffix: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://samskap.no/problems/")
    if type_suffix:
        assert body["type"].endswith(type_suffix), body["type"]
    assert body["title"]
    return body


class TestProblemResponses:
    async def test_malformed_json_is_400(self, client):
        r = await client.post(
            f"{API}/programmes", content=b'{"name": ', headers={"content-type": "application/json"}
        )
        assert_problem(r, 400, "malformed-json")

    async def test_bad_cursor_is_400(self, client):
        r = await client.get(f"{API}/programmes", params={"cursor": "not-a-cursor"})
        assert_problem(r, 400, "bad-request")

    async def test_unknown_record_is_404(self, client):
        r = await client.get(f"{API}/projects/01930000-0000-7000-8000-000000000000")
        body = assert_problem(r, 404, "not-found")
        assert body["detail"] == "No project with this id"

    async def test_unknown_path_is_404(self, client):
        assert_problem(await client.get(f"{API}/nowhere"), 404)

    async def test_wrong_method_is_405(self, client):
        r = await client.put(f"{API}/programmes", json={})
        body = assert_problem(r, 405, "method-not-allowed")
        assert "PUT" in body["detail"]

    async def test_duplicate_key_is_409(self, client):
        programme = await make_programme(client)
        body = {"programme_id": programme["id"], "code": "A1", "name": "Oppvekst"}
        assert (await client.post(f"{API}/projects", json=body)).status_code == 201
        r = await client.post(f"{API}/projects", json=body | {"name": "Annet"})
        problem = assert_problem(r, 409, "conflict")
        assert problem["errors"] == [
            {"pointer": "/code", "code": "already_in_use", "detail": "already in use"}
        ]

    async def test_stale_if_match_is_412(self, client):
        programme = await make_programme(client)
        r = await client.patch(
            f"{API}/programmes/{programme['id']}", json={"name": "Ny"}, headers={"If-Match": '"99"'}
        )
        assert_problem(r, 412, "precondition-failed")

    async def test_oversized_body_is_413(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "x", "description": "y" * 70_000})
        assert_problem(r, 413, "payload-too-large")

    async def test_non_json_body_is_415(self, client):
        r = await client.post(
            f"{API}/programmes",
            content=b"name=x",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert_problem(r, 415, "unsupported-media-type")

    async def test_invalid_field_is_422_with_pointer(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "", "status": "sleeping"})
        body = assert_problem(r, 422, "validation")
        pointers = {e["pointer"] for e in body["errors"]}
        assert pointers == {"/name", "/status"}

    async def test_unknown_field_is_422(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "x", "colour": "blue"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"] == [
            {"pointer": "/colour", "code": "extra_forbidden", "detail": "unknown field"}
        ]

    async def test_bad_query_parameter_is_422(self, client):
        r = await client.get(f"{API}/tasks", params={"sort": "colour"})
        body = assert_problem(r, 422, "validation")
        assert body["errors"][0]["parameter"] == "sort"

    async def test_unexpected_error_is_500_with_request_id(self, settings):
        import httpx

        app = create_app(settings)
        boom = APIRouter()

        @boom.get(f"{API}/explode")
        async def explode():
            raise RuntimeError("secret internal detail")

        app.include_router(boom)
        # Ahead of the web app's catch-all route.
        app.router.routes.insert(0, app.router.routes.pop())
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            r = await http.get(f"{API}/explode")
        body = assert_problem(r, 500, "internal")
        assert "secret" not in r.text
        assert body["request_id"] == r.headers["x-request-id"]
        await app.state.engine.dispose()


class TestNothingHalfApplied:
    async def test_refused_patch_changes_nothing(self, client):
        programme = await make_programme(client)
        r = await client.patch(
            f"{API}/programmes/{programme['id']}",
            json={"name": "Nytt navn", "target_on": "2010-01-01"},
        )
        assert_problem(r, 422)
        again = (await client.get(f"{API}/programmes/{programme['id']}")).json()
        assert again["name"] == programme["name"]
        assert again["version"] == programme["version"]


def assert_request_id(response) -> None:
    body = response.json()
    assert response.headers["content-type"].startswith(PROBLEM), response.text
    assert body["request_id"] == response.headers["x-request-id"]
    assert body["request_id"]


class TestEveryProblemNamesItsRequest:
    """The request id of the X-Request-ID header and the request's log line is in the body of
    every problem, whether the router, a handler, a validator or the guard before them all
    answered."""

    async def test_malformed_json(self, client):
        r = await client.post(
            f"{API}/programmes", content=b'{"name": ', headers={"content-type": "application/json"}
        )
        assert r.status_code == 400
        assert_request_id(r)

    async def test_without_a_token(self, anonymous):
        r = await anonymous.get(f"{API}/programmes")
        assert r.status_code == 401
        assert_request_id(r)

    async def test_unknown_record(self, client):
        r = await client.get(f"{API}/projects/01930000-0000-7000-8000-000000000000")
        assert r.status_code == 404
        assert_request_id(r)

    async def test_unknown_address(self, client):
        r = await client.get(f"{API}/nowhere")
        assert r.status_code == 404
        assert_request_id(r)

    async def test_wrong_method(self, client):
        r = await client.put(f"{API}/programmes", json={})
        assert r.status_code == 405
        assert_request_id(r)

    async def test_body_too_large_by_its_length(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "x", "description": "y" * 70_000})
        assert r.status_code == 413
        assert_request_id(r)

    async def test_body_too_large_as_it_arrives(self, client):
        async def chunks():
            for _ in range(20):
                yield b" " * 4096

        r = await client.post(
            f"{API}/programmes", content=chunks(), headers={"content-type": "application/json"}
        )
        assert r.status_code == 413
        assert "content-length" not in r.request.headers
        assert_request_id(r)

    async def test_unsupported_media_type(self, client):
        r = await client.post(
            f"{API}/programmes",
            content=b"name=x",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 415
        assert_request_id(r)

    async def test_invalid_input(self, client):
        r = await client.post(f"{API}/programmes", json={"name": "", "status": "sleeping"})
        assert r.status_code == 422
        assert_request_id(r)

    async def test_the_callers_own_id_is_kept(self, client):
        r = await client.get(f"{API}/nowhere", headers={"X-Request-ID": "lb-7f3a9c0e2b4d4e61"})
        assert r.json()["request_id"] == "lb-7f3a9c0e2b4d4e61"

    async def test_unexpected_error(self, settings):
        import httpx

        app = create_app(settings)
        boom = APIRouter()

        @boom.get(f"{API}/explode")
        async def explode():
            raise RuntimeError("secret internal detail")

        app.include_router(boom)
        app.router.routes.insert(0, app.router.routes.pop())
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                r = await http.get(f"{API}/explode", headers={"X-Request-ID": "trace-500"})
            assert r.status_code == 500
            assert_request_id(r)
            assert r.json()["request_id"] == "trace-500"
        finally:
            await app.state.engine.dispose()
