"""Stop-rule streaks (docs/contract.md §4): what breaches, what ends a streak, who is evaluated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rolemap.core.checks.stop_rules import evaluate_rules
from rolemap.core.i18n.render import ShownCheck
from rolemap.core.model.results import Check, Flag
from tests.unit.sheet_builder import SheetBuilder, shown

MON, TUE, WED = dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 11, 25)


def _sheet(lang: str = "en") -> SheetBuilder:
    return (
        SheetBuilder(lang)  # type: ignore[arg-type]
        .role("cmo", "Maria", can_stop="yes")
        .channel("Direct", owner="Anna")
        .channel("VK", owner="Ivan")
    )


def _flags(sheet: SheetBuilder, as_of: dt.date = WED) -> tuple[list[Flag], list[ShownCheck]]:
    checks: list[Check] = []
    inputs = sheet.inputs()
    flags = evaluate_rules(inputs, as_of, checks)
    return flags, shown(checks, inputs)


def _cpa_rule(sheet: SheetBuilder, **extra: Any) -> SheetBuilder:
    return sheet.rule("CPA too high", "Direct", "cpa", ">", 3000, days=3, **extra)


def test_cpa_streak_with_an_infinite_day_fires() -> None:
    sheet = _cpa_rule(_sheet())
    sheet.daily(MON, "Direct", spend=3500, sales=1).daily(TUE, "Direct", spend=2000, sales=0)
    sheet.daily(WED, "Direct", spend=3100, sales=1)
    flags, _ = _flags(sheet)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.channel, flag.owner, flag.days_in_a_row, flag.since) == ("Direct", "Anna", 3, MON)
    assert flag.last_value == 3100
    assert flag.action == "stop"
    assert flag.status == "new"


def test_cpa_streak_breaks_on_a_day_below_the_threshold() -> None:
    sheet = _cpa_rule(_sheet())
    sheet.daily(MON, "Direct", spend=3500, sales=1).daily(TUE, "Direct", spend=2900, sales=1)
    sheet.daily(WED, "Direct", spend=3100, sales=1)
    assert _flags(sheet)[0] == []


def test_cpa_streak_breaks_on_a_missing_day() -> None:
    sheet = _cpa_rule(_sheet())
    sheet.daily(MON - dt.timedelta(days=1), "Direct", spend=3500, sales=1)
    sheet.daily(MON, "Direct", spend=3500, sales=1).daily(WED, "Direct", spend=3100, sales=1)
    assert _flags(sheet)[0] == []


def test_cpa_streak_breaks_on_day_below_spend_guard() -> None:
    sheet = _cpa_rule(_sheet(), min_spend=1000)
    sheet.daily(MON, "Direct", spend=3500, sales=1).daily(TUE, "Direct", spend=900, sales=0)
    sheet.daily(WED, "Direct", spend=3100, sales=1)
    assert _flags(sheet)[0] == []


def test_streak_must_end_on_the_latest_daily_date_of_the_whole_tab() -> None:
    sheet = _cpa_rule(_sheet())
    for day in (MON, TUE, WED):
        sheet.daily(day, "Direct", spend=5000, sales=1)
    sheet.daily(WED + dt.timedelta(days=1), "VK", spend=100, sales=1)
    flags, _ = _flags(sheet, as_of=WED + dt.timedelta(days=1))
    assert flags == []  # Direct has no row on D, so its streak is 0


def test_rows_after_the_as_of_date_are_ignored() -> None:
    sheet = _cpa_rule(_sheet())
    for day in (MON, TUE, WED):
        sheet.daily(day, "Direct", spend=5000, sales=1)
    sheet.daily(WED + dt.timedelta(days=1), "Direct", spend=10, sales=1)
    assert len(_flags(sheet)[0]) == 1


def test_longer_streak_reports_its_full_length() -> None:
    sheet = _cpa_rule(_sheet())
    for i in range(5):
        sheet.daily(WED - dt.timedelta(days=i), "Direct", spend=5000, sales=1)
    (flag,), _ = _flags(sheet)
    assert flag.days_in_a_row == 5
    assert flag.since == WED - dt.timedelta(days=4)


def test_star_rule_covers_every_channel_that_is_not_stopped() -> None:
    sheet = _sheet().channel("Old", owner="Oleg", status="stopped")
    sheet.rule("Too expensive", "*", "cpa", ">", 1000, days=1)
    for name in ("Direct", "VK", "Old"):
        sheet.daily(WED, name, spend=5000, sales=1)
    flags, _ = _flags(sheet)
    assert sorted(f.channel for f in flags) == ["Direct", "VK"]


def test_stopped_channel_never_fires_even_when_named() -> None:
    sheet = _sheet().channel("Old", owner="Oleg", status="stopped")
    sheet.rule("Too expensive", "Old", "cpa", ">", 1000, days=1)
    sheet.daily(WED, "Old", spend=5000, sales=1)
    assert _flags(sheet)[0] == []


def test_channel_only_in_daily_is_not_evaluated() -> None:
    sheet = _sheet().rule("Too expensive", "*", "cpa", ">", 1000, days=1)
    sheet.daily(WED, "Ghost", spend=5000, sales=1)
    assert _flags(sheet)[0] == []


def test_rate_metric_ignores_the_spend_guard() -> None:
    sheet = _sheet().rule(
        "Unsubscribes", "VK", "unsubscribe_rate", ">", 0.005, min_spend=1000, action="rewrite"
    )
    sheet.daily(WED, "VK", spend=0, emails_sent=2000, unsubscribes=20)
    (flag,), _ = _flags(sheet)
    assert flag.action == "rewrite"
    assert flag.last_value == pytest.approx(0.01)


def test_undefined_metric_does_not_breach() -> None:
    sheet = _sheet().rule("Low CTR", "VK", "ctr", "<", 0.01, action="scale_down")
    sheet.daily(WED, "VK", spend=100, clicks=0, impressions=0)
    assert _flags(sheet)[0] == []


def test_rule_on_a_missing_daily_column_is_reported_and_skipped() -> None:
    sheet = _sheet().rule("Unsubscribes", "*", "unsubscribe_rate", ">", 0.005, action="rewrite")
    sheet.without_column("daily", "unsubscribes").daily(WED, "VK", spend=10, emails_sent=100)
    flags, checks = _flags(sheet)
    assert flags == []
    assert [c.code for c in checks] == ["RULE-NO-DATA"]
    assert "Unsubscribes" in checks[0].message


def test_invalid_rule_is_a_check_not_a_crash() -> None:
    sheet = _sheet().rule("Broken", "*", "Happiness", ">", 1)
    inputs = sheet.inputs()
    assert [c.code for c in inputs.checks] == ["RULE-INVALID"]
    assert inputs.checks[0].row == 2
    assert "'Stop rules'!C2" in inputs.checks[0].fix


def test_russian_rule_names_and_text_numbers_are_understood() -> None:
    sheet = _sheet("ru").rule(
        "Дорогой клиент", "Direct", "CPA", ">", "3 000", days=2, action="Стоп"
    )
    sheet.daily("24.11.2026", "Direct", spend="4 000 ₽", sales=1)
    sheet.daily("25.11.2026", "Direct", spend="5 000", sales=1)
    (flag,), _ = _flags(sheet)
    assert (flag.metric, flag.threshold, flag.days_in_a_row) == ("cpa", 3000, 2)
