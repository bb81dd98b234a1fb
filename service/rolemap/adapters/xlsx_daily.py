"""Daily rows in a local workbook: read the tab's cells, write only the planned Daily cells.

Every other cell, formula, style and tab stays as it was: the workbook is opened in formula mode,
only the cells of the merge plan are set, and the save is atomic (`save_atomic`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rolemap.adapters.xlsx_read import check_not_open, open_workbook, save_atomic
from rolemap.adapters.xlsx_styles import NUMBER_FORMATS
from rolemap.core.model.contract import Contract, normalize
from rolemap.core.model.snapshot import CellValue, Grid
from rolemap.core.sources.daily_merge import MergePlan


class DailyBook:
    """A workbook opened for an import; `grid` is Daily's cells (None if there is no Daily)."""

    def __init__(self, path: Path, contract: Contract) -> None:
        self.path = path
        self.wb: Any = open_workbook(path)
        names = contract.tab("daily").names
        self.ws: Any = next((ws for ws in self.wb.worksheets if normalize(ws.title) in names), None)
        self.grid: Grid | None = None
        if self.ws is not None:
            self.grid = [list(row) for row in self.ws.iter_rows(values_only=True)]

    def changes(self, plan: MergePlan) -> int:
        """How many cells the plan would change."""
        return sum(
            not _same(self.ws.cell(row, plan.cols[key] + 1).value, value)
            for row, values in plan.writes
            for key, value in values.items()
        )

    def write(self, plan: MergePlan) -> None:
        check_not_open(self.path)
        for row, values in plan.writes:
            for key, value in values.items():
                cell = self.ws.cell(row, plan.cols[key] + 1)
                cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = NUMBER_FORMATS["date"]
        save_atomic(self.wb, self.path)

    def close(self) -> None:
        self.wb.close()


def _same(old: object, new: CellValue) -> bool:
    if isinstance(old, dt.datetime) and isinstance(new, dt.date):
        return old.date() == new and old.time() == dt.time()
    if old == "":
        old = None
    return old == new and type(old) is not bool
