"""The secrets of participation links and idea receipts: made here, kept only as SHA-256."""

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def form_path(token: str) -> str:
    """The web app's idea form for a participation link."""
    return f"/i/{token}"


def receipt_path(token: str) -> str:
    """The web app's page that follows an idea by its receipt."""
    return f"/r/{token}"
