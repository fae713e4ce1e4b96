"""Access tokens (JWT, short-lived), refresh tokens and API tokens (opaque, stored hashed)."""

import base64
import hashlib
import hmac
import secrets
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from jose import JWTError

from samskap.config import Settings
from samskap.db import utcnow

# python-jose chooses its key backends when `jose.jwt` is first imported, and takes the
# `cryptography` one when it can: OpenSSL's bindings, some 6 MB in every worker process,
# plus the pure-Python `rsa` one, for RSA, EC and AES keys. Samskap's own JWTs (access
# tokens, the sign-in cookie) are HMAC only (settings.jwt_algorithm: HS256, HS384 or HS512,
# keyed by settings.jwt_secret), which jose signs and checks with its native key (the
# standard library's hmac and hashlib) once those two are left out.
_KEY_BACKENDS_NOT_USED = ("jose.backends.cryptography_backend", "jose.backends.rsa_backend")


@contextmanager
def _unused_key_backends_left_out() -> Iterator[None]:
    """While jose chooses its backends (when it has not yet), an import of the unused ones
    fails (a None in sys.modules); after that, whatever else imports them still can."""
    if "jose.backends" in sys.modules:
        yield
        return
    left_out = [name for name in _KEY_BACKENDS_NOT_USED if name not in sys.modules]
    for name in left_out:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in left_out:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


with _unused_key_backends_left_out():
    from jose import jwt

ISSUER = "samskap"
API_TOKEN_PREFIX = "smk_"
REFRESH_TOKEN_PREFIX = "smr_"
# The one-time code that hands a session started at the identity provider to the web app.
SIGN_IN_CODE_PREFIX = "smo_"


def digest(secret: str) -> str:
    """Tokens are long random strings, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret(prefix: str = "") -> str:
    """32 random bytes, URL-safe (43 characters), after the prefix if any."""
    return prefix + secrets.token_urlsafe(32)


def new_refresh_token(settings: Settings, session_id: uuid.UUID) -> str:
    """A refresh token names its session and is signed, so that a rotated token shown again is
    known as one this server issued for that session (reuse), not as a random string."""
    return _session_secret(settings, REFRESH_TOKEN_PREFIX, session_id)


def refresh_token_session(settings: Settings, token: str) -> uuid.UUID | None:
    """The session a refresh token was issued for; None for one this server did not issue."""
    return _secret_session(settings, REFRESH_TOKEN_PREFIX, token)


def new_sign_in_code(settings: Settings, session_id: uuid.UUID) -> str:
    """A one-time code for a session started through the identity provider: the web app
    exchanges it for the session's tokens (POST /auth/token, grant `oidc_code`). Signed for
    this purpose only, so that neither a refresh token nor this code passes for the other."""
    return _session_secret(settings, SIGN_IN_CODE_PREFIX, session_id)


def sign_in_code_session(settings: Settings, code: str) -> uuid.UUID | None:
    """The session a sign-in code was issued for; None for one this server did not issue."""
    return _secret_session(settings, SIGN_IN_CODE_PREFIX, code)


def _session_secret(settings: Settings, prefix: str, session_id: uuid.UUID) -> str:
    session_hex, nonce = session_id.hex, secrets.token_urlsafe(32)
    return f"{prefix}{session_hex}.{nonce}.{_sign(settings, prefix, session_hex, nonce)}"


def _secret_session(settings: Settings, prefix: str, token: str) -> uuid.UUID | None:
    if not token.startswith(prefix):
        return None
    parts = token.removeprefix(prefix).split(".")
    if len(parts) != 3:
        return None
    session_hex, nonce, signature = parts
    expected = _sign(settings, prefix, session_hex, nonce)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return None
    try:
        return uuid.UUID(hex=session_hex)
    except ValueError:
        return None


_PURPOSES = {
    REFRESH_TOKEN_PREFIX: "samskap-refresh-token",
    SIGN_IN_CODE_PREFIX: "samskap-sign-in-code",
}


def _sign(settings: Settings, prefix: str, session_hex: str, nonce: str) -> str:
    message = f"{_PURPOSES[prefix]}:{session_hex}:{nonce}".encode()
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
