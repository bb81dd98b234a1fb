"""cProfile of one core run, summarised as file:function with seconds (for a missed target)."""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path
from typing import Any

from measure import AS_OF, core_once
from rolemap.core.model.snapshot import Snapshot
from rolemap.demo import build_large

CORE_1M_TARGET_S = 10.0
ROOT = Path(__file__).resolve().parent.parent


def _where(file: str, line: int, name: str) -> str:
    path = Path(file)
    try:
        short = str(path.resolve().relative_to(ROOT / "service"))
    except ValueError:
        parts = path.parts
        short = (
            "/".join(parts[parts.index("site-packages") + 1 :])
            if "site-packages" in parts
            else file
        )
    return f"{short}:{line}:{name}"


def profile_core(channels: int, days: int, top: int = 15) -> dict[str, Any]:
    snapshot = Snapshot(tabs=build_large(channels, days, AS_OF))
    profiler = cProfile.Profile()
    profiler.enable()
    core_once(snapshot)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = [
        (_where(*key), cc, tt, ct)
        for key, (cc, _nc, tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
    ]
    ours = [r for r in rows if r[0].startswith("rolemap/")]
    return {
        "total_s": stats.total_tt,  # type: ignore[attr-defined]
        "by_cumulative": [list(r) for r in sorted(ours, key=lambda r: -r[3])[:top]],
        "by_own_time": [list(r) for r in sorted(rows, key=lambda r: -r[2])[:top]],
    }
