"""The pure core: parsing, checks, metrics, stop rules, verdicts and the write plan.

Nothing under this package imports gspread, openpyxl or Flask; adapters do the I/O. The folders
follow the data: `model` (what storage hands in) → `parse` → `checks` and `metrics` → `i18n`
(words, in the sheet's language) → `plan` (what to write). The edges need only these names;
adapters also speak the plan's vocabulary (`core.plan.model`), which is what they render.
"""

from rolemap.core.model.contract import Contract, Lang, load_contract
from rolemap.core.model.snapshot import CellValue, Grid, Snapshot
from rolemap.core.plan.build import build_plan
from rolemap.core.plan.model import WritePlan
from rolemap.core.plan.tables import RunInfo
from rolemap.core.recalc import RunResult, recalculate_snapshot

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
