"""Seed a spreadsheet from an .xlsx workbook with openpyxl.

Numbers, booleans and strings are kept; dates and times become serial numbers with a DATE /
DATE_TIME / TIME number format; formulas become `formulaValue`, with Excel's cached result (when
the file has one) kept as the `effectiveValue`. Merges, notes, frozen panes and list-type data
validations are carried over too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import range_boundaries

from sheets_emulator.google_defaults import spreadsheet_properties
from sheets_emulator.render import input_value, to_serial
from sheets_emulator.state import (
    DEFAULT_COLS,
    DEFAULT_ROWS,
    Sheet,
    Spreadsheet,
    sheet_properties,
)


def _value(value: Any, data_type: str) -> dict[str, Any] | None:
    """A Google `ExtendedValue` for an openpyxl cell value; text that looks like a formula but
    is stored as a string (data_type "s") stays text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return {"numberValue": to_serial(value)}
    if data_type == "f" and isinstance(value, str):
        return {"formulaValue": value}
    text = getattr(value, "text", None)  # ArrayFormula / DataTableFormula
    if isinstance(text, str):
        return {"formulaValue": text if text.startswith("=") else f"={text}"}
    entered, _ = input_value(value, "RAW")
    return entered


def _date_format(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return {"type": "DATE", "pattern": "yyyy-mm-dd"}
        return {"type": "DATE_TIME", "pattern": "yyyy-mm-dd hh:mm:ss"}
    if isinstance(value, dt.date):
        return {"type": "DATE", "pattern": "yyyy-mm-dd"}
    if isinstance(value, dt.time):
        return {"type": "TIME", "pattern": "hh:mm:ss"}
    return None


def _grid_range(sheet_id: int, ref: str) -> dict[str, Any]:
    c1, r1, c2, r2 = range_boundaries(ref)
    return {
        "sheetId": sheet_id,
        "startRowIndex": (r1 or 1) - 1,
        "endRowIndex": r2,
        "startColumnIndex": (c1 or 1) - 1,
        "endColumnIndex": c2,
    }


def load_xlsx(spreadsheet_id: str, path: str | Path) -> Spreadsheet:
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = None
    book = Spreadsheet(spreadsheet_id, spreadsheet_properties(Path(path).stem))
    for index, ws in enumerate(formulas.worksheets):
        props = sheet_properties(
            index,
            ws.title,
            index,
            max(DEFAULT_ROWS, ws.max_row),
            max(DEFAULT_COLS, ws.max_column),
        )
        if ws.freeze_panes:
            col, row, _, _ = range_boundaries(f"{ws.freeze_panes}:{ws.freeze_panes}")
            frozen = {"frozenRowCount": (row or 1) - 1, "frozenColumnCount": (col or 1) - 1}
            props["gridProperties"].update({k: v for k, v in frozen.items() if v})
        sheet = Sheet(props)
        for row in ws.iter_rows():
            for xcell in row:
                entered = _value(xcell.value, xcell.data_type)
                if entered is None:
                    continue
                cell: dict[str, Any] = {"userEnteredValue": entered}
                number_format = _date_format(xcell.value)
                if number_format:
                    cell["userEnteredFormat"] = {"numberFormat": number_format}
                if "formulaValue" in entered:
                    if cached is None:  # only read twice when there are formulas
                        cached = openpyxl.load_workbook(path, data_only=True)
                    result = _value(cached[ws.title][xcell.coordinate].value, "n")
                    if result and "formulaValue" not in result:
                        cell["effectiveValue"] = result
                if xcell.comment is not None:
                    cell["note"] = xcell.comment.text
                sheet.set_cell(xcell.row - 1, xcell.column - 1, cell)
        sheet.merges = [_grid_range(index, str(m)) for m in ws.merged_cells.ranges]
        _validations(ws, sheet)
        book.sheets.append(sheet)
    formulas.close()
    if cached is not None:
        cached.close()
    return book


def _validations(ws: Any, sheet: Sheet) -> None:
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list" or not dv.formula1:
            continue
        source = dv.formula1.strip('"')
        if dv.formula1.startswith('"'):
            condition = {
                "type": "ONE_OF_LIST",
                "values": [{"userEnteredValue": v} for v in source.split(",")],
            }
        else:
            condition = {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": f"={source}"}]}
        rule = {"condition": condition, "strict": bool(dv.showErrorMessage), "showCustomUi": True}
        for ref in str(dv.sqref).split():
            c1, r1, c2, r2 = range_boundaries(ref)
            for r in range((r1 or 1) - 1, min(r2 or sheet.row_count, sheet.row_count)):
                for c in range((c1 or 1) - 1, min(c2 or sheet.col_count, sheet.col_count)):
                    sheet.set_cell(r, c, {**sheet.cells.get((r, c), {}), "dataValidation": rule})
