"""Sign-in with the municipality's identity provider: OpenID Connect, authorisation code flow
with PKCE (S256), through Authlib.

The way through:
1. GET /auth/oidc/login: a fresh state, nonce and PKCE verifier go into a signed, HttpOnly,
   SameSite=Lax cookie scoped to /api/v1/auth/oidc that lives ten minutes (named after the
   state, so that two tabs signing in at once do not overwrite each other's); the browser is
   sent to the provider's authorisation endpoint (found by discovery from the issuer).
2. GET /auth/oidc/callback: the state must match a cookie of ours that has not expired (the
   cookie is removed whatever happens); the code is exchanged at the token endpoint with the
   verifier; the ID token is checked (signature by the provider's JWKS, issuer, audience,
   nonce, expiry).
3. The user: the identity (issuer, subject) already linked; else an account with the same
   e-mail address if the provider says the address is verified (linked once, audited); else a
   new account without roles (audited) which a programme administrator gives roles as today.
   An inactive account is refused.
4. The session starts as a password login's does (LoginService), and the browser goes to
   /login/oidc#code=...: a one-time code in the fragment (never sent to a server, never in a
   query string or a log) that the web app exchanges at POST /auth/token (grant `oidc_code`)
   within two minutes for the tokens a password login answers.
Whatever fails sends the browser to /login?error=<code> (the codes in SignInFailed); nothing
secret (codes, tokens, the verifier) is logged.
"""

import logging
import re
import secrets
import time
import uuid
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samskap.audit.log import record_event, snapshot
from samskap.auth.principal import Principal
from samskap.auth.service import LoginService
from samskap.auth.tokens import ISSUER, JWTError
from samskap.auth.tokens import jwt as hs_jwt
from samskap.config import Settings
from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.models import User
from samskap.models.outbound import UserIdentity

# Authlib, joserfc (and the `cryptography` bindings under them) and httpx are imported by the
# methods that talk to the provider, on a process's first sign-in: a worker of an
# installation without an identity provider, or one that nobody has signed in through yet,
# does not hold them (some 10 MB; tests/test_worker_memory.py). Whether a provider is
# configured, the login cookie and the rest of this module need none of them.
if TYPE_CHECKING:
    from authlib.integrations.httpx_client import AsyncOAuth2Client
    from joserfc.jwk import KeySet

log = logging.getLogger("samskap.auth.oidc")

PATH = "/api/v1/auth/oidc"
CALLBACK_PATH = f"{PATH}/callback"
COOKIE_PREFIX = "samskap_oidc_"
LOGIN_SECONDS = 600
# How long a discovery document is trusted before it is read again.
METADATA_SECONDS = 3600
# Clocks of the provider and of Samskap may differ this much.
LEEWAY_SECONDS = 60
# Only asymmetric signatures: a symmetric one would be made with the client secret.
SIGNING_ALGORITHMS = {
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
}
# An account made at sign-in has no password: no Argon2 hash matches this.
NO_PASSWORD = "!"

# Why a sign-in failed, as the login page words it (/login?error=<code>).
FAILURES = {
    "oidc_state": "the sign-in expired or was started elsewhere; start again",
    "oidc_denied": "the identity provider did not sign the user in",
    "oidc_failed": "the identity provider's answer could not be verified",
    "oidc_unavailable": "the identity provider could not be reached",
    "email_missing": "the identity provider gave no e-mail address",
    "email_not_verified": "an account has this e-mail address, which the provider has not verified",
    "account_inactive": "the account is deactivated",
}


class SignInFailed(Exception):
    """A sign-in that ends on the login page with `code` (a key of FAILURES)."""

    def __init__(self, code: str, reason: str | None = None):
        super().__init__(reason or FAILURES[code])
        self.code = code


def safe_return_path(value: str | None) -> str:
    """A path of the web app to come back to: only a local one (never `//host` or a URL),
    so that the sign-in cannot be used to send someone elsewhere."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or len(value) > 1000
        or not value.isprintable()
    ):
        return "/"
    return value


@dataclass(frozen=True)
class Started:
    """Where to send the browser, and the cookie that remembers the sign-in meanwhile."""

    url: str
    cookie_name: str
    cookie_value: str


@dataclass(frozen=True)
class Verified:
    """The provider's verified claims about the user, and where the web app goes next."""

    issuer: str
    claims: dict[str, Any]
    return_to: str


