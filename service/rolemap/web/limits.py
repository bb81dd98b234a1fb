"""In-process load limits: one recalculation per sheet at a time, and a per-sheet rate limit.

Both live in one process. Run one gunicorn worker (with threads) so they hold for the whole
service; with several workers each worker enforces them separately.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rolemap.errors import BusyError, SheetRateLimitedError

Clock = Callable[[], float]


class RateLimiter:
    """Sliding window: at most `per_minute` admissions per key in any 60 s. 0 or less: no limit."""

    WINDOW = 60.0

    def __init__(self, per_minute: int, clock: Clock = time.monotonic) -> None:
        self._limit = per_minute
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._mutex = threading.Lock()

    def admit(self, key: str) -> None:
        """Count one use of `key`, or raise `SheetRateLimitedError` without counting it."""
        if self._limit <= 0:
            return
        now = self._clock()
        with self._mutex:
            self._prune(now)
            hits = self._hits.setdefault(key, deque())
            if len(hits) >= self._limit:
                retry_after = max(1, math.ceil(hits[0] + self.WINDOW - now))
                raise SheetRateLimitedError(
                    f"Too many recalculations of this sheet: at most {self._limit} a minute. "
                    f"Try again in {retry_after} s.",
                    retry_after,
                )
            hits.append(now)

    def _prune(self, now: float) -> None:
        # Drop old hits of every key, so idle sheets do not accumulate in memory.
        horizon = now - self.WINDOW
        for key in list(self._hits):
            hits = self._hits[key]
            while hits and hits[0] <= horizon:
                hits.popleft()
            if not hits:
                del self._hits[key]


class SheetLocks:
    """One holder per key; others wait up to `wait_seconds`, then get `BusyError` (409)."""

    def __init__(self, wait_seconds: float) -> None:
        self._wait = max(0.0, wait_seconds)
        # key -> (lock, number of threads holding or waiting); dropped when nobody needs it.
        self._locks: dict[str, tuple[threading.Lock, int]] = {}
        self._mutex = threading.Lock()

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        lock = self._checkout(key)
        try:
            if not lock.acquire(timeout=self._wait):
                raise BusyError(
                    "A recalculation of this sheet is already running and did not finish "
                    f"within {self._wait:g} s. Try again in a minute."
                )
            try:
                yield
            finally:
                lock.release()
        finally:
            self._checkin(key)

    def _checkout(self, key: str) -> threading.Lock:
        with self._mutex:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
            return lock

    def _checkin(self, key: str) -> None:
        with self._mutex:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def busy(self, key: str) -> bool:
        """True while someone holds or waits for `key` (for tests and diagnostics)."""
        with self._mutex:
            return key in self._locks
