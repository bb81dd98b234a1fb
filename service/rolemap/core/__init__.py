"""The pure core: parsing, checks, metrics, stop rules, verdicts and the write plan.

Nothing under this package imports gspread, openpyxl or Flask; adapters do the I/O. The folders
follow the data: `model` (what storage hands in) → `parse` → `checks` and `metrics` → `i18n`
(words, in the sheet's language) → `plan` (what to write). The edges need only the names below;
adapters also speak the plan's vocabulary (`core.plan.model`), which is what they render.

The names load on first use, so an adapter that imports `core.plan.model` does not pay for
pandas: the CLI starts its Google reads while the rest of the core is still importing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolemap.core.model.contract import Contract, Lang, load_contract
    from rolemap.core.model.snapshot import CellValue, Grid, Snapshot
    from rolemap.core.plan.build import build_plan
    from rolemap.core.plan.model import WritePlan
    from rolemap.core.plan.tables import RunInfo
    from rolemap.core.recalc import RunResult, recalculate_snapshot

_HOMES = {
    "CellValue": "rolemap.core.model.snapshot",
    "Contract": "rolemap.core.model.contract",
    "Grid": "rolemap.core.model.snapshot",
    "Lang": "rolemap.core.model.contract",
    "RunInfo": "rolemap.core.plan.tables",
    "RunResult": "rolemap.core.recalc",
    "Snapshot": "rolemap.core.model.snapshot",
    "WritePlan": "rolemap.core.plan.model",
    "build_plan": "rolemap.core.plan.build",
    "load_contract": "rolemap.core.model.contract",
    "recalculate_snapshot": "rolemap.core.recalc",
}
__all__ = [
    "CellValue",
    "Contract",
    "Grid",
    "Lang",
    "RunInfo",
    "RunResult",
    "Snapshot",
    "WritePlan",
    "build_plan",
    "load_contract",
    "recalculate_snapshot",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'rolemap.core' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
