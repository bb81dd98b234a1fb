"""One recalculation per sheet at a time (409 after the wait), and a per-sheet rate limit (429)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from rolemap.errors import BusyError, SheetRateLimitedError
from rolemap.web.limits import RateLimiter, SheetLocks

SHEET = "sheet_ABCdef-123"


class Gate:
    """A sheet read that blocks until released, so a test can hold a sheet's lock."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.active = 0
        self.max_active = 0
        self._mutex = threading.Lock()

    def __call__(self, storage: Any) -> None:
        with self._mutex:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        self.entered.set()
        try:
            assert self.release.wait(10)
        finally:
            with self._mutex:
                self.active -= 1


def post_in_thread(h, body: dict[str, Any], out: list[Any]) -> threading.Thread:
    client = h.app.test_client()

    def run() -> None:
        h_local = type(h)(h.app, client)
        out.append(h_local.post_signed("/recalculate", body))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_second_recalculation_of_a_busy_sheet_gets_409(make_harness, clean_json):
    gate = Gate()
    h = make_harness(gate, lock_wait_seconds=0.2)
    first: list[Any] = []
    thread = post_in_thread(h, {"spreadsheet_id": SHEET}, first)
    try:
        assert gate.entered.wait(5)
        started = time.monotonic()
        response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
        waited = time.monotonic() - started
        assert response.status_code == 409
        body = clean_json(response)
        assert body["error"]["code"] == "already_running"
        assert "already running" in body["error"]["message"]
        assert 0.15 <= waited < 3
        # Another sheet is not blocked by this one.
        other: list[Any] = []
        other_thread = post_in_thread(h, {"spreadsheet_id": "otherSheet"}, other)
    finally:
        gate.release.set()
        thread.join(10)
    other_thread.join(10)
    assert first[0].status_code == 200
    assert other[0].status_code == 200


def test_second_recalculation_waits_for_the_first(make_harness):
    gate = Gate()
    h = make_harness(gate, lock_wait_seconds=5)
    results: list[Any] = []
    first = post_in_thread(h, {"spreadsheet_id": SHEET}, results)
    assert gate.entered.wait(5)
    second = post_in_thread(h, {"spreadsheet_id": SHEET}, results)
    time.sleep(0.2)
    assert gate.max_active == 1  # the second is waiting, not running
    gate.release.set()
    first.join(10)
    second.join(10)
    assert [r.status_code for r in results] == [200, 200]
    assert gate.max_active == 1
    assert len(h.storages) == 2
    assert not h.app.extensions["rolemap"].locks.busy(SHEET)


def test_rate_limit_is_429_with_retry_after(make_harness, clean_json):
    h = make_harness(rate_limit_per_minute=2)
    for _ in range(2):
        assert h.post_signed("/recalculate", {"spreadsheet_id": SHEET}).status_code == 200
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert response.status_code == 429
    assert clean_json(response)["error"]["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert len(h.storages) == 2
    # The limit is per sheet.
    assert h.post_signed("/recalculate", {"spreadsheet_id": "otherSheet"}).status_code == 200


def test_unauthenticated_requests_do_not_use_up_the_rate_limit(make_harness):
    h = make_harness(rate_limit_per_minute=1)
    for _ in range(5):
        assert h.client.post("/recalculate", json={"spreadsheet_id": SHEET}).status_code == 401
    assert h.post_signed("/recalculate", {"spreadsheet_id": SHEET}).status_code == 200


def test_rate_limiter_window_slides():
    now = [1000.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    for step in (0, 10, 20):
        now[0] = 1000.0 + step
        limiter.admit("s")
    with pytest.raises(SheetRateLimitedError) as refused:
        limiter.admit("s")
    assert refused.value.retry_after == 40  # the hit at t=0 leaves the window at t=60
    now[0] = 1060.5
    limiter.admit("s")  # one slot free again
    with pytest.raises(SheetRateLimitedError):
        limiter.admit("s")
    limiter.admit("t")


def test_rate_limiter_zero_means_unlimited():
    limiter = RateLimiter(0)
    for _ in range(100):
        limiter.admit("s")


def test_rate_limiter_forgets_idle_sheets():
    now = [0.0]
    limiter = RateLimiter(1, clock=lambda: now[0])
    for i in range(50):
        limiter.admit(f"sheet{i}")
    now[0] = 61.0
    limiter.admit("fresh")
    assert list(limiter._hits) == ["fresh"]


def test_sheet_locks_are_thread_safe_and_cleaned_up():
    locks = SheetLocks(wait_seconds=5)
    inside = 0
    worst = 0
    mutex = threading.Lock()

    def work() -> None:
        nonlocal inside, worst
        for _ in range(20):
            with locks.hold("s"):
                with mutex:
                    inside += 1
                    worst = max(worst, inside)
                time.sleep(0.0005)
                with mutex:
                    inside -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert worst == 1
    assert not locks.busy("s")


def test_sheet_lock_times_out_with_busy_error():
    locks = SheetLocks(wait_seconds=0.05)
    with locks.hold("s"), pytest.raises(BusyError), locks.hold("s"):
        pass  # pragma: no cover
    assert not locks.busy("s")
