"""The raw-driver reference app of `make bench`: what the same answers cost with no framework.

A bare ASGI app on asyncpg and orjson, run under uvicorn with one worker like Samskap. It
answers the requests the bench sends Samskap with the statements Samskap issues for them
(captured from Samskap's engine and copied here, the keyset row-value condition included)
and the same JSON, byte for byte where the bench compares them:

- `GET /api/v1/tasks/{id}`: the API token looked up by its hash (Samskap's statement, its
  check of revocation and expiry, and its once-a-minute `UPDATE` of last use), then the task
  narrowed to the token's programme; 404 when it is not there.
- `GET /api/v1/tasks?programme_id&project_id&status&limit&cursor`: the token, then one page
  in `created_at, id` order with Samskap's cursor (base64url JSON of sort, value and id).

Not done here, on purpose: the request id, security headers, rate limits, problem+json
details, validation beyond what the statements need. It is a floor to compare against, not
a second implementation. Its database comes from SAMSKAP_BENCH_RAW_DATABASE_URL.
"""

import base64
import hashlib
import json
import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import asyncpg
import orjson

# Samskap's statements, as its engine sends them (tests/bench_scale.py prints them from a
# live capture at the start of every run, to compare with these).
TOKEN_SQL = (
    "SELECT api_token.id, api_token.programme_id, api_token.scope, api_token.revoked_at, "
    "api_token.expires_at, api_token.last_used_at \nFROM api_token \n"
    "WHERE api_token.token_hash = $1::VARCHAR"
)
TOKEN_USED_SQL = (
    "UPDATE api_token SET last_used_at=$1::TIMESTAMP WITH TIME ZONE, "
    "updated_at=$2::TIMESTAMP WITH TIME ZONE WHERE api_token.id = $3::UUID"
)
TASK_COLUMNS = (
    "task.project_id, task.phase_id, task.group_id, task.parent_id, task.title, "
    "task.description, task.assignee_id, task.status, task.priority, task.due_on, task.id, "
    "task.created_at, task.updated_at, task.version, task.programme_id, task.external_id"
)
# A list reads the read model's columns, in its fields' order (CrudService.row_columns).
LIST_COLUMNS = (
    "task.id, task.created_at, task.updated_at, task.version, task.programme_id, "
    "task.project_id, task.phase_id, task.group_id, task.parent_id, task.title, "
    "task.description, task.assignee_id, task.status, task.priority, task.due_on, "
    "task.external_id"
)
TASK_SQL = (
    f"SELECT {TASK_COLUMNS} \nFROM task \nWHERE task.id = $1::UUID AND task.programme_id = $2::UUID"
)
LIST_SQL = (
    f"SELECT {LIST_COLUMNS} \nFROM task \n"
    "WHERE task.programme_id = $1::UUID AND task.programme_id = $2::UUID "
    "AND task.project_id = $3::UUID AND task.status = $4::VARCHAR "
    "ORDER BY task.created_at ASC, task.id ASC \n LIMIT $5::INTEGER"
)
LIST_AFTER_SQL = (
    f"SELECT {LIST_COLUMNS} \nFROM task \n"
    "WHERE task.programme_id = $1::UUID AND task.programme_id = $2::UUID "
    "AND task.project_id = $3::UUID AND task.status = $4::VARCHAR "
    "AND (task.created_at, task.id) > ($5::TIMESTAMP WITH TIME ZONE, $6::UUID) "
    "ORDER BY task.created_at ASC, task.id ASC \n LIMIT $7::INTEGER"
)
# The order of TaskRead's fields in Samskap's answer.
FIELDS = (
    "id", "created_at", "updated_at", "version", "programme_id", "project_id", "phase_id",
    "group_id", "parent_id", "title", "description", "assignee_id", "status", "priority",
    "due_on", "external_id",
)  # fmt: skip
# asyncpg reads uuid columns as its own UUID type, which orjson writes through `default`.
JSON_OPTIONS = orjson.OPT_UTC_Z

_pool: asyncpg.Pool | None = None


def _record(row: asyncpg.Record) -> dict:
    return {name: row[name] for name in FIELDS}


