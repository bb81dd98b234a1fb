"""The Rolemap benchmark (`make bench`): core speed, memory, Sheets API traffic, and end-to-end
wall time through the emulator at 150 ms latency, against the idiomatic gspread baseline.

    .venv/bin/python bench/run.py                   # default sizes; baseline up to 50×365
    .venv/bin/python bench/run.py --full            # also the baseline at 200×730
    .venv/bin/python bench/run.py --emulator-rows 10 10000   # our path only, at N daily rows
    .venv/bin/python bench/process.py --runs 5       # whole processes only (see process.py)

Each size runs in a fresh subprocess so peak RSS figures never mix. Writes
bench/results/results.md and bench/results/bench.png; prints the markdown.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CORE_SIZES = ("5x90", "20x365", "50x365", "200x730", "1000x1000")
E2E_SIZES = ("5x90", "20x365", "50x365", "200x730")
BASELINE_DEFAULT = ("5x90", "20x365", "50x365")  # 200x730 only with --full
SMALL_ROWS = (10, 10_000)
PROCESS_SIZE = "50x365"  # whole processes: rolemap recalc --sheet / the baseline / big.xlsx
PROCESS_RUNS = 5


def _size(text: str) -> tuple[int, int]:
    channels, days = (int(x) for x in text.lower().split("x"))
    return channels, days


def child(mode: str, arg: str, options: argparse.Namespace) -> dict[str, Any]:
    """Runs inside the subprocess: one measurement, returned as JSON-able data."""
    if mode == "core":
        from measure import core_time
        from profiling import CORE_1M_TARGET_S, profile_core

        channels, days = _size(arg)
        rows = channels * days
        data = core_time(channels, days, repeats=5 if rows < 100_000 else 3)
        if rows >= 1_000_000 and (options.profile or data["core_s"] >= CORE_1M_TARGET_S):
            data["profile"] = profile_core(channels, days)
        return data
    if mode == "e2e":
        from compare import end_to_end

        return end_to_end(*_size(arg), baseline=options.baseline)
    if mode == "process":
        import process

        channels, days = _size(arg)
        process.compile_package()
        return {
            "size": arg,
            "google": process.google(channels, days, PROCESS_RUNS),
            "xlsx": process.xlsx(channels, days, PROCESS_RUNS),
        }
    if mode == "small":
        from compare import small_sheets

        return {"small": small_sheets([int(x) for x in arg.split(",")])}
    raise SystemExit(f"unknown child mode {mode!r}")


def spawn(mode: str, arg: str, *extra: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON answer."""
    started = time.perf_counter()
    print(f"  {mode} {arg} ...", end="", file=sys.stderr, flush=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, arg, *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=HERE.parent)
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"benchmark child failed: {mode} {arg}")
    print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def full_run(options: argparse.Namespace) -> None:
    from report import machine_facts, markdown, plot

    started = time.perf_counter()
    baseline_sizes = (*BASELINE_DEFAULT, "200x730") if options.full else BASELINE_DEFAULT
    print("measuring (each line is a fresh subprocess):", file=sys.stderr)
    core = {
        size: spawn("core", size, *(["--profile"] if options.profile else []))
        for size in CORE_SIZES
    }
    e2e = {
        size: spawn("e2e", size, *(["--baseline"] if size in baseline_sizes else []))
        for size in E2E_SIZES
    }
    small = spawn("small", ",".join(str(r) for r in SMALL_ROWS))["small"]
    whole = spawn("process", PROCESS_SIZE)
    results = {
        "machine": machine_facts(),
        "full": options.full,
        "core": core,
        "e2e": e2e,
        "small": small,
        "process": whole,
        "elapsed_s": time.perf_counter() - started,
    }
    RESULTS.mkdir(exist_ok=True)
    text = markdown(results)
    (RESULTS / "results.md").write_text(text, encoding="utf-8")
    plot(results, RESULTS / "bench.png")
    print(text)
    print(f"written: {RESULTS / 'results.md'}, {RESULTS / 'bench.png'}", file=sys.stderr)


def emulator_rows(rows: list[int]) -> None:
    from report import small_table

    small = spawn("small", ",".join(str(r) for r in rows))["small"]
    print(small_table(small))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also run the baseline at 200×730")
    parser.add_argument("--profile", action="store_true", help="cProfile the 1M-row core case")
    parser.add_argument("--emulator-rows", type=int, nargs="+", metavar="N")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ARG"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    sys.path.insert(0, str(HERE))
    if options.child:
        print(json.dumps(child(*options.child, options)))
    elif options.emulator_rows:
        emulator_rows(options.emulator_rows)
    else:
        full_run(options)


if __name__ == "__main__":
    main()
