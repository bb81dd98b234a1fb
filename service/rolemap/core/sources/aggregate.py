"""Raw rows → one row per day and channel, the shape of Daily (vectorised groupby)."""

from __future__ import annotations

import pandas as pd

from rolemap.core.sources.presets import FIELDS


def by_day(frame: pd.DataFrame, channel: pd.Series) -> pd.DataFrame:
    """Columns date, channel, row (the first raw row) and every field, summed per day/channel.

    Rows without a channel are left out; an empty field stays empty (NaN), not 0.
    """
    present = [f for f in FIELDS if f in frame]
    routed = frame.assign(channel=channel.to_numpy())
    routed = routed[routed["channel"].notna()]
    if routed.empty:
        return pd.DataFrame(columns=["date", "channel", "row", *present])
    grouped = routed.groupby(["date", "channel"], sort=True)
    out = grouped[present].sum(min_count=1)
    out.insert(0, "row", grouped["row"].min())
    return out.reset_index()[["date", "channel", "row", *present]]
