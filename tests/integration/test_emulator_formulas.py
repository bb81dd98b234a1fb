"""Formula cells: values reads return computed results, FORMULA reads the formula text."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from sheets_emulator import Emulator

DAILY: list[list[Any]] = [
    ["Date", "Channel", "Spend"],
    ["2026-11-24", "Email", 100],
    ["2026-11-24", "Ads", 250.5],
    ["2026-11-25", "Email", 50],
    ["2026-11-25", "Ads", "n/a"],
]


def _write(emulator: Emulator, rng: str, rows: list[list[Any]]) -> None:
    url = f"{emulator.url}/v4/spreadsheets/book/values/{rng}?valueInputOption=USER_ENTERED"
    assert requests.put(url, json={"values": rows}).ok


def _read(emulator: Emulator, rng: str, render: str = "UNFORMATTED_VALUE") -> list[list[Any]]:
    url = f"{emulator.url}/v4/spreadsheets/book/values/{rng}?valueRenderOption={render}"
    got: list[list[Any]] = requests.get(url).json().get("values", [])
    return got


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=2*(3+4)-1/4", 13.75),
        ("=SUM('Daily'!C2:C9)", 400.5),
        ('=SUMIF(Daily!B2:B9,"Email",Daily!C2:C9)', 150),
        ('=SUMIFS(Daily!C:C,Daily!B:B,"Ads",Daily!C:C,">100")', 250.5),
        ("=AVERAGE(Daily!C2:C5)", 133.5),
        ("=Daily!C2+Daily!C4", 150),
        ('=IF(SUM(Daily!C2:C3)>300,"over","under")', "over"),
        ('="Spend: "&Daily!C2', "Spend: 100"),
    ],
)
def test_formulas_teams_type_are_computed(emulator: Emulator, formula: str, expected: Any) -> None:
    emulator.seed_grid("book", {"Daily": DAILY, "Summary": [[]]})
    _write(emulator, "Summary!A1", [[formula]])

    assert _read(emulator, "Summary!A1") == [[expected]]
    assert _read(emulator, "Summary!A1", "FORMULA") == [[formula]]


def test_results_follow_later_writes_and_chain_through_other_formulas(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Daily": DAILY, "Summary": [[]]})
    _write(emulator, "Summary!A1:B1", [["=SUM(Daily!C2:C3)", "=A1*2"]])
    _write(emulator, "Daily!C3", [[0]])

    assert _read(emulator, "Summary!A1:B1") == [[100, 200]]
    assert _read(emulator, "Summary!A1:B1", "FORMATTED_VALUE") == [["100", "200"]]


def test_errors_show_like_googles_and_unknown_functions_stay_empty(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [[]]})
    _write(emulator, "A1:C1", [["=1/0", "=A1+1", '=IMPORTXML("x","y")']])

    assert _read(emulator, "A1:C1") == [["#DIV/0!", "#DIV/0!"]]
    meta = requests.get(
        f"{emulator.url}/v4/spreadsheets/book?includeGridData=true&ranges=A1"
    ).json()
    cell = meta["sheets"][0]["data"][0]["rowData"][0]["values"][0]
    assert cell["effectiveValue"]["errorValue"]["type"] == "DIVIDE_BY_ZERO"


def test_a_circular_reference_is_an_error_not_a_hang(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [[]]})
    _write(emulator, "A1:B1", [["=B1+1", "=A1+1"]])

    assert _read(emulator, "A1:B1") == [["#REF!", "#REF!"]]


def test_references_follow_inserted_and_deleted_rows(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Daily": DAILY, "Summary": [[]]})
    _write(emulator, "Summary!A1:B1", [["=SUM('Daily'!C2:C5)", '=LOG10(100)&"C2"']])
    rows = {"sheetId": 0, "dimension": "ROWS"}
    url = f"{emulator.url}/v4/spreadsheets/book:batchUpdate"

    insert = {"insertDimension": {"range": {**rows, "startIndex": 0, "endIndex": 1}}}
    assert requests.post(url, json={"requests": [insert]}).ok
    assert _read(emulator, "Summary!A1:B1", "FORMULA") == [
        ["=SUM('Daily'!C3:C6)", '=LOG10(100)&"C2"']
    ]
    assert _read(emulator, "Summary!A1") == [[400.5]]

    delete = {"deleteDimension": {"range": {**rows, "startIndex": 2, "endIndex": 3}}}
    assert requests.post(url, json={"requests": [delete]}).ok
    assert _read(emulator, "Summary!A1", "FORMULA") == [["=SUM('Daily'!C3:C5)"]]
    assert _read(emulator, "Summary!A1") == [[300.5]]


def test_named_ranges_compute_and_unknown_names_are_name_errors(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Daily": DAILY})
    named = {
        "name": "Spend",
        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 4, "startColumnIndex": 2},
    }
    url = f"{emulator.url}/v4/spreadsheets/book:batchUpdate"
    assert requests.post(url, json={"requests": [{"addNamedRange": {"namedRange": named}}]}).ok

    _write(emulator, "Daily!E1:G1", [["=SUM(Spend)", "=SUM(Nothing)", "=ROW()"]])

    assert _read(emulator, "Daily!E1:G1") == [[400.5, "#NAME?"]]
