"""Verdicts (docs/contract.md §5, first match wins) and the period figures they are built on."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core.metrics.summary import verdict
from rolemap.core.model.results import ChannelRow
from rolemap.core.recalc import recalculate_snapshot
from tests.unit.sheet_builder import clean_team

WED = dt.date(2026, 11, 25)
WEEKS = [dt.date(2026, 11, 16) - dt.timedelta(days=7 * i) for i in range(4)]


def _row(**values: object) -> ChannelRow:
    base: dict[str, object] = {"channel": "Ads", "owner": "Anna", "status": "active"}
    return ChannelRow(**(base | values))


@pytest.mark.parametrize(
    ("row", "actions", "broken", "expected"),
    [
        (_row(status="stopped"), {"Ads": ["stop"]}, {"Ads"}, "stopped"),
        (_row(status="test"), {"Ads": ["stop"]}, {"Ads"}, "stop"),
        (_row(status="test", romi=-1.0), {"Ads": ["review"]}, {"Ads"}, "fix_data"),
        (_row(status="test", romi=-1.0), {}, set(), "test"),
        (_row(romi=-0.01, revenue_plan_attainment=2.0), {}, set(), "cut"),
        (_row(romi=0.3, revenue_plan_attainment=1.0), {}, set(), "scale"),
        (_row(romi=0.29, revenue_plan_attainment=1.5), {}, set(), "keep"),
        (_row(romi=0.5, revenue_plan_attainment=0.99), {}, set(), "keep"),
        (_row(romi=None, revenue_plan_attainment=None), {}, set(), "keep"),
    ],
)
def test_first_matching_verdict_wins(
    row: ChannelRow, actions: dict[str, list[str]], broken: set[str], expected: str
) -> None:
    assert verdict(row, actions, broken, target_romi=0.3) == expected  # type: ignore[arg-type]


def _sheet_with_four_weeks(revenue: float, plan: float, spend: float = 1000.0):
    sheet = clean_team().setting("gross_margin", 0.5).setting("target_romi", 0.3)
    for week in WEEKS:
        sheet.weekly(
            week,
            "Google Ads",
            spend_plan=spend,
            spend_fact=spend,
            leads_fact=10,
            sales_fact=2,
            revenue_plan=plan,
            revenue_fact=revenue,
            conclusion="ok",
            action="go",
        )
        sheet.weekly(
            week,
            "Blog",
            spend_fact=0,
            revenue_fact=0,
            leads_fact=1,
            sales_fact=0,
            revenue_plan=1,
            conclusion="ok",
            action="go",
        )
    for channel in ("Google Ads", "Blog"):  # this week's plan is in, so no REP-NO-PLAN error
        sheet.weekly(dt.date(2026, 11, 23), channel, revenue_plan=plan)
    return sheet


def test_channel_figures_sum_the_last_four_finished_weeks() -> None:
    result = recalculate_snapshot(_sheet_with_four_weeks(3000, 2500).snapshot(), today=WED)
    ads = next(r for r in result.channels if r.channel == "Google Ads")
    assert (ads.spend, ads.leads, ads.sales, ads.revenue) == (4000, 40, 8, 12000)
    assert ads.cpl == 100
    assert ads.cpa == 500
    assert ads.roas == 3
    assert ads.romi == pytest.approx((12000 * 0.5 - 4000) / 4000)
    assert ads.revenue_plan_attainment == pytest.approx(1.2)
    assert ads.revenue_share == 1.0
    assert ads.verdict == "scale"


def test_negative_romi_cuts_the_channel() -> None:
    result = recalculate_snapshot(_sheet_with_four_weeks(1000, 900).snapshot(), today=WED)
    ads = next(r for r in result.channels if r.channel == "Google Ads")
    assert ads.romi is not None
    assert ads.romi < 0
    assert ads.verdict == "cut"


def test_weeks_outside_the_period_do_not_count() -> None:
    sheet = _sheet_with_four_weeks(3000, 2500)
    sheet.weekly(
        dt.date(2026, 10, 19),
        "Google Ads",
        spend_fact=99_999,
        revenue_fact=1,
        conclusion="x",
        action="y",
    )
    result = recalculate_snapshot(sheet.snapshot(), today=WED)
    ads = next(r for r in result.channels if r.channel == "Google Ads")
    assert ads.spend == 4000


def test_totals_add_prorated_fixed_costs_to_cac() -> None:
    sheet = _sheet_with_four_weeks(3000, 2500).setting("fixed_costs_monthly", 365_000)
    result = recalculate_snapshot(sheet.snapshot(), today=WED)
    fact = result.four_weeks.fact
    assert fact.cac == pytest.approx((4000 + 365_000 * 336 / 365) / 8)
    assert result.four_weeks.weeks == tuple(reversed(WEEKS))
    assert result.last_week.weeks == (WEEKS[0],)


def test_missing_plan_is_unknown_not_zero() -> None:
    sheet = clean_team().weekly(WEEKS[0], "Blog", spend_fact=10, conclusion="a", action="b")
    result = recalculate_snapshot(sheet.snapshot(), today=WED)
    assert result.last_week.plan.revenue is None
    assert result.last_week.fact.revenue == 0
