"""Errors as RFC 9457 application/problem+json, for domain errors and framework errors alike."""

import logging
import re
import socket
import sqlite3
import traceback
import uuid
from collections.abc import Mapping
from typing import Any

from asyncpg import exceptions as asyncpg_errors
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("samskap")

PROBLEM_BASE = "https://samskap.no/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemDetailItem(BaseModel):
    """One thing wrong with the request."""

    pointer: str | None = Field(None, description="JSON Pointer into the request body")
    parameter: str | None = Field(None, description="Query or header parameter")
    detail: str = Field(description="What is wrong, in English, for people reading logs")
    code: str | None = Field(
        None,
        description="What is wrong, as a stable code, so that a client can word it in its own "
        "language; `detail` says the same in English",
        examples=["protocol_unsigned"],
    )
    params: dict[str, str] | None = Field(
        None,
        description="The particulars the code's wording needs, such as dates (YYYY-MM-DD)",
        examples=[{"signed_on": "2018-12-20", "decided_on": "2018-12-14"}],
    )


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(
        examples=[PROBLEM_BASE + "validation"],
        description="A URI that names the kind of problem; stable, so a client can branch on it",
    )
    title: str = Field(examples=["Invalid input"], description="The kind of problem, in English")
    status: int = Field(examples=[422], description="The HTTP status code")
    detail: str | None = Field(
        None,
        examples=["ends_on must not be before starts_on"],
        description="What went wrong this time, in English",
    )
    instance: str | None = Field(
        None, examples=["/api/v1/projects"], description="The path of the request"
    )
    errors: list[ProblemDetailItem] | None = Field(
        None, description="Each thing wrong with the request, for validation problems"
    )
    request_id: str | None = Field(
        None,
        description="The request's id (X-Request-ID), also in the server log; give it when "
        "reporting a server error",
    )


class AppError(Exception):
    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"
    # The request's transaction commits despite the error: what it did must stand (a session
    # ended because its refresh token was used twice). Rare; the default is to roll back.
    keeps_changes: bool = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class BadRequest(AppError):
    status, slug, title = 400, "bad-request", "Bad request"


class Unauthorized(AppError):
    status, slug, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str = "Send a valid token: Authorization: Bearer <token>."):
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="samskap"'})


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "Forbidden"


