"""Small pieces the survey modules share."""

import hashlib
import secrets
from typing import Any

from samskap.problems import Conflict


def answer_path(token: str) -> str:
    """The web app's answer page for a token."""
    return f"/s/{token}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def conflict(detail: str, code: str, pointer: str | None = None, **params: str) -> Conflict:
    item: dict[str, Any] = {"code": code, "detail": detail}
    if pointer is not None:
        item["pointer"] = pointer
    if params:
        item["params"] = params
    return Conflict(detail, errors=[item])
