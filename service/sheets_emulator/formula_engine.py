"""Formula results: every formula cell's `effectiveValue`, recomputed after each write.

Evaluation is the `formulas` library's (an Excel formula parser and function set): it covers
arithmetic, comparisons, `&`, SUM, SUMIF, SUMIFS, AVERAGE, IF, ROUND and most other worksheet
functions, with cell, range and cross-tab references (`'Daily'!C2:C9`). A formula it cannot
parse or whose function it lacks (IMPORTXML, QUERY, ...) keeps the value it had, such as the
cached result of a seeded xlsx, or stays without one: no value is better than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from functools import lru_cache
from typing import Any

import formulas
import numpy as np
import schedula
from formulas.errors import FormulaError
from formulas.tokens.operand import XlError
from schedula.utils.exc import DispatcherError

from sheets_emulator import a1
from sheets_emulator.errors import ApiError
from sheets_emulator.render import ERROR_SHOWN
from sheets_emulator.state import Cell, Sheet, Spreadsheet

ERROR_TYPES = {shown: kind for kind, shown in ERROR_SHOWN.items()}
_UNKNOWN = object()  # the engine could not compute this formula
_NONE: dict[str, Any] = {}
_OWN_POSITION = re.compile(r"\b(ROW|COLUMN)\(\s*\)", re.IGNORECASE)
_log = logging.getLogger(__name__)


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Any:
    return formulas.Parser().ast(text)[1].compile()


def warm_up() -> None:
    """The library's first compile loads its function tables (most of a second): pay that when
    the emulator starts, not inside a client's request timeout."""
    _compiled("=SUM(A1:A2)+1")


class _Pass:
    """One recalculation of a book: each formula is computed once, cycles give #REF!."""

    def __init__(self, book: Spreadsheet) -> None:
        self.book = book
        self.sheets = {s.title.upper(): s for s in book.sheets}
        self.done: dict[tuple[int, int, int], Any] = {}
        self.busy: set[tuple[int, int, int]] = set()
        self.grids: dict[tuple[int, int, int, int, int], Any] = {}

    def value(self, sheet: Sheet, r: int, c: int) -> Any:
        """A cell as the engine sees it: a number, text, bool, XlError or EMPTY."""
        cell = sheet.cells.get((r, c))
        entered = (cell or {}).get("userEnteredValue") or {}
        if "formulaValue" in entered:
            return self.formula(sheet, r, c, cell or {})
        if "numberValue" in entered:
            return float(entered["numberValue"])
        if "boolValue" in entered:
            return bool(entered["boolValue"])
        if "stringValue" in entered:
            return str(entered["stringValue"])
        return schedula.EMPTY

    def formula(self, sheet: Sheet, r: int, c: int, cell: Cell) -> Any:
        key = (sheet.sheet_id, r, c)
        if key in self.done:
            return self.done[key]
        if key in self.busy:
            return XlError("#REF!")  # a circular dependency, as Google reports it
        self.busy.add(key)
        try:
            result = self._evaluate(sheet, cell["userEnteredValue"]["formulaValue"])
        finally:
            self.busy.discard(key)
        self.done[key] = result
        return result

    def _evaluate(self, sheet: Sheet, text: str) -> Any:
        if _OWN_POSITION.search(text):
            return _UNKNOWN  # the library evaluates without the formula's own cell
        try:
            func = _compiled(text)
            args = [self._operand(sheet, name) for name in func.inputs]
            result = func(*args)
        except (ApiError, FormulaError, DispatcherError):
            return _UNKNOWN
        except Exception:  # a library failure on one formula means no value, not a failed write
            _log.debug("formula %r not computed", text, exc_info=True)
            return _UNKNOWN
        while isinstance(result, np.ndarray):  # a range result shows its top-left value
            result = result.item() if result.size == 1 else result.flat[0]
        return result

    def _operand(self, sheet: Sheet, name: str) -> Any:
        title, _, cells = name.rpartition("!")
        if title:
            found = self.sheets.get(title.strip("'").replace("''", "'").upper())
            if found is None:
                return XlError("#REF!")
            sheet = found
        try:
            rng = a1.parse(cells, [])
        except ApiError:  # not a cell reference: a named range, or an unknown name
            named = self.book.named_range_box(cells)
            if named is None:
                return XlError("#NAME?")
            sheet, r1, r2, c1, c2 = named
            return self._grid(sheet, r1, r2, c1, c2)
        r1, c1 = rng.start_row or 0, rng.start_col or 0
        r2 = sheet.row_count if rng.end_row is None else min(rng.end_row, sheet.row_count)
        c2 = sheet.col_count if rng.end_col is None else min(rng.end_col, sheet.col_count)
        if ":" not in cells:
            return self.value(sheet, r1, c1)
        return self._grid(sheet, r1, r2, c1, c2)

    def _grid(self, sheet: Sheet, r1: int, r2: int, c1: int, c2: int) -> Any:
        key = (sheet.sheet_id, r1, r2, c1, c2)
        if key not in self.grids:  # summary tabs point many formulas at the same columns
            grid = np.empty((max(r2 - r1, 0), max(c2 - c1, 0)), dtype=object)
            grid.fill(schedula.EMPTY)
            for r, c in sheet.cells:
                if r1 <= r < r2 and c1 <= c < c2:
                    grid[r - r1, c - c1] = self.value(sheet, r, c)
            self.grids[key] = grid
        return self.grids[key].copy()


def _extended(result: Any) -> dict[str, Any] | None:
    """The engine's result as a Google ExtendedValue; None for an empty result."""
    if isinstance(result, XlError):
        kind = ERROR_TYPES.get(str(result), "ERROR")
        return {"errorValue": {"type": kind, "message": f"Formula error {result}"}}
    if result is schedula.EMPTY or result is None:
        return None
    if isinstance(result, bool | np.bool_):
        return {"boolValue": bool(result)}
    if isinstance(result, int | float | np.number):
        number = float(result)
        if not math.isfinite(number):
            return {"errorValue": {"type": "NUM", "message": "Formula error #NUM!"}}
        return {"numberValue": number}
    if isinstance(result, dt.date):
        return None
    return {"stringValue": str(result)}


def recalculate(book: Spreadsheet) -> None:
    """Store a fresh `effectiveValue` on every formula cell the engine can compute."""
    work = _Pass(book)
    for sheet in book.sheets:
        found = [
            (key, cell)
            for key, cell in sheet.cells.items()
            if "formulaValue" in cell.get("userEnteredValue", _NONE)
        ]
        for key, cell in found:
            result = work.formula(sheet, key[0], key[1], cell)
            if result is _UNKNOWN:
                continue
            value = _extended(result)
            updated = {k: v for k, v in cell.items() if k != "effectiveValue"}
            if value is not None:
                updated["effectiveValue"] = value
            sheet.cells[key] = updated
