"""The plain output tabs: `Stop flags`, `Checks`, `Run log`, and the `Flag (auto)` column."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.formats import date_format
from rolemap.core.metrics import registry
from rolemap.core.metrics.summary import most_severe
from rolemap.core.model.contract import Lang, OutputSpec, normalize
from rolemap.core.model.results import ACTION_ORDER, Check, Flag
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan import layout
from rolemap.core.plan.backtest_block import backtest_rows
from rolemap.core.plan.model import (
    Cell,
    ColumnWrite,
    ConditionalFormat,
    NumberFormat,
    OutputTab,
    Range,
    Style,
)
from rolemap.core.recalc import RunResult

HEADER = Style(bold=True, tone="grey")
RUN_LOG_KEEP = 200
FLAG_COLUMN_ROWS = 1000  # CF range on Channels: fixed, so reruns replace rather than add


@dataclass(frozen=True)
class RunInfo:
    when: dt.datetime
    who: str
    duration_ms: int
    mode: str  # "write" or "dry run"
    # Digests the service delivered itself (sent, failed); None when it delivers none.
    notified: tuple[int, int] | None = None


def header_row(spec: OutputSpec, lang: Lang) -> tuple[Cell, ...]:
    return tuple(Cell(c.title(lang), HEADER) for c in spec.columns)


def widths(spec: OutputSpec) -> tuple[int, ...]:
    return tuple(c.width for c in spec.columns)


def number_cell(value: float | None, fmt: NumberFormat, metric: str, lang: Lang) -> Cell:
    """A figure with its number format; empty when undefined, ∞ (no sales) when infinite."""
    if value is None:
        return Cell(None)
    if math.isinf(value):
        return Cell(registry.metric(metric).infinite_label(lang), Style(align="right"))
    return Cell(value, Style(number_format=fmt))


def metric_value(metric: str, value: float, lang: Lang) -> Cell:
    """A stop-rule value with its unit: money, a %, or ∞ for a cost with no result."""
    return number_cell(value, registry.metric(metric).fmt, metric, lang)


def action_formats(
    col: int, first_row: int, rows: int, table: dict[str, dict[Lang, str]], lang: Lang
) -> tuple[ConditionalFormat, ...]:
    return tuple(
        ConditionalFormat(
            Range(first_row, col, rows, 1),
            "text_eq",
            table[key][lang],
            lbl.ACTION_TONE[key],
            bold=key == "stop",
        )
        for key in ACTION_ORDER
    )


def flags_tab(result: RunResult, spec: OutputSpec) -> OutputTab:
    lang = result.lang
    rows = [header_row(spec, lang)]
    for f in _by_severity(result.flags):
        rows.append(
            (
                Cell(f.channel),
                Cell(f.owner),
                Cell(f.rule),
                Cell(registry.metric(f.metric).label(lang)),
                Cell(f.condition, Style(align="center")),
                metric_value(f.metric, f.threshold, lang),
                Cell(f.days_in_a_row, Style(number_format="integer")),
                Cell(f.since, Style(number_format=date_format(lang))),
                metric_value(f.metric, f.last_value, lang),
                Cell(lbl.say(lbl.ACTION, f.action, lang), Style(bold=True)),
                Cell(lbl.say(lbl.FLAG_STATUS, f.status, lang)),
            )
        )
    action_col = [c.key for c in spec.columns].index("action")
    formats = action_formats(action_col, 1, max(len(rows) - 1, 1), lbl.ACTION, lang)
    block, merges = backtest_rows(result.backtest, lang, len(rows))
    return OutputTab(
        key="flags",
        title=spec.title(lang),
        rows=(*rows, *block),
        column_widths=widths(spec),
        frozen_rows=1,
        merges=tuple(merges),
        conditional_formats=formats,
        protection_note=protection_note(lang),
    )


def _by_severity(flags: tuple[Flag, ...]) -> list[Flag]:
    return sorted(flags, key=lambda f: (ACTION_ORDER.index(f.action), f.channel, f.rule))


def checks_tab(result: RunResult, spec: OutputSpec) -> OutputTab:
    lang = result.lang
    rows = [header_row(spec, lang)]
    for c in result.shown_checks:
        rows.append(
            (
                Cell(lbl.say(lbl.SEVERITY, c.severity, lang), Style(bold=c.severity == "error")),
                Cell(c.code),
                Cell(_tab_title(result, c)),
                Cell(c.row, Style(align="center")),
                Cell(_column_title(result, c)),
                Cell(c.message, Style(wrap=True)),
                Cell(c.fix, Style(wrap=True)),
            )
        )
    n = max(len(rows) - 1, 1)
    column_widths = _fitted_widths(rows, widths(spec))
    return OutputTab(
        key="checks",
        title=spec.title(lang),
        rows=tuple(rows),
        column_widths=column_widths,
        frozen_rows=1,
        conditional_formats=(
            ConditionalFormat(
                Range(1, 0, n, 1), "text_eq", lbl.SEVERITY["error"][lang], "red", True
            ),
            ConditionalFormat(Range(1, 0, n, 1), "text_eq", lbl.SEVERITY["warning"][lang], "amber"),
        ),
        protection_note=protection_note(lang),
        row_heights=_wrapped_heights(rows, column_widths),
    )


def _fitted_widths(rows: list[tuple[Cell, ...]], base: tuple[int, ...]) -> tuple[int, ...]:
    """Short columns (severity, code, tab…) widen to their longest word: nothing is clipped."""
    out = []
    for col, width in enumerate(base):
        cells = [r[col] for r in rows if col < len(r)]
        if any(c.style is not None and c.style.wrap for c in cells):
            out.append(width)
            continue
        texts = [str(c.value) for c in cells if c.value is not None]
        out.append(layout.fit_width(texts, width, bold=True))
    return tuple(out)


def _wrapped_heights(
    rows: list[tuple[Cell, ...]], column_widths: tuple[int, ...]
) -> tuple[tuple[int, int], ...]:
    counted = ((i, layout.row_lines(row, column_widths)) for i, row in enumerate(rows))
    return tuple((i, layout.height(n)) for i, n in counted if n > 1)


def _tab_title(result: RunResult, check: Check) -> str | None:
    if check.tab is None:
        return None
    for spec in result.inputs.contract.tabs:
        if spec.en == check.tab:
            return result.inputs.title(spec.key)
    return check.tab


def _column_title(result: RunResult, check: Check) -> str | None:
    if check.column is None or check.tab is None:
        return check.column
    for spec in result.inputs.contract.tabs:
        if spec.en == check.tab:
            for col in spec.columns:
                if col.en == check.column:
                    return col.title(result.lang)
    return check.column


def runlog_tab(result: RunResult, spec: OutputSpec, run: RunInfo) -> OutputTab:
    lang = result.lang
    previous = [r for r in result.inputs.previous_log[1:] if any(v not in (None, "") for v in r)]
    errors = sum(c.severity == "error" for c in result.checks)
    new: tuple[CellValue, ...] = (
        run.when.replace(microsecond=0, tzinfo=None),
        run.who,
        run.duration_ms,
        len(result.flags),
        len(result.checks),
        errors,
        result.as_of,
        lbl.say(lbl.RUN_MODE, run.mode, lang) if run.mode in lbl.RUN_MODE else run.mode,
        f"{run.notified[0]}/{run.notified[1]}" if run.notified else None,
    )
    kept = [tuple(r[: len(spec.columns)]) for r in previous][-(RUN_LOG_KEEP - 1) :]
    formats: tuple[NumberFormat | None, ...] = (
        date_format(lang, with_time=True),
        None,
        "integer",
        "integer",
        "integer",
        "integer",
        date_format(lang),
        None,
        None,
    )
    body = [
        tuple(
            Cell(v, Style(number_format=f) if f else None)
            for v, f in zip(_pad(r, len(spec.columns)), formats, strict=True)
        )
        for r in [*kept, new]
    ]
    return OutputTab(
        key="runlog",
        title=spec.title(lang),
        rows=(header_row(spec, lang), *body),
        column_widths=widths(spec),
        frozen_rows=1,
        protection_note=protection_note(lang),
    )


def _pad(row: tuple[CellValue, ...], n: int) -> tuple[CellValue, ...]:
    return tuple(row) + (None,) * (n - len(row))


def flag_column(result: RunResult) -> ColumnWrite | None:
    """`Channels` › `Flag (auto)`: the most severe action per channel row, or empty."""
    channels = result.inputs.channels
    if channels is None:
        return None
    lang = result.lang
    actions: dict[str, list[str]] = {}
    for f in result.flags:
        actions.setdefault(normalize(f.channel), []).append(f.action)
    existing = channels.cols.get("flag")
    col = existing if existing is not None else channels.width
    header = None if existing is not None else channels.spec.column("flag").title(lang)
    by_row = {
        int(r): n for r, n in zip(channels.frame["row"], channels.frame["channel"], strict=True)
    }
    last_row = max([channels.header_row + 1, *by_row, channels.last_row])
    values = []
    for row in range(channels.header_row + 2, last_row + 1):
        name = by_row.get(row)
        worst = most_severe(actions.get(normalize(name), [])) if name else None  # type: ignore[arg-type]
        values.append(Cell(lbl.FLAG[worst][lang] if worst else None))
    return ColumnWrite(
        tab=channels.title,
        header_row=channels.header_row,
        col=col,
        header=header,
        values=tuple(values),
        conditional_formats=action_formats(
            col, channels.header_row + 1, FLAG_COLUMN_ROWS, lbl.FLAG, lang
        ),
    )


def protection_note(lang: Lang) -> str:
    return lbl.PROTECTION_NOTE[lang]
