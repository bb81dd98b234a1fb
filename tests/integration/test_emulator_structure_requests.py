"""batchUpdate requests that used to answer 501: named ranges, basic filters, dimension groups,
sortRange, copyPaste and cutPaste, with Google's reply shapes (checked against recorded traffic)."""

from __future__ import annotations

from typing import Any

import requests

from sheets_emulator import Emulator


def _batch(emulator: Emulator, *reqs: dict[str, Any]) -> requests.Response:
    url = f"{emulator.url}/v4/spreadsheets/book:batchUpdate"
    return requests.post(url, json={"requests": list(reqs)})


def _meta(emulator: Emulator) -> dict[str, Any]:
    got: dict[str, Any] = requests.get(f"{emulator.url}/v4/spreadsheets/book").json()
    return got


def _values(emulator: Emulator, rng: str) -> list[list[Any]]:
    got = requests.get(f"{emulator.url}/v4/spreadsheets/book/values/{rng}").json()
    rows: list[list[Any]] = got.get("values", [])
    return rows


def _box(r1: int, r2: int, c1: int, c2: int) -> dict[str, int]:
    return {
        "sheetId": 0,
        "startRowIndex": r1,
        "endRowIndex": r2,
        "startColumnIndex": c1,
        "endColumnIndex": c2,
    }


def test_named_ranges_are_added_renamed_and_deleted(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]]})
    added = _batch(
        emulator, {"addNamedRange": {"namedRange": {"name": "Spend", "range": _box(0, 2, 0, 2)}}}
    )
    named = added.json()["replies"][0]["addNamedRange"]["namedRange"]
    assert named["name"] == "Spend"
    assert named["range"] == {k: v for k, v in _box(0, 2, 0, 2).items() if k != "sheetId"}
    assert named["namedRangeId"].isdigit()

    renamed = {"namedRangeId": named["namedRangeId"], "name": "Budget"}
    assert _batch(emulator, {"updateNamedRange": {"namedRange": renamed, "fields": "name"}}).ok
    assert [n["name"] for n in _meta(emulator)["namedRanges"]] == ["Budget"]

    duplicate = {"addNamedRange": {"namedRange": {"name": "budget", "range": _box(0, 1, 0, 1)}}}
    assert _batch(emulator, duplicate).status_code == 400
    assert _batch(emulator, {"deleteNamedRange": {"namedRangeId": named["namedRangeId"]}}).ok
    assert "namedRanges" not in _meta(emulator)
    assert _batch(emulator, {"deleteNamedRange": {"namedRangeId": "1"}}).status_code == 400


def test_basic_filter_is_stored_closed_and_cleared(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]]})
    assert _batch(emulator, {"setBasicFilter": {"filter": {"range": {"sheetId": 0}}}}).ok
    assert _meta(emulator)["sheets"][0]["basicFilter"] == {
        "range": {
            "startRowIndex": 0,
            "endRowIndex": 1000,
            "startColumnIndex": 0,
            "endColumnIndex": 26,
        }
    }
    assert _batch(emulator, {"clearBasicFilter": {"sheetId": 0}}).ok
    assert "basicFilter" not in _meta(emulator)["sheets"][0]


def test_dimension_groups_nest_and_are_removed(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]]})
    rows = {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 4}
    inner = {**rows, "startIndex": 1, "endIndex": 3}
    first = _batch(emulator, {"addDimensionGroup": {"range": rows}}).json()
    assert first["replies"][0]["addDimensionGroup"]["dimensionGroups"] == [
        {"range": {"dimension": "ROWS", "startIndex": 0, "endIndex": 4}, "depth": 1}
    ]
    second = _batch(emulator, {"addDimensionGroup": {"range": inner}}).json()
    depths = [g["depth"] for g in second["replies"][0]["addDimensionGroup"]["dimensionGroups"]]
    assert depths == [1, 2]
    sheet = _meta(emulator)["sheets"][0]
    assert sheet["properties"]["gridProperties"]["rowGroupControlAfter"] is True
    assert len(sheet["rowGroups"]) == 2

    _batch(emulator, {"deleteDimensionGroup": {"range": inner}})
    gone = _batch(emulator, {"deleteDimensionGroup": {"range": rows}}).json()
    assert gone["replies"][0] == {"deleteDimensionGroup": {}}
    assert "rowGroups" not in _meta(emulator)["sheets"][0]


