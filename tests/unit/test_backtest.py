"""Stop-rule backtest on a hand-worked history: days fired, episodes, first/last, money on them."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.checks.backtest import backtest
from rolemap.core.checks.stop_rules import evaluate_rules
from rolemap.core.plan.backtest_block import backtest_rows
from rolemap.pipeline import run
from tests.unit.sheet_builder import SheetBuilder

D = [dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(12)]  # Nov 1 .. Nov 12


def _sheet() -> SheetBuilder:
    sheet = (
        SheetBuilder("en")
        .role("cmo", "Maria", can_stop="yes")
        .channel("Direct", owner="Anna")
        .channel("VK", owner="Ivan")
        .channel("Old", owner="Oleg", status="stopped")
        .rule("CPA too high", "*", "cpa", ">", 3000, days=2, min_spend=1000)
    )
    # Direct, by hand (CPA = spend / sales; B = breaches):
    #   Nov 1  4000/1 = 4000  B   streak 1
    #   Nov 2  5000/1 = 5000  B   streak 2  fires (episode 1 starts)
    #   Nov 3  2000/0 = inf   B   streak 3  fires
    #   Nov 4  1000/1 = 1000  -   streak 0
    #   Nov 5  6000/1 = 6000  B   streak 1
    #   Nov 6  (no row)           a missing day breaks the streak
    #   Nov 7  7000/1 = 7000  B   streak 1
    #   Nov 8  8000/2 = 4000  B   streak 2  fires (episode 2)
    #   Nov 9   900/0 = inf   -   below the 1000 spend guard: not judged, breaks
    #   Nov 10 3500/1 = 3500  B   streak 1
    #   Nov 11 3600/1 = 3600  B   streak 2  fires (episode 3)
    #   Nov 12 3700/1 = 3700  B   streak 3  fires
    rows = [
        (0, 4000, 1, 10_000),
        (1, 5000, 1, 11_000),
        (2, 2000, 0, 0),
        (3, 1000, 1, 9_000),
        (4, 6000, 1, 8_000),
        (6, 7000, 1, 7_000),
        (7, 8000, 2, 20_000),
        (8, 900, 0, 0),
        (9, 3500, 1, 1_000),
        (10, 3600, 1, 2_000),
        (11, 3700, 1, 3_000),
    ]
    for day, spend, sales, revenue in rows:
        sheet.daily(D[day], "Direct", spend=spend, sales=sales, revenue=revenue)
    # VK never breaches twice in a row; Old is stopped and not judged.
    for day in range(12):
        sheet.daily(D[day], "VK", spend=5000 if day % 2 else 1000, sales=1, revenue=9000)
        sheet.daily(D[day], "Old", spend=9000, sales=0)
    return sheet


def test_backtest_matches_the_hand_worked_history() -> None:
    rows = {r.channel: r for r in backtest(_sheet().inputs(), D[-1])}
    assert set(rows) == {"Direct", "VK"}
    direct = rows["Direct"]
    # Fires on Nov 2, 3, 8, 11, 12.
    assert direct.days_fired == 5
    assert direct.episodes == 3
    assert (direct.first_fired, direct.last_fired) == (D[1], D[11])
    assert direct.spend_on_fired_days == pytest.approx(5000 + 2000 + 8000 + 3600 + 3700)
    assert direct.revenue_on_fired_days == pytest.approx(11_000 + 0 + 20_000 + 2_000 + 3_000)
    vk = rows["VK"]
    assert (vk.days_fired, vk.episodes, vk.first_fired, vk.last_fired) == (0, 0, None, None)
    assert vk.spend_on_fired_days == 0.0


def test_backtest_firing_on_the_last_day_agrees_with_the_live_flag() -> None:
    inputs = _sheet().inputs()
    (flag,) = evaluate_rules(inputs, D[-1], [])
    assert (flag.channel, flag.days_in_a_row) == ("Direct", 3)
    assert {r.channel: r.last_fired for r in backtest(inputs, D[-1])}["Direct"] == D[-1]


def test_backtest_stops_at_the_as_of_date_minus_the_data_lag() -> None:
    sheet = _sheet().setting("data_lag_days", 2)
    (direct, _) = backtest(sheet.inputs(), D[-1])
    # Judged up to Nov 10: fires on Nov 2, 3, 8 only.
    assert (direct.days_fired, direct.episodes, direct.last_fired) == (3, 2, D[7])


def test_backtest_json_row() -> None:
    direct = backtest(_sheet().inputs(), D[-1])[0]
    assert direct.to_json() == {
        "rule": "CPA too high",
        "channel": "Direct",
        "metric": "cpa",
        "days_fired": 5,
        "episodes": 3,
        "first_fired": "2026-11-02",
        "last_fired": "2026-11-12",
        "spend_on_fired_days": 22_300.0,
        "revenue_on_fired_days": 36_000.0,
    }


def test_no_daily_rows_gives_no_backtest() -> None:
    sheet = SheetBuilder("en").channel("Direct", owner="Anna")
    sheet.rule("CPA too high", "*", "cpa", ">", 3000)
    assert backtest(sheet.inputs(), D[-1]) == []


def test_stop_flags_tab_shows_the_backtest_below_the_flags_and_the_next_run_ignores_it() -> None:
    sheet = _sheet()
    storage = MemoryStorage(sheet.snapshot().tabs)
    first = run(storage, as_of=D[-1], now=dt.datetime(2026, 11, 12, 9))
    assert [b["channel"] for b in first.json["backtest"]] == ["Direct", "VK"]
    tab = storage.tabs["Stop flags"]
    assert tab[1][0] == "Direct"  # the one live flag
    assert tab[2] == []  # a blank row, then the block
    assert str(tab[3][0]).startswith("Backtest")
    header = tab[5]
    assert header[:2] == ["Rule", "Channel"]
    assert header[5] == "Days fired"
    assert tab[6][:7] == ["CPA too high", "Direct", "CPA", "Stop", 2, 5, 3]
    assert tab[7][1] == "VK"
    assert tab[7][5] == 0
    second = run(storage, as_of=D[-1], now=dt.datetime(2026, 11, 12, 10))
    assert [f["status"] for f in second.json["flags"]] == ["ongoing"]
    assert len(storage.tabs["Stop flags"]) == len(tab)


def test_the_backtest_block_speaks_russian_in_a_russian_sheet() -> None:
    rows, _ = backtest_rows(tuple(backtest(_sheet().inputs(), D[-1])), "ru", 2)
    assert str(rows[1][0].value).startswith("Проверка на истории")
    assert rows[3][5].value == "Дней сработало"
    assert rows[4][3].value == "Стоп"
