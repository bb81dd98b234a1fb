"""The real gspread client reads and writes values through the emulator over HTTP."""

from __future__ import annotations

import gspread
import pytest
import requests
from gspread.utils import ValueRenderOption

from sheets_emulator import Emulator

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"


def _create(client: gspread.Client, body: dict[str, object]) -> gspread.Spreadsheet:
    created = client.http_client.request("post", SHEETS, json=body).json()
    return client.open_by_key(created["spreadsheetId"])


def test_created_spreadsheet_opens_by_key_and_reads_unformatted_values(
    emulator_client: gspread.Client,
) -> None:
    book = _create(emulator_client, {"properties": {"title": "Budget"}})
    sheet = book.sheet1
    sheet.update([["Channel", "Spend"], ["Email", 1200.5], ["Ads", 300]], "A1")

    got = sheet.get("A1:B3", value_render_option=ValueRenderOption.unformatted)

    assert book.title == "Budget"
    assert sheet.title == "Sheet1"
    assert got == [["Channel", "Spend"], ["Email", 1200.5], ["Ads", 300]]


def test_batch_get_reads_quoted_cyrillic_open_and_whole_sheet_ranges(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Стоп-правила": [["Канал", "Порог"], ["Email", 5]]})
    book = emulator_client.open_by_key("book")

    got = book.values_batch_get(
        ["'Стоп-правила'!A1:B2", "'Стоп-правила'!A2:F", "'Стоп-правила'!A:A", "'Стоп-правила'"],
        params={"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"},
    )

    ranges = got["valueRanges"]
    assert [r["range"] for r in ranges] == [
        "'Стоп-правила'!A1:B2",
        "'Стоп-правила'!A2:F1000",
        "'Стоп-правила'!A1:A1000",
        "'Стоп-правила'!A1:Z1000",
    ]
    assert ranges[0]["values"] == [["Канал", "Порог"], ["Email", 5]]
    assert ranges[1]["values"] == [["Email", 5]]
    assert ranges[2]["values"] == [["Канал"], ["Email"]]


def test_sheet_names_with_spaces_and_doubled_quotes_are_addressable(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"First": [["x"]], "Bob's tab": [["a", "b"]]})
    book = emulator_client.open_by_key("book")

    book.values_update(
        "'Bob''s tab'!A2", params={"valueInputOption": "RAW"}, body={"values": [["c"]]}
    )

    assert book.values_get("'Bob''s tab'")["values"] == [["a", "b"], ["c"]]


def test_trailing_empty_rows_and_columns_are_left_out(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["a", "", ""], ["", "", ""], ["b", "", "c"], ["", ""]]})

    got = emulator_client.open_by_key("book").values_get("Data!A1:E10")

    assert got["values"] == [["a"], [], ["b", "", "c"]]


def test_cells_written_right_to_left_and_bottom_up_read_back_in_place(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["a"]]})
    book = emulator_client.open_by_key("book")
    for cell, value in (("D3", "d3"), ("B3", "b3"), ("C1", "c1"), ("B1", "b1"), ("A3", "a3")):
        book.values_update(
            f"Data!{cell}", params={"valueInputOption": "RAW"}, body={"values": [[value]]}
        )

    rows = book.values_get("Data!A1:E5")["values"]
    columns = book.values_get("Data!A1:E5", params={"majorDimension": "COLUMNS"})["values"]

    assert rows == [["a", "b1", "c1"], [], ["a3", "b3", "", "d3"]]
    assert columns == [["a", "", "a3"], ["b1", "", "b3"], ["c1"], ["", "", "d3"]]


