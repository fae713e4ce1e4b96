"""ETag / If-Match: a record's version is its entity tag."""

from samskap.problems import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse the write unless the caller's If-Match names the current version (or is `*`)."""
    if if_match is None:
        raise PreconditionRequired()
    tags = [t.strip() for t in if_match.split(",") if t.strip()]
    if "*" in tags:
        return
    wanted = {t.removeprefix("W/").strip('"') for t in tags}
    if str(version) not in wanted:
        raise PreconditionFailed(
            f"The record is at version {version}, not {', '.join(sorted(wanted))}: "
            "someone changed it meanwhile. Read it again and retry."
        )