class TooManyRequests(AppError):
    status, slug, title = 429, "too-many-requests", "Too many requests"

    def __init__(self, detail: str, retry_after: int):
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class ServiceUnavailable(AppError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"

    def __init__(
        self,
        detail: str = "The database cannot be reached just now; try again shortly.",
        retry_after: int = 5,
    ):
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class NotFound(AppError):
    status, slug, title = 404, "not-found", "Not found"

    def __init__(self, what: str = "record", *, detail: str | None = None):
        super().__init__(detail or f"No {what} with this id")


class Conflict(AppError):
    status, slug, title = 409, "conflict", "Conflict"


def conflict(detail: str, code: str, pointer: str | None = None, **params: str) -> Conflict:
    """409 with one error item: its stable code, and the field and particulars if given."""
    item: dict[str, Any] = {"code": code, "detail": detail}
    if pointer is not None:
        item["pointer"] = pointer
    if params:
        item["params"] = params
    return Conflict(detail, errors=[item])


class Gone(AppError):
    status, slug, title = 410, "gone", "Gone"


class PreconditionFailed(AppError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class PreconditionRequired(AppError):
    status, slug, title = 428, "precondition-required", "Precondition required"

    def __init__(self) -> None:
        super().__init__(
            "Send If-Match with the ETag of the version your change is based on: read the "
            'record (GET), take its ETag header (such as "3") and send it as If-Match, so '
            "that nobody's change is overwritten unseen.",
            errors=[
                {
                    "parameter": "If-Match",
                    "code": "if_match_required",
                    "detail": "required; send the record's ETag",
                }
            ],
        )


class PayloadTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "Request body too large"

    @classmethod
    def file(cls, limit: int) -> "PayloadTooLarge":
        """An uploaded file over `limit` bytes, with code `file_too_large` at `/file`."""
        return cls(
            f"The file may be at most {limit} bytes.",
            errors=[
                {
                    "pointer": "/file",
                    "code": "file_too_large",
                    "detail": f"at most {limit} bytes",
                    "params": {"max": str(limit)},
                }
            ],
        )


class UnsupportedMediaType(AppError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(AppError):
    status, slug, title = 422, "validation", "Invalid input"

    @classmethod
    def at(
        cls, pointer: str, detail: str, *, code: str, params: dict[str, str] | None = None
    ) -> "ValidationFailed":
        """One field's error: its JSON pointer, a stable `code` and the English `detail`."""
        item: dict[str, Any] = {"pointer": pointer, "code": code, "detail": detail}
        if params:
            item["params"] = params
        return cls(f"{pointer.lstrip('/')}: {detail}", errors=[item])


_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def problem_response(
    request: Request | None,
    status: int,
    slug: str,
    title: str,
    detail: str | None = None,
    errors: list[dict] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if request is not None:
        body["instance"] = request.url.path
    if errors:
        body["errors"] = errors
    if request is not None and (request_id := request.scope.get("state", {}).get("request_id")):
        # The same id as the X-Request-ID header and the request's log line.
        body["request_id"] = request_id
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_STATUS_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    412: ("precondition-failed", "Precondition failed"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
}


def _pointer(loc: tuple) -> tuple[str, str | None]:
    """Turn a pydantic error location into a JSON pointer (body) or a parameter name."""
    where, *rest = loc or ("body",)
    if where == "body":
        return "pointer", "/" + "/".join(str(p) for p in rest)
    return "parameter", str(rest[0]) if rest else str(where)


def _params(err: dict) -> dict[str, str] | None:
    """The particulars of a validator's error (limits, allowed values) as strings."""
    ctx = {k: v for k, v in (err.get("ctx") or {}).items() if k != "error"}
    return {k: str(v) for k, v in ctx.items()} or None


def _validation_errors(exc: RequestValidationError) -> list[dict]:
    items = []
    for err in exc.errors():
        kind, where = _pointer(tuple(err.get("loc", ())))
        code = err.get("type") or "invalid"
        message = err.get("msg", "invalid")
        if code == "extra_forbidden":
            message = "unknown field"
        item: dict[str, Any] = {kind: where, "code": code, "detail": message}
        if params := _params(err):
            item["params"] = params
        items.append(item)
    return items


def body_errors(exc: ValidationError) -> list[dict]:
    """A body refused by its schema outside a request (an imported row), as the API's 422
    words it: a pointer into the body, a code and a detail per error."""
    return _validation_errors(
        RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        )
    )


def error_items(exc: AppError) -> list[dict]:
    """An error's items as its problem document lists them, each with a code and a detail;
    an error without items is one item of its own kind."""
    code = exc.slug.replace("-", "_")
    detail = exc.detail or exc.title
    return [
        {**item, "code": item.get("code") or code, "detail": item.get("detail") or detail}
        for item in (exc.errors or [{}])
    ]


def _missing_if_match(exc: RequestValidationError) -> bool:
    return any(
        e.get("type") == "missing" and tuple(e.get("loc", ()))[:2] == ("header", "if-match")
        for e in exc.errors()
    )


# The driver's own words for "the server is not there for us": connection lost or refused,
# shutting down or starting up, out of connection slots.
_DRIVER_UNAVAILABLE = (
    asyncpg_errors.PostgresConnectionError,
    asyncpg_errors.OperatorInterventionError,
    asyncpg_errors.InsufficientResourcesError,
)
_DATABASE_PACKAGES = {"sqlalchemy", "asyncpg", "aiosqlite"}


def _from_database_layer(exc: BaseException) -> bool:
    return any(
        frame.f_globals.get("__name__", "").partition(".")[0] in _DATABASE_PACKAGES
        for frame, _line in traceback.walk_tb(exc.__traceback__)
    )


def database_unavailable(exc: BaseException) -> bool:
    """Whether the error, or one it arose from, says the database cannot serve the request
    just now (down, restarting, connection lost, no free connection in time, SQLite locked),
    rather than that the request or the code is at fault."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (PoolTimeout, *_DRIVER_UNAVAILABLE)):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, sqlite3.OperationalError) and current.sqlite_errorname.startswith(
            ("SQLITE_BUSY", "SQLITE_LOCKED")
        ):
            return True
        if isinstance(
            current, ConnectionError | TimeoutError | socket.gaierror
        ) and _from_database_layer(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def answer(request: Request, error: AppError) -> JSONResponse:
    """The problem document for a domain error."""
    return problem_response(
        request,
        error.status,
        error.slug,
        error.title,
        error.detail,
        error.errors,
        headers=error.headers,
    )


def _install_unavailable_handler(app: FastAPI) -> None:
    """503 with Retry-After while the database is down, locked or out of free connections."""

    async def unavailable(request: Request, exc: Exception):
        if not database_unavailable(exc):
            raise exc  # not an outage: the handler of unexpected errors answers 500
        log.warning("database unavailable (%s): %s", type(exc).__name__, exc)
        return answer(request, ServiceUnavailable())

    for kind in (DBAPIError, PoolTimeout, OSError, asyncpg_errors.PostgresError):
        app.add_exception_handler(kind, unavailable)


class AnsweredErrorsEndHere:
    """Starlette's outermost middleware answers an unexpected error with the 500 handler and
    then raises it again for the server to log; uvicorn takes that for a broken app and drops
    the connection, without `Connection: close`, so the client's next request on it fails.
    The handler has logged the error and the client has its answer: the error ends here.
    An error after a response began is raised on, since only a closed connection tells the
    client its response is cut short."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answered = False

        async def watched_send(message: Message) -> None:
            nonlocal answered
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                answered = True

        try:
            await self.app(scope, receive, watched_send)
        except Exception:
            if not answered:
                raise


def _allowed_methods(request: Request) -> list[str]:
    """Every method some operation takes at this address (the router names only the first
    route it tried), read from the OpenAPI document so that it says what is documented."""
    app = request.app
    templates = getattr(app.state, "path_methods", None)
    if templates is None:
        templates = [
            (
                re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(path)) + "$"),
                {m.upper() for m in item if m in _HTTP_METHODS},
            )
            for path, item in app.openapi().get("paths", {}).items()
        ]
        app.state.path_methods = templates
    methods: set[str] = set()
    for pattern, allowed in templates:
        if pattern.match(request.url.path):
            methods |= allowed
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    _install_unavailable_handler(app)

    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError):
        return answer(request, exc)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, _exc: StaleDataError):
        return problem_response(
            request,
            412,
            "precondition-failed",
            "Precondition failed",
            "The record was changed by someone else meanwhile; read it again and retry.",
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return problem_response(
                request,
                400,
                "malformed-json",
                "Malformed JSON",
                "The request body is not valid JSON.",
            )
        if _missing_if_match(exc):
            return answer(request, PreconditionRequired())
        errors = _validation_errors(exc)
        detail = "; ".join(
            f"{(e.get('pointer') or e.get('parameter') or '').lstrip('/')}: {e['detail']}"
            for e in errors
        )
        return problem_response(request, 422, "validation", "Invalid input", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        slug, title = _STATUS_SLUGS.get(exc.status_code, ("error", "Error"))
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No resource at this address"
        status, headers = exc.status_code, exc.headers
        allowed: list[str] | None = None
        if status == 404 and request.url.path.startswith("/api/"):
            # The web app's catch-all route answers GET on every address, so an API address
            # that exists for other methods comes here as 404: it is a wrong method.
            allowed = _allowed_methods(request)
            if allowed and request.method not in allowed:
                status, (slug, title) = 405, _STATUS_SLUGS[405]
        if status == 405:
            allowed = _allowed_methods(request) if allowed is None else allowed
            detail = f"{request.method} is not allowed here; use {', '.join(allowed)}"
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        if status == 413:
            limit = request.scope.get(MAX_BODY_SIZE_SCOPE_KEY)
            detail = f"The body may be at most {limit} bytes." if limit else None
        return problem_response(request, status, slug, title, detail, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        request_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex
        log.exception("unhandled error, request_id=%s", request_id, exc_info=exc)
        return problem_response(
            request,
            500,
            "internal",
            "Internal server error",
            "Something went wrong on our side. Quote the request id when reporting it.",
            headers={"X-Request-ID": request_id},
            request_id=request_id,
        )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI declarations of the problem responses an operation can give."""
    descriptions = {
        400: "Malformed request (bad JSON or cursor)",
        401: "No valid token",
        403: "Your role does not allow this",
        429: "Too many requests; see Retry-After",
        404: "Not found",
        409: "Conflict with the current state (duplicate key, record still referred to)",
        410: "No longer available (a closed link, an archived record)",
        412: "If-Match does not match the current version",
        413: "Request body too large",
        415: "Unsupported content type",
        428: "If-Match is missing; send the ETag of the version the change is based on",
        422: "Invalid input",
        500: "Internal server error",
        503: "The database is unavailable or busy; retry after the seconds in Retry-After",
    }
    return {
        s: {
            "description": descriptions.get(s, "Error"),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for s in statuses
    }
