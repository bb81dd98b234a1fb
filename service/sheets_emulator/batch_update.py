"""`spreadsheets.batchUpdate`: every request is checked, then applied to a copy, all or nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sheets_emulator import (
    dimensions,
    filters_groups,
    named_ranges,
    objects,
    sort_paste,
)
from sheets_emulator.celldata import mask_paths, masked, merge_cell, top_level, write_fields
from sheets_emulator.errors import ApiError, invalid
from sheets_emulator.state import Sheet, Spreadsheet, new_id, sheet_properties

Reply = dict[str, Any] | None
Handler = Callable[[Spreadsheet, dict[str, Any]], Reply]


def _check_title(book: Spreadsheet, title: str, sheet_id: int | None) -> None:
    if any(s.title == title and s.sheet_id != sheet_id for s in book.sheets):
        raise invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')


def add_sheet(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    given = copy.deepcopy(req.get("properties") or {})
    taken = {s.sheet_id for s in book.sheets}
    sheet_id = given.get("sheetId")
    if sheet_id is None:
        sheet_id = new_id(taken)
    elif sheet_id in taken:
        raise invalid(f"A sheet with the id {sheet_id} already exists.")
    if sheet_id < 0:
        raise invalid(f"Invalid sheetId: {sheet_id}")
    n = len(book.sheets) + 1
    while f"Sheet{n}" in book.titles():
        n += 1
    title = given.get("title") or f"Sheet{n}"
    _check_title(book, title, None)
    index = min(int(given.get("index", len(book.sheets))), len(book.sheets))
    props = sheet_properties(sheet_id, title, index)
    props["gridProperties"].update(given.pop("gridProperties", {}))
    props.update(given)
    props.update(sheetId=sheet_id, title=title, index=index)
    for sheet in book.sheets:
        if sheet.properties["index"] >= index:
            sheet.properties["index"] += 1
    book.sheets.append(Sheet(props))
    book.reindex()
    return {"properties": copy.deepcopy(props)}


def delete_sheet(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = book.sheet_by_id(req.get("sheetId"))
    if len(book.sheets) == 1:
        raise invalid("You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    book.reindex()
    return None


def update_sheet_properties(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    given = req.get("properties") or {}
    sheet = book.sheet_by_id(given.get("sheetId"))
    paths = mask_paths(req.get("fields"), "fields")
    new = masked(sheet.properties, given, paths)
    new["sheetId"] = sheet.sheet_id
    new.setdefault("title", sheet.title)
    _check_title(book, new["title"], sheet.sheet_id)
    moved_to = new.get("index", sheet.properties["index"])
    if moved_to != sheet.properties["index"]:
        book.sheets.remove(sheet)
        book.sheets.insert(min(int(moved_to), len(book.sheets)), sheet)
        for i, other in enumerate(book.sheets):
            other.properties["index"] = i
        new["index"] = sheet.properties["index"]
    style = new.get("tabColorStyle")
    if isinstance(style, dict) and all(v is None for v in style.values()):
        new.pop("tabColorStyle")  # a colour style with no colour is no tab colour
    sheet.properties = new
    if all(s.properties.get("hidden") for s in book.sheets):
        raise invalid("You can't hide all the sheets in a document.")
    rows, cols = sheet.row_count, sheet.col_count
    if rows < 1 or cols < 1:
        raise invalid("Sheets must have at least one row and one column.")
    sheet.cells = {k: v for k, v in sheet.cells.items() if k[0] < rows and k[1] < cols}
    return None


def update_spreadsheet_properties(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    paths = mask_paths(req.get("fields"), "fields")
    book.properties = masked(book.properties, req.get("properties") or {}, paths)
    return None


def _within(sheet: Sheet, r2: int, c2: int) -> None:
    if r2 > sheet.row_count or c2 > sheet.col_count:
        raise invalid(
            f"Range exceeds grid limits of sheet {sheet.title!r}. "
            f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
        )


def update_cells(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    paths = mask_paths(req.get("fields"), "fields")
    rows = req.get("rows") or []
    width = max((len(r.get("values") or []) for r in rows), default=0)
    if req.get("range") is not None:
        sheet = book.sheet_by_id(req["range"].get("sheetId"))
        r1, r2, c1, c2 = sheet.box(req["range"])
    else:
        start = req.get("start") or {}
        sheet = book.sheet_by_id(start.get("sheetId"))
        r1, c1 = int(start.get("rowIndex") or 0), int(start.get("columnIndex") or 0)
        r2, c2 = r1 + len(rows), c1 + width
    _within(sheet, r1 + len(rows) if req.get("range") is None else r2, c2)
    written: set[tuple[int, int]] = set()
    names = top_level(paths)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.get("values") or []):
            key = (r1 + i, c1 + j)
            if key[0] >= r2 or key[1] >= c2:
                continue
            _store(sheet, key, cell or {}, paths, names)
            written.add(key)
    if req.get("range") is not None:  # the rest of the range is cleared for the masked fields
        for key in [k for k in sheet.cells if r1 <= k[0] < r2 and c1 <= k[1] < c2]:
            if key not in written:
                _store(sheet, key, {}, paths, names)
    return None


def _store(
    sheet: Sheet,
    key: tuple[int, int],
    new: dict[str, Any],
    paths: list[list[str]] | None,
    names: tuple[str, ...] | None,
) -> None:
    """One CellData write; a top-level mask (`names`) takes `write_fields`, the fast path."""
    if names is None:
        sheet.set_cell(*key, merge_cell(sheet.cells.get(key, {}), new, paths))
    elif (stored := write_fields(sheet.cells.get(key), new, names)) is None:
        sheet.cells.pop(key, None)
    else:
        sheet.cells[key] = stored


def repeat_cell(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    paths = mask_paths(req.get("fields"), "fields")
    rng = req.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    r1, r2, c1, c2 = sheet.box(rng)
    _within(sheet, r2, c2)
    cell = req.get("cell") or {}
    for r in range(r1, r2):
        for c in range(c1, c2):
            sheet.set_cell(r, c, merge_cell(sheet.cells.get((r, c), {}), cell, paths))
    return None


def append_cells(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    paths = mask_paths(req.get("fields"), "fields")
    sheet = book.sheet_by_id(req.get("sheetId"))
    start = max((r for r, _ in sheet.cells), default=-1) + 1
    rows = req.get("rows") or []
    width = max((len(r.get("values") or []) for r in rows), default=0)
    _within(sheet, 0, width)
    sheet.grid["rowCount"] = max(sheet.row_count, start + len(rows))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.get("values") or []):
            key = (start + i, j)
            sheet.set_cell(*key, merge_cell(sheet.cells.get(key, {}), cell or {}, paths))
    return None


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "updateCells": update_cells,
    "repeatCell": repeat_cell,
    "appendCells": append_cells,
    **dimensions.HANDLERS,
    **objects.HANDLERS,
    **named_ranges.HANDLERS,
    **filters_groups.HANDLERS,
    **sort_paste.HANDLERS,
}


def apply(book: Spreadsheet, body: dict[str, Any]) -> tuple[Spreadsheet, dict[str, Any]]:
    """(new state, response). `book` itself is never touched, so a failure changes nothing."""
    requests = body.get("requests") or []
    if not requests:
        raise invalid("Must specify at least one request.")
    kinds: list[str] = []
    for i, req in enumerate(requests):  # check every request before applying any
        set_kinds = [k for k, v in req.items() if v is not None]
        if not set_kinds:
            raise invalid(f"Invalid requests[{i}]: No request set.")
        if len(set_kinds) > 1:
            raise invalid(
                "Invalid JSON payload received. Oneof field 'kind' is already set. "
                f"Cannot set '{set_kinds[1]}'"
            )
        if set_kinds[0] not in HANDLERS:
            raise ApiError(501, f"The emulator does not implement requests[{i}].{set_kinds[0]}")
        kinds.append(set_kinds[0])
    work = book.copy()
    replies: list[dict[str, Any]] = []
    for i, (kind, req) in enumerate(zip(kinds, requests, strict=True)):
        try:
            reply = HANDLERS[kind](work, req[kind])
        except ApiError as err:
            if err.code != 400:
                raise
            raise invalid(f"Invalid requests[{i}].{kind}: {err.message}") from None
        replies.append({kind: reply} if reply is not None else {})
    response: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id, "replies": replies}
    return work, response
