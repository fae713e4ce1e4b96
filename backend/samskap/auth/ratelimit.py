"""Rate limits counted in the serving process (one uvicorn process serves Samskap).

The counting is the `limits` package's sliding window counter on its in-memory storage: a hit
is counted atomically, and a key's counters are dropped once its windows have passed (at most
two windows after its last hit), so memory follows recent traffic instead of every name ever
tried. Its moving-window strategy is not used: its in-memory storage keeps an empty entry for
every key it has seen.
"""

import math
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter

from samskap.problems import TooManyRequests


class _Window:
    def __init__(self, limit: int, seconds: int):
        self.storage = MemoryStorage()
        self.strategy = SlidingWindowCounterRateLimiter(self.storage)
        self.item = RateLimitItemPerSecond(limit, seconds)

    def retry_after(self, key: str) -> int:
        """Seconds until the key's count next goes down."""
        reset_at = self.strategy.get_window_stats(self.item, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))

    def keys_held(self) -> int:
        return len(self.storage.storage)

    def reset(self) -> None:
        self.storage.reset()


class RequestLimit(_Window):
    """At most `limit` requests per key in any `seconds`."""

    def hit(self, key: str) -> int | None:
        """Counts a request; None when it is within the limit, else seconds to wait."""
        if self.strategy.hit(self.item, key):
            return None
        return self.retry_after(key)


class FailureLimit(_Window):
    """At most `limit` failures per key in any `seconds`.

    An attempt counts as a failure from the moment it is admitted until it is known to have
    succeeded: concurrent attempts cannot all pass the check while their passwords are still
    being verified. Admitting happens without awaiting anything, so on the event loop it is
    atomic.
    """

    def __init__(self, limit: int, seconds: int):
        super().__init__(limit, seconds)
        self.pending: Counter[str] = Counter()

    def wait(self, key: str) -> int:
        """0 when one more attempt may be admitted now, else seconds to wait."""
        if self.strategy.test(self.item, key, cost=self.pending[key] + 1):
            return 0
        return self.retry_after(key)

    def admit(self, key: str) -> None:
        self.pending[key] += 1

    def settle(self, key: str, *, failed: bool) -> None:
        self.pending[key] -= 1
        if self.pending[key] <= 0:
            del self.pending[key]
        if failed:
            self.strategy.hit(self.item, key)

    def clear(self, key: str) -> None:
        self.strategy.clear(self.item, key)

    def keys_held(self) -> int:
        return super().keys_held() + len(self.pending)

    def reset(self) -> None:
        super().reset()
        self.pending.clear()


class LoginAttempt:
    failed = False

    def fail(self) -> None:
        self.failed = True


class LoginLimiter:
    """Failed logins, limited per account (the name tried) and per client address."""

    def __init__(self, per_account: int, per_address: int, seconds: int):
        self.account = FailureLimit(per_account, seconds)
        self.address = FailureLimit(per_address, seconds)

    @contextmanager
    def attempt(self, account: str, address: str) -> Iterator[LoginAttempt]:
        """Admits one login attempt or raises 429. Call `fail()` on the attempt when the
        credentials are wrong; an attempt that ends without failing clears the account's
        failures, and one that ends in another error counts for nothing."""
        limits = ((self.account, account), (self.address, address))
        wait = max(limit.wait(key) for limit, key in limits)
        if wait:
            raise TooManyRequests("Too many failed logins; wait before trying again.", wait)
        for limit, key in limits:
            limit.admit(key)
        attempt = LoginAttempt()
        try:
            yield attempt
        finally:
            for limit, key in limits:
                limit.settle(key, failed=attempt.failed)
        if not attempt.failed:
            self.account.clear(account)

    def keys_held(self) -> int:
        return self.account.keys_held() + self.address.keys_held()

    def reset(self) -> None:
        self.account.reset()
        self.address.reset()
