"""Shared openpyxl styling helpers: plan styles and values → cells.

Used by the write-plan renderer (`xlsx_render`) and the template/grid builder (`xlsx_template`),
so a header or a date looks the same wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import TONE_COLORS, Formula, NumberFormat, Style, Tone

NUMBER_FORMATS: dict[NumberFormat, str] = {
    "integer": "#,##0",
    "money": "#,##0",
    "decimal": "#,##0.00",
    "percent": "0.0%",
    "change": "+0.0%;-0.0%;0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "date_dmy": "dd.mm.yyyy",
    "datetime_dmy": "dd.mm.yyyy hh:mm",
    "text": "@",
}

HEADER_TONE: Tone = "blue"
PX_PER_CHAR = 7.0  # Excel's default column width unit is about 7 px of Calibri 11
PX_PER_CM = 96 / 2.54
PT_PER_PX = 0.75  # row heights are in points


def argb(hex_colour: str) -> str:
    """`#F4C7C3` → `FFF4C7C3` (openpyxl wants opaque aRGB)."""
    return "FF" + hex_colour.lstrip("#").upper()


def tone_fill(tone: Tone) -> PatternFill:
    background, _ = TONE_COLORS[tone]
    return PatternFill(fill_type="solid", start_color=argb(background), end_color=argb(background))


def tone_font(tone: Tone, *, bold: bool = False) -> Font:
    _, text = TONE_COLORS[tone]
    return Font(color=argb(text), bold=bold)


def px_to_width(px: int) -> float:
    return round(px / PX_PER_CHAR, 2)


def px_to_cm(px: int) -> float:
    return round(px / PX_PER_CM, 2)


def clean_value(value: CellValue) -> CellValue:
    """What openpyxl can store: no control characters, no time zones (Excel has none)."""
    if isinstance(value, str):
        return str(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def write_value(cell: Any, value: CellValue) -> None:
    """Store a value as data, never as a formula; dates get a date format.

    openpyxl turns any string starting with `=` into a formula, so such strings are forced back to
    text. `+`, `-` and `@` are only special when typed into Excel, not when stored as strings.
    """
    if isinstance(value, Formula):
        cell.value = str(value)
        return
    value = clean_value(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.number_format = NUMBER_FORMATS["datetime"]
    elif isinstance(value, dt.date):
        cell.number_format = NUMBER_FORMATS["date"]


def _font(cell: Any, *, bold: bool, italic: bool, size: int | None, colour: str | None) -> Font:
    """The cell's font with overrides: a bare Font has no name, which LibreOffice shows as serif."""
    base = cell.font
    return Font(
        name=base.name,
        family=base.family,
        scheme=base.scheme,
        size=size or base.sz,
        bold=bold,
        italic=italic,
        color=colour or base.color,
    )


def apply_style(cell: Any, style: Style) -> None:
    """Apply a plan Style; unset fields keep the workbook's defaults."""
    colour = argb(TONE_COLORS[style.tone][1]) if style.tone else None
    if style.bold or style.italic or style.size or colour:
        cell.font = _font(
            cell, bold=style.bold, italic=style.italic, size=style.size, colour=colour
        )
    if style.tone:
        cell.fill = tone_fill(style.tone)
    if style.number_format:
        cell.number_format = NUMBER_FORMATS[style.number_format]
    if style.wrap or style.align:
        cell.alignment = Alignment(
            wrap_text=style.wrap or None, horizontal=style.align, vertical="top"
        )


def style_header(cell: Any) -> None:
    """The header look shared by the template and generated grids: bold on a light fill."""
    colour = argb(TONE_COLORS[HEADER_TONE][1])
    cell.font = _font(cell, bold=True, italic=False, size=None, colour=colour)
    cell.fill = tone_fill(HEADER_TONE)
    # No wrap: neither openpyxl nor LibreOffice grows the row, so wrapped text would overflow.
    cell.alignment = Alignment(vertical="top")


def quote_list(items: tuple[str, ...] | list[str]) -> str:
    """A dropdown's inline list, `"A,B,C"`; Excel caps it at 255 characters, commas not allowed."""
    if any("," in item or '"' in item for item in items):
        raise ValueError(f"dropdown items cannot contain commas or quotes: {items}")
    formula = '"' + ",".join(items) + '"'
    if len(formula) > 257:
        raise ValueError(f"dropdown list longer than Excel's 255 characters: {items}")
    return formula


def quote_text(text: str) -> str:
    """A string literal inside an Excel formula."""
    return '"' + text.replace('"', '""') + '"'


def unquote_text(formula: str) -> str | None:
    """The inverse of `quote_text`, or None when the formula is not a plain string literal."""
    if len(formula) >= 2 and formula[0] == formula[-1] == '"':
        inner = formula[1:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return None
