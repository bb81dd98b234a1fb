"""XlsxStorage: read → apply → reload, idempotence, language switch, user data preservation."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill

from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import write_grids
from rolemap.core.model.contract import Lang, load_contract
from rolemap.core.plan.model import (
    Cell,
    Chart,
    ColumnWrite,
    ConditionalFormat,
    OutputTab,
    Range,
    Series,
    Style,
    Tone,
    WritePlan,
)
from rolemap.errors import WorkbookError

FLAGS = {
    "en": ("STOP", "REWRITE", "REVIEW", "SCALE DOWN"),
    "ru": ("СТОП", "ПЕРЕПИСАТЬ", "РАЗОБРАТЬ", "СНИЗИТЬ"),
}
FLAG_COL = 7  # H: right after the seven Channels columns below
TONES: dict[str, Tone] = {"Stop": "red", "Review": "amber", "Scale": "green"}
FLAG_TONES: tuple[Tone, ...] = ("red", "amber", "amber", "yellow")
USER_TABS = ("Settings", "Channels", "Weekly")


def _title(key: str, lang: Lang) -> str:
    return load_contract().output(key).title(lang)


def _header(*titles: str) -> tuple[Cell, ...]:
    return tuple(Cell(t, Style(bold=True, tone="grey")) for t in titles)


def summary_tab(lang: Lang) -> OutputTab:
    money, pct = Style(number_format="money"), Style(number_format="percent")
    channels = [
        ("Search ads", 182_000, 61, 0.42, "Scale"),
        ("Social ads", 240_500, 23, -0.35, "Stop"),
        ("Email", 18_000, 44, 1.8, "Keep"),
        ("SEO", 95_000, 12, -0.05, "Review"),
    ]
    weeks = [
        (dt.date(2026, 11, 2) + dt.timedelta(weeks=i), 120_000 + 9_000 * i, 30 + 4 * i)
        for i in range(6)
    ]
    rows: list[tuple[Cell, ...]] = [
        (Cell(f"{_title('summary', lang)} — as of 2026-12-14", Style(bold=True, size=14)),),
        (
            Cell(
                "Decisions needed: 2 · Stop flags: 1 · Checks: 3 errors, 5 warnings",
                Style(wrap=True),
            ),
        ),
        (),
        _header("Channel", "Spend", "Leads", "ROMI", "Verdict", "Note"),
    ]
    for name, spend, leads, romi, verdict in channels:
        tone = TONES.get(verdict)
        rows.append(
            (
                Cell(name),
                Cell(spend, money),
                Cell(leads, Style(number_format="integer")),
                Cell(romi, pct),
                Cell(verdict, Style(bold=True, tone=tone) if tone else None),
                Cell("=not a formula" if name == "SEO" else None),
            )
        )
    rows += [(), _header("Week", "Spend", "Leads")]
    rows += [(Cell(w, Style(number_format="date")), Cell(s, money), Cell(n)) for w, s, n in weeks]
    n = len(channels)
    week0 = 4 + n + 2
    return OutputTab(
        key="summary",
        title=_title("summary", lang),
        rows=tuple(rows),
        column_widths=(180, 110, 80, 80, 90, 160),
        frozen_rows=1,
        merges=(Range(0, 0, 1, 6), Range(1, 0, 1, 6)),
        conditional_formats=(
            ConditionalFormat(Range(4, 3, n, 1), "number_lt", 0, "red", bold=True),
        ),
        charts=(
            Chart(
                "column",
                "Spend by channel",
                Range(4, 0, n, 1),
                (Series("Spend", Range(4, 1, n, 1)),),
                anchor_row=3,
                anchor_col=7,
                y_title="RUB",
            ),
            Chart(
                "line",
                "Leads by week",
                Range(week0, 0, len(weeks), 1),
                (Series("Leads", Range(week0, 2, len(weeks), 1)),),
                anchor_row=20,
                anchor_col=7,
            ),
        ),
        protection_note="Rolemap writes this tab",
    )


def sample_plan(lang: Lang = "en", *, log_rows: int = 1) -> WritePlan:
    stop, _, review, _ = FLAGS[lang]
    flags = OutputTab(
        key="flags",
        title=_title("flags", lang),
        frozen_rows=1,
        rows=(
            _header("Channel", "Action", "Since"),
            (Cell("Social ads"), Cell(stop), Cell(dt.date(2026, 12, 8))),
        ),
        conditional_formats=(
            ConditionalFormat(Range(1, 1, 1, 1), "text_eq", stop, "red", bold=True),
        ),
    )
    checks = OutputTab(
        key="checks",
        title=_title("checks", lang),
        rows=(
            _header("Severity", "Problem"),
            (Cell("error"), Cell("=SUM(A1:A3)")),
            (Cell("warning"), Cell("-5 is negative")),
            (Cell("info"), Cell("+7 days")),
            (Cell("info"), Cell("@team")),
        ),
        conditional_formats=(ConditionalFormat(Range(1, 0, 4, 1), "text_eq", "error", "red"),),
    )
    runlog = OutputTab(
        key="runlog",
        title=_title("runlog", lang),
        rows=(
            _header("When", "Flags"),
            *((Cell(dt.datetime(2026, 12, 14, 9, i)), Cell(1)) for i in range(log_rows)),
        ),
    )
    values = (Cell(stop), Cell(None), Cell(review))
    rules = tuple(
        ConditionalFormat(Range(1, FLAG_COL, 3, 1), "text_eq", v, t, bold=True)
        for v, t in zip(FLAGS[lang], FLAG_TONES, strict=True)
    )
    column = ColumnWrite("Channels", 0, FLAG_COL, "Flag (auto)", values, rules)
    all_flags = frozenset(FLAGS["en"] + FLAGS["ru"])
    return WritePlan(lang, (summary_tab(lang), flags, checks, runlog), (column,), all_flags)


def make_workbook(path: Path) -> Path:
    """A small team workbook with typed cells, a formula and the team's own rules."""
    write_grids(
        path,
        {
            "Settings": [
                ["Setting", "Value"],
                ["Language", "en"],
                ["As of", dt.date(2026, 12, 14)],
            ],
            "Channels": [
                [
                    "Channel",
                    "Group",
                    "Owner",
                    "Status",
                    "Monthly budget",
                    "Primary KPI",
                    "KPI target",
                ],
                ["Social ads", "Paid", "Anna", "Active", 250_000, "CPL", 900],
                ["Email", "CRM", "Oleg", "Active", 20_000, "CR", 0.05],
                ["SEO", "Site", "Ivan", "Paused", 90_000.5, "Leads", 40],
            ],
            "Weekly": [
                ["Week", "Channel", "Spend fact", "Conclusion"],
                [dt.date(2026, 12, 7), "Email", 4_500, "=looks like a formula"],
                [dt.date(2026, 12, 7), "SEO", 21_000, True],
            ],
        },
    )
    wb = load_workbook(path)
    ws = wb["Channels"]
    ws["I1"] = "=E2*2"  # a real formula of the team's, beside the flag column
    grey = PatternFill(fill_type="solid", start_color="FFDDDDDD", end_color="FFDDDDDD")
    ws.conditional_formatting.add(
        "D2:D4", CellIsRule(operator="equal", formula=['"Paused"'], fill=grey)
    )
    # On the flag column itself, but not one of our values: the team's rule, to be kept.
    ws.conditional_formatting.add(
        "H2:H4", CellIsRule(operator="equal", formula=['"CHECK"'], fill=grey)
    )
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "team.xlsx")


