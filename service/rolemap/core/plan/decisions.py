"""What the CMO decides, apart from what someone just has to fill in.

Decisions: stop flags, loss-making channels (Cut, also when a data error hides it), rewrite /
review / scale-down flags (explained when the channel itself pays off), role conflicts and
ownership gaps. Chores: every other error or warning, "fill in the sheet" work with an owner.
Pure: used by the CMO summary and the terminal alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.decision_text import say
from rolemap.core.i18n.formats import date_text
from rolemap.core.i18n.forms import count
from rolemap.core.i18n.render import ShownCheck
from rolemap.core.i18n.sentences import number, quoted, t
from rolemap.core.metrics import registry
from rolemap.core.metrics.channel_kpi import ChannelKpi
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import ChannelRow, Check, Flag
from rolemap.core.plan.model import Tone
from rolemap.core.recalc import RunResult

# Checks that are a CMO's call (who holds which hat, who owns a channel), not sheet chores.
ROLE_CODES = frozenset({"OWN-CONFLICT"})
ASSIGN_CODES = frozenset({"OWN-NO-CMO", "CH-NO-OWNER", "CH-MULTI-OWNER"})
CMO_CODES = ROLE_CODES | ASSIGN_CODES  # checks the CMO decides, not sheet work
ROW_FIGURES = ("cpa", "cpl", "roas", "romi")
# Verdicts a data error can hide, and which the summary still shows ("Fix data · then Cut").
SHOWN_UNDER_FIX = frozenset({"cut", "scale"})


@dataclass(frozen=True)
class Decision:
    text: str
    tone: Tone = "none"
    bold: bool = False


def cmo_of(result: RunResult) -> str:
    """The person holding the CMO role: the one who decides role conflicts and ownership."""
    return result.inputs.cmo()


def owner_of(check: Check, owners: dict[str, str], cmo: str) -> str:
    if check.channel and check.channel in owners:
        return owners[check.channel]
    return check.person or cmo


def _tail(key: str, who: str, lang: Lang) -> str:
    return say(key, lang, owner=who or t("nobody", lang))


def _figures(row: ChannelRow, metric: str, lang: Lang) -> str:
    keys = [metric] if metric in ROW_FIGURES and metric != "romi" else []
    keys.append("romi")
    parts = [
        f"{registry.metric(k).label(lang)} {number(v, k, lang)}"
        for k in keys
        if (v := getattr(row, k)) is not None
    ]
    return ", ".join(parts)


def flag_decision(flag: Flag, row: ChannelRow | None, lang: Lang) -> Decision:
    last_day = flag.since + dt.timedelta(days=flag.days_in_a_row - 1)
    text = say(
        "flag_line",
        lang,
        verb=lbl.ACTIONS[flag.action].verb[lang],
        name=quoted(flag.channel, lang),
        metric=registry.metric(flag.metric).label(lang),
        last=number(flag.last_value, flag.metric, lang),
        cond=flag.condition,
        limit=number(flag.threshold, flag.metric, lang),
        day=date_text(last_day, lang),
        streak=count(flag.days_in_a_row, "day", lang),
        since=date_text(flag.since, lang),
    )
    figures = _figures(row, flag.metric, lang) if row is not None else ""
    if figures and flag.action != "stop" and row is not None and row.verdict in {"scale", "keep"}:
        verdict = lbl.say(lbl.VERDICT, row.verdict, lang)
        text += " " + say("context_keep", lang, figures=figures, verdict=verdict)
    elif figures:
        text += " " + say("context", lang, figures=figures)
    text += " " + _tail("owner_tail", flag.owner, lang)
    return Decision(text, lbl.ACTION_TONE[flag.action], bold=flag.action == "stop")


def cut_decision(row: ChannelRow, kpi: ChannelKpi | None, lang: Lang) -> Decision | None:
    hidden = row.verdict == "fix_data" and kpi is not None and kpi.economic_verdict == "cut"
    if row.romi is None or not (row.verdict == "cut" or hidden):
        return None
    fields = {"name": quoted(row.channel, lang), "romi": number(row.romi, "romi", lang)}
    if hidden:
        text = say("cut_hidden", lang, **fields)
    else:
        spend, revenue = number(row.spend, "spend", lang), number(row.revenue, "revenue", lang)
        text = say("cut_line", lang, spend=spend, revenue=revenue, **fields)
    return Decision(f"{text} {_tail('owner_tail', row.owner, lang)}", "amber")


def check_decision(check: ShownCheck, lang: Lang, cmo: str) -> Decision:
    verb = say("roles" if check.code in ROLE_CODES else "assign", lang)
    tone: Tone = "amber" if check.severity == "error" else "none"
    text = f"{verb}: {check.message} {check.fix} {_tail('decider_tail', cmo, lang)}"
    return Decision(text, tone)


def decisions(result: RunResult, cmo: str) -> list[Decision]:
    lang = result.lang
    rows = {r.channel: r for r in result.channels}
    kpis = {k.channel: k for k in result.channel_kpis}
    by_action = {a: [f for f in result.flags if f.action == a] for a in lbl.ACTION_TONE}
    out = [flag_decision(f, rows.get(f.channel), lang) for f in by_action["stop"]]
    cuts = (cut_decision(r, kpis.get(r.channel), lang) for r in result.channels)
    out += [d for d in cuts if d is not None]
    for action in ("rewrite", "review", "scale_down"):
        out += [flag_decision(f, rows.get(f.channel), lang) for f in by_action[action]]
    calls = [c for c in result.shown_checks if c.code in CMO_CODES]
    out += [check_decision(c, lang, cmo) for c in calls if c.code in ROLE_CODES]
    out += [check_decision(c, lang, cmo) for c in calls if c.code in ASSIGN_CODES]
    return out


def chores(result: RunResult) -> list[ShownCheck]:
    """Errors and warnings that are sheet work, errors first (the checks' own order)."""
    return [c for c in result.shown_checks if c.severity != "info" and c.code not in CMO_CODES]


def verdict_text(row: ChannelRow, kpi: ChannelKpi | None, lang: Lang) -> str:
    """The verdict, and the economic one a data error hides: "Fix data · then Cut: ROMI -43.6%"."""
    label = lbl.say(lbl.VERDICT, row.verdict, lang)
    hidden = kpi.economic_verdict if kpi is not None else None
    if row.verdict != "fix_data" or hidden not in SHOWN_UNDER_FIX or row.romi is None:
        return label
    then = lbl.say(lbl.VERDICT, hidden, lang)
    return say("then", lang, fix=label, verdict=then, romi=number(row.romi, "romi", lang))