def test_a_formula_written_raw_stays_text_and_user_entered_becomes_a_formula(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    sheet = emulator_client.open_by_key("book").worksheet("Data")

    sheet.update([["=IMPORTXML(1)"]], "A1", raw=True)
    sheet.update([["=SUM(1,2)", "12", "TRUE"]], "A2", raw=False)

    assert sheet.get("A1:C2", value_render_option=ValueRenderOption.formula) == [
        ["=IMPORTXML(1)"],
        ["=SUM(1,2)", 12, True],
    ]
    # The formula engine computes what it knows; RAW text stays text.
    assert sheet.get("A1:C2", value_render_option=ValueRenderOption.unformatted) == [
        ["=IMPORTXML(1)"],
        [3, 12, True],
    ]


def test_date_cells_render_as_serial_numbers_or_formatted_strings(
    emulator: Emulator,
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    base = f"{emulator.url}/v4/spreadsheets/book/values"
    requests.put(
        f"{base}/Data!A1",
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [["2026-11-25", 1234.5]]},
        timeout=5,
    ).raise_for_status()

    def read(**params: str) -> object:
        return requests.get(f"{base}/Data!A1:B1", params=params, timeout=5).json()["values"]

    assert read(valueRenderOption="UNFORMATTED_VALUE") == [[46351, 1234.5]]
    assert read(valueRenderOption="UNFORMATTED_VALUE", dateTimeRenderOption="FORMATTED_STRING") == [
        ["2026-11-25", 1234.5]
    ]
    assert read(valueRenderOption="FORMATTED_VALUE") == [["2026-11-25", "1234.5"]]


def test_values_batch_update_batch_clear_and_append_round_trip(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["h1", "h2"]]})
    book = emulator_client.open_by_key("book")

    book.values_batch_update(
        {"valueInputOption": "RAW", "data": [{"range": "Data!A2:B2", "values": [[1, 2]]}]}
    )
    book.worksheet("Data").append_row([3, 4])
    book.values_batch_clear(body={"ranges": ["Data!A1:B1"]})

    got = book.worksheet("Data").get("A1:B3", value_render_option=ValueRenderOption.unformatted)
    assert got == [[], [1, 2], [3, 4]]


def test_writing_past_the_grid_is_refused_like_google(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    book = emulator_client.open_by_key("book")

    with pytest.raises(gspread.exceptions.APIError) as caught:
        book.values_update("Data!A1001", params={"valueInputOption": "RAW"}, body={"values": [[1]]})

    assert caught.value.response.status_code == 400
    assert "exceeds grid limits" in caught.value.response.json()["error"]["message"]


def test_grouped_numbers_keep_their_separators_as_the_cell_format(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    sheet = emulator_client.open_by_key("book").worksheet("Data")

    sheet.update([["2,000,000.01", "1,234"]], "A1", raw=False)

    assert sheet.get("A1:B1") == [["2,000,000.01", "1,234"]]
    assert sheet.get("A1:B1", value_render_option=ValueRenderOption.unformatted) == [
        [2000000.01, 1234]
    ]


def test_update_counts_only_rows_and_columns_a_value_landed_in(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    url = f"{emulator.url}/v4/spreadsheets/book/values/Data!A1:D6?valueInputOption=RAW"
    sparse = [["top"], [None], [None], [None], [None], [None, None, None, "bottom"]]

    got = requests.put(url, json={"values": sparse}).json()

    assert got["updatedRange"] == "Data!A1:D6"
    assert (got["updatedRows"], got["updatedColumns"], got["updatedCells"]) == (2, 2, 2)


def test_batch_update_totals_count_distinct_rows_and_columns(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    body = {
        "valueInputOption": "RAW",
        "data": [
            {"range": "Data!A1:D1", "values": [["a", "b", "", "d"]]},
            {"range": "Data!A4:D4", "values": [["a", "b", "", "d"]]},
        ],
    }

    got = requests.post(f"{emulator.url}/v4/spreadsheets/book/values:batchUpdate", json=body)

    totals = {k: v for k, v in got.json().items() if k.startswith("total")}
    assert totals == {
        "totalUpdatedRows": 2,
        "totalUpdatedColumns": 4,
        "totalUpdatedCells": 8,
        "totalUpdatedSheets": 1,
    }


def test_a_title_that_reads_as_a_cell_is_quoted_in_echoed_ranges(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"D3": [["x"]]})

    got = requests.get(f"{emulator.url}/v4/spreadsheets/book/values/'D3'!A1:B1").json()

    assert got["range"] == "'D3'!A1:B1"
