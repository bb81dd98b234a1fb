# mypy: disable-error-code="union-attr,arg-type"
# (pandas-stubs type a `.loc` scalar as any of twenty types; these asserts read known ones)
"""Channel pages: the last 4 finished weeks plan against fact, the team's word, flags, gaps.

As of Wednesday 2026-11-25 the last finished week is the one of Monday 11-16 (its Friday, 11-20,
has passed); the four are 10-26, 11-02, 11-09 and 11-16. The figures below are by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from rolemap.core.metrics.channel_weeks import four_week_totals, latest_notes, week_figures
from rolemap.core.model.contract import Lang, load_contract
from rolemap.core.model.periods import finished_weeks
from rolemap.core.plan.channel_pages_tab import channel_pages_tab
from rolemap.core.plan.model import OutputTab
from rolemap.core.recalc import RunResult, recalculate_snapshot
from tests.unit.sheet_builder import SheetBuilder

AS_OF = dt.date(2026, 11, 25)
WEEKS = finished_weeks(AS_OF, 4)
ADS, BLOG = "Google Ads", "Blog"


def _sheet(lang: Lang = "en") -> SheetBuilder:
    week = dt.date
    return (
        SheetBuilder(lang)
        .role("cmo", "Maria", can_stop="yes")
        .role("performance", "Anna", kpi="CPA")
        .channel(ADS, owner="Anna", kpi="CPA", kpi_target=50)
        .channel(BLOG, group="organic", owner="Oleg", budget=None, kpi="Leads")
        .weekly(week(2026, 10, 19), ADS, spend_plan=1, spend_fact=999)  # before the 4 weeks
        .weekly(
            week(2026, 11, 2),
            ADS,
            spend_plan=100,
            spend_fact=90,
            leads_plan=10,
            leads_fact=12,
            sales_plan=2,
            sales_fact=1,
            revenue_plan=1000,
            revenue_fact=800,
            kpi_plan=50,
            kpi_fact=45,
            conclusion="Slow start",
            action="Raise bids",
        )
        .weekly(
            week(2026, 11, 16),
            ADS,
            spend_plan=100,
            spend_fact=120,
            leads_fact=10,
            conclusion="Better",
            action="Keep",
        )
        .weekly(week(2026, 11, 23), ADS, spend_plan=100)  # the current week: plan only
        .weekly(week(2026, 11, 16), BLOG, leads_plan=5)  # a plan, no facts: REP-NO-FACT
        .daily(dt.date(2026, 11, 24), ADS, spend=50)
        .rule("Spend cap", ADS, "spend", ">", 10, days=1)
    )


def _result(lang: Lang = "en") -> RunResult:
    return recalculate_snapshot(_sheet(lang).snapshot(), today=AS_OF)


def test_week_figures_are_the_weekly_cells_of_the_four_finished_weeks_only() -> None:
    inputs = _sheet().inputs()
    figures = week_figures(inputs, WEEKS)
    spend = figures.loc[ADS, "spend_fact"].tolist()
    assert [0 if math.isnan(v) else v for v in spend] == [0, 90, 0, 120]
    assert math.isnan(figures.loc[(ADS, pd.Timestamp(WEEKS[0])), "spend_fact"])  # none written
    assert figures.loc[(BLOG, pd.Timestamp(WEEKS[3])), "leads_plan"] == 5
    totals = four_week_totals(figures)
    assert totals.loc[ADS].to_dict() == {
        "spend_plan": 200.0, "leads_plan": 10.0, "sales_plan": 2.0, "revenue_plan": 1000.0,
        "spend_fact": 210.0, "leads_fact": 22.0, "sales_fact": 1.0, "revenue_fact": 800.0,
    }  # fmt: skip
    assert math.isnan(totals.loc[BLOG, "spend_plan"])  # a plan nobody wrote stays unknown
    assert totals.loc[BLOG, "spend_fact"] == 0  # an empty fact adds nothing


def test_latest_notes_are_the_newest_week_with_a_conclusion_or_an_action() -> None:
    notes = latest_notes(_sheet().inputs(), AS_OF)
    assert notes.loc[ADS, "conclusion"] == "Better"
    assert notes.loc[ADS, "action"] == "Keep"
    assert notes.loc[ADS, "week"].date() == dt.date(2026, 11, 16)
    assert BLOG not in notes.index


def _tab(lang: Lang = "en") -> OutputTab:
    return channel_pages_tab(_result(lang), load_contract().output("channel_pages"))


def _values(tab: OutputTab) -> list[list[Any]]:
    out = []
    for row in tab.rows:
        cells = [c.value for c in row]
        while cells and cells[-1] is None:
            cells.pop()
        out.append(cells)
    return out


def _after(rows: list[list[Any]], first: str, start: int = 0) -> int:
    return next(i for i in range(start, len(rows)) if rows[i] and rows[i][0] == first)


def test_a_page_shows_plan_fact_and_attainment_per_week_and_for_the_four_weeks() -> None:
    rows = _values(_tab())
    top = _after(rows, ADS)
    assert rows[top + 1] == ["Owner", "Anna", None, "Status", "Active", "Group", "Paid"]
    assert rows[top + 2] == ["Primary KPI", "CPA", None, "KPI target", 50, "Verdict", "Stop"]
    head = _after(rows, "Last 4 finished weeks, 2026-10-26 – 2026-11-22", top)
    assert rows[head + 1] == [None, None, "Oct 26", "Nov 2", "Nov 9", "Nov 16", "4 weeks"]
    spend = _after(rows, "Spend, RUB", head)
    assert rows[spend : spend + 3] == [
        ["Spend, RUB", "plan", None, 100, None, 100, 200],
        [None, "fact", None, 90, None, 120, 210],
        [None, "% of plan", None, 0.9, None, 1.2, 1.05],
    ]
    leads = _after(rows, "Leads", head)
    assert rows[leads : leads + 3] == [
        ["Leads", "plan", None, 10, None, None, 10],
        [None, "fact", None, 12, None, 10, 22],
        [None, "% of plan", None, 1.2, None, None, 2.2],
    ]
    kpi = _after(rows, "KPI: CPA", head)
    assert rows[kpi : kpi + 3] == [
        ["KPI: CPA", "plan", None, 50],
        [None, "fact", None, 45],
        [None, "% of plan", None, 0.9],
    ]  # a KPI has no 4-week sum


def test_a_page_carries_the_teams_word_the_flags_and_what_the_report_misses() -> None:
    result = _result()
    rows = _values(channel_pages_tab(result, load_contract().output("channel_pages")))
    top, blog = _after(rows, ADS), _after(rows, BLOG)
    words = _after(rows, "The team's latest word (week of 2026-11-16)", top)
    assert rows[words + 1 : words + 3] == [["Conclusion", "Better"], ["Action", "Keep"]]
    flags = _after(rows, "Active flags", top)
    assert rows[flags + 1][0].startswith('Stop "Google Ads": Spend 50 > 10')
    missing = _after(rows, "Missing from the report", top)
    ads_gaps = [
        c.message for c in result.shown_checks if c.code.startswith("REP-") and c.channel == ADS
    ]
    assert ads_gaps  # the 11-02 row has facts; REP-* names what else is due
    assert [r[0] for r in rows[missing + 1 : missing + 1 + len(ads_gaps)]] == ads_gaps
    blog_gaps = [
        c.message for c in result.shown_checks if c.code == "REP-NO-FACT" and c.channel == BLOG
    ]
    assert len(blog_gaps) == 1
    assert blog_gaps[0] in [r[0] for r in rows[blog:] if r]
    assert blog_gaps[0] not in [r[0] for r in rows[:blog] if r]
    assert rows[_after(rows, "Active flags", blog) + 1] == ["No stop rule fires."]


def test_every_channel_but_the_first_starts_a_printed_page() -> None:
    tab = _tab()
    rows = _values(tab)
    assert tab.page_breaks == (_after(rows, BLOG),)
    assert rows[_after(rows, BLOG) - 1] == []  # a gap on screen before the next block


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_channel_pages_speak_the_sheet_language(lang: Lang) -> None:
    tab = _tab(lang)
    rows = _values(tab)
    assert tab.title == load_contract().output("channel_pages").title(lang)
    if lang == "ru":
        head = _after(rows, "Последние 4 завершённые недели, 26.10.2026 – 22.11.2026")
        assert rows[head + 1] == [None, None, "26.10", "02.11", "09.11", "16.11", "4 недели"]
        assert _after(rows, "Расход, RUB") > head
