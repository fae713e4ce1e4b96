"""Finding a request's route by its first path segments instead of trying every route.

The application's router asks its routes one after another whether a path is theirs, and
an included router asks each of its own routes, twice (once to match, once to handle): a
read of one task tried some eighty path patterns, a fifth of its CPU. `RouteIndex` is the
router's first route. It knows, for every other route, the literal segments its paths begin
with (`/api/v1/tasks/{id}`: api, v1, tasks) and tries, for a request, only the routes that
could match it, in the router's own order; the first full match handles the request as the
router would have handed it over. When none matches fully it declines, and the router's own
loop (405 for a known path with another method, redirects, 404) runs as before: a miss costs
what it cost without the index, a hit a few pattern matches.
"""

from collections.abc import Sequence
from typing import Any

from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send

# How many leading segments decide (api, v1 and the resource's name), and how many request
# prefixes are remembered (their number is bounded by the routes' own for known paths; any
# path may arrive, so the memory is cleared when it is full).
DEPTH = 3
REMEMBERED = 2048

_ROUTE = "samskap.route_index.route"


def _literal_prefix(path: str) -> tuple[str, ...]:
    """The literal segments a path begins with, up to DEPTH, ending at its first parameter."""
    literal: list[str] = []
    for segment in path.split("/")[1 : DEPTH + 1]:
        if "{" in segment:
            break
        literal.append(segment)
    return tuple(literal)


class RouteIndex(BaseRoute):
    """The first route of a router: the routes after it, by the segments they begin with."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        self._routes = routes
        self._indexed: list[tuple[BaseRoute, tuple[tuple[str, ...], ...]]] | None = None
        self._indexed_count = -1
        self._candidates: dict[tuple[str, ...], Sequence[BaseRoute]] = {}

    def _index(self) -> list[tuple[BaseRoute, tuple[tuple[str, ...], ...]]]:
        # Built on the first request, and again if routes were added since.
        if self._indexed is None or self._indexed_count != len(self._routes):
            indexed = []
            for route in self._routes:
                if route is self:
                    continue
                prefixes = set()
                for context in iter_route_contexts([route]):
                    path = getattr(context, "path", None)
                    # A route without a path (a host, a custom route) may match anything.
                    prefixes.add(_literal_prefix(path) if isinstance(path, str) else ())
                indexed.append((route, tuple(prefixes)))
            self._indexed = indexed
            self._indexed_count = len(self._routes)
            self._candidates = {}
        return self._indexed

    def candidates(self, path: str) -> Sequence[BaseRoute]:
        """The routes that could match `path`, in the router's order."""
        indexed = self._index()
        key = tuple(path.split("/")[1 : DEPTH + 1])
        found = self._candidates.get(key)
        if found is None:
            found = tuple(
                route
                for route, prefixes in indexed
                if any(key[: len(prefix)] == prefix for prefix in prefixes)
            )
            if len(self._candidates) >= REMEMBERED:
                self._candidates.clear()
            self._candidates[key] = found
        return found

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        # The path the routes see: without the root path the app is mounted at, as
        # Starlette takes it off (starlette._utils.get_route_path).
        path = scope.get("path", "")
        root_path = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            rest = path[len(root_path) :]
            if rest == "" or rest.startswith("/"):
                path = rest
        for route in self.candidates(path):
            match, child_scope = route.matches(scope)
            if match == Match.FULL:
                return Match.FULL, {**child_scope, _ROUTE: route}
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route: BaseRoute = scope.pop(_ROUTE)
        await route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        raise NoMatchFound(name, path_params)


def index_routes(routes: list[BaseRoute]) -> RouteIndex:
    """Puts a RouteIndex first among `routes` (a router's own list) and returns it."""
    index = RouteIndex(routes)
    routes.insert(0, index)
    return index
