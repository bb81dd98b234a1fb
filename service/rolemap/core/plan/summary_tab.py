"""The `CMO summary` tab (docs/contract.md §6), decision first.

Its first screen (1400×800) holds the header (as-of, week, data freshness, last run), the
decisions, and the channel table with its verdicts; totals, the sheet chores, report discipline,
ownership health and the charts follow below. The header rows are frozen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rolemap.core.checks.freshness import STALE_AFTER_DAYS
from rolemap.core.decisions.decided import decided_lines
from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.decision_text import say
from rolemap.core.i18n.formats import date_format, date_text
from rolemap.core.i18n.forms import count
from rolemap.core.i18n.sentences import check_sentence, t
from rolemap.core.metrics import registry
from rolemap.core.model.cells import quote_title
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import ChannelRow
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.decisions import chores, cmo_of, decisions, owner_of, verdict_text
from rolemap.core.plan.model import (
    Cell,
    ConditionalFormat,
    Formula,
    NumberFormat,
    OutputTab,
    Range,
    Style,
    Tone,
)
from rolemap.core.plan.summary_blocks import HEAD, KEYS, SECTION, WIDTHS, Sheet, charts, totals
from rolemap.core.plan.tables import number_cell, protection_note
from rolemap.core.recalc import RunResult

TITLE = Style(bold=True, size=16)
TAB_COLOR = "#1F6FEB"
MAX_CHORES = 10  # the rest are one click away in Checks


def _heads(lang: Lang) -> dict[str, str]:
    own = {k: say(k, lang) for k in ("kpi", "kpi_target", "kpi_fact", "kpi_change")}
    metric = {k: registry.metric(k).label(lang) for k in ("leads", "sales", "romi", "roas")}
    plain = {k: t(k, lang) for k in ("channel", "owner", "verdict", "flag", "spend", "revenue")}
    more = {k: t(k, lang) for k in ("rev_attainment", "share", "status")}
    return {**plain, **own, **metric, **more, "cpl": "CPL", "cpa": "CPA"}


def _header(sheet: Sheet, result: RunResult, runlog_title: str) -> None:
    """As-of date, week, data freshness, and the last run read from the run log by a formula,
    so that recalculating an unchanged sheet leaves this tab exactly as it was."""
    lang, grey = result.lang, Style(italic=True, tone="grey")
    until = result.data_until
    if until is None:
        freshness = say("no_daily", lang)
    else:
        freshness = say("daily_until", lang, date=date_text(until, lang))
    stale = until is not None and (result.as_of - until).days > STALE_AFTER_DAYS
    if stale and until is not None:
        freshness += say("stale", lang, days=count((result.as_of - until).days, "day", lang))
    text = say(
        "header",
        lang,
        as_of=date_text(result.as_of, lang),
        week=date_text(result.current_week, lang),
        freshness=freshness,
    )
    style = Style(italic=True, tone="amber" if stale or until is None else "grey")
    row = sheet.add(
        Cell(text, style),
        *(Cell(None, grey) for _ in range(7)),
        Cell(t("last_run", lang), Style(italic=True, tone="grey", align="right")),
        Cell(None, grey),
        Cell(
            Formula(f"=MAX({quote_title(runlog_title)}!A:A)"),
            Style(
                italic=True,
                tone="grey",
                number_format=date_format(lang, with_time=True),
                align="left",
            ),
        ),
        Cell(None, grey),
    )
    sheet.merges += [Range(row, 0, 1, 8), Range(row, 8, 1, 2), Range(row, 10, 1, 2)]


def _decisions(sheet: Sheet, result: RunResult, cmo: str) -> None:
    lang = result.lang
    found = decisions(result, cmo)
    sheet.line(say("decisions", lang, n=len(found)), SECTION)
    if not found:
        sheet.line(say("no_decisions", lang))
    for i, d in enumerate(found, 1):
        sheet.line(f"{i}. {d.text}", Style(tone=d.tone, bold=d.bold))


def _channel_cells(row: ChannelRow, result: RunResult) -> tuple[Cell, ...]:
    lang = result.lang
    kpi = next((k for k in result.channel_kpis if k.channel == row.channel), None)
    verdict_tone = lbl.VERDICT_TONE[row.verdict]
    kpi_tone = None if kpi is None or kpi.on_target is None else kpi.on_target
    fmt: NumberFormat = (
        "decimal" if kpi is not None and kpi.kpi.strip().lower() == "roas" else "money"
    )
    values: dict[str, Cell] = {
        "channel": Cell(row.channel, Style(bold=True)),
        "owner": Cell(row.owner or None),
        "verdict": Cell(
            verdict_text(row, kpi, lang),
            Style(
                bold=row.verdict in {"stop", "scale"}, tone=verdict_tone, align="center", wrap=True
            ),
        ),
        "flag": Cell(lbl.FLAG[row.flag][lang] if row.flag else None, Style(bold=True)),
        "kpi": Cell(kpi.kpi or None if kpi else None, Style(wrap=True)),
        "kpi_target": number_cell(kpi.target if kpi else None, fmt, "kpi", lang),
        "kpi_fact": _toned(
            number_cell(kpi.fact if kpi else None, fmt, "kpi", lang),
            None if kpi_tone is None else ("green" if kpi_tone else "amber"),
        ),
        "kpi_change": number_cell(kpi.change if kpi else None, "change", "kpi", lang),
        "spend": number_cell(row.spend, "money", "spend", lang),
        "revenue": number_cell(row.revenue, "money", "revenue", lang),
        "romi": number_cell(row.romi, "percent", "romi", lang),
        "rev_attainment": number_cell(row.revenue_plan_attainment, "percent", "attainment", lang),
        "roas": number_cell(row.roas, "decimal", "roas", lang),
        "leads": number_cell(row.leads, "integer", "leads", lang),
        "cpl": number_cell(row.cpl, "money", "cpl", lang),
        "sales": number_cell(row.sales, "integer", "sales", lang),
        "cpa": number_cell(row.cpa, "money", "cpa", lang),
        "share": number_cell(row.revenue_share, "percent", "share", lang),
        "status": Cell(lbl.say(lbl.STATUS, row.status or "active", lang)),
    }
    return tuple(values[k] for k in KEYS)


def _toned(cell: Cell, tone: Tone | None) -> Cell:
    if tone is None or cell.value is None:
        return cell
    base = cell.style or Style()
    return Cell(cell.value, Style(tone=tone, number_format=base.number_format, align=base.align))


def _channels(sheet: Sheet, result: RunResult) -> Range:
    lang = result.lang
    weeks = result.four_weeks.weeks
    start, end = date_text(weeks[0], lang), date_text(weeks[-1] + dt.timedelta(days=6), lang)
    sheet.line(say("channels", lang, start=start, end=end), SECTION)
    heads = _heads(lang)
    sheet.add(*(Cell(heads[k], HEAD) for k in KEYS))
    first = sheet.next
    for r in result.channels:
        sheet.add(*_channel_cells(r, result))
    n = max(len(result.channels), 1)
    romi = KEYS.index("romi")
    sheet.formats += [
        ConditionalFormat(Range(first, romi, n, 1), "number_lt", 0.0, "red"),
        ConditionalFormat(
            Range(first, romi, n, 1), "number_gte", result.inputs.settings.target_romi, "green"
        ),
    ]
    flag = KEYS.index("flag")
    sheet.formats += [
        ConditionalFormat(
            Range(first, flag, n, 1), "text_eq", lbl.FLAG[key][lang], tone, bold=key == "stop"
        )
        for key, tone in lbl.ACTION_TONE.items()
    ]
    return Range(first, 0, len(result.channels), 1)


def _chores(sheet: Sheet, result: RunResult, owners: dict[str, str], cmo: str) -> None:
    lang = result.lang
    todo = chores(result)
    sheet.line(say("chores", lang, n=len(todo)), SECTION)
    if not todo:
        sheet.line(say("no_chores", lang))
    for check in todo[:MAX_CHORES]:
        sheet.line(
            "• " + check_sentence(check, owner_of(check, owners, cmo), lang),
            Style(tone="amber") if check.severity == "error" else None,
        )
    if len(todo) > MAX_CHORES:
        checks_title = result.inputs.contract.output("checks").title(lang)
        sheet.line(
            say("more_chores", lang, n=len(todo) - MAX_CHORES, tab=checks_title),
            Style(italic=True),
        )


def _discipline(sheet: Sheet, result: RunResult, owners: dict[str, str], cmo: str) -> None:
    lang = result.lang
    sheet.line(t("discipline", lang), SECTION)
    missing: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for c in result.checks:
        if c.code.startswith("REP-") and c.topic and c.severity != "info":
            what = c.channel or "?"
            missing[owner_of(c, owners, cmo) or t("nobody", lang)][c.topic].append(what)
    if not missing:
        sheet.line(t("all_reported", lang))
        return
    topics = ("plan", "fact", "conclusion", "action")
    sheet.add(Cell(t("owner", lang), HEAD), *(Cell(t(f"topic_{k}", lang), HEAD) for k in topics))
    for owner in sorted(missing):
        texts = [", ".join(sorted(set(missing[owner][k]))) for k in topics]
        sheet.add(
            Cell(owner, Style(bold=True)),
            *(
                Cell(text or None, Style(wrap=True, tone="amber") if text else None)
                for text in texts
            ),
        )


def _health(sheet: Sheet, result: RunResult) -> None:
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
            Cell(None),
            Cell(value, Style(tone="amber" if bad else "green", align="left")),
        )
        sheet.merges += [Range(row, 0, 1, 3), Range(row, 3, 1, 4)]


def summary_tab(result: RunResult, title: str, runlog_title: str, currency: str) -> OutputTab:
    lang = result.lang
    owners = {r.channel: r.owner for r in result.channels}
    cmo = cmo_of(result)
    sheet = Sheet()
    sheet.line(t("title", lang), TITLE)
    _header(sheet, result, runlog_title)
    sheet.gap()
    _decisions(sheet, result, cmo)
    for text, style in decided_lines(result):  # what the CMO overrode or snoozed
        sheet.line(text, style)
    sheet.gap()
    _channels(sheet, result)
    sheet.gap()
    totals(sheet, result, currency)
    sheet.gap()
    _chores(sheet, result, owners, cmo)
    sheet.gap()
    _discipline(sheet, result, owners, cmo)
    sheet.gap()
    _health(sheet, result)
    sheet.gap()
    drawn = charts(sheet, result, KEYS)
    return OutputTab(
        key="summary",
        title=title,
        rows=tuple(sheet.rows),
        column_widths=WIDTHS,
        frozen_rows=2,
        merges=tuple(sheet.merges),
        conditional_formats=tuple(sheet.formats),
        charts=drawn,
        protection_note=protection_note(lang),
        row_heights=tuple(sheet.heights),
        tab_color=TAB_COLOR,
    )
