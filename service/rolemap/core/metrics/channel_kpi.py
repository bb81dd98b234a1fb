"""Per channel, what the CMO compares: the primary KPI against its target and against the four
weeks before, the revenue plan, and the verdict the economics alone would give.

The primary KPI is whatever the team wrote in `Channels` › `Primary KPI`. When it names a ratio we
compute (CPA, CPL, ROAS, ROMI, CR), its value over four weeks comes from that period's sums, so
it matches the channel table; any other KPI (leads, repeat sales, mentions…) is the sum of the
weekly `KPI fact` over the four weeks, the same basis as a monthly target.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import cast

import pandas as pd

from rolemap.core.metrics.formulas import figures
from rolemap.core.metrics.summary import MONEY, verdict
from rolemap.core.model.contract import normalize
from rolemap.core.model.periods import finished_weeks
from rolemap.core.model.results import ActionKey, ChannelRow, Flag, VerdictKey
from rolemap.core.parse.inputs import Inputs

RATIO_KPIS = ("cpa", "cpl", "roas", "romi", "cr")
LOWER_IS_BETTER = frozenset({"cpa", "cpl", "cac", "cost"})
SUMMED = MONEY


@dataclass(frozen=True)
class ChannelKpi:
    channel: str
    kpi: str  # as the team wrote it; "" when none
    target: float | None
    fact: float | None  # last 4 finished weeks
    previous: float | None  # the 4 weeks before those
    lower_is_better: bool
    revenue_plan: float | None  # last 4 finished weeks
    economic_verdict: VerdictKey  # the §5 verdict with data errors set aside

    @property
    def change(self) -> float | None:
        """Relative change against the previous 4 weeks; None without a base to compare to."""
        if self.fact is None or self.previous is None or self.previous == 0:
            return None
        if math.isinf(self.fact) or math.isinf(self.previous):
            return None
        return (self.fact - self.previous) / abs(self.previous)

    @property
    def on_target(self) -> bool | None:
        if self.fact is None or self.target is None:
            return None
        return self.fact <= self.target if self.lower_is_better else self.fact >= self.target


def kpi_key(name: str) -> str | None:
    """The ratio a KPI names ("CPA", "cpa, RUB" → "cpa"), or None for anything else."""
    words = normalize(name).replace(",", " ").replace(";", " ").split()
    return next((w for w in words if w in RATIO_KPIS), None)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return None if math.isnan(value) else float(value)


def _period(inputs: Inputs, weeks: tuple[dt.date, ...]) -> pd.DataFrame:
    """Sums per channel over `weeks`: facts, revenue plan and the reported KPI."""
    weekly = inputs.weekly_sum
    rows = weekly[weekly["week"].isin([pd.Timestamp(w) for w in weeks])]
    cols = [f"{m}_fact" for m in SUMMED] + ["revenue_plan", "kpi_fact"]
    return rows.groupby("channel")[[c for c in cols if c in rows]].sum(min_count=1)


def _value(sums: pd.DataFrame, channel: str, col: str) -> float | None:
    if channel not in sums.index or col not in sums.columns:
        return None
    v = cast(float, sums.at[channel, col])
    return None if pd.isna(v) else float(v)


def _kpi_value(sums: pd.DataFrame, channel: str, key: str | None, margin: float) -> float | None:
    if key is None:
        return _value(sums, channel, "kpi_fact")
    spend, leads, sales, revenue = (_value(sums, channel, f"{m}_fact") or 0.0 for m in SUMMED)
    if key == "cr":
        return sales / leads if leads else None
    fig = figures(spend, leads, sales, revenue, margin=margin)
    value: float | None = getattr(fig, key)
    return value


def channel_kpis(
    inputs: Inputs, as_of: dt.date, rows: tuple[ChannelRow, ...], flags: tuple[Flag, ...]
) -> tuple[ChannelKpi, ...]:
    channels = inputs.channels
    if channels is None or not rows:
        return ()
    eight = finished_weeks(as_of, 8)
    now, before = _period(inputs, eight[4:]), _period(inputs, eight[:4])
    frame = channels.frame.drop_duplicates("channel")
    kpi_names = dict(zip(frame["channel"], frame.get("primary_kpi", pd.Series()), strict=False))
    targets = dict(zip(frame["channel"], frame.get("kpi_target", pd.Series()), strict=False))
    actions: dict[str, list[ActionKey]] = {}
    for flag in flags:
        actions.setdefault(flag.channel, []).append(flag.action)
    margin, target_romi = inputs.settings.gross_margin, inputs.settings.target_romi
    out = []
    for row in rows:
        name = kpi_names.get(row.channel)
        kpi = str(name).strip() if isinstance(name, str) else ""
        key = kpi_key(kpi) if kpi else None
        out.append(
            ChannelKpi(
                channel=row.channel,
                kpi=kpi,
                target=_number(targets.get(row.channel)),
                fact=_kpi_value(now, row.channel, key, margin) if kpi else None,
                previous=_kpi_value(before, row.channel, key, margin) if kpi else None,
                lower_is_better=key in LOWER_IS_BETTER,
                revenue_plan=_value(now, row.channel, "revenue_plan"),
                economic_verdict=verdict(row, actions, set(), target_romi),
            )
        )
    return tuple(out)
