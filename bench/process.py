"""Whole processes, as a user runs them: `rolemap recalc --sheet` against the baseline script,
both through the 150 ms emulator, and `rolemap recalc big.xlsx` on the same sheet as a file.

    .venv/bin/python bench/process.py [CHANNELSxDAYS] [--runs N]

Every timed run is a fresh interpreter (`subprocess.run`), so interpreter start-up, imports,
JSON, the core and the I/O all count, as they do for a user. The emulator runs in this process,
on 127.0.0.1, and serves both sheets; ours and the baseline alternate, one after the other.
The first run of each creates the output tabs and is reported apart; the medians are over the
steady runs (the output tabs already exist). Prints the result as JSON.

The package is byte-compiled first, as `pip install` does for an installed package: an editable
checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
The emulator's own work per request (`served_ms` in its log) is reported beside the wall time;
its latency is the least a request takes, and that work happens within it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from clock import AS_OF
from rolemap.adapters.xlsx_template import write_grids
from rolemap.demo import build_large
from sheets_emulator import Emulator

HERE = Path(__file__).resolve().parent
LATENCY_MS = 150
ROLEMAP = str(Path(sys.executable).with_name("rolemap"))


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], cpu: list[float]) -> float:
    """Wall seconds of one process; its CPU seconds (user + system) go to `cpu`."""
    cpu_before = _cpu_children()
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    cpu.append(_cpu_children() - cpu_before)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall


def _served_ms(emulator: Emulator) -> list[float]:
    """The emulator's own work on each Sheets API request of the last run, in ms."""
    log = emulator.requests_log()
    return [float(e["served_ms"]) for e in log if str(e.get("path", "")).startswith("/v4")]


def compile_package() -> None:
    """Byte-compile `rolemap` as an install would (see the module docstring)."""
    import rolemap

    compileall.compile_dir(str(Path(rolemap.__file__).parent), quiet=1)


def _summary(times: list[float], cpu: list[float]) -> dict[str, Any]:
    """Steady runs: wall and CPU medians (CPU time barely moves when the machine is busy)."""
    return {
        "median_s": statistics.median(times),
        "all_s": times,
        "cpu_median_s": statistics.median(cpu),
    }


def google(channels: int, days: int, runs: int) -> dict[str, Any]:
    """Ours and the baseline, alternating, each a whole process, `runs` steady runs each."""
    tabs = build_large(channels, days, AS_OF)
    env = dict(os.environ)
    ours_cmd = [ROLEMAP, "recalc", "--sheet", "ours", "--as-of", AS_OF.isoformat()]
    with Emulator(latency_ms=0) as emulator:
        emulator.seed_grid("ours", tabs)
        emulator.seed_grid("base", tabs)
        del tabs
        emulator.set_latency(LATENCY_MS)
        env["ROLEMAP_SHEETS_API_URL"] = emulator.url
        base_cmd = [sys.executable, str(HERE / "baseline.py"), emulator.url, "base"]
        times: dict[str, list[float]] = {"ours": [], "base": []}
        cpu: dict[str, list[float]] = {"ours": [], "base": []}
        requests: dict[str, list[int]] = {"ours": [], "base": []}
        served: dict[str, list[list[float]]] = {"ours": [], "base": []}
        for _ in range(runs + 1):  # the first run of each creates the output tabs
            for name, cmd in (("ours", ours_cmd), ("base", base_cmd)):
                emulator.clear_log()
                times[name].append(_timed(cmd, env, cpu[name]))
                served_ms = _served_ms(emulator)  # one entry per Sheets API request
                requests[name].append(len(served_ms))
                served[name].append(served_ms)
    ours, base = (statistics.median(times[k][1:]) for k in ("ours", "base"))
    return {
        "latency_ms": LATENCY_MS,
        "runs": runs,
        "ours_first_s": times["ours"][0],
        "base_first_s": times["base"][0],
        "ours": _summary(times["ours"][1:], cpu["ours"][1:]),
        "base": _summary(times["base"][1:], cpu["base"][1:]),
        "speedup": base / ours,
        "requests_ours": max(requests["ours"][1:]),
        "requests_base": max(requests["base"][1:]),
        # Per steady run of ours: the emulator's own ms on each request (get, batchGet, write).
        "served_ms_ours": served["ours"][1:],
    }


def xlsx(channels: int, days: int, runs: int) -> dict[str, Any]:
    """`rolemap recalc big.xlsx` as a whole process: a fresh copy first, then the same file
    again and again (each run reads what the previous one wrote, as a user's file does)."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="rolemap-bench-") as tmp:
        source = Path(tmp) / "source.xlsx"
        write_grids(source, build_large(channels, days, AS_OF))
        big = Path(tmp) / "big.xlsx"
        shutil.copyfile(source, big)
        cmd = [ROLEMAP, "recalc", str(big), "--as-of", AS_OF.isoformat()]
        cpu: list[float] = []
        times = [_timed(cmd, env, cpu) for _ in range(runs + 1)]
        size = big.stat().st_size
    return {
        "runs": runs,
        "first_s": times[0],
        "steady": _summary(times[1:], cpu[1:]),
        "file_kib": size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", default="50x365")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["google", "xlsx"])
    options = parser.parse_args()
    channels, days = (int(x) for x in options.size.lower().split("x"))
    compile_package()
    out: dict[str, Any] = {"size": options.size}
    if options.only in (None, "google"):
        out["google"] = google(channels, days, options.runs)
    if options.only in (None, "xlsx"):
        out["xlsx"] = xlsx(channels, days, options.runs)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
