# mypy: disable-error-code="list-item,arg-type,operator,type-var,unused-ignore,attr-defined"
# (hand-typed grids and exports: lists of str where the API takes any cell value)
"""Raw tabs named in Sources feed Daily: the same results as typing the numbers, both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import write_grids
from rolemap.core.model.snapshot import Grid
from rolemap.demo import build_large
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.integration.workbooks import NOW, cells

AS_OF = dt.date(2026, 11, 25)
COMPARED = ("as_of", "flags", "checks", "totals", "channels")
SOURCES_HEADER = ["Tab", "Preset", "Channel", "Campaign contains", "Sales column"]


def typed_book() -> dict[str, Grid]:
    tabs = build_large(4, 28, AS_OF)
    # Rules that fire on these numbers, so equal flags mean something.
    tabs["Stop rules"] += [
        ["Big spend day", "*", "Spend", ">", 15000, 1, 0, "Review"],
        ["Clicks cost too much", "*", "CPA", ">", 1500, 2, 0, "Scale down"],
    ]
    return tabs


def _split(value: int) -> tuple[int, int]:
    """One day's number as two campaigns' numbers, summing back exactly."""
    return value // 2, value - value // 2


def sourced_book() -> dict[str, Grid]:
    """The typed book with Daily emptied and its rows in a Google Ads and a Yandex Direct tab."""
    tabs = typed_book()
    header, *rows = tabs["Daily"]
    col = {name: header.index(name) for name in header}
    google: Grid = [
        ["Campaign report"],
        ["October 29, 2026 - November 25, 2026"],
        ["Day", "Campaign", "Currency code", "Cost", "Impr.", "Clicks", "Conversions",
         "Purchases", "Conv. value"],
    ]  # fmt: skip
    yandex: Grid = [
        ["Статистика по кампаниям"],
        ["Дата", "Кампания", "Показы", "Клики", "Расход (руб.)", "Конверсии", "Продажи",
         "Доход (руб.)"],
    ]  # fmt: skip
    metrics = ("Spend", "Impressions", "Clicks", "Leads", "Sales", "Revenue")
    for row in rows:
        day: dt.date = row[col["Date"]]  # type: ignore[assignment]
        channel = str(row[col["Channel"]])
        code = "c" + channel[-3:]  # "Channel 001" → campaigns "c001 …"
        halves = [_split(int(row[col[m]])) for m in metrics]  # type: ignore[call-overload]
        for part, suffix in enumerate(("brand", "generic")):
            spend, impr, clicks, leads, sales, revenue = (h[part] for h in halves)
            if channel in ("Channel 001", "Channel 002"):
                google.append([day.isoformat(), f"{code} | {suffix}", "RUB", spend, impr,
                               clicks, leads, sales, revenue])  # fmt: skip
            else:
                yandex.append([day.strftime("%d.%m.%Y"), f"{code.upper()} {suffix}", impr,
                               clicks, spend, leads, sales, revenue])  # fmt: skip
    google.append(["Total: Account", "--", "RUB", 1, 1, 1, 1, 1, 1])
    yandex.append(["Итого", "", 1, 1, 1, 1, 1, 1])
    tabs["Daily"] = [header]
    tabs["Google Ads export"] = google
    tabs["Директ"] = yandex
    tabs["Sources"] = [
        SOURCES_HEADER,
        ["Google Ads export", "Google Ads", "", "c001=Channel 001; c002=Channel 002", "Purchases"],
        ["Директ", "Yandex Direct", "Channel 003", "c003", "Продажи"],
        ["директ", "", "Channel 004", "", ""],  # the rest of the tab: a catch-all row
    ]
    return tabs


def _compared(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: payload[k] for k in COMPARED}


def _xlsx(tmp_path: Path, name: str, tabs: dict[str, Grid]) -> dict[str, Any]:
    path = tmp_path / f"{name}.xlsx"
    write_grids(path, tabs)
    return run(XlsxStorage(path), now=NOW, dry_run=True).json


def _google(emulator: Emulator, name: str, tabs: dict[str, Grid]) -> dict[str, Any]:
    emulator.seed_grid(name, tabs)
    emulator.clear_log()
    storage = GoogleSheetStorage(name, Settings(sheets_api_url=emulator.url))
    payload = run(storage, now=NOW).json
    assert [r["operation"] for r in emulator.requests_log()] == [
        "spreadsheets.get",
        "spreadsheets.values.batchGet",
        "spreadsheets.batchUpdate",
    ]
    return payload


def test_raw_tabs_give_the_same_results_as_typed_daily_in_a_workbook(tmp_path: Path) -> None:
    typed = _xlsx(tmp_path, "typed", typed_book())
    sourced = _xlsx(tmp_path, "sourced", sourced_book())
    assert typed["flags"]  # the comparison means something: rules fire on these numbers
    assert _compared(sourced) == _compared(typed)


def test_raw_tabs_give_the_same_results_as_typed_daily_on_google(emulator: Emulator) -> None:
    typed = _google(emulator, "typed", typed_book())
    sourced = _google(emulator, "sourced", sourced_book())
    assert _compared(sourced) == _compared(typed)
    assert sourced["api_requests"] == 3


def test_xlsx_and_google_agree_on_a_sourced_sheet(tmp_path: Path, emulator: Emulator) -> None:
    assert _compared(_xlsx(tmp_path, "s", sourced_book())) == _compared(
        _google(emulator, "s", sourced_book())
    )


def test_a_channel_typed_and_sourced_on_the_same_day_counts_once_with_a_warning(
    tmp_path: Path,
) -> None:
    typed = _xlsx(tmp_path, "typed", typed_book())
    tabs = sourced_book()
    daily = typed_book()["Daily"]
    tabs["Daily"] = [daily[0], *[r for r in daily[1:] if r[1] == "Channel 001"][:3]]
    both = _xlsx(tmp_path, "both", tabs)
    assert both["totals"] == typed["totals"]
    double = [c for c in both["checks"] if c["code"] == "SRC-DOUBLE-FEED"]
    assert len(double) == 1
    assert "Channel 001" in double[0]["message"]
    assert "3 days" in double[0]["message"]


def test_bad_source_cells_become_checks_naming_the_raw_tab_and_cell(tmp_path: Path) -> None:
    tabs = sourced_book()
    tabs["Google Ads export"][4][3] = "lots"
    tabs["Sources"].append(["Missing tab", "Google Ads", "Channel 001", "", ""])
    tabs["Sources"].append(["Директ", "TikTok", "Channel 001", "", ""])
    payload = _xlsx(tmp_path, "bad", tabs)
    by_code = {c["code"]: c for c in payload["checks"]}
    bad = by_code["DATA-BAD-NUMBER"]
    assert bad["tab"] == "Google Ads export"
    assert "'Google Ads export'!D5" in bad["message"]
    assert "Sources!A5" in by_code["SRC-UNKNOWN-TAB"]["message"]


def test_campaigns_no_rule_takes_are_reported_once_per_tab(tmp_path: Path) -> None:
    tabs = sourced_book()
    tabs["Sources"][1][3] = "c001=Channel 001"  # Channel 002's campaigns now match nothing
    payload = _xlsx(tmp_path, "lost", tabs)
    lost = [c for c in payload["checks"] if c["code"] == "SRC-UNMAPPED-CAMPAIGN"]
    assert len(lost) == 1
    assert "c002 | brand" in lost[0]["message"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_source_checks_speak_the_sheets_language(tmp_path: Path, lang: str) -> None:
    tabs = sourced_book()
    tabs["Sources"][1][0] = "Nope"
    if lang == "ru":
        settings = tabs["Settings"]
        tabs["Settings"] = [settings[0], *[r if r[0] != "Language" else [r[0], "ru"]
                                           for r in settings[1:]]]  # fmt: skip
    payload = _xlsx(tmp_path, f"lang-{lang}", tabs)
    check = next(c for c in payload["checks"] if c["code"] == "SRC-UNKNOWN-TAB")
    assert ("которой нет" in check["message"]) == (lang == "ru")


def test_a_recalculation_never_writes_the_raw_tabs(tmp_path: Path, emulator: Emulator) -> None:
    path = tmp_path / "raw.xlsx"
    write_grids(path, sourced_book())
    raw = {"Google Ads export", "Директ", "Sources"}
    before = {k: v for k, v in cells(path).items() if k[0] in raw}
    run(XlsxStorage(path), now=NOW)
    assert {k: v for k, v in cells(path).items() if k[0] in raw} == before

    emulator.seed_grid("raw", sourced_book())
    seeded = {s["properties"]["title"]: s["values"] for s in emulator.export("raw")["sheets"]}
    run(GoogleSheetStorage("raw", Settings(sheets_api_url=emulator.url)))
    after = {s["properties"]["title"]: s["values"] for s in emulator.export("raw")["sheets"]}
    assert {t: after[t] for t in raw} == {t: seeded[t] for t in raw}


def test_a_russian_sources_tab_reads_the_same(tmp_path: Path) -> None:
    tabs = sourced_book()
    rows = tabs.pop("Sources")
    tabs["Источники"] = [
        ["Вкладка", "Шаблон выгрузки", "Канал", "Кампания содержит", "Столбец продаж"],
        *rows[1:],
    ]
    tabs["Источники"][2][1] = "Яндекс Директ"
    assert _compared(_xlsx(tmp_path, "ru", tabs)) == _compared(_xlsx(tmp_path, "en", typed_book()))
