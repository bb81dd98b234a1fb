"""batchUpdate requests on a sheet's basic filter and its row/column groups."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sheets_emulator import proto_json
from sheets_emulator.dimensions import dimension_span
from sheets_emulator.errors import invalid
from sheets_emulator.state import Sheet, Spreadsheet

Reply = dict[str, Any] | None


def set_basic_filter(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    given = copy.deepcopy(req.get("filter") or {})
    rng = given.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    r1, r2, c1, c2 = sheet.box(rng)
    # Google stores the filter's range closed on every side, even when sent open.
    given["range"] = {
        "sheetId": sheet.sheet_id,
        "startRowIndex": r1,
        "endRowIndex": r2,
        "startColumnIndex": c1,
        "endColumnIndex": c2,
    }
    sheet.basic_filter = given
    return None


def clear_basic_filter(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    book.sheet_by_id(req.get("sheetId")).basic_filter = None
    return None


def _groups(book: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, list[dict[str, Any]], int, int]:
    sheet, dim, start, end, count = dimension_span(book, rng)
    if not 0 <= start < end <= count:
        raise invalid("Invalid dimension range for a group.")
    return sheet, sheet.row_groups if dim == "ROWS" else sheet.column_groups, start, end


def _span(group: dict[str, Any]) -> tuple[int, int]:
    return int(group["range"]["startIndex"]), int(group["range"]["endIndex"])


def _listed(groups: list[dict[str, Any]]) -> dict[str, Any]:
    groups.sort(key=lambda g: (g["depth"], *_span(g)))
    listed: dict[str, Any] = proto_json.omit_defaults({"dimensionGroups": groups})
    return listed


def add_dimension_group(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    sheet, groups, start, end = _groups(book, rng)
    depth = 1 + sum(1 for g in groups if _span(g)[0] <= start and end <= _span(g)[1])
    if depth > 8:
        raise invalid("Groups cannot be nested more than 8 levels deep.")
    dim = rng["dimension"]
    groups.append(
        {
            "range": {
                "sheetId": sheet.sheet_id,
                "dimension": dim,
                "startIndex": start,
                "endIndex": end,
            },
            "depth": depth,
        }
    )
    # Google turns the group control on (shown after the group) once a sheet has a group.
    sheet.grid["rowGroupControlAfter" if dim == "ROWS" else "columnGroupControlAfter"] = True
    return _listed(groups)


def delete_dimension_group(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    _, groups, start, end = _groups(book, req.get("range") or {})
    inside = [g for g in groups if start <= _span(g)[0] and _span(g)[1] <= end]
    if not inside:
        raise invalid("No group found for the given range.")
    deepest = max(g["depth"] for g in inside)
    for group in [g for g in inside if g["depth"] == deepest]:
        groups.remove(group)
    return _listed(groups)


HANDLERS: dict[str, Callable[[Spreadsheet, dict[str, Any]], Reply]] = {
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "addDimensionGroup": add_dimension_group,
    "deleteDimensionGroup": delete_dimension_group,
}
