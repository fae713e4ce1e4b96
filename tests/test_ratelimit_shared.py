"""Rate limits shared by every process and machine through one Redis (a real redis-server):
failed logins are limited in total however many worker processes or servers answer, the
counters expire in Redis, and an unreachable Redis refuses rather than stops counting."""

import asyncio
import os

import httpx
import pytest

from samskap.auth.ratelimit import LoginLimiter, RequestLimit, open_storage
from samskap.cli import main as cli_main
from samskap.cli import migrate
from samskap.config import Settings
from samskap.main import create_app
from samskap.problems import ServiceUnavailable, TooManyRequests
from tests import redis as temporary_redis
from tests.conftest import TEST_SECRET
from tests.factories import API
from tests.processes import child_processes, free_port, serve_process

TOKEN_URL = f"{API}/auth/token"
WINDOW = 30  # seconds: longer than any test here takes, so no count decays meanwhile


@pytest.fixture(scope="module")
def redis_server():
    server = temporary_redis.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    with redis_server.client() as client:
        client.flushall()
    return redis_server.url


async def guess(limiter: LoginLimiter, account: str, address: str, seconds: float) -> str:
    """One wrong password, taking `seconds` to verify: '401', or '429' when refused."""
    try:
        async with limiter.attempt(account, address) as attempt:
            await asyncio.sleep(seconds)
            attempt.fail()
    except TooManyRequests:
        return "429"
    return "401"


class TestTwoProcessesInOneRedis:
    """Two limiters on one Redis URL, each with its own connections, as two processes are."""

    async def test_concurrent_guesses_through_two_limiters_admit_five_in_total(self, redis_url):
        first, second = (LoginLimiter(5, 20, WINDOW, open_storage(redis_url)) for _ in range(2))
        burst = await asyncio.gather(
            *(guess((first, second)[i % 2], "kari@example.no", "a", 0.05) for i in range(30))
        )
        assert 1 <= burst.count("401") <= 5, burst
        # However the burst raced, the account has exactly five failures to spend.
        rest = [await guess((first, second)[i % 2], "kari@example.no", "a", 0) for i in range(8)]
        assert burst.count("401") + rest.count("401") == 5, (burst, rest)
        assert rest[-1] == "429"

    async def test_each_process_counting_alone_would_admit_twice_as_many(self):
        first, second = (LoginLimiter(5, 20, WINDOW, open_storage("memory://")) for _ in range(2))
        outcomes = [
            await guess((first, second)[i % 2], "kari@example.no", "a", 0) for i in range(12)
        ]
        assert outcomes.count("401") == 10

    async def test_a_success_clears_the_account_everywhere(self, redis_url):
        first, second = (LoginLimiter(5, 20, WINDOW, open_storage(redis_url)) for _ in range(2))
        for _ in range(4):
            assert await guess(first, "kari@example.no", "a", 0) == "401"
        async with second.attempt("kari@example.no", "a"):
            pass  # the right password
        for _ in range(5):
            assert await guess(first, "kari@example.no", "a", 0) == "401"
        assert await guess(second, "kari@example.no", "a", 0) == "429"

    async def test_api_token_requests_are_counted_together(self, redis_url):
        first, second = (RequestLimit(3, WINDOW, open_storage(redis_url), "t") for _ in range(2))
        waits = [await (first, second)[i % 2].hit("token-1") for i in range(5)]
        assert waits[:3] == [None, None, None]
        assert all(wait is not None and 1 <= wait <= WINDOW for wait in waits[3:])
        assert await first.hit("token-2") is None


class TestKeysExpire:
    async def test_counters_live_in_redis_with_a_ttl_and_are_gone_after_two_windows(
        self, redis_server, redis_url
    ):
        limiter = LoginLimiter(2, 20, 1, open_storage(redis_url))
        assert await guess(limiter, "kari@example.no", "a", 0) == "401"
        assert await guess(limiter, "kari@example.no", "a", 0) == "401"
        assert await guess(limiter, "kari@example.no", "a", 0) == "429"
        with redis_server.client() as client:
            keys = client.keys("samskap*")
            assert keys
            # Neither the name tried nor the address is in Redis, only their digests.
            assert not any("kari" in key for key in keys)
            assert all(0 < client.pttl(key) <= 2000 for key in keys), {
                key: client.pttl(key) for key in keys
            }
        await asyncio.sleep(2.2)
        with redis_server.client() as client:
            assert client.keys("samskap*") == []
        assert await guess(limiter, "kari@example.no", "a", 0) == "401"


class TestUnreachableStorage:
    async def test_logins_are_refused_with_503_while_redis_cannot_be_reached(self, settings):
        dead = f"redis://127.0.0.1:{free_port()}/0"
        app = create_app(settings.model_copy(update={"rate_limit_storage": dead}))
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                r = await http.post(
                    TOKEN_URL,
                    json={"grant_type": "password", "username": "a@example.no", "password": "x"},
                )
            assert r.status_code == 503, r.text
            assert r.headers["content-type"].startswith("application/problem+json")
            assert int(r.headers["retry-after"]) >= 1
        finally:
            await app.state.engine.dispose()

    async def test_a_request_limit_raises_service_unavailable(self):
        limit = RequestLimit(3, 60, open_storage(f"redis://127.0.0.1:{free_port()}/0"))
        with pytest.raises(ServiceUnavailable):
            await limit.hit("x")


