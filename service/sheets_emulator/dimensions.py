"""batchUpdate requests on rows and columns: insert, delete, properties, auto-resize.

Inserting or deleting rows/columns moves cells, row/column metadata, and the GridRanges of
conditional formats, protected ranges and merges on that sheet, as Google does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sheets_emulator import formula_refs
from sheets_emulator.celldata import mask_paths, masked
from sheets_emulator.errors import invalid
from sheets_emulator.state import Sheet, Spreadsheet

Reply = dict[str, Any] | None


def _ranges(book: Spreadsheet, sheet: Sheet) -> Iterator[dict[str, Any]]:
    """Every GridRange on `sheet`, so row/column edits can move them."""
    for rule in sheet.conditional_formats:
        yield from rule.get("ranges", [])
    for pr in sheet.protected_ranges:
        if "range" in pr:
            yield pr["range"]
        yield from pr.get("unprotectedRanges", [])
    yield from sheet.merges
    if sheet.basic_filter is not None:
        yield sheet.basic_filter["range"]
    for named in book.named_ranges:
        if int(named["range"].get("sheetId") or 0) == sheet.sheet_id:
            yield named["range"]


def _group_ranges(sheet: Sheet, dim: str) -> Iterator[dict[str, Any]]:
    """The DimensionRanges of `sheet`'s row or column groups, as GridRange-like edges."""
    for group in sheet.row_groups if dim == "ROWS" else sheet.column_groups:
        yield group["range"]


def dimension_span(book: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, str, int, int, int]:
    """A DimensionRange's (sheet, ROWS/COLUMNS, start, end, the sheet's count on that axis), an
    open end clamped to the grid; each request checks the span its own way."""
    sheet = book.sheet_by_id(rng.get("sheetId"))
    dim = rng.get("dimension")
    if dim not in ("ROWS", "COLUMNS"):
        raise invalid("range.dimension must be ROWS or COLUMNS.")
    count = sheet.row_count if dim == "ROWS" else sheet.col_count
    start = int(rng.get("startIndex") or 0)
    end = count if rng.get("endIndex") is None else int(rng["endIndex"])
    return sheet, dim, start, end, count


def _dimension(book: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, str, int, int]:
    sheet, dim, start, end, _ = dimension_span(book, rng)
    if not 0 <= start <= end:
        raise invalid("range.startIndex must be less than or equal to range.endIndex.")
    return sheet, dim, start, end


def _shift(book: Spreadsheet, sheet: Sheet, dim: str, move: Callable[[int], int]) -> None:
    axis = 0 if dim == "ROWS" else 1
    cells = {}
    for key, cell in sheet.cells.items():
        moved = move(key[axis])
        if moved >= 0:
            cells[(moved, key[1]) if axis == 0 else (key[0], moved)] = cell
    sheet.cells = cells
    meta = sheet.row_meta if axis == 0 else sheet.col_meta
    shifted = {move(i): v for i, v in meta.items() if move(i) >= 0}
    meta.clear()
    meta.update(shifted)
    name = "Row" if axis == 0 else "Column"
    edges = [(gr, f"start{name}Index", f"end{name}Index") for gr in _ranges(book, sheet)]
    edges += [(dr, "startIndex", "endIndex") for dr in _group_ranges(sheet, dim)]
    for gr, start, end in edges:
        if gr.get(start) is not None:
            gr[start] = move(gr[start])
        if gr.get(end) is not None:
            gr[end] = max(move(gr[end] - 1) + 1, 0)


def _rewrite_formulas(
    book: Spreadsheet, sheet: Sheet, dim: str, move: Callable[[int], int]
) -> None:
    """Every formula in the book that points into `sheet` follows the moved rows/columns."""
    for home in book.sheets:
        for key, cell in list(home.cells.items()):
            entered = cell.get("userEnteredValue") or {}
            if "formulaValue" in entered:
                text = formula_refs.shift(
                    entered["formulaValue"], home.title, sheet.title, dim, move
                )
                if text != entered["formulaValue"]:
                    home.cells[key] = {**cell, "userEnteredValue": {"formulaValue": text}}


def insert_dimension(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(book, req.get("range") or {})
    count_key = "rowCount" if dim == "ROWS" else "columnCount"
    if start > sheet.grid.get(count_key, 0):
        raise invalid(f"range.startIndex is after the end of the {dim.lower()}.")
    n = end - start
    _shift(book, sheet, dim, lambda i: i + n if i >= start else i)
    _rewrite_formulas(book, sheet, dim, lambda i: i + n if i >= start else i)
    sheet.grid[count_key] = int(sheet.grid.get(count_key, 0)) + n
    return None


def delete_dimension(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(book, req.get("range") or {})
    count_key = "rowCount" if dim == "ROWS" else "columnCount"
    count = int(sheet.grid.get(count_key, 0))
    end = min(end, count)
    if start == 0 and end >= count:
        raise invalid(f"You can't delete all the {dim.lower()} on the sheet.")
    n = end - start

    def move(i: int) -> int:
        if i < start:
            return i
        return -1 if i < end else i - n

    _rewrite_formulas(book, sheet, dim, move)
    # Ranges shrink rather than vanish: clamp their edges into the kept area.
    name = "Row" if dim == "ROWS" else "Column"
    edges = [(gr, f"start{name}Index", f"end{name}Index") for gr in _ranges(book, sheet)]
    edges += [(dr, "startIndex", "endIndex") for dr in _group_ranges(sheet, dim)]
    for gr, *names in edges:
        for edge in names:
            value = gr.get(edge)
            if value is not None:
                gr[edge] = value if value <= start else max(start, value - n)
    groups = sheet.row_groups if dim == "ROWS" else sheet.column_groups
    groups[:] = [g for g in groups if g["range"]["startIndex"] < g["range"]["endIndex"]]
    axis = 0 if dim == "ROWS" else 1
    sheet.cells = {
        ((move(k[0]), k[1]) if axis == 0 else (k[0], move(k[1]))): v
        for k, v in sheet.cells.items()
        if move(k[axis]) >= 0
    }
    meta = sheet.row_meta if axis == 0 else sheet.col_meta
    kept = {move(i): v for i, v in meta.items() if move(i) >= 0}
    meta.clear()
    meta.update(kept)
    sheet.grid[count_key] = count - n
    return None


def update_dimension_properties(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(book, req.get("range") or {})
    paths = mask_paths(req.get("fields"), "fields")
    meta = sheet.row_meta if dim == "ROWS" else sheet.col_meta
    for i in range(start, end):
        meta[i] = masked(meta.get(i, {}), req.get("properties") or {}, paths)
    return None


def auto_resize_dimensions(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    _dimension(book, req.get("dimensions") or {})  # no layout engine: only checked
    return None


HANDLERS: dict[str, Callable[[Spreadsheet, dict[str, Any]], Reply]] = {
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "updateDimensionProperties": update_dimension_properties,
    "autoResizeDimensions": auto_resize_dimensions,
}
