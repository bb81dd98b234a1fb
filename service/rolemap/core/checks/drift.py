"""KPI drift (docs/contract.md §3): a channel's KPI that no longer moves with the team's revenue.

Over the last 8 finished calendar weeks, Pearson r between each channel's `KPI fact` and the
total `Revenue fact` of all channels, using only weeks where both are filled. All channels are
correlated at once from one week × channel pivot.

Decisions where the spec is silent: Stopped channels are skipped (their KPI is not supposed to
move); a constant series has no correlation, so it gives no check rather than a guess.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pandas as pd

from rolemap.core.model.periods import finished_weeks
from rolemap.core.model.results import Check, Num, make_check, phrase
from rolemap.core.parse.inputs import Inputs, known_channels

WEEKS = 8
MIN_WEEKS = 6
THRESHOLD = 0.3


def pearson(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Column-wise r of `x` (weeks × channels) against `y` (weeks), on pairwise-filled weeks.

    Returns (r, n); r is NaN where a column has fewer than 2 weeks or either side is constant.
    """
    both = ~np.isnan(x) & ~np.isnan(y)[:, None]
    n = both.sum(axis=0)
    xs = np.where(both, x, 0.0)
    ys = np.where(both, y[:, None], 0.0)
    count = np.maximum(n, 1)
    dx = np.where(both, xs - xs.sum(axis=0) / count, 0.0)
    dy = np.where(both, ys - ys.sum(axis=0) / count, 0.0)
    sxx, syy, sxy = (dx * dx).sum(axis=0), (dy * dy).sum(axis=0), (dx * dy).sum(axis=0)
    # Relative to the values' size, so float noise around a constant series is not a trend.
    varies = (sxx > 1e-12 * (xs * xs).sum(axis=0)) & (syy > 1e-12 * (ys * ys).sum(axis=0))
    ok = varies & (n >= 2)
    r = np.full(x.shape[1], np.nan)
    np.divide(sxy, np.sqrt(sxx * syy), out=r, where=ok)
    return r, n.astype(np.int64)


def drift_checks(inputs: Inputs, as_of: dt.date) -> list[Check]:
    channels = known_channels(inputs)
    weekly = inputs.weekly_sum
    if channels.empty or weekly.empty:
        return []
    weeks = pd.DatetimeIndex([pd.Timestamp(w) for w in finished_weeks(as_of, WEEKS)])
    recent = weekly[weekly["week"].isin(weeks)]
    kpi = recent.pivot(index="week", columns="channel", values="kpi_fact").reindex(weeks)
    revenue = recent.groupby("week")["revenue_fact"].sum(min_count=1).reindex(weeks)
    if kpi.empty or kpi.shape[1] == 0:
        return []
    r, n = pearson(
        kpi.to_numpy(dtype=np.float64, na_value=np.nan),
        revenue.to_numpy(dtype=np.float64, na_value=np.nan),
    )
    found = pd.DataFrame({"channel": kpi.columns, "r": r, "n": n})
    found = found[(found["n"] >= MIN_WEEKS) & (found["r"] < THRESHOLD)]
    found = found.merge(channels[channels["status"] != "stopped"], on="channel")
    out: list[Check] = []
    for rec in found.to_dict("records"):
        out.append(
            make_check(
                "warning",
                "KPI-DRIFT",
                tab="Channels",
                row=int(rec["row"]),
                column="Primary KPI",
                channel=rec["channel"],
                person=rec["owner"] or None,
                r=Num(float(rec["r"]), "decimal"),
                n=int(rec["n"]),
                owner=rec["owner"] or phrase("the_team"),
            )
        )
    return out
