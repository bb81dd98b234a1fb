"""In-memory storage for tests: grids in, write plans recorded and applied to the grids.

Applying a plan updates the grids the way the real backends update a workbook (output tabs
rewritten whole and renamed in place on a language switch, the flag column written), so a second
`read()` sees the previous run's `Stop flags`, `Run log` and flag column.
"""

from __future__ import annotations

import copy

from rolemap.core.model.snapshot import CellValue, Grid, Snapshot
from rolemap.core.plan.model import ColumnWrite, OutputTab, WritePlan
from rolemap.core.plan.targets import existing_title, output_names


class MemoryStorage:
    def __init__(self, tabs: dict[str, Grid], source: str = "memory") -> None:
        self.tabs: dict[str, Grid] = copy.deepcopy(tabs)
        self.source = source
        self.applied: list[WritePlan] = []

    def read(self) -> Snapshot:
        return Snapshot(tabs=copy.deepcopy(self.tabs), source=self.source)

    def apply(self, plan: WritePlan) -> None:
        self.applied.append(plan)
        tabs = copy.deepcopy(self.tabs)  # all or nothing, like the real backends
        for output in plan.outputs:
            tabs = _put_output(tabs, output)
        for shared in plan.shared_tabs:
            if existing_title(tabs, shared.layout.title, shared.names) is None:
                tabs[shared.layout.title] = [[c.title for c in shared.layout.columns]]
        for write in plan.column_writes:
            _put_column(tabs, write)
        self.tabs = tabs

    @property
    def requests_made(self) -> int:
        return 0


def _put_output(tabs: dict[str, Grid], output: OutputTab) -> dict[str, Grid]:
    grid: Grid = [[cell.value for cell in row] for row in output.rows]
    old = existing_title(tabs, output.title, output_names(output.key))
    if old is None:
        tabs[output.title] = grid
        return tabs
    # Rebuild the dict so a renamed tab keeps its position.
    return {(output.title if t == old else t): (grid if t == old else g) for t, g in tabs.items()}


def _put_column(tabs: dict[str, Grid], write: ColumnWrite) -> None:
    if write.tab not in tabs:
        raise KeyError(f"no tab {write.tab!r} for the {write.header or 'flag'} column")
    grid = tabs[write.tab]
    cells: list[tuple[int, CellValue]] = []
    if write.header is not None:
        cells.append((write.header_row, write.header))
    cells += [(write.header_row + 1 + i, c.value) for i, c in enumerate(write.values)]
    for row, value in cells:
        while len(grid) <= row:
            grid.append([])
        line = grid[row]
        while len(line) <= write.col:
            line.append(None)
        line[write.col] = value
