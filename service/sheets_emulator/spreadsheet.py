"""`spreadsheets.create` and `spreadsheets.get` (fields masks, includeGridData, ranges), export."""

from __future__ import annotations

import copy
from typing import Any

from sheets_emulator import a1, color_styles, fields, proto_json
from sheets_emulator.celldata import merge_cell
from sheets_emulator.google_defaults import spreadsheet_properties
from sheets_emulator.render import effective, formatted, render
from sheets_emulator.state import (
    DEFAULT_COLS,
    DEFAULT_ROWS,
    Sheet,
    Spreadsheet,
    new_id,
    sheet_properties,
)


def _cell_json(cell: dict[str, Any]) -> dict[str, Any]:
    out = dict(cell)
    value = effective(cell)
    if value is not None:
        out["effectiveValue"] = value
        shown = formatted(cell)
        if shown is not None:
            out["formattedValue"] = shown
    if "userEnteredFormat" in cell:
        out["userEnteredFormat"] = color_styles.as_stored(
            color_styles.with_twins(cell["userEnteredFormat"])
        )
        out["effectiveFormat"] = out["userEnteredFormat"]
    return out


def grid_data(sheet: Sheet, box: tuple[int, int, int, int]) -> dict[str, Any]:
    r1, r2, c1, c2 = box
    rows: dict[int, dict[int, dict[str, Any]]] = {}
    for (r, c), cell in sheet.cells.items():
        if r1 <= r < r2 and c1 <= c < c2:
            rows.setdefault(r - r1, {})[c - c1] = _cell_json(cell)
    row_data: list[dict[str, Any]] = []
    for r in range(max(rows, default=-1) + 1):
        line = rows.get(r, {})
        values = [line.get(c, {}) for c in range(max(line, default=-1) + 1)]
        row_data.append({"values": values} if values else {})
    data: dict[str, Any] = {
        "rowMetadata": [{"pixelSize": 21, **sheet.row_meta.get(r, {})} for r in range(r1, r2)],
        "columnMetadata": [{"pixelSize": 100, **sheet.col_meta.get(c, {})} for c in range(c1, c2)],
    }
    if r1:
        data["startRow"] = r1
    if c1:
        data["startColumn"] = c1
    if row_data:
        data["rowData"] = row_data
    return data


def sheet_json(sheet: Sheet, boxes: list[tuple[int, int, int, int]] | None) -> dict[str, Any]:
    props = color_styles.as_stored(sheet.properties)
    out: dict[str, Any] = {"properties": proto_json.sheet_properties(props)}
    for key, items in (
        ("conditionalFormats", sheet.conditional_formats),
        ("charts", sheet.charts),
    ):
        if items:  # printed as sent: the rules and charts are echoed to their authors
            out[key] = copy.deepcopy(items)
    for key, items in (
        ("merges", sheet.merges),
        ("protectedRanges", sheet.protected_ranges),
        ("rowGroups", sheet.row_groups),
        ("columnGroups", sheet.column_groups),
    ):
        if items:
            out[key] = proto_json.omit_defaults(items)
    if sheet.basic_filter is not None:
        out["basicFilter"] = proto_json.omit_defaults(sheet.basic_filter)
    if boxes is not None:
        out["data"] = [grid_data(sheet, box) for box in boxes]
    return out


