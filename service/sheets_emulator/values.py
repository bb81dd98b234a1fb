"""`spreadsheets.values.*`: get, batchGet, update, batchUpdate, append, clear, batchClear."""

from __future__ import annotations

from typing import Any

from sheets_emulator import a1, append_table, formula_engine
from sheets_emulator.errors import invalid
from sheets_emulator.render import input_value, render
from sheets_emulator.state import Sheet, Spreadsheet


def _lines(
    sheet: Sheet, box: tuple[int, int, int, int], value_render: str, date_render: str, major: str
) -> list[list[Any]]:
    """Rows (or columns) of rendered values, trailing empties left out, inner gaps as "".

    A whole-tab read of a 20k-row tab is the emulator's hottest path, so it is one pass over the
    stored cells: they are mostly stored in reading order, and a cell that comes out of order
    sends its line to be rebuilt from a sorted copy."""
    r1, r2, c1, c2 = box
    columns = major == "COLUMNS"
    lines: dict[int, list[Any]] = {}
    late: set[int] = set()
    for (r, c), cell in sheet.cells.items():
        if r1 <= r < r2 and c1 <= c < c2:
            value = render(cell, value_render, date_render)
            if value is None:
                continue
            key, at = (c - c1, r - r1) if columns else (r - r1, c - c1)
            line = lines.get(key)
            if line is None:
                line = lines[key] = []
            if at == len(line):
                line.append(value)
            elif at > len(line):
                line.extend([""] * (at - len(line)))
                line.append(value)
            else:
                late.add(key)
    if not lines:
        return []
    for key in late:
        lines[key] = _rebuilt(sheet, box, value_render, date_render, columns, key)
    return [lines.get(index, []) for index in range(max(lines) + 1)]


def _rebuilt(
    sheet: Sheet,
    box: tuple[int, int, int, int],
    value_render: str,
    date_render: str,
    columns: bool,
    key: int,
) -> list[Any]:
    """One line whose cells were stored out of order, from its cells sorted."""
    r1, r2, c1, c2 = box
    found: dict[int, Any] = {}
    if columns:
        cells = ((r - r1, cell) for r in range(r1, r2) if (cell := sheet.cells.get((r, c1 + key))))
    else:
        cells = ((c - c1, cell) for c in range(c1, c2) if (cell := sheet.cells.get((r1 + key, c))))
    for at, cell in cells:
        value = render(cell, value_render, date_render)
        if value is not None:
            found[at] = value
    line: list[Any] = [""] * (max(found) + 1)
    for at, value in found.items():
        line[at] = value
    return line


def read_range(book: Spreadsheet, text: str, params: dict[str, Any]) -> dict[str, Any]:
    sheet, r1, r2, c1, c2 = book.resolve(text)
    major = params.get("majorDimension") or "ROWS"
    major = "ROWS" if major == "DIMENSION_UNSPECIFIED" else major
    matrix = _lines(
        sheet,
        (r1, r2, c1, c2),
        params.get("valueRenderOption") or "FORMATTED_VALUE",
        params.get("dateTimeRenderOption") or "SERIAL_NUMBER",
        major,
    )
    out: dict[str, Any] = {
        "range": a1.format_range(sheet.title, r1, r2, c1, c2),
        "majorDimension": major,
    }
    if matrix:
        out["values"] = matrix
    return out


def get(book: Spreadsheet, range_: str, params: dict[str, Any]) -> dict[str, Any]:
    return read_range(book, range_, params)


def batch_get(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    ranges = params.get("ranges") or []
    return {
        "spreadsheetId": book.spreadsheet_id,
        "valueRanges": [read_range(book, r, params) for r in ranges],
    }


def _require_input_option(option: Any) -> str:
    if not option or option == "INPUT_VALUE_OPTION_UNSPECIFIED":
        raise invalid("'valueInputOption' is required but not specified")
    return str(option)


def write_range(
    book: Spreadsheet, text: str, body: dict[str, Any], option: str, *, start_row: int | None = None
) -> tuple[dict[str, Any], set[tuple[int, int]]]:
    """Write a ValueRange at the top-left of `text`; None entries leave cells untouched.

    Returns Google's answer and the (row, column) cells a value landed in."""
    if body.get("range") and a1.parse(body["range"], book.titles()) != a1.parse(
        text, book.titles()
    ):
        raise invalid(
            f"Requested writing within range [{text}], but tried writing to [{body['range']}]"
        )
    sheet, r1, _, c1, _ = book.resolve(text, clamp=False)
    if start_row is not None:
        r1 = start_row
    rows: list[list[Any]] = body.get("values") or []
    if body.get("majorDimension") == "COLUMNS":
        width = max((len(col) for col in rows), default=0)
        rows = [[col[i] if i < len(col) else None for col in rows] for i in range(width)]
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    if r1 + height > sheet.row_count or c1 + width > sheet.col_count:
        raise invalid(
            f"Range ({a1.quote_title(sheet.title)}!{text.rpartition('!')[2]}) exceeds grid "
            f"limits. Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
        )
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue
            entered, number_format = input_value(value, option)
            old = sheet.cells.get((r1 + i, c1 + j), {})
            cell = {k: v for k, v in old.items() if k not in ("userEnteredValue", "effectiveValue")}
            cell["userEnteredValue"] = entered
            if number_format and "numberFormat" not in cell.get("userEnteredFormat", {}):
                cell["userEnteredFormat"] = {
                    **cell.get("userEnteredFormat", {}),
                    "numberFormat": number_format,
                }
            sheet.set_cell(r1 + i, c1 + j, cell)
    updated = a1.format_range(sheet.title, r1, r1 + max(height, 1), c1, c1 + max(width, 1))
    result: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id, "updatedRange": updated}
    written = {
        (r1 + i, c1 + j) for i, row in enumerate(rows) for j, v in enumerate(row) if v is not None
    }
    if written:  # Google counts only the rows and columns a value actually landed in
        result.update(
            updatedRows=len({r for r, _ in written}),
            updatedColumns=len({c for _, c in written}),
            updatedCells=len(written),
        )
    return result, written


