"""Build new workbooks: the fresh Rolemap template, and plain grids (for the demo generator).

Both share the header look and value handling of `xlsx_styles`, and save atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from rolemap.adapters.xlsx_read import save_atomic
from rolemap.adapters.xlsx_styles import (
    NUMBER_FORMATS,
    px_to_width,
    quote_list,
    style_header,
    write_value,
)
from rolemap.core.model.contract import Lang
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.template import (
    TEMPLATE_ROWS,
    RangeSource,
    TemplateCell,
    TemplateTab,
    template_layout,
)

AUTHOR = "Rolemap"


def _new_workbook() -> Any:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _write_header(ws: Any, titles: list[CellValue]) -> None:
    for c, title in enumerate(titles, start=1):
        if title is None:
            continue
        cell = ws.cell(row=1, column=c)
        write_value(cell, title)
        style_header(cell)
    ws.freeze_panes = "A2"


def render_template_tab(wb: Any, tab: TemplateTab) -> None:
    """A new tab as the template draws it; also how the service adds a shared tab."""
    ws = wb.create_sheet(tab.title)
    _write_header(ws, [col.title for col in tab.columns])
    ws.freeze_panes = f"A{tab.frozen_rows + 1}" if tab.frozen_rows else None
    last = TEMPLATE_ROWS
    for c, col in enumerate(tab.columns, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = px_to_width(col.width)
        if col.note:
            comment = Comment(col.note, AUTHOR)
            comment.width, comment.height = 240, 90  # points; the default box cuts notes off
            ws.cell(row=1, column=c).comment = comment
        if col.dropdown:
            dv = DataValidation(type="list", formula1=quote_list(col.dropdown), allow_blank=True)
            dv.showErrorMessage = col.strict
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        elif col.source is not None:
            dv = DataValidation(type="list", formula1=range_formula(col.source), allow_blank=True)
            dv.showErrorMessage = col.strict
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        if col.number_format:
            pattern = NUMBER_FORMATS[col.number_format]
            for r in range(2, last + 1):
                ws.cell(row=r, column=c).number_format = pattern
    for r, row in enumerate(tab.rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                write_value(ws.cell(row=r, column=c), value)
            col_format = tab.columns[c - 1].number_format if c <= len(tab.columns) else None
            if col_format and value is not None:  # the column's format beats the date default
                ws.cell(row=r, column=c).number_format = NUMBER_FORMATS[col_format]
    for cell in tab.cells:
        _render_cell(ws, cell)


def range_formula(source: RangeSource) -> str:
    """`'Roles'!$B$2:$B$1000`: the dropdown follows whatever the team types on that tab."""
    letter = get_column_letter(source.col + 1)
    return f"{quote_sheetname(source.tab)}!${letter}$2:${letter}${TEMPLATE_ROWS}"


def _render_cell(ws: Any, cell: TemplateCell) -> None:
    target = ws.cell(row=cell.row + 1, column=cell.col + 1)
    if cell.number_format:
        target.number_format = NUMBER_FORMATS[cell.number_format]
    if cell.dropdown:
        dv = DataValidation(type="list", formula1=quote_list(cell.dropdown), allow_blank=True)
        dv.showErrorMessage = True
        dv.add(target.coordinate)
        ws.add_data_validation(dv)


def build_template(lang: Lang, path: Path) -> None:
    """Write the fresh-sheet layout of `template_layout(lang)` to a new workbook at `path`."""
    wb = _new_workbook()
    for tab in template_layout(lang):
        render_template_tab(wb, tab)
    save_atomic(wb, Path(path))


def write_grids(path: Path, tabs: dict[str, list[list[CellValue]]]) -> None:
    """Write plain grids (row 0 is the header) to a new workbook: bold headers, real dates."""
    wb = _new_workbook()
    for title, grid in tabs.items():
        ws = wb.create_sheet(title)
        if not grid:
            continue
        _write_header(ws, list(grid[0]))
        widths = [len(str(v or "")) for v in grid[0]]
        for r, row in enumerate(grid[1:], start=2):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    write_value(ws.cell(row=r, column=c), value)
                    if c <= len(widths) and isinstance(value, str):
                        widths[c - 1] = max(widths[c - 1], len(value))
        for c, chars in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(max(chars + 2, 10), 50)
    save_atomic(wb, Path(path))
