"""The acceptance targets of issue 5, checked against the measurements: PASS or MISS by how much."""

from __future__ import annotations

from typing import Any

MAX_REQUESTS = 3
CORE_50X365_S = 0.5
CORE_1M_S = 10.0
RSS_1M_BYTES = 2_000_000_000  # 2 GB
MIN_SPEEDUP = 5.0
SPEEDUP_SIZE = "50x365"
MILLION = "1000x1000"
PROCESS_SPEEDUP = 5.0  # issue 12: whole process against whole process
PROCESS_GOOGLE_S = 1.2
PROCESS_XLSX_S = 2.5


def _verdict(ok: bool, miss: str) -> str:
    return "PASS" if ok else f"MISS ({miss})"


def check_targets(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    rows: list[tuple[str, str, str]] = []

    counts = [
        e[f"ours_{p}"]["requests"] for e in results["e2e"].values() for p in ("first", "steady")
    ]
    for item in results.get("small", []):
        counts += [item["first"]["requests"], *(r["requests"] for r in item["steady"])]
    worst = max(counts)
    runs = [r for e in results["e2e"].values() for k, r in e.items() if k[:5] in {"ours_", "base_"}]
    runs += [r for item in results.get("small", []) for r in (item["first"], *item["steady"])]
    agree = all(r["requests"] == r["server_log"] for r in runs)
    log_note = "client count = emulator log" if agree else "**client count ≠ emulator log**"
    sizes = ", ".join(s.replace("x", "×") for s in results["e2e"])
    rows.append(
        (
            f"≤ {MAX_REQUESTS} Sheets API requests per recalculation, every size",
            f"max {worst} over {len(counts)} runs ({sizes}; 10 and 10,000 rows); {log_note}",
            _verdict(worst <= MAX_REQUESTS, f"{worst - MAX_REQUESTS} request(s) over"),
        )
    )

    core = results["core"][SPEEDUP_SIZE]["core_s"]
    rows.append(
        (
            f"core < {CORE_50X365_S} s at 50×365",
            f"{core:.3f} s",
            _verdict(
                core < CORE_50X365_S,
                f"{core - CORE_50X365_S:.3f} s over, ×{core / CORE_50X365_S:.2f}",
            ),
        )
    )

    million = results["core"][MILLION]
    core = million["core_s"]
    rows.append(
        (
            f"core < {CORE_1M_S:.0f} s at {million['daily_rows']:,} daily rows",
            f"{core:.2f} s",
            _verdict(core < CORE_1M_S, f"{core - CORE_1M_S:.2f} s over, ×{core / CORE_1M_S:.2f}"),
        )
    )

    rss = million["peak_rss_mb"] * 2**20
    rows.append(
        (
            f"peak RSS < 2 GB at {million['daily_rows']:,} daily rows",
            f"{rss / 1e9:.2f} GB ({million['peak_rss_mb']:,.0f} MiB; inputs alone "
            f"{million['rss_inputs_mb']:,.0f} MiB)",
            _verdict(rss < RSS_1M_BYTES, f"{(rss - RSS_1M_BYTES) / 1e9:.2f} GB over"),
        )
    )

    e2e = results["e2e"][SPEEDUP_SIZE]
    ours, base = e2e["ours_steady"]["wall_s"], e2e["base_steady"]["wall_s"]
    speedup = base / ours
    rows.append(
        (
            f"end to end ≥ {MIN_SPEEDUP:.0f}× faster than the baseline at 50×365, 150 ms latency",
            f"{speedup:.1f}× ({ours:.2f} s vs {base:.2f} s; first run "
            f"{e2e['base_first']['wall_s'] / e2e['ours_first']['wall_s']:.1f}×)",
            _verdict(speedup >= MIN_SPEEDUP, f"{MIN_SPEEDUP - speedup:.1f}× short"),
        )
    )
    whole = results.get("process")
    if whole:
        google, xlsx = whole["google"], whole["xlsx"]
        ours, base = google["ours"]["median_s"], google["base"]["median_s"]
        ratio = base / ours
        rows.append(
            (
                f"whole process ≥ {PROCESS_SPEEDUP:.0f}× faster than the baseline script at "
                "50×365, 150 ms latency",
                f"{ratio:.1f}× ({ours:.2f} s vs {base:.2f} s, medians of {google['runs']})",
                _verdict(ratio >= PROCESS_SPEEDUP, f"{PROCESS_SPEEDUP - ratio:.1f}× short"),
            )
        )
        rows.append(
            (
                f"`rolemap recalc --sheet` ≤ {PROCESS_GOOGLE_S} s at 50×365, 150 ms latency",
                f"{ours:.2f} s",
                _verdict(ours <= PROCESS_GOOGLE_S, f"{ours - PROCESS_GOOGLE_S:.2f} s over"),
            )
        )
        xlsx_s = xlsx["steady"]["median_s"]
        rows.append(
            (
                f"`rolemap recalc big.xlsx` ≤ {PROCESS_XLSX_S} s at 50×365",
                f"{xlsx_s:.2f} s (first run {xlsx['first_s']:.2f} s)",
                _verdict(xlsx_s <= PROCESS_XLSX_S, f"{xlsx_s - PROCESS_XLSX_S:.2f} s over"),
            )
        )
    return rows


def targets_table(results: dict[str, Any]) -> str:
    lines = ["| target | measured | result |", "|---|---|---|"]
    lines += [f"| {t} | {m} | **{v}** |" for t, m, v in check_targets(results)]
    return "\n".join(lines)
