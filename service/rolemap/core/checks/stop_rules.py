"""Stop rules (docs/contract.md §4): streaks of breaching days ending on the latest Daily date.

For each rule and channel a day breaches when it has a row, its spend meets the rule's guard
(for metrics that involve spend), the metric is defined or infinite, and it meets the condition.
The streak is the run of consecutive calendar days ending on D, the latest Daily date on or
before the as-of date. Everything is computed column-wise, once per rule.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable

import numpy as np
import pandas as pd

from rolemap.core.metrics.registry import metric, metric_column
from rolemap.core.model.contract import normalize
from rolemap.core.model.results import Check, Flag, Term, make_check
from rolemap.core.parse.inputs import DAILY_NUMBERS, Inputs, known_channels
from rolemap.core.parse.rules import StopRule

_COMPARE: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def _channel_owners(inputs: Inputs) -> dict[str, tuple[str, str]]:
    """Channel → (owner, status key) for channels listed in Channels; first row wins."""
    known = known_channels(inputs)
    return dict(
        zip(known["channel"], zip(known["owner"], known["status"], strict=True), strict=True)
    )


def _streaks(days_back: pd.Series, channels: pd.Series) -> pd.Series:
    """Length of the run 0, 1, 2, … of days back from D, per channel."""
    frame = pd.DataFrame({"channel": channels, "back": days_back}).sort_values(["channel", "back"])
    position = frame.groupby("channel").cumcount()
    in_run = (frame["back"].to_numpy() == position.to_numpy()).astype(int)
    frame["in_run"] = in_run
    run = frame.groupby("channel")["in_run"].cumprod()
    return run.groupby(frame["channel"]).sum()


def evaluate_rules(inputs: Inputs, as_of: dt.date, checks: list[Check]) -> list[Flag]:
    daily = inputs.daily_sum
    if inputs.daily is None or daily.empty:
        return []
    as_of_ts = pd.Timestamp(as_of)
    daily = daily[daily["date"] <= as_of_ts]
    if daily.empty:
        return []
    last_day = daily["date"].max()
    owners = _channel_owners(inputs)
    live = {name for name, (_, status) in owners.items() if status != "stopped"}
    margin = inputs.settings.gross_margin
    flags: list[Flag] = []
    for rule in inputs.rules:
        missing = [c for c in metric(rule.metric).needs if not inputs.daily.has(c)]
        if missing:
            checks.append(
                make_check(
                    "warning",
                    "RULE-NO-DATA",
                    tab="Stop rules",
                    row=rule.row,
                    column="Metric",
                    rule=rule.name,
                    column_title=Term("column", missing[0], tab="daily"),
                    daily_tab=inputs.daily.title,
                )
            )
            continue
        targets = live if rule.channel == "*" else _named(rule, owners, live)
        if not targets:
            continue
        flags += _evaluate(rule, daily[daily["channel"].isin(targets)], last_day, margin, owners)
    previous = inputs.previous_flags
    return [
        f.model_copy(update={"status": "ongoing"})
        if (normalize(f.channel), normalize(f.rule)) in previous
        else f
        for f in flags
    ]


def _named(rule: StopRule, owners: dict[str, tuple[str, str]], live: set[str]) -> set[str]:
    key = normalize(rule.channel)
    return {name for name in live if normalize(name) == key}


def _evaluate(
    rule: StopRule,
    daily: pd.DataFrame,
    last_day: pd.Timestamp,
    margin: float,
    owners: dict[str, tuple[str, str]],
) -> list[Flag]:
    if daily.empty:
        return []
    # A blank count on a Daily row means nothing happened that day: zero, not unknown.
    cols = {c: daily[c].fillna(0.0).to_numpy(dtype=float) for c in DAILY_NUMBERS if c in daily}
    value = metric_column(rule.metric, cols, margin)
    defined = ~np.isnan(value)
    guard = cols["spend"] >= rule.min_spend if metric(rule.metric).spend_guarded else True
    with np.errstate(invalid="ignore"):
        meets = _COMPARE[rule.condition](np.where(defined, value, 0.0), rule.threshold)
    breach = defined & guard & meets
    if not breach.any():
        return []
    hits = daily.loc[breach, ["channel", "date"]]
    back = (last_day - hits["date"]).dt.days
    streaks = _streaks(back.reset_index(drop=True), hits["channel"].reset_index(drop=True))
    fired = streaks[streaks >= rule.days]
    if fired.empty:
        return []
    on_last = pd.Series(value, index=daily.index)[daily["date"] == last_day]
    last_by_channel = dict(zip(daily.loc[on_last.index, "channel"], on_last, strict=True))
    return [
        Flag(
            channel=channel,
            owner=owners[str(channel)][0],
            rule=rule.name,
            metric=rule.metric,
            condition=rule.condition,
            threshold=rule.threshold,
            days_in_a_row=int(length),
            since=(last_day - pd.Timedelta(days=int(length) - 1)).date(),
            last_value=float(last_by_channel[channel]),
            action=rule.action,
        )
        for channel, length in fired.items()
    ]
