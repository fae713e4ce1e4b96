"""Sign-in with the identity provider (OpenID Connect), against a real provider the test
module starts (tests/oidc_server.py): a browser's way through login, the provider's form,
the callback and the web app's exchange of the one-time code."""

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from jose import jwt
from sqlalchemy import select, update

from samskap.auth.oidc import COOKIE_PREFIX
from samskap.db import utcnow
from samskap.main import create_app
from samskap.models import AuditEvent, AuthSession, Membership, User
from samskap.models.outbound import UserIdentity
from tests.accounts import PASSWORD
from tests.conftest import settings_for
from tests.factories import API
from tests.oidc_server import Provider, oidc_provider

# The provider's own use of Authlib, in its thread: nothing of Samskap's.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")

APP = "http://test"
TOKEN_URL = f"{API}/auth/token"
CLIENT_ID = "samskap-test"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with oidc_provider() as running:
        yield running


def oidc_settings(database_url: str, provider: Provider, **changes):
    return settings_for(database_url).model_copy(
        update={
            "oidc_issuer": provider.issuer,
            "oidc_client_id": CLIENT_ID,
            "oidc_client_secret": "a-client-secret",
            "oidc_provider_name": "Testkommune ID",
            "public_url": APP,
            **changes,
        }
    )


@pytest.fixture(scope="module")
async def app(database_url: str, provider: Provider):
    """The application with the provider configured (every fixture on `app` uses this one)."""
    application = create_app(oidc_settings(database_url, provider))
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def browser(app) -> AsyncIterator[httpx.AsyncClient]:
    """A browser: Samskap at http://test (in process), everything else over the network,
    with a cookie jar and no redirects followed unless asked."""
    async with httpx.AsyncClient(
        mounts={APP: httpx.ASGITransport(app=app)}, base_url=APP, trust_env=False
    ) as http:
        yield http


async def to_provider(browser: httpx.AsyncClient, return_to: str | None = None) -> str:
    """Starts a sign-in; the provider's authorisation URL, its form shown."""
    params = {"return_to": return_to} if return_to else None
    r = await browser.get(f"{API}/auth/oidc/login", params=params)
    assert r.status_code == 302, r.text
    authorize = r.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [f"{APP}/api/v1/auth/oidc/callback"]
    assert query["state"] and query["nonce"] and query["code_challenge"]
    cookie = r.headers["set-cookie"]
    for part in ("HttpOnly", "Path=/api/v1/auth/oidc", "SameSite=lax", "Max-Age=600"):
        assert part.lower() in cookie.lower(), cookie
    form = await browser.get(authorize)
    assert form.status_code == 200 and 'name="sub"' in form.text
    return authorize


async def authorize_as(browser: httpx.AsyncClient, authorize: str, subject: str) -> str:
    """Submits the provider's form for `subject`: the callback URL the provider sends to."""
    r = await browser.post(authorize, data={"sub": subject})
    assert r.status_code == 302, r.text
    callback = r.headers["location"]
    assert callback.startswith(f"{APP}/api/v1/auth/oidc/callback?")
    return callback


async def sign_in(
    browser: httpx.AsyncClient, subject: str, return_to: str | None = None
) -> httpx.Response:
    """The whole way to the web app: the callback's answer."""
    callback = await authorize_as(browser, await to_provider(browser, return_to), subject)
    r = await browser.get(callback)
    assert r.status_code == 302, r.text
    return r


def handed_over(r: httpx.Response) -> dict[str, str]:
    location = r.headers["location"]
    assert location.startswith("/login/oidc#"), location
    assert "?" not in location  # nothing in a query string: the fragment stays in the browser
    return {k: v[0] for k, v in parse_qs(urlsplit(location).fragment).items()}


def refused(r: httpx.Response) -> str:
    location = r.headers["location"]
    assert location.startswith("/login?error="), location
    return location.removeprefix("/login?error=")


