"""Report discipline (docs/contract.md §3): Monday is the plan, Friday is the facts.

Works on `weekly_sum` (one row per channel and week, duplicates already summed) and `daily_sum`.
Masks are computed for all rows at once; Python only loops over the rows that get a check.

Decisions where the spec is silent:
* A missing plan is only asked of Active and Test channels (an unrecognised status counts as
  active), but the fact, conclusion, action and mismatch rules apply to every row that exists,
  whatever the channel's status: a row someone started should be finished.
* Nothing is reported when the Weekly tab itself is missing; `DATA-MISSING-TAB` says it all.
* The fact-vs-Daily gap is relative to the Daily sum (5% is allowed); when Daily adds up to 0,
  any other fact is a mismatch. A metric that is empty on either side is not compared.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from rolemap.core.i18n.catalog import make_check
from rolemap.core.i18n.labels import METRIC
from rolemap.core.model.contract import Lang
from rolemap.core.model.periods import monday_of
from rolemap.core.model.results import Check, Severity
from rolemap.core.parse.inputs import Inputs, known_channels

_METRICS = ("spend", "leads", "sales", "revenue", "kpi")
PLAN = tuple(f"{m}_plan" for m in _METRICS)
FACT = tuple(f"{m}_fact" for m in _METRICS)
RECONCILED = ("spend", "leads", "sales", "revenue")
TOLERANCE = 0.05
_NO_OWNER: dict[Lang, str] = {"en": "nobody yet", "ru": "пока никто"}


def report_checks(inputs: Inputs, as_of: dt.date) -> list[Check]:
    if inputs.weekly is None or inputs.channels is None:
        return []
    channels = known_channels(inputs)
    weekly = inputs.weekly_sum.reindex(
        columns=["channel", "week", "row", *PLAN, *FACT, "conclusion", "action"]
    )
    owners = dict(zip(channels["channel"], channels["owner"], strict=True))
    weekly["owner"] = weekly["channel"].map(owners).fillna("")
    return [
        *_plans(inputs, channels, weekly, as_of),
        *_facts(inputs, weekly, as_of),
        *_mismatches(inputs, weekly),
    ]


def _owner(owner: Any, lang: Lang) -> str:
    return str(owner) if owner else _NO_OWNER[lang]


def _plans(
    inputs: Inputs, channels: pd.DataFrame, weekly: pd.DataFrame, as_of: dt.date
) -> list[Check]:
    """Plans are due on Monday: `info` on the Monday itself, `error` from Tuesday on."""
    monday = monday_of(as_of)
    severity: Severity = "info" if as_of == monday else "error"
    live = channels[channels["status"].isin(["active", "test"])]
    this_week = weekly[weekly["week"] == pd.Timestamp(monday)]
    no_row = live[~live["channel"].isin(this_week["channel"])]
    empty = this_week[this_week[list(PLAN)].isna().all(axis=1)]
    empty = empty[empty["channel"].isin(live["channel"])]
    return [
        *(
            _weekly_check(inputs, severity, "REP-NO-PLAN/no-row", rec, monday, "plan", None)
            for rec in no_row.to_dict("records")
        ),
        *(
            _weekly_check(inputs, severity, "REP-NO-PLAN", rec, monday, "plan", "spend_plan")
            for rec in empty.to_dict("records")
        ),
    ]


def _facts(inputs: Inputs, weekly: pd.DataFrame, as_of: dt.date) -> list[Check]:
    """Facts are due on Friday; a row with facts also needs a conclusion and an action."""
    friday = weekly["week"] + pd.Timedelta(days=4)
    day = pd.Timestamp(as_of)
    no_fact = weekly[list(FACT)].isna().all(axis=1)
    out: list[Check] = []
    due: tuple[tuple[Severity, pd.Series], ...] = (("error", friday < day), ("info", friday == day))
    for severity, when in due:
        for rec in weekly[no_fact & when].to_dict("records"):
            week = rec["week"].date()
            out.append(
                _weekly_check(inputs, severity, "REP-NO-FACT", rec, week, "fact", "spend_fact")
            )
    for key, code in (("conclusion", "REP-NO-CONCLUSION"), ("action", "REP-NO-ACTION")):
        text = weekly[key]
        blank = text.isna() | (text.astype(str).str.strip() == "")
        for rec in weekly[~no_fact & blank].to_dict("records"):
            week = rec["week"].date()
            out.append(_weekly_check(inputs, "warning", code, rec, week, key, key))
    return out


def _weekly_check(
    inputs: Inputs,
    severity: Severity,
    key: str,
    rec: dict[Any, Any],
    monday: dt.date,
    topic: str,
    column: str | None,
) -> Check:
    """A check about one channel's week; `rec` is a Weekly row or, for no-row, a channel."""
    weekly = inputs.weekly
    assert weekly is not None
    row = int(rec["row"]) if column else None  # a channel's row is in Channels, not Weekly
    return make_check(
        inputs.lang,
        severity,
        key,
        tab="Weekly",
        row=row,
        column=weekly.spec.column(column).en if column else "Week",
        channel=rec["channel"],
        person=rec["owner"] or None,
        topic=topic,
        week=monday,
        owner=_owner(rec["owner"], inputs.lang),
        tab_title=inputs.title("weekly"),
        row_number=row,
        cell=weekly.cell(row, column) if column else inputs.title("weekly"),
    )


def _mismatches(inputs: Inputs, weekly: pd.DataFrame) -> list[Check]:
    """Weekly facts against the Daily sums, for weeks where Daily has all 7 days."""
    daily = inputs.daily_sum
    if inputs.daily is None or daily.empty or weekly.empty:
        return []
    week = daily["date"] - pd.to_timedelta(daily["date"].dt.day_of_week, unit="D")
    grouped = daily.assign(week=week).groupby(["channel", "week"], sort=False)
    sums = grouped[list(RECONCILED)].sum(min_count=1)
    sums["days"] = grouped.size()
    sums = sums[sums["days"] == 7].reset_index()
    both = weekly.merge(sums, on=["channel", "week"], how="inner")
    out: list[Check] = []
    for metric in RECONCILED:
        fact, total = both[f"{metric}_fact"], both[metric]
        gap = (fact - total).abs()
        off = fact.notna() & total.notna() & (gap > TOLERANCE * total.abs() + 1e-9)
        for rec in both[off].to_dict("records"):
            out.append(_mismatch(inputs, rec, metric))
    return out


def _mismatch(inputs: Inputs, rec: dict[Any, Any], metric: str) -> Check:
    lang, weekly = inputs.lang, inputs.weekly
    assert weekly is not None
    fact, total, row = float(rec[f"{metric}_fact"]), float(rec[metric]), int(rec["row"])
    diff = f"{(fact - total) / total:+.1%}" if total else _number(fact - total, lang)
    return make_check(
        lang,
        "warning",
        "REP-FACT-MISMATCH",
        tab="Weekly",
        row=row,
        column=weekly.spec.column(f"{metric}_fact").en,
        channel=rec["channel"],
        person=rec["owner"] or None,
        metric=METRIC[metric][lang],
        week=rec["week"].date(),
        fact=_number(fact, lang),
        daily=_number(total, lang),
        diff=diff.replace(".", ",") if lang == "ru" else diff,
        cell=weekly.cell(row, f"{metric}_fact"),
    )


def _number(value: float, lang: Lang) -> str:
    """12,500.5 in English, 12 500,5 in Russian."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if lang == "ru":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text
