"""The `CMO summary` tab (docs/contract.md §6): one screen, top to bottom."""

from __future__ import annotations

from collections import defaultdict

from rolemap.core.decisions.decided import decided_lines
from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.sentences import check_sentence, flag_sentence, t
from rolemap.core.metrics import registry
from rolemap.core.metrics.formulas import attainment
from rolemap.core.model.cells import quote_title
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import ACTION_ORDER, ChannelRow, Check, PeriodTotals
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import (
    Cell,
    Chart,
    ConditionalFormat,
    Formula,
    NumberFormat,
    OutputTab,
    Range,
    Series,
    Style,
)
from rolemap.core.plan.tables import number_cell, protection_note
from rolemap.core.recalc import RunResult

TITLE = Style(bold=True, size=16)
SECTION = Style(bold=True, size=12, tone="blue")
HEAD = Style(bold=True, tone="grey", wrap=True, align="center")
MAX_ERRORS = 12  # one screen: the rest are one click away in Checks
WIDTHS = (200, 120, 95, 105, 80, 90, 70, 90, 110, 110, 70, 80, 125, 110, 150)
TOTAL_ROWS: tuple[tuple[str, NumberFormat], ...] = (
    ("spend", "money"),
    ("leads", "integer"),
    ("sales", "integer"),
    ("revenue", "money"),
    ("cpl", "money"),
    ("cpa", "money"),
    ("cac", "money"),
    ("roas", "decimal"),
    ("romi", "percent"),
)


class _Sheet:
    """Rows being laid out, with the merges, formats and charts that refer to them."""

    def __init__(self) -> None:
        self.rows: list[tuple[Cell, ...]] = []
        self.merges: list[Range] = []
        self.formats: list[ConditionalFormat] = []

    @property
    def next(self) -> int:
        return len(self.rows)

    def add(self, *cells: Cell) -> int:
        self.rows.append(tuple(cells))
        return len(self.rows) - 1

    def line(self, text: str, style: Style | None = None, span: int = len(WIDTHS)) -> int:
        row = self.add(Cell(text, style))
        if span > 1:
            self.merges.append(Range(row, 0, 1, span))
        return row

    def gap(self) -> None:
        self.add()


def _totals(
    sheet: _Sheet, last: PeriodTotals, four: PeriodTotals, lang: Lang, currency: str
) -> None:
    sheet.line(t("totals", lang), SECTION)
    sheet.add(
        Cell(None),
        Cell(t("last_week", lang, start=last.weeks[0].isoformat()), HEAD),
        Cell(None),
        Cell(None),
        Cell(t("four_weeks", lang, start=four.weeks[0].isoformat()), HEAD),
        Cell(None),
        Cell(None),
    )
    sheet.merges += [Range(sheet.next - 1, 1, 1, 3), Range(sheet.next - 1, 4, 1, 3)]
    sub = (t("plan", lang), t("fact", lang), t("attainment", lang))
    sheet.add(Cell(t("metric", lang), HEAD), *(Cell(s, HEAD) for s in sub * 2))
    for key, fmt in TOTAL_ROWS:
        label = registry.metric(key).label(lang)
        if fmt == "money" and key in {"spend", "revenue", "cpl", "cpa", "cac"}:
            label = f"{label}, {currency}"
        cells = [Cell(label, Style(bold=True))]
        for block in (last, four):
            plan, fact = getattr(block.plan, key), getattr(block.fact, key)
            cells += [
                number_cell(plan, fmt, key, lang),
                number_cell(fact, fmt, key, lang),
                number_cell(attainment(fact, plan), "percent", key, lang),
            ]
        sheet.add(*cells)


def _header(sheet: _Sheet, result: RunResult, runlog_title: str) -> None:
    """As-of date, current week, and the last run time read from the run log by a formula, so
    that recalculating an unchanged sheet leaves this tab exactly as it was."""
    lang, grey = result.lang, Style(italic=True, tone="grey")
    text = t("as_of", lang, as_of=result.as_of.isoformat(), week=result.current_week.isoformat())
    row = sheet.add(
        Cell(text, grey),
        *(Cell(None, grey) for _ in range(7)),
        Cell(t("last_run", lang), Style(italic=True, tone="grey", align="right")),
        Cell(
            Formula(f"=MAX({quote_title(runlog_title)}!A:A)"),
            Style(italic=True, tone="grey", number_format="datetime", align="left"),
        ),
        *(Cell(None, grey) for _ in range(len(WIDTHS) - 10)),
    )
    sheet.merges += [Range(row, 0, 1, 8), Range(row, 9, 1, 2)]