class TestSettings:
    def test_an_unknown_storage_is_refused_at_start(self):
        with pytest.raises(ValueError, match="rate_limit_storage"):
            Settings(rate_limit_storage="mongodb://127.0.0.1/limits")

    def test_serve_refuses_several_workers_counting_in_memory(self, monkeypatch, capsys):
        from samskap import config

        monkeypatch.setenv("SAMSKAP_RATE_LIMIT_STORAGE", "memory://")
        config.get_settings.cache_clear()
        try:
            assert cli_main(["serve", "--workers", "2"]) == 2
        finally:
            config.get_settings.cache_clear()
        message = capsys.readouterr().err
        assert "SAMSKAP_RATE_LIMIT_STORAGE" in message
        assert "2 times as many failed logins" in message


# Real servers: `samskap serve --workers 2`, and two servers on two ports, on one database
# and one Redis.


@pytest.fixture(scope="module")
def database(databases) -> str:
    url = databases.new("limits")
    migrate("head", url)
    return url


def server_env(redis_url: str) -> dict[str, str]:
    return {
        "SAMSKAP_ENVIRONMENT": "test",
        "SAMSKAP_JWT_SECRET": TEST_SECRET,
        "SAMSKAP_RATE_LIMIT_STORAGE": redis_url,
        "SAMSKAP_LOGIN_WINDOW_SECONDS": str(WINDOW),
        "SAMSKAP_RUN_WORKER": "false",
        # Wrong passwords are checked against a hash of these (cheap) parameters.
        "SAMSKAP_ARGON2_TIME_COST": "1",
        "SAMSKAP_ARGON2_MEMORY_COST_KIB": "8192",
    }


async def wrong_login(base: str) -> httpx.Response:
    """A wrong password on a connection of its own."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        return await http.post(
            TOKEN_URL,
            json={"grant_type": "password", "username": "kari@example.no", "password": "feil"},
        )


def established_on(port: int) -> set[str]:
    """Socket inodes of established TCP connections to `port` on this machine."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == port and fields[3] == "01":
                    inodes.add(fields[9])
    return inodes


def holds_one_of(pid: int, inodes: set[str]) -> bool:
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            return True
    return False


def exists(path: str) -> bool:
    return os.path.exists(path)


def environment_of(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/environ", "rb") as environ:
        pairs = [entry.split(b"=", 1) for entry in environ.read().split(b"\0") if b"=" in entry]
    return {name.decode(): value.decode() for name, value in pairs}


def workers_of(pid: int) -> list[int]:
    found = []
    for child in child_processes(pid):
        with open(f"/proc/{child}/cmdline", "rb") as cmdline:
            if b"spawn_main" in cmdline.read():
                found.append(child)
    return found


async def guesses_at_once(
    base: str, port: int, workers: list[int], count: int
) -> tuple[list[httpx.Response], set[int]]:
    """`count` wrong passwords sent at once, each on a connection of its own: the answers,
    and which of the worker processes held one of the connections."""
    clients = [httpx.AsyncClient(base_url=base, timeout=60) for _ in range(count)]
    try:
        answers = await asyncio.gather(
            *(
                http.post(
                    TOKEN_URL,
                    json={
                        "grant_type": "password",
                        "username": "kari@example.no",
                        "password": f"gjett {i}",
                    },
                )
                for i, http in enumerate(clients)
            )
        )
        connections = established_on(port)
        return answers, {pid for pid in workers if holds_one_of(pid, connections)}
    finally:
        for http in clients:
            await http.aclose()


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(response.headers["retry-after"]) <= WINDOW


class TestRealServers:
    async def test_failed_logins_are_limited_in_total_across_two_worker_processes(
        self, database, redis_server, redis_url
    ):
        port = free_port()
        async with serve_process(
            database, port, server_env(redis_url), args=("--workers", "2")
        ) as (base, process):
            workers = workers_of(process.pid)
            assert len(workers) == 2
            # Prometheus gets one fresh directory for the workers' metrics files.
            metrics_dirs = {environment_of(pid).get("PROMETHEUS_MULTIPROC_DIR") for pid in workers}
            assert len(metrics_dirs) == 1
            metrics_dir = metrics_dirs.pop()
            assert metrics_dir and exists(metrics_dir)
            # Waves of thirty guesses at once, each on a connection of its own, kept open so
            # that it shows which process took it, until both processes have answered some.
            statuses: list[int] = []
            answered_by: set[int] = set()
            for _ in range(10):
                wave, holders = await guesses_at_once(base, port, workers, 30)
                statuses += [r.status_code for r in wave]
                answered_by |= holders
                for refused in (r for r in wave if r.status_code == 429):
                    assert_refused(refused)
                if answered_by == set(workers):
                    break
            assert answered_by == set(workers)
            assert set(statuses) <= {401, 429}
            assert 1 <= statuses.count(401) <= 5, statuses
            # The account has five failures in all, whichever process counts them.
            later = [await wrong_login(base) for _ in range(8)]
            assert statuses.count(401) + [r.status_code for r in later].count(401) == 5
            assert_refused(later[-1])
            with redis_server.client() as client:
                keys = client.keys("samskap*")
                assert keys and all(0 < client.ttl(key) <= 2 * WINDOW for key in keys)
        # serve removes the directory it made once its workers have stopped.
        assert not exists(metrics_dir)

    async def test_two_servers_on_two_ports_share_the_limit(self, database, redis_url):
        env = server_env(redis_url)
        async with (
            serve_process(database, free_port(), env) as (first, _),
            serve_process(database, free_port(), env) as (second, _),
        ):
            statuses = [(await wrong_login((first, second)[i % 2])).status_code for i in range(8)]
            assert statuses == [401] * 5 + [429] * 3
            assert_refused(await wrong_login(first))
            assert_refused(await wrong_login(second))
