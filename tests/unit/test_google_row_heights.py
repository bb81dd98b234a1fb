"""Row heights and page breaks of an output tab in the one batchUpdate (schema-checked)."""

from __future__ import annotations

from typing import Any

from rolemap.adapters.google.requests_builder import build_requests
from rolemap.core.plan.model import Cell, OutputTab, Style, WritePlan
from tests.unit.test_google_requests_builder import metadata, sheet, validate_batch


def _pages(**extra: Any) -> OutputTab:
    return OutputTab(
        key="channel_pages",
        title="Channel pages",
        rows=((Cell("Ads", Style(bold=True)),), (Cell("a long\nconclusion", Style(wrap=True)),)),
        column_widths=(170,),
        page_breaks=(1,),
        **extra,
    )


def _row_requests(requests: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    out = []
    for r in requests:
        body = r.get("updateDimensionProperties", {})
        if body and body["range"]["dimension"] == "ROWS":
            rng = body["range"]
            out.append((rng["startIndex"], rng["endIndex"], body["properties"]["pixelSize"]))
    return out


def test_taller_rows_are_set_after_every_row_is_put_back_to_the_default() -> None:
    plan = WritePlan("en", outputs=(_pages(row_heights=((1, 38),)),))
    existing = sheet(7, "Channel pages", rows=100)
    requests = build_requests(plan, metadata(existing))
    validate_batch(requests)
    assert _row_requests(requests) == [(0, 100, 21), (1, 2, 38)]


def test_a_tab_without_tall_rows_only_resets_its_rows_and_page_breaks_send_nothing() -> None:
    requests = build_requests(WritePlan("en", outputs=(_pages(),)), metadata())
    validate_batch(requests)
    assert _row_requests(requests) == [(0, 100, 21)]  # last run's heights never linger
    assert "break" not in str(requests).lower()  # the Sheets API has no page breaks
