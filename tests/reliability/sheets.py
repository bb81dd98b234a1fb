"""Shared helpers: a small demo-like sheet, cell snapshots of both backends, JSON comparison."""

from __future__ import annotations

import copy
import datetime as dt
import math
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from rolemap.core.model.contract import Lang, load_contract, normalize
from rolemap.demo import build_demo
from sheets_emulator import Emulator

AS_OF = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
VOLATILE = ("spreadsheet_id", "api_requests", "duration_ms")
Grid = list[list[Any]]

# The planted problems that matter most, on four channels: a Stop streak (Yandex Direct), a
# Rewrite (E-mail newsletter), an owner-less Telegram channel and a Scale down (VK Ads).
KEEP_CHANNELS = {
    "en": ("Yandex Direct", "E-mail newsletter", "Telegram channel", "VK Ads"),
    "ru": ("Яндекс Директ", "E-mail рассылка", "Telegram-канал", "VK Реклама"),
}
DAYS = 14
WEEKS = 3


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                pass
    return None


@cache
def _small_demo(lang: Lang, with_flag_column: bool) -> dict[str, Grid]:
    tabs = build_demo(lang, AS_OF)
    contract = load_contract()
    title = {t.key: t.title(lang) for t in contract.tabs}
    names = KEEP_CHANNELS[lang]
    present = {row[0] for row in tabs[title["channels"]][1:]}
    keep = {n for n in names if n in present} or present
    tabs[title["channels"]] = [tabs[title["channels"]][0]] + [
        r for r in tabs[title["channels"]][1:] if r[0] in keep
    ]
    first_day = AS_OF - dt.timedelta(days=DAYS - 1)
    first_week = AS_OF - dt.timedelta(days=AS_OF.weekday() + 7 * (WEEKS - 1))
    for key, since in (("daily", first_day), ("weekly", first_week)):
        grid = tabs[title[key]]
        tabs[title[key]] = [grid[0]] + [
            r for r in grid[1:] if r[1] in keep and (_as_date(r[0]) or AS_OF) >= since
        ]
    rules = tabs[title["stop_rules"]]
    tabs[title["stop_rules"]] = [rules[0]] + [r for r in rules[1:] if r[1] in keep | {"*"}]
    if with_flag_column:  # a sheet recalculated before: a stale flag column is already there
        flag = contract.tab("channels").column("flag").title(lang)
        grid = tabs[title["channels"]]
        grid[0] = [*grid[0], flag]
        stale = "СТОП" if lang == "ru" else "STOP"
        for i, row in enumerate(grid[1:]):
            row.append(stale if i % 2 == 0 else None)
    return tabs


def small_demo(lang: Lang = "en", *, with_flag_column: bool = False) -> dict[str, Grid]:
    """A fresh deep copy of the small demo sheet: 4 channels, 14 days, 3 weeks."""
    return copy.deepcopy(_small_demo(lang, with_flag_column))


def output_names() -> frozenset[str]:
    """Normalised titles of every service-written tab, both languages."""
    names: set[str] = set()
    for output in load_contract().outputs:
        names |= output.names
    return frozenset(names)


def is_output(title: str) -> bool:
    return normalize(title) in output_names()


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in VOLATILE}


def same(a: Any, b: Any) -> bool:
    """Equality where NaN equals NaN and 1 equals 1.0 (cell values of two reads)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if _number(a) and _number(b):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


# -- xlsx


def xlsx_cells(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """Every non-empty cell per tab, keyed by 0-based (row, col), as openpyxl stores it."""
    wb = load_workbook(path)
    try:
        return {
            ws.title: {
                (cell.row - 1, cell.column - 1): cell.value
                for row in ws.iter_rows()
                for cell in row
                if cell.value is not None
            }
            for ws in wb.worksheets
        }
    finally:
        wb.close()


def xlsx_data_types(path: Path) -> dict[str, dict[tuple[int, int], tuple[Any, str]]]:
    """(value, openpyxl data_type) of every non-empty cell per tab."""
    wb = load_workbook(path)
    try:
        return {
            ws.title: {
                (cell.row - 1, cell.column - 1): (cell.value, cell.data_type)
                for row in ws.iter_rows()
                for cell in row
                if cell.value is not None
            }
            for ws in wb.worksheets
        }
    finally:
        wb.close()


# -- emulator


def emulator_cells(emulator: Emulator, book: str) -> dict[str, dict[tuple[int, int], Any]]:
    """Every stored cell per tab (userEnteredValue + format + note + validation), by (row, col)."""
    with emulator.core.lock:
        sheets = emulator.core.store.get(book).sheets
        return {s.title: copy.deepcopy(dict(s.cells)) for s in sheets}


def emulator_entered(emulator: Emulator, book: str) -> dict[str, dict[tuple[int, int], Any]]:
    """The userEnteredValue of every stored cell, per tab."""
    return {
        title: {k: c.get("userEnteredValue") for k, c in cells.items() if "userEnteredValue" in c}
        for title, cells in emulator_cells(emulator, book).items()
    }


def sheet(export: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in export["sheets"] if s["properties"]["title"] == title)


def titles_of(export: dict[str, Any]) -> list[str]:
    return [s["properties"]["title"] for s in export["sheets"]]
