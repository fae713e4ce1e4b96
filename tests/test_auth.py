"""Logging in, tokens of every kind, and what refuses abuse."""

import asyncio
import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from jose import jwt
from sqlalchemy import update

from samskap.config import Settings
from samskap.main import create_app
from samskap.models import ApiToken
from tests.accounts import PASSWORD
from tests.factories import API, make_programme, make_project

TOKEN_URL = f"{API}/auth/token"


async def login(http, email: str, password: str = PASSWORD) -> httpx.Response:
    return await http.post(
        TOKEN_URL, json={"grant_type": "password", "username": email, "password": password}
    )


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class TestLogin:
    async def test_password_login_gives_tokens_that_work(self, accounts, anonymous):
        user = await accounts.user(email="kari@example.no")
        r = await login(anonymous, "Kari@Example.no")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 15 * 60
        me = await anonymous.get(
            f"{API}/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
        assert me.json()["email"] == "kari@example.no"
        assert me.json()["id"] == str(user.id)

    async def test_wrong_password_and_unknown_account_read_the_same(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        wrong = await login(anonymous, "kari@example.no", "not the password")
        unknown = await login(anonymous, "nobody@example.no")
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json()["detail"] == unknown.json()["detail"]
        assert wrong.headers["content-type"].startswith("application/problem+json")

    async def test_inactive_account_cannot_log_in(self, client, accounts, anonymous):
        user = await accounts.user(email="sluttet@example.no")
        await client.patch(f"{API}/users/{user.id}", json={"active": False})
        assert (await login(anonymous, "sluttet@example.no")).status_code == 401

    async def test_refresh_rotates_and_the_old_refresh_token_stops_working(
        self, accounts, anonymous
    ):
        await accounts.user(email="kari@example.no")
        first = (await login(anonymous, "kari@example.no")).json()
        r = await anonymous.post(
            TOKEN_URL, json={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
        )
        assert r.status_code == 200
        second = r.json()
        assert second["refresh_token"] != first["refresh_token"]
        again = await anonymous.post(
            TOKEN_URL, json={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
        )
        assert again.status_code == 401

    async def test_logout_revokes_access_and_refresh_tokens(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        tokens = (await login(anonymous, "kari@example.no")).json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert (await anonymous.post(f"{API}/auth/logout", headers=auth)).status_code == 204
        assert (await anonymous.get(f"{API}/auth/me", headers=auth)).status_code == 401
        r = await anonymous.post(
            TOKEN_URL,
            json={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        )
        assert r.status_code == 401


async def refresh(http, token: str) -> httpx.Response:
    return await http.post(TOKEN_URL, json={"grant_type": "refresh_token", "refresh_token": token})


async def me(http, tokens: dict) -> int:
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    return (await http.get(f"{API}/auth/me", headers=auth)).status_code


class TestRefreshTokenReuse:
    async def test_reusing_a_rotated_refresh_token_ends_the_session(
        self, client, accounts, anonymous
    ):
        await accounts.user(email="kari@example.no")
        first = (await login(anonymous, "kari@example.no")).json()
        second = (await refresh(anonymous, first["refresh_token"])).json()
        assert await me(anonymous, second) == 200

        replay = await refresh(anonymous, first["refresh_token"])
        assert replay.status_code == 401
        assert replay.headers["content-type"].startswith("application/problem+json")
        assert "already been used" in replay.json()["detail"]
        # The whole family goes: the token handed out after the stolen one, and its access.
        assert (await refresh(anonymous, second["refresh_token"])).status_code == 401
        assert await me(anonymous, second) == 401
        revoked = await client.get(
            f"{API}/audit-events", params={"action": "revoke", "record_type": "auth_session"}
        )
        assert [e["after"] for e in revoked.json()["items"]] == [{"reason": "refresh_token_reused"}]

    async def test_of_two_concurrent_refreshes_one_wins_and_the_session_ends(
        self, accounts, anonymous
    ):
        await accounts.user(email="kari@example.no")
        tokens = (await login(anonymous, "kari@example.no")).json()
        answers = await asyncio.gather(
            refresh(anonymous, tokens["refresh_token"]),
            refresh(anonymous, tokens["refresh_token"]),
        )
        assert sorted(r.status_code for r in answers) == [200, 401]
        winner = next(r.json() for r in answers if r.status_code == 200)
        assert (await refresh(anonymous, winner["refresh_token"])).status_code == 401
        assert await me(anonymous, winner) == 401

    async def test_a_forged_token_naming_the_session_does_not_end_it(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        tokens = (await login(anonymous, "kari@example.no")).json()
        session_hex, nonce, signature = tokens["refresh_token"].removeprefix("smr_").split(".")
        forged = f"smr_{session_hex}.{'A' * len(nonce)}.{signature}"
        assert (await refresh(anonymous, forged)).status_code == 401
        assert (await refresh(anonymous, tokens["refresh_token"])).status_code == 200

    async def test_logout_by_refresh_token_ends_that_session(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        tokens = (await login(anonymous, "kari@example.no")).json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        r = await anonymous.post(
            f"{API}/auth/logout", headers=auth, json={"refresh_token": tokens["refresh_token"]}
        )
        assert r.status_code == 204
        assert (await refresh(anonymous, tokens["refresh_token"])).status_code == 401


class TestAccessTokens:
    async def _token(self, accounts, anonymous) -> str:
        await accounts.user(email="kari@example.no")
        return (await login(anonymous, "kari@example.no")).json()["access_token"]

    async def _me(self, anonymous, token: str) -> int:
        r = await anonymous.get(f"{API}/auth/me", headers={"Authorization": f"Bearer {token}"})
        return r.status_code

    async def test_expired_token_is_refused(self, app, accounts, anonymous):
        token = await self._token(accounts, anonymous)
        claims = jwt.get_unverified_claims(token)
        claims |= {"exp": int((datetime.now(UTC) - timedelta(minutes=1)).timestamp())}
        expired = jwt.encode(claims, app.state.settings.jwt_secret, algorithm="HS256")
        assert await self._me(anonymous, token) == 200
        assert await self._me(anonymous, expired) == 401

    async def test_tampered_token_is_refused(self, accounts, anonymous):
        token = await self._token(accounts, anonymous)
        header, payload, signature = token.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["sub"] = "00000000-0000-7000-8000-000000000000"
        assert await self._me(anonymous, f"{header}.{_b64(claims)}.{signature}") == 401

    async def test_alg_none_is_refused(self, accounts, anonymous):
        token = await self._token(accounts, anonymous)
        claims = jwt.get_unverified_claims(token)
        unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
        assert await self._me(anonymous, unsigned) == 401

    async def test_another_algorithm_with_the_same_key_is_refused(self, app, accounts, anonymous):
        token = await self._token(accounts, anonymous)
        claims = jwt.get_unverified_claims(token)
        other = jwt.encode(claims, app.state.settings.jwt_secret, algorithm="HS512")
        assert await self._me(anonymous, other) == 401

    async def test_token_signed_with_another_key_is_refused(self, accounts, anonymous):
        token = await self._token(accounts, anonymous)
        forged = jwt.encode(jwt.get_unverified_claims(token), "another-key-" * 4, algorithm="HS256")
        assert await self._me(anonymous, forged) == 401


class TestApiTokens:
    async def _issue(self, client, programme, **overrides) -> dict:
        r = await client.post(
            f"{API}/api-tokens",
            json={"programme_id": programme["id"], "name": "Intranett"} | overrides,
        )
        assert r.status_code == 201, r.text
        return r.json()

    async def test_secret_is_prefixed_shown_once_and_stored_as_a_hash(self, client):
        programme = await make_programme(client)
        token = await self._issue(client, programme)
        assert token["token"].startswith("smk_")
        assert token["prefix"] == token["token"][:12]
        shown = (await client.get(f"{API}/api-tokens/{token['id']}")).json()
        assert "token" not in shown
        listed = (await client.get(f"{API}/api-tokens")).text
        assert token["token"] not in listed

    async def test_read_token_reads_its_programme_only_and_cannot_write(self, client, accounts):
        ours, theirs = await make_programme(client), await make_programme(client)
        project = await make_project(client, ours)
        foreign = await make_project(client, theirs)
        token = accounts.bearer((await self._issue(client, ours))["token"])
        assert (await token.get(f"{API}/projects/{project['id']}")).status_code == 200
        assert (await token.get(f"{API}/projects/{foreign['id']}")).status_code == 404
        listed = (await token.get(f"{API}/projects")).json()["items"]
        assert [p["id"] for p in listed] == [project["id"]]
        r = await token.patch(f"{API}/projects/{project['id']}", json={"name": "X"})
        assert r.status_code == 403
        seen = await client.get(f"{API}/api-tokens", params={"programme_id": ours["id"]})
        assert seen.json()["items"][0]["last_used_at"] is not None

    async def test_read_write_token_can_write(self, client, accounts):
        programme = await make_programme(client)
        project = await make_project(client, programme)
        token = accounts.bearer((await self._issue(client, programme, scope="read_write"))["token"])
        r = await token.patch(f"{API}/projects/{project['id']}", json={"name": "Nytt navn"})
        assert r.status_code == 200
        events = await client.get(
            f"{API}/audit-events", params={"record_id": project["id"], "action": "update"}
        )
        assert events.json()["items"][0]["via"] == "api_token"

    async def test_revoked_token_is_refused(self, client, accounts):
        programme = await make_programme(client)
        issued = await self._issue(client, programme)
        token = accounts.bearer(issued["token"])
        assert (await token.get(f"{API}/projects")).status_code == 200
        assert (await client.delete(f"{API}/api-tokens/{issued['id']}")).status_code == 204
        assert (await token.get(f"{API}/projects")).status_code == 401
        assert (await client.get(f"{API}/api-tokens/{issued['id']}")).json()["revoked_at"]

    async def test_expired_token_is_refused(self, app, client, accounts):
        programme = await make_programme(client)
        issued = await self._issue(client, programme)
        async with app.state.sessions() as session:
            await session.execute(
                update(ApiToken)
                .where(ApiToken.id == uuid.UUID(issued["id"]))
                .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
            await session.commit()
        assert (await accounts.bearer(issued["token"]).get(f"{API}/projects")).status_code == 401

    async def test_expiry_must_lie_ahead(self, client):
        programme = await make_programme(client)
        r = await client.post(
            f"{API}/api-tokens",
            json={
                "programme_id": programme["id"],
                "name": "X",
                "expires_at": "2001-01-01T00:00:00+01:00",
            },
        )
        assert r.status_code == 422


class TestRateLimits:
    async def test_failed_logins_per_account_get_429_with_retry_after(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        for _ in range(5):
            assert (await login(anonymous, "kari@example.no", "feil")).status_code == 401
        r = await login(anonymous, "kari@example.no")
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) > 0
        assert r.headers["content-type"].startswith("application/problem+json")

    async def test_failed_logins_per_address_get_429(self, accounts, anonymous):
        for i in range(20):
            await login(anonymous, f"ukjent{i}@example.no", "feil")
        r = await login(anonymous, "en.til@example.no", "feil")
        assert r.status_code == 429

    async def test_api_token_requests_are_limited(self, settings, accounts):
        app = create_app(settings.model_copy(update={"api_token_requests_per_minute": 3}))
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                token = await accounts.token_for(await accounts.user(system_admin=True))
                admin = {"Authorization": f"Bearer {token}"}
                programme = (
                    await http.post(f"{API}/programmes", json={"name": "X"}, headers=admin)
                ).json()
                issued = (
                    await http.post(
                        f"{API}/api-tokens",
                        headers=admin,
                        json={"programme_id": programme["id"], "name": "Skript"},
                    )
                ).json()
                auth = {"Authorization": f"Bearer {issued['token']}"}
                statuses = [
                    (await http.get(f"{API}/projects", headers=auth)).status_code for _ in range(4)
                ]
                assert statuses == [200, 200, 200, 429]
        finally:
            await app.state.engine.dispose()


class TestHardening:
    async def test_security_headers_on_every_response(self, client, anonymous):
        for r in [
            await client.get(f"{API}/programmes"),
            await anonymous.get(f"{API}/health"),
            await anonymous.get(f"{API}/nowhere"),
        ]:
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["x-frame-options"] == "DENY"
            assert r.headers["referrer-policy"] == "no-referrer"
            assert "default-src" in r.headers["content-security-policy"]
            assert r.headers["cache-control"] == "no-store"

    async def test_cors_is_closed_unless_configured(self, settings, anonymous):
        preflight = {
            "Origin": "https://intranett.example.no",
            "Access-Control-Request-Method": "GET",
        }
        r = await anonymous.options(f"{API}/programmes", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
        app = create_app(
            settings.model_copy(update={"cors_origins": ["https://intranett.example.no"]})
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            r = await http.options(f"{API}/programmes", headers=preflight)
            other = await http.options(
                f"{API}/programmes", headers=preflight | {"Origin": "https://evil.example"}
            )
        await app.state.engine.dispose()
        assert r.headers["access-control-allow-origin"] == "https://intranett.example.no"
        assert "access-control-allow-origin" not in other.headers

    @pytest.mark.parametrize("secret", ["development-only-signing-key-change-me", "short"])
    def test_refuses_to_start_outside_development_with_a_weak_key(self, secret):
        with pytest.raises(RuntimeError, match="SAMSKAP_JWT_SECRET"):
            create_app(Settings(environment="production", jwt_secret=secret))
