"""batchUpdate requests on named ranges: add, update, delete; and their use in A1 ranges."""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from typing import Any

from sheets_emulator import a1, proto_json
from sheets_emulator.celldata import mask_paths, masked
from sheets_emulator.errors import invalid
from sheets_emulator.state import Spreadsheet

Reply = dict[str, Any] | None
# A name must not read as a cell reference (A1, R1C1) and may only hold word characters and dots.
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,249}$")


def _check_name(book: Spreadsheet, name: str, own_id: str | None) -> None:
    if not _NAME.match(name) or a1.CELL_LIKE.match(name) or name.upper() in ("TRUE", "FALSE"):
        raise invalid(f"Invalid name: {name}")
    for other in book.named_ranges:
        if other["name"].lower() == name.lower() and other["namedRangeId"] != own_id:
            raise invalid(f"A named range with the name '{name}' already exists.")


def _check_range(book: Spreadsheet, grid_range: dict[str, Any]) -> dict[str, Any]:
    sheet = book.sheet_by_id(grid_range.get("sheetId"))
    sheet.box(grid_range)
    return {**grid_range, "sheetId": sheet.sheet_id}


def add_named_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    named = copy.deepcopy(req.get("namedRange") or {})
    if not named.get("name"):
        raise invalid("A named range must have a name.")
    _check_name(book, named["name"], None)
    named["range"] = _check_range(book, named.get("range") or {})
    taken = {n["namedRangeId"] for n in book.named_ranges}
    if named.get("namedRangeId") in taken:
        raise invalid(f"A named range with id {named['namedRangeId']} already exists.")
    while not named.get("namedRangeId") or named["namedRangeId"] in taken:
        named["namedRangeId"] = str(random.randint(1, 2**31 - 1))
    named = {"namedRangeId": named.pop("namedRangeId"), **named}
    book.named_ranges.append(named)
    return {"namedRange": proto_json.omit_defaults(named)}


def _find(book: Spreadsheet, named_range_id: Any) -> int:
    for i, named in enumerate(book.named_ranges):
        if named["namedRangeId"] == str(named_range_id):
            return i
    raise invalid(f"No named range with id: {named_range_id}")


def update_named_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    given = req.get("namedRange") or {}
    i = _find(book, given.get("namedRangeId"))
    old = book.named_ranges[i]
    new = masked(old, given, mask_paths(req.get("fields"), "fields"))
    new["namedRangeId"] = old["namedRangeId"]
    _check_name(book, new.get("name") or "", old["namedRangeId"])
    new["range"] = _check_range(book, new.get("range") or {})
    book.named_ranges[i] = new
    return None


def delete_named_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    book.named_ranges.pop(_find(book, req.get("namedRangeId")))
    return None


HANDLERS: dict[str, Callable[[Spreadsheet, dict[str, Any]], Reply]] = {
    "addNamedRange": add_named_range,
    "updateNamedRange": update_named_range,
    "deleteNamedRange": delete_named_range,
}
