"""The baseline: the idiomatic gspread script an engineer would write for the same job.

gspread-dataframe reads each tab into a DataFrame and writes each output tab back;
gspread-formatting adds the conditional formats, the bold header and the frozen row. The
numbers come from OUR core (the DataFrames are fed back as grids), so both paths compute the
same outputs and only the I/O differs.

It is a conservative baseline: one `worksheets()` listing instead of `worksheet(title)` per tab,
and it skips what Rolemap also writes in its single batchUpdate (per-cell colours and number
formats, merges, column widths, charts, protections). A complete script would only send more.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import gspread
import pandas as pd
from gspread.utils import rowcol_to_a1
from gspread_dataframe import get_as_dataframe, set_with_dataframe
from gspread_formatting import (
    BooleanCondition,
    BooleanRule,
    CellFormat,
    Color,
    ConditionalFormatRule,
    GridRange,
    TextFormat,
    format_cell_range,
    get_conditional_format_rules,
    set_frozen,
)

from clock import NOW
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.plan.build import build_plan
from rolemap.core.plan.model import TONE_COLORS, ConditionalFormat, OutputTab, WritePlan
from rolemap.core.plan.tables import RunInfo
from rolemap.core.recalc import recalculate_snapshot

INPUT_TABS = ("Settings", "Roles", "Channels", "Daily", "Weekly", "Stop rules")
READ_BACK = ("Stop flags", "Run log")  # earlier outputs the core reads back, when present


def frame_to_grid(df: pd.DataFrame) -> Grid:
    """A DataFrame back into rows: header first, NaN as an empty cell."""

    def cell(value: Any) -> Any:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return value.item() if hasattr(value, "item") else value

    header = [None if str(c).startswith("Unnamed:") else c for c in df.columns]
    return [header, *([cell(v) for v in row] for row in df.itertuples(index=False))]


def read_frames(sheet: gspread.Spreadsheet) -> dict[str, pd.DataFrame]:
    worksheets = {ws.title: ws for ws in sheet.worksheets()}
    return {
        title: get_as_dataframe(worksheets[title], evaluate_formulas=True)
        for title in (*INPUT_TABS, *READ_BACK)
        if title in worksheets
    }


def _rule(cf: ConditionalFormat, ws: gspread.Worksheet) -> ConditionalFormatRule:
    first = rowcol_to_a1(cf.range.row + 1, cf.range.col + 1)
    last = rowcol_to_a1(cf.range.end_row, cf.range.end_col)
    background, text = TONE_COLORS[cf.tone]
    kind = {
        "text_eq": "TEXT_EQ",
        "number_lt": "NUMBER_LESS",
        "number_gte": "NUMBER_GREATER_THAN_EQ",
    }
    return ConditionalFormatRule(
        ranges=[GridRange.from_a1_range(f"{first}:{last}", ws)],
        booleanRule=BooleanRule(
            condition=BooleanCondition(kind[cf.kind], [str(cf.value)]),
            format=CellFormat(
                backgroundColor=Color.fromHex(background),
                textFormat=TextFormat(bold=cf.bold, foregroundColor=Color.fromHex(text)),
            ),
        ),
    )


def write_output(sheet: gspread.Spreadsheet, existing: dict[str, Any], tab: OutputTab) -> None:
    ws = existing.get(tab.title)
    if ws is None:
        ws = sheet.add_worksheet(tab.title, rows=max(len(tab.rows), 1), cols=max(tab.n_cols, 1))
    ws.clear()
    width = max(tab.n_cols, 1)
    values = [[c.value for c in row] + [None] * (width - len(row)) for row in tab.rows]
    frame = pd.DataFrame(values[1:], columns=[str(v or "") for v in values[0]])
    set_with_dataframe(ws, frame, resize=True)
    format_cell_range(ws, "1:1", CellFormat(textFormat=TextFormat(bold=True)))
    if tab.frozen_rows:
        set_frozen(ws, rows=tab.frozen_rows)
    if tab.conditional_formats:
        rules = get_conditional_format_rules(ws)
        rules.clear()
        rules.extend(_rule(cf, ws) for cf in tab.conditional_formats)
        rules.save()


def write_flags(sheet: gspread.Spreadsheet, existing: dict[str, Any], plan: WritePlan) -> None:
    for write in plan.column_writes:
        ws = existing[write.tab]
        if write.col >= ws.col_count:
            ws.add_cols(write.col + 1 - ws.col_count)
        column = [[write.header]] if write.header else []
        column += [[_plain(c.value)] for c in write.values]
        top = write.header_row + (1 if write.header else 2)
        start = rowcol_to_a1(top, write.col + 1)
        end = rowcol_to_a1(top + len(column) - 1, write.col + 1)
        ws.update(column, f"{start}:{end}")
        if write.conditional_formats:
            # Replace only the rules on the flag column; the user's own rules stay.
            rules = get_conditional_format_rules(ws)
            keep = [r for r in rules if r.ranges[0].startColumnIndex != write.col]
            rules.clear()
            rules.extend([*keep, *(_rule(cf, ws) for cf in write.conditional_formats)])
            rules.save()


def _plain(value: object) -> object:
    """What a usual script sends: dates as ISO text, empties as ""."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def add_shared_tabs(sheet: gspread.Spreadsheet, existing: dict[str, Any], plan: WritePlan) -> None:
    """`Decisions`, when a run first proposes something: a new worksheet with its header."""
    for shared in plan.shared_tabs:
        title = shared.layout.title
        if title not in existing:
            columns = [c.title for c in shared.layout.columns]
            existing[title] = sheet.add_worksheet(title, rows=1000, cols=max(len(columns), 26))
            existing[title].update([columns], "A1")


def run_baseline(client: gspread.Client, spreadsheet_id: str) -> WritePlan:
    """Read with get_as_dataframe, compute with our core, write with set_with_dataframe."""
    sheet = client.open_by_key(spreadsheet_id)
    frames = read_frames(sheet)
    snapshot = Snapshot(tabs={t: frame_to_grid(df) for t, df in frames.items()})
    result = recalculate_snapshot(snapshot, today=NOW.date(), as_of=None)
    plan = build_plan(result, RunInfo(NOW, "", 0, "write"))
    existing = {ws.title: ws for ws in sheet.worksheets()}
    for tab in plan.outputs:
        write_output(sheet, existing, tab)
    add_shared_tabs(sheet, existing, plan)
    write_flags(sheet, existing, plan)
    return plan


def main() -> None:
    """`python bench/baseline.py API_URL SPREADSHEET_ID`: the baseline as a whole process."""
    import sys

    from rolemap.adapters.google.session import RedirectingSession

    api_url, spreadsheet_id = sys.argv[1:3]
    client = gspread.Client(auth=None, session=RedirectingSession(api_url))  # type: ignore[arg-type]
    run_baseline(client, spreadsheet_id)


if __name__ == "__main__":
    main()
