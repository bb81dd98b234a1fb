"""In-memory spreadsheets.

Cells are Google `CellData` dicts keyed by (row, col), zero-based. A cell dict is never mutated
in place (handlers build a new one), so copying a sheet for an all-or-nothing batchUpdate only
needs a shallow copy of the cell map, which keeps 10,000-row sheets cheap.
"""

from __future__ import annotations

import copy
import random
import string
from dataclasses import dataclass, field
from typing import Any

from sheets_emulator import a1
from sheets_emulator.errors import ApiError, invalid, not_found

Cell = dict[str, Any]
DEFAULT_ROWS = 1000
DEFAULT_COLS = 26


@dataclass
class Sheet:
    properties: dict[str, Any]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    conditional_formats: list[dict[str, Any]] = field(default_factory=list)
    protected_ranges: list[dict[str, Any]] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    row_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    col_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    basic_filter: dict[str, Any] | None = None
    row_groups: list[dict[str, Any]] = field(default_factory=list)
    column_groups: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sheet_id(self) -> int:
        return int(self.properties["sheetId"])

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    @property
    def grid(self) -> dict[str, Any]:
        grid: dict[str, Any] = self.properties.setdefault("gridProperties", {})
        return grid

    @property
    def row_count(self) -> int:
        return int(self.properties.get("gridProperties", {}).get("rowCount", 0))

    @property
    def col_count(self) -> int:
        return int(self.properties.get("gridProperties", {}).get("columnCount", 0))

    def copy(self) -> Sheet:
        return Sheet(
            properties=copy.deepcopy(self.properties),
            cells=dict(self.cells),
            conditional_formats=copy.deepcopy(self.conditional_formats),
            protected_ranges=copy.deepcopy(self.protected_ranges),
            charts=copy.deepcopy(self.charts),
            merges=copy.deepcopy(self.merges),
            row_meta=copy.deepcopy(self.row_meta),
            col_meta=copy.deepcopy(self.col_meta),
            basic_filter=copy.deepcopy(self.basic_filter),
            row_groups=copy.deepcopy(self.row_groups),
            column_groups=copy.deepcopy(self.column_groups),
        )

    def set_cell(self, row: int, col: int, cell: Cell) -> None:
        """Store `cell`, dropping keys with empty values; an empty cell is removed."""
        cleaned = {k: v for k, v in cell.items() if v not in (None, {}, "")}
        if cleaned:
            self.cells[(row, col)] = cleaned
        else:
            self.cells.pop((row, col), None)

    def box(self, grid_range: dict[str, Any]) -> tuple[int, int, int, int]:
        """(r1, r2, c1, c2) of a GridRange, open sides clamped to the grid."""
        r1 = int(grid_range.get("startRowIndex") or 0)
        r2 = grid_range.get("endRowIndex")
        c1 = int(grid_range.get("startColumnIndex") or 0)
        c2 = grid_range.get("endColumnIndex")
        r2 = self.row_count if r2 is None else int(r2)
        c2 = self.col_count if c2 is None else int(c2)
        if r1 < 0 or c1 < 0 or r1 > r2 or c1 > c2:
            raise invalid(f"Invalid range: start index must be <= end index on sheet {self.title}")
        return r1, r2, c1, c2


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    properties: dict[str, Any]
    sheets: list[Sheet] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)

    def copy(self) -> Spreadsheet:
        return Spreadsheet(
            self.spreadsheet_id,
            copy.deepcopy(self.properties),
            [s.copy() for s in self.sheets],
            copy.deepcopy(self.named_ranges),
        )

    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet_by_id(self, sheet_id: Any) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == int(sheet_id or 0):
                return sheet
        raise invalid(f"No grid with id: {sheet_id or 0}")

    def sheet_by_title(self, title: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise invalid(f"Unable to parse range: {a1.quote_title(title)}")

    def reindex(self) -> None:
        self.sheets.sort(key=lambda s: int(s.properties.get("index", 0)))
        for i, sheet in enumerate(self.sheets):
            sheet.properties["index"] = i

    def resolve(self, text: str, *, clamp: bool = True) -> tuple[Sheet, int, int, int, int]:
        """Sheet and half-open box of an A1 range; boxes past the grid are refused like Google."""
        named = self._named(text)
        if named is not None:
            return named
        rng = a1.parse(text, self.titles())
        if rng.sheet is None:
            if not self.sheets:
                raise invalid(f"Unable to parse range: {text}")
            sheet = self.sheets[0]
        else:
            try:
                sheet = self.sheet_by_title(rng.sheet)
            except Exception:
                raise invalid(f"Unable to parse range: {text}") from None
        r1 = rng.start_row or 0
        c1 = rng.start_col or 0
        r2 = sheet.row_count if rng.end_row is None else rng.end_row
        c2 = sheet.col_count if rng.end_col is None else rng.end_col
        if clamp and (r2 > sheet.row_count or c2 > sheet.col_count):
            raise invalid(
                f"Range ({a1.quote_title(sheet.title)}!{text.rpartition('!')[2]}) exceeds grid "
                f"limits. Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
            )
        return sheet, r1, r2, c1, c2

    def _named(self, text: str) -> tuple[Sheet, int, int, int, int] | None:
        """A named range, alone or after its sheet's title (`'Sheet1'!Budget` reads Budget)."""
        if text.strip() in self.titles():
            return None
        try:
            _, name = a1.split_sheet(text.strip())
        except ApiError:
            return None
        return self.named_range_box(name)

    def named_range_box(self, name: str) -> tuple[Sheet, int, int, int, int] | None:
        """The sheet and box of the named range `name` (names are case-blind), if any."""
        for named in self.named_ranges:
            if named["name"].lower() == name.lower():
                sheet = self.sheet_by_id(named["range"].get("sheetId"))
                return (sheet, *sheet.box(named["range"]))
        return None


def new_id(taken: set[int]) -> int:
    """A random positive int32 not in `taken`, as Google assigns sheet/chart/range ids."""
    while True:
        candidate = random.randint(1, 2**31 - 1)
        if candidate not in taken:
            return candidate


def new_spreadsheet_id() -> str:
    alphabet = string.ascii_letters + string.digits + "-_"
    return "".join(random.choice(alphabet) for _ in range(44))


def sheet_properties(
    sheet_id: int, title: str, index: int, rows: int = DEFAULT_ROWS, cols: int = DEFAULT_COLS
) -> dict[str, Any]:
    return {
        "sheetId": sheet_id,
        "title": title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": rows, "columnCount": cols},
    }


class Store:
    """All spreadsheets, by id."""

    def __init__(self) -> None:
        self.spreadsheets: dict[str, Spreadsheet] = {}

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        found = self.spreadsheets.get(spreadsheet_id)
        if found is None:
            raise not_found("Requested entity was not found.")
        return found
