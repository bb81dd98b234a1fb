"""The summary's layout in both backends: frozen header, row heights, tab colour, tab order,
straight lines, the tab the workbook opens on; and re-running leaves all of it as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.core.model.contract import Lang, load_contract
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.integration.workbooks import NOW, demo_workbook

PT_PER_PX = 0.75


OUTPUT_ORDER = [
    "CMO summary",
    "Role map",
    "Channel pages",
    "Stop flags",
    "Checks",
    "Run log",
]


def _titles(lang: Lang) -> list[str]:
    contract = load_contract()
    return [contract.output(k).title(lang) for k in ("summary", "flags", "checks", "runlog")]


def _xlsx_layout(path: Path, lang: Lang) -> dict[str, Any]:
    wb = load_workbook(path)
    try:
        out: dict[str, Any] = {"order": [t for t in wb.sheetnames if t in _titles(lang)]}
        for title in _titles(lang):
            ws = wb[title]
            frozen = ws.freeze_panes
            out[title] = {
                "frozen": int(frozen[1:]) - 1 if frozen else 0,
                "heights": {
                    r - 1: round(d.height / PT_PER_PX)
                    for r, d in ws.row_dimensions.items()
                    if d.height is not None
                },
                "tab_color": ws.sheet_properties.tabColor.rgb[-6:]
                if ws.sheet_properties.tabColor is not None
                else None,
                "merges": len(ws.merged_cells.ranges),
                "rules": sum(len(cf.rules) for cf in ws.conditional_formatting),
                "charts": [type(c).__name__ for c in ws._charts],
                "smooth": [
                    any(bool(s.smooth) for s in c.series)
                    for c in ws._charts
                    if c.tagname == "lineChart"
                ],
            }
        out["active"] = wb.active.title
        return out
    finally:
        wb.close()


def _hex(rgb: dict[str, float]) -> str:
    return "".join(f"{round(rgb.get(k, 0) * 255):02X}" for k in ("red", "green", "blue"))


def _google_layout(export: dict[str, Any], lang: Lang) -> dict[str, Any]:
    sheets = sorted(export["sheets"], key=lambda s: s["properties"]["index"])
    by_title = {s["properties"]["title"]: s for s in sheets}
    out: dict[str, Any] = {
        "order": [
            s["properties"]["title"] for s in sheets if s["properties"]["title"] in _titles(lang)
        ]
    }
    for title in _titles(lang):
        sheet = by_title[title]
        props = sheet["properties"]
        color = props.get("tabColorStyle", {}).get("rgbColor")
        charts = [c["spec"]["basicChart"] for c in sheet["charts"]]
        out[title] = {
            "frozen": props["gridProperties"].get("frozenRowCount", 0),
            "heights": {
                int(r): m["pixelSize"]
                for r, m in sheet["rowMetadata"].items()
                if m.get("pixelSize") not in (None, 21)
            },
            "tab_color": _hex(color) if color else None,
            "merges": len(sheet["merges"]),
            "rules": len(sheet["conditionalFormats"]),
            "charts": ["BarChart" if c["chartType"] == "COLUMN" else "LineChart" for c in charts],
            "smooth": [c.get("lineSmoothing", False) for c in charts if c["chartType"] == "LINE"],
        }
    return out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_both_backends_render_the_same_summary_layout(
    tmp_path: Path, emulator: Emulator, lang: Lang
) -> None:
    book = demo_workbook(tmp_path / "book.xlsx", lang)
    emulator.seed_xlsx("layout", book)
    run(XlsxStorage(book), now=NOW)
    google = GoogleSheetStorage("layout", Settings(sheets_api_url=emulator.url))
    run(google, now=NOW)

    ours = _xlsx_layout(book, lang)
    theirs = _google_layout(emulator.export("layout"), lang)
    summary = _titles(lang)[0]
    assert ours.pop("active") == summary  # the workbook opens on the summary
    for title in _titles(lang):
        # LibreOffice/Excel keep heights in points: allow a pixel of rounding
        a, b = ours[title].pop("heights"), theirs[title].pop("heights")
        assert a.keys() == b.keys(), title
        assert all(abs(a[k] - b[k]) <= 1 for k in a), title
    assert ours == theirs
    assert ours["order"][0] == summary
    assert ours[summary]["frozen"] == 2
    assert ours[summary]["tab_color"] is not None
    assert ours[summary]["smooth"] == [False]
    assert sorted(ours[summary]["charts"]) == ["BarChart", "LineChart"]


def test_the_summary_moves_before_the_other_output_tabs(tmp_path: Path, emulator: Emulator) -> None:
    book = demo_workbook(tmp_path / "book.xlsx")
    run(XlsxStorage(book), now=NOW)
    wb = load_workbook(book)
    wb.move_sheet("CMO summary", offset=len(wb.sheetnames))  # someone dragged it to the end
    wb.active = 0
    wb.save(book)
    emulator.seed_xlsx("order", book)

    run(XlsxStorage(book), now=NOW)
    wb = load_workbook(book)
    assert wb.sheetnames[6:] == [*OUTPUT_ORDER, "Decisions"]  # the shared tab comes last
    assert wb.active.title == "CMO summary"
    wb.close()

    run(
        GoogleSheetStorage("order", Settings(sheets_api_url=emulator.url)),
        now=NOW,
    )
    sheets = sorted(emulator.export("order")["sheets"], key=lambda s: s["properties"]["index"])
    titles = [s["properties"]["title"] for s in sheets]
    assert titles[6:] == [*OUTPUT_ORDER, "Decisions"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_second_google_run_leaves_the_summary_layout_and_user_tabs_as_they_were(
    tmp_path: Path, emulator: Emulator, lang: Lang
) -> None:
    book = demo_workbook(tmp_path / "book.xlsx", lang)
    emulator.seed_xlsx("twice", book)
    before = emulator.export("twice")
    store = GoogleSheetStorage("twice", Settings(sheets_api_url=emulator.url))
    run(store, now=NOW)
    first = emulator.export("twice")
    run(store, now=NOW)
    second = emulator.export("twice")

    summary = _titles(lang)[0]
    one = next(s for s in first["sheets"] if s["properties"]["title"] == summary)
    two = next(s for s in second["sheets"] if s["properties"]["title"] == summary)
    for key in ("values", "formats", "merges", "conditionalFormats", "rowMetadata", "properties"):
        assert one[key] == two[key], key
    assert len(two["charts"]) == len(one["charts"]) == 2
    assert _google_layout(first, lang) == _google_layout(second, lang)

    channels = load_contract().tab("channels").title(lang)
    user = {s["properties"]["title"]: s for s in before["sheets"]}
    for sheet in second["sheets"]:
        title = sheet["properties"]["title"]
        if title not in user:
            continue
        if title == channels:  # only the Flag (auto) column is ours
            assert [r[:7] for r in sheet["values"]] == [r[:7] for r in user[title]["values"]]
        else:
            assert sheet["values"] == user[title]["values"], title
            assert sheet["formats"] == user[title]["formats"], title
