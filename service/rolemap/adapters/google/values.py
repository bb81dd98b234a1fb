"""Plan values and styles as Sheets API objects, and date ↔ serial-number helpers.

`ExtendedValue`, `CellData`, `CellFormat`, `GridRange` and column widths, shared by the
recalculation write (`requests_builder`) and `template create` (`template`).

Sheets stores dates as day counts from 1899-12-30 (the Lotus/Excel epoch), so we write dates as
`numberValue` serials with a DATE format: typed, and never re-parsed by the sheet's locale.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import math
from typing import Any

from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import TONE_COLORS, Cell, Formula, NumberFormat, Range, Style, Tone

EPOCH = dt.datetime(1899, 12, 30)
_SECONDS_PER_DAY = 86_400


def a1_sheet(title: str) -> str:
    """A whole-sheet A1 range; always quoted, embedded quotes doubled (`'Bob''s tab'`)."""
    return "'" + title.replace("'", "''") + "'"


def date_to_serial(value: dt.date | dt.datetime) -> float | int:
    """A date (whole days) or a datetime (days plus the fraction of the day) as a serial.

    An aware datetime keeps its wall-clock time: a sheet has one time zone and no offsets.
    """
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        return delta.days + delta.seconds / _SECONDS_PER_DAY + delta.microseconds / 8.64e10
    return (value - EPOCH.date()).days


def serial_to_date(serial: float) -> dt.date:
    return EPOCH.date() + dt.timedelta(days=math.floor(serial))


def serial_to_datetime(serial: float) -> dt.datetime:
    # Round to the second: a serial's float fraction cannot carry more than that faithfully.
    return EPOCH + dt.timedelta(seconds=round(serial * _SECONDS_PER_DAY))


def extended_value(value: CellValue) -> dict[str, Any] | None:
    """The typed `userEnteredValue` for a plan value; None leaves the cell empty.

    Text is always `stringValue`, so a channel called `=IMPORTXML(...)` stays text. A float that
    JSON cannot carry (NaN, ±inf) becomes empty or the text `∞`, never an invalid body.
    """
    if value is None:
        return None
    if isinstance(value, Formula):
        return {"formulaValue": str(value)}
    if isinstance(value, bool):  # before int: bool is an int subclass
        return {"boolValue": value}
    if isinstance(value, int):
        return {"numberValue": value}
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return {"stringValue": "∞" if value > 0 else "-∞"}
        return {"numberValue": value}
    if isinstance(value, dt.date):  # datetime is a date subclass
        return {"numberValue": date_to_serial(value)}
    text = str(value)
    return {"stringValue": text} if text else None


# Patterns are explicit so a sheet's locale never changes how a number looks or parses.
NUMBER_FORMATS: dict[NumberFormat, dict[str, str]] = {
    "integer": {"type": "NUMBER", "pattern": "#,##0"},
    "money": {"type": "NUMBER", "pattern": "#,##0"},
    "decimal": {"type": "NUMBER", "pattern": "#,##0.00"},
    "percent": {"type": "PERCENT", "pattern": "0.0%"},
    "change": {"type": "PERCENT", "pattern": "+0.0%;-0.0%;0.0%"},
    "date": {"type": "DATE", "pattern": "yyyy-mm-dd"},
    "datetime": {"type": "DATE_TIME", "pattern": "yyyy-mm-dd hh:mm"},
    "date_dmy": {"type": "DATE", "pattern": "dd.mm.yyyy"},
    "datetime_dmy": {"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm"},
    "text": {"type": "TEXT"},
}

_ALIGN = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}

# Output tabs are rewritten whole; a user tab's auto column only ever gets values.
OUTPUT_CELL_FIELDS = "userEnteredValue,userEnteredFormat"
CLEAR_FIELDS = "userEnteredValue,userEnteredFormat,note"
VALUE_FIELDS = "userEnteredValue"


def color(hex_code: str) -> dict[str, float]:
    """`#RRGGBB` → a Sheets `Color` (0..1 channels)."""
    code = hex_code.lstrip("#")
    red, green, blue = (int(code[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return {"red": round(red, 4), "green": round(green, 4), "blue": round(blue, 4)}


def tone_colors(tone: Tone) -> tuple[dict[str, float], dict[str, float]]:
    background, text = TONE_COLORS[tone]
    return color(background), color(text)


def implied_format(value: object) -> NumberFormat | None:
    if isinstance(value, dt.datetime):
        return "datetime"
    return "date" if isinstance(value, dt.date) else None


@functools.cache
def style_format(style: Style | None, implied: NumberFormat | None = None) -> dict[str, Any]:
    """A `CellFormat` for a style, shared: a tab holds thousands of cells in a few styles, so
    each is built once. `implied` is the number format a value brings when the style has none
    (a date). Callers must not change the answer; `cell_format` gives a copy to change."""
    fmt: dict[str, Any] = {}
    number_format = style.number_format if style else None
    number_format = number_format or implied
    if number_format is not None:
        fmt["numberFormat"] = dict(NUMBER_FORMATS[number_format])
    if style is None:
        return fmt
    text: dict[str, Any] = {}
    if style.bold:
        text["bold"] = True
    if style.italic:
        text["italic"] = True
    if style.size is not None:
        text["fontSize"] = style.size
    if style.tone is not None:
        background, foreground = tone_colors(style.tone)
        fmt["backgroundColor"] = background
        text["foregroundColor"] = foreground
    if text:
        fmt["textFormat"] = text
    if style.wrap:
        fmt["wrapStrategy"] = "WRAP"
    if style.align is not None:
        fmt["horizontalAlignment"] = _ALIGN[style.align]
    return fmt


def cell_format(style: Style | None, value: object = None) -> dict[str, Any]:
    """A `CellFormat` for a style; a date value with no explicit format gets a date format."""
    return copy.deepcopy(style_format(style, implied_format(value)))


def cell_data(cell: Cell | None) -> dict[str, Any]:
    if cell is None:
        return {}
    data: dict[str, Any] = {}
    value = extended_value(cell.value)
    if value is not None:
        data["userEnteredValue"] = value
    fmt = cell_format(cell.style, cell.value)
    if fmt:
        data["userEnteredFormat"] = fmt
    return data


def row_data(cells: tuple[Cell, ...] | list[Cell]) -> dict[str, Any]:
    values = [cell_data(c) for c in cells]
    return {"values": values} if values else {}


def grid_range(sheet_id: int, rng: Range) -> dict[str, int]:
    return {
        "sheetId": sheet_id,
        "startRowIndex": rng.row,
        "endRowIndex": rng.end_row,
        "startColumnIndex": rng.col,
        "endColumnIndex": rng.end_col,
    }


def column_widths(sheet_id: int, widths: list[int] | tuple[int, ...]) -> list[dict[str, Any]]:
    """`updateDimensionProperties` requests, one per run of equal widths."""
    requests: list[dict[str, Any]] = []
    start = 0
    for i in range(1, len(widths) + 1):
        if i == len(widths) or widths[i] != widths[start]:
            requests.append(
                {
                    "updateDimensionProperties": {
                        "range": {
                            "sheetId": sheet_id,
                            "dimension": "COLUMNS",
                            "startIndex": start,
                            "endIndex": i,
                        },
                        "properties": {"pixelSize": widths[start]},
                        "fields": "pixelSize",
                    }
                }
            )
            start = i
    return requests


def row_heights(sheet_id: int, spans: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
    """`updateDimensionProperties` requests for (start row, end row, pixels) spans."""
    return [
        {
            "updateDimensionProperties": {
                "range": {
                    "sheetId": sheet_id,
                    "dimension": "ROWS",
                    "startIndex": start,
                    "endIndex": end,
                },
                "properties": {"pixelSize": px},
                "fields": "pixelSize",
            }
        }
        for start, end, px in spans
    ]
