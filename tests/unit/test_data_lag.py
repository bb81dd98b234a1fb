"""Settled data: `Data lag (days)` moves every streak's end back, past days still filling in."""

from __future__ import annotations

import datetime as dt

from rolemap.core.checks.stop_rules import evaluate_rules
from rolemap.core.model.results import Check, Flag
from tests.unit.sheet_builder import SheetBuilder

MON = dt.date(2026, 11, 23)
DAYS = [MON + dt.timedelta(days=i) for i in range(4)]  # Mon..Thu


def _sheet(lang: str = "en", lag: int | None = None) -> SheetBuilder:
    sheet = (
        SheetBuilder(lang)  # type: ignore[arg-type]
        .role("cmo", "Maria", can_stop="yes")
        .channel("Direct", owner="Anna")
        .rule("CPA too high", "Direct", "cpa", ">", 3000, days=3)
    )
    if lag is not None:
        sheet.setting("data_lag_days", lag)
    # Mon-Wed breach; Thursday (still filling in) looks fine and would end the streak.
    for day in DAYS[:3]:
        sheet.daily(day, "Direct", spend=5000, sales=1)
    sheet.daily(DAYS[3], "Direct", spend=1000, sales=1)
    return sheet


def _flags(sheet: SheetBuilder, as_of: dt.date = DAYS[3]) -> list[Flag]:
    checks: list[Check] = []
    return evaluate_rules(sheet.inputs(), as_of, checks)


def test_without_a_lag_the_streak_ends_on_the_as_of_date() -> None:
    assert _flags(_sheet()) == []  # Thursday does not breach: the streak is 0


def test_a_lag_of_one_day_ends_the_streak_the_day_before() -> None:
    (flag,) = _flags(_sheet(lag=1))
    assert (flag.days_in_a_row, flag.since) == (3, MON)
    assert flag.last_value == 5000


def test_the_lag_setting_is_read_by_its_russian_name() -> None:
    sheet = _sheet("ru", lag=1)
    assert sheet.inputs().settings.data_lag_days == 1
    assert len(_flags(sheet)) == 1


def test_the_streak_ends_on_the_latest_daily_date_on_or_before_the_lagged_day() -> None:
    # As of Saturday with a lag of 1: Friday has no rows, so the streak ends on Thursday.
    assert _flags(_sheet(lag=1), as_of=DAYS[3] + dt.timedelta(days=2)) == []
    # With a lag of 3 the last judged day is Wednesday.
    assert len(_flags(_sheet(lag=3), as_of=DAYS[3] + dt.timedelta(days=2))) == 1


def test_a_lag_longer_than_the_history_judges_nothing() -> None:
    assert _flags(_sheet(lag=30)) == []


def test_the_lag_defaults_to_zero() -> None:
    assert _sheet().inputs().settings.data_lag_days == 0
