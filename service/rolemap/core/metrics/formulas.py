"""Metric formulas of docs/contract.md §4, for scalars and for whole columns at once.

A zero denominator gives no value (None / NaN), except spend above zero with zero leads or sales:
CPL and CPA are then infinite, which a stop rule counts as above any threshold.
"""

from __future__ import annotations

import math

from rolemap.core.model.results import Figures


def ratio(num: float, den: float) -> float | None:
    if den == 0 or math.isnan(den) or math.isnan(num):
        return None
    return num / den


def cost_per(spend: float, count: float) -> float | None:
    """CPL / CPA: infinite when money was spent and nothing came of it."""
    if count == 0 or math.isnan(count):
        return math.inf if spend > 0 else None
    return spend / count


def romi(revenue: float, spend: float, margin: float) -> float | None:
    if spend == 0:
        return None
    return (revenue * margin - spend) / spend


def fixed_costs(monthly: float, days: int) -> float:
    """Monthly fixed costs prorated by days: monthly × 12 / 365 a day."""
    return monthly * 12 / 365 * days


def figures(
    spend: float | None,
    leads: float | None,
    sales: float | None,
    revenue: float | None,
    *,
    margin: float,
    fixed: float | None = None,
) -> Figures:
    """Sums and ratios for one set of rows; `fixed` (the period's fixed costs) enables CAC.

    A figure of None (a plan nobody wrote) leaves every ratio that needs it undefined.
    """
    has_spend = spend is not None
    return Figures(
        spend=spend,
        leads=leads,
        sales=sales,
        revenue=revenue,
        cpl=cost_per(spend, leads) if has_spend and leads is not None else None,  # type: ignore[arg-type]
        cpa=cost_per(spend, sales) if has_spend and sales is not None else None,  # type: ignore[arg-type]
        cac=ratio(spend + fixed, sales)  # type: ignore[operator]
        if fixed is not None and has_spend and sales is not None
        else None,
        roas=ratio(revenue, spend) if has_spend and revenue is not None else None,  # type: ignore[arg-type]
        romi=romi(revenue, spend, margin) if has_spend and revenue is not None else None,  # type: ignore[arg-type]
    )


def attainment(fact: float | None, plan: float | None) -> float | None:
    """Plan attainment, fact / plan; no plan means no attainment."""
    if fact is None or plan is None or math.isinf(fact) or math.isinf(plan):
        return None
    return ratio(fact, plan)