def get(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    mask = fields.parse(params["fields"]) if params.get("fields") else None
    # As documented, includeGridData is ignored when a field mask is set.
    with_data = fields.selects(mask, "sheets", "data") if mask else params.get("includeGridData")
    wanted: dict[int, list[tuple[int, int, int, int]]] | None = None
    if params.get("ranges"):
        wanted = {}
        for text in params["ranges"]:
            sheet, r1, r2, c1, c2 = book.resolve(text)
            wanted.setdefault(sheet.sheet_id, []).append((r1, r2, c1, c2))
    sheets = []
    for sheet in book.sheets:
        if wanted is not None and sheet.sheet_id not in wanted:
            continue
        boxes = None
        if with_data:
            full = (0, sheet.row_count, 0, sheet.col_count)
            boxes = wanted[sheet.sheet_id] if wanted is not None else [full]
        sheets.append(sheet_json(sheet, boxes))
    out: dict[str, Any] = {
        "spreadsheetId": book.spreadsheet_id,
        "properties": copy.deepcopy(book.properties),
        "sheets": sheets,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{book.spreadsheet_id}/edit",
    }
    if book.named_ranges:
        out["namedRanges"] = proto_json.omit_defaults(book.named_ranges)
    return fields.apply(out, mask) if mask else out


def write_grid_data(sheet: Sheet, data: dict[str, Any]) -> None:
    r0, c0 = int(data.get("startRow") or 0), int(data.get("startColumn") or 0)
    for i, row in enumerate(data.get("rowData") or []):
        for j, cell in enumerate(row.get("values") or []):
            sheet.set_cell(r0 + i, c0 + j, merge_cell({}, cell or {}, None))


def create(spreadsheet_id: str, body: dict[str, Any]) -> Spreadsheet:
    props = spreadsheet_properties("Untitled spreadsheet")
    props.update(copy.deepcopy(body.get("properties") or {}))
    book = Spreadsheet(spreadsheet_id, props)
    specs = body.get("sheets") or [{}]
    taken = {
        int(s.get("properties", {}).get("sheetId"))
        for s in specs
        if s.get("properties", {}).get("sheetId") is not None
    }
    for index, spec in enumerate(specs):
        given = copy.deepcopy(spec.get("properties") or {})
        sheet_id = given.get("sheetId")
        if sheet_id is None:
            sheet_id = 0 if 0 not in taken else new_id(taken)
            taken.add(sheet_id)
        base = sheet_properties(sheet_id, given.get("title") or f"Sheet{index + 1}", index)
        grid = {**base["gridProperties"], **given.get("gridProperties", {})}
        base.update(given)
        base.update(sheetId=sheet_id, index=index, gridProperties=grid)
        sheet = Sheet(base)
        for data in spec.get("data") or []:
            write_grid_data(sheet, data)
        sheet.conditional_formats = copy.deepcopy(spec.get("conditionalFormats") or [])
        sheet.merges = copy.deepcopy(spec.get("merges") or [])
        for pr in spec.get("protectedRanges") or []:
            sheet.protected_ranges.append({"protectedRangeId": new_id(set()), **pr})
        book.sheets.append(sheet)
    return book


def from_rows(spreadsheet_id: str, tabs: dict[str, list[list[Any]]]) -> Spreadsheet:
    """A spreadsheet whose tabs hold plain Python values (strings stay text, even `=...`)."""
    from sheets_emulator.render import input_value

    book = Spreadsheet(spreadsheet_id, spreadsheet_properties(spreadsheet_id))
    for index, (title, rows) in enumerate(tabs.items()):
        width = max((len(r) for r in rows), default=0)
        props = sheet_properties(
            index, title, index, max(DEFAULT_ROWS, len(rows)), max(DEFAULT_COLS, width)
        )
        sheet = Sheet(props)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                entered, number_format = input_value(value, "RAW")
                if entered:
                    cell: dict[str, Any] = {"userEnteredValue": entered}
                    if number_format:
                        cell["userEnteredFormat"] = {"numberFormat": number_format}
                    sheet.set_cell(r, c, cell)
        book.sheets.append(sheet)
    return book


def export(book: Spreadsheet) -> dict[str, Any]:
    """The whole state, for tests: values as FORMULA render plus everything stored per sheet."""
    sheets = []
    for sheet in book.sheets:
        found = {key: render(cell, "FORMULA", "SERIAL_NUMBER") for key, cell in sheet.cells.items()}
        height = max((r for (r, _), v in found.items() if v is not None), default=-1) + 1
        grid: list[list[Any]] = [[] for _ in range(height)]
        for (r, c), value in sorted(found.items()):
            if value is None:
                continue
            grid[r].extend([""] * (c - len(grid[r])))
            grid[r].append(value)

        def per_cell(
            key: str, cells: dict[tuple[int, int], dict[str, Any]] = sheet.cells
        ) -> dict[str, Any]:
            return {
                f"{a1.index_to_col(c)}{r + 1}": copy.deepcopy(cell[key])
                for (r, c), cell in sorted(cells.items())
                if key in cell
            }

        sheets.append(
            {
                "properties": copy.deepcopy(sheet.properties),
                "values": grid,
                "formats": per_cell("userEnteredFormat"),
                "notes": per_cell("note"),
                "dataValidations": per_cell("dataValidation"),
                "conditionalFormats": copy.deepcopy(sheet.conditional_formats),
                "protectedRanges": copy.deepcopy(sheet.protected_ranges),
                "charts": copy.deepcopy(sheet.charts),
                "merges": copy.deepcopy(sheet.merges),
                "rowMetadata": {str(k): v for k, v in sorted(sheet.row_meta.items())},
                "columnMetadata": {str(k): v for k, v in sorted(sheet.col_meta.items())},
            }
        )
    return {
        "spreadsheetId": book.spreadsheet_id,
        "properties": copy.deepcopy(book.properties),
        "sheets": sheets,
    }