async def redeem(browser: httpx.AsyncClient, code: str) -> httpx.Response:
    return await browser.post(TOKEN_URL, json={"grant_type": "oidc_code", "code": code})


async def signed_in(browser: httpx.AsyncClient, subject: str) -> dict:
    """Signs `subject` in and exchanges the one-time code, as the web app does: the tokens."""
    r = await redeem(browser, handed_over(await sign_in(browser, subject))["code"])
    assert r.status_code == 200, r.text
    return r.json()


async def me(browser: httpx.AsyncClient, access_token: str) -> dict:
    r = await browser.get(f"{API}/auth/me", headers={"Authorization": f"Bearer {access_token}"})
    assert r.status_code == 200, r.text
    return r.json()


async def rows(app, model, *where):
    async with app.state.sessions() as session:
        return list(await session.scalars(select(model).where(*where)))


class TestProviders:
    async def test_the_login_page_is_told_of_the_provider(self, browser):
        r = await browser.get(f"{API}/auth/providers")
        assert r.status_code == 200
        assert r.json() == {
            "password": True,
            "oidc": {"name": "Testkommune ID", "login_url": "/api/v1/auth/oidc/login"},
        }

    async def test_without_a_provider_only_the_password_is_offered(self, anonymous, settings):
        application = create_app(settings)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application), base_url=APP
        ) as http:
            assert (await http.get(f"{API}/auth/providers")).json() == {
                "password": True,
                "oidc": None,
            }
            r = await http.get(f"{API}/auth/oidc/login")
            assert r.status_code == 404
            assert r.headers["content-type"].startswith("application/problem+json")
            r = await http.get(f"{API}/auth/oidc/callback", params={"state": "x", "code": "y"})
            assert refused(r) == "oidc_unavailable"
        await application.state.engine.dispose()