def _channels(sheet: _Sheet, rows: tuple[ChannelRow, ...], lang: Lang, target_romi: float) -> Range:
    sheet.line(t("channels", lang), SECTION)
    heads = (
        t("channel", lang),
        t("owner", lang),
        t("status", lang),
        t("spend", lang),
        registry.metric("leads").label(lang),
        "CPL",
        registry.metric("sales").label(lang),
        "CPA",
        t("revenue", lang),
        t("share", lang),
        "ROAS",
        "ROMI",
        t("rev_attainment", lang),
        t("flag", lang),
        t("verdict", lang),
    )
    sheet.add(*(Cell(h, HEAD) for h in heads))
    first = sheet.next
    for r in rows:
        sheet.add(
            Cell(r.channel, Style(bold=True)),
            Cell(r.owner or None),
            Cell(lbl.say(lbl.STATUS, r.status or "active", lang)),
            number_cell(r.spend, "money", "spend", lang),
            number_cell(r.leads, "integer", "leads", lang),
            number_cell(r.cpl, "money", "cpl", lang),
            number_cell(r.sales, "integer", "sales", lang),
            number_cell(r.cpa, "money", "cpa", lang),
            number_cell(r.revenue, "money", "revenue", lang),
            number_cell(r.revenue_share, "percent", "share", lang),
            number_cell(r.roas, "decimal", "roas", lang),
            number_cell(r.romi, "percent", "romi", lang),
            number_cell(r.revenue_plan_attainment, "percent", "attainment", lang),
            Cell(lbl.FLAG[r.flag][lang] if r.flag else None, Style(bold=True)),
            Cell(lbl.say(lbl.VERDICT, r.verdict, lang), Style(bold=True, align="center")),
        )
    n = max(len(rows), 1)
    sheet.formats += [
        ConditionalFormat(
            Range(first, 14, n, 1),
            "text_eq",
            lbl.VERDICT[key][lang],
            tone,
            bold=key in {"stop", "scale"},
        )
        for key, tone in lbl.VERDICT_TONE.items()
        if tone != "none"
    ]
    sheet.formats += [
        ConditionalFormat(Range(first, 11, n, 1), "number_lt", 0.0, "red"),
        ConditionalFormat(Range(first, 11, n, 1), "number_gte", target_romi, "green"),
    ]
    sheet.formats += [
        ConditionalFormat(
            Range(first, 13, n, 1),
            "text_eq",
            lbl.FLAG[key][lang],
            tone,
            bold=key == "stop",
        )
        for key, tone in lbl.ACTION_TONE.items()
    ]
    return Range(first, 0, len(rows), 1)


def _owner_of(check: Check, owners: dict[str, str], cmo: str) -> str:
    if check.channel and check.channel in owners:
        return owners[check.channel]
    return check.person or cmo


def _decisions(sheet: _Sheet, result: RunResult, owners: dict[str, str], cmo: str) -> None:
    lang = result.lang
    sheet.line(t("decisions", lang), SECTION)
    flags = sorted(result.flags, key=lambda f: (ACTION_ORDER.index(f.action), f.channel))
    errors = [c for c in result.shown_checks if c.severity == "error"]
    if not flags and not errors:
        sheet.line(t("no_decisions", lang))
    for i, flag in enumerate(flags, 1):
        tone = lbl.ACTION_TONE[flag.action]
        sheet.line(
            f"{i}. {flag_sentence(flag, lang)}", Style(tone=tone, bold=flag.action == "stop")
        )
    for i, check in enumerate(errors[:MAX_ERRORS], len(flags) + 1):
        sheet.line(f"{i}. {check_sentence(check, _owner_of(check, owners, cmo), lang)}")
    if len(errors) > MAX_ERRORS:
        checks_title = result.inputs.contract.output("checks").title(lang)
        sheet.line(
            t("more", lang, n=len(errors) - MAX_ERRORS, tab=checks_title), Style(italic=True)
        )


def _discipline(sheet: _Sheet, result: RunResult, owners: dict[str, str], cmo: str) -> None:
    lang = result.lang
    sheet.line(t("discipline", lang), SECTION)
    missing: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for c in result.checks:
        if c.code.startswith("REP-") and c.topic and c.severity != "info":
            what = c.channel or "?"
            missing[_owner_of(c, owners, cmo) or t("nobody", lang)][c.topic].append(what)
    if not missing:
        sheet.line(t("all_reported", lang))
        return
    topics = ("plan", "fact", "conclusion", "action")
    sheet.add(Cell(t("owner", lang), HEAD), *(Cell(t(f"topic_{k}", lang), HEAD) for k in topics))
    for owner in sorted(missing):
        sheet.add(
            Cell(owner, Style(bold=True)),
            *(
                Cell(
                    ", ".join(sorted(set(missing[owner][k]))) or None,
                    Style(wrap=True, tone="amber") if missing[owner][k] else None,
                )
                for k in topics
            ),
        )


