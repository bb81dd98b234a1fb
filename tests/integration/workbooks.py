"""Helpers for workbook-level tests: demo workbooks on disk and every cell of a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from rolemap.adapters.xlsx_template import write_grids
from rolemap.core.model.contract import Lang, load_contract
from rolemap.demo import build_demo

AS_OF = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def demo_workbook(path: Path, lang: Lang = "en", **options: Any) -> Path:
    write_grids(path, build_demo(lang, AS_OF, **options))
    return path


def output_titles() -> set[str]:
    return {o.title(lang) for o in load_contract().outputs for lang in ("en", "ru")}


def cells(path: Path, *, skip: set[str] = frozenset()) -> dict[tuple[str, str], Any]:  # type: ignore[assignment]
    """Every non-empty cell value, keyed by (tab, coordinate)."""
    wb = load_workbook(path)
    try:
        return {
            (ws.title, cell.coordinate): cell.value
            for ws in wb.worksheets
            if ws.title not in skip
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        }
    finally:
        wb.close()


def rule_counts(path: Path) -> dict[str, int]:
    wb = load_workbook(path)
    try:
        return {
            ws.title: sum(len(cf.rules) for cf in ws.conditional_formatting) for ws in wb.worksheets
        }
    finally:
        wb.close()


def chart_counts(path: Path) -> dict[str, int]:
    wb = load_workbook(path)
    try:
        return {ws.title: len(ws._charts) for ws in wb.worksheets}
    finally:
        wb.close()