class OidcClient:
    """The relying party: one per application (app.state.oidc), which keeps the provider's
    discovery document and keys between sign-ins."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._metadata: dict[str, Any] | None = None
        self._metadata_read_at = 0.0
        self._keys: KeySet | None = None

    @property
    def configured(self) -> bool:
        return bool(self.settings.oidc_issuer and self.settings.oidc_client_id)

    @property
    def issuer(self) -> str:
        return self.settings.oidc_issuer

    @property
    def redirect_uri(self) -> str:
        return f"{self.settings.public_url.rstrip('/')}{CALLBACK_PATH}"

    @property
    def secure_cookie(self) -> bool:
        return self.settings.public_url.startswith("https://")

    def _client(self) -> "AsyncOAuth2Client":
        with warnings.catch_warnings():
            # Authlib 1.9 would rather have the httpx2 fork; httpx, which Samskap uses
            # everywhere, works as before, and the warning would only clutter the log.
            warnings.filterwarnings("ignore", "The httpx module is deprecated", DeprecationWarning)
            from authlib.integrations.httpx_client import AsyncOAuth2Client

        return AsyncOAuth2Client(
            client_id=self.settings.oidc_client_id,
            client_secret=self.settings.oidc_client_secret or None,
            scope=self.settings.oidc_scopes,
            redirect_uri=self.redirect_uri,
            code_challenge_method="S256",
            timeout=self.settings.oidc_timeout_seconds,
            follow_redirects=False,
        )

    async def start(self, return_to: str | None) -> Started:
        """The provider's authorisation URL for a new sign-in, and its cookie."""
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        async with self._client() as client:
            metadata = await self._metadata_of(client)
            url, _ = client.create_authorization_url(
                metadata["authorization_endpoint"],
                state=state,
                code_verifier=verifier,
                nonce=nonce,
            )
        now = int(time.time())
        cookie = hs_jwt.encode(
            {
                "iss": ISSUER,
                "typ": "oidc_login",
                "iat": now,
                "exp": now + LOGIN_SECONDS,
                "state": state,
                "nonce": nonce,
                "verifier": verifier,
                "return_to": safe_return_path(return_to),
            },
            self.settings.jwt_secret,
            algorithm=self.settings.jwt_algorithm,
        )
        return Started(url=url, cookie_name=cookie_name(state), cookie_value=cookie)

    async def finish(
        self,
        *,
        state: str | None,
        code: str | None,
        error: str | None,
        issuer: str | None,
        cookie: str | None,
    ) -> Verified:
        """Checks the provider's answer against the sign-in's cookie, exchanges the code and
        verifies the ID token."""
        import httpx
        from authlib.integrations.base_client import OAuthError

        if error:
            # The provider's own error (access_denied, login_required, ...) is no secret; it
            # starts no session, so it is worded even when the answer names no state.
            raise SignInFailed("oidc_denied", f"the provider answered {error[:100]!r}")
        started = self._read_cookie(state, cookie)
        if issuer is not None and issuer != self.issuer:
            # RFC 9207: an answer that names another issuer came from another provider.
            raise SignInFailed("oidc_failed", "the answer names another issuer")
        if not code:
            raise SignInFailed("oidc_failed", "no code in the provider's answer")
        async with self._client() as client:
            metadata = await self._metadata_of(client)
            try:
                token = await client.fetch_token(
                    metadata["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=started["verifier"],
                )
            except OAuthError as exc:
                # invalid_grant for a code used before, expired, or not made for this client.
                raise SignInFailed(
                    "oidc_failed", f"the token endpoint refused the code ({exc.error})"
                ) from exc
            except httpx.HTTPError as exc:
                raise SignInFailed(
                    "oidc_unavailable", f"token endpoint: {type(exc).__name__}"
                ) from exc
            except ValueError as exc:  # an answer that is no JSON
                raise SignInFailed("oidc_failed", "the token endpoint's answer is no JSON") from exc
            claims = await self._verify_id_token(client, metadata, token, started["nonce"])
        return Verified(issuer=self.issuer, claims=claims, return_to=started["return_to"])

    def _read_cookie(self, state: str | None, cookie: str | None) -> dict[str, Any]:
        if not state or not cookie:
            raise SignInFailed("oidc_state", "no sign-in cookie for this state")
        try:
            started = hs_jwt.decode(
                cookie,
                self.settings.jwt_secret,
                algorithms=[self.settings.jwt_algorithm],
                issuer=ISSUER,
                options={"require_exp": True, "verify_aud": False},
            )
        except JWTError as exc:
            raise SignInFailed("oidc_state", "the sign-in cookie is invalid or expired") from exc
        if started.get("typ") != "oidc_login" or not secrets.compare_digest(
            str(started.get("state", "")), state
        ):
            raise SignInFailed("oidc_state", "the state does not match the sign-in cookie")
        return started

    async def _metadata_of(self, client: "AsyncOAuth2Client") -> dict[str, Any]:
        """The provider's discovery document, read again after an hour."""
        import httpx

        if self._metadata is not None and time.monotonic() - self._metadata_read_at < (
            METADATA_SECONDS
        ):
            return self._metadata
        url = f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"
        try:
            answer = await client.request("GET", url, withhold_token=True)
            answer.raise_for_status()
            metadata = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SignInFailed("oidc_unavailable", f"discovery: {type(exc).__name__}") from exc
        missing = {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"} - set(metadata)
        if missing:
            raise SignInFailed("oidc_unavailable", f"discovery lacks {sorted(missing)}")
        # OpenID Connect Discovery § 4.3: the document must name the issuer it was read from.
        if metadata["issuer"] != self.issuer:
            raise SignInFailed(
                "oidc_unavailable",
                f"discovery names the issuer {metadata['issuer']!r}, not {self.issuer!r}",
            )
        self._metadata, self._metadata_read_at = metadata, time.monotonic()
        self._keys = None
        return metadata

    async def _key_set(
        self, client: "AsyncOAuth2Client", metadata: dict[str, Any], *, again: bool = False
    ) -> "KeySet":
        import httpx
        from joserfc.errors import JoseError
        from joserfc.jwk import KeySet

        if self._keys is not None and not again:
            return self._keys
        try:
            answer = await client.request("GET", metadata["jwks_uri"], withhold_token=True)
            answer.raise_for_status()
            self._keys = KeySet.import_key_set(answer.json())
        except (httpx.HTTPError, ValueError, JoseError) as exc:
            raise SignInFailed("oidc_unavailable", f"keys: {type(exc).__name__}") from exc
        return self._keys

    async def _verify_id_token(
        self,
        client: "AsyncOAuth2Client",
        metadata: dict[str, Any],
        token: dict[str, Any],
        nonce: str,
    ) -> dict[str, Any]:
        from authlib.oidc.core import CodeIDToken
        from joserfc import jwt as jose_jwt
        from joserfc.errors import InvalidKeyIdError, JoseError
        from joserfc.jws import JWSRegistry

        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise SignInFailed("oidc_failed", "the token endpoint gave no ID token")
        offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        registry = JWSRegistry(algorithms=[a for a in offered if a in SIGNING_ALGORITHMS])
        try:
            try:
                keys = await self._key_set(client, metadata)
                decoded = jose_jwt.decode(id_token, keys, registry=registry)
            except InvalidKeyIdError:
                # The provider has rolled its keys over since they were read.
                keys = await self._key_set(client, metadata, again=True)
                decoded = jose_jwt.decode(id_token, keys, registry=registry)
            claims = CodeIDToken(
                decoded.claims,
                decoded.header,
                {
                    "iss": {"essential": True, "value": self.issuer},
                    "aud": {"essential": True, "value": self.settings.oidc_client_id},
                    "sub": {"essential": True},
                    "nonce": {"essential": True},
                },
                {
                    "nonce": nonce,
                    "client_id": self.settings.oidc_client_id,
                    "access_token": token.get("access_token"),
                },
            )
            claims.validate(leeway=LEEWAY_SECONDS)
        except (JoseError, ValueError) as exc:
            raise SignInFailed("oidc_failed", f"ID token: {exc}") from exc
        return dict(claims)


def cookie_name(state: str) -> str:
    return COOKIE_PREFIX + state


def oidc_client(state: Any) -> OidcClient:
    """The application's relying party (made on first use)."""
    existing = getattr(state, "oidc", None)
    if existing is None:
        existing = state.oidc = OidcClient(state.settings)
    return existing


class SignInService:
    """Finds or makes the account of a verified sign-in and starts its session."""

    def __init__(self, session: AsyncSession, login: LoginService):
        self.session = session
        self.login = login

    async def sign_in(self, verified: Verified, address: str) -> str:
        """The one-time code of a new session for the provider's user."""
        user = await self.user_of(verified)
        if not user.active:
            raise SignInFailed("account_inactive")
        return await self.login.start_handed_over_session(user.id, address, method="oidc")

    async def user_of(self, verified: Verified) -> User:
        """The account of the provider's user: found, linked or made."""
        try:
            async with self.session.begin_nested():
                return await self._user_of(verified)
        except IntegrityError:
            # A sign-in of the same person a moment earlier (a double click at the provider)
            # linked or made the account first: what it wrote is there to be found now.
            log.info("a concurrent sign-in linked the account first; looking it up again")
            async with self.session.begin_nested():
                return await self._user_of(verified)

    async def _user_of(self, verified: Verified) -> User:
        claims = verified.claims
        subject = str(claims["sub"])
        email = _email(claims)
        identity = await self.session.scalar(
            select(UserIdentity).where(
                UserIdentity.issuer == verified.issuer, UserIdentity.subject == subject
            )
        )
        if identity is not None:
            identity.last_login_at = utcnow()
            identity.email = email
            user = await self.session.get(User, identity.user_id)
            assert user is not None  # the identity's foreign key cascades
            return user
        if email is None:
            raise SignInFailed("email_missing")
        user = await self.session.scalar(
            select(User).where(func.lower(User.email) == email.lower())
        )
        if user is not None:
            # OpenID Connect Core § 5.7: an e-mail address says who someone is only where the
            # provider has verified it.
            trusted = self.login.settings.oidc_trust_email
            if claims.get("email_verified") is not True and not trusted:
                raise SignInFailed("email_not_verified")
            if not user.active:
                raise SignInFailed("account_inactive")
            await self._link(user, verified.issuer, subject, email, action="link")
            return user
        user = User(
            id=uuid7(),
            email=email,
            name=_name(claims, email),
            password_hash=NO_PASSWORD,
            system_admin=False,
            active=True,
        )
        self.session.add(user)
        await self.session.flush()
        self._audit(user.id, "create", "user_account", user.id, snapshot(user))
        await self._link(user, verified.issuer, subject, email, action="create")
        return user

    async def _link(self, user: User, issuer: str, subject: str, email: str, action: str) -> None:
        identity = UserIdentity(
            id=uuid7(),
            user_id=user.id,
            issuer=issuer,
            subject=subject,
            email=email,
            created_at=utcnow(),
            last_login_at=utcnow(),
        )
        self.session.add(identity)
        await self.session.flush()
        self._audit(user.id, action, "user_identity", identity.id, snapshot(identity))

    def _audit(
        self, user_id: uuid.UUID, action: str, record_type: str, record_id: uuid.UUID, after: dict
    ) -> None:
        record_event(
            self.session,
            Principal(via="session", user_id=user_id, request_id=self.login.request_id),
            action=action,
            record_type=record_type,
            record_id=record_id,
            programme_id=None,
            after=after,
        )


def _email(claims: dict[str, Any]) -> str | None:
    value = claims.get("email")
    if not isinstance(value, str):
        return None
    value = value.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or "." not in domain or len(value) > 320 or not value.isprintable():
        return None
    return value


def _name(claims: dict[str, Any], email: str) -> str:
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    name = " ".join(name.split()) if isinstance(name, str) else ""
    name = "".join(c for c in name if c.isprintable())
    return (name or email.partition("@")[0])[:200]


_CALLBACK_QUERY = re.compile(r"(/auth/oidc/callback)\?[^\s]*")


class HideCallbackQuery(logging.Filter):
    """Keeps the provider's answer (its authorisation code and state) out of the server's
    access log: the callback is logged as `/api/v1/auth/oidc/callback?…`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _CALLBACK_QUERY.sub(r"\1?…", a) if isinstance(a, str) else a for a in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = _CALLBACK_QUERY.sub(r"\1?…", record.msg)
        return True


def hide_callback_query_in_access_log() -> None:
    """Install HideCallbackQuery on uvicorn's access log (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideCallbackQuery) for f in access.filters):
        access.addFilter(HideCallbackQuery())


def login_page_error(code: str) -> str:
    """Where the browser goes when a sign-in failed."""
    return f"/login?error={quote(code)}"
