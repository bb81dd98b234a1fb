"""Seeding the emulator from an .xlsx workbook, read back through gspread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import gspread
import openpyxl
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from sheets_emulator import Emulator


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daily"
    ws.append(["Date", "Channel", "Spend", "Active", "Total"])
    ws.append([dt.date(2026, 11, 25), "Email", 120.5, True, "=C2*2"])
    ws.append([dt.datetime(2026, 11, 26, 12, 0), None, 3, False, None])
    ws["B3"].value = "=IMPORTXML(1)"
    ws["B3"].data_type = "s"  # text that merely looks like a formula
    ws["B1"].comment = Comment("Channel name", "me")
    ws.freeze_panes = "A2"
    dv = DataValidation(type="list", formula1='"Email,Ads"', showErrorMessage=True)
    ws.add_data_validation(dv)
    dv.add("B2:B3")
    other = wb.create_sheet("Стоп-правила")
    other.append(["Правило", "Порог"])
    other.merge_cells("A3:B3")
    target = path / "seed.xlsx"
    wb.save(target)
    return target


def test_seeded_xlsx_reads_back_with_serial_dates_and_formulas(
    emulator: Emulator, emulator_client: gspread.Client, tmp_path: Path
) -> None:
    emulator.seed_xlsx("acc", _workbook(tmp_path))
    book = emulator_client.open_by_key("acc")

    unformatted = book.values_get("Daily", params={"valueRenderOption": "UNFORMATTED_VALUE"})[
        "values"
    ]
    formulas = book.values_get("Daily!E2:E2", params={"valueRenderOption": "FORMULA"})["values"]

    assert [ws.title for ws in book.worksheets()] == ["Daily", "Стоп-правила"]
    assert unformatted == [
        ["Date", "Channel", "Spend", "Active", "Total"],
        # openpyxl writes no cached formula results, so E2 has no computed value.
        [46351, "Email", 120.5, True],
        [46352.5, "=IMPORTXML(1)", 3, False],
    ]
    assert formulas == [["=C2*2"]]


def test_seeded_xlsx_keeps_notes_validations_frozen_rows_and_merges(
    emulator: Emulator, emulator_client: gspread.Client, tmp_path: Path
) -> None:
    emulator.seed_xlsx("acc", _workbook(tmp_path))

    state = emulator.export("acc")
    note = emulator_client.open_by_key("acc").worksheet("Daily").get_note("B1")

    daily, rules = state["sheets"]
    assert note == "Channel name"
    assert daily["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert daily["formats"]["A2"] == {"numberFormat": {"type": "DATE", "pattern": "yyyy-mm-dd"}}
    assert sorted(daily["dataValidations"]) == ["B2", "B3"]
    assert daily["dataValidations"]["B2"]["condition"] == {
        "type": "ONE_OF_LIST",
        "values": [{"userEnteredValue": "Email"}, {"userEnteredValue": "Ads"}],
    }
    assert rules["merges"] == [
        {
            "sheetId": 1,
            "startRowIndex": 2,
            "endRowIndex": 3,
            "startColumnIndex": 0,
            "endColumnIndex": 2,
        }
    ]
