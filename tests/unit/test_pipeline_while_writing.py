"""`pipeline.run(while_writing=...)`: the caller's work runs while the one write travels, and
the write's outcome (done or failed) is what the run reports."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core import RunResult
from rolemap.core.plan.model import WritePlan
from rolemap.demo import build_demo
from rolemap.pipeline import run

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


class SlowWrite(MemoryStorage):
    """A write that waits until told, so the test sees what overlaps it."""

    def __init__(self, *, fail: bool = False) -> None:
        super().__init__(build_demo("en", NOW.date()))
        self.started = threading.Event()
        self.release = threading.Event()
        self.fail = fail

    def apply(self, plan: WritePlan) -> None:
        self.started.set()
        assert self.release.wait(5), "the write was never released"
        if self.fail:
            raise OSError("disk full")
        super().apply(plan)


def test_the_callers_work_runs_while_the_write_is_in_flight() -> None:
    storage = SlowWrite()
    seen: list[bool] = []

    def meanwhile(result: RunResult) -> None:
        seen.append(storage.started.wait(5) and not storage.applied and bool(result.flags))
        storage.release.set()

    outcome = run(storage, now=NOW, while_writing=meanwhile)

    assert seen == [True]  # the write had started and not finished; the result was handed over
    assert storage.applied == [outcome.plan]


def test_a_failed_write_still_fails_the_run_after_the_callers_work() -> None:
    storage = SlowWrite(fail=True)
    calls: list[str] = []

    def meanwhile(_: RunResult) -> None:
        calls.append("meanwhile")
        storage.release.set()

    with pytest.raises(OSError, match="disk full"):
        run(storage, now=NOW, while_writing=meanwhile)
    assert calls == ["meanwhile"]
    assert storage.applied == []


def test_a_dry_run_does_the_callers_work_and_writes_nothing() -> None:
    storage = MemoryStorage(build_demo("en", NOW.date()))
    calls: list[str] = []

    run(storage, now=NOW, dry_run=True, while_writing=lambda _: calls.append("meanwhile"))

    assert calls == ["meanwhile"]
    assert storage.applied == []
