# mypy: disable-error-code="list-item,arg-type,operator,type-var,unused-ignore,attr-defined"
# (hand-typed grids and exports: lists of str where the API takes any cell value)
"""Reading the platforms' export files: encodings, delimiters, title lines, totals, conventions."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rolemap.core.sources.exports import ExportError, read_export
from rolemap.core.sources.presets import PRESETS, find_preset, header_key
from rolemap.core.sources.routes import assign, parse_routes
from rolemap.core.sources.table import read_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
TOTALS = {"google_ads": 2, "yandex_direct": 1, "vk_ads": 1}


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_each_fixture_reads_its_dozen_rows_and_skips_only_totals(key: str) -> None:
    table = read_export((FIXTURES / f"{key}.csv").read_bytes(), PRESETS[key])
    assert not table.bad
    assert len(table.frame) == 12
    assert table.totals == TOTALS.get(key, 0)
    assert table.frame["date"].dt.strftime("%Y-%m-%d").min() == "2026-11-17"
    assert table.frame["campaign"].notna().all()


def test_google_ads_utf16_tab_export_reads_thousands_and_decimals() -> None:
    table = read_export((FIXTURES / "google_ads.csv").read_bytes(), PRESETS["google_ads"])
    first = table.frame.iloc[1]
    assert (first["campaign"], first["spend"], first["impressions"]) == (
        "Generic search",
        2500.0,
        6500.0,
    )
    assert table.headers["impressions"] == "Impr."


def test_yandex_semicolons_comma_decimals_and_dash_for_nothing() -> None:
    table = read_export((FIXTURES / "yandex_direct.csv").read_bytes(), PRESETS["yandex_direct"])
    assert table.headers["spend"] == "Расход (руб.)"
    assert table.frame["spend"].iloc[2] == pytest.approx(1812.35)
    assert table.frame["impressions"].iloc[0] == 3320
    assert table.frame["leads"].isna().sum() == 1  # "-" is an empty cell, not a bad number


def test_a_comma_decimal_with_three_digits_is_a_decimal_under_the_yandex_preset() -> None:
    grid = [["Дата", "Кампания", "Расход"], ["17.11.2026", "a", "12,345"]]
    assert read_table(grid, PRESETS["yandex_direct"]).frame["spend"].iat[0] == 12.345


def test_mailchimp_send_dates_with_am_pm_are_read() -> None:
    table = read_export((FIXTURES / "mailchimp.csv").read_bytes(), PRESETS["mailchimp"])
    assert table.frame["emails_sent"].sum() == 6 * (12000 + 5400)


def test_header_names_lose_their_currency() -> None:
    assert header_key("Amount spent (RUB)") == "amount spent"
    assert header_key("Расход (руб.)") == "расход"
    assert header_key("Потрачено, ₽") == "потрачено"


def test_presets_are_found_by_key_title_or_russian_name() -> None:
    assert find_preset("Google Ads") is PRESETS["google_ads"]
    assert find_preset("яндекс директ") is PRESETS["yandex_direct"]
    assert find_preset("nope") is None


def test_a_file_in_windows_1251_reads_as_the_same_text() -> None:
    text = "Дата;Кампания;Расход\n17.11.2026;бренд;100\n"
    got = read_export(text.encode("cp1251"), PRESETS["yandex_direct"])
    same = read_export(text.encode(), PRESETS["yandex_direct"])
    assert got.frame.to_dict("records") == same.frame.to_dict("records")
    assert got.frame["campaign"].tolist() == ["бренд"]


def test_a_file_neither_utf8_nor_1251_is_refused_with_one_line() -> None:
    data = "Дата;Кампания;Расход\n".encode("cp1251") + b"17.11.2026;\x98;100\n"
    with pytest.raises(ExportError, match="not UTF-8 or Windows-1251 text; save it again as CSV"):
        read_export(data, PRESETS["yandex_direct"])


def test_a_file_without_the_presets_header_is_refused() -> None:
    with pytest.raises(ExportError, match="no header row found for Google Ads"):
        read_export(b"just,some,columns\n1,2,3\n", PRESETS["google_ads"])


def test_utf16_without_a_bom_and_utf8_bom_are_both_read() -> None:
    text = "Date,Campaign name,Cost\n2026-11-17,a,10.5\n"
    for data in (text.encode("utf-16-le"), codecs.BOM_UTF8 + text.encode()):
        assert read_export(data, PRESETS["supermetrics"]).frame["spend"].tolist() == [10.5]


def test_a_text_in_a_number_column_is_a_bad_cell_naming_row_and_header() -> None:
    table = read_table(
        [["Day", "Campaign", "Cost"], ["2026-11-17", "a", "lots"]], PRESETS["google_ads"]
    )
    assert [(b.row, b.header, b.value, b.kind) for b in table.bad] == [
        (2, "Cost", "lots", "number")
    ]
    assert table.frame.empty


def test_campaign_rules_first_match_wins_and_a_catch_all_takes_the_rest() -> None:
    import pandas as pd

    routes, bad = parse_routes("brand=Brand search; Generic → Google Ads; =x; nonsense")
    assert bad == ["=x", "nonsense"]
    campaigns = pd.Series(["Brand | generic", "GENERIC", "other", None], dtype=object)
    assert assign(campaigns, routes).tolist() == ["Brand search", "Google Ads", None, None]


def test_every_preset_in_the_templates_dropdown_is_a_known_preset() -> None:
    from rolemap.core.model.contract import load_contract

    choices = load_contract().choice_list("preset")
    assert {c.key for c in choices} == set(PRESETS)
    for choice in choices:
        for name in (*choice.en, *choice.ru, *choice.aliases):
            assert find_preset(name) is PRESETS[choice.key], name


def test_the_yandex_reports_api_tsv_reads_with_its_total_rows_line_skipped() -> None:
    tsv = (
        "Campaign stats (2026-11-17 - 2026-11-18)\n"
        "Date\tCampaignName\tImpressions\tClicks\tCost\tConversions\n"
        "2026-11-17\tБренд\t1520\t84\t1800.5\t2\n"
        "2026-11-18\tБренд\t1650\t89\t1812.35\t--\n"
        "Total rows: 2\n"
    )
    table = read_export(tsv.encode(), PRESETS["yandex_direct"])
    assert table.totals == 1
    assert table.frame["spend"].tolist() == [1800.5, 1812.35]
    assert table.frame["leads"].isna().tolist() == [False, True]
