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
