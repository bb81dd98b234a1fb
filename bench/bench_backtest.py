"""What the stop-rule backtest adds to the core: 50 channels × 365 days × 10 rules by default.

    .venv/bin/python bench/bench_backtest.py [CHANNELSxDAYS]

Times the whole core (recalculate + write plan) with and without the backtest, interleaved,
best of five; then the backtest alone and the `Stop flags` tab that shows it. The generated
sheet has four rules; six more `*` rules make ten.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from clock import AS_OF, NOW
from rolemap.core import recalc
from rolemap.core.checks.backtest import backtest
from rolemap.core.model.snapshot import Snapshot
from rolemap.core.parse.inputs import read_inputs
from rolemap.core.plan.build import build_plan
from rolemap.core.plan.tables import RunInfo, flags_tab
from rolemap.demo import build_large

EXTRA_RULES = (
    ("CPL too high", "CPL", ">", 1200, 3, "Review"),
    ("CR too low", "CR", "<", 0.2, 4, "Review"),
    ("ROMI negative", "ROMI", "<", 0, 7, "Stop"),
    ("Spend spike", "Spend", ">", 25_000, 2, "Scale down"),
    ("CPA very high", "CPA", ">", 8000, 2, "Stop"),
    ("CTR very low", "CTR", "<", 0.002, 3, "Rewrite"),
)


def _snapshot(channels: int, days: int) -> Snapshot:
    tabs = build_large(channels, days, AS_OF)
    rules = tabs["Stop rules"]
    width = len(rules[0])
    for name, metric, cond, threshold, n, action in EXTRA_RULES:
        row: list[Any] = [name, "*", metric, cond, threshold, n, 1000, action]
        rules.append(row + [None] * (width - len(row)))
    return Snapshot(tabs=tabs)


def _best(fn: Callable[[], object], repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main(size: str) -> None:
    channels, days = (int(x) for x in size.split("x"))
    snapshot = _snapshot(channels, days)
    run = RunInfo(NOW, "bench", 0, "write")

    def core() -> None:
        build_plan(recalc.recalculate_snapshot(snapshot, today=AS_OF, as_of=AS_OF), run)

    inputs = read_inputs(snapshot)
    rows = backtest(inputs, AS_OF)
    real = recalc.backtest
    best = {True: float("inf"), False: float("inf")}
    for _ in range(5):  # interleaved, so a busy machine weighs on both alike
        for on in (True, False):
            recalc.backtest = real if on else (lambda inputs, day: [])  # type: ignore[assignment]
            best[on] = min(best[on], _best(core, repeats=1))
    recalc.backtest = real
    result = recalc.recalculate_snapshot(snapshot, today=AS_OF, as_of=AS_OF)
    spec = result.inputs.contract.output("flags")
    alone = _best(lambda: backtest(inputs, AS_OF))
    block = _best(lambda: flags_tab(result, spec))
    print(f"{channels} channels × {days} days × {len(inputs.rules)} rules, {len(rows)} pairs")
    print(f"core with backtest:    {best[True]:.3f} s")
    print(f"core without backtest: {best[False]:.3f} s")
    print(f"added by the backtest: {best[True] - best[False]:.3f} s")
    print(f"backtest alone: {alone:.3f} s; the Stop flags tab with its block: {block:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "50x365")
