"""From a snapshot to clean inputs: every tab parsed, channels matched, weeks on Mondays.

This is the only place that knows how a team's sheet can be messy; everything after it works on
tidy DataFrames. Problems found on the way are collected as checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from rolemap.core.model.contract import (
    DAILY_NUMBERS,
    Contract,
    Lang,
    OutputSpec,
    TabSpec,
    load_contract,
    normalize,
)
from rolemap.core.model.results import Check, Term, make_check, phrase
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.notify.history import previous_checks
from rolemap.core.parse.recognise import require_input_tabs
from rolemap.core.parse.rules import StopRule, parse_rules
from rolemap.core.parse.settings import SheetSettings, parse_settings
from rolemap.core.parse.tabs import ParsedTab, TabIndex, object_map, parse_table
from rolemap.core.sources.feed import join_sources

WEEKLY_NUMBERS = tuple(
    f"{m}_{kind}"
    for m in ("spend", "leads", "sales", "revenue", "kpi")
    for kind in ("plan", "fact")
)


@dataclass
class Inputs:
    contract: Contract
    lang: Lang
    settings: SheetSettings
    index: TabIndex
    roles: ParsedTab | None
    channels: ParsedTab | None
    weekly: ParsedTab | None
    daily: ParsedTab | None
    rules: list[StopRule]
    # Weekly and Daily summed per (channel, week) / (channel, date); `row` is the first row.
    weekly_sum: pd.DataFrame
    daily_sum: pd.DataFrame
    previous_flags: frozenset[tuple[str, str]]
    previous_log: Grid
    checks: list[Check] = field(default_factory=list)
    # (code, problem) pairs of the previous `Checks` tab: notifications send only new errors.
    previous_checks: frozenset[tuple[str, str]] = frozenset()
    # The shared `Decisions` tab: where its header and columns are, and its raw cells (read
    # cell by cell, so a typo in a team cell never hides a row from the service).
    decisions: ParsedTab | None = None
    decisions_grid: Grid = field(default_factory=list)

    def cmo(self) -> str:
        """The person holding the CMO role (the first such row), or "" when nobody does."""
        if self.roles is None or "role_key" not in self.roles.frame:
            return ""
        names = self.roles.frame.loc[self.roles.frame["role_key"] == "cmo", "person"].dropna()
        return str(names.iat[0]) if len(names) else ""

    def title(self, key: str) -> str:
        """The tab's title in this workbook, or its name in the sheet's language."""
        if key in self.index.titles:
            return self.index.titles[key]
        specs: tuple[TabSpec | OutputSpec, ...] = (*self.contract.tabs, *self.contract.outputs)
        spec = next(s for s in specs if s.key == key)
        return spec.title(self.lang)


def _guess_lang(index: TabIndex, contract: Contract) -> Lang:
    ru_titles = {normalize(t.ru) for t in contract.tabs}
    hits = sum(normalize(title) in ru_titles for title in index.titles.values())
    return "ru" if hits * 2 > max(len(index.titles), 1) else "en"


def _match_channels(
    tab: ParsedTab, known: dict[str, str], channels_title: str | Term, checks: list[Check]
) -> pd.DataFrame:
    """Map channel names onto the Channels spelling; one warning per unknown name."""
    frame = tab.frame
    keys = object_map(frame["channel"], lambda v: normalize(v) if v else "")
    canonical = object_map(keys, lambda k: known.get(k) if isinstance(k, str) else None)
    unknown = canonical.isna() & (keys != "")
    if unknown.any():
        first = frame.loc[unknown].groupby(keys[unknown], sort=False)["row"].min()
        for name_key, row in first.items():
            name = frame.loc[(keys == name_key) & unknown, "channel"].iat[0]
            checks.append(
                make_check(
                    "warning",
                    "DATA-UNKNOWN-CHANNEL",
                    tab=tab.spec.en,
                    row=int(row),
                    column="Channel",
                    channel=str(name),
                    cell=tab.cell(int(row), "channel"),
                    channels_tab=channels_title,
                )
            )
    frame = frame.assign(channel=canonical)
    return frame[frame["channel"].notna()]


def _sum_duplicates(
    frame: pd.DataFrame,
    tab: ParsedTab,
    period: str,
    numbers: tuple[str, ...],
    checks: list[Check],
) -> pd.DataFrame:
    counts = frame.groupby(["channel", period], sort=False)["row"].transform("size")
    dup = frame[counts > 1]
    for (channel, when), group in dup.groupby(["channel", period], sort=False):
        cells = ", ".join(tab.cell(int(r), "channel").split("!")[-1] for r in group["row"][:5])
        day = cast(pd.Timestamp, when).date()
        checks.append(
            make_check(
                "warning",
                "DATA-DUPLICATE-ROW",
                tab=tab.spec.en,
                row=int(group["row"].min()),
                column=tab.spec.column(period).en,
                channel=str(channel),
                n=len(group),
                period=day,
                cells=cells,
                unit=phrase(f"unit/{period}"),
            )
        )
    present = [c for c in numbers if c in frame]
    agg: dict[str, Callable[[pd.Series], object] | str] = {
        c: lambda s: s.sum(min_count=1) for c in present
    }
    agg["row"] = "min"
    text = [c for c in ("conclusion", "action") if c in frame]
    for c in text:
        agg[c] = lambda s: "; ".join(v for v in s if v) or None
    if dup.empty:
        return frame[["channel", period, "row", *present, *text]].reset_index(drop=True)
    return frame.groupby(["channel", period], sort=False, as_index=False).agg(agg)


def _monday(tab: ParsedTab, checks: list[Check]) -> pd.DataFrame:
    frame = tab.frame[tab.frame["week"].notna()]
    if not tab.has("week"):  # already a DATA-MISSING-COLUMN check; no row can be placed
        return frame.assign(week=pd.Series(dtype="datetime64[us]"))
    weekday = frame["week"].dt.day_of_week
    off = frame[weekday != 0]
    for rec in off.itertuples():
        monday = rec.week - pd.Timedelta(days=rec.week.weekday())
        checks.append(
            make_check(
                "warning",
                "DATA-WEEK-NOT-MONDAY",
                tab="Weekly",
                row=int(rec.row),
                column="Week",
                cell=tab.cell(int(rec.row), "week"),
                date=rec.week.date(),
                monday=monday.date(),
            )
        )
    return frame.assign(week=frame["week"] - pd.to_timedelta(weekday, unit="D"))


def _previous_flags(grid: Grid | None, contract: Contract) -> frozenset[tuple[str, str]]:
    """(channel, rule) pairs the last run flagged, read back from the `Stop flags` tab."""
    if not grid:
        return frozenset()
    spec = contract.output("flags")
    header = [normalize(v) if v is not None else "" for v in grid[0]]
    try:
        c_ch = (
            header.index(normalize(spec.columns[0].en))
            if normalize(spec.columns[0].en) in header
            else header.index(normalize(spec.columns[0].ru))
        )
        names = {normalize(spec.columns[2].en), normalize(spec.columns[2].ru)}
        c_rule = next(i for i, h in enumerate(header) if h in names)
    except (ValueError, StopIteration):
        return frozenset()
    pairs = set()
    for row in grid[1:]:
        if not any(v not in (None, "") for v in row):
            break  # the flags end at the first blank row; the backtest block follows
        if len(row) > max(c_ch, c_rule) and row[c_ch] and row[c_rule]:
            pairs.add((normalize(row[c_ch]), normalize(row[c_rule])))
    return frozenset(pairs)


def known_channels(inputs: Inputs) -> pd.DataFrame:
    """Columns channel, row, owner ('' when empty), status (active/test/paused/stopped).

    One row per channel, first row winning: the spelling `weekly_sum` and `daily_sum` use.
    """
    columns = ["channel", "row", "owner", "status"]
    if inputs.channels is None:
        return pd.DataFrame(columns=columns)
    frame = inputs.channels.frame
    frame = frame[frame["channel"].notna()]
    frame = frame[~frame["channel"].map(normalize).duplicated()]
    return pd.DataFrame(
        {
            "channel": frame["channel"].astype(object),
            "row": frame["row"].astype(int),
            "owner": frame["owner"].fillna("").astype(object),
            "status": frame["status_key"].fillna("active").astype(object),
        }
    ).reset_index(drop=True)


def read_inputs(snapshot: Snapshot, contract: Contract | None = None) -> Inputs:
    contract = contract or load_contract()
    require_input_tabs(snapshot, contract)
    index = TabIndex.build(snapshot, contract)
    checks: list[Check] = []
    guess = _guess_lang(index, contract)
    settings_title = index.titles.get("settings", contract.tab("settings").title(guess))
    settings = parse_settings(
        snapshot.tabs.get(settings_title), settings_title, contract, guess, checks
    )
    lang = settings.language
    parsed: dict[str, ParsedTab | None] = {}
    for spec in contract.tabs:
        title = index.titles.get(spec.key)
        if title is None:
            if spec.required:
                checks.append(
                    make_check(
                        "error", "DATA-MISSING-TAB", tab=spec.en, tab_title=Term("tab", spec.key)
                    )
                )
            parsed[spec.key] = None
            continue
        if spec.layout == "table":
            parsed[spec.key] = parse_table(snapshot.tabs[title], spec, title, checks)
    _add_keys(parsed, contract)
    channels = parsed["channels"]
    known: dict[str, str] = {}
    if channels is not None:
        for name in channels.frame["channel"]:
            if name:
                known.setdefault(normalize(name), name)
    channels_title = index.titles.get("channels") or Term("tab", "channels")
    weekly, daily = parsed["weekly"], parsed["daily"]
    weekly_sum = pd.DataFrame(columns=["channel", "week", "row", *WEEKLY_NUMBERS])
    if weekly is not None:
        frame = _match_channels(
            _with(weekly, _monday(weekly, checks)), known, channels_title, checks
        )
        weekly_sum = _sum_duplicates(frame, weekly, "week", WEEKLY_NUMBERS, checks)
    daily_sum = pd.DataFrame(columns=["channel", "date", "row", *DAILY_NUMBERS])
    if daily is not None:
        frame = _match_channels(
            _with(daily, daily.frame[daily.frame["date"].notna()]),
            known,
            channels_title,
            checks,
        )
        daily_sum = _sum_duplicates(frame, daily, "date", DAILY_NUMBERS, checks)
    # Raw tabs named in Sources join Daily (docs/contract-sources.md).
    daily_sum = join_sources(
        parsed.get("sources"), snapshot, known, channels_title, daily_sum, daily, checks
    )
    rules_tab = parsed["stop_rules"]
    rules = parse_rules(rules_tab, contract, checks) if rules_tab is not None else []
    flags_title = index.titles.get("flags")
    runlog_title = index.titles.get("runlog")
    checks_title = index.titles.get("checks")
    return Inputs(
        contract=contract,
        lang=lang,
        settings=settings,
        index=index,
        roles=parsed["roles"],
        channels=channels,
        weekly=weekly,
        daily=daily,
        rules=rules,
        weekly_sum=weekly_sum,
        daily_sum=daily_sum,
        previous_flags=_previous_flags(
            snapshot.tabs.get(flags_title) if flags_title else None, contract
        ),
        previous_log=list(snapshot.tabs.get(runlog_title, [])) if runlog_title else [],
        checks=checks,
        previous_checks=previous_checks(
            snapshot.tabs.get(checks_title) if checks_title else None, contract
        ),
        decisions=parsed.get("decisions"),
        decisions_grid=list(snapshot.tabs.get(index.titles.get("decisions", ""), [])),
    )


def _add_keys(parsed: dict[str, ParsedTab | None], contract: Contract) -> None:
    """Canonical keys next to what the team typed: `role_key`, `group_key`, `status_key`…"""

    def keyed(values: pd.Series, lookup: dict[str, str]) -> pd.Series:
        return object_map(values, lambda v: lookup.get(normalize(v)) if v else None)

    roles = parsed.get("roles")
    if roles is not None:
        roles.frame["role_key"] = keyed(roles.frame["role"], contract.choice_lookup("role"))
        roles.frame["can_stop_key"] = keyed(roles.frame["can_stop"], contract.choice_lookup("bool"))
    channels = parsed.get("channels")
    if channels is not None:
        channels.frame["group_key"] = keyed(
            channels.frame["group"], contract.choice_lookup("group")
        )
        channels.frame["status_key"] = keyed(
            channels.frame["status"], contract.choice_lookup("status")
        )


def _with(tab: ParsedTab, frame: pd.DataFrame) -> ParsedTab:
    return ParsedTab(tab.spec, tab.title, tab.header_row, tab.cols, frame, tab.width, tab.last_row)
