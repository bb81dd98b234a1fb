"""Reading a messy sheet: DATA-* checks name the cell, bad rows are left out, the run goes on."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core.model.snapshot import Snapshot
from rolemap.core.parse.inputs import read_inputs
from tests.unit.sheet_builder import SheetBuilder, clean_team

WED = dt.date(2026, 11, 25)


def _codes(sheet: SheetBuilder) -> list[str]:
    return [c.code for c in sheet.inputs().checks]


def test_missing_required_tab_is_an_error_and_the_rest_still_parses() -> None:
    inputs = clean_team().without_tab("daily").inputs()
    assert [c.code for c in inputs.checks] == ["DATA-MISSING-TAB"]
    assert inputs.checks[0].tab == "Daily"
    assert inputs.daily is None
    assert inputs.channels is not None


def test_missing_required_column_names_the_header_row() -> None:
    inputs = clean_team().without_column("daily", "channel").inputs()
    (check,) = inputs.checks
    assert (check.code, check.tab, check.column, check.row) == (
        "DATA-MISSING-COLUMN",
        "Daily",
        "Channel",
        1,
    )
    assert '"Channel"' in check.message


def test_unreadable_number_names_the_cell_and_drops_the_row() -> None:
    sheet = clean_team().daily(WED, "Google Ads", spend="lots").daily(WED, "Blog", spend=10)
    inputs = sheet.inputs()
    (check,) = inputs.checks
    assert check.code == "DATA-BAD-NUMBER"
    assert (check.tab, check.row, check.column) == ("Daily", 2, "Spend")
    assert "Daily!C2" in check.message
    assert list(inputs.daily_sum["channel"]) == ["Blog"]


def test_unreadable_date_names_the_cell() -> None:
    (check,) = clean_team().daily("31.02.2026", "Blog", spend=1).inputs().checks
    assert check.code == "DATA-BAD-DATE"
    assert "Daily!A2" in check.message


def test_negative_spend_is_an_error() -> None:
    (check,) = clean_team().daily(WED, "Blog", spend=-5).inputs().checks
    assert (check.code, check.column) == ("DATA-NEGATIVE", "Spend")


def test_google_error_values_are_bad_numbers() -> None:
    assert _codes(clean_team().daily(WED, "Blog", leads="#N/A")) == ["DATA-BAD-NUMBER"]


def test_unknown_channel_is_one_warning_per_name() -> None:
    sheet = clean_team().daily(WED, "Ghost", spend=1).daily(WED - dt.timedelta(1), "Ghost")
    (check,) = sheet.inputs().checks
    assert (check.code, check.row) == ("DATA-UNKNOWN-CHANNEL", 2)
    assert '"Ghost"' in check.message


def test_channel_names_match_case_and_space_insensitively() -> None:
    inputs = clean_team().daily(WED, "  google   ADS ", spend=7).inputs()
    assert inputs.checks == []
    assert list(inputs.daily_sum["channel"]) == ["Google Ads"]


def test_duplicate_daily_rows_are_summed_with_a_warning() -> None:
    sheet = clean_team().daily(WED, "Blog", spend=10, leads=1).daily(WED, "Blog", spend=5)
    inputs = sheet.inputs()
    (check,) = inputs.checks
    assert check.code == "DATA-DUPLICATE-ROW"
    assert check.severity == "warning"
    row = inputs.daily_sum.iloc[0]
    assert (row["spend"], row["leads"], row["row"]) == (15, 1, 2)


def test_week_that_is_not_a_monday_is_moved_to_its_monday() -> None:
    inputs = clean_team().weekly(WED, "Blog", spend_plan=100).inputs()
    (check,) = inputs.checks
    assert check.code == "DATA-WEEK-NOT-MONDAY"
    assert "2026-11-23" in check.message
    assert inputs.weekly_sum["week"].iloc[0].date() == dt.date(2026, 11, 23)


def test_blank_rows_in_the_middle_are_skipped_silently() -> None:
    snapshot = clean_team().daily(WED, "Blog", spend=1).snapshot()
    snapshot.tabs["Daily"].insert(1, [None, "", "   "])
    inputs = read_inputs(snapshot)
    assert inputs.checks == []
    assert list(inputs.daily_sum["row"]) == [3]


def test_headers_match_in_any_order_case_and_language_insensitively() -> None:
    snapshot = Snapshot(
        tabs={
            "  daily ": [["spend", "КАНАЛ", "Date"], [12, "Blog", WED]],
            "Каналы": [
                ["Канал", "Группа", "Владелец", "Статус", "Главный KPI"],
                ["Blog", "Органика", "Oleg", "Активен", "Лиды"],
            ],
        }
    )
    inputs = read_inputs(snapshot)
    assert inputs.daily_sum["spend"].tolist() == [12]
    assert inputs.channels is not None
    assert inputs.channels.frame["status_key"].tolist() == ["active"]


def test_header_row_below_a_title_row_is_found() -> None:
    snapshot = clean_team().daily(WED, "Blog", spend=3).snapshot()
    snapshot.tabs["Daily"].insert(0, ["Daily metrics — fill in every evening"])
    inputs = read_inputs(snapshot)
    assert inputs.daily is not None
    assert inputs.daily.header_row == 1
    assert inputs.daily_sum["row"].tolist() == [3]


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("gross_margin", "55%", 0.55),
        ("gross_margin", 0.55, 0.55),
        ("gross_margin", "55", 0.55),
        ("fixed_costs_monthly", "450 000 ₽", 450_000),
        ("as_of", "25.11.2026", WED),
        ("review_every_days", "30", 30),
    ],
)
def test_settings_accept_what_people_type(key: str, raw: object, expected: object) -> None:
    inputs = clean_team().setting(key, raw).inputs()  # type: ignore[arg-type]
    assert getattr(inputs.settings, key) == expected


def test_bad_setting_is_a_check_and_falls_back_to_the_default() -> None:
    inputs = clean_team().setting("gross_margin", "most").inputs()
    assert [c.code for c in inputs.checks] == ["DATA-BAD-NUMBER"]
    assert inputs.settings.gross_margin == 1.0


def test_language_setting_switches_messages_to_russian() -> None:
    inputs = clean_team().setting("language", "ru").daily(WED, "Blog", spend="много").inputs()
    assert inputs.lang == "ru"
    assert "должно быть число" in inputs.checks[0].message
