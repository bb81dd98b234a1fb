"""Period totals, the channel table and verdicts (docs/contract.md §4–§6), from Weekly facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import pandas as pd

from rolemap.core.metrics.formulas import attainment, figures, fixed_costs, ratio
from rolemap.core.model.periods import finished_weeks
from rolemap.core.model.results import (
    ACTION_ORDER,
    ActionKey,
    ChannelRow,
    Check,
    Flag,
    PeriodTotals,
    VerdictKey,
)
from rolemap.core.parse.inputs import Inputs

MONEY = ("spend", "leads", "sales", "revenue")


@dataclass(frozen=True)
class WeekPoint:
    week: dt.date
    revenue_plan: float | None
    revenue_fact: float | None


def _period_sums(weekly: pd.DataFrame, weeks: tuple[dt.date, ...]) -> pd.DataFrame:
    stamps = [pd.Timestamp(w) for w in weeks]
    return weekly[weekly["week"].isin(stamps)]


def period_totals(inputs: Inputs, label: str, weeks: tuple[dt.date, ...]) -> PeriodTotals:
    rows = _period_sums(inputs.weekly_sum, weeks)
    settings = inputs.settings
    fixed = fixed_costs(settings.fixed_costs_monthly, 7 * len(weeks))

    def block(kind: str) -> dict[str, float | None]:
        # A missing fact adds nothing (sum 0); a plan nobody wrote stays unknown.
        out: dict[str, float | None] = {}
        for m in MONEY:
            total = rows[f"{m}_{kind}"].sum(min_count=1)
            out[m] = float(total) if not pd.isna(total) else (0.0 if kind == "fact" else None)
        return out

    plan, fact = block("plan"), block("fact")
    return PeriodTotals(
        label=label,
        weeks=weeks,
        plan=figures(**plan, margin=settings.gross_margin, fixed=fixed),
        fact=figures(**fact, margin=settings.gross_margin, fixed=fixed),
    )


def most_severe(actions: list[ActionKey]) -> ActionKey | None:
    return next((a for a in ACTION_ORDER if a in actions), None)


def channel_rows(
    inputs: Inputs, weeks: tuple[dt.date, ...], flags: list[Flag], checks: list[Check]
) -> list[ChannelRow]:
    if inputs.channels is None:
        return []
    rows = _period_sums(inputs.weekly_sum, weeks)
    sums = rows.groupby("channel")[[f"{m}_fact" for m in MONEY] + ["revenue_plan"]].sum(min_count=1)
    total_revenue = float(rows["revenue_fact"].sum())
    actions: dict[str, list[ActionKey]] = {}
    for flag in flags:
        actions.setdefault(flag.channel, []).append(flag.action)
    broken = {c.channel for c in checks if c.severity == "error" and c.channel}
    margin, target = inputs.settings.gross_margin, inputs.settings.target_romi
    out: list[ChannelRow] = []
    seen: set[str] = set()
    for rec in inputs.channels.frame.itertuples():
        name = cast(str | None, rec.channel)
        if not name or name in seen:
            continue
        seen.add(name)
        got = cast(pd.Series, sums.loc[name]) if name in sums.index else None

        def value(col: str, got: pd.Series | None = got) -> float:
            v = got[col] if got is not None else float("nan")
            return 0.0 if pd.isna(v) else float(v)

        spend, leads, sales, revenue = (value(f"{m}_fact") for m in MONEY)
        plan_revenue = value("revenue_plan")
        fig = figures(spend, leads, sales, revenue, margin=margin)
        row = ChannelRow(
            channel=name,
            owner=rec.owner or "",
            status=rec.status_key or "active",
            group=rec.group_key,
            spend=spend,
            leads=leads,
            cpl=fig.cpl,
            sales=sales,
            cpa=fig.cpa,
            revenue=revenue,
            revenue_share=ratio(revenue, total_revenue),
            roas=fig.roas,
            romi=fig.romi,
            revenue_plan_attainment=attainment(revenue, plan_revenue) if plan_revenue else None,
            flag=most_severe(actions.get(name, [])),
        )
        out.append(row.model_copy(update={"verdict": verdict(row, actions, broken, target)}))
    return out


def verdict(
    row: ChannelRow, actions: dict[str, list[ActionKey]], broken: set[str], target_romi: float
) -> VerdictKey:
    """§5: the first rule that matches wins."""
    if row.status == "stopped":
        return "stopped"
    if "stop" in actions.get(row.channel, []):
        return "stop"
    if row.channel in broken:
        return "fix_data"
    if row.status == "test":
        return "test"
    if row.romi is not None and row.romi < 0:
        return "cut"
    if (
        row.romi is not None
        and row.romi >= target_romi
        and row.revenue_plan_attainment is not None
        and row.revenue_plan_attainment >= 1
    ):
        return "scale"
    return "keep"


def revenue_by_week(inputs: Inputs, as_of: dt.date, count: int = 8) -> list[WeekPoint]:
    weeks = finished_weeks(as_of, count)
    rows = _period_sums(inputs.weekly_sum, weeks)
    sums = rows.groupby("week")[["revenue_plan", "revenue_fact"]].sum(min_count=1)
    points = []
    for week in weeks:
        stamp = pd.Timestamp(week)
        plan = cast(float, sums.at[stamp, "revenue_plan"]) if stamp in sums.index else None
        fact = cast(float, sums.at[stamp, "revenue_fact"]) if stamp in sums.index else None
        points.append(
            WeekPoint(
                week,
                None if plan is None or pd.isna(plan) else float(plan),
                None if fact is None or pd.isna(fact) else float(fact),
            )
        )
    return points
