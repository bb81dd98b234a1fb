"""The batch for the summary's layout: tab colour, row heights, straight lines, tab order."""

from __future__ import annotations

from typing import Any

from rolemap.adapters.google.requests_builder import build_requests
from rolemap.core.plan.model import Cell, Chart, OutputTab, Range, Series, Style, WritePlan
from tests.unit.test_google_requests_builder import validate


def _tab(key: str, title: str) -> OutputTab:
    rows = tuple((Cell("Week", Style(bold=True)), Cell(v)) for v in ("a", 1, 2))
    chart = Chart("line", "t", Range(1, 0, 2), (Series("v", Range(1, 1, 2)),), 0, 3)
    return OutputTab(
        key=key,  # type: ignore[arg-type]
        title=title,
        rows=rows,
        row_heights=((1, 44),),
        tab_color="#1F6FEB",
        charts=(chart,) if key == "summary" else (),
    )


def _plan() -> WritePlan:
    return WritePlan(
        "en", outputs=(_tab("summary", "CMO summary"), _tab("checks", "Checks")), open_on="summary"
    )


def _sheet(sheet_id: int, title: str, index: int) -> dict[str, Any]:
    grid = {"rowCount": 100, "columnCount": 26, "frozenRowCount": 0}
    return {
        "properties": {"sheetId": sheet_id, "title": title, "index": index, "gridProperties": grid}
    }


def test_layout_requests_are_valid_and_carry_colour_heights_and_straight_lines() -> None:
    requests = build_requests(_plan(), {"sheets": [_sheet(1, "Settings", 0)]})
    validate("BatchUpdateSpreadsheetRequest", {"requests": requests})
    added = [r["addSheet"]["properties"] for r in requests if "addSheet" in r]
    assert all(p["tabColorStyle"]["rgbColor"]["blue"] > 0.9 for p in added)
    rows = [
        r["updateDimensionProperties"]
        for r in requests
        if r.get("updateDimensionProperties", {}).get("range", {}).get("dimension") == "ROWS"
    ]
    assert (rows[-1]["range"]["startIndex"], rows[-1]["range"]["endIndex"]) == (1, 2)
    assert rows[-1]["properties"] == {"pixelSize": 44}
    chart = next(r["addChart"] for r in requests if "addChart" in r)
    assert chart["chart"]["spec"]["basicChart"]["lineSmoothing"] is False
    assert not any(
        "index" in r.get("updateSheetProperties", {}).get("properties", {}) for r in requests
    )


def test_the_summary_is_moved_before_the_other_outputs_only_when_it_is_not() -> None:
    behind = {
        "sheets": [_sheet(1, "Settings", 0), _sheet(2, "Checks", 1), _sheet(3, "CMO summary", 2)]
    }
    requests = build_requests(_plan(), behind)
    validate("BatchUpdateSpreadsheetRequest", {"requests": requests})
    moves = [
        r["updateSheetProperties"]
        for r in requests
        if "index" in r.get("updateSheetProperties", {}).get("properties", {})
    ]
    assert moves == [{"properties": {"sheetId": 3, "index": 1}, "fields": "index"}]
    ahead = {
        "sheets": [_sheet(1, "Settings", 0), _sheet(3, "CMO summary", 1), _sheet(2, "Checks", 2)]
    }
    requests = build_requests(_plan(), ahead)
    assert not any(
        "index" in r.get("updateSheetProperties", {}).get("properties", {}) for r in requests
    )