class TestSignIn:
    async def test_first_sign_in_creates_an_account_without_roles(self, app, browser, provider):
        provider.set_user(
            "kari-sub", email="Kari.Nordmann@kommune.example", email_verified=True, name="Kari"
        )
        r = await sign_in(browser, "kari-sub", return_to="/p/abc/deadlines?x=1")
        fragment = handed_over(r)
        assert fragment["return_to"] == "/p/abc/deadlines?x=1"
        assert fragment["code"].startswith("smo_")
        # The sign-in cookie is gone once used.
        assert not [c for c in browser.cookies.jar if c.name.startswith(COOKIE_PREFIX)]
        tokens = await redeem(browser, fragment["code"])
        assert tokens.status_code == 200, tokens.text
        body = tokens.json()
        assert body["token_type"] == "bearer" and body["refresh_token"].startswith("smr_")
        who = await me(browser, body["access_token"])
        assert who["email"] == "Kari.Nordmann@kommune.example"
        assert who["name"] == "Kari"
        assert who["memberships"] == [] and who["system_admin"] is False
        (user,) = await rows(app, User, User.email == "Kari.Nordmann@kommune.example")
        assert user.password_hash == "!"
        (identity,) = await rows(app, UserIdentity, UserIdentity.user_id == user.id)
        assert (identity.issuer, identity.subject) == (provider.issuer, "kari-sub")
        assert await rows(app, Membership, Membership.user_id == user.id) == []
        trail = await rows(app, AuditEvent, AuditEvent.actor_user_id == user.id)
        assert {(e.action, e.record_type) for e in trail} == {
            ("create", "user_account"),
            ("create", "user_identity"),
            ("login", "auth_session"),
        }
        assert [e.after for e in trail if e.action == "login"] == [{"method": "oidc"}]
        # Refreshing works as after a password login.
        again = await browser.post(
            TOKEN_URL, json={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]}
        )
        assert again.status_code == 200, again.text

    async def test_second_sign_in_finds_the_same_account_by_subject(self, app, browser, provider):
        provider.set_user("ola-sub", email="ola@kommune.example", email_verified=True)
        first = await signed_in(browser, "ola-sub")
        # The provider now reports another address: the subject, not the address, decides.
        provider.set_user("ola-sub", email="ola.new@kommune.example", email_verified=True)
        second = await signed_in(browser, "ola-sub")
        one, two = first["access_token"], second["access_token"]
        assert (await me(browser, one))["id"] == (await me(browser, two))["id"]
        assert len(await rows(app, User)) == 1
        (identity,) = await rows(app, UserIdentity)
        assert identity.email == "ola.new@kommune.example"
        assert identity.last_login_at is not None

    async def test_a_verified_address_links_the_existing_account_once(
        self, app, accounts, browser, provider
    ):
        user = await accounts.user(email="lise@kommune.example")
        provider.set_user("lise-sub", email="LISE@kommune.example", email_verified=True)
        tokens = await signed_in(browser, "lise-sub")
        assert (await me(browser, tokens["access_token"]))["id"] == str(user.id)
        (identity,) = await rows(app, UserIdentity)
        assert identity.user_id == user.id
        (link,) = await rows(app, AuditEvent, AuditEvent.action == "link")
        assert link.record_type == "user_identity" and link.actor_user_id == user.id
        # Once linked, the subject finds the account whatever the address says.
        provider.set_user("lise-sub", email="lise@elsewhere.example", email_verified=False)
        tokens = await signed_in(browser, "lise-sub")
        assert (await me(browser, tokens["access_token"]))["id"] == str(user.id)
        assert len(await rows(app, AuditEvent, AuditEvent.action == "link")) == 1
        # The password still works (password login is on here).
        r = await browser.post(
            TOKEN_URL,
            json={"grant_type": "password", "username": user.email, "password": PASSWORD},
        )
        assert r.status_code == 200

    async def test_an_unverified_address_is_not_linked(self, app, accounts, browser, provider):
        user = await accounts.user(email="per@kommune.example")
        for verified in (False, None):
            claims = {"email": "per@kommune.example"}
            if verified is not None:
                claims["email_verified"] = verified
            provider.set_user("per-sub", **claims)
            assert refused(await sign_in(browser, "per-sub")) == "email_not_verified"
        assert await rows(app, UserIdentity) == []
        assert [u.id for u in await rows(app, User)] == [user.id]
        assert await rows(app, AuthSession) == []

    async def test_a_provider_trusted_with_addresses_links_without_email_verified(
        self, app, accounts, database_url, provider
    ):
        user = await accounts.user(email="entra@kommune.example")
        trusting = create_app(oidc_settings(database_url, provider, oidc_trust_email=True))
        try:
            async with httpx.AsyncClient(
                mounts={APP: httpx.ASGITransport(app=trusting)}, base_url=APP, trust_env=False
            ) as http:
                provider.set_user("entra-sub", email="entra@kommune.example")
                tokens = await signed_in(http, "entra-sub")
                assert (await me(http, tokens["access_token"]))["id"] == str(user.id)
        finally:
            await trusting.state.engine.dispose()
        (identity,) = await rows(app, UserIdentity)
        assert identity.user_id == user.id

    async def test_no_address_is_refused(self, app, browser, provider):
        provider.set_user("anon-sub", name="Uten Adresse")
        assert refused(await sign_in(browser, "anon-sub")) == "email_missing"
        assert await rows(app, User) == []

    async def test_an_inactive_account_is_refused(self, app, accounts, client, browser, provider):
        user = await accounts.user(email="sluttet@kommune.example")
        provider.set_user("gone-sub", email="sluttet@kommune.example", email_verified=True)
        first = await signed_in(browser, "gone-sub")
        assert (await me(browser, first["access_token"]))["id"] == str(user.id)
        r = await client.patch(f"{API}/users/{user.id}", json={"active": False})
        assert r.status_code == 200, r.text
        assert refused(await sign_in(browser, "gone-sub")) == "account_inactive"

    async def test_the_provider_refusing_ends_on_the_login_page(self, app, browser):
        authorize = await to_provider(browser)
        r = await browser.post(authorize, data={"action": "deny"})
        assert r.status_code == 302
        callback = r.headers["location"]
        assert "error=access_denied" in callback
        assert refused(await browser.get(callback)) == "oidc_denied"
        assert await rows(app, AuthSession) == []

    async def test_only_a_local_return_path_is_followed(self, browser, provider):
        provider.set_user("nav-sub", email="nav@kommune.example", email_verified=True)
        for outside in ("https://evil.example/x", "//evil.example/x", "/\\evil.example"):
            assert handed_over(await sign_in(browser, "nav-sub", outside))["return_to"] == "/"


