"""The Sources tab: raw tabs in the same sheet feed Daily (docs/contract-sources.md).

Each Sources row names a raw tab, its preset (or its columns), and the channel: a fixed one,
"campaign contains" rules, or both (the fixed channel takes what no rule matched). Rows naming
the same raw tab pool their rules: rules first in sheet order, catch-all channels last, so a raw
row counts once. Raw rows are summed per day and channel and join Daily's rows.

Typed Daily rows win over a source for the same channel and day: a typed row is a deliberate
entry (often a correction) while a connector rewrites its tab on every refresh, so taking the
typed one and saying so (SRC-DOUBLE-FEED) never counts the money twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rolemap.core.model.cells import a1
from rolemap.core.model.contract import load_contract, normalize
from rolemap.core.model.results import Check, Severity, Term, make_check
from rolemap.core.model.snapshot import Snapshot
from rolemap.core.parse.tabs import ParsedTab, object_map
from rolemap.core.sources.aggregate import by_day
from rolemap.core.sources.presets import CUSTOM, FIELDS, PRESETS, Preset, find_preset
from rolemap.core.sources.routes import Route, assign, has_rules, parse_routes
from rolemap.core.sources.table import BadCell, NoHeaderError, read_table

_OVERRIDES = ("date", "campaign", *FIELDS)
_BAD_CODE = {"number": "DATA-BAD-NUMBER", "negative": "DATA-NEGATIVE", "date": "DATA-BAD-DATE"}


@dataclass
class _Feed:
    """Everything the Sources rows say about one raw tab."""

    title: str
    preset: Preset
    overrides: dict[str, str]
    cell: str  # the first Sources row's Tab cell, for messages
    rules: list[Route] = field(default_factory=list)
    fallback: list[Route] = field(default_factory=list)


@dataclass(frozen=True)
class _Ctx:
    sources: ParsedTab
    checks: list[Check]

    def add(self, severity: Severity, code: str, **fields: Any) -> None:
        self.checks.append(make_check(severity, code, tab="Sources", **fields))


def join_sources(
    sources: ParsedTab | None,
    snapshot: Snapshot,
    known: dict[str, str],
    channels_title: str | Term,
    daily_sum: pd.DataFrame,
    daily: ParsedTab | None,
    checks: list[Check],
) -> pd.DataFrame:
    """`daily_sum` with the sources' days added; typed rows win on a (channel, day) clash."""
    if sources is None or sources.frame.empty:
        return daily_sum
    ctx = _Ctx(sources, checks)
    feeds = _feeds(ctx, snapshot)
    parts = [p for feed in feeds.values() if not (p := _read_feed(ctx, feed, snapshot)).empty]
    if not parts:
        return daily_sum
    fed = pd.concat(parts, ignore_index=True)
    fed = _canonical_channels(ctx, fed, known, channels_title)
    if fed.empty:
        return daily_sum
    tabs = fed.groupby("channel", sort=False)["source"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    sources_of = {str(k): str(v) for k, v in tabs.items()}
    return _merge(ctx, daily_sum, by_day(fed, fed["channel"]), daily, sources_of)


def _own_tab_names() -> frozenset[str]:
    """Rolemap's own tabs in either language: never raw data (Daily would count itself)."""
    contract = load_contract()
    names: set[str] = set()
    for tab in contract.tabs:
        names |= tab.names
    for output in contract.outputs:
        names |= output.names
    return frozenset(names)


def _feeds(ctx: _Ctx, snapshot: Snapshot) -> dict[str, _Feed]:
    by_name = {normalize(t): t for t in snapshot.tabs}
    own = _own_tab_names()
    feeds: dict[str, _Feed] = {}
    src = ctx.sources
    for rec in src.frame.to_dict("records"):
        row = int(rec["row"])
        name = rec.get("tab")
        if not name:
            continue
        title = None if normalize(name) in own else by_name.get(normalize(name))
        if title is None:  # one of ours (Daily would count itself), or no such tab
            code = "SRC-OWN-TAB" if normalize(name) in own else "SRC-UNKNOWN-TAB"
            ctx.add("error", code, row=row, column="Tab", cell=src.cell(row, "tab"), name=name)
            continue
        feed = feeds.get(title)
        if feed is None:
            preset = _preset(ctx, rec.get("preset"), row)
            if preset is None:
                continue
            overrides = {k: str(rec[f"{k}_column"]) for k in _OVERRIDES if rec.get(f"{k}_column")}
            feed = feeds[title] = _Feed(title, preset, overrides, src.cell(row, "tab"))
        channel = rec.get("channel")
        text = (rec.get("campaign_contains") or "").strip()
        rules, bad = parse_routes(text)
        catch_all = bool(channel)
        if text and channel and not has_rules(text):  # one word here, the channel beside it
            rules, bad, catch_all = [Route(text, channel)], [], False
        for piece in bad:
            ctx.add(
                "error",
                "SRC-BAD-RULE",
                row=row,
                column="Campaign contains",
                cell=src.cell(row, "campaign_contains"),
                piece=piece,
            )
        if not rules and not channel:
            ctx.add(
                "error",
                "SRC-NO-CHANNEL",
                row=row,
                column="Channel",
                cell=src.cell(row, "channel"),
                tab_title=title,
            )
        feed.rules += rules
        if catch_all:
            feed.fallback.append(Route("", str(channel)))
    return feeds


def _preset(ctx: _Ctx, name: object, row: int) -> Preset | None:
    if not name:
        return CUSTOM
    preset = find_preset(str(name))
    if preset is None:
        ctx.add(
            "error",
            "SRC-UNKNOWN-PRESET",
            row=row,
            column="Preset",
            cell=ctx.sources.cell(row, "preset"),
            preset=name,
            presets=", ".join(p.title for p in PRESETS.values()),
        )
    return preset


def _read_feed(ctx: _Ctx, feed: _Feed, snapshot: Snapshot) -> pd.DataFrame:
    try:
        table = read_table(snapshot.tabs[feed.title], feed.preset, feed.overrides)
    except NoHeaderError:
        ctx.add(
            "error",
            "SRC-NO-HEADER",
            column="Tab",
            cell=feed.cell,
            tab_title=feed.title,
            preset=feed.preset.title,
            expected=feed.preset.expected_columns or "Date, Spend",
        )
        return pd.DataFrame()
    for bad in table.bad:
        ctx.checks.append(_bad_cell(feed.title, bad))
    frame = table.frame
    campaigns = frame["campaign"]  # read_table always gives one, indexed from 0
    routes = feed.rules + feed.fallback[:1]
    channels = assign(campaigns, routes)
    lost = channels.isna().to_numpy()
    if lost.any() and routes:
        names = sorted({str(c) for c in campaigns[lost] if c})[:3]
        ctx.add(
            "warning",
            "SRC-UNMAPPED-CAMPAIGN",
            column="Campaign contains",
            cell=feed.cell,
            tab_title=feed.title,
            n=int(lost.sum()),
            campaigns=", ".join(names) or "—",
        )
    return frame.assign(channel=channels.to_numpy(), source=feed.title)[~lost]


def _bad_cell(title: str, bad: BadCell) -> Check:
    return make_check(
        "error",
        _BAD_CODE[bad.kind],
        tab=title,
        row=bad.row,
        column=bad.header,
        cell=a1(title, bad.row, bad.col),
        value=bad.value if len(bad.value) <= 40 else bad.value[:37] + "…",
    )


def _canonical_channels(
    ctx: _Ctx, fed: pd.DataFrame, known: dict[str, str], channels_title: str | Term
) -> pd.DataFrame:
    """Channels in their Channels spelling; one DATA-UNKNOWN-CHANNEL per unknown name."""
    canonical = object_map(fed["channel"], lambda v: known.get(normalize(v)) if v else None)
    unknown = canonical.isna()
    for name in dict.fromkeys(fed.loc[unknown, "channel"]):
        ctx.add(
            "warning",
            "DATA-UNKNOWN-CHANNEL",
            column="Channel",
            channel=str(name),
            cell=_channel_cell(ctx.sources, str(name)),
            channels_tab=channels_title,
        )
    return fed.assign(channel=canonical)[~unknown]


def _channel_cell(sources: ParsedTab, name: str) -> str:
    """The Sources cell that names `name`: its Channel cell, or its Campaign contains cell."""
    frame = sources.frame
    key = normalize(name)
    for rec in frame.to_dict("records"):
        if rec.get("channel") and normalize(rec["channel"]) == key:
            return sources.cell(int(rec["row"]), "channel")
    rows = frame.loc[frame["campaign_contains"].notna(), "row"]
    return sources.cell(int(rows.iloc[0]) if len(rows) else None, "campaign_contains")


def _merge(
    ctx: _Ctx,
    daily_sum: pd.DataFrame,
    fed: pd.DataFrame,
    daily: ParsedTab | None,
    tabs: dict[str, str],
) -> pd.DataFrame:
    typed = daily_sum.set_index(["channel", "date"]).index
    clash = fed.set_index(["channel", "date"]).index.isin(typed)
    for channel, group in fed[clash].groupby("channel", sort=True):
        days = group["date"]
        hit = daily_sum[(daily_sum["channel"] == channel) & daily_sum["date"].isin(days)]
        first_row = int(hit["row"].min())
        ctx.checks.append(
            make_check(
                "warning",
                "SRC-DOUBLE-FEED",
                tab=daily.spec.en if daily else "Daily",
                row=first_row,
                column="Date",
                channel=str(channel),
                n=len(group),
                first=days.min().date(),
                last=days.max().date(),
                cell=daily.cell(first_row, "date") if daily else str(first_row),
                daily_tab=daily.title if daily else "Daily",
                source_tabs=tabs.get(str(channel), ""),
            )
        )
    added = fed[~clash].reindex(columns=daily_sum.columns)
    if daily_sum.empty:
        return added.reset_index(drop=True)
    return pd.concat([daily_sum, added], ignore_index=True)
