"""batchUpdate requests that move cells around: sortRange, copyPaste, cutPaste.

Formulas are moved as text: their relative references are not rewritten the way Google's
editor rewrites them on paste.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sheets_emulator.celldata import merge_cell
from sheets_emulator.errors import invalid
from sheets_emulator.render import effective
from sheets_emulator.state import Cell, Sheet, Spreadsheet

Reply = dict[str, Any] | None
_PASTE_FIELDS: dict[str, list[list[str]] | None] = {
    "PASTE_NORMAL": None,
    "PASTE_VALUES": [["userEnteredValue"]],
    "PASTE_FORMAT": [["userEnteredFormat"]],
    "PASTE_NO_BORDERS": None,
    "PASTE_FORMULA": [["userEnteredValue"]],
    "PASTE_DATA_VALIDATION": [["dataValidation"]],
    "PASTE_CONDITIONAL_FORMATTING": [],
}


def _sort_key(cell: Cell | None, descending: bool) -> tuple[int, float | str | bool]:
    """Numbers, then text (case-blind), then booleans; empty cells always last. Recorded sorts
    confirm numbers and text; where booleans go is this emulator's assumption."""
    value = effective(cell) if cell else None
    if not value or "errorValue" in value:
        return (9, 0) if value is None or not descending else (-1, 0)
    if "numberValue" in value:
        return (0, float(value["numberValue"]))
    if "stringValue" in value:
        return (1, str(value["stringValue"]).casefold())
    return (2, bool(value.get("boolValue")))


def _by_column(col: int, descending: bool) -> Callable[[list[Cell | None]], tuple[int, Any]]:
    return lambda row: _sort_key(row[col], descending)


def sort_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    r1, r2, c1, c2 = sheet.box(rng)
    rows = [[sheet.cells.get((r, c)) for c in range(c1, c2)] for r in range(r1, r2)]
    for spec in reversed(req.get("sortSpecs") or [{}]):  # stable sorts, last key first
        col = int(spec.get("dimensionIndex") or 0) - c1
        if not 0 <= col < c2 - c1:
            raise invalid(f"Invalid sortSpec dimensionIndex {spec.get('dimensionIndex')}.")
        descending = spec.get("sortOrder") == "DESCENDING"
        filled = [row for row in rows if row[col] is not None]
        empty = [row for row in rows if row[col] is None]
        filled.sort(key=_by_column(col, descending), reverse=descending)
        rows = filled + empty
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            sheet.set_cell(r1 + i, c1 + j, cell or {})
    return None


def _take(sheet: Sheet, box: tuple[int, int, int, int]) -> list[list[Cell]]:
    r1, r2, c1, c2 = box
    return [[sheet.cells.get((r, c), {}) for c in range(c1, c2)] for r in range(r1, r2)]


def _paste(
    sheet: Sheet, block: list[list[Cell]], box: tuple[int, int, int, int], kind: str
) -> None:
    if kind not in _PASTE_FIELDS:
        raise invalid(f"Unsupported pasteType {kind}.")
    paths = _PASTE_FIELDS[kind]
    r1, r2, c1, c2 = box
    height, width = len(block), len(block[0]) if block else 0
    if r2 > sheet.row_count or c2 > sheet.col_count:
        raise invalid("The destination range exceeds the grid limits.")
    for r in range(r1, r2):
        for c in range(c1, c2):
            source = block[(r - r1) % height][(c - c1) % width]
            sheet.set_cell(r, c, merge_cell(sheet.cells.get((r, c), {}), source, paths))


def copy_paste(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = req.get("source") or {}
    src_sheet = book.sheet_by_id(source.get("sheetId"))
    s = src_sheet.box(source)
    block = _take(src_sheet, s)
    if req.get("pasteOrientation") == "TRANSPOSE":
        block = [list(col) for col in zip(*block, strict=True)]
    dest = req.get("destination") or {}
    dst_sheet = book.sheet_by_id(dest.get("sheetId"))
    r1, r2, c1, c2 = dst_sheet.box(dest)
    height, width = len(block), len(block[0]) if block else 0
    # Google documents both ends: a destination smaller than the source still takes the whole
    # source, and one spanning a multiple of it is filled with repeats. A larger span that is
    # not a multiple is assumed to take whole copies only.
    r2 = r1 + max(height, (r2 - r1) // height * height) if height else r1
    c2 = c1 + max(width, (c2 - c1) // width * width) if width else c1
    _paste(dst_sheet, block, (r1, r2, c1, c2), req.get("pasteType") or "PASTE_NORMAL")
    return None


def cut_paste(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = req.get("source") or {}
    src_sheet = book.sheet_by_id(source.get("sheetId"))
    r1, r2, c1, c2 = src_sheet.box(source)
    block = _take(src_sheet, (r1, r2, c1, c2))
    for r in range(r1, r2):
        for c in range(c1, c2):
            src_sheet.set_cell(r, c, {})
    dest = req.get("destination") or {}
    dst_sheet = book.sheet_by_id(dest.get("sheetId"))
    top, left = int(dest.get("rowIndex") or 0), int(dest.get("columnIndex") or 0)
    box = (top, top + r2 - r1, left, left + c2 - c1)
    _paste(dst_sheet, block, box, req.get("pasteType") or "PASTE_NORMAL")
    return None


HANDLERS: dict[str, Callable[[Spreadsheet, dict[str, Any]], Reply]] = {
    "sortRange": sort_range,
    "copyPaste": copy_paste,
    "cutPaste": cut_paste,
}
