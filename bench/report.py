"""The benchmark's markdown report and its plot."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
from importlib.metadata import version
from pathlib import Path
from typing import Any

from targets import targets_table

DASH = "—"


def machine_facts() -> dict[str, Any]:
    import psutil

    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": psutil.virtual_memory().total / 2**30,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {
            p: version(p)
            for p in ("pandas", "numpy", "gspread", "gspread-dataframe", "gspread-formatting")
        },
    }


def _label(size: str) -> str:
    return size.replace("x", " × ")


def _kib(n: float) -> str:
    return f"{n / 1024:,.0f}"


def _pair(ours: Any, theirs: Any) -> str:
    return f"{ours} / {theirs}" if theirs is not None else f"{ours} / {DASH}"


def main_table(results: dict[str, Any]) -> str:
    lines = [
        "| channels × days | daily rows | core, s | peak RSS, MiB | requests ours / baseline "
        "| sent KiB ours / baseline | received KiB ours / baseline "
        "| wall, s ours / baseline | speed-up | same outputs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for size, core in results["core"].items():
        cells = [_label(size), f"{core['daily_rows']:,}", f"{core['core_s']:.3f}"]
        cells.append(f"{core['peak_rss_mb']:,.0f}")
        e2e = results["e2e"].get(size)
        if e2e is None:
            cells += ["core only"] + [DASH] * 5
        else:
            ours, base = e2e["ours_steady"], e2e.get("base_steady")
            b = base or {}
            cells.append(_pair(ours["requests"], b.get("requests")))
            cells.append(_pair(_kib(ours["sent"]), base and _kib(b["sent"])))
            cells.append(_pair(_kib(ours["received"]), base and _kib(b["received"])))
            cells.append(_pair(f"{ours['wall_s']:.2f}", base and f"{b['wall_s']:.2f}"))
            if base:
                cells.append(f"{b['wall_s'] / ours['wall_s']:.1f}×")
                cells.append("yes" if e2e["match_steady"] and e2e["match_first"] else "**no**")
            else:
                cells += ["not run (`--full`)", DASH]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def first_run_table(results: dict[str, Any]) -> str:
    lines = [
        "| channels × days | requests ours / baseline | wall, s ours / baseline | speed-up |",
        "|---|---:|---:|---:|",
    ]
    for size, e2e in results["e2e"].items():
        ours, base = e2e["ours_first"], e2e.get("base_first")
        if base is None:
            row = [
                _label(size),
                _pair(ours["requests"], None),
                _pair(f"{ours['wall_s']:.2f}", None),
            ]
            row.append(DASH)
        else:
            row = [_label(size), _pair(ours["requests"], base["requests"])]
            row.append(_pair(f"{ours['wall_s']:.2f}", f"{base['wall_s']:.2f}"))
            row.append(f"{base['wall_s'] / ours['wall_s']:.1f}×")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def small_table(small: list[dict[str, Any]]) -> str:
    lines = [
        "| daily rows | channels × days | requests per recalculation | wall, s (first run) "
        "| wall, s (steady, median of 3) | sent / received KiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for item in small:
        steady = sorted(r["wall_s"] for r in item["steady"])
        requests = sorted({item["first"]["requests"], *(r["requests"] for r in item["steady"])})
        last = item["steady"][-1]
        lines.append(
            f"| {item['rows']:,} | {_label(item['shape'])} | {', '.join(map(str, requests))} "
            f"| {item['first']['wall_s']:.2f} | {steady[len(steady) // 2]:.2f} "
            f"| {_kib(last['sent'])} / {_kib(last['received'])} |"
        )
    return "\n".join(lines)


def _served_text(google: dict[str, Any]) -> str:
    """The emulator's own work on our requests, which its 150 ms latency includes."""
    runs = google.get("served_ms_ours") or []
    if not runs:
        return ""
    per_request = [statistics.median(ms) for ms in zip(*runs, strict=False)]
    shown = " / ".join(f"{ms / 1000:.2f}" for ms in per_request)
    return (
        f"The emulator's own work on our {len(per_request)} requests, medians: {shown} s; "
        "the latency is the least a request takes, and that work happens within it."
    )


