"""batchUpdate requests on conditional formats, protections, charts, validation and merges."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sheets_emulator import proto_json
from sheets_emulator.celldata import mask_paths, masked
from sheets_emulator.errors import invalid
from sheets_emulator.state import Sheet, Spreadsheet, new_id, sheet_properties

Reply = dict[str, Any] | None


def _rule_sheet(book: Spreadsheet, rule: dict[str, Any]) -> Sheet:
    ranges = rule.get("ranges") or []
    if not ranges:
        raise invalid("At least one range must be specified.")
    ids = {int(r.get("sheetId") or 0) for r in ranges}
    if len(ids) > 1:
        raise invalid("All ranges must be on the same sheet.")
    if not (rule.get("booleanRule") or rule.get("gradientRule")):
        raise invalid("Either booleanRule or gradientRule must be set.")
    return book.sheet_by_id(ids.pop())


def add_conditional_format_rule(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rule = copy.deepcopy(req.get("rule") or {})
    sheet = _rule_sheet(book, rule)
    index = int(req.get("index") or 0)
    if index > len(sheet.conditional_formats):
        raise invalid(f"Invalid index {index}.")
    sheet.conditional_formats.insert(index, rule)
    return None


def _rule_at(book: Spreadsheet, sheet_id: Any, index: Any) -> tuple[Sheet, int]:
    sheet = book.sheet_by_id(sheet_id)
    i = int(index or 0)
    if not 0 <= i < len(sheet.conditional_formats):
        raise invalid(f"No conditional format on sheet: {sheet.sheet_id} at index: {i}")
    return sheet, i


def update_conditional_format_rule(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, i = _rule_at(book, req.get("sheetId"), req.get("index"))
    old = sheet.conditional_formats[i]
    if req.get("rule") is not None:
        new = copy.deepcopy(req["rule"])
        _rule_sheet(book, new)
        sheet.conditional_formats[i] = new
        return {"oldRule": old, "newRule": new, "oldIndex": i, "newIndex": i}
    if req.get("newIndex") is None:
        raise invalid("Either rule or newIndex must be set.")
    j = int(req["newIndex"])
    if not 0 <= j < len(sheet.conditional_formats):
        raise invalid(f"Invalid newIndex {j}.")
    sheet.conditional_formats.insert(j, sheet.conditional_formats.pop(i))
    return {"oldRule": old, "newRule": old, "oldIndex": i, "newIndex": j}


def delete_conditional_format_rule(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, i = _rule_at(book, req.get("sheetId"), req.get("index"))
    return {"rule": sheet.conditional_formats.pop(i)}


def _all_ids(book: Spreadsheet) -> set[int]:
    ids = {s.sheet_id for s in book.sheets}
    for sheet in book.sheets:
        ids |= {int(p["protectedRangeId"]) for p in sheet.protected_ranges}
        ids |= {int(c["chartId"]) for c in sheet.charts}
    return ids


def add_protected_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    pr = copy.deepcopy(req.get("protectedRange") or {})
    if "range" not in pr:
        raise invalid("A protected range must specify a range (named ranges are not emulated).")
    sheet = book.sheet_by_id(pr["range"].get("sheetId"))
    pr["range"].setdefault("sheetId", sheet.sheet_id)
    taken = _all_ids(book)
    if pr.get("protectedRangeId") is None:
        pr["protectedRangeId"] = new_id(taken)
    elif int(pr["protectedRangeId"]) in taken:
        raise invalid(f"A protected range with id {pr['protectedRangeId']} already exists.")
    pr["requestingUserCanEdit"] = True  # the caller may edit what it just protected
    if pr.get("editors") is None:
        pr["editors"] = {}
    # Stored as Google prints it, so the reply, metadata and export all agree.
    pr = proto_json.omit_defaults(pr)
    sheet.protected_ranges.append(pr)
    return {"protectedRange": copy.deepcopy(pr)}


def _protected(book: Spreadsheet, pr_id: Any) -> tuple[Sheet, int]:
    for sheet in book.sheets:
        for i, pr in enumerate(sheet.protected_ranges):
            if int(pr["protectedRangeId"]) == int(pr_id or 0):
                return sheet, i
    raise invalid(f"No protected range with id: {pr_id}")


def update_protected_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    given = req.get("protectedRange") or {}
    sheet, i = _protected(book, given.get("protectedRangeId"))
    new = masked(sheet.protected_ranges[i], given, mask_paths(req.get("fields"), "fields"))
    new["protectedRangeId"] = sheet.protected_ranges[i]["protectedRangeId"]
    sheet.protected_ranges[i] = new
    return None


def delete_protected_range(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, i = _protected(book, req.get("protectedRangeId"))
    sheet.protected_ranges.pop(i)
    return None


def add_chart(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    chart = copy.deepcopy(req.get("chart") or {})
    taken = _all_ids(book)
    if chart.get("chartId") is None:
        chart["chartId"] = new_id(taken)
    elif int(chart["chartId"]) in taken:
        raise invalid(f"An object with id {chart['chartId']} already exists.")
    position = chart.setdefault("position", {"newSheet": True})
    anchor = (position.get("overlayPosition") or {}).get("anchorCell")
    if anchor is not None:
        sheet = book.sheet_by_id(anchor.get("sheetId"))
    elif position.get("sheetId") is not None:
        sheet = book.sheet_by_id(position["sheetId"])
    else:  # newSheet: charts get their own OBJECT sheet
        sheet_id = new_id(taken | {int(chart["chartId"])})
        n = 1
        while f"Chart{n}" in book.titles():
            n += 1
        props = sheet_properties(sheet_id, f"Chart{n}", len(book.sheets))
        props.update(sheetType="OBJECT")
        props.pop("gridProperties")
        sheet = Sheet(props)
        book.sheets.append(sheet)
        chart["position"] = {"sheetId": sheet_id}
    sheet.charts.append(chart)
    return {"chart": copy.deepcopy(chart)}


def _chart(book: Spreadsheet, object_id: Any) -> tuple[Sheet, int]:
    for sheet in book.sheets:
        for i, chart in enumerate(sheet.charts):
            if int(chart["chartId"]) == int(object_id or 0):
                return sheet, i
    raise invalid(f"No object with id: {object_id}")


def update_chart_spec(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, i = _chart(book, req.get("chartId"))
    sheet.charts[i]["spec"] = copy.deepcopy(req.get("spec") or {})
    return None


def delete_embedded_object(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, i = _chart(book, req.get("objectId"))
    sheet.charts.pop(i)
    if sheet.properties.get("sheetType") == "OBJECT" and not sheet.charts:
        book.sheets.remove(sheet)
        book.reindex()
    return None


def set_data_validation(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    r1, r2, c1, c2 = sheet.box(rng)
    rule = req.get("rule")
    for r in range(r1, min(r2, sheet.row_count)):
        for c in range(c1, min(c2, sheet.col_count)):
            cell = dict(sheet.cells.get((r, c), {}))
            cell["dataValidation"] = copy.deepcopy(rule) if rule else None
            sheet.set_cell(r, c, cell)
    return None


def _merges_apart(sheet: Sheet, box: tuple[int, int, int, int]) -> list[dict[str, Any]]:
    """The sheet's merges that do not overlap `box`. A summary tab holds hundreds of merges, so
    the stored (always explicit) indexes are compared directly rather than through `box()`."""
    r1, r2, c1, c2 = box
    kept = []
    for m in sheet.merges:
        try:
            a, b = m["startRowIndex"], m["endRowIndex"]
            c, d = m["startColumnIndex"], m["endColumnIndex"]
        except KeyError:
            a, b, c, d = sheet.box(m)
        if not (a < r2 and r1 < b and c < c2 and c1 < d):
            kept.append(m)
    return kept


def merge_cells(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    r1, r2, c1, c2 = sheet.box(rng)
    kind = req.get("mergeType") or "MERGE_ALL"
    boxes = {
        "MERGE_ALL": [(r1, r2, c1, c2)],
        "MERGE_ROWS": [(r, r + 1, c1, c2) for r in range(r1, r2)],
        "MERGE_COLUMNS": [(r1, r2, c, c + 1) for c in range(c1, c2)],
    }[kind]
    sheet.merges = _merges_apart(sheet, (r1, r2, c1, c2))
    for a, b, c, d in boxes:
        sheet.merges.append(
            {
                "sheetId": sheet.sheet_id,
                "startRowIndex": a,
                "endRowIndex": b,
                "startColumnIndex": c,
                "endColumnIndex": d,
            }
        )
    return None


def unmerge_cells(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    sheet = book.sheet_by_id(rng.get("sheetId"))
    box = sheet.box(rng)
    sheet.merges = _merges_apart(sheet, box)
    return None


def update_borders(book: Spreadsheet, req: dict[str, Any]) -> Reply:
    book.sheet_by_id((req.get("range") or {}).get("sheetId"))  # checked, not drawn
    return None


HANDLERS: dict[str, Callable[[Spreadsheet, dict[str, Any]], Reply]] = {
    "addConditionalFormatRule": add_conditional_format_rule,
    "updateConditionalFormatRule": update_conditional_format_rule,
    "deleteConditionalFormatRule": delete_conditional_format_rule,
    "addProtectedRange": add_protected_range,
    "updateProtectedRange": update_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "addChart": add_chart,
    "updateChartSpec": update_chart_spec,
    "deleteEmbeddedObject": delete_embedded_object,
    "setDataValidation": set_data_validation,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "updateBorders": update_borders,
}
