"""Freshness: a stale Daily tab and an as-of date before all data are said out loud."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core.i18n.render import ShownCheck
from rolemap.core.recalc import recalculate_snapshot
from tests.unit.sheet_builder import SheetBuilder, clean_team

WED = dt.date(2026, 11, 25)


def _team(lang: str = "en") -> SheetBuilder:
    sheet = clean_team(lang)  # type: ignore[arg-type]
    sheet.weekly(dt.date(2026, 11, 16), "Google Ads", spend_plan=1000)
    for day in (dt.date(2026, 11, 21), dt.date(2026, 11, 22), dt.date(2026, 11, 20)):
        sheet.daily(day, "Google Ads", spend=100)
    return sheet


def _freshness(sheet: SheetBuilder, as_of: dt.date) -> list[ShownCheck]:
    result = recalculate_snapshot(sheet.snapshot(), today=WED, as_of=as_of)
    return [c for c in result.shown_checks if c.code in {"DATA-STALE", "DATA-AS-OF-BEFORE-DATA"}]


@pytest.mark.parametrize("as_of", [dt.date(2026, 11, 22), dt.date(2026, 11, 24)])
def test_daily_up_to_two_days_old_is_fresh(as_of: dt.date) -> None:
    assert _freshness(_team(), as_of) == []


def test_daily_three_days_old_is_stale_naming_both_dates_and_the_cell() -> None:
    (check,) = _freshness(_team(), WED)
    assert (check.severity, check.code, check.tab, check.row, check.column) == (
        "warning",
        "DATA-STALE",
        "Daily",
        3,  # 2026-11-22, the latest date, is the second data row
        "Date",
    )
    assert "2026-11-22" in check.message
    assert "2026-11-25" in check.message
    assert "Daily!A3" in check.message
    assert "Add the Daily rows up to 2026-11-25" in check.fix


def test_stale_check_speaks_russian_with_russian_dates() -> None:
    (check,) = _freshness(_team("ru"), WED)
    assert check.code == "DATA-STALE"
    assert "22.11.2026" in check.message
    assert "25.11.2026" in check.message
    assert "По дням" in check.fix


def test_as_of_before_all_data_is_one_warning_instead_of_stale() -> None:
    (check,) = _freshness(_team(), dt.date(2026, 1, 1))
    assert (check.severity, check.code) == ("warning", "DATA-AS-OF-BEFORE-DATA")
    assert "2026-01-01" in check.message
    assert "2026-11-16" in check.message  # the Weekly week comes before the first Daily date


def test_an_empty_daily_tab_gives_no_freshness_check() -> None:
    assert _freshness(clean_team(), WED) == []
