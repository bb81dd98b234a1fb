"""End-to-end through the 150 ms emulator: ours and the baseline, side by side in one process."""

from __future__ import annotations

from typing import Any

import gspread

from baseline import run_baseline
from measure import (
    AS_OF,
    LATENCY_MS,
    CountingSession,
    Run,
    ours,
    peak_rss_mb,
    plan_values,
    seed,
    shape_for_rows,
    timed,
)
from rolemap.demo import build_large
from sheets_emulator import Emulator


def _baseline(emulator: Emulator, spreadsheet_id: str) -> Run:
    def work(session: CountingSession) -> list[Any]:
        client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
        return plan_values(run_baseline(client, spreadsheet_id))

    return timed(emulator, work)


def end_to_end(channels: int, days: int, *, baseline: bool) -> dict[str, Any]:
    """Seed two identical sheets; run each path twice, interleaved.

    The first run creates the output tabs; the second is the steady state (a recalculation of a
    sheet that already has them), which the headline numbers use.
    """
    tabs = build_large(channels, days, AS_OF)
    out: dict[str, Any] = {"daily_rows": len(tabs["Daily"]) - 1}
    with Emulator(latency_ms=0) as emulator:
        out["seed_s"] = seed(emulator, "ours", tabs)
        if baseline:
            seed(emulator, "base", tabs)
        del tabs
        emulator.set_latency(LATENCY_MS)
        for phase in ("first", "steady"):
            mine = ours(emulator, "ours")
            out[f"ours_{phase}"] = mine.public()
            if baseline:
                theirs = _baseline(emulator, "base")
                out[f"base_{phase}"] = theirs.public()
                out[f"match_{phase}"] = mine.outputs == theirs.outputs
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def small_sheets(rows_list: list[int]) -> list[dict[str, Any]]:
    """Our path only, at a few daily-row counts: requests and wall time per recalculation."""
    results = []
    for rows in rows_list:
        channels, days = shape_for_rows(rows)
        tabs = build_large(channels, days, AS_OF)
        with Emulator(latency_ms=0) as emulator:
            seed(emulator, "sheet", tabs)
            emulator.set_latency(LATENCY_MS)
            first = ours(emulator, "sheet")
            runs = [ours(emulator, "sheet") for _ in range(3)]
        results.append(
            {
                "rows": len(tabs["Daily"]) - 1,
                "shape": f"{channels}x{days}",
                "first": first.public(),
                "steady": [r.public() for r in runs],
            }
        )
    return results
