"""build_template and write_grids: tabs, headers, notes, dropdowns, formats, frozen rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import build_template, write_grids
from rolemap.core.model.contract import Lang
from rolemap.core.plan.template import template_layout

TABS = {
    "en": [
        "Settings",
        "Roles",
        "Channels",
        "Weekly",
        "Daily",
        "Stop rules",
        "Decisions",
        "Sources",
    ],
    "ru": [
        "Настройки",
        "Роли",
        "Каналы",
        "Неделя",
        "По дням",
        "Стоп-правила",
        "Решения",
        "Источники",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_template_has_the_contract_tabs_and_headers(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / f"template-{lang}.xlsx"
    build_template(lang, path)
    wb = load_workbook(path)
    assert wb.sheetnames == TABS[lang]
    for tab in template_layout(lang):
        ws = wb[tab.title]
        headers = [c.value for c in ws[1]]
        assert headers == [c.title for c in tab.columns]
        assert ws.freeze_panes == f"A{tab.frozen_rows + 1}"
        assert all(c.font.b for c in ws[1])
        for i, col in enumerate(tab.columns, start=1):
            cell = ws.cell(row=1, column=i)
            if col.note:
                assert cell.comment.text == col.note
                assert cell.comment.author == "Rolemap"
            width = ws.column_dimensions[cell.column_letter].width
            assert width == pytest.approx(col.width / 7, abs=0.01)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_template_dropdowns_cover_rows_2_to_1000(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    wb = load_workbook(path)
    for tab in template_layout(lang):
        ws = wb[tab.title]
        by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
        expected = {
            f"{get_column_letter(i)}2:{get_column_letter(i)}1000": c
            for i, c in enumerate(tab.columns, start=1)
            if c.dropdown or c.source
        }
        per_cell = {f"{get_column_letter(c.col + 1)}{c.row + 1}" for c in tab.cells if c.dropdown}
        assert set(by_range) == set(expected) | per_cell
        for ref, col in expected.items():
            dv = by_range[ref]
            assert dv.type == "list"
            if col.dropdown:
                assert dv.formula1 == '"' + ",".join(col.dropdown) + '"'
            assert bool(dv.showErrorMessage) == col.strict


def test_template_status_dropdown_and_typed_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template("ru", path)
    ws = load_workbook(path)["Каналы"]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"Активен,Тест,Пауза,Остановлен"' in formulas
    weekly = load_workbook(path)["Неделя"]
    assert weekly["A1000"].number_format == "yyyy-mm-dd"
    assert weekly["C2"].number_format == "#,##0"
    assert isinstance(weekly["A2"].value, dt.datetime)  # the example row's date is a real date


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_template_example_rows_read_back(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    snap = XlsxStorage(path).read()
    for tab in template_layout(lang):
        grid = snap.tabs[tab.title]
        assert len(grid) == 1 + len(tab.rows)
        for got, row in zip(grid[1:], tab.rows, strict=True):
            want = [dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v for v in row]
            while want and want[-1] is None:
                want.pop()
            assert got == want


def test_write_grids_bolds_headers_and_keeps_dates(tmp_path: Path) -> None:
    path = tmp_path / "grids.xlsx"
    write_grids(path, {"Daily": [["Date", "Spend"], [dt.date(2026, 12, 1), 100]], "Empty": []})
    wb = load_workbook(path)
    assert wb.sheetnames == ["Daily", "Empty"]
    ws = wb["Daily"]
    assert ws["A1"].font.b
    assert ws["A2"].is_date
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2"
