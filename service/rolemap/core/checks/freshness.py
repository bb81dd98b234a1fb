"""Data freshness: does the as-of date fall where the data is?

Two warnings, both about the date rather than a cell a person typed wrong:

* `DATA-STALE`: the latest `Daily` date is more than `STALE_AFTER_DAYS` days before the as-of
  date. Stop rules judge streaks that end on the latest Daily date, so without this a flag from
  weeks ago reads as today's news.
* `DATA-AS-OF-BEFORE-DATA`: the as-of date is before the first `Daily` date and the first
  `Weekly` week, so every figure of the run is empty. A warning rather than info: nothing the
  run shows means anything until the date or the data is fixed.

Decisions where the spec is silent: a Daily row counts whatever its channel (a row for an
unknown channel still shows the tab is kept up to date); an empty Daily tab gives neither
check (its rows' own checks, or `DATA-MISSING-TAB`, say what is wrong).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rolemap.core.model.results import Check, make_check
from rolemap.core.parse.inputs import Inputs

STALE_AFTER_DAYS = 2


def _dates(frame: pd.DataFrame | None, key: str) -> pd.DataFrame:
    if frame is None or key not in frame:
        return pd.DataFrame(columns=[key, "row"])
    return frame.loc[frame[key].notna(), [key, "row"]]


def freshness_checks(inputs: Inputs, as_of: dt.date) -> list[Check]:
    daily = _dates(inputs.daily.frame if inputs.daily is not None else None, "date")
    weekly = _dates(inputs.weekly.frame if inputs.weekly is not None else None, "week")
    if inputs.daily is None or daily.empty:
        return []
    latest_ts = pd.Timestamp(daily["date"].max())
    starts = [latest_ts, pd.Timestamp(daily["date"].min())]
    if not weekly.empty:
        starts.append(pd.Timestamp(weekly["week"].min()))
    first, latest = min(starts).date(), latest_ts.date()
    settings_tab = inputs.title("settings")
    if as_of < first:
        return [
            make_check(
                "warning",
                "DATA-AS-OF-BEFORE-DATA",
                as_of=as_of,
                first=first,
                settings_tab=settings_tab,
            )
        ]
    if (as_of - latest).days <= STALE_AFTER_DAYS:
        return []
    row = int(daily.loc[daily["date"] == latest_ts, "row"].min())
    return [
        make_check(
            "warning",
            "DATA-STALE",
            tab="Daily",
            row=row,
            column="Date",
            cell=inputs.daily.cell(row, "date"),
            latest=latest,
            as_of=as_of,
            daily_tab=inputs.title("daily"),
            settings_tab=settings_tab,
        )
    ]
