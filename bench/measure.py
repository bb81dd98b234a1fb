"""Measurements shared by the benchmark modes: core time, traffic counting, our Google path.

Everything talks to 127.0.0.1 only: the emulator runs in this process on a free loopback port.
"""

from __future__ import annotations

import math
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from clock import AS_OF, NOW
from rolemap import pipeline
from rolemap.adapters.google.session import RedirectingSession
from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.plan.build import build_plan
from rolemap.core.plan.model import WritePlan
from rolemap.core.plan.tables import RunInfo
from rolemap.core.recalc import recalculate_snapshot
from rolemap.demo import build_large
from rolemap.settings import Settings
from sheets_emulator import Emulator

LATENCY_MS = 150


class CountingSession(RedirectingSession):
    """A RedirectingSession that counts requests and HTTP body bytes both ways."""

    def __init__(self, api_url: str) -> None:
        super().__init__(api_url)
        self.requests = 0
        self.sent = 0
        self.received = 0

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        response = super().request(method, url, *args, **kwargs)
        body = response.request.body
        self.requests += 1
        self.sent += len(body.encode() if isinstance(body, str) else body or b"")
        self.received += len(response.content)
        return response


@dataclass
class Run:
    """One recalculation through the emulator, as the client saw it."""

    requests: int
    sent: int
    received: int
    wall_s: float
    server_log: int  # Sheets API requests in the emulator's own log (cross-check)
    outputs: list[Any] = field(default_factory=list, repr=False)

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("outputs")
        return data


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def core_once(snapshot: Snapshot) -> WritePlan:
    result = recalculate_snapshot(snapshot, today=AS_OF, as_of=AS_OF)
    return build_plan(result, RunInfo(NOW, "bench", 0, "write"))


def core_time(channels: int, days: int, repeats: int) -> dict[str, Any]:
    """Best-of-`repeats` core time (read inputs, checks, rules, verdicts, write plan); no I/O."""
    started = time.perf_counter()
    snapshot = Snapshot(tabs=build_large(channels, days, AS_OF))
    build_s = time.perf_counter() - started
    rss_inputs = peak_rss_mb()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        core_once(snapshot)
        times.append(time.perf_counter() - started)
    return {
        "daily_rows": len(snapshot.tabs["Daily"]) - 1,
        "cells": sum(len(r) for g in snapshot.tabs.values() for r in g),
        "build_s": build_s,
        "core_s": min(times),
        "core_all_s": times,
        "rss_inputs_mb": rss_inputs,
        "peak_rss_mb": peak_rss_mb(),
    }


def plan_values(plan: WritePlan) -> list[Any]:
    """What a plan writes, as plain values: for checking that two paths computed the same."""
    tabs = [
        (o.title, [[c.value for c in row] for row in o.rows])
        for o in plan.outputs
        if o.key != "runlog"  # the run log holds each run's duration and request count
    ]
    flags = [(w.tab, w.col, [c.value for c in w.values]) for w in plan.column_writes]
    return [tabs, flags]


def timed(emulator: Emulator, work: Callable[[CountingSession], list[Any]]) -> Run:
    """Run `work` with a fresh counting session and time it; the log is cleared first."""
    emulator.clear_log()
    session = CountingSession(emulator.url)
    try:
        started = time.perf_counter()
        outputs = work(session)
        wall = time.perf_counter() - started
    finally:
        session.close()
    log = [e for e in emulator.requests_log() if str(e.get("path", "")).startswith("/v4")]
    return Run(session.requests, session.sent, session.received, wall, len(log), outputs)


def ours(emulator: Emulator, spreadsheet_id: str) -> Run:
    """One recalculation the Rolemap way: GoogleSheetStorage + pipeline.run."""

    def work(session: CountingSession) -> list[Any]:
        settings = Settings(sheets_api_url=emulator.url)
        storage = GoogleSheetStorage(spreadsheet_id, settings, session=session)
        return plan_values(pipeline.run(storage, now=NOW).plan)

    return timed(emulator, work)


def shape_for_rows(rows: int) -> tuple[int, int]:
    """Channels × days giving `rows` daily rows: 1 channel up to 100 rows, else 20 channels."""
    channels = 1 if rows <= 100 else 20
    return channels, math.ceil(rows / channels)


def seed(emulator: Emulator, spreadsheet_id: str, tabs: dict[str, Grid]) -> float:
    started = time.perf_counter()
    emulator.seed_grid(spreadsheet_id, tabs)
    return time.perf_counter() - started
