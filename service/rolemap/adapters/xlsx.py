"""Storage on a local .xlsx workbook (openpyxl).

`read` loads the cached values (see `xlsx_read` for formulas); `apply` loads the workbook afresh
in formula mode, renders the whole plan in memory (`xlsx_render`) and saves it atomically, so a
failure at any point leaves the file on disk as it was.
"""

from __future__ import annotations

from pathlib import Path

from rolemap.adapters.xlsx_read import check_not_open, open_workbook, read_snapshot, save_atomic
from rolemap.adapters.xlsx_render import render_plan
from rolemap.core.model.snapshot import Snapshot
from rolemap.core.plan.model import WritePlan


class XlsxStorage:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> Snapshot:
        return read_snapshot(self.path)

    def apply(self, plan: WritePlan) -> None:
        check_not_open(self.path)
        wb = open_workbook(self.path)
        render_plan(wb, plan)
        # openpyxl saves formulas without results; ask Excel/LibreOffice to recompute on open.
        wb.calculation.fullCalcOnLoad = True
        save_atomic(wb, self.path)

    @property
    def requests_made(self) -> int:
        return 0
