"""The xlsx and Google backends on the same workbook: same JSON, same output tabs, 3 requests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.google.values import serial_to_datetime
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.core.model.contract import Lang, load_contract
from rolemap.demo import build_large
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.integration.workbooks import NOW, demo_workbook

VOLATILE = ("spreadsheet_id", "api_requests", "duration_ms")


def _google(emulator: Emulator, sheet_id: str) -> GoogleSheetStorage:
    return GoogleSheetStorage(sheet_id, Settings(sheets_api_url=emulator.url))


def _stable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in VOLATILE}


def _xlsx_outputs(path: Path, titles: list[str]) -> dict[str, list[list[Any]]]:
    wb = load_workbook(path)
    try:
        return {
            title: [[c.value for c in row] for row in wb[title].iter_rows()] for title in titles
        }
    finally:
        wb.close()


def _normalise(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empties; dates as datetimes; numbers as floats: how both backends compare."""
    out = []
    for row in rows:
        cells = [None if v == "" else v for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        out.append(
            [
                float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                for v in cells
            ]
        )
    while out and not out[-1]:
        out.pop()
    return out


def _google_outputs(
    emulator: Emulator, sheet_id: str, titles: list[str], date_cols: dict[str, set[int]]
) -> dict[str, list[list[Any]]]:
    sheets = {s["properties"]["title"]: s for s in emulator.export(sheet_id)["sheets"]}
    result = {}
    for title in titles:
        rows = [list(r) for r in sheets[title]["values"]]
        for r, row in enumerate(rows[1:], 1):
            for c in date_cols.get(title, set()):
                if c < len(row) and isinstance(row[c], int | float):
                    rows[r][c] = serial_to_datetime(row[c])
        result[title] = rows
    return result


def _dates_where_xlsx_has_dates(ours: list[list[Any]], theirs: list[list[Any]]) -> None:
    """Sheets stores a date as a serial number; read it back as one where xlsx holds a date."""
    for mine, row in zip(ours, theirs, strict=False):
        for c, (a, b) in enumerate(zip(mine, row, strict=False)):
            if isinstance(a, dt.datetime) and isinstance(b, int | float):
                row[c] = serial_to_datetime(b)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xlsx_and_google_give_the_same_json_and_output_tabs(
    tmp_path: Path, emulator: Emulator, lang: Lang
) -> None:
    book = demo_workbook(tmp_path / "book.xlsx", lang)
    emulator.seed_xlsx("parity", book)
    local = run(XlsxStorage(book), now=NOW).json
    remote = run(_google(emulator, "parity"), now=NOW).json
    assert _stable(local) == _stable(remote)
    assert remote["api_requests"] == 3

    contract = load_contract()
    flags, checks = contract.output("flags").title(lang), contract.output("checks").title(lang)
    runlog = contract.output("runlog").title(lang)
    summary = contract.output("summary").title(lang)
    role_map = contract.output("role_map").title(lang)
    pages = contract.output("channel_pages").title(lang)
    titles = [summary, role_map, pages, flags, checks, runlog]
    date_cols = {flags: {7}, runlog: {0, 6}}
    ours = {t: _normalise(rows) for t, rows in _xlsx_outputs(book, titles).items()}
    theirs = {
        t: _normalise(rows)
        for t, rows in _google_outputs(emulator, "parity", titles, date_cols).items()
    }
    _dates_where_xlsx_has_dates(ours[flags], theirs[flags])  # the backtest block's dates
    for rows in (ours[runlog], theirs[runlog]):
        for row in rows[1:]:
            row[2] = None  # the run's duration is the one cell that differs by nature
    assert ours == theirs
    assert len(ours[role_map]) > 10  # the new tabs are really there
    assert len(ours[pages]) > 100


@pytest.mark.parametrize(("channels", "days"), [(1, 10), (20, 500)])
def test_a_recalculation_costs_three_requests_whatever_the_size(
    emulator: Emulator, channels: int, days: int
) -> None:
    tabs = build_large(channels, days, dt.date(2026, 11, 25))
    daily_rows = len(next(rows for title, rows in tabs.items() if title == "Daily")) - 1
    assert daily_rows == channels * days  # 10 and 10,000 daily rows
    emulator.seed_grid("big", tabs)
    emulator.clear_log()
    run(_google(emulator, "big"), now=NOW)
    log = emulator.requests_log()
    assert [r["operation"] for r in log] == [
        "spreadsheets.get",
        "spreadsheets.values.batchGet",
        "spreadsheets.batchUpdate",
    ]
    assert [r["kind"] for r in log].count("write") == 1
