"""Report discipline (docs/contract.md §3): plan on Monday, facts on Friday, facts match Daily."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core.checks.reports import report_checks
from rolemap.core.model.results import Check
from tests.unit.sheet_builder import SheetBuilder, clean_team

MON = dt.date(2026, 11, 23)
TUE, WED, THU, FRI, SAT = (MON + dt.timedelta(days=d) for d in range(1, 6))
PREV = MON - dt.timedelta(days=7)
PLAN = {"spend_plan": 70_000, "leads_plan": 100}
FACTS = {"spend_fact": 700, "leads_fact": 10, "conclusion": "CPL fine", "action": "Keep bids"}


def _checks(sheet: SheetBuilder, code: str, as_of: dt.date = WED) -> list[Check]:
    return [c for c in report_checks(sheet.inputs(), as_of) if c.code == code]


def _planned(lang: str = "en") -> SheetBuilder:
    """Both channels have this week's plan and last week's full report."""
    sheet = clean_team(lang)  # type: ignore[arg-type]
    for channel in ("Google Ads", "Blog"):
        sheet.weekly(MON, channel, **PLAN).weekly(PREV, channel, **PLAN, **FACTS)
    return sheet


def test_disciplined_team_has_no_report_checks() -> None:
    assert report_checks(_planned().inputs(), THU) == []


def test_no_plan_is_info_on_monday_and_error_on_tuesday() -> None:
    sheet = clean_team().weekly(MON, "Google Ads", **PLAN)
    [monday] = _checks(sheet, "REP-NO-PLAN", MON)
    [tuesday] = _checks(sheet, "REP-NO-PLAN", TUE)
    assert (monday.severity, tuesday.severity) == ("info", "error")
    assert (tuesday.channel, tuesday.person, tuesday.topic) == ("Blog", "Oleg", "plan")
    assert tuesday.message == 'Channel "Blog" has no plan for the week of 2026-11-23 (owner: Oleg).'
    assert tuesday.row is None
    assert "Weekly" in tuesday.fix


def test_row_with_empty_plan_is_no_plan_naming_the_row() -> None:
    sheet = clean_team().weekly(MON, "Google Ads", **PLAN).weekly(MON, "Blog", conclusion="later")
    [check] = _checks(sheet, "REP-NO-PLAN")
    assert (check.severity, check.row, check.column) == ("error", 3, "Spend plan")
    assert "row 3 of Weekly" in check.fix


def test_no_plan_in_russian() -> None:
    sheet = clean_team("ru").weekly(MON, "Google Ads", **PLAN)
    [check] = _checks(sheet, "REP-NO-PLAN")
    assert check.message == "У канала «Blog» нет плана на неделю 23.11.2026 (владелец: Oleg)."


@pytest.mark.parametrize("status", ["paused", "stopped"])
def test_paused_and_stopped_channels_need_no_plan(status: str) -> None:
    sheet = _planned().channel("VK Ads", owner="Anna", status=status)
    assert _checks(sheet, "REP-NO-PLAN") == []


def test_missing_facts_of_a_finished_week_are_an_error() -> None:
    sheet = _planned().weekly(PREV, "VK Ads", **PLAN).channel("VK Ads", owner="Anna")
    sheet.weekly(MON, "VK Ads", **PLAN)
    [check] = _checks(sheet, "REP-NO-FACT")
    assert (check.severity, check.row, check.person, check.topic) == ("error", 6, "Anna", "fact")
    assert "week of 2026-11-16" in check.message
    assert "row 6 of Weekly" in check.fix


def test_fact_due_today_is_info_on_friday() -> None:
    sheet = _planned()
    assert _checks(sheet, "REP-NO-FACT", THU) == []
    friday = _checks(sheet, "REP-NO-FACT", FRI)
    assert [c.severity for c in friday] == ["info", "info"]
    assert [c.severity for c in _checks(sheet, "REP-NO-FACT", SAT)] == ["error", "error"]


def test_stopped_channel_rows_still_need_their_facts() -> None:
    sheet = _planned().channel("VK Ads", owner="Anna", status="stopped")
    sheet.weekly(PREV, "VK Ads", **PLAN)
    [check] = _checks(sheet, "REP-NO-FACT")
    assert check.channel == "VK Ads"


def test_facts_without_conclusion_or_action_are_warnings_on_the_cells() -> None:
    sheet = clean_team().weekly(PREV, "Google Ads", spend_fact=700)
    [conclusion] = _checks(sheet, "REP-NO-CONCLUSION")
    [action] = _checks(sheet, "REP-NO-ACTION")
    assert (conclusion.severity, conclusion.topic, conclusion.row) == ("warning", "conclusion", 2)
    assert "Weekly!M2" in conclusion.fix
    assert "Weekly!N2" in action.fix
    assert action.topic == "action"
    assert action.person == "Anna"


def test_no_conclusion_in_russian_names_the_cell() -> None:
    sheet = clean_team("ru").weekly(PREV, "Google Ads", spend_fact=700, action="Снизить ставки")
    [check] = _checks(sheet, "REP-NO-CONCLUSION")
    assert "есть факт, но нет вывода" in check.message
    assert "'Неделя'!M2" in check.fix
    assert _checks(sheet, "REP-NO-ACTION") == []


def test_rows_without_facts_need_no_conclusion() -> None:
    sheet = clean_team().weekly(MON, "Google Ads", **PLAN)
    assert _checks(sheet, "REP-NO-CONCLUSION") == [] == _checks(sheet, "REP-NO-ACTION")


def _week_of_daily(sheet: SheetBuilder, days: int = 7, **values: float) -> SheetBuilder:
    for d in range(days):
        sheet.daily(PREV + dt.timedelta(days=d), "Google Ads", **values)
    return sheet


def test_mismatch_above_5_percent_is_a_warning_per_metric() -> None:
    sheet = clean_team().weekly(PREV, "Google Ads", spend_fact=800, leads_fact=10, sales_fact=7)
    _week_of_daily(sheet, spend=100, leads=1, sales=1)
    checks = _checks(sheet, "REP-FACT-MISMATCH")
    assert [(c.severity, c.column) for c in checks] == [
        ("warning", "Spend fact"), ("warning", "Leads fact")
    ]  # fmt: skip
    assert checks[0].message == (
        'Spend fact for "Google Ads", week of 2026-11-16, is 800 but Daily adds up to 700 '
        "(+14.3% apart)."
    )
    assert "Weekly!D2" in checks[0].fix
    assert checks[1].channel == "Google Ads"


def test_mismatch_at_exactly_5_percent_is_quiet() -> None:
    sheet = clean_team().weekly(PREV, "Google Ads", spend_fact=735, revenue_fact=665)
    _week_of_daily(sheet, spend=100, revenue=100)
    assert _checks(sheet, "REP-FACT-MISMATCH") == []


def test_mismatch_against_a_zero_daily_sum() -> None:
    sheet = clean_team().weekly(PREV, "Google Ads", sales_fact=2, leads_fact=0)
    _week_of_daily(sheet, sales=0, leads=0)
    [check] = _checks(sheet, "REP-FACT-MISMATCH")
    assert check.column == "Sales fact"


def test_mismatch_is_ignored_when_daily_week_is_incomplete() -> None:
    sheet = clean_team().weekly(PREV, "Google Ads", spend_fact=9_999)
    _week_of_daily(sheet, days=6, spend=100)
    assert _checks(sheet, "REP-FACT-MISMATCH") == []


def test_mismatch_in_russian_uses_russian_numbers() -> None:
    sheet = clean_team("ru").weekly(PREV, "Google Ads", revenue_fact=12_000)
    _week_of_daily(sheet, revenue=1_000)
    [check] = _checks(sheet, "REP-FACT-MISMATCH")
    assert "Выручка (факт)" in check.message
    assert "12\u00a0000" in check.message
    assert "+71,4%" in check.message