def _with_data(book: Spreadsheet, result: dict[str, Any], params: dict[str, Any]) -> None:
    if params.get("includeValuesInResponse"):
        formula_engine.recalculate(book)
        render_params = {
            "valueRenderOption": params.get("responseValueRenderOption"),
            "dateTimeRenderOption": params.get("responseDateTimeRenderOption"),
        }
        result["updatedData"] = read_range(book, result["updatedRange"], render_params)


def update(
    book: Spreadsheet, range_: str, params: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    option = _require_input_option(params.get("valueInputOption"))
    result, _ = write_range(book, range_, body, option)
    _with_data(book, result, params)
    return result


def batch_update(book: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    option = _require_input_option(body.get("valueInputOption"))
    params = {
        "includeValuesInResponse": body.get("includeValuesInResponse"),
        "responseValueRenderOption": body.get("responseValueRenderOption"),
        "responseDateTimeRenderOption": body.get("responseDateTimeRenderOption"),
    }
    responses = []
    cells: set[tuple[str, int, int]] = set()
    for item in body.get("data") or []:
        if not item.get("range"):
            raise invalid("Must specify a range in ValueRange.")
        result, written = write_range(book, item["range"], item, option)
        sheet = result["updatedRange"].rpartition("!")[0]
        cells |= {(sheet, r, c) for r, c in written}
        _with_data(book, result, params)
        responses.append(result)
    # Totals count distinct rows and columns over the whole request, as Google does.
    out: dict[str, Any] = {
        "spreadsheetId": book.spreadsheet_id,
        "totalUpdatedRows": len({(t, r) for t, r, _ in cells}),
        "totalUpdatedColumns": len({(t, c) for t, _, c in cells}),
        "totalUpdatedCells": len(cells),
        "totalUpdatedSheets": len({r["updatedRange"].rpartition("!")[0] for r in responses}),
        "responses": responses,
    }
    return out


def append(
    book: Spreadsheet, range_: str, params: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    """Write below the table Google detects in `range_`, growing the grid if needed."""
    option = _require_input_option(params.get("valueInputOption"))
    if body.get("range") and a1.parse(body["range"], book.titles()) != a1.parse(
        range_, book.titles()
    ):
        raise invalid(
            f"Requested writing within range [{range_}], but tried writing to [{body['range']}]"
        )
    sheet, r1, r2, c1, c2 = book.resolve(range_, clamp=False)
    table = append_table.detect(sheet, (r1, min(r2, sheet.row_count), c1, min(c2, sheet.col_count)))
    start, left = (table[1], table[2]) if table else (r1, c1)
    rows = body.get("values") or []
    if body.get("majorDimension") == "COLUMNS":
        height = max((len(col) for col in rows), default=0)
    else:
        height = len(rows)
    if params.get("insertDataOption") == "INSERT_ROWS":
        shifted = {}
        for (r, c), cell in sheet.cells.items():
            shifted[(r + height, c) if r >= start else (r, c)] = cell
        sheet.cells = shifted
        sheet.grid["rowCount"] = sheet.row_count + height
    elif start + height > sheet.row_count:
        sheet.grid["rowCount"] = start + height
    target = a1.format_range(sheet.title, start, start + 1, left, left + 1)
    updates, _ = write_range(book, target, {**body, "range": None}, option)
    _with_data(book, updates, params)
    out: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
    if table:
        out["tableRange"] = a1.format_range(sheet.title, *table)
    out["updates"] = updates
    return out


def clear_range(book: Spreadsheet, text: str) -> str:
    """Clear values (formats stay), returning the cleared range as Google echoes it."""
    sheet, r1, r2, c1, c2 = book.resolve(text)
    for r, c in [key for key in sheet.cells if r1 <= key[0] < r2 and c1 <= key[1] < c2]:
        cell = {
            k: v
            for k, v in sheet.cells[(r, c)].items()
            if k not in ("userEnteredValue", "effectiveValue")
        }
        sheet.set_cell(r, c, cell)
    return a1.format_range(sheet.title, r1, r2, c1, c2)


def clear(book: Spreadsheet, range_: str) -> dict[str, Any]:
    return {"spreadsheetId": book.spreadsheet_id, "clearedRange": clear_range(book, range_)}


def batch_clear(book: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    cleared = [clear_range(book, r) for r in body.get("ranges") or []]
    return {"spreadsheetId": book.spreadsheet_id, "clearedRanges": cleared}
