"""The request being served, for log lines written while it runs (a slow statement, a
warning deep in a service) to carry its id and route without anyone passing them on."""

from contextvars import ContextVar

from starlette.types import Scope

# The request's ASGI scope: RequestGuard puts the request id into its state, the router the
# matched route, the auth dependency the principal; all are read when a line is written.
current_scope: ContextVar[Scope | None] = ContextVar("samskap_request_scope", default=None)


def current_request_id() -> str | None:
    scope = current_scope.get()
    if scope is None:
        return None
    return (scope.get("state") or {}).get("request_id")


def route_template(scope: Scope) -> str:
    """The path template the request matched (/api/v1/tasks/{id}), never the raw path: a
    label of bounded variety for metrics. Static files are named by their mount."""
    # FastAPI keeps the route an included router matched as the router declared it
    # (/tasks/{id}); the prefixed template is in its route context.
    context = (scope.get("fastapi") or {}).get("effective_route_context")
    template = getattr(context, "path_format", None)
    route = scope.get("route")
    if not template and route is not None:
        template = getattr(route, "path_format", None) or getattr(route, "path", None)
    if template:
        return str(template)
    if "app_root_path" in scope and scope.get("root_path"):
        return scope["root_path"] + "/{path}"
    return "unmatched"
