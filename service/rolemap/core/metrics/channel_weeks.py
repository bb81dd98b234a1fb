"""Per channel and week, plan against fact: the figures of one channel page (docs/contract.md §4).

A week's cell is what the team wrote in `Weekly` (duplicates already summed); the 4-week column
follows §4: facts summed with an empty fact adding nothing, a plan nobody wrote staying unknown.
KPI is a rate or a count depending on the channel, so it has no 4-week sum.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rolemap.core.metrics.summary import MONEY
from rolemap.core.model.periods import current_week
from rolemap.core.parse.inputs import Inputs

FIGURES = ("spend", "leads", "sales", "revenue", "kpi")
SUMMED = MONEY
COLUMNS = [f"{m}_{kind}" for m in FIGURES for kind in ("plan", "fact")]


def week_figures(inputs: Inputs, weeks: tuple[dt.date, ...]) -> pd.DataFrame:
    """Rows (channel, week) for every channel with a row in the period, weeks in order; the
    plan and fact columns of `Weekly`, NaN where nothing was written."""
    stamps = pd.DatetimeIndex([pd.Timestamp(w) for w in weeks])
    rows = inputs.weekly_sum
    rows = rows[rows["week"].isin(stamps)]
    present = [c for c in COLUMNS if c in rows]
    table = rows.set_index(["channel", "week"])[present].astype(float)
    channels = pd.Index(rows["channel"].unique(), name="channel")
    full = pd.MultiIndex.from_product([channels, stamps], names=["channel", "week"])
    return table.reindex(full).reindex(columns=COLUMNS)


def four_week_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """Per channel: summed plans (NaN when none was written) and facts (0 when none)."""
    by_channel = figures.groupby(level="channel", sort=False)
    plans = by_channel[[f"{m}_plan" for m in SUMMED]].sum(min_count=1)
    facts = by_channel[[f"{m}_fact" for m in SUMMED]].sum()
    return plans.join(facts)


def latest_notes(inputs: Inputs, as_of: dt.date) -> pd.DataFrame:
    """Per channel, the latest week up to the current one with a conclusion or an action:
    columns week, conclusion, action (the row as the team wrote it, one of them may be empty)."""
    rows = inputs.weekly_sum
    empty = pd.DataFrame(
        columns=["week", "conclusion", "action"], index=pd.Index([], name="channel")
    )
    if rows.empty or not {"conclusion", "action"} <= set(rows.columns):
        return empty
    rows = rows[rows["week"] <= pd.Timestamp(current_week(as_of))]
    said = rows[rows["conclusion"].notna() | rows["action"].notna()]
    latest = said.sort_values("week", kind="stable").groupby("channel", sort=False).tail(1)
    return latest.set_index("channel")[["week", "conclusion", "action"]]
