"""`rolemap import`, the pure part: an export's bytes and Daily's rows → what to write.

Any unreadable cell stops the import with one line naming the row and column, so a half-read
file never lands in Daily; the totals rows and rows no channel takes are skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rolemap.core.model.contract import Contract
from rolemap.core.model.snapshot import Grid
from rolemap.core.sources.aggregate import by_day
from rolemap.core.sources.daily_merge import MergePlan, plan_merge
from rolemap.core.sources.exports import ExportError, read_export
from rolemap.core.sources.presets import Preset
from rolemap.core.sources.routes import Route, assign, has_rules, parse_routes
from rolemap.core.sources.table import BadCell, SourceTable

_KIND = {"number": "is not a number", "negative": "is negative", "date": "is not a date"}


@dataclass
class PreparedImport:
    table: SourceTable
    incoming: pd.DataFrame  # date, channel and fields: one row per day and channel
    unrouted: int  # raw rows whose campaign no rule matched
    plan: MergePlan

    @property
    def skipped(self) -> int:
        return self.table.totals + self.table.undated + self.unrouted


def routes_for(channel: str | None, preset: Preset) -> list[Route]:
    """`--channel`: a channel name, or `text=Channel; …` rules; default: the preset's title."""
    if channel and has_rules(channel):
        routes, bad = parse_routes(channel)
        if bad:
            raise ExportError(f'--channel: "{bad[0]}" is not a rule like brand=Brand search')
        return routes
    return [Route("", (channel or preset.title).strip())]


def describe(bad: list[BadCell]) -> str:
    first = bad[0]
    more = f" (and {len(bad) - 1} more bad cells)" if len(bad) > 1 else ""
    return (
        f'row {first.row}, column "{first.header}": "{first.value:.40}" {_KIND[first.kind]}'
        f"{more}; fix the file, nothing was written"
    )


def prepare_import(
    data: bytes, preset: Preset, channel: str | None, daily: Grid | None, contract: Contract
) -> PreparedImport:
    routes = routes_for(channel, preset)
    table = read_export(data, preset)
    if table.bad:
        raise ExportError(describe(table.bad))
    if daily is None:
        raise ExportError("the workbook has no Daily tab; create it from `rolemap template build`")
    frame = table.frame
    channels = assign(frame["campaign"], routes)
    incoming = by_day(frame, channels).drop(columns="row")
    plan = plan_merge(daily, incoming, contract)
    if "date" not in plan.cols or "channel" not in plan.cols:
        raise ExportError("the Daily tab has no Date and Channel header; nothing was written")
    return PreparedImport(table, incoming, int(channels.isna().sum()), plan)
