"""The whole offline path on a workbook: recalc twice, keep every user cell, both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rolemap.adapters.xlsx import XlsxStorage
from rolemap.core.model.contract import Lang, load_contract
from rolemap.pipeline import run
from tests.integration.workbooks import (
    AS_OF,
    NOW,
    cells,
    chart_counts,
    demo_workbook,
    output_titles,
    rule_counts,
)


def _recalc(path: Path, dry_run: bool = False, now: dt.datetime = NOW) -> dict:  # type: ignore[type-arg]
    return run(XlsxStorage(path), now=now, dry_run=dry_run).json


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_recalculating_twice_changes_only_run_log_and_flag_status(
    tmp_path: Path, lang: Lang
) -> None:
    book = demo_workbook(tmp_path / "demo.xlsx", lang)
    first = _recalc(book)
    after_first = cells(book)
    rules, charts = rule_counts(book), chart_counts(book)
    second = _recalc(book, now=NOW + dt.timedelta(hours=3))  # a later run, same sheet
    after_second = cells(book)

    assert first["checks"] == second["checks"]
    assert {f["status"] for f in first["flags"]} == {"new"}
    assert {f["status"] for f in second["flags"]} == {"ongoing"}
    assert rule_counts(book) == rules
    assert chart_counts(book) == charts

    contract = load_contract()
    runlog, flags = contract.output("runlog").title(lang), contract.output("flags").title(lang)
    pages = {contract.output(k).title(lang) for k in ("role_map", "channel_pages")}
    assert pages <= {tab for tab, _ in after_first}  # the role map and channel pages are compared
    status_col = "K"  # Stop flags › Status, the 11th column
    changed = {
        key
        for key in after_first.keys() | after_second.keys()
        if after_first.get(key) != after_second.get(key)
    }
    assert changed
    assert all(
        tab == runlog or (tab == flags and ref.startswith(status_col)) for tab, ref in changed
    ), changed


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_user_cell_changes_except_the_flag_column(tmp_path: Path, lang: Lang) -> None:
    book = demo_workbook(tmp_path / "demo.xlsx", lang)
    before = cells(book)
    _recalc(book)
    decisions = load_contract().tab("decisions")  # shared: its own tests guard the team's cells
    after = cells(book, skip=output_titles() | {decisions.en, decisions.ru})
    written = {tab for tab, _ in cells(book)}
    assert {load_contract().output(k).title(lang) for k in ("role_map", "channel_pages")} <= written
    flag_col = "H"  # Channels has 7 columns in the demo; the service adds the eighth
    channels = load_contract().tab("channels").title(lang)
    added = set(after.keys() - before.keys())
    assert added
    assert all(tab == channels and ref.startswith(flag_col) for tab, ref in added)
    for key, value in before.items():
        assert after[key] == value, key


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    book = demo_workbook(tmp_path / "demo.xlsx")
    before = book.read_bytes()
    payload = _recalc(book, dry_run=True)
    assert payload["dry_run"] is True
    assert book.read_bytes() == before


def test_every_planted_problem_shows_in_the_output_tabs(tmp_path: Path) -> None:
    book = demo_workbook(tmp_path / "demo.xlsx")
    payload = _recalc(book)
    codes = {c["code"] for c in payload["checks"]}
    assert {"CH-NO-OWNER", "OWN-CONFLICT", "OWN-VANITY-KPI", "REP-NO-FACT"} <= codes
    assert {(f["channel"], f["action"]) for f in payload["flags"]} >= {
        ("Yandex Direct", "stop"),
        ("E-mail newsletter", "rewrite"),
    }
    written = cells(book)
    sheet_codes = {v for (tab, _), v in written.items() if tab == "Checks"}
    assert codes <= sheet_codes
    flags_tab = {v for (tab, _), v in written.items() if tab == "Stop flags"}
    assert {"Yandex Direct", "E-mail newsletter", "Stop", "Rewrite"} <= flags_tab
    assert written[("Channels", "H1")] == "Flag (auto)"


def test_english_typed_and_russian_text_workbooks_give_the_same_numbers(tmp_path: Path) -> None:
    en = _recalc(demo_workbook(tmp_path / "en.xlsx", "en"))
    ru = _recalc(demo_workbook(tmp_path / "ru.xlsx", "ru", text_values=True))
    assert en["totals"] == ru["totals"]
    assert [c["spend"] for c in en["channels"]] == [c["spend"] for c in ru["channels"]]
    assert [c["verdict"] for c in en["channels"]] == [c["verdict"] for c in ru["channels"]]
    assert [(f["metric"], f["days_in_a_row"], f["last_value"]) for f in en["flags"]] == [
        (f["metric"], f["days_in_a_row"], f["last_value"]) for f in ru["flags"]
    ]
    assert [c["code"] for c in en["checks"]] == [c["code"] for c in ru["checks"]]
    assert en["as_of"] == ru["as_of"] == AS_OF.isoformat()
