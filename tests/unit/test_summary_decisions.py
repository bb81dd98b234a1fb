"""The decision-first CMO summary, on the demo: what the CMO decides, what is sheet work, and a
first screen that holds both the decisions and the channel verdicts."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.contract import Lang
from rolemap.core.plan.decisions import chores, decisions, verdict_text
from rolemap.core.plan.model import OutputTab
from rolemap.demo import build_demo
from rolemap.pipeline import Outcome, run

AS_OF = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
FIRST_SCREEN_ROWS = 30  # 800 px of ~21-px rows, with a few tall ones
FIRST_SCREEN_PX = 1260  # 1400 screen pixels of a LibreOffice render


@cache
def outcome(lang: Lang) -> Outcome:
    return run(MemoryStorage(build_demo(lang, AS_OF)), now=NOW)


def summary(lang: Lang) -> OutputTab:
    return next(t for t in outcome(lang).plan.outputs if t.key == "summary")


def texts(tab: OutputTab) -> list[str]:
    return [str(row[0].value) for row in tab.rows if row and row[0].value is not None]


def row_of(tab: OutputTab, start: str) -> int:
    return next(i for i, row in enumerate(tab.rows) if row and str(row[0].value).startswith(start))


def test_a_data_error_no_longer_hides_a_cut_but_the_json_verdict_stays() -> None:
    result = outcome("en").result
    pr = next(r for r in result.channels if r.channel == "PR")
    kpi = next(k for k in result.channel_kpis if k.channel == "PR")
    assert pr.verdict == "fix_data"  # §5 and the JSON are unchanged
    assert kpi.economic_verdict == "cut"
    assert verdict_text(pr, kpi, "en") == "Fix data · then Cut: ROMI \u221243.6%"
    assert verdict_text(pr, kpi, "ru") == "Исправить данные · затем Сократить: ROMI \u221243,6%"
    said = [d.text for d in decisions(result, "Maria")]
    assert any(t.startswith('Cut "PR" once its data is fixed: ROMI \u221243.6%') for t in said)
    assert outcome("en").json["channels"][5]["verdict"] == "fix_data"


def test_a_flag_on_a_channel_that_pays_off_is_explained() -> None:
    said = [d.text for d in decisions(outcome("en").result, "Maria")]
    rewrite = next(t for t in said if t.startswith('Rewrite "E-mail newsletter"'))
    assert "verdict Scale" in rewrite
    assert "keep the channel" in rewrite
    assert "on the last day (2026-11-25)" in rewrite


def test_every_figure_names_its_period() -> None:
    said = [d.text for d in decisions(outcome("en").result, "Maria")]
    stop = said[0]
    nbsp = "\u00a0"  # thousands separator of the sentences
    assert stop.startswith(f'Stop "Yandex Direct": CPA 4{nbsp}718 > 4{nbsp}000 on the last day')
    assert "4 days in a row" in stop
    assert f"Last 4 weeks: CPA 2{nbsp}744" in stop
    tab = summary("en")
    assert any(t.startswith("Channels, last 4 finished weeks (2026-10-26") for t in texts(tab))


def test_decisions_are_the_cmos_calls_and_chores_go_to_their_own_section() -> None:
    result = outcome("en").result
    said = [d.text for d in decisions(result, "Maria")]
    kinds = [t.split(" ", 1)[0] for t in said]
    assert kinds == ["Stop", "Cut", "Cut", "Rewrite", "Scale", "Roles:", "Assign:"]
    todo = {c.code for c in chores(result)}
    assert "REP-NO-FACT" in todo
    assert "REP-NO-PLAN" in todo
    assert not todo & {"OWN-CONFLICT", "CH-NO-OWNER"}
    tab = summary("en")
    assert f"To fix in the sheet ({len(chores(result))})" in texts(tab)
    assert "Исправить в таблице (6)" in texts(summary("ru"))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_first_screen_holds_decisions_then_channels_with_flag_and_verdict(lang: Lang) -> None:
    tab = summary(lang)
    decisions_row = row_of(tab, "Decisions" if lang == "en" else "Решения")
    channels_row = row_of(tab, "Channels" if lang == "en" else "Каналы")
    totals_row = row_of(tab, "Totals" if lang == "en" else "Итоги")
    assert decisions_row < channels_row < totals_row < FIRST_SCREEN_ROWS
    heads = [c.value for c in tab.rows[channels_row + 1]]
    verdict, flag = (
        heads.index("Verdict" if lang == "en" else "Вердикт"),
        heads.index("Flag" if lang == "en" else "Флаг"),
    )
    assert sum(tab.column_widths[: max(verdict, flag) + 1]) < FIRST_SCREEN_PX
    assert sum(tab.column_widths[:12]) <= FIRST_SCREEN_PX  # up to Revenue vs plan
    assert tab.frozen_rows == 2
    assert tab.tab_color is not None
    assert outcome(lang).plan.open_on == "summary"
    assert outcome(lang).plan.outputs[0].key == "summary"


def test_channel_rows_show_the_kpi_target_fact_and_change() -> None:
    tab = summary("en")
    head = row_of(tab, "Channels") + 1
    names = [c.value for c in tab.rows[head]]
    yandex = tab.rows[head + 1]
    cell = dict(zip(names, yandex, strict=False))
    assert cell["Primary KPI"].value == "CPA"
    assert cell["KPI target"].value == 3000
    assert cell["KPI fact, 4 wk"].value == pytest.approx(2743.645, abs=0.01)
    assert cell["vs previous 4 wk"].value == pytest.approx(0.1809, abs=1e-4)
    assert cell["vs previous 4 wk"].style is not None
    assert cell["vs previous 4 wk"].style.number_format == "change"


def test_totals_are_coloured_by_direction() -> None:
    tab = summary("en")
    start = row_of(tab, "Totals")
    rows = {str(r[0].value): r for r in tab.rows[start : start + 14] if r and r[0].value}
    tone = {label: rows[label][3].style.tone for label in rows if len(rows[label]) > 3}  # type: ignore[union-attr]
    assert tone["CPA, RUB"] == "amber"  # 104.9% of plan: a cost above plan
    assert tone["CPL, RUB"] == "green"  # 97.6%: a cost below plan
    assert tone["Leads"] == "amber"  # 98.6%: a result below plan
    assert tone["Sales"] == "amber"
    assert tone["Spend, RUB"] is None  # neither good nor bad


def test_charts_draw_straight_weeks_and_leave_stopped_channels_out() -> None:
    tab = summary("en")
    line, column = tab.charts
    assert line.kind == "line"
    assert column.kind == "column"
    weeks = [tab.rows[r][0].value for r in range(line.categories.row, line.categories.end_row)]
    assert weeks[-1] == "Nov 16"
    assert all("-" not in str(w) for w in weeks)
    names = [tab.rows[r][0].value for r in range(column.categories.row, column.categories.end_row)]
    assert "Google Ads" not in names
    assert "Yandex Direct" in names
    ru = summary("ru")
    ru_line = ru.charts[0]
    assert ru.rows[ru_line.categories.end_row - 1][0].value == "16.11"


def test_long_lines_wrap_with_a_row_height() -> None:
    tab = summary("ru")
    heights = dict(tab.row_heights)
    rewrite = row_of(tab, "4. Переписать")
    assert heights[rewrite] >= 40
    style = tab.rows[rewrite][0].style
    assert style is not None
    assert style.wrap


def test_the_header_says_how_fresh_daily_is() -> None:
    late = run(
        MemoryStorage(build_demo("en", AS_OF)),
        now=NOW,
        as_of=dt.date(2026, 12, 5),
    ).plan.outputs[0]
    header = late.rows[1][0]
    assert header.value == (
        "As of 2026-12-05 · current week from 2026-11-30 · "
        "Daily data up to 2026-11-25 (10 days old)"
    )
    assert header.style is not None
    assert header.style.tone == "amber"
    early = run(
        MemoryStorage(build_demo("ru", AS_OF)),
        now=NOW,
        as_of=dt.date(2020, 1, 1),
    ).plan.outputs[0]
    assert str(early.rows[1][0].value).endswith("данных по дням на эту дату нет")
    fresh = summary("ru").rows[1][0]
    assert (
        fresh.value == "На 25.11.2026 · текущая неделя с 23.11.2026 · данные по дням до 25.11.2026"
    )
    assert fresh.style is not None
    assert fresh.style.tone == "grey"
