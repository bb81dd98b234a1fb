"""Stop-rule backtest: how often each rule would have fired on each channel over all of Daily.

A rule fires on day d when the streak ending on d is at least `Days in a row` long, with exactly
the breach semantics of `stop_rules` (spend guard, infinite costs, a missing day breaks the
streak). One pass per rule, vectorised: rows sorted by channel and date, breach runs numbered with
a cumulative sum, and each row's place in its run taken from the run's first row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rolemap.core.checks.stop_rules import (
    breaches,
    channel_owners,
    daily_columns,
    rule_targets,
    settled_until,
)
from rolemap.core.metrics import registry
from rolemap.core.model.results import json_number
from rolemap.core.parse.inputs import Inputs
from rolemap.core.parse.rules import StopRule


@dataclass(frozen=True, slots=True)
class BacktestRow:
    rule: str
    channel: str
    metric: str
    action: str
    days: int  # the rule's `Days in a row`
    days_fired: int
    episodes: int
    first_fired: dt.date | None
    last_fired: dt.date | None
    spend_on_fired_days: float
    revenue_on_fired_days: float | None  # None: Daily has no Revenue column

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "channel": self.channel,
            "metric": self.metric,
            "days_fired": self.days_fired,
            "episodes": self.episodes,
            "first_fired": self.first_fired.isoformat() if self.first_fired else None,
            "last_fired": self.last_fired.isoformat() if self.last_fired else None,
            "spend_on_fired_days": json_number(self.spend_on_fired_days),
            "revenue_on_fired_days": json_number(self.revenue_on_fired_days),
        }


def backtest(inputs: Inputs, as_of: dt.date) -> list[BacktestRow]:
    """Every rule × channel it judges, in rule order then channel name; zeros when never fired."""
    daily = inputs.daily_sum
    if inputs.daily is None or daily.empty:
        return []
    daily = daily[daily["date"] <= settled_until(inputs, as_of)]
    history = _History.of(daily.sort_values(["channel", "date"], kind="stable"))
    owners = channel_owners(inputs)
    margin = inputs.settings.gross_margin
    out: list[BacktestRow] = []
    for rule in inputs.rules:
        if not all(inputs.daily.has(c) for c in registry.metric(rule.metric).needs):
            continue  # already reported as RULE-NO-DATA
        targets = sorted(rule_targets(rule, owners))
        if targets:
            out += history.rule(rule, targets, margin)
    return out


@dataclass(frozen=True)
class _History:
    """Daily as arrays, sorted by channel then date; channels as integer codes for bincount."""

    names: list[str]
    code: np.ndarray
    day: np.ndarray  # days since the epoch
    cols: dict[str, np.ndarray]
    follows_day: np.ndarray  # the row before is the same channel's previous day

    @classmethod
    def of(cls, daily: pd.DataFrame) -> _History:
        code, names = pd.factorize(daily["channel"], sort=True)
        day = daily["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
        follows = np.zeros(len(daily), dtype=bool)
        follows[1:] = (code[1:] == code[:-1]) & (day[1:] - day[:-1] == 1)
        return cls([str(n) for n in names], code, day, daily_columns(daily), follows)

    def rule(self, rule: StopRule, targets: list[str], margin: float) -> list[BacktestRow]:
        n = len(self.names)
        judged = np.isin(self.code, [self.names.index(t) for t in targets if t in self.names])
        _, breach = breaches(rule, self.cols, margin)
        breach &= judged
        # A breaching row continues the run of the row before when that row is the same
        # channel's previous day and breaches too; any other breaching row starts a new run.
        follows = np.zeros_like(breach)
        follows[1:] = breach[:-1] & self.follows_day[1:]
        starts = breach & ~follows
        index = np.arange(len(breach))
        length = index - np.maximum.accumulate(np.where(starts, index, 0)) + 1
        fires = breach & (length >= rule.days)
        code = self.code[fires]
        days_fired = np.bincount(code, minlength=n)
        episodes = np.bincount(code, weights=length[fires] == rule.days, minlength=n)
        spend = np.bincount(code, weights=self.cols["spend"][fires], minlength=n)
        revenue = self.cols.get("revenue")
        money = None if revenue is None else np.bincount(code, revenue[fires], minlength=n)
        first = np.full(n, -1, dtype=np.int64)
        last = np.full(n, -1, dtype=np.int64)
        # Rows are in date order within a channel: assigning in reverse leaves the first date.
        first[code[::-1]] = self.day[fires][::-1]
        last[code] = self.day[fires]
        where = {name: i for i, name in enumerate(self.names)}
        return [
            _row(rule, name, where.get(name), days_fired, episodes, first, last, spend, money)
            for name in targets
        ]


def _row(
    rule: StopRule,
    channel: str,
    i: int | None,
    days_fired: np.ndarray,
    episodes: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    spend: np.ndarray,
    revenue: np.ndarray | None,
) -> BacktestRow:
    fired = i is not None and days_fired[i] > 0
    return BacktestRow(
        rule=rule.name,
        channel=channel,
        metric=rule.metric,
        action=rule.action,
        days=rule.days,
        days_fired=int(days_fired[i]) if i is not None else 0,
        episodes=int(episodes[i]) if i is not None else 0,
        first_fired=_EPOCH + dt.timedelta(days=int(first[i])) if fired else None,
        last_fired=_EPOCH + dt.timedelta(days=int(last[i])) if fired else None,
        spend_on_fired_days=float(spend[i]) if i is not None else 0.0,
        revenue_on_fired_days=(float(revenue[i]) if i is not None else 0.0)
        if revenue is not None
        else None,
    )


_EPOCH = dt.date(1970, 1, 1)
