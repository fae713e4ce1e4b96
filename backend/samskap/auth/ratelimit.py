"""Sliding-window counters kept in the process (one uvicorn process serves Samskap)."""

import time
from collections import defaultdict, deque


class SlidingWindow:
    def __init__(self, limit: int, seconds: int):
        self.limit = limit
        self.seconds = seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def _trim(self, key: str, now: float) -> deque[float]:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        return hits

    def retry_after(self, key: str) -> int | None:
        """Seconds until the key may try again, or None when it is under its limit."""
        now = time.monotonic()
        hits = self._trim(key, now)
        if len(hits) < self.limit:
            return None
        return int(hits[0] + self.seconds - now) + 1

    def hit(self, key: str) -> None:
        now = time.monotonic()
        self._trim(key, now).append(now)

    def clear(self, key: str) -> None:
        self._hits.pop(key, None)

    def reset(self) -> None:
        self._hits.clear()
