"""The recalculation as a marketer reads it in a terminal: decisions, flags, channels, checks."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from rolemap.core import Lang, RunResult
from rolemap.core.decisions.decided import without_decided
from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.decision_text import say
from rolemap.core.i18n.formats import date_text
from rolemap.core.i18n.forms import count
from rolemap.core.i18n.sentences import number, t
from rolemap.core.plan.decisions import chores, cmo_of, decisions, verdict_text

_VERDICT_STYLE = {
    "stop": "bold red",
    "cut": "yellow",
    "fix_data": "yellow",
    "scale": "bold green",
    "test": "cyan",
    "stopped": "dim",
    "keep": "",
}
_HEAD: dict[str, dict[Lang, str]] = {
    "flags": {"en": "Stop flags", "ru": "Стоп-флаги"},
    "checks": {"en": "Checks: {e}, {w}, {i}", "ru": "Проверки: {e}, {w}, {i}"},
    "chores": {"en": "{what}: see the {tab} tab.", "ru": "{what}: см. вкладку {tab}."},
    "workbook": {"en": "Workbook: {path}", "ru": "Книга: {path}"},
    "dry_run": {
        "en": "Dry run: nothing was written.",
        "ru": "Пробный пересчёт: ничего не записано.",
    },
}
_TONE_STYLE = {"red": "bold red", "amber": "yellow", "yellow": "yellow"}


def line(key: str, lang: Lang, **fields: object) -> str:
    """A terminal line in the sheet's language ("Workbook: …" / "Книга: …")."""
    return _HEAD[key][lang].format(**fields)


def _fmt(value: float | None, metric: str, lang: Lang) -> str:
    return "" if value is None else number(value, metric, lang)


def print_summary(result: RunResult, console: Console) -> None:
    lang = result.lang
    console.rule(f"[bold]{t('title', lang)}[/] · {date_text(result.as_of, lang)}")
    console.print(f"[bold]{t('decisions', lang)}[/]")
    # What the CMO overrode or snoozed is not repeated.
    found = decisions(without_decided(result), cmo_of(result))
    if not found:
        console.print("  " + say("no_decisions", lang))
    for d in found:
        style = _TONE_STYLE.get(d.tone, "")
        bullet = f"[{style}]•[/]" if style else "•"
        console.print(f"  {bullet} {d.text}", highlight=False, soft_wrap=True)
    todo = chores(result)
    if todo:
        what = say("chores", lang, n=len(todo))
        console.print("  " + line("chores", lang, what=what, tab=_checks_title(result)))

    table = Table(title=t("channels", lang), title_justify="left", header_style="bold")
    for head in (
        t("channel", lang),
        t("owner", lang),
        t("spend", lang),
        "CPA",
        "ROMI",
        t("rev_attainment", lang),
        t("flag", lang),
        t("verdict", lang),
    ):
        numeric = head in {t("spend", lang), "CPA", "ROMI", t("rev_attainment", lang)}
        table.add_column(head, overflow="fold", justify="right" if numeric else "left")
    for r in result.channels:
        kpi = next((k for k in result.channel_kpis if k.channel == r.channel), None)
        verdict = verdict_text(r, kpi, lang)
        table.add_row(
            r.channel,
            r.owner,
            _fmt(r.spend, "spend", lang),
            _fmt(r.cpa, "cpa", lang),
            _fmt(r.romi, "romi", lang),
            _fmt(r.revenue_plan_attainment, "cr", lang),
            lbl.FLAG[r.flag][lang] if r.flag else "",
            f"[{_VERDICT_STYLE[r.verdict]}]{verdict}[/]" if _VERDICT_STYLE[r.verdict] else verdict,
        )
    console.print(table)
    counts = Counter(c.severity for c in result.checks)
    console.print(
        line(
            "checks",
            lang,
            e=count(counts["error"], "error", lang),
            w=count(counts["warning"], "warning", lang),
            i=count(counts["info"], "info", lang),
        )
    )


def _checks_title(result: RunResult) -> str:
    return result.inputs.contract.output("checks").title(result.lang)
