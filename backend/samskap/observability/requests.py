"""One log line and one count per request, by a pure ASGI middleware outside everything else
(so that RequestGuard's own refusals, 413 and 415, are logged and counted too)."""

from time import perf_counter

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from samskap.auth.client_address import client_address
from samskap.observability.context import current_request_id, current_scope, route_template
from samskap.observability.logs import get_logger
from samskap.observability.metrics import observe_request

__all__ = ["RequestLog", "current_request_id"]

log = get_logger("samskap.requests")

# Any other method is counted as OTHER: a client must not be able to invent labels.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _caller(scope: Scope) -> str | None:
    """Who called, as the auth dependency established it: a user's or an API token's id,
    never a token, a password or an address."""
    principal = (scope.get("state") or {}).get("principal")
    if principal is None:
        return None
    token_id = getattr(principal, "token_id", None)
    if token_id is not None:
        return f"token:{token_id}"
    user_id = getattr(principal, "user_id", None)
    if user_id is not None:
        return f"user:{user_id}"
    return getattr(principal, "via", None)


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = perf_counter()
        status = 0

        async def send_watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        token = current_scope.set(scope)
        try:
            await self.app(scope, receive, send_watched)
        finally:
            current_scope.reset(token)
            # No answer began: the error goes on to the server, which answers 500.
            self.record(scope, status or 500, perf_counter() - started)

    @staticmethod
    def record(scope: Scope, status: int, seconds: float) -> None:
        method = scope["method"]
        route = route_template(scope)
        observe_request(method if method in _METHODS else "OTHER", route, status, seconds)
        client = scope.get("client")
        peer = client[0] if client else None
        app = scope.get("app")
        proxies = getattr(app.state, "trusted_proxies", ()) if app is not None else ()
        if proxies:  # behind trusted proxies, the client they forwarded (auth/client_address)
            peer = client_address(HTTPConnection(scope))
        (log.error if status >= 500 else log.info)(
            "request",
            request_id=(scope.get("state") or {}).get("request_id"),
            method=method,
            path=scope.get("path"),
            route=route,
            status=status,
            duration_ms=round(seconds * 1000, 2),
            caller=_caller(scope),
            client=peer,
        )
