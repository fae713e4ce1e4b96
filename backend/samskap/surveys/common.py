"""Small pieces the survey modules share."""


def answer_path(token: str) -> str:
    """The web app's answer page for a token."""
    return f"/s/{token}"
