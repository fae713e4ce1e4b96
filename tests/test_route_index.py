"""The route index picks, for every path the API documents, the route the router's own loop
would have picked, and leaves what no route matches fully (405, 404) to that loop."""

import re
import uuid

from fastapi import APIRouter
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import Match

from samskap.kit.route_index import REMEMBERED, RouteIndex, index_routes

ID = str(uuid.uuid4())


def _scope(method: str, path: str) -> dict:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }


def _concrete(path: str) -> str:
    """A path the pattern matches: every parameter an id, a path parameter two segments."""
    path = re.sub(r"\{[^}]+:path\}", "some/where", path)
    return re.sub(r"\{[^}]+\}", ID, path)


def _router_pick(routes, scope: dict):
    """What the router's loop picks among the routes after the index: the first full match."""
    for route in routes[1:]:
        match, _ = route.matches(dict(scope))
        if match == Match.FULL:
            return route
    return None


def _index(app) -> RouteIndex:
    index = app.router.routes[0]
    assert isinstance(index, RouteIndex)
    return index


def _operations(app) -> list[tuple[str, str]]:
    found = []
    for context in iter_route_contexts(app.routes[1:]):
        if isinstance(context.original_route, APIRoute):
            for method in sorted(context.methods):
                found.append((method, context.path))
    return found


async def test_every_operation_is_routed_as_the_router_would(app):
    routes = app.router.routes
    index = _index(app)
    operations = _operations(app)
    assert len(operations) > 250  # the whole API, not a few routes
    for method, path in operations:
        scope = _scope(method, _concrete(path))
        match, child_scope = index.matches(dict(scope))
        expected = _router_pick(routes, scope)
        assert match == Match.FULL, (method, path)
        assert child_scope["samskap.route_index.route"] is expected, (method, path)


async def test_a_known_path_with_another_method_is_left_to_the_router(app, client):
    index = _index(app)
    match, _ = index.matches(_scope("PUT", f"/api/v1/tasks/{ID}"))
    assert match == Match.NONE

    response = await client.put(f"/api/v1/tasks/{ID}", json={})
    assert response.status_code == 405
    assert "PATCH" in response.headers["allow"]


async def test_an_unknown_path_is_left_to_the_router(app, client):
    # Only the web app's catch-all (when the app is built) matches it, as it would without
    # the index; it answers the API's unknown paths with 404.
    index = _index(app)
    scope = _scope("GET", "/api/v1/no-such-thing")
    match, child_scope = index.matches(dict(scope))
    expected = _router_pick(app.router.routes, scope)
    if expected is None:
        assert match == Match.NONE
    else:
        assert child_scope["samskap.route_index.route"] is expected
        assert expected.path == "/{path:path}"

    response = await client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_routed_request_is_answered_by_its_route(client):
    created = await client.post("/api/v1/programmes", json={"name": "Indeksert"})
    assert created.status_code == 201, created.text
    programme = created.json()
    response = await client.get(f"/api/v1/programmes/{programme['id']}")
    assert response.status_code == 200
    assert response.json()["name"] == "Indeksert"


async def _answer() -> dict:
    return {}


def _indexed(*paths: str) -> tuple[APIRouter, RouteIndex]:
    """A router with a GET route on each path, and its index (`index_routes`)."""
    router = APIRouter()
    for path in paths:
        router.add_api_route(path, _answer)
    return router, index_routes(router.routes)


def test_the_remembered_prefixes_are_bounded():
    _, index = _indexed("/api/v1/things/{id}")
    for number in range(REMEMBERED + 10):
        index.candidates(f"/x{number}/y/z")
    assert len(index._candidates) <= REMEMBERED
    assert [route.path for route in index.candidates(f"/api/v1/things/{ID}")] == [
        "/api/v1/things/{id}"
    ]
    assert index.candidates("/api/v1/other") == ()


def test_routes_added_after_the_first_request_are_indexed():
    router, index = _indexed("/api/v1/first")
    assert index.candidates("/api/v1/second") == ()
    router.add_api_route("/api/v1/second", _answer)
    assert [route.path for route in index.candidates("/api/v1/second")] == ["/api/v1/second"]


def test_a_route_beginning_with_a_parameter_is_a_candidate_for_every_path():
    _, index = _indexed("/api/v1/things", "/{path:path}")
    assert [route.path for route in index.candidates("/api/v1/things")] == [
        "/api/v1/things",
        "/{path:path}",
    ]
    assert [route.path for route in index.candidates("/elsewhere")] == ["/{path:path}"]


def test_a_root_path_is_taken_off_as_the_router_takes_it_off():
    _, index = _indexed("/api/v1/things")
    mounted = {**_scope("GET", "/samskap/api/v1/things"), "root_path": "/samskap"}
    match, child_scope = index.matches(mounted)
    assert match == Match.FULL
    assert child_scope["samskap.route_index.route"].path == "/api/v1/things"
    # A path that only begins with the same letters is not under the root path.
    beside = {**_scope("GET", "/samskapx/api/v1/things"), "root_path": "/samskap"}
    assert index.matches(beside)[0] == Match.NONE
