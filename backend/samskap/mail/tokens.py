"""The token in the link to a person's mail choices: their address, signed with the server's
key (HMAC-SHA256 with SAMSKAP_JWT_SECRET). It does not expire: the link is in every mail the
address has received, and it opens nothing but that address's choices."""

import base64
import hashlib
import hmac

from samskap.config import Settings

_PURPOSE = b"samskap-mail-preferences\x00"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def normal_address(email: str) -> str:
    """An address as mail choices key it: trimmed, lower case."""
    return email.strip().lower()


def _signature(settings: Settings, email: str) -> bytes:
    return hmac.new(
        settings.jwt_secret.encode(), _PURPOSE + email.encode(), hashlib.sha256
    ).digest()


def mail_token(settings: Settings, email: str) -> str:
    """The signed token naming `email` (normalised)."""
    email = normal_address(email)
    return f"{_b64(email.encode())}.{_b64(_signature(settings, email))}"


def read_mail_token(settings: Settings, token: str) -> str | None:
    """The address a token names, or None when it is not one this server signed."""
    encoded, _, signature = token.partition(".")
    if not encoded or not signature or len(token) > 1000:
        return None
    try:
        email = _unb64(encoded).decode()
        given = _unb64(signature)
    except (ValueError, UnicodeDecodeError):
        return None
    if email != normal_address(email) or "@" not in email:
        return None
    if not hmac.compare_digest(given, _signature(settings, email)):
        return None
    return email


def choices_url(settings: Settings, email: str) -> str:
    """The web app's page of the address's choices: the link at the end of every mail."""
    return f"{settings.public_url.rstrip('/')}/mail-preferences/{mail_token(settings, email)}"