class TestConcurrentSignIns:
    async def test_two_sign_ins_of_a_new_person_at_once_make_one_account(
        self, app, browser, provider
    ):
        if app.state.engine.dialect.name == "sqlite":
            pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
        provider.set_user("twice-sub", email="twice@kommune.example", email_verified=True)
        # Two tabs: two sign-ins started, both authorised, both answers arriving together.
        callbacks = [
            await authorize_as(browser, await to_provider(browser), "twice-sub") for _ in range(2)
        ]
        answers = await asyncio.gather(*(browser.get(c) for c in callbacks))
        codes = [handed_over(r)["code"] for r in answers]
        ids = {
            (await me(browser, (await redeem(browser, c)).json()["access_token"]))["id"]
            for c in codes
        }
        assert len(ids) == 1
        assert len(await rows(app, User)) == 1
        assert len(await rows(app, UserIdentity)) == 1


class TestStateAndCodes:
    async def test_a_wrong_state_is_refused(self, app, browser, provider):
        provider.set_user("eve-sub", email="eve@kommune.example", email_verified=True)
        callback = await authorize_as(browser, await to_provider(browser), "eve-sub")
        query = parse_qs(urlsplit(callback).query)
        for state in ("forged", "", None):
            params = {"code": query["code"][0]} | ({"state": state} if state is not None else {})
            r = await browser.get(f"{API}/auth/oidc/callback", params=params)
            assert refused(r) == "oidc_state"
        assert await rows(app, User) == []

    async def test_a_callback_without_the_browsers_cookie_is_refused(self, app, browser, provider):
        provider.set_user("csrf-sub", email="csrf@kommune.example", email_verified=True)
        callback = await authorize_as(browser, await to_provider(browser), "csrf-sub")
        # Another browser (an attacker's link) has no sign-in cookie for this state.
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=APP) as other:
            assert refused(await other.get(callback)) == "oidc_state"
        assert await rows(app, User) == []

    async def test_a_replayed_callback_and_a_replayed_code_are_refused(
        self, app, browser, provider
    ):
        provider.set_user("rep-sub", email="rep@kommune.example", email_verified=True)
        authorize = await to_provider(browser)
        (cookie,) = [c for c in browser.cookies.jar if c.name.startswith(COOKIE_PREFIX)]
        callback = await authorize_as(browser, authorize, "rep-sub")
        handed_over(await browser.get(callback))
        # The cookie was used up: the same answer again is refused at once.
        assert refused(await browser.get(callback)) == "oidc_state"
        # With the cookie put back, the provider refuses its code a second time.
        browser.cookies.set(cookie.name, cookie.value, domain=cookie.domain, path=cookie.path)
        assert refused(await browser.get(callback)) == "oidc_failed"
        assert len(await rows(app, AuthSession)) == 1

    async def test_an_id_token_for_another_nonce_is_refused(self, app, browser, provider):
        provider.set_user("nonce-sub", email="nonce@kommune.example", email_verified=True)
        authorize = await to_provider(browser)
        (cookie,) = [c for c in browser.cookies.jar if c.name.startswith(COOKIE_PREFIX)]
        settings = app.state.settings
        started = jwt.decode(cookie.value, settings.jwt_secret, algorithms=["HS256"])
        forged = jwt.encode(started | {"nonce": "another"}, settings.jwt_secret, "HS256")
        browser.cookies.set(cookie.name, forged, domain=cookie.domain, path=cookie.path)
        callback = await authorize_as(browser, authorize, "nonce-sub")
        assert refused(await browser.get(callback)) == "oidc_failed"
        assert await rows(app, User) == []

    async def test_the_one_time_code_works_once(self, app, browser, provider):
        provider.set_user("once-sub", email="once@kommune.example", email_verified=True)
        code = handed_over(await sign_in(browser, "once-sub"))["code"]
        first = await redeem(browser, code)
        assert first.status_code == 200
        second = await redeem(browser, code)
        assert second.status_code == 401
        assert second.headers["content-type"].startswith("application/problem+json")
        # Shown twice, it may have been stolen: the session has ended for both holders.
        r = await browser.get(
            f"{API}/auth/me", headers={"Authorization": f"Bearer {first.json()['access_token']}"}
        )
        assert r.status_code == 401

    async def test_the_one_time_code_expires(self, app, browser, provider):
        provider.set_user("late-sub", email="late@kommune.example", email_verified=True)
        code = handed_over(await sign_in(browser, "late-sub"))["code"]
        async with app.state.sessions() as session:
            await session.execute(
                update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1))
            )
            await session.commit()
        assert (await redeem(browser, code)).status_code == 401

    async def test_codes_and_refresh_tokens_do_not_pass_for_each_other(self, browser, provider):
        provider.set_user("mix-sub", email="mix@kommune.example", email_verified=True)
        code = handed_over(await sign_in(browser, "mix-sub"))["code"]
        r = await browser.post(
            TOKEN_URL, json={"grant_type": "refresh_token", "refresh_token": code}
        )
        assert r.status_code == 401
        tokens = (await redeem(browser, code)).json()
        assert (await redeem(browser, tokens["refresh_token"])).status_code == 401
        for bad in ("", "smo_x", "smo_a.b.c", "x" * 201):
            r = await redeem(browser, bad)
            assert r.status_code in {401, 422}, bad


