"""ASGI middleware: request ids, body size limit and content types, before any route runs."""

import uuid

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from samskap.problems import PROBLEM_BASE, PROBLEM_MEDIA_TYPE

_BODY_METHODS = {"POST", "PUT", "PATCH"}
_JSON_TYPES = {"application/json", "application/merge-patch+json"}
_UPLOAD_TYPE = "multipart/form-data"


_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
]
# The interactive API docs (Swagger UI, ReDoc) load their files from Samskap only (see
# apidocs/); both set inline styles and use data: images, ReDoc runs its search in a worker.
_DOCS_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    b"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_DOCS_PAGES = ("/docs", "/redoc")
_DOCS_ASSETS = "/docs/assets/"
_API_CSP = b"default-src 'none'; frame-ancestors 'none'"
# The web app: its own scripts only; Designsystemet sets some inline styles.
_APP_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
    b"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    headers = list(_COMMON_HEADERS)
    if path.endswith(_DOCS_PAGES) or _DOCS_ASSETS in path:
        headers.append((b"content-security-policy", _DOCS_CSP))
    elif path.startswith("/api/"):
        headers.append((b"content-security-policy", _API_CSP))
        headers.append((b"cache-control", b"no-store"))
    else:
        headers.append((b"content-security-policy", _APP_CSP))
    return headers


async def _problem(
    scope: Scope, send: Send, status: int, slug: str, title: str, detail: str, request_id: str
) -> None:
    import json

    body = json.dumps(
        {
            "type": PROBLEM_BASE + slug,
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope.get("path"),
            "request_id": request_id,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"x-request-id", request_id.encode()),
                *security_headers(scope.get("path", "")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Gives every request an id and security headers, and refuses non-JSON bodies (415).

    The framework counts the bytes of every body as they arrive (FastAPI's `max_body_size`,
    set in main.py), chunked or not; a body whose Content-Length already says it is too
    large is answered here, as a problem document, before anything reads it."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        path: str = scope.get("path", "")
        method: str = scope["method"]

        if method in _BODY_METHODS and path.startswith("/api/"):
            length = headers.get("content-length")
            media_type = headers.get("content-type", "").split(";")[0].strip().lower()
            # A file upload is limited by its own operation (max_upload_bytes), not here.
            uploading = media_type == _UPLOAD_TYPE
            if (
                not uploading
                and length is not None
                and length.isdigit()
                and int(length) > self.max_body_bytes
            ):
                await _problem(
                    scope,
                    send,
                    413,
                    "payload-too-large",
                    "Request body too large",
                    f"The body may be at most {self.max_body_bytes} bytes.",
                    request_id,
                )
                return
            has_body = (length not in (None, "0")) or "transfer-encoding" in headers
            if has_body and media_type not in _JSON_TYPES and not uploading:
                await _problem(
                    scope,
                    send,
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "Send the body as application/json (or "
                    "application/merge-patch+json for PATCH).",
                    request_id,
                )
                return

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                present = {name.lower() for name, _ in message["headers"]}
                message["headers"] = [
                    *message["headers"],
                    *[
                        (name, value)
                        for name, value in [
                            (b"x-request-id", request_id.encode()),
                            *security_headers(path),
                        ]
                        if name not in present
                    ],
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)
