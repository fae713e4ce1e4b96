"""Access tokens (JWT, short-lived), refresh tokens and API tokens (opaque, stored hashed)."""

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from jose import JWTError, jwt

from samskap.config import Settings
from samskap.db import utcnow

ISSUER = "samskap"
API_TOKEN_PREFIX = "smk_"
REFRESH_TOKEN_PREFIX = "smr_"


def digest(secret: str) -> str:
    """Tokens are long random strings, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret(prefix: str = "") -> str:
    """32 random bytes, URL-safe (43 characters), after the prefix if any."""
    return prefix + secrets.token_urlsafe(32)


def new_refresh_token(settings: Settings, session_id: uuid.UUID) -> str:
    """A refresh token names its session and is signed, so that a rotated token shown again is
    known as one this server issued for that session (reuse), not as a random string."""
    session_hex, nonce = session_id.hex, secrets.token_urlsafe(32)
    return f"{REFRESH_TOKEN_PREFIX}{session_hex}.{nonce}.{_sign(settings, session_hex, nonce)}"


def refresh_token_session(settings: Settings, token: str) -> uuid.UUID | None:
    """The session a refresh token was issued for; None for one this server did not issue."""
    if not token.startswith(REFRESH_TOKEN_PREFIX):
        return None
    parts = token.removeprefix(REFRESH_TOKEN_PREFIX).split(".")
    if len(parts) != 3:
        return None
    session_hex, nonce, signature = parts
    expected = _sign(settings, session_hex, nonce)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return None
    return uuid.UUID(hex=session_hex)


def _sign(settings: Settings, session_hex: str, nonce: str) -> str:
    message = f"samskap-refresh-token:{session_hex}:{nonce}".encode()
    mac = hmac.new(settings.jwt_secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    expires_at: datetime


def issue_access_token(settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID) -> str:
    now = utcnow()
    claims = {
        "iss": ISSUER,
        "sub": str(user_id),
        "sid": str(session_id),
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=settings.access_token_minutes)).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


class InvalidToken(Exception):
    pass


def read_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verify signature, algorithm, issuer and expiry; only the configured algorithm passes."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != settings.jwt_algorithm:
            raise InvalidToken("algorithm not accepted")
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            issuer=ISSUER,
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
        if claims.get("typ") != "access":
            raise InvalidToken("not an access token")
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            session_id=uuid.UUID(claims["sid"]),
            expires_at=datetime.fromtimestamp(claims["exp"]).astimezone(),
        )
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken(str(exc)) from exc
