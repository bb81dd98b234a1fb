"""values.append writes after the table Google detects, as Google's recorded answers show."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from sheets_emulator import Emulator


def _append(emulator: Emulator, rng: str, rows: list[list[Any]]) -> dict[str, Any]:
    url = f"{emulator.url}/v4/spreadsheets/book/values/{rng}:append?valueInputOption=RAW"
    got: dict[str, Any] = requests.post(url, json={"values": rows}).json()
    return got


@pytest.mark.parametrize(
    ("rng", "table", "written"),
    [
        ("Sheet1", "Sheet1!C1", "Sheet1!C2:E2"),  # the last cell's table, not the first
        ("Sheet1!A1", "Sheet1!A1", "Sheet1!A2:C2"),
    ],
)
def test_append_goes_under_the_table_holding_the_last_cell_of_the_range(
    emulator: Emulator, rng: str, table: str, written: str
) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a", "", "c"]]})

    got = _append(emulator, rng, [["x", "", "z"]])

    assert got["tableRange"] == table
    assert got["updates"]["updatedRange"] == written
    assert got["updates"]["updatedCells"] == 3


def test_append_to_an_empty_cell_writes_there_without_a_table(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["h1", "h2"], [], ["below"]]})

    got = _append(emulator, "Sheet1!A2", [[1, 2]])

    assert "tableRange" not in got
    assert got["updates"]["updatedRange"] == "Sheet1!A2:B2"


def test_append_grows_a_table_through_gaps_that_touch_it_diagonally(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a", "b"], ["", "", "c"]]})

    got = _append(emulator, "Sheet1", [[1]])

    assert got["tableRange"] == "Sheet1!A1:C2"
    assert got["updates"]["updatedRange"] == "Sheet1!A3"
