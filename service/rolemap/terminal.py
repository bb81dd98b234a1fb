"""The recalculation as a marketer reads it in a terminal: decisions, flags, channels, checks."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from rolemap.core import Lang, RunResult
from rolemap.core.decisions.decided import without_decided
from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.sentences import check_sentence, flag_sentence, number, t

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
    "checks": {
        "en": "Checks: {e} errors, {w} warnings, {i} info",
        "ru": "Проверки: ошибок {e}, предупреждений {w}, к сведению {i}",
    },
}


def _fmt(value: float | None, metric: str, lang: Lang) -> str:
    return "" if value is None else number(value, metric, lang)


def print_summary(result: RunResult, console: Console) -> None:
    lang = result.lang
    owners = {r.channel: r.owner for r in result.channels}
    console.rule(f"[bold]{t('title', lang)}[/] · {result.as_of.isoformat()}")
    console.print(f"[bold]{t('decisions', lang)}[/]")
    undecided = without_decided(result)  # what the CMO overrode or snoozed is not repeated
    errors = [c for c in undecided.shown_checks if c.severity == "error"]
    if not undecided.flags and not errors:
        console.print("  " + t("no_decisions", lang))
    for flag in undecided.flags:
        style = "red" if flag.action == "stop" else "yellow"
        console.print(
            f"  [{style}]•[/] {flag_sentence(flag, lang)}", highlight=False, soft_wrap=True
        )
    for check in errors[:8]:
        owner = owners.get(check.channel or "", check.person or "")
        console.print(
            f"  [red]•[/] {check_sentence(check, owner, lang)}", highlight=False, soft_wrap=True
        )
    if len(errors) > 8:
        console.print("  " + t("more", lang, n=len(errors) - 8, tab=_checks_title(result)))

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
        verdict = lbl.say(lbl.VERDICT, r.verdict, lang)
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
        _HEAD["checks"][lang].format(e=counts["error"], w=counts["warning"], i=counts["info"])
    )


def _checks_title(result: RunResult) -> str:
    return result.inputs.contract.output("checks").title(result.lang)
