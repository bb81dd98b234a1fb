"""spreadsheets.batchUpdate through gspread: atomicity, replies, and stored objects."""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from sheets_emulator import Emulator


def _grid(sheet_id: int, r1: int, r2: int, c1: int, c2: int) -> dict[str, int]:
    return {
        "sheetId": sheet_id,
        "startRowIndex": r1,
        "endRowIndex": r2,
        "startColumnIndex": c1,
        "endColumnIndex": c2,
    }


def _typed_row(*values: Any) -> dict[str, Any]:
    cells = []
    for v in values:
        key = "stringValue" if isinstance(v, str) else "numberValue"
        cells.append({"userEnteredValue": {key: v}})
    return {"values": cells}


def test_batch_update_is_all_or_nothing_when_one_request_is_invalid(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["keep"]]})
    before = emulator.export("book")
    book = emulator_client.open_by_key("book")
    body = {
        "requests": [
            {"addSheet": {"properties": {"sheetId": 77, "title": "Out"}}},
            {
                "updateCells": {
                    "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                    "rows": [_typed_row("changed")],
                    "fields": "userEnteredValue",
                }
            },
            {"deleteSheet": {"sheetId": 12345}},
        ]
    }

    with pytest.raises(gspread.exceptions.APIError) as caught:
        book.batch_update(body)

    error = caught.value.response.json()["error"]
    assert error["code"] == 400
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == "Invalid requests[2].deleteSheet: No grid with id: 12345"
    assert emulator.export("book") == before


def test_add_sheet_honours_the_sheet_id_so_later_requests_can_address_it(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [[]]})
    book = emulator_client.open_by_key("book")

    reply = book.batch_update(
        {
            "requests": [
                {"addSheet": {"properties": {"sheetId": 4242, "title": "Сводка CMO"}}},
                {
                    "updateCells": {
                        "range": _grid(4242, 0, 2, 0, 2),
                        "rows": [_typed_row("=IMPORTXML(1)", 1.5), _typed_row("b", 46351)],
                        "fields": "userEnteredValue,userEnteredFormat.numberFormat",
                    }
                },
            ]
        }
    )

    props = reply["replies"][0]["addSheet"]["properties"]
    assert props["sheetId"] == 4242
    assert props["gridProperties"] == {"rowCount": 1000, "columnCount": 26}
    assert reply["replies"][1] == {}
    values = emulator.export("book")["sheets"][1]["values"]
    assert values == [["=IMPORTXML(1)", 1.5], ["b", 46351]]
    assert book.values_get("'Сводка CMO'!A1", params={"valueRenderOption": "FORMULA"})[
        "values"
    ] == [["=IMPORTXML(1)"]]


def test_conditional_formats_protections_and_charts_show_in_export_and_metadata(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["a", 1], ["b", 2]]})
    book = emulator_client.open_by_key("book")
    rule = {
        "ranges": [_grid(0, 1, 3, 1, 2)],
        "booleanRule": {
            "condition": {"type": "NUMBER_GREATER", "values": [{"userEnteredValue": "1"}]},
            "format": {"backgroundColor": {"red": 1}},
        },
    }
    chart = {
        "spec": {"title": "Spend", "basicChart": {"chartType": "COLUMN"}},
        "position": {"overlayPosition": {"anchorCell": {"sheetId": 0, "rowIndex": 4}}},
    }

    reply = book.batch_update(
        {
            "requests": [
                {"addConditionalFormatRule": {"rule": rule, "index": 0}},
                {
                    "addProtectedRange": {
                        "protectedRange": {"range": _grid(0, 0, 1, 0, 2), "warningOnly": True}
                    }
                },
                {"addChart": {"chart": chart}},
            ]
        }
    )

    protected = reply["replies"][1]["addProtectedRange"]["protectedRange"]
    added_chart = reply["replies"][2]["addChart"]["chart"]
    assert isinstance(protected["protectedRangeId"], int)
    assert isinstance(added_chart["chartId"], int)
    state = emulator.export("book")["sheets"][0]
    assert state["conditionalFormats"] == [rule]
    assert state["protectedRanges"] == [protected]
    assert state["charts"] == [added_chart]
    meta = book.fetch_sheet_metadata(
        params={
            "fields": "sheets(properties(sheetId,title),conditionalFormats,protectedRanges,charts)"
        }
    )
    assert meta == {
        "sheets": [
            {
                "properties": {"sheetId": 0, "title": "Data"},
                "conditionalFormats": [rule],
                "protectedRanges": [protected],
                "charts": [added_chart],
            }
        ]
    }

    book.batch_update(
        {
            "requests": [
                {"deleteConditionalFormatRule": {"sheetId": 0, "index": 0}},
                {"deleteProtectedRange": {"protectedRangeId": protected["protectedRangeId"]}},
                {"deleteEmbeddedObject": {"objectId": added_chart["chartId"]}},
            ]
        }
    )
    state = emulator.export("book")["sheets"][0]
    assert state["conditionalFormats"] == state["protectedRanges"] == state["charts"] == []


def test_inserting_and_deleting_rows_moves_cells_and_resizes_the_grid(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["r1"], ["r2"], ["r3"]]})
    book = emulator_client.open_by_key("book")
    rows = {"sheetId": 0, "dimension": "ROWS"}

    book.batch_update(
        {
            "requests": [
                {"insertDimension": {"range": {**rows, "startIndex": 1, "endIndex": 3}}},
                {"deleteDimension": {"range": {**rows, "startIndex": 0, "endIndex": 1}}},
            ]
        }
    )

    state = emulator.export("book")["sheets"][0]
    assert state["values"] == [[], [], ["r2"], ["r3"]]
    assert state["properties"]["gridProperties"]["rowCount"] == 1001


def test_repeat_cell_validation_merges_and_dimension_properties_are_stored(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["a", "b"]]})
    book = emulator_client.open_by_key("book")
    validation = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "x"}]}}

    book.batch_update(
        {
            "requests": [
                {
                    "repeatCell": {
                        "range": _grid(0, 0, 1, 0, 2),
                        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                        "fields": "userEnteredFormat.textFormat.bold",
                    }
                },
                {"setDataValidation": {"range": _grid(0, 1, 2, 0, 1), "rule": validation}},
                {"mergeCells": {"range": _grid(0, 3, 4, 0, 2), "mergeType": "MERGE_ALL"}},
                {
                    "updateDimensionProperties": {
                        "range": {
                            "sheetId": 0,
                            "dimension": "COLUMNS",
                            "startIndex": 0,
                            "endIndex": 1,
                        },
                        "properties": {"pixelSize": 240},
                        "fields": "pixelSize",
                    }
                },
                {"autoResizeDimensions": {"dimensions": {"sheetId": 0, "dimension": "COLUMNS"}}},
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                        "fields": "gridProperties.frozenRowCount",
                    }
                },
            ]
        }
    )

    state = emulator.export("book")["sheets"][0]
    assert state["formats"] == {
        "A1": {"textFormat": {"bold": True}},
        "B1": {"textFormat": {"bold": True}},
    }
    assert state["dataValidations"] == {"A2": validation}
    assert state["merges"] == [_grid(0, 3, 4, 0, 2)]
    assert state["columnMetadata"] == {"0": {"pixelSize": 240}}
    assert state["properties"]["gridProperties"] == {
        "rowCount": 1000,
        "columnCount": 26,
        "frozenRowCount": 1,
    }
