"""Cell values in and out: input parsing (RAW / USER_ENTERED) and the three value renders.

A formula cell renders its formula text under FORMULA; under UNFORMATTED_VALUE / FORMATTED_VALUE
it renders its `effectiveValue`, which `formula_engine` recomputes after every write (a seeded
xlsx starts with Excel's cached results); a formula the engine cannot compute renders empty.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from sheets_emulator.state import Cell

EPOCH = dt.datetime(1899, 12, 30)
# How an ErrorValue type shows in a cell (and in values.get).
ERROR_SHOWN = {
    "ERROR": "#ERROR!",
    "NULL_VALUE": "#NULL!",
    "DIVIDE_BY_ZERO": "#DIV/0!",
    "VALUE": "#VALUE!",
    "REF": "#REF!",
    "NAME": "#NAME?",
    "NUM": "#NUM!",
    "N_A": "#N/A",
    "LOADING": "#LOADING",
}
_EXACT = 2**53  # doubles hold every integer below this
_DATE_TYPES = ("DATE", "TIME", "DATE_TIME")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def to_serial(value: dt.datetime | dt.date | dt.time | dt.timedelta) -> float:
    """Google/Excel serial number: days since 1899-12-30, time as the fraction of a day."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400 + (
            value.microsecond / 86400e6
        )
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value.replace(tzinfo=None) - EPOCH).total_seconds() / 86400


def from_serial(serial: float) -> dt.datetime:
    return EPOCH + dt.timedelta(days=serial)


def json_number(value: float) -> int | float:
    """Integral doubles come out as JSON integers, as Google prints them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


def input_value(value: Any, option: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(userEnteredValue, numberFormat or None) for a values.* input under RAW / USER_ENTERED."""
    if isinstance(value, bool):
        return {"boolValue": value}, None
    if isinstance(value, int | float):
        return {"numberValue": value}, None
    text = "" if value is None else str(value)
    if text == "":
        return None, None
    if option != "USER_ENTERED":
        return {"stringValue": text}, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    if text.upper() in ("TRUE", "FALSE"):
        return {"boolValue": text.upper() == "TRUE"}, None
    grouped = re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text)
    if grouped:  # Google keeps the thousands separators as the cell's number format
        pattern = "#,##0.00" if grouped.group(2) else "#,##0"
        return {"numberValue": float(text.replace(",", ""))}, {"type": "NUMBER", "pattern": pattern}
    if _NUMBER.match(text):
        return {"numberValue": float(text)}, None
    if text.endswith("%") and _NUMBER.match(text[:-1]):
        return {"numberValue": float(text[:-1]) / 100}, {"type": "PERCENT", "pattern": "0.00%"}
    m = _ISO_DATE.match(text)
    if m:
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return {"stringValue": text}, None
        return {"numberValue": to_serial(day)}, {"type": "DATE", "pattern": "yyyy-mm-dd"}
    return {"stringValue": text}, None


def _number_format(cell: Cell) -> dict[str, Any]:
    fmt: dict[str, Any] = cell.get("userEnteredFormat", {}).get("numberFormat", {})
    return fmt


def _format_date(serial: float, fmt: dict[str, Any]) -> str:
    moment = from_serial(serial)
    pattern = fmt.get("pattern") or {
        "DATE": "yyyy-mm-dd",
        "TIME": "hh:mm:ss",
        "DATE_TIME": "yyyy-mm-dd hh:mm:ss",
    }.get(fmt.get("type", ""), "yyyy-mm-dd")
    out = pattern.lower()
    for token, value in (
        ("yyyy", f"{moment.year:04d}"),
        ("hh", f"{moment.hour:02d}"),
        ("ss", f"{moment.second:02d}"),
        ("dd", f"{moment.day:02d}"),
    ):
        out = out.replace(token, value)
    # "mm" is minutes right after hours, months otherwise (the spreadsheet convention).
    out = re.sub(r"(?<=\d\d:)mm", f"{moment.minute:02d}", out)
    return out.replace("mm", f"{moment.month:02d}")


def format_number(value: float, fmt: dict[str, Any]) -> str:
    """An approximation of Google's display format (no locale, simple patterns only)."""
    kind = fmt.get("type")
    if kind in _DATE_TYPES:
        return _format_date(value, fmt)
    if not math.isfinite(value):
        return "#NUM!"
    pattern = str(fmt.get("pattern", ""))
    decimals_match = re.search(r"0\.(0+)", pattern)
    decimals = len(decimals_match.group(1)) if decimals_match else None
    if kind == "PERCENT" or pattern.endswith("%"):
        return f"{value * 100:.{decimals if decimals is not None else 0}f}%"
    if decimals is not None:
        grouped = "," in pattern
        return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    if pattern in ("0", "#,##0"):
        return f"{value:,.0f}" if "," in pattern else f"{value:.0f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def effective(cell: Cell) -> dict[str, Any] | None:
    """The computed value: the user-entered value, or a formula's known effectiveValue."""
    entered: dict[str, Any] | None = cell.get("userEnteredValue")
    if entered is None:
        return None
    if "formulaValue" in entered:
        known: dict[str, Any] | None = cell.get("effectiveValue")
        return known
    return entered


def render(cell: Cell | None, value_render: str, date_render: str) -> Any:
    """A cell as values.get returns it; None for an empty cell."""
    if not cell:
        return None
    entered = cell.get("userEnteredValue")
    if not entered:
        return None
    if "formulaValue" in entered:
        if value_render == "FORMULA":
            return entered["formulaValue"]
        value = cell.get("effectiveValue")
        if not value:
            return None
    else:
        value = entered
    # The common cases first: a whole-tab read renders every cell through here.
    text = value.get("stringValue")
    if text is not None:
        return text
    number = value.get("numberValue")
    if number is not None and value_render == "UNFORMATTED_VALUE":
        if date_render == "SERIAL_NUMBER":
            if type(number) is int and -_EXACT < number < _EXACT:
                return number
            return json_number(float(number))
        fmt = _number_format(cell)
        if fmt.get("type") in _DATE_TYPES:
            return format_number(float(number), fmt)
        return json_number(float(number))
    if "errorValue" in value:
        kind = value["errorValue"].get("type", "ERROR")
        return ERROR_SHOWN.get(kind, kind)
    if "boolValue" in value:
        flag = bool(value["boolValue"])
        return ("TRUE" if flag else "FALSE") if value_render == "FORMATTED_VALUE" else flag
    number = float(value.get("numberValue", 0))
    fmt = _number_format(cell)
    if value_render == "FORMATTED_VALUE":
        return format_number(number, fmt)
    if date_render == "FORMATTED_STRING" and fmt.get("type") in _DATE_TYPES:
        return format_number(number, fmt)
    return json_number(number)


def formatted(cell: Cell) -> str | None:
    out = render(cell, "FORMATTED_VALUE", "FORMATTED_STRING")
    return None if out is None else str(out)
