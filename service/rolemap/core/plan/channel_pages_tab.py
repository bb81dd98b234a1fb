"""The `Channel pages` tab: one printable block per channel, a page break before each.

Each block is the method's "slide per channel": who owns it and how it is judged, the last 4
finished weeks plan against fact, the team's own conclusion and action, what fires, the verdict
and what is missing from the report.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, cast

import pandas as pd

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.pages import day, pt, short_day
from rolemap.core.i18n.sentences import flag_sentence
from rolemap.core.metrics.channel_weeks import four_week_totals, latest_notes, week_figures
from rolemap.core.metrics.formulas import attainment
from rolemap.core.model.contract import Lang, OutputSpec
from rolemap.core.model.periods import finished_weeks
from rolemap.core.model.results import ChannelRow
from rolemap.core.plan.model import Cell, NumberFormat, OutputTab, Range, Style
from rolemap.core.plan.role_map_tab import SEVERITY_TONE
from rolemap.core.plan.row_fit import fit_rows
from rolemap.core.plan.tables import protection_note
from rolemap.core.recalc import RunResult

WIDTHS = (170, 90, 105, 105, 105, 105, 115)
SPAN = len(WIDTHS)
SUNDAY = dt.timedelta(days=6)  # a week is named by its Monday and ends on Sunday
NAME = Style(bold=True, size=14, tone="blue")
LABEL = Style(bold=True, tone="grey")
HEAD = Style(bold=True, tone="grey", align="center")
SUB = Style(bold=True)
FORMATS: dict[str, NumberFormat] = {
    "spend": "money",
    "leads": "integer",
    "sales": "integer",
    "revenue": "money",
    "kpi": "decimal",
}


class _Page:
    """Rows being laid out, with their merges and page breaks."""

    def __init__(self) -> None:
        self.rows: list[tuple[Cell, ...]] = []
        self.merges: list[Range] = []
        self.breaks: list[int] = []

    def add(self, *cells: Cell) -> int:
        self.rows.append(tuple(cells))
        return len(self.rows) - 1

    def line(self, text: str | None, style: Style | None = None, col: int = 0) -> int:
        row = self.add(*(Cell(None) for _ in range(col)), Cell(text, style))
        self.merges.append(Range(row, col, 1, SPAN - col))
        return row


def _number(value: float, fmt: NumberFormat) -> Cell:
    if math.isnan(value):
        return Cell(None)
    return Cell(value, Style(number_format=fmt))


def _percent(fact: float, plan: float) -> Cell:
    if math.isnan(fact) or math.isnan(plan):
        return Cell(None)
    share = attainment(fact, plan)
    return Cell(share, Style(number_format="percent", italic=True)) if share is not None else Cell()


def _head(page: _Page, row: ChannelRow, result: RunResult) -> None:
    lang = result.lang
    rec = _channel_record(result, row.channel)
    page.line(row.channel, NAME)
    contract = result.inputs.contract
    group = contract.choice_label("group", row.group, lang) if row.group else rec.get("group")
    page.add(
        Cell(pt("owner", lang), LABEL),
        Cell(row.owner or "—", Style(tone=None if row.owner else "yellow", bold=True)),
        Cell(None),
        Cell(pt("status", lang), LABEL),
        Cell(lbl.say(lbl.STATUS, row.status or "active", lang)),
        Cell(pt("group", lang), LABEL),
        Cell(group),
    )
    page.merges.append(Range(len(page.rows) - 1, 1, 1, 2))
    target = rec.get("kpi_target")
    page.add(
        Cell(pt("primary_kpi", lang), LABEL),
        Cell(rec.get("primary_kpi") or "—"),
        Cell(None),
        Cell(pt("kpi_target", lang), LABEL),
        _number(float(target), _kpi_format([float(target)]))
        if isinstance(target, float)
        else Cell(None),
        Cell(pt("verdict", lang), LABEL),
        Cell(
            lbl.say(lbl.VERDICT, row.verdict, lang),
            Style(bold=True, align="center", tone=lbl.VERDICT_TONE[row.verdict]),
        ),
    )
    page.merges.append(Range(len(page.rows) - 1, 1, 1, 2))


def _channel_record(result: RunResult, name: str) -> dict[str, Any]:
    tab = result.inputs.channels
    if tab is None:
        return {}
    match = tab.frame[tab.frame["channel"] == name]
    return {str(k): v for k, v in match.iloc[0].items()} if len(match) else {}


def _weeks_table(
    page: _Page, channel: str, figures: pd.DataFrame, totals: pd.DataFrame, result: RunResult
) -> None:
    lang, weeks = result.lang, finished_weeks(result.as_of, 4)
    currency = result.inputs.settings.currency
    page.add()
    page.line(pt("weeks", lang, start=day(weeks[0], lang), end=day(weeks[-1] + SUNDAY, lang)), SUB)
    page.add(
        Cell(None, HEAD),
        Cell(None, HEAD),
        *(Cell(short_day(w, lang), HEAD) for w in weeks),
        Cell(pt("four_weeks", lang), HEAD),
    )
    kpi_name = str(_channel_record(result, channel).get("primary_kpi") or "")
    for metric in ("spend", "leads", "sales", "revenue", "kpi"):
        fmt = FORMATS[metric]
        if metric == "kpi":
            label = pt("kpi", lang, name=kpi_name) if kpi_name else "KPI"
            fmt = _kpi_format(
                _series(figures, channel, "kpi_plan") + _series(figures, channel, "kpi_fact")
            )
        else:
            label = lbl.say(lbl.METRIC, metric, lang)
            label += f", {currency}" if fmt == "money" else ""
        plan = _series(figures, channel, f"{metric}_plan")
        fact = _series(figures, channel, f"{metric}_fact")
        total_plan = _total(totals, channel, f"{metric}_plan")
        total_fact = _total(totals, channel, f"{metric}_fact", empty=0.0)
        page.add(
            Cell(label, SUB),
            Cell(pt("plan", lang)),
            *(_number(v, fmt) for v in plan),
            _number(total_plan, fmt),
        )
        page.add(
            Cell(None),
            Cell(pt("fact", lang)),
            *(_number(v, fmt) for v in fact),
            _number(total_fact, fmt) if metric != "kpi" else Cell(None),
        )
        page.add(
            Cell(None),
            Cell(pt("attainment", lang), Style(italic=True)),
            *(_percent(f, p) for f, p in zip(fact, plan, strict=True)),
            _percent(total_fact, total_plan) if metric != "kpi" else Cell(None),
        )


def _kpi_format(values: list[float]) -> NumberFormat:
    """Whole numbers (a CPA of 3 000, 40 sales) without decimals; anything else with two."""
    whole = all(math.isnan(v) or float(v).is_integer() for v in values)
    return "integer" if whole else "decimal"


def _series(figures: pd.DataFrame, channel: str, column: str) -> list[float]:
    if channel not in figures.index.get_level_values("channel"):
        return [math.nan] * 4
    values: list[float] = figures.xs(channel, level="channel")[column].to_numpy(float).tolist()
    return values


def _total(totals: pd.DataFrame, channel: str, column: str, empty: float = math.nan) -> float:
    """A 4-week sum; `empty` when the channel wrote no row in the period (§4: facts add 0)."""
    if column not in totals.columns:
        return math.nan  # KPI: no sum
    if channel not in totals.index:
        return empty
    return float(cast(float, totals.at[channel, column]))


def _words(page: _Page, channel: str, notes: pd.DataFrame, lang: Lang) -> None:
    page.add()
    if channel not in notes.index:
        page.line(pt("no_words", lang), Style(italic=True, tone="yellow"))
        return
    note = notes.loc[channel]
    page.line(pt("team_says", lang, week=day(note["week"].date(), lang)), SUB)
    for key in ("conclusion", "action"):
        value = note[key]
        text = value if isinstance(value, str) and value else "—"
        page.add(Cell(pt(key, lang), LABEL), Cell(text, Style(wrap=True)))
        page.merges.append(Range(len(page.rows) - 1, 1, 1, SPAN - 1))


def _flags_and_gaps(page: _Page, row: ChannelRow, result: RunResult) -> None:
    lang = result.lang
    page.add()
    page.line(pt("flags", lang), SUB)
    flags = [f for f in result.flags if f.channel == row.channel]
    for flag in flags:
        tone = lbl.ACTION_TONE[flag.action]
        page.line(
            flag_sentence(flag, lang), Style(tone=tone, bold=flag.action == "stop", wrap=True)
        )
    if not flags:
        page.line(pt("no_flags", lang), Style(italic=True))
    page.add()
    page.line(pt("missing", lang), SUB)
    gaps = [c for c in result.checks if c.code.startswith("REP-") and c.channel == row.channel]
    for check in gaps:
        page.line(check.message, Style(tone=SEVERITY_TONE[check.severity], wrap=True))
    if not gaps:
        page.line(pt("nothing_missing", lang), Style(italic=True, tone="green"))


def channel_pages_tab(result: RunResult, spec: OutputSpec) -> OutputTab:
    lang = result.lang
    weeks = finished_weeks(result.as_of, 4)
    figures = week_figures(result.inputs, weeks)
    totals = four_week_totals(figures)
    notes = latest_notes(result.inputs, result.as_of)
    page = _Page()
    for i, row in enumerate(result.channels):
        if i:  # on screen a gap; on paper a new page from the channel's name
            page.add()
            page.breaks.append(len(page.rows))
        _head(page, row, result)
        _weeks_table(page, row.channel, figures, totals, result)
        _words(page, row.channel, notes, lang)
        _flags_and_gaps(page, row, result)
    if not result.channels:
        page.line(pt("no_channels", lang), Style(italic=True))
    rows, merges = tuple(page.rows), tuple(page.merges)
    return OutputTab(
        key="channel_pages",
        title=spec.title(lang),
        rows=rows,
        column_widths=WIDTHS,
        merges=merges,
        row_heights=fit_rows(rows, WIDTHS, merges),
        page_breaks=tuple(page.breaks),
        protection_note=protection_note(lang),
    )
