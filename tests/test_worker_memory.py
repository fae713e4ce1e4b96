"""A serving worker does not hold libraries that only some requests need: they are imported
when first used, so each of several worker processes stays small."""

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.oidc_server import Provider, oidc_provider

# Imported by the requests that need them (exports and templates as XLSX, hearing summaries
# as DOCX, calendar feeds and invitations, reading uploaded workbooks, migrating).
ON_DEMAND = ("openpyxl", "docx", "lxml", "icalendar", "python_calamine", "alembic", "mako")
# Imported by a process's first sign-in at the identity provider: Authlib, joserfc and the
# OpenSSL bindings of `cryptography` under them (auth/oidc.py).
IDENTITY_PROVIDER = ("authlib", "joserfc", "cryptography.hazmat")
# python-jose's key backends for RSA, EC and AES keys: Samskap's JWTs are HMAC only, so jose
# is imported without them (auth/tokens.py).
UNUSED_JWT_KEYS = ("jose.backends.cryptography_backend", "jose.backends.rsa_backend", "rsa")
# The Redis client: imported only when rate limits are counted in Redis (redis://).
REDIS = ("redis",)
# The HTTP client (and the command-line tool's click and pygments it brings): imported when
# a job worker opens its client to deliver webhooks, or at a sign-in through the provider.
HTTP_CLIENT = ("httpx", "click", "pygments")

LOADED = """
def loaded(*names):
    return sorted(
        m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in names)
    )
"""

PROBE = (
    """
import json, sys
from samskap import cli
from samskap.main import create_app
create_app()
"""
    + LOADED
    + """
print(json.dumps(loaded(*{names})))
"""
)

ENV = {"SAMSKAP_ENVIRONMENT": "development", "PATH": "/usr/bin:/bin"}


def loaded_at_start(names: tuple[str, ...]) -> list[str]:
    answer = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=names)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def run_probe(code: str, **env: str) -> None:
    """Runs `code` in a fresh interpreter (with `loaded(*names)` defined); fails with its
    output when it fails."""
    answer = subprocess.run(
        [sys.executable, "-c", "import sys\n" + LOADED + code],
        capture_output=True,
        text=True,
        env={**ENV, **env},
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr


def test_the_app_starts_without_the_libraries_of_occasional_requests():
    assert loaded_at_start(ON_DEMAND) == []


def test_the_app_starts_without_the_identity_providers_libraries():
    assert loaded_at_start(IDENTITY_PROVIDER) == []


def test_the_app_starts_without_jwt_key_backends_it_does_not_use():
    assert loaded_at_start(UNUSED_JWT_KEYS) == []


def test_the_app_starts_without_redis_when_limits_are_counted_in_memory():
    assert loaded_at_start(REDIS) == []


def test_the_app_starts_without_the_http_client_when_it_runs_no_job_worker():
    # create_app() starts no worker: that is the lifespan's, with SAMSKAP_RUN_WORKER on.
    assert loaded_at_start(HTTP_CLIENT) == []


def test_a_job_worker_brings_the_http_client_when_it_opens_it():
    run_probe(
        """
import asyncio
from samskap.config import Settings
from samskap.jobs.worker import Worker
assert loaded("httpx") == [], loaded("httpx")

async def main():
    worker = Worker(sessions=None, settings=Settings())
    async with worker._client() as client:
        assert type(client).__module__.startswith("httpx")
    assert worker.http is None

asyncio.run(main())
assert "httpx" in sys.modules
"""
    )


def test_the_libraries_come_when_they_are_used():
    probe = """
import sys
from samskap.feeds.ics import new_calendar
from samskap.imports.templates import xlsx_template
from samskap.models.enums import ImportResource
assert "openpyxl" not in sys.modules and "icalendar" not in sys.modules
assert xlsx_template(ImportResource.tasks).startswith(b"PK")
assert b"PRODID" in new_calendar().to_ical()
assert "openpyxl" in sys.modules and "icalendar" in sys.modules
"""
    subprocess.run([sys.executable, "-c", probe], check=True)


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    # In this process: the provider's own libraries must not be in the probe's.
    with oidc_provider() as running:
        yield running


def test_a_sign_in_brings_the_identity_providers_libraries(provider):
    run_probe(
        f"""
import asyncio
from urllib.parse import parse_qs, urlsplit
from samskap.auth.oidc import OidcClient
from samskap.config import Settings
settings = Settings(
    environment="test",
    jwt_secret="a test secret that is long enough for the check",
    oidc_issuer={provider.issuer!r},
    oidc_client_id="samskap-test",
    public_url="http://127.0.0.1:8000",
)
client = OidcClient(settings)
assert client.configured and client.redirect_uri.endswith("/auth/oidc/callback")
assert loaded("authlib", "joserfc") == [], loaded("authlib", "joserfc")
started = asyncio.run(client.start("/tasks"))
url = urlsplit(started.url)
query = parse_qs(url.query)
assert started.url.startswith({provider.issuer!r}), started.url
assert query["client_id"] == ["samskap-test"] and query["code_challenge_method"] == ["S256"]
assert client._read_cookie(query["state"][0], started.cookie_value)["return_to"] == "/tasks"
assert "authlib" in sys.modules
"""
    )


def test_jwts_are_signed_and_checked_as_with_the_cryptography_backend():
    run_probe(
        """
import uuid
from samskap.auth.tokens import InvalidToken, issue_access_token, jwt, read_access_token
from samskap.config import Settings
assert loaded("cryptography.hazmat", "rsa") == [], loaded("cryptography.hazmat", "rsa")
for algorithm in ("HS256", "HS384", "HS512"):
    settings = Settings(
        environment="test",
        jwt_secret="a test secret that is long enough for the check",
        jwt_algorithm=algorithm,
    )
    user, session = uuid.uuid4(), uuid.uuid4()
    token = issue_access_token(settings, user, session)
    claims = read_access_token(settings, token)
    assert (claims.user_id, claims.session_id) == (user, session)
    try:
        read_access_token(settings, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    except InvalidToken:
        pass
    else:
        raise AssertionError("a changed signature passed")
    # The backend jose leaves out while it starts can still be imported, and it makes the
    # same signature (HMAC is HMAC) and accepts this one.
    from jose.backends.cryptography_backend import CryptographyHMACKey
    head_and_claims, signature = token.rsplit(".", 1)
    key = CryptographyHMACKey(settings.jwt_secret, algorithm)
    from jose.utils import base64url_decode
    assert key.verify(head_and_claims.encode(), base64url_decode(signature.encode()))
    assert jwt.decode(
        token, settings.jwt_secret, algorithms=[algorithm], options={"verify_iss": False}
    )["sub"] == str(user)
"""
    )


def test_a_redis_storage_brings_the_redis_client():
    run_probe(
        """
from samskap.auth.ratelimit import open_storage
memory = open_storage("memory://")
assert loaded("redis") == [], loaded("redis")
shared = open_storage("redis://127.0.0.1:6379/0")
assert type(shared).__name__ == "RedisStorage"
assert "redis" in sys.modules
"""
    )