def _rules(ws: Any) -> list[tuple[Any, ...]]:
    out = []
    for cf in ws.conditional_formatting:
        for r in cf.rules:
            dxf = r.dxf
            out.append(
                (
                    str(cf.sqref),
                    r.type,
                    r.operator,
                    tuple(r.formula),
                    r.priority,
                    dxf.fill.fgColor.rgb if dxf and dxf.fill else None,
                    dxf.font.color.rgb if dxf and dxf.font and dxf.font.color else None,
                )
            )
    return sorted(out)


def _cells(ws: Any) -> dict[str, tuple[Any, ...]]:
    return {
        c.coordinate: (c.value, c.data_type, c.number_format, c.font.b, c.fill.fgColor.rgb)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.has_style
    }


def state(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    return {
        ws.title: {
            "cells": _cells(ws),
            "rules": _rules(ws),
            "charts": len(ws._charts),
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "frozen": ws.freeze_panes,
            "protected": ws.protection.sheet,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "validations": len(ws.data_validations.dataValidation),
        }
        for ws in wb.worksheets
    }


def test_round_trip_reads_values_and_writes_every_output_tab(book: Path) -> None:
    storage = XlsxStorage(book)
    snap = storage.read()
    assert snap.source == book.name  # the workbook's name is its spreadsheet_id in the JSON
    assert snap.tabs["Channels"][1] == ["Social ads", "Paid", "Anna", "Active", 250_000, "CPL", 900]
    assert snap.tabs["Channels"][3][4] == 90_000.5
    assert snap.tabs["Weekly"][1][0] == dt.datetime(
        2026, 12, 7
    )  # openpyxl reads dates as datetimes
    assert snap.tabs["Weekly"][2][3] is True
    assert snap.tabs["Weekly"][1][3] == "=looks like a formula"

    storage.apply(sample_plan("en"))
    assert storage.requests_made == 0
    again = XlsxStorage(book).read()
    assert list(again.tabs)[:3] == list(USER_TABS)
    assert list(again.tabs)[3:] == ["CMO summary", "Stop flags", "Checks", "Run log"]
    assert again.tabs["Stop flags"][1] == ["Social ads", "STOP", dt.datetime(2026, 12, 8)]
    assert [row[FLAG_COL] if len(row) > FLAG_COL else None for row in again.tabs["Channels"]] == [
        "Flag (auto)",
        "STOP",
        None,
        "REVIEW",
    ]

    wb = load_workbook(book)
    summary = wb["CMO summary"]
    assert summary.freeze_panes == "A2"
    assert summary.protection.sheet is True
    assert not summary.protection.password
    assert len(summary._charts) == 2
    assert "A1:F1" in {str(m) for m in summary.merged_cells.ranges}
    assert summary["B5"].number_format == "#,##0"
    assert summary["D5"].number_format == "0.0%"
    assert summary["E6"].fill.fgColor.rgb == "FFF4C7C3"
    assert summary["E6"].font.color.rgb == "FF9C0006"
    assert summary.column_dimensions["A"].width == pytest.approx(180 / 7, abs=0.01)
    assert wb["Run log"]["A2"].is_date
    assert wb["Run log"]["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert wb["Channels"]["H1"].font.b  # the new header copies its neighbour's look


def test_formula_looking_strings_stay_text(book: Path) -> None:
    XlsxStorage(book).apply(sample_plan("en"))
    wb = load_workbook(book)
    checks = wb["Checks"]
    for coord, text in (
        ("B2", "=SUM(A1:A3)"),
        ("B3", "-5 is negative"),
        ("B4", "+7 days"),
        ("B5", "@team"),
    ):
        assert checks[coord].data_type == "s"
        assert checks[coord].value == text
    assert wb["CMO summary"]["F8"].data_type == "s"
    assert wb["Weekly"]["D2"].data_type == "s"  # write_grids is just as careful


def test_apply_twice_does_not_pile_up_conditional_formats_charts_or_merges(book: Path) -> None:
    XlsxStorage(book).apply(sample_plan("en"))
    first = state(book)
    XlsxStorage(book).apply(sample_plan("en"))
    second = state(book)
    assert second == first
    assert len(second["Channels"]["rules"]) == 2 + 4
    assert second["CMO summary"]["charts"] == 2


def test_shorter_output_leaves_no_stale_rows(book: Path) -> None:
    XlsxStorage(book).apply(sample_plan("en", log_rows=5))
    XlsxStorage(book).apply(sample_plan("en", log_rows=2))
    assert len(XlsxStorage(book).read().tabs["Run log"]) == 3


def test_language_switch_renames_output_tabs_in_place(book: Path) -> None:
    XlsxStorage(book).apply(sample_plan("en"))
    wb = load_workbook(book)
    wb.create_sheet("Notes")["A1"] = "the team's own tab, after ours"
    wb.save(book)

    XlsxStorage(book).apply(sample_plan("ru"))
    names = load_workbook(book).sheetnames
    assert names == [*USER_TABS, "Сводка CMO", "Стоп-флаги", "Проверки", "Журнал", "Notes"]
    snap = XlsxStorage(book).read()
    assert [row[FLAG_COL] for row in snap.tabs["Channels"][1:4:2]] == ["СТОП", "РАЗОБРАТЬ"]
    # The English flag rules were ours too: replaced, not piled up.
    rules = state(book)["Channels"]["rules"]
    assert len(rules) == 6
    assert not any('"STOP"' in r[3] for r in rules)


def test_team_rules_on_channels_survive(book: Path) -> None:
    XlsxStorage(book).apply(sample_plan("en"))
    XlsxStorage(book).apply(sample_plan("en"))
    formulas = {r[3][0]: r[0] for r in state(book)["Channels"]["rules"]}
    assert formulas['"Paused"'] == "D2:D4"
    assert formulas['"CHECK"'] == "H2:H4"
    assert formulas['"STOP"'] == "H2:H4"


def test_user_cells_unchanged_except_the_flag_column(book: Path) -> None:
    before = state(book)
    XlsxStorage(book).apply(sample_plan("en"))
    XlsxStorage(book).apply(sample_plan("ru"))
    after = state(book)
    for title in USER_TABS:
        old = before[title]["cells"]
        new = {
            k: v
            for k, v in after[title]["cells"].items()
            if not (title == "Channels" and k[0] == "H")
        }
        assert new == {k: v for k, v in old.items() if not (title == "Channels" and k[0] == "H")}
        widths = dict(after[title]["widths"])
        if title == "Channels":  # our new column gets a width; the team's keep theirs
            assert widths.pop("H") == 14
        assert widths == before[title]["widths"]
        assert after[title]["frozen"] == before[title]["frozen"]
    assert after["Channels"]["cells"]["I1"][:2] == ("=E2*2", "f")


def test_formula_without_cached_value_reads_as_its_text(book: Path) -> None:
    # openpyxl saved the formula without a result, so there is nothing else to report.
    assert XlsxStorage(book).read().tabs["Channels"][0][8] == "=E2*2"


def test_invalid_plan_leaves_the_file_unchanged(book: Path) -> None:
    original = book.read_bytes()
    bad = sample_plan("en")
    broken = OutputTab(
        "checks", "Checks", ((Cell("x"),),), merges=(Range(0, 0, 1, 2), Range(-1, 0))
    )
    plan = WritePlan("en", (bad.outputs[0], broken), bad.column_writes, bad.owned_rule_values)
    with pytest.raises(ValueError, match="invalid range"):
        XlsxStorage(book).apply(plan)
    assert book.read_bytes() == original


def test_failed_save_leaves_the_file_unchanged_and_no_temp_file(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = book.read_bytes()

    def broken_save(self: Any, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(WorkbookError, match="cannot save"):
        XlsxStorage(book).apply(sample_plan("en"))
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["team.xlsx"]


def test_missing_file_is_a_workbook_error(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="no such file"):
        XlsxStorage(tmp_path / "nope.xlsx").read()


def test_unreadable_file_is_a_workbook_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip")
    with pytest.raises(WorkbookError, match="not a readable"):
        XlsxStorage(junk).read()


def test_file_open_in_libreoffice_is_refused(book: Path) -> None:
    (book.parent / f".~lock.{book.name}#").write_text("someone")
    original = book.read_bytes()
    with pytest.raises(WorkbookError, match="open in another program"):
        XlsxStorage(book).apply(sample_plan("en"))
    assert book.read_bytes() == original


def test_apply_keeps_file_permissions(book: Path) -> None:
    book.chmod(0o640)
    XlsxStorage(book).apply(sample_plan("en"))
    assert book.stat().st_mode & 0o777 == 0o640


def test_sample_workbook_for_rendering(book: Path, tmp_path: Path) -> None:
    """Leaves `rendered.xlsx` for `bench/render_png.sh` when RENDER_DIR is set (manual check)."""
    XlsxStorage(book).apply(sample_plan("en"))
    target = Path(__import__("os").environ.get("RENDER_DIR", tmp_path)) / "rendered.xlsx"
    shutil.copy(book, target)
    assert target.exists()