def _health(sheet: _Sheet, result: RunResult) -> None:
    lang = result.lang
    sheet.line(t("health", lang), SECTION)
    codes = defaultdict(list)
    for c in result.checks:
        codes[c.code].append(c)
    live = [r for r in result.channels if r.status != "stopped"]
    bad_owner = {c.channel for code in ("CH-NO-OWNER", "CH-MULTI-OWNER") for c in codes[code]}
    single = sum(r.channel not in bad_owner and bool(r.owner) for r in live)
    conflicts = sorted({c.person or "" for c in codes["OWN-CONFLICT"]} - {""})
    drift = sorted({c.channel or "" for c in codes["KPI-DRIFT"]} - {""})
    rows: list[tuple[str, CellValue, bool]] = [
        (t("one_owner", lang), f"{single} / {len(live)}", single < len(live)),
        (t("conflicts", lang), ", ".join(conflicts) or t("none", lang), bool(conflicts)),
        (t("vanity", lang), len(codes["OWN-VANITY-KPI"]), bool(codes["OWN-VANITY-KPI"])),
        (
            t("review", lang),
            t("review_due" if codes["OWN-REVIEW-DUE"] else "review_ok", lang),
            bool(codes["OWN-REVIEW-DUE"]),
        ),
        (t("drift", lang), ", ".join(drift) or t("none", lang), bool(drift)),
    ]
    for label, value, bad in rows:
        row = sheet.add(
            Cell(label, Style(bold=True)),
            Cell(None),
            Cell(value, Style(tone="amber" if bad else "green", align="left")),
        )
        sheet.merges += [Range(row, 0, 1, 2), Range(row, 2, 1, 4)]


def summary_tab(result: RunResult, title: str, runlog_title: str, currency: str) -> OutputTab:
    lang = result.lang
    owners = {r.channel: r.owner for r in result.channels}
    cmo = _cmo(result)
    sheet = _Sheet()
    sheet.line(t("title", lang), TITLE)
    _header(sheet, result, runlog_title)
    sheet.gap()
    _totals(sheet, result.last_week, result.four_weeks, lang, currency)
    sheet.gap()
    names = _channels(sheet, result.channels, lang, result.inputs.settings.target_romi)
    sheet.gap()
    _decisions(sheet, result, owners, cmo)
    for text, style in decided_lines(result):  # what the CMO overrode or snoozed
        sheet.line(text, style)
    sheet.gap()
    _discipline(sheet, result, owners, cmo)
    sheet.gap()
    _health(sheet, result)
    sheet.gap()
    charts = _charts(sheet, result, names)
    return OutputTab(
        key="summary",
        title=title,
        rows=tuple(sheet.rows),
        column_widths=WIDTHS,
        frozen_rows=0,
        merges=tuple(sheet.merges),
        conditional_formats=tuple(sheet.formats),
        charts=charts,
        protection_note=protection_note(lang),
    )


def _charts(sheet: _Sheet, result: RunResult, names: Range) -> tuple[Chart, ...]:
    lang = result.lang
    sheet.line(t("weekly", lang), SECTION)
    sheet.add(
        Cell(t("week", lang), HEAD),
        Cell(t("revenue_plan", lang), HEAD),
        Cell(t("revenue_fact", lang), HEAD),
    )
    first = sheet.next
    for p in result.revenue_weeks:
        sheet.add(
            Cell(p.week.isoformat()),
            number_cell(p.revenue_plan, "money", "revenue", lang),
            number_cell(p.revenue_fact, "money", "revenue", lang),
        )
    weeks = Range(first, 0, len(result.revenue_weeks), 1)
    charts = [
        Chart(
            "line",
            t("chart_weekly", lang),
            weeks,
            (
                Series(t("revenue_plan", lang), Range(first, 1, weeks.rows, 1)),
                Series(t("revenue_fact", lang), Range(first, 2, weeks.rows, 1)),
            ),
            anchor_row=weeks.row - 1,
            anchor_col=4,
            width_px=560,
            height_px=300,
        )
    ]
    if names.rows:
        charts.insert(
            0,
            Chart(
                "column",
                t("chart_spend", lang),
                names,
                (
                    Series(t("spend", lang), Range(names.row, 3, names.rows, 1)),
                    Series(t("revenue", lang), Range(names.row, 8, names.rows, 1)),
                ),
                anchor_row=weeks.row - 1,
                anchor_col=9,
                width_px=560,
                height_px=300,
            ),
        )
    for _ in range(max(0, 16 - weeks.rows)):  # room under the charts
        sheet.gap()
    return tuple(charts)


def _cmo(result: RunResult) -> str:
    roles = result.inputs.roles
    if roles is None:
        return ""
    cmo = roles.frame[roles.frame["role_key"] == "cmo"]["person"].dropna()
    return str(cmo.iat[0]) if len(cmo) else ""
