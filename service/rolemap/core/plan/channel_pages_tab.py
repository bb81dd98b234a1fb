"""The `Channel pages` tab: one printable block per channel, a page break before each.

Each block is the method's "slide per channel": who owns it and how it is judged, the last 4
finished weeks plan against fact, the team's own conclusion and action, what fires, the verdict
and what is missing from the report.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.formats import date_text, short_date
from rolemap.core.i18n.pages import pt
from rolemap.core.i18n.sentences import flag_sentence
from rolemap.core.metrics import registry
from rolemap.core.metrics.channel_weeks import (
    COLUMNS,
    four_week_totals,
    latest_notes,
    week_figures,
)
from rolemap.core.metrics.formulas import attainment
from rolemap.core.model.contract import Lang, OutputSpec
from rolemap.core.model.results import ChannelRow
from rolemap.core.plan.layout import fit_rows
from rolemap.core.plan.model import Cell, NumberFormat, OutputTab, Range, Style
from rolemap.core.plan.role_map_tab import SEVERITY_TONE
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


@dataclass(frozen=True)
class _Figures:
    """The pages' numbers, taken out of pandas once: channel → column → the 4 weeks' values."""

    weeks: dict[str, dict[str, list[float]]]
    totals: dict[str, dict[str, float]]
    notes: dict[str, dict[str, Any]]
    records: dict[str, dict[str, Any]]  # the channel's first row in `Channels`

    @classmethod
    def of(cls, result: RunResult, weeks: tuple[dt.date, ...]) -> _Figures:
        figures = week_figures(result.inputs, weeks)
        names = list(figures.index.get_level_values("channel")[:: len(weeks)])
        # The index is every channel × every week in order, so a reshape lines them up.
        cube = figures.to_numpy(float).reshape(len(names), len(weeks), len(COLUMNS))
        tab = result.inputs.channels
        first = tab.frame.drop_duplicates("channel") if tab is not None else pd.DataFrame()
        return cls(
            weeks={
                name: {col: cube[i, :, j].tolist() for j, col in enumerate(COLUMNS)}
                for i, name in enumerate(names)
            },
            totals=_by_channel(four_week_totals(figures).to_dict("index")),
            notes=_by_channel(latest_notes(result.inputs, result.as_of).to_dict("index")),
            records=_by_channel({r["channel"]: r for r in first.to_dict("records")}),
        )

    def series(self, channel: str, column: str) -> list[float]:
        return self.weeks.get(channel, {}).get(column, [math.nan] * 4)

    def total(self, channel: str, column: str) -> float:
        """A 4-week sum. §4: with no row in the period a fact adds 0 and a plan stays unknown;
        KPI has no sum."""
        if column.startswith("kpi"):
            return math.nan
        empty = 0.0 if column.endswith("_fact") else math.nan
        return float(self.totals.get(channel, {}).get(column, empty))


def _by_channel(table: Mapping[Hashable, Mapping[Hashable, Any]]) -> dict[str, dict[str, Any]]:
    return {str(name): {str(k): v for k, v in row.items()} for name, row in table.items()}


def _head(page: _Page, row: ChannelRow, result: RunResult, rec: dict[str, Any]) -> None:
    lang = result.lang
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


def _weeks_table(page: _Page, channel: str, data: _Figures, result: RunResult) -> None:
    lang, weeks = result.lang, result.four_weeks.weeks
    currency = result.inputs.settings.currency
    page.add()
    page.line(
        pt("weeks", lang, start=date_text(weeks[0], lang), end=date_text(weeks[-1] + SUNDAY, lang)),
        SUB,
    )
    page.add(
        Cell(None, HEAD),
        Cell(None, HEAD),
        *(Cell(short_date(w, lang), HEAD) for w in weeks),
        Cell(pt("four_weeks", lang), HEAD),
    )
    kpi_name = str(data.records.get(channel, {}).get("primary_kpi") or "")
    for metric in ("spend", "leads", "sales", "revenue", "kpi"):
        fmt = FORMATS[metric]
        plan = data.series(channel, f"{metric}_plan")
        fact = data.series(channel, f"{metric}_fact")
        if metric == "kpi":
            label = pt("kpi", lang, name=kpi_name) if kpi_name else "KPI"
            fmt = _kpi_format(plan + fact)
        else:
            label = registry.metric(metric).label(lang)
            label += f", {currency}" if fmt == "money" else ""
        total_plan = data.total(channel, f"{metric}_plan")
        total_fact = data.total(channel, f"{metric}_fact")
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
            _number(total_fact, fmt),
        )
        page.add(
            Cell(None),
            Cell(pt("attainment", lang), Style(italic=True)),
            *(_percent(f, p) for f, p in zip(fact, plan, strict=True)),
            _percent(total_fact, total_plan),
        )


def _kpi_format(values: list[float]) -> NumberFormat:
    """Whole numbers (a CPA of 3 000, 40 sales) without decimals; anything else with two."""
    whole = all(math.isnan(v) or float(v).is_integer() for v in values)
    return "integer" if whole else "decimal"


def _words(page: _Page, note: dict[str, Any] | None, lang: Lang) -> None:
    page.add()
    if note is None:
        page.line(pt("no_words", lang), Style(italic=True, tone="yellow"))
        return
    page.line(pt("team_says", lang, week=date_text(note["week"].date(), lang)), SUB)
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
    gaps = [
        c for c in result.shown_checks if c.code.startswith("REP-") and c.channel == row.channel
    ]
    for check in gaps:
        page.line(check.message, Style(tone=SEVERITY_TONE[check.severity], wrap=True))
    if not gaps:
        page.line(pt("nothing_missing", lang), Style(italic=True, tone="green"))


def channel_pages_tab(result: RunResult, spec: OutputSpec) -> OutputTab:
    lang = result.lang
    data = _Figures.of(result, result.four_weeks.weeks)  # the summary's 4 finished weeks
    page = _Page()
    for i, row in enumerate(result.channels):
        if i:  # on screen a gap; on paper a new page from the channel's name
            page.add()
            page.breaks.append(len(page.rows))
        _head(page, row, result, data.records.get(row.channel, {}))
        _weeks_table(page, row.channel, data, result)
        _words(page, data.notes.get(row.channel), lang)
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
