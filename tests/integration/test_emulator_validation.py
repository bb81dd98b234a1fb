"""Malformed requests are refused as the sheets.v4.json discovery schema demands."""

from __future__ import annotations

from typing import Any

import gspread
import pytest
import requests

from sheets_emulator import Emulator, discovery


def _error(emulator: Emulator, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    response = requests.request(method, f"{emulator.url}{path}", timeout=5, **kwargs)
    body: dict[str, Any] = response.json()
    error: dict[str, Any] = body["error"]
    assert response.status_code == error["code"]
    return error


def test_unknown_field_in_a_batch_update_request_is_a_400_naming_its_path(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    book = emulator_client.open_by_key("book")

    with pytest.raises(gspread.exceptions.APIError) as caught:
        book.batch_update({"requests": [{"addSheet": {"properties": {"title": "x"}, "foo": 1}}]})

    error = caught.value.response.json()["error"]
    assert error["code"] == 400
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == (
        "Invalid JSON payload received. Unknown name \"foo\" at 'requests[0].add_sheet': "
        "Cannot find field."
    )
    assert len(emulator.export("book")["sheets"]) == 1


def test_unknown_enum_value_in_a_query_parameter_is_a_400(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})

    error = _error(
        emulator, "GET", "/v4/spreadsheets/book/values/Data", params={"valueRenderOption": "RAW"}
    )

    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == (
        "Invalid value at 'value_render_option' "
        '(type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "RAW"'
    )


def test_unknown_enum_and_wrong_types_in_a_body_are_each_reported(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    body = {
        "requests": [
            {"insertDimension": {"range": {"sheetId": "abc", "dimension": "DIAGONAL"}}},
            {"updateSheetProperties": {"properties": {"hidden": "yes"}, "fields": "hidden"}},
            {"addSheet": {"properties": {"sheetId": 2**31}}},
        ]
    }

    error = _error(emulator, "POST", "/v4/spreadsheets/book:batchUpdate", json=body)

    assert error["code"] == 400
    assert error["message"].splitlines() == [
        "Invalid value at 'requests[0].insert_dimension.range.sheet_id' (TYPE_INT32), \"abc\"",
        "Invalid value at 'requests[0].insert_dimension.range.dimension' "
        '(type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"',
        "Invalid value at 'requests[1].update_sheet_properties.properties.hidden' "
        '(TYPE_BOOL), "yes"',
        "Invalid value at 'requests[2].add_sheet.properties.sheet_id' (TYPE_INT32), 2147483648",
    ]
    fields = [v["field"] for v in error["details"][0]["fieldViolations"]]
    assert fields[0] == "requests[0].insert_dimension.range.sheet_id"


def test_snake_case_names_and_system_parameters_are_accepted(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    body = {"requests": [{"add_sheet": {"properties": {"sheet_id": 9, "title": "Snake"}}}]}

    response = requests.post(
        f"{emulator.url}/v4/spreadsheets/book:batchUpdate",
        params={"alt": "json", "prettyPrint": "false", "$.xgafv": "2", "quotaUser": "q"},
        json=body,
        timeout=5,
    )

    assert response.status_code == 200
    assert response.json()["replies"][0]["addSheet"]["properties"]["sheetId"] == 9


def test_unknown_query_parameter_is_a_400(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})

    error = _error(emulator, "GET", "/v4/spreadsheets/book", params={"bogus": "1"})

    assert error["message"] == (
        'Invalid JSON payload received. Unknown name "bogus": Cannot bind query parameter. '
        "Field 'bogus' could not be found in request message."
    )


def test_values_update_without_value_input_option_is_a_400(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})

    error = _error(emulator, "PUT", "/v4/spreadsheets/book/values/Data!A1", json={"values": [[1]]})

    assert error["message"] == "'valueInputOption' is required but not specified"


def test_unknown_spreadsheet_is_a_404_not_found(emulator: Emulator) -> None:
    error = _error(emulator, "GET", "/v4/spreadsheets/nope")

    assert (error["code"], error["status"]) == (404, "NOT_FOUND")


def test_unparseable_range_is_a_400(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [[]]})

    error = _error(emulator, "GET", "/v4/spreadsheets/book/values/Nope!A1")

    assert error["message"] == "Unable to parse range: Nope!A1"


def test_values_that_are_not_a_list_of_lists_are_refused_in_googles_words(
    emulator: Emulator,
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    path = "/v4/spreadsheets/book/values/Data!A1?valueInputOption=RAW"

    error = _error(emulator, "PUT", path, json={"values": "X"})

    assert error["message"] == (
        "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), \"X\""
    )
    assert error["details"][0]["fieldViolations"][0]["field"] == "data.values"


def test_a_body_normalises_to_camel_case_and_typed_values_wherever_a_field_sits() -> None:
    body = {
        "requests": [
            {"addSheet": {"properties": {"title": "A", "sheetId": 7}}},
            {
                "updateCells": {
                    "start": {"sheetId": "7", "row_index": 2},
                    "rows": [{"values": [{"user_entered_value": {"numberValue": 1.5}}]}],
                    "fields": "userEnteredValue",
                }
            },
        ],
        "include_spreadsheet_in_response": False,
    }

    got = discovery.validate_body("BatchUpdateSpreadsheetRequest", body)

    assert got == {
        "requests": [
            {"addSheet": {"properties": {"title": "A", "sheetId": 7}}},
            {
                "updateCells": {
                    "start": {"sheetId": 7, "rowIndex": 2},
                    "rows": [{"values": [{"userEnteredValue": {"numberValue": 1.5}}]}],
                    "fields": "userEnteredValue",
                }
            },
        ],
        "includeSpreadsheetInResponse": False,
    }


def test_a_valid_camel_case_body_comes_back_as_it_was_sent() -> None:
    body = {"requests": [{"addSheet": {"properties": {"title": "A", "sheetId": 7}}}]}

    assert discovery.validate_body("BatchUpdateSpreadsheetRequest", body) is body
