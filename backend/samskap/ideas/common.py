"""Where the web app shows a participation link's form and an idea's receipt."""


def form_path(token: str) -> str:
    """The web app's idea form for a participation link."""
    return f"/i/{token}"


def receipt_path(token: str) -> str:
    """The web app's page that follows an idea by its receipt."""
    return f"/r/{token}"
