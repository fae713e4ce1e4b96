"""Rate limits that hold however many processes and machines serve Samskap.

The counting is the `limits` package's sliding window counter on its asyncio storage, chosen
by settings.rate_limit_storage: `memory://` counts in the process's own memory (one process:
the embedded default), `redis://...` in a Redis that every worker process and machine shares,
so that a limit holds in total whichever process answers. A hit is counted atomically (in
Redis by the library's Lua script), and a key's counters expire once its windows have passed
(at most two windows after its last hit; in Redis through the keys' TTL), so the storage
follows recent traffic instead of every name ever tried. The keys hold a digest of the name
or address, never the name or address itself.

Every limit has a name of its own (the key's namespace), so several limits and several
Samskap installations can share one Redis (keys start with `samskap`). When the storage
cannot be reached the request is refused with 503 and Retry-After: a login limit that
silently stopped counting would be no limit.
"""

import hashlib
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError

from samskap.problems import ServiceUnavailable, TooManyRequests

KEY_PREFIX = "samskap"
# How long an admitted login attempt's pending mark outlives a process that died before
# settling it; at most the window itself.
PENDING_SECONDS = 60


def open_storage(uri: str) -> Storage:
    """The asyncio storage a `limits` URI names: memory://, or redis://, rediss:// or
    redis+unix:// (through the `redis` package's asyncio client)."""
    if uri.startswith("memory://"):
        return MemoryStorage(wrap_exceptions=True)
    if uri.startswith(("redis://", "rediss://", "redis+unix://")):
        return RedisStorage(
            f"async+{uri}",
            implementation="redispy",
            key_prefix=KEY_PREFIX,
            wrap_exceptions=True,
            # A Redis that does not answer must not hold requests for long.
            socket_timeout=2.0,
            socket_connect_timeout=2.0,
        )
    raise ValueError(f"unknown rate limit storage {uri!r}: use memory:// or redis://")


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def _unavailable() -> ServiceUnavailable:
    return ServiceUnavailable("Rate limits cannot be checked just now; try again shortly.")


class _Window:
    def __init__(self, limit: int, seconds: int, storage: Storage | None, name: str):
        self.storage = storage if storage is not None else MemoryStorage(wrap_exceptions=True)
        self.strategy = SlidingWindowCounterRateLimiter(self.storage)
        self.item = RateLimitItemPerSecond(limit, seconds, namespace=name)
        self.name = name

    async def retry_after(self, key: str) -> int:
        """Seconds until the key's count next goes down."""
        reset_at = (await self.strategy.get_window_stats(self.item, _digest(key))).reset_time
        return max(1, math.ceil(reset_at - time.time()))

    def keys_held(self) -> int:
        """Keys in the process's memory (memory:// only; 0 for a shared storage)."""
        held = getattr(self.storage, "storage", None)
        return len(held) if held is not None else 0

    async def reset(self) -> None:
        """Forgets every count in the storage (all limits sharing it)."""
        try:
            await self.storage.reset()
        except StorageError as error:
            raise _unavailable() from error


class RequestLimit(_Window):
    """At most `limit` requests per key in any `seconds`."""

    def __init__(
        self, limit: int, seconds: int, storage: Storage | None = None, name: str = "requests"
    ):
        super().__init__(limit, seconds, storage, name)

    async def hit(self, key: str) -> int | None:
        """Counts a request; None when it is within the limit, else seconds to wait."""
        try:
            if await self.strategy.hit(self.item, _digest(key)):
                return None
            return await self.retry_after(key)
        except StorageError as error:
            raise _unavailable() from error


class FailureLimit(_Window):
    """At most `limit` failures per key in any `seconds`.

    An attempt counts as a failure from the moment it is admitted until it is known to have
    succeeded, so that concurrent attempts (in any process) cannot all pass the check while
    their passwords are still being verified. Admitting first adds one to the key's pending
    counter (atomically, in the shared storage), then checks failures plus pending against
    the limit, and takes its mark back when refused. Settling counts a failure before it
    takes the pending mark back, so failures plus pending never undercount: two racing
    attempts may both be refused where one would have been admitted, never both admitted
    where one should not. A pending mark left by a process that died expires after
    PENDING_SECONDS.
    """

    def __init__(
        self, limit: int, seconds: int, storage: Storage | None = None, name: str = "failures"
    ):
        super().__init__(limit, seconds, storage, name)
        self.pending_seconds = min(seconds, PENDING_SECONDS)

    def _pending_key(self, key: str) -> str:
        return f"{self.name}/pending/{_digest(key)}"

    async def admit(self, key: str) -> int:
        """0 when one more attempt is admitted (settle it later), else seconds to wait."""
        try:
            pending = await self.storage.incr(self._pending_key(key), self.pending_seconds)
            if await self.strategy.test(self.item, _digest(key), cost=max(pending, 1)):
                return 0
            await self._release(key)
            return await self.retry_after(key)
        except StorageError as error:
            raise _unavailable() from error

    async def _release(self, key: str) -> None:
        await self.storage.incr(self._pending_key(key), self.pending_seconds, amount=-1)

    async def settle(self, key: str, *, failed: bool) -> None:
        """Ends an admitted attempt, counting it as a failure or not. Runs to its end even
        when the request is cancelled meanwhile (the client went away)."""
        with anyio.CancelScope(shield=True):
            try:
                if failed:
                    await self.strategy.hit(self.item, _digest(key))
                await self._release(key)
            except StorageError:
                # The pending mark expires by itself; the failure is lost with the storage.
                pass

    async def clear(self, key: str) -> None:
        try:
            await self.strategy.clear(self.item, _digest(key))
        except StorageError as error:
            raise _unavailable() from error


class LoginAttempt:
    failed = False

    def fail(self) -> None:
        self.failed = True


class LoginLimiter:
    """Failed logins, limited per account (the name tried) and per client address."""

    def __init__(
        self, per_account: int, per_address: int, seconds: int, storage: Storage | None = None
    ):
        self.account = FailureLimit(per_account, seconds, storage, "login-account")
        self.address = FailureLimit(per_address, seconds, self.account.storage, "login-address")

    @asynccontextmanager
    async def attempt(self, account: str, address: str) -> AsyncIterator[LoginAttempt]:
        """Admits one login attempt or raises 429 with Retry-After. Call `fail()` on the
        attempt when the credentials are wrong; an attempt that ends without failing clears
        the account's failures, and one that ends in another error counts for nothing."""
        limits = ((self.account, account), (self.address, address))
        admitted: list[tuple[FailureLimit, str]] = []
        waits: list[int] = []
        try:
            for limit, key in limits:
                wait = await limit.admit(key)
                if wait:
                    waits.append(wait)
                else:
                    admitted.append((limit, key))
        finally:
            if len(admitted) < len(limits):
                for limit, key in admitted:
                    await limit.settle(key, failed=False)
        if waits:
            raise TooManyRequests("Too many failed logins; wait before trying again.", max(waits))
        attempt = LoginAttempt()
        try:
            yield attempt
        finally:
            for limit, key in limits:
                await limit.settle(key, failed=attempt.failed)
        if not attempt.failed:
            await self.account.clear(account)

    def keys_held(self) -> int:
        return self.account.keys_held()

    async def reset(self) -> None:
        await self.account.reset()