class TestPasswordLoginSwitchedOff:
    async def test_the_password_grant_is_refused_and_the_provider_still_works(
        self, app, accounts, database_url, provider
    ):
        user = await accounts.user(email="kun-sso@kommune.example")
        application = create_app(oidc_settings(database_url, provider, password_login=False))
        try:
            async with httpx.AsyncClient(
                mounts={APP: httpx.ASGITransport(app=application)}, base_url=APP, trust_env=False
            ) as http:
                r = await http.post(
                    TOKEN_URL,
                    json={"grant_type": "password", "username": user.email, "password": PASSWORD},
                )
                assert r.status_code == 403
                assert r.headers["content-type"].startswith("application/problem+json")
                assert [e["code"] for e in r.json()["errors"]] == ["password_login_disabled"]
                providers = (await http.get(f"{API}/auth/providers")).json()
                assert providers["password"] is False and providers["oidc"] is not None
                provider.set_user("sso-sub", email=user.email, email_verified=True)
                tokens = await redeem(http, handed_over(await sign_in(http, "sso-sub"))["code"])
                assert tokens.status_code == 200
                assert (await me(http, tokens.json()["access_token"]))["id"] == str(user.id)
        finally:
            await application.state.engine.dispose()
        assert await rows(app, AuthSession, AuthSession.user_id == user.id)


def test_the_access_log_never_shows_the_providers_answer():
    from samskap.auth import router  # noqa: F401  (installs the filter)
    from samskap.auth.oidc import HideCallbackQuery

    assert any(
        isinstance(f, HideCallbackQuery) for f in logging.getLogger("uvicorn.access").filters
    )
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            "/api/v1/auth/oidc/callback?code=SECRET1&state=SECRET2",
            "1.1",
            302,
        ),
        None,
    )
    HideCallbackQuery().filter(record)
    assert "SECRET" not in record.getMessage()
    assert "/api/v1/auth/oidc/callback?… HTTP/1.1" in record.getMessage()