def _encode_cursor(created_at: datetime, last_id: uuid.UUID) -> str:
    raw = json.dumps(
        {"s": "created_at", "v": created_at.isoformat(), "i": str(last_id)},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    if data["s"] != "created_at":
        raise ValueError("another sort")
    return datetime.fromisoformat(data["v"]), uuid.UUID(data["i"])


async def _send(send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _problem(status: int, title: str) -> bytes:
    return orjson.dumps({"status": status, "title": title})


# Samskap keeps a caller it has looked up for a few seconds per process (when its
# auth/principal.py has CALLER_CACHE_SECONDS); the bench passes that period here, so that
# both send the same statements. 0: every request looks the token up.
CALLER_SECONDS = float(os.environ.get("SAMSKAP_BENCH_RAW_CALLER_SECONDS", "0"))
_callers: dict[bytes, dict] = {}


async def _caller(conn, headers) -> uuid.UUID | None:
    """The token's programme, as Samskap establishes it (without its rate limit)."""
    authorization = b""
    for name, value in headers:
        if name == b"authorization":
            authorization = value
    if not authorization.startswith(b"Bearer "):
        return None
    now = datetime.now(UTC)
    known = _callers.get(authorization)
    if known is None or known["until"] < time.monotonic():
        secret = authorization[7:].decode()
        row = await conn.fetchrow(TOKEN_SQL, hashlib.sha256(secret.encode()).hexdigest())
        if row is None or row["revoked_at"] is not None:
            return None
        known = dict(row)
        known["until"] = time.monotonic() + CALLER_SECONDS
        if CALLER_SECONDS > 0:
            _callers[authorization] = known
    if known["expires_at"] <= now:
        return None
    if known["last_used_at"] is None or now - known["last_used_at"] > timedelta(minutes=1):
        await conn.execute(TOKEN_USED_SQL, now, now, known["id"])
        known["last_used_at"] = now
    return known["programme_id"]


async def _one(conn, programme_id: uuid.UUID, task_id: str) -> tuple[int, bytes]:
    try:
        wanted = uuid.UUID(task_id)
    except ValueError:
        return 422, _problem(422, "Invalid input")
    row = await conn.fetchrow(TASK_SQL, wanted, programme_id)
    if row is None:
        return 404, _problem(404, "Not found")
    return 200, orjson.dumps(_record(row), default=str, option=JSON_OPTIONS)


async def _list(conn, programme_id: uuid.UUID, query: bytes) -> tuple[int, bytes]:
    params = {k: v[-1] for k, v in parse_qs(query.decode()).items()}
    try:
        if uuid.UUID(params["programme_id"]) != programme_id:
            return 200, orjson.dumps({"items": [], "next_cursor": None})
        project_id = uuid.UUID(params["project_id"])
        status = params["status"]
        limit = int(params.get("limit", 50))
        cursor = _decode_cursor(params["cursor"]) if params.get("cursor") else None
    except (KeyError, ValueError, TypeError):
        return 422, _problem(422, "Invalid input")
    narrowed = (programme_id, programme_id, project_id, status)
    if cursor is None:
        rows = await conn.fetch(LIST_SQL, *narrowed, limit + 1)
    else:
        rows = await conn.fetch(LIST_AFTER_SQL, *narrowed, *cursor, limit + 1)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = _encode_cursor(rows[-1]["created_at"], rows[-1]["id"])
    page = {"items": [_record(r) for r in rows], "next_cursor": next_cursor}
    return 200, orjson.dumps(page, default=str, option=JSON_OPTIONS)


async def app(scope, receive, send):
    global _pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                dsn = os.environ["SAMSKAP_BENCH_RAW_DATABASE_URL"]
                _pool = await asyncpg.create_pool(
                    dsn.replace("postgresql+asyncpg://", "postgresql://"),
                    min_size=10,
                    max_size=20,
                )
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _pool is not None:
                    await _pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    assert scope["type"] == "http" and _pool is not None
    path = scope["path"]
    if path == "/api/v1/health":
        await _send(send, 200, b'{"status":"ok"}')
        return
    async with _pool.acquire() as conn:
        programme_id = await _caller(conn, scope["headers"])
        if programme_id is None:
            status, body = 401, _problem(401, "Unauthorized")
        elif path == "/api/v1/tasks":
            status, body = await _list(conn, programme_id, scope["query_string"])
        elif path.startswith("/api/v1/tasks/"):
            status, body = await _one(conn, programme_id, path.rsplit("/", 1)[1])
        else:
            status, body = 404, _problem(404, "Not found")
    await _send(send, status, body)
