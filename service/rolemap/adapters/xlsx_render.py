"""Render a WritePlan onto an openpyxl workbook (in memory; the caller saves it).

Output tabs are cleared in place and rewritten whole, so re-running never piles up rules,
charts, merges or protections, and a tab keeps its position (and is renamed in place on a
language switch). On user tabs only the `Flag (auto)` cells and our own rules on that column
are touched; a shared tab (`Decisions`) is added when missing, then only its service columns.

Protection: xlsx has no warning-only protection. The closest is sheet protection without a
password: Excel and LibreOffice refuse edits until the user clicks "Unprotect sheet", which needs
no password. The plan's `protection_note` has no place in xlsx and is not rendered.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formatting.rule import CellIsRule, Rule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from rolemap.adapters.xlsx_styles import (
    PT_PER_PX,
    apply_style,
    px_to_cm,
    px_to_width,
    quote_text,
    tone_fill,
    tone_font,
    unquote_text,
    write_value,
)
from rolemap.adapters.xlsx_template import render_template_tab
from rolemap.core.plan.model import (
    Chart,
    ColumnWrite,
    ConditionalFormat,
    OutputTab,
    Range,
    WritePlan,
)
from rolemap.core.plan.targets import existing_title, output_names
from rolemap.errors import WorkbookError

FLAG_WIDTH_CHARS = 14  # fits `SCALE DOWN` / `ПЕРЕПИСАТЬ` in bold
_OPERATORS = {"number_lt": "lessThan", "number_gte": "greaterThanOrEqual"}


def render_plan(wb: Any, plan: WritePlan) -> None:
    for tab in plan.outputs:
        _render_output(wb, tab)
    for shared in plan.shared_tabs:
        if existing_title(wb.sheetnames, shared.layout.title, shared.names) is None:
            render_template_tab(wb, shared.layout)
    for write in plan.column_writes:
        _render_column(wb, write, plan.owned_rule_values)
    _order_and_open(wb, plan)


def _order_and_open(wb: Any, plan: WritePlan) -> None:
    """The first output tab goes before the other output tabs (user tabs stay where they
    are), and the workbook opens on the `open_on` tab."""
    if not plan.outputs:
        return
    first = wb[plan.outputs[0].title]
    others = [wb.index(wb[t.title]) for t in plan.outputs[1:]]
    if others and wb.index(first) > min(others):
        wb.move_sheet(first, offset=min(others) - wb.index(first))
    target = next((t for t in plan.outputs if t.key == plan.open_on), None)
    if target is None:
        return
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.active = wb.index(wb[target.title])
    wb.active.sheet_view.tabSelected = True


def a1(rng: Range) -> str:
    """`Range(1, 0, 3, 2)` → `A2:B4`; rejects ranges that cannot exist on a sheet."""
    if rng.row < 0 or rng.col < 0 or rng.rows < 1 or rng.cols < 1:
        raise ValueError(f"invalid range in the write plan: {rng}")
    start = f"{get_column_letter(rng.col + 1)}{rng.row + 1}"
    end = f"{get_column_letter(rng.end_col)}{rng.end_row}"
    return start if start == end else f"{start}:{end}"


def _output_sheet(wb: Any, tab: OutputTab) -> Any:
    title = existing_title(wb.sheetnames, tab.title, output_names(tab.key))
    if title is None:
        return wb.create_sheet(tab.title)
    ws = wb[title]
    # `_setup` is openpyxl's own "empty worksheet" initialiser: it drops every cell and style,
    # merge, rule, chart, image, validation, dimension, freeze pane and protection, while the
    # sheet object (and so its position in the workbook) stays.
    ws._setup()
    ws.title = tab.title
    return ws


def _render_output(wb: Any, tab: OutputTab) -> None:
    for rng in tab.merges:
        a1(rng)  # validate before touching the workbook's sheets
    ws = _output_sheet(wb, tab)
    # A cleared tab's cells all start from the default style, so a plan style (with the date
    # format a value may bring) always ends in the same openpyxl style: it is worked out on its
    # first cell and copied to the rest, as openpyxl's own copy_worksheet copies `_style`.
    # Thousands of cells share a dozen styles; styling each one through openpyxl's descriptors
    # was most of an xlsx recalc.
    done: dict[tuple[Any, str], Any] = {}
    for r, row in enumerate(tab.rows, start=1):
        for c, spec in enumerate(row, start=1):
            if spec.value is None and spec.style is None:
                continue
            cell = ws.cell(row=r, column=c)
            key = (spec.style, _date_kind(spec.value))
            styled = done.get(key)
            write_value(cell, spec.value)
            if styled is not None:
                cell._style = copy(styled)
                continue
            if spec.style is not None:
                apply_style(cell, spec.style)
            if cell.alignment.vertical is None:  # output cells sit at the top of tall rows
                cell.alignment = Alignment(vertical="top")
            done[key] = cell._style
    for index, px in tab.row_heights:
        ws.row_dimensions[index + 1].height = round(px * PT_PER_PX, 2)
    if tab.tab_color:
        ws.sheet_properties.tabColor = tab.tab_color.lstrip("#").upper()
    for c, px in enumerate(tab.column_widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = px_to_width(px)
    ws.freeze_panes = f"A{tab.frozen_rows + 1}" if tab.frozen_rows else None
    for rng in tab.merges:
        ws.merge_cells(a1(rng))
    for cf in tab.conditional_formats:
        ws.conditional_formatting.add(a1(cf.range), _rule(cf))
    for chart in tab.charts:
        ws.add_chart(_chart(ws, chart), a1(Range(chart.anchor_row, chart.anchor_col)))
    _page_breaks(ws, tab.page_breaks)
    ws.protection.sheet = True  # no password: see the module docstring


def _date_kind(value: object) -> str:
    """What `write_value` styles a value by: a datetime or a date gets a number format."""
    if isinstance(value, dt.datetime):
        return "datetime"
    return "date" if isinstance(value, dt.date) else ""


def _page_breaks(ws: Any, rows: tuple[int, ...]) -> None:
    """A new printed page from each of `rows` (0-based), each page one sheet wide."""
    if not rows:
        return
    for row in rows:
        ws.row_breaks.append(Break(id=row))  # openpyxl: the break follows 1-based row `row`
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _rule(cf: ConditionalFormat) -> Rule:
    fill, font = tone_fill(cf.tone), tone_font(cf.tone, bold=cf.bold)
    if cf.kind == "text_eq":
        formula = quote_text(str(cf.value))
        return CellIsRule(operator="equal", formula=[formula], fill=fill, font=font)
    if isinstance(cf.value, str):
        raise ValueError(f"{cf.kind} needs a number, got {cf.value!r}")
    number = f"{float(cf.value):.15g}"
    return CellIsRule(operator=_OPERATORS[cf.kind], formula=[number], fill=fill, font=font)


def _reference(ws: Any, rng: Range) -> Reference:
    a1(rng)
    return Reference(
        ws, min_col=rng.col + 1, min_row=rng.row + 1, max_col=rng.end_col, max_row=rng.end_row
    )


def _chart(ws: Any, spec: Chart) -> Any:
    chart: Any = BarChart() if spec.kind == "column" else LineChart()
    if spec.kind == "column":
        chart.type = "col"
    chart.title = spec.title
    for series in spec.series:
        drawn = Series(_reference(ws, series.values), title=series.title)
        if spec.kind == "line":
            drawn.smooth = False  # straight segments: weekly points, nothing in between
        chart.series.append(drawn)
    chart.set_categories(_reference(ws, spec.categories))
    if spec.y_title:
        chart.y_axis.title = spec.y_title
    # openpyxl 3.1 marks axes as deleted by default, which hides their labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width = px_to_cm(spec.width_px)
    chart.height = px_to_cm(spec.height_px)
    return chart


def _is_ours(cf: Any, rule: Any, col: int, owned_values: frozenset[str]) -> bool:
    """Ours: `cell == "<a value our rules use>"` on ranges within that one column only."""
    if rule.type != "cellIs" or rule.operator != "equal" or len(rule.formula or ()) != 1:
        return False
    if unquote_text(str(rule.formula[0])) not in owned_values:
        return False
    return all(r.min_col == r.max_col == col + 1 for r in cf.sqref.ranges)


def _render_column(wb: Any, write: ColumnWrite, owned_values: frozenset[str]) -> None:
    if write.tab not in wb.sheetnames:
        raise WorkbookError(f"the workbook has no tab {write.tab!r} for the service's column")
    ranges = [a1(cf.range) for cf in write.conditional_formats]  # validate first
    ws = wb[write.tab]
    col = write.col + 1
    if write.header is not None:
        cell = ws.cell(row=write.header_row + 1, column=col)
        write_value(cell, write.header)
        left = ws._cells.get((write.header_row + 1, col - 1))  # no new cell on a user tab
        if left is not None:  # a new header looks like its neighbour
            cell._style = copy(left._style)
        letter = get_column_letter(col)
        if letter not in ws.column_dimensions:  # our new column: wide enough for its header
            ws.column_dimensions[letter].width = max(len(write.header) + 3, FLAG_WIDTH_CHARS)
    for i, spec in enumerate(write.values):
        cell = ws.cell(row=write.header_row + 2 + i, column=col)
        write_value(cell, spec.value)
        if spec.style is not None:
            apply_style(cell, spec.style)

    kept = ConditionalFormattingList()
    top = 0
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if not _is_ours(cf, rule, write.col, owned_values):
                kept.add(ConditionalFormatting(sqref=cf.sqref, pivot=cf.pivot), rule)
                top = max(top, rule.priority or 0)
    for i, (rng, cf_spec) in enumerate(zip(ranges, write.conditional_formats, strict=True)):
        rule = _rule(cf_spec)
        rule.priority = top + 1 + i  # after the team's rules, the same on every run
        kept.add(rng, rule)
    ws.conditional_formatting = kept
