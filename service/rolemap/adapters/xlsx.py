"""Storage on a local .xlsx workbook (openpyxl).

`read` loads the cached values (see `xlsx_read` for formulas); `apply` loads the workbook afresh
in formula mode, renders the whole plan in memory (`xlsx_render`) and saves it atomically, so a
failure at any point leaves the file on disk as it was. Tabs the plan does not touch are kept
byte for byte and never parsed (`xlsx_splice`); when none qualifies, openpyxl does it all.
"""

from __future__ import annotations

from pathlib import Path

from rolemap.adapters.xlsx_read import check_not_open, open_workbook, read_snapshot, save_atomic
from rolemap.adapters.xlsx_render import render_plan
from rolemap.adapters.xlsx_splice import SplicedWorkbook, apply_spliced
from rolemap.core.model.snapshot import Snapshot
from rolemap.core.plan.model import WritePlan


class XlsxStorage:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> Snapshot:
        return read_snapshot(self.path)

    def apply(self, plan: WritePlan) -> None:
        check_not_open(self.path)
        spliced = _splice(self.path, plan)
        if spliced is not None:
            save_atomic(spliced, self.path)
            return
        wb = open_workbook(self.path)
        render_plan(wb, plan)
        # openpyxl saves formulas without results; ask Excel/LibreOffice to recompute on open.
        wb.calculation.fullCalcOnLoad = True
        save_atomic(wb, self.path)

    @property
    def requests_made(self) -> int:
        return 0


def _splice(path: Path, plan: WritePlan) -> SplicedWorkbook | None:
    """The fast apply, or None: then the full openpyxl path runs and reports any error."""
    try:
        return apply_spliced(path, plan)
    except Exception:
        return None