def test_sort_range_orders_rows_by_several_keys_with_blanks_last(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["b", 2], ["", 1], ["a", 2], ["c", 1]]})
    specs = [
        {"dimensionIndex": 1, "sortOrder": "DESCENDING"},
        {"dimensionIndex": 0, "sortOrder": "ASCENDING"},
    ]
    assert _batch(emulator, {"sortRange": {"range": _box(0, 4, 0, 2), "sortSpecs": specs}}).ok
    assert _values(emulator, "A1:B4") == [["a", "2"], ["b", "2"], ["c", "1"], ["", "1"]]


def test_copy_paste_tiles_and_cut_paste_moves(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["x"], ["y"]]})
    copy = {
        "source": _box(0, 2, 0, 1),
        "destination": _box(0, 4, 1, 2),
        "pasteType": "PASTE_NORMAL",
    }
    assert _batch(emulator, {"copyPaste": copy}).ok
    assert _values(emulator, "B1:B4") == [["x"], ["y"], ["x"], ["y"]]

    cut = {
        "source": _box(0, 2, 0, 1),
        "destination": {"sheetId": 0, "rowIndex": 0, "columnIndex": 2},
    }
    assert _batch(emulator, {"cutPaste": cut}).ok
    assert _values(emulator, "A1:C2") == [["", "x", "x"], ["", "y", "y"]]


def test_answers_leave_out_proto3_defaults_but_export_keeps_what_was_sent(
    emulator: Emulator,
) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]], "Two": [["b"]]})
    hide = {"properties": {"sheetId": 0, "hidden": False}, "fields": "hidden"}
    assert _batch(
        emulator, {"updateSheetProperties": hide}, {"mergeCells": {"range": _box(0, 1, 0, 2)}}
    ).ok

    sheet = _meta(emulator)["sheets"][0]
    assert sheet["properties"]["sheetId"] == 0
    assert "hidden" not in sheet["properties"]
    assert sheet["merges"] == [{k: v for k, v in _box(0, 1, 0, 2).items() if k != "sheetId"}]
    assert emulator.export("book")["sheets"][0]["merges"] == [_box(0, 1, 0, 2)]


def test_hiding_the_last_visible_sheet_is_refused(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]]})
    hide = {
        "updateSheetProperties": {"properties": {"sheetId": 0, "hidden": True}, "fields": "hidden"}
    }

    refused = _batch(emulator, hide)

    assert refused.status_code == 400
    assert "You can't hide all the sheets in a document." in refused.json()["error"]["message"]


def test_a_named_range_reads_alone_or_after_its_sheet_title(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["1", "2", "4"], ["down", "up"]]})
    named = {"name": "Picked", "range": _box(0, 2, 1, 3)}
    assert _batch(emulator, {"addNamedRange": {"namedRange": named}}).ok

    for rng in ("Picked", "'Sheet1'!Picked"):
        got = requests.get(f"{emulator.url}/v4/spreadsheets/book/values/{rng}").json()
        assert got["range"] == "Sheet1!B1:C2"
        assert got["values"] == [["2", "4"], ["up"]]


def test_inserted_rows_move_named_ranges_filters_and_groups(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Sheet1": [["a"]]})
    rows = {"sheetId": 0, "dimension": "ROWS"}
    assert _batch(
        emulator,
        {"addNamedRange": {"namedRange": {"name": "Spend", "range": _box(2, 4, 0, 1)}}},
        {"setBasicFilter": {"filter": {"range": _box(2, 4, 0, 2)}}},
        {"addDimensionGroup": {"range": {**rows, "startIndex": 2, "endIndex": 4}}},
        {"insertDimension": {"range": {**rows, "startIndex": 0, "endIndex": 1}}},
    ).ok

    meta = _meta(emulator)
    sheet = meta["sheets"][0]
    assert meta["namedRanges"][0]["range"]["startRowIndex"] == 3
    assert sheet["basicFilter"]["range"]["endRowIndex"] == 5
    assert sheet["rowGroups"][0]["range"] == {"dimension": "ROWS", "startIndex": 3, "endIndex": 5}

    delete = {"deleteDimension": {"range": {**rows, "startIndex": 3, "endIndex": 5}}}
    assert _batch(emulator, delete).ok
    assert "rowGroups" not in _meta(emulator)["sheets"][0]
