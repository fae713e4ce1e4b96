"""The client's address behind proxies: X-Forwarded-For is believed only from a configured
trusted proxy, and then its rightmost untrusted hop is the client, for the login limit per
address and for the address a session records."""

from ipaddress import ip_network

import httpx
import pytest
from sqlalchemy import select

from samskap.auth.client_address import forwarded_client
from samskap.config import Settings
from samskap.main import create_app
from samskap.models import AuthSession
from tests.accounts import PASSWORD
from tests.factories import API

TOKEN_URL = f"{API}/auth/token"
PROXIES = (ip_network("10.0.0.0/8"), ip_network("2001:db8:aa::/48"))


class TestForwardedClient:
    def test_without_trusted_proxies_the_header_is_ignored(self):
        assert forwarded_client("198.51.100.7", ["203.0.113.5"], ()) == "198.51.100.7"

    def test_a_peer_that_is_no_trusted_proxy_cannot_name_another_client(self):
        assert forwarded_client("198.51.100.7", ["203.0.113.5"], PROXIES) == "198.51.100.7"

    def test_behind_a_trusted_proxy_the_forwarded_client_is_taken(self):
        assert forwarded_client("10.0.0.2", ["203.0.113.5"], PROXIES) == "203.0.113.5"

    def test_the_rightmost_untrusted_hop_wins_over_what_the_client_wrote(self):
        # The client sent «X-Forwarded-For: 1.2.3.4» itself; the proxy appended its peer.
        assert forwarded_client("10.0.0.2", ["1.2.3.4, 203.0.113.5"], PROXIES) == "203.0.113.5"

    def test_a_chain_of_trusted_proxies_is_walked_through(self):
        headers = ["1.2.3.4, 203.0.113.5, 10.1.1.1", "10.2.2.2"]
        assert forwarded_client("10.0.0.2", headers, PROXIES) == "203.0.113.5"

    def test_when_every_hop_is_trusted_the_farthest_is_the_client(self):
        assert forwarded_client("10.0.0.2", ["10.9.9.9, 10.1.1.1"], PROXIES) == "10.9.9.9"

    def test_no_header_from_a_trusted_proxy_leaves_the_proxy(self):
        assert forwarded_client("10.0.0.2", [], PROXIES) == "10.0.0.2"

    def test_something_that_is_no_address_stops_at_the_last_trusted_hop(self):
        assert forwarded_client("10.0.0.2", ["203.0.113.5, unknown"], PROXIES) == "10.0.0.2"
        assert forwarded_client("10.0.0.2", ["_hidden, 10.1.1.1"], PROXIES) == "10.1.1.1"

    def test_ipv6_and_addresses_with_ports(self):
        assert forwarded_client("2001:db8:aa::1", ["2001:db8:1::9"], PROXIES) == "2001:db8:1::9"
        assert forwarded_client("10.0.0.2", ["203.0.113.5:5123"], PROXIES) == "203.0.113.5"
        assert forwarded_client("10.0.0.2", ["[2001:db8:1::9]:443"], PROXIES) == "2001:db8:1::9"

    def test_no_peer_is_unknown(self):
        assert forwarded_client(None, ["203.0.113.5"], PROXIES) == "unknown"


class TestSetting:
    def test_comma_separated_or_json(self, monkeypatch):
        monkeypatch.setenv("SAMSKAP_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1")
        assert Settings().trusted_proxies == ["10.0.0.0/8", "192.0.2.1"]
        monkeypatch.setenv("SAMSKAP_TRUSTED_PROXIES", '["2001:db8::/32"]')
        assert Settings().trusted_proxies == ["2001:db8::/32"]
        monkeypatch.delenv("SAMSKAP_TRUSTED_PROXIES")
        assert Settings().trusted_proxies == []

    def test_something_that_is_no_network_is_refused(self, monkeypatch):
        monkeypatch.setenv("SAMSKAP_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")
        with pytest.raises(ValueError, match=r"proxy\.example"):
            Settings()


def behind(app, peer: str) -> httpx.AsyncClient:
    """A client whose requests reach the app from `peer` (a proxy, or the client itself)."""
    transport = httpx.ASGITransport(app=app, client=(peer, 4711))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def wrong_login(http: httpx.AsyncClient, n: int, forwarded_for: str) -> int:
    r = await http.post(
        TOKEN_URL,
        json={"grant_type": "password", "username": f"ukjent{n}@example.no", "password": "x"},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return r.status_code


@pytest.fixture
async def proxied_app(settings):
    app = create_app(
        settings.model_copy(
            update={"trusted_proxies": ["10.0.0.0/8"], "login_failures_per_address": 3}
        )
    )
    yield app
    await app.state.engine.dispose()


class TestLoginBehindAProxy:
    async def test_the_address_limit_counts_each_forwarded_client(self, proxied_app):
        async with behind(proxied_app, "10.0.0.2") as proxy:
            assert [await wrong_login(proxy, i, "203.0.113.5") for i in range(4)] == [
                401,
                401,
                401,
                429,
            ]
            # Another client behind the same proxy is not held back by the first.
            assert await wrong_login(proxy, 10, "203.0.113.6") == 401
            # Nor can the first get round it by writing an address of its own in front.
            assert await wrong_login(proxy, 11, "192.0.2.99, 203.0.113.5") == 429

    async def test_a_client_not_behind_the_proxy_cannot_pick_its_address(self, proxied_app):
        async with behind(proxied_app, "198.51.100.7") as direct:
            outcomes = [await wrong_login(direct, i, f"203.0.113.{i}") for i in range(4)]
        assert outcomes == [401, 401, 401, 429]

    async def test_without_trusted_proxies_the_header_changes_nothing(self, settings):
        app = create_app(settings.model_copy(update={"login_failures_per_address": 3}))
        try:
            async with behind(app, "10.0.0.2") as proxy:
                outcomes = [await wrong_login(proxy, i, f"203.0.113.{i}") for i in range(4)]
            assert outcomes == [401, 401, 401, 429]
        finally:
            await app.state.engine.dispose()

    async def test_the_session_records_the_forwarded_client(self, proxied_app, accounts):
        user = await accounts.user()
        async with behind(proxied_app, "10.0.0.2") as proxy:
            r = await proxy.post(
                TOKEN_URL,
                json={"grant_type": "password", "username": user.email, "password": PASSWORD},
                headers={"X-Forwarded-For": "203.0.113.5"},
            )
        assert r.status_code == 200, r.text
        async with proxied_app.state.sessions() as session:
            addresses = (
                await session.scalars(
                    select(AuthSession.client_address).where(AuthSession.user_id == user.id)
                )
            ).all()
        assert "203.0.113.5" in addresses
