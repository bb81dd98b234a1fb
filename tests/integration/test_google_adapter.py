"""GoogleSheetStorage and template create against the local Sheets API emulator, over HTTP."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.google.template import create_spreadsheet
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
from rolemap.errors import SheetNotFoundError, SheetsUnavailableError
from rolemap.settings import Settings
from sheets_emulator import Emulator

BOOK = "book"
FLAGS = frozenset({"STOP", "REVIEW", "СТОП", "РАЗОБРАТЬ"})
USER_RULE = {
    "ranges": [
        {
            "sheetId": 1,
            "startRowIndex": 1,
            "endRowIndex": 50,
            "startColumnIndex": 1,
            "endColumnIndex": 2,
        }
    ],
    "booleanRule": {
        "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": "Paid"}]},
        "format": {"backgroundColor": {"red": 1, "green": 1, "blue": 0}},
    },
}


def settings(emulator: Emulator, **overrides: Any) -> Settings:
    # Short bounds: a broken run fails in seconds, not minutes.
    fast = {"retry_max_seconds": 5.0, "retry_base_seconds": 0.01, "retry_cap_seconds": 0.1}
    return Settings(sheets_api_url=emulator.url, **{**fast, **overrides})


def seed(emulator: Emulator) -> None:
    emulator.seed_grid(
        BOOK,
        {
            "Settings": [["Setting", "Value"], ["Language", "en"]],
            "Channels": [
                ["Channel", "Group", "Owner", "Status"],
                ["Google Ads", "Paid", "Anna", "Active"],
                ["=IMPORTXML(1)", "Paid", "Anna", "Active"],
            ],
            "Notes": [["not ours"]],
        },
    )


def plan(lang: str = "en", title: str = "Checks", flag: str = "STOP") -> WritePlan:
    checks = OutputTab(
        key="checks",
        title=title,
        rows=(
            (Cell("Severity", Style(bold=True)), Cell("When", Style(bold=True))),
            (Cell("error"), Cell(dt.date(2026, 1, 5))),
            (Cell('=IMPORTXML("u", "//a")'), Cell(0.5)),
        ),
        column_widths=(90, 120),
        frozen_rows=1,
        merges=(Range(4, 0, 1, 2),),
        conditional_formats=(ConditionalFormat(Range(1, 0, 10), "text_eq", "error", "red", True),),
        charts=(Chart("column", "When", Range(1, 0, 2), (Series("When", Range(1, 1, 2)),), 6, 3),),
        protection_note="Rewritten on every recalculation.",
    )
    tones: tuple[tuple[str, Tone], ...] = ((flag, "red"), ("REVIEW", "amber"))
    flag_rules = tuple(
        ConditionalFormat(Range(1, 4, 100), "text_eq", value, tone, True) for value, tone in tones
    )
    write = ColumnWrite(
        tab="Channels",
        header_row=0,
        col=4,
        header="Flag (auto)",
        values=(Cell(flag), Cell(None)),
        conditional_formats=flag_rules,
    )
    return WritePlan(
        lang,  # type: ignore[arg-type]
        outputs=(checks,),
        column_writes=(write,),
        owned_rule_values=FLAGS,
    )


def tab(export: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in export["sheets"] if s["properties"]["title"] == title)


def add_user_rule(emulator: Emulator, store: GoogleSheetStorage) -> None:
    store._http.batch_update(
        BOOK, {"requests": [{"addConditionalFormatRule": {"rule": USER_RULE, "index": 0}}]}
    )


def test_read_is_two_requests_and_apply_is_one_write(emulator: Emulator) -> None:
    seed(emulator)
    store = GoogleSheetStorage(BOOK, settings(emulator))
    snapshot = store.read()
    assert set(snapshot.tabs) == {"Settings", "Channels"}
    assert snapshot.tabs["Channels"][2][0] == "=IMPORTXML(1)"
    store.apply(plan())

    log = emulator.requests_log()
    assert [e["operation"] for e in log] == [
        "spreadsheets.get",
        "spreadsheets.values.batchGet",
        "spreadsheets.batchUpdate",
    ]
    assert [e["kind"] for e in log].count("write") == 1
    assert store.requests_made == 3

    export = emulator.export(BOOK)
    checks = tab(export, "Checks")
    assert checks["values"][1] == ["error", 46027]
    assert checks["values"][2][0] == '=IMPORTXML("u", "//a")'  # text, not a formula
    assert checks["formats"]["B2"]["numberFormat"]["type"] == "DATE"
    assert tab(export, "Channels")["values"][0][4] == "Flag (auto)"
    assert tab(export, "Channels")["values"][1][4] == "STOP"
    assert tab(export, "Notes")["values"] == [["not ours"]]


def test_twice_leaves_one_set_of_rules_protections_and_charts(emulator: Emulator) -> None:
    seed(emulator)
    store = GoogleSheetStorage(BOOK, settings(emulator))
    store.read()
    store.apply(plan())
    add_user_rule(emulator, store)
    first = emulator.export(BOOK)
    for _ in range(2):
        store.read()
        store.apply(plan())
    export = emulator.export(BOOK)

    checks, before = tab(export, "Checks"), tab(first, "Checks")
    assert checks["properties"]["sheetId"] == before["properties"]["sheetId"]
    assert len(checks["conditionalFormats"]) == 1
    assert len(checks["protectedRanges"]) == 1
    assert len(checks["charts"]) == 1
    assert len(checks["merges"]) == 1
    assert checks["values"] == before["values"]
    channels = tab(export, "Channels")
    rules = channels["conditionalFormats"]
    assert USER_RULE["booleanRule"] in [r["booleanRule"] for r in rules]  # the team's rule survives
    assert len(rules) == 3  # theirs + our two
    assert channels["values"][0].count("Flag (auto)") == 1


def test_language_switch_renames_and_keeps_the_tab_id(emulator: Emulator) -> None:
    seed(emulator)
    store = GoogleSheetStorage(BOOK, settings(emulator))
    store.read()
    store.apply(plan())
    sheet_id = tab(emulator.export(BOOK), "Checks")["properties"]["sheetId"]
    store.read()
    store.apply(plan("ru", "Проверки", "СТОП"))
    export = emulator.export(BOOK)
    assert tab(export, "Проверки")["properties"]["sheetId"] == sheet_id
    assert all(s["properties"]["title"] != "Checks" for s in export["sheets"])
    channels = tab(export, "Channels")
    values = {
        r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]
        for r in channels["conditionalFormats"]
    }
    assert values == {"СТОП", "REVIEW"}


def test_429_then_success(emulator: Emulator) -> None:
    seed(emulator)
    emulator.fail_nth(1, 429)
    store = GoogleSheetStorage(BOOK, settings(emulator))
    store.read()
    assert store.requests_made == 3
    assert [e["status"] for e in emulator.requests_log()] == [429, 200, 200]


def test_a_failed_write_changes_nothing(emulator: Emulator) -> None:
    seed(emulator)
    fast = settings(
        emulator, retry_max_seconds=0.5, retry_base_seconds=0.01, retry_cap_seconds=0.05
    )
    store = GoogleSheetStorage(BOOK, fast)
    store.read()
    before = emulator.export(BOOK)
    emulator.fail_nth(1, 503, times=1000)
    with pytest.raises(SheetsUnavailableError, match="Nothing was written"):
        store.apply(plan())
    emulator.core.faults.clear()
    assert emulator.export(BOOK) == before


def test_a_dropped_write_is_rebuilt_and_resent(emulator: Emulator) -> None:
    seed(emulator)
    store = GoogleSheetStorage(BOOK, settings(emulator))
    store.read()
    emulator.inject({"reset": True})
    store.apply(plan())
    assert store.requests_made == 5  # read 2 + dropped write + re-read + write
    export = emulator.export(BOOK)
    assert len(tab(export, "Checks")["protectedRanges"]) == 1


def test_unknown_spreadsheet_is_a_clear_404(emulator: Emulator) -> None:
    with pytest.raises(SheetNotFoundError, match="nope"):
        GoogleSheetStorage("nope", settings(emulator)).read()


def test_template_create_is_one_create_and_one_batch_update(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        new_id = create_spreadsheet(
            settings(emulator), lang="ru", title="Маркетинг", share="cmo@example.com"
        )
    assert "Sharing skipped" in caplog.text
    assert [e["operation"] for e in emulator.requests_log()] == [
        "spreadsheets.create",
        "spreadsheets.batchUpdate",
    ]
    export = emulator.export(new_id)
    assert export["properties"]["title"] == "Маркетинг"
    channels = tab(export, "Каналы")
    assert channels["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert channels["values"][0][0] == "Канал"
    assert channels["notes"]["A1"]
    assert channels["dataValidations"]["B2"]["condition"]["type"] == "ONE_OF_LIST"
    weekly = tab(export, "Неделя")
    assert weekly["values"][1][0] == 46349  # 2026-11-23 as a serial


def test_russian_and_quoted_titles_are_read(emulator: Emulator) -> None:
    emulator.seed_grid(
        BOOK,
        {
            "Настройки": [["Параметр", "Значение"], ["Язык", "ru"]],
            "Стоп-правила": [["Правило"], ["Дорого"]],
            "Журнал": [["Когда"], [46027.5]],
            "Bob's notes": [["x"]],
        },
    )
    snapshot = GoogleSheetStorage(BOOK, settings(emulator)).read()
    assert snapshot.tabs == {
        "Настройки": [["Параметр", "Значение"], ["Язык", "ru"]],
        "Стоп-правила": [["Правило"], ["Дорого"]],
        "Журнал": [["Когда"], [46027.5]],
    }
