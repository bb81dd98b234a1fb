"""Core speed on generated sheets: read inputs, checks, stop rules, verdicts and the write plan.

    .venv/bin/python bench/bench_core.py [CHANNELSxDAYS ...]

No xlsx or network I/O is timed: the snapshot is built in memory first. Prints a markdown table
with the best of three runs and the process's peak RSS.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import time

from rolemap.core.model.snapshot import Snapshot
from rolemap.core.plan.build import build_plan
from rolemap.core.plan.tables import RunInfo
from rolemap.core.recalc import recalculate_snapshot
from rolemap.demo import build_large

AS_OF = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
DEFAULT = ("5x90", "20x365", "50x365", "200x730")


def measure(channels: int, days: int, repeats: int = 3) -> tuple[int, float, float, int, int]:
    build_started = time.perf_counter()
    snapshot = Snapshot(tabs=build_large(channels, days, AS_OF))
    build_s = time.perf_counter() - build_started
    rows = sum(len(g) for g in snapshot.tabs.values())
    best = float("inf")
    flags = checks = 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = recalculate_snapshot(snapshot, today=AS_OF, as_of=AS_OF)
        build_plan(result, RunInfo(NOW, "bench", 0, "write"))
        best = min(best, time.perf_counter() - started)
        flags, checks = len(result.flags), len(result.checks)
    return rows, build_s, best, flags, checks


def main(sizes: list[str]) -> None:
    print("| channels × days | rows | core time, s | flags | checks |")
    print("|---|---:|---:|---:|---:|")
    for size in sizes:
        channels, days = (int(x) for x in size.split("x"))
        rows, _, best, flags, checks = measure(channels, days)
        print(f"| {channels} × {days} | {rows:,} | {best:.3f} | {flags} | {checks} |")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:] or list(DEFAULT))
