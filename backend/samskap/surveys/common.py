"""Small pieces the survey modules share."""

from typing import Any

from samskap.problems import Conflict


def answer_path(token: str) -> str:
    """The web app's answer page for a token."""
    return f"/s/{token}"


def conflict(detail: str, code: str, pointer: str | None = None, **params: str) -> Conflict:
    item: dict[str, Any] = {"code": code, "detail": detail}
    if pointer is not None:
        item["pointer"] = pointer
    if params:
        item["params"] = params
    return Conflict(detail, errors=[item])