def process_table(whole: dict[str, Any]) -> str:
    """Whole processes at one size: ours and the baseline side by side, and the xlsx path."""
    google, xlsx = whole["google"], whole["xlsx"]
    ours, base = google["ours"]["median_s"], google["base"]["median_s"]

    def spread(times: list[float]) -> str:
        return f"{min(times):.2f}–{max(times):.2f}"

    def row(
        path: str, command: str, runs: dict[str, Any], first: float, requests: str
    ) -> tuple[str, ...]:
        return (
            path,
            command,
            f"{runs['median_s']:.2f}",
            spread(runs["all_s"]),
            f"{runs['cpu_median_s']:.2f}",
            f"{first:.2f}",
            requests,
        )

    rows = [
        row(
            "Google, Rolemap",
            "`rolemap recalc --sheet ID`",
            google["ours"],
            google["ours_first_s"],
            str(google["requests_ours"]),
        ),
        row(
            "Google, baseline",
            "`python bench/baseline.py URL ID`",
            google["base"],
            google["base_first_s"],
            str(google["requests_base"]),
        ),
        row("xlsx, Rolemap", "`rolemap recalc big.xlsx`", xlsx["steady"], xlsx["first_s"], DASH),
    ]
    lines = [
        f"Channels × days: {_label(whole['size'])}; median of {google['runs']} steady runs per "
        f"path, each a fresh process; the Google paths alternate through the 150 ms emulator. "
        f"**Baseline ÷ Rolemap: {base / ours:.1f}×** ({base:.2f} s vs {ours:.2f} s). CPU is "
        "the process's own user + system time: on a busy machine wall time grows, CPU time "
        f"hardly does. {_served_text(google)}",
        "",
        "| path | command | wall, s (median) | range, s | CPU, s (median) | first run, s "
        "| requests |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def profile_text(profile: dict[str, Any]) -> str:
    lines = [
        f"cProfile of one 1,000,000-row core run ({profile['total_s']:.1f} s under the profiler):"
    ]
    lines += [
        "",
        "| where (cumulative, rolemap) | calls | own s | cumulative s |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| `{w}` | {c} | {t:.2f} | {ct:.2f} |" for w, c, t, ct in profile["by_cumulative"]]
    lines += [
        "",
        "| where (own time, any) | calls | own s | cumulative s |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| `{w}` | {c} | {t:.2f} | {ct:.2f} |" for w, c, t, ct in profile["by_own_time"]]
    return "\n".join(lines)


METHOD = """\
- **Sizes.** `rolemap.demo.build_large(channels, days)`: a typed English sheet with
  channels × days Daily rows plus Weekly, Channels, Roles, Stop rules and Settings.
- **Core.** `recalculate_snapshot` + `build_plan` on a snapshot built beforehand: no I/O. Best of
  5 runs (3 from 100,000 rows).
- **Peak RSS.** `ru_maxrss` of a fresh subprocess per size that builds the inputs and runs the
  core; the inputs alone are in the targets row. End-to-end runs use other subprocesses.
- **Requests and bytes.** A counting `requests.Session` (the `RedirectingSession` that points
  gspread at the emulator) counts every request and sums HTTP body bytes sent and received;
  the emulator's own request log is checked to agree.
- **Wall time.** Through the in-process Sheets API emulator on 127.0.0.1 with 150 ms latency
  per request, from the first request to the applied write. Each size seeds two identical
  sheets; ours and the baseline run interleaved in one process, twice each: the first run
  creates the output tabs, the second (the headline numbers) recalculates a sheet that has
  them. Each run uses a fresh session.
- **Whole processes.** `bench/process.py`: every run is a fresh interpreter started with
  `subprocess.run`, timed from start to exit, so start-up, imports, JSON, the core and the I/O
  all count. The emulator (in the benchmark's process) serves two identical seeded sheets; our
  CLI and the baseline script (`python bench/baseline.py URL ID`) alternate. The xlsx path runs
  `rolemap recalc big.xlsx` on the same sheet saved by `write_grids`, first on a fresh copy,
  then again on the file it wrote (steady state). All runs use `--as-of 2026-11-25`.
- **Baseline.** The idiomatic gspread script (`bench/baseline.py`): `open_by_key`, one
  `worksheets()`, `get_as_dataframe` per input tab (and the earlier `Stop flags` and `Run log`),
  our core on those DataFrames, then per output tab `add_worksheet` if missing, `clear`,
  `set_with_dataframe`, a bold header and frozen row (`gspread-formatting`), and its conditional
  formats (`get_conditional_format_rules` + `save`); the Flag column with `ws.update` and its
  rules. It skips merges, per-cell colours and number formats, column widths, charts and
  protections, which Rolemap also writes: a faithful script would send even more requests.
  "Same outputs" compares every value both paths wrote (Run log aside).
"""


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    full = "yes" if results["full"] else "no: baseline up to 50×365; `--full` adds 200×730"
    parts = [
        "# Rolemap benchmark",
        "",
        f"- Date: {m['date']}; total benchmark time {results['elapsed_s']:.0f} s.",
        f"- Machine: {m['cpus']} CPUs ({m['cpu_model'] or 'unknown model'}), "
        f"{m['memory_gib']:.0f} GiB RAM, {m['platform']}.",
        f"- Python {m['python']}; {packages}.",
        f"- Command: `make bench` (`.venv/bin/python bench/run.py`); full run: {full}.",
        "- Emulator latency: 150 ms per Sheets API request. The 1,000,000-row case is core only.",
        "",
        "## Per size (steady state: the output tabs already exist)",
        "",
        main_table(results),
        "",
        "## First run (the output tabs are created)",
        "",
        first_run_table(results),
        "",
        "## Whole process (issue 12)",
        "",
        process_table(results["process"]),
        "",
        "## Targets (issues 5 and 12)",
        "",
        targets_table(results),
        "",
        "## Google path at 10 and 10,000 daily rows (issue 3, item 5)",
        "",
        small_table(results["small"]),
        "",
        "## Method",
        "",
        METHOD,
    ]
    profile = results["core"].get("1000x1000", {}).get("profile")
    if profile:
        parts += ["## Profile", "", profile_text(profile), ""]
    return "\n".join(parts)


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    core = results["core"]
    left.plot(
        [c["daily_rows"] for c in core.values()],
        [c["core_s"] for c in core.values()],
        "o:",
        color="tab:grey",
        label="core compute (no I/O)",
    )
    e2e = results["e2e"]
    for key, label, style, color in (
        ("ours", "Rolemap, end to end", "s-", "tab:blue"),
        ("base", "gspread baseline, end to end", "^--", "tab:orange"),
    ):
        runs = [(e["daily_rows"], e[f"{key}_steady"]) for e in e2e.values() if f"{key}_steady" in e]
        rows = [r for r, _ in runs]
        left.plot(rows, [x["wall_s"] for _, x in runs], style, color=color, label=label)
        right.plot(rows, [x["requests"] for _, x in runs], style, color=color, label=label)
    left.set(
        xscale="log",
        yscale="log",
        xlabel="daily rows",
        ylabel="seconds",
        title="Time per recalculation (150 ms emulator)",
    )
    right.set(
        xscale="log",
        xlabel="daily rows",
        ylabel="Sheets API requests",
        title="Requests per recalculation",
    )
    right.set_ylim(bottom=0)
    for ax in (left, right):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
