"""Standard Webhooks (https://www.standardwebhooks.com): the secret, the message id and the
signature every delivery carries."""

import base64
import hashlib
import hmac
import secrets
import uuid

SECRET_PREFIX = "whsec_"
USER_AGENT = "Samskap-Webhooks/1"


def new_secret() -> str:
    """The prefix "whsec_" and the base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def secret_hint(secret: str) -> str:
    """Enough of the secret to recognise it, never enough to sign with."""
    return f"{SECRET_PREFIX}…{secret[-4:]}"


def message_id(delivery_id: uuid.UUID) -> str:
    """The `webhook-id` of every attempt at one delivery, so that a receiver can tell a
    retry from a new event."""
    return f"msg_{delivery_id.hex}"


def signature(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    """The prefix "v1," and the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", keyed with
    the base64-decoded part of the secret after "whsec_"."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    mac = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def headers(secret: str, msg_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, msg_id, timestamp, body),
    }
