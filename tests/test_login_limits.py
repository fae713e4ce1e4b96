"""Logins under attack: concurrent guesses, slow hashing, and what the limiter keeps in memory."""

import asyncio
import threading
import time

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from samskap.config import get_settings
from samskap.main import create_app
from samskap.models import User
from tests.accounts import PASSWORD
from tests.factories import API

TOKEN_URL = f"{API}/auth/token"


async def login(http, email: str, password: str = PASSWORD) -> httpx.Response:
    return await http.post(
        TOKEN_URL, json={"grant_type": "password", "username": email, "password": password}
    )


class Verifications:
    """Records when each Argon2 verification ran, in whichever thread it ran."""

    def __init__(self, monkeypatch):
        self.spans: list[tuple[float, float]] = []
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()
        original = PasswordHasher.verify

        def verify(hasher, hash, password):
            with self._lock:
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            started = time.monotonic()
            try:
                return original(hasher, hash, password)
            finally:
                with self._lock:
                    self.running -= 1
                    self.spans.append((started, time.monotonic()))

        monkeypatch.setattr(PasswordHasher, "verify", verify)


@pytest.fixture
def verifications(monkeypatch) -> Verifications:
    return Verifications(monkeypatch)


class TestConcurrentGuesses:
    async def test_thirty_concurrent_wrong_passwords_for_one_account_check_five(
        self, accounts, anonymous, verifications
    ):
        await accounts.user(email="kari@example.no")
        answers = await asyncio.gather(
            *(login(anonymous, "kari@example.no", f"gjett {i}") for i in range(30))
        )
        statuses = [r.status_code for r in answers]
        assert statuses.count(401) == 5, statuses
        assert statuses.count(429) == 25, statuses
        assert len(verifications.spans) == 5
        refused = next(r for r in answers if r.status_code == 429)
        assert int(refused.headers["retry-after"]) > 0
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (await login(anonymous, "kari@example.no")).status_code == 429

    async def test_thirty_concurrent_wrong_logins_from_one_address_check_twenty(
        self, accounts, anonymous, verifications
    ):
        answers = await asyncio.gather(
            *(login(anonymous, f"ukjent{i}@example.no", "feil") for i in range(30))
        )
        statuses = [r.status_code for r in answers]
        assert statuses.count(401) == 20, statuses
        assert statuses.count(429) == 10, statuses
        assert len(verifications.spans) == 20

    async def test_successful_logins_do_not_use_up_the_address(self, accounts, anonymous):
        # One address can be a whole town hall behind one gateway.
        for _ in range(25):
            assert (await login(anonymous, (await accounts.user()).email)).status_code == 200

    async def test_a_successful_login_forgets_the_accounts_failures(self, accounts, anonymous):
        await accounts.user(email="kari@example.no")
        for _ in range(4):
            assert (await login(anonymous, "kari@example.no", "feil")).status_code == 401
        assert (await login(anonymous, "kari@example.no")).status_code == 200
        for _ in range(4):
            assert (await login(anonymous, "kari@example.no", "feil")).status_code == 401
        assert (await login(anonymous, "kari@example.no")).status_code == 200


class TestHashingLeavesTheServerResponsive:
    async def test_health_answers_while_logins_are_being_hashed(
        self, app, accounts, anonymous, verifications
    ):
        # A hash as costly as production's: the stored hash carries its own parameters.
        costly = PasswordHasher(time_cost=2, memory_cost=32_768).hash(PASSWORD)
        users = [await accounts.user() for _ in range(8)]
        async with app.state.sessions() as session:
            await session.execute(
                update(User).where(User.id.in_([u.id for u in users])).values(password_hash=costly)
            )
            await session.commit()

        logins = [asyncio.create_task(login(anonymous, u.email)) for u in users]
        health: list[tuple[float, float]] = []
        while not all(task.done() for task in logins):
            started = time.monotonic()
            assert (await anonymous.get(f"{API}/health")).status_code == 200
            health.append((started, time.monotonic()))
            await asyncio.sleep(0.005)
        assert [task.result().status_code for task in logins] == [200] * 8

        # While the loop itself hashed, no request could start and finish during a hash.
        answered_during_a_hash = [
            h for h in health if any(v[0] < h[0] and h[1] < v[1] for v in verifications.spans)
        ]
        assert answered_during_a_hash
        assert verifications.most_at_once <= get_settings().password_hash_workers


class TestLimiterMemory:
    async def test_keys_of_past_windows_are_dropped(self, settings, accounts):
        app = create_app(
            settings.model_copy(
                update={"login_window_seconds": 1, "login_failures_per_address": 1000}
            )
        )
        limiter = app.state.login_limiter
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                # Fifty failures within the window (straight to the limiter: fifty password
                # checks could outlast a one-second window on a busy machine).
                for i in range(50):
                    async with limiter.attempt(f"ukjent{i}@example.no", "127.0.0.1") as attempt:
                        attempt.fail()
                assert limiter.keys_held() >= 50
                # A key lives for at most two windows after its last failure.
                await asyncio.sleep(2.2)
                assert (await login(http, "en.til@example.no", "feil")).status_code == 401
                # Left: the last failure's windows (account, address and the address's
                # previous one) and its two pending marks, none of the 50 names before it.
                for _ in range(50):
                    await asyncio.sleep(0.02)
                    if limiter.keys_held() <= 5:
                        break
                assert limiter.keys_held() <= 5
        finally:
            await app.state.engine.dispose()
