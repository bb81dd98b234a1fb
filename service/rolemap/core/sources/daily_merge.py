"""Where imported days land in Daily: replace the window they cover, append the rest.

Idempotent by construction: for every channel in the import, the Daily rows of that channel dated
within the import's first..last day are its slots. Imported rows (sorted by day and channel) fill
the slots in sheet order, extra rows go below the last used row, and slots left over are cleared.
Importing the same file again therefore rewrites the same cells with the same values; an
overlapping period replaces those days instead of adding them twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rolemap.core.model.contract import Contract, normalize
from rolemap.core.model.results import Check
from rolemap.core.model.snapshot import CellValue, Grid
from rolemap.core.parse.tabs import object_map, parse_table, used_rows
from rolemap.core.parse.values import parse_date_column
from rolemap.core.sources.presets import FIELDS

DAILY_FIELDS = ("date", "channel", *FIELDS)


@dataclass
class MergePlan:
    header_row: int  # 0-based
    cols: dict[str, int]  # Daily field → 0-based column
    writes: list[tuple[int, dict[str, CellValue]]] = field(default_factory=list)  # 1-based rows
    added: int = 0
    replaced: int = 0
    cleared: int = 0
    unwritable: tuple[str, ...] = ()  # fields the import has and Daily has no column for


def _cell(value: object) -> CellValue:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value  # type: ignore[return-value]


def plan_merge(grid: Grid, incoming: pd.DataFrame, contract: Contract) -> MergePlan:
    """Incoming columns: date, channel and fields; `grid` is Daily as it is now."""
    spec = contract.tab("daily")
    ignored: list[Check] = []
    parsed = parse_table(grid, spec, spec.en, ignored)
    cols = {k: c for k, c in parsed.cols.items() if k in DAILY_FIELDS}
    present = [f for f in FIELDS if f in incoming and incoming[f].notna().any()]
    plan = MergePlan(parsed.header_row, cols, unwritable=tuple(f for f in present if f not in cols))
    if incoming.empty:
        return plan
    body = grid[parsed.header_row + 1 :]
    first_row = parsed.header_row + 2
    existing = _existing(body, cols, first_row)
    channels = set(object_map(incoming["channel"], normalize))
    lo, hi = incoming["date"].min(), incoming["date"].max()
    in_window = (
        existing["channel_key"].isin(channels) & (existing["date"] >= lo) & (existing["date"] <= hi)
    )
    window = existing[in_window]
    slots = sorted(window["row"].tolist())
    new = incoming.sort_values(["date", "channel"], kind="stable").reset_index(drop=True)
    keys_before = set(zip(window["date"], window["channel_key"], strict=True))
    keys_new = list(zip(new["date"], object_map(new["channel"], normalize), strict=True))
    plan.replaced = sum(k in keys_before for k in keys_new)
    plan.added = len(new) - plan.replaced
    plan.cleared = max(len(slots) - len(new), 0)
    next_row = max(used_rows(grid) + 1, first_row)
    targets = slots[: len(new)] + list(range(next_row, next_row + max(len(new) - len(slots), 0)))
    records = new.to_dict("records")
    for row, record in zip(targets, records, strict=True):
        plan.writes.append((row, {k: _cell(record.get(k)) for k in DAILY_FIELDS if k in cols}))
    for row in slots[len(new) :]:
        plan.writes.append((row, dict.fromkeys(cols)))
    return plan


def _existing(body: Grid, cols: dict[str, int], first_row: int) -> pd.DataFrame:
    """Every Daily row with a readable date and a channel: row, date, channel_key."""
    if "date" not in cols or "channel" not in cols or not body:
        return pd.DataFrame({"row": [], "date": pd.to_datetime([]), "channel_key": []})

    def column(c: int) -> list[object]:
        return [r[c] if c < len(r) else None for r in body]

    dates, _ = parse_date_column(column(cols["date"]))
    names = pd.Series(column(cols["channel"]), dtype=object)
    frame = pd.DataFrame(
        {
            "row": np.arange(first_row, first_row + len(body)),
            "date": pd.to_datetime(dates),
            "channel_key": object_map(names, lambda v: normalize(v) if v else None),
        }
    )
    return frame[frame["date"].notna() & frame["channel_key"].notna()]
