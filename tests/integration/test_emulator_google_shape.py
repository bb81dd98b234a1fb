"""The emulator's answers have the shape of Google's (checked against recorded Google traffic)."""

from __future__ import annotations

from typing import Any

import requests

from sheets_emulator import Emulator


def _create(emulator: Emulator, title: str = "Shape") -> dict[str, Any]:
    body = {"properties": {"title": title}}
    made: dict[str, Any] = requests.post(f"{emulator.url}/v4/spreadsheets", json=body).json()
    return made


def test_new_book_carries_googles_default_format_and_theme(emulator: Emulator) -> None:
    made = _create(emulator)

    props = made["properties"]
    assert props["defaultFormat"]["padding"] == {"top": 2, "right": 3, "bottom": 2, "left": 3}
    assert props["defaultFormat"]["textFormat"]["bold"] is False
    assert props["defaultFormat"]["textFormat"]["foregroundColor"] == {}
    assert props["spreadsheetTheme"]["primaryFontFamily"] == "Arial"
    assert [c["colorType"] for c in props["spreadsheetTheme"]["themeColors"]][:2] == [
        "TEXT",
        "BACKGROUND",
    ]


def _batch(emulator: Emulator, book: str, *reqs: dict[str, Any]) -> None:
    url = f"{emulator.url}/v4/spreadsheets/{book}:batchUpdate"
    assert requests.post(url, json={"requests": list(reqs)}).ok


def test_a_field_mask_keeps_a_present_message_as_an_empty_object(emulator: Emulator) -> None:
    book = _create(emulator)["spreadsheetId"]
    url = f"{emulator.url}/v4/spreadsheets/{book}?fields=sheets.properties.tabColorStyle"
    assert requests.get(url).json() == {"sheets": [{"properties": {}}]}

    colour = {"sheetId": 0, "tabColorStyle": {"rgbColor": {"red": 1}}}
    _batch(
        emulator, book, {"updateSheetProperties": {"properties": colour, "fields": "tabColorStyle"}}
    )
    assert requests.get(url).json() == {
        "sheets": [{"properties": {"tabColorStyle": {"rgbColor": {"red": 1}}}}]
    }

    cleared = {"sheetId": 0, "tabColorStyle": {"rgbColor": None}}
    _batch(
        emulator,
        book,
        {"updateSheetProperties": {"properties": cleared, "fields": "tabColorStyle"}},
    )
    assert requests.get(url).json() == {"sheets": [{"properties": {}}]}


def test_cell_colours_are_answered_with_their_colour_style_twins(emulator: Emulator) -> None:
    book = _create(emulator)["spreadsheetId"]
    fmt = {"backgroundColor": {"green": 1}, "textFormat": {"foregroundColor": {"red": 1}}}
    cell = {"range": {"sheetId": 0, "endRowIndex": 1, "endColumnIndex": 1}}
    _batch(
        emulator, book, {"repeatCell": {**cell, "cell": {"userEnteredFormat": fmt}, "fields": "*"}}
    )

    url = f"{emulator.url}/v4/spreadsheets/{book}?includeGridData=true&ranges=A1"
    got = requests.get(url).json()["sheets"][0]["data"][0]["rowData"][0]["values"][0]

    entered = got["userEnteredFormat"]
    assert entered["backgroundColorStyle"] == {"rgbColor": {"green": 1}}
    assert entered["textFormat"]["foregroundColorStyle"] == {"rgbColor": {"red": 1}}


def test_colours_read_back_at_googles_eight_bits_per_channel(emulator: Emulator) -> None:
    book = _create(emulator)["spreadsheetId"]
    colour = {"sheetId": 0, "tabColorStyle": {"rgbColor": {"red": 1.0, "green": 0.0, "blue": 0.5}}}
    _batch(
        emulator, book, {"updateSheetProperties": {"properties": colour, "fields": "tabColorStyle"}}
    )

    url = f"{emulator.url}/v4/spreadsheets/{book}?fields=sheets.properties.tabColorStyle"
    props = requests.get(url).json()["sheets"][0]["properties"]

    assert props["tabColorStyle"] == {"rgbColor": {"red": 1, "blue": 0.49803922}}
