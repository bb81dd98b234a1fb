"""`Role map` and `Channel pages` on both backends: rewritten in place, never piled up, renamed on a
language switch with the same gid, and page breaks in xlsx only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.core.model.contract import load_contract
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.integration.workbooks import NOW, demo_workbook

KEYS = ("role_map", "channel_pages")


def _sheets(emulator: Emulator, book: str) -> dict[str, dict[str, Any]]:
    return {s["properties"]["title"]: s for s in emulator.export(book)["sheets"]}


def _facts(sheet: dict[str, Any]) -> tuple[Any, ...]:
    ours = [p for p in sheet.get("protectedRanges", []) if p["description"].startswith("Rolemap")]
    return (sheet["properties"]["sheetId"], sheet["values"], len(sheet.get("merges", [])), ours)


def _set_language(store: GoogleSheetStorage, emulator: Emulator, book: str, lang: str) -> None:
    settings = _sheets(emulator, book)["Settings"]
    row = next(i for i, r in enumerate(settings["values"]) if r and r[0] == "Language")
    cell = {"userEnteredValue": {"stringValue": lang}}
    start = {"sheetId": settings["properties"]["sheetId"], "rowIndex": row, "columnIndex": 1}
    body = {"rows": [{"values": [cell]}], "fields": "userEnteredValue", "start": start}
    store._http.batch_update(book, {"requests": [{"updateCells": body}]})


def test_google_rewrites_the_new_tabs_in_place_and_renames_them_on_a_language_switch(
    tmp_path: Path, emulator: Emulator
) -> None:
    emulator.seed_xlsx("book", demo_workbook(tmp_path / "book.xlsx", "en"))
    store = GoogleSheetStorage("book", Settings(sheets_api_url=emulator.url))
    contract = load_contract()
    en = [contract.output(k).en for k in KEYS]
    ru = [contract.output(k).ru for k in KEYS]

    run(store, now=NOW)
    first = {t: _facts(s) for t, s in _sheets(emulator, "book").items() if t in en}
    run(store, now=NOW + dt.timedelta(hours=1))
    second = {t: _facts(s) for t, s in _sheets(emulator, "book").items() if t in en}
    assert list(first) == en
    assert first == second  # same gid, same cells, merges and one protection: nothing piles up
    assert all(len(facts[3]) == 1 for facts in second.values())

    _set_language(store, emulator, "book", "ru")
    run(store, now=NOW + dt.timedelta(hours=2))
    after = _sheets(emulator, "book")
    assert not set(en) & set(after)
    for old, new in zip(en, ru, strict=True):
        assert after[new]["properties"]["sheetId"] == first[old][0]
    assert after[ru[0]]["values"][0][0] == ru[0]  # the role map's title speaks Russian now


def test_xlsx_channel_pages_break_before_every_channel_but_the_first_and_keep_them_on_rerun(
    tmp_path: Path,
) -> None:
    book = demo_workbook(tmp_path / "book.xlsx", "ru")
    title = load_contract().output("channel_pages").ru
    for hour in (0, 1):
        run(XlsxStorage(book), now=NOW + dt.timedelta(hours=hour))
        wb = load_workbook(book)
        try:
            ws = wb[title]
            breaks = [b.id for b in ws.row_breaks.brk]
            names = [c.value for c in ws["A"] if c.font.sz and c.font.sz >= 14]
            starts = [c.row for c in ws["A"] if c.font.sz and c.font.sz >= 14]
        finally:
            wb.close()
        assert len(names) == 8  # one block per channel of the demo
        assert breaks == [row - 1 for row in starts[1:]]  # each block starts a printed page
