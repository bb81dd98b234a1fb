"""Stop rules (docs/contract.md §4): streaks of breaching days ending on the latest Daily date.

For each rule and channel a day breaches when it has a row, its spend meets the rule's guard
(for metrics that involve spend), the metric is defined or infinite, and it meets the condition.
The streak is the run of consecutive calendar days ending on D, the latest Daily date on or
before the as-of date minus `Data lag (days)`: the latest days' conversions are still arriving,
and judging them would stop good campaigns. Everything is computed column-wise, once per rule.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable

import numpy as np
import pandas as pd

from rolemap.core.metrics.registry import metric, metric_column
from rolemap.core.model.contract import DAILY_NUMBERS, normalize
from rolemap.core.model.results import Check, Flag, Term, make_check
from rolemap.core.parse.inputs import Inputs, known_channels
from rolemap.core.parse.rules import StopRule

_COMPARE: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def channel_owners(inputs: Inputs) -> dict[str, tuple[str, str]]:
    """Channel → (owner, status key) for channels listed in Channels; first row wins."""
    known = known_channels(inputs)
    return dict(
        zip(known["channel"], zip(known["owner"], known["status"], strict=True), strict=True)
    )


def settled_until(inputs: Inputs, as_of: dt.date) -> pd.Timestamp:
    """The last day whose figures the stop rules judge: the as-of date minus the data lag."""
    return pd.Timestamp(as_of) - pd.Timedelta(days=max(inputs.settings.data_lag_days, 0))


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
    daily = daily[daily["date"] <= settled_until(inputs, as_of)]
    if daily.empty:
        return []
    last_day = daily["date"].max()
    owners = channel_owners(inputs)
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
        targets = rule_targets(rule, owners)
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


def daily_columns(daily: pd.DataFrame) -> dict[str, np.ndarray]:
    """Daily's numbers as float arrays; a blank count means nothing happened that day: zero."""
    return {c: daily[c].fillna(0.0).to_numpy(dtype=float) for c in DAILY_NUMBERS if c in daily}


def breaches(
    rule: StopRule, cols: dict[str, np.ndarray], margin: float
) -> tuple[np.ndarray, np.ndarray]:
    """The rule's metric on each Daily row (`daily_columns`), and whether the row breaches it."""
    value = metric_column(rule.metric, cols, margin)
    defined = ~np.isnan(value)
    guard = cols["spend"] >= rule.min_spend if metric(rule.metric).spend_guarded else True
    with np.errstate(invalid="ignore"):
        meets = _COMPARE[rule.condition](np.where(defined, value, 0.0), rule.threshold)
    return value, defined & guard & meets


def rule_targets(rule: StopRule, owners: dict[str, tuple[str, str]]) -> set[str]:
    """The channels a rule judges: every channel not Stopped, or the one it names."""
    live = {name for name, (_, status) in owners.items() if status != "stopped"}
    return live if rule.channel == "*" else _named(rule, owners, live)


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
    value, breach = breaches(rule, daily_columns(daily), margin)
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
