# mypy: disable-error-code="list-item,arg-type,operator,type-var,unused-ignore,attr-defined"
# (hand-typed grids and exports: lists of str where the API takes any cell value)
"""`rolemap import`: exports land in Daily once, re-imports replace, broken files change nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rolemap.cli import main
from rolemap.core.sources.presets import PRESETS
from tests.integration.workbooks import cells

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    result = CliRunner().invoke(main, ["template", "build", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def book(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(template, tmp_path / "book.xlsx"))


def _import(book: Path, export: Path, preset: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["import", str(export), "--into", str(book), "--preset", preset, *extra]
    )
    return result.exit_code, result.output


def _daily(book: Path) -> list[tuple[object, ...]]:
    wb = load_workbook(book)
    try:
        rows = [tuple(r) for r in wb["Daily"].iter_rows(values_only=True)]
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        return rows
    finally:
        wb.close()


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_importing_a_fixture_twice_leaves_daily_as_importing_it_once(book: Path, key: str) -> None:
    code, out = _import(book, FIXTURES / f"{key}.csv", key)
    assert code == 0, out
    assert "6 added, 0 replaced" in out
    once = _daily(book)
    assert len(once) == 1 + 1 + 6  # header, the template's example row, six days
    code, out = _import(book, FIXTURES / f"{key}.csv", key)
    assert code == 0, out
    assert "0 added, 6 replaced, 0 cleared" in out
    assert "Nothing changed." in out
    assert _daily(book) == once


def test_import_writes_only_daily_cells_and_keeps_formulas(book: Path) -> None:
    wb = load_workbook(book)
    wb["Channels"]["Z1"] = "=SUM(F2:F100)"
    wb["Daily"]["L2"] = "=C2*2"  # a team's own column beside Daily's
    wb.save(book)
    before = cells(book, skip={"Daily"})
    code, _ = _import(book, FIXTURES / "google_ads.csv", "google_ads")
    assert code == 0
    assert cells(book, skip={"Daily"}) == before
    after = load_workbook(book)
    assert after["Daily"]["L2"].value == "=C2*2"
    assert after["Daily"]["A3"].value is not None  # the import went below the example row


def test_an_overlapping_period_replaces_those_days_and_adds_the_new_ones(
    book: Path, tmp_path: Path
) -> None:
    export = FIXTURES / "supermetrics.csv"
    code, _ = _import(book, export, "supermetrics", "--channel", "Google Ads")
    assert code == 0
    later = tmp_path / "later.csv"  # the same report three days later: 20..25 November
    text = export.read_text()
    for day in range(22, 16, -1):
        text = text.replace(f"2026-11-{day}", f"2026-11-{day + 3}")
    later.write_text(text)
    code, out = _import(book, later, "supermetrics", "--channel", "Google Ads")
    assert code == 0, out
    # 20-22 from the first import and the template's example row on the 23rd are replaced.
    assert "Daily for 2026-11-20..2026-11-25: 2 added, 4 replaced, 0 cleared" in out
    days = [r[0].date().isoformat() for r in _daily(book)[1:] if r[1] == "Google Ads"]  # type: ignore[union-attr]
    assert sorted(days) == [f"2026-11-{d}" for d in range(17, 26)]


def test_campaign_rules_split_one_export_into_channels(book: Path) -> None:
    code, out = _import(
        book,
        FIXTURES / "yandex_direct.csv",
        "yandex_direct",
        "--channel",
        "бренд=Yandex Brand; ретаргет=Yandex Retargeting",
    )
    assert code == 0, out
    assert "12 added" in out
    channels = {r[1] for r in _daily(book)[2:]}
    assert channels == {"Yandex Brand", "Yandex Retargeting"}


def test_a_windows_1251_export_imports_as_its_utf8_twin(
    book: Path, template: Path, tmp_path: Path
) -> None:
    utf8 = FIXTURES / "yandex_direct.csv"
    legacy = tmp_path / "yandex_1251.csv"
    legacy.write_bytes(utf8.read_text(encoding="utf-8-sig").encode("cp1251"))
    twin = Path(shutil.copy(template, tmp_path / "twin.xlsx"))
    code, out = _import(book, legacy, "yandex_direct", "--channel", "Yandex Direct")
    assert code == 0, out
    assert "6 added" in out
    code, _ = _import(twin, utf8, "yandex_direct", "--channel", "Yandex Direct")
    assert code == 0
    assert _daily(book) == _daily(twin)


def test_dry_run_reports_and_writes_nothing(book: Path) -> None:
    before = _hash(book)
    code, out = _import(book, FIXTURES / "vk_ads.csv", "vk_ads", "--dry-run")
    assert code == 0
    assert "6 added" in out
    assert "Dry run: nothing was written." in out
    assert _hash(book) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Дата;Кампания;Расход\n".encode("cp1251") + b"17.11.2026;\x98;100\n", "CSV UTF-8"),
        (b"Report\nnothing,here\n1,2\n", "no header row found for Yandex Direct"),
        (
            "Дата;Кампания;Расход (руб.)\n17.11.2026;бренд;много\n".encode(),
            'row 2, column "Расход (руб.)": "много" is not a number',
        ),
        (b"\x00\x01\x02PK\x03\x04" * 50, "not a text export"),
    ],
    ids=["wrong-encoding", "no-header", "text-in-number", "binary"],
)
def test_a_broken_file_is_one_line_exit_1_and_the_workbook_unchanged(
    book: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(content)
    before = _hash(book)
    code, out = _import(book, broken, "yandex_direct")
    assert code == 1
    assert out.count("\n") == 1
    assert out.startswith("rolemap: broken.csv: ")
    assert message in out
    assert _hash(book) == before


def test_an_unknown_preset_is_a_usage_error(book: Path) -> None:
    code, out = _import(book, FIXTURES / "vk_ads.csv", "tiktok")
    assert code == 2
    assert "unknown preset 'tiktok'" in out


def test_a_russian_workbook_gets_its_po_dnyam_tab_filled(tmp_path: Path) -> None:
    book = tmp_path / "ru.xlsx"
    assert (
        CliRunner().invoke(main, ["template", "build", "--lang", "ru", "-o", str(book)]).exit_code
        == 0
    )
    code, out = _import(
        book, FIXTURES / "yandex_direct.csv", "Яндекс Директ", "--channel", "Директ"
    )
    assert code == 0, out
    wb = load_workbook(book)
    channels = [r[1] for r in wb["По дням"].iter_rows(min_row=2, values_only=True) if r[1]]
    assert channels.count("Директ") == 6
