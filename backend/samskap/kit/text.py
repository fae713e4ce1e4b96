"""Text the API refuses: control characters other than tab and line breaks."""

import re
from typing import Annotated, Any

from pydantic import StringConstraints

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The same rule as a JSON Schema pattern, so that the OpenAPI document says it.
PLAIN_TEXT_PATTERN = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$"


def document_plain_text(schema: dict[str, Any]) -> None:
    """Give every free-text string in a JSON schema the pattern that refuses control characters."""
    if schema.get("type") == "string" and not {"format", "pattern", "enum", "const"} & set(schema):
        schema["pattern"] = PLAIN_TEXT_PATTERN
    for member in schema.get("anyOf", []):
        document_plain_text(member)
    if isinstance(schema.get("items"), dict):
        document_plain_text(schema["items"])


def has_control_character(value: Any) -> bool:
    """Whether a string, or any string inside a list or mapping, holds a control character."""
    if isinstance(value, str):
        return _CONTROL.search(value) is not None
    if isinstance(value, list | tuple | set | frozenset):
        return any(has_control_character(v) for v in value)
    if isinstance(value, dict):
        return any(has_control_character(k) or has_control_character(v) for k, v in value.items())
    return False


PlainText = Annotated[str, StringConstraints(pattern=PLAIN_TEXT_PATTERN)]


def uploaded_file_name(raw: str | None) -> str:
    """An uploaded file's name as kept: without any folder part, without control characters
    (which a multipart header can carry), at most 255 long."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 254 - len(extension)]}{dot}{extension}" if dot else name[:255]
    return name
