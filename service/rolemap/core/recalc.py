"""One recalculation, pure: a snapshot in, checks, flags, totals and channel verdicts out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from rolemap.core.checks.backtest import BacktestRow, backtest
from rolemap.core.checks.channels import channel_checks
from rolemap.core.checks.drift import drift_checks
from rolemap.core.checks.examples import untouched_template
from rolemap.core.checks.freshness import freshness_checks
from rolemap.core.checks.ownership import ownership_checks
from rolemap.core.checks.reports import report_checks
from rolemap.core.checks.stop_rules import evaluate_rules
from rolemap.core.decisions.log import DecisionLog, reconcile
from rolemap.core.decisions.proposals import proposals
from rolemap.core.i18n.render import ShownCheck, render
from rolemap.core.metrics.channel_kpi import ChannelKpi, channel_kpis
from rolemap.core.metrics.people import PersonFacts, people_facts
from rolemap.core.metrics.summary import WeekPoint, channel_rows, period_totals, revenue_by_week
from rolemap.core.model.contract import Contract, Lang
from rolemap.core.model.periods import current_week, finished_weeks
from rolemap.core.model.results import (
    ACTION_ORDER,
    SEVERITY_ORDER,
    ChannelRow,
    Check,
    Flag,
    PeriodTotals,
    totals_json,
)
from rolemap.core.model.snapshot import Snapshot
from rolemap.core.notify.digest import Digest, build_digests
from rolemap.core.parse.inputs import Inputs, read_inputs

_TAB_ORDER = {
    name: i
    for i, name in enumerate(
        ("Settings", "Roles", "Channels", "Weekly", "Daily", "Stop rules", None)
    )
}


@dataclass(frozen=True)
class RunResult:
    inputs: Inputs
    as_of: dt.date
    checks: tuple[Check, ...]
    flags: tuple[Flag, ...]
    last_week: PeriodTotals
    four_weeks: PeriodTotals
    channels: tuple[ChannelRow, ...]
    revenue_weeks: tuple[WeekPoint, ...]
    # The role map's facts (docs/contract-role-map-and-channel-pages.md).
    people: tuple[PersonFacts, ...] = ()
    backtest: tuple[BacktestRow, ...] = ()
    decisions: DecisionLog | None = None
    # For the CMO summary: KPI vs target per channel, and how fresh `Daily` is.
    channel_kpis: tuple[ChannelKpi, ...] = ()
    data_until: dt.date | None = None

    @property
    def lang(self) -> Lang:
        return self.inputs.lang

    @property
    def current_week(self) -> dt.date:
        return current_week(self.as_of)

    @cached_property
    def shown_checks(self) -> tuple[ShownCheck, ...]:
        """The checks in the sheet's language: what every output shows."""
        return tuple(render(c, self.lang, self.inputs.contract) for c in self.checks)

    @cached_property
    def digests(self) -> tuple[Digest, ...]:
        """Who hears what this run (docs/contract-notifications.md)."""
        return build_digests(self.inputs, self.as_of, self.flags, self.shown_checks, self.channels)

    def to_json(
        self, *, spreadsheet_id: str, api_requests: int, duration_ms: int, dry_run: bool
    ) -> dict[str, Any]:
        """The docs/contract.md §7 response: its fixed keys first, in order, then additions."""
        return {
            "spreadsheet_id": spreadsheet_id,
            "as_of": self.as_of.isoformat(),
            "flags": [f.to_json() for f in self.flags],
            "checks": [c.to_json() for c in self.shown_checks],
            "totals": totals_json(self.four_weeks.fact),
            "channels": [c.to_json() for c in self.channels],
            "api_requests": api_requests,
            "duration_ms": duration_ms,
            "dry_run": dry_run,
            "backtest": [b.to_json() for b in self.backtest],
            "decisions": (
                [r.to_json(self.as_of) for r in self.decisions.rows] if self.decisions else []
            ),
            "people": [p.to_json() for p in self.people],
            "notifications": [d.to_json() for d in self.digests if d.email],
        }


def _order(check: Check) -> tuple[int, int, int, str]:
    return (
        SEVERITY_ORDER[check.severity],
        _TAB_ORDER.get(check.tab, len(_TAB_ORDER)),
        check.row or 0,
        check.code,
    )


def resolve_as_of(inputs: Inputs, override: dt.date | None, today: dt.date) -> dt.date:
    """--as-of wins, then the sheet's `As of` setting, then today in the sheet's time zone."""
    return override or inputs.settings.as_of or today


def recalculate_snapshot(
    snapshot: Snapshot,
    *,
    today: dt.date,
    as_of: dt.date | None = None,
    contract: Contract | None = None,
) -> RunResult:
    inputs = read_inputs(snapshot, contract)
    day = resolve_as_of(inputs, as_of, today)
    checks = list(inputs.checks)
    flags = evaluate_rules(inputs, day, checks)
    checks += ownership_checks(inputs, day)
    checks += channel_checks(inputs)
    checks += report_checks(inputs, day)
    checks += drift_checks(inputs, day)
    checks += freshness_checks(inputs, day)
    if (examples := untouched_template(inputs)) is not None:
        checks = [examples]  # the examples' own gaps are not the team's to fix
    checks.sort(key=_order)
    four = finished_weeks(day, 4)
    ordered = tuple(sorted(flags, key=lambda f: (ACTION_ORDER.index(f.action), f.channel, f.rule)))
    channels = tuple(channel_rows(inputs, four, flags, checks))
    proposed = proposals(ordered, channels, tuple(checks), inputs.lang)
    return RunResult(
        inputs=inputs,
        as_of=day,
        checks=tuple(checks),
        flags=ordered,
        last_week=period_totals(inputs, "last_week", four[-1:]),
        four_weeks=period_totals(inputs, "last_4_weeks", four),
        channels=channels,
        revenue_weeks=tuple(revenue_by_week(inputs, day)),
        people=people_facts(inputs),
        backtest=tuple(backtest(inputs, day)),
        decisions=reconcile(inputs, proposed, day),
        channel_kpis=channel_kpis(inputs, day, channels, ordered),
        data_until=latest_daily_date(inputs, day),
    )


def latest_daily_date(inputs: Inputs, as_of: dt.date) -> dt.date | None:
    """The newest `Daily` date on or before the as-of date: how fresh the numbers are."""
    dates = inputs.daily_sum["date"] if "date" in inputs.daily_sum else pd.Series(dtype=object)
    dates = pd.to_datetime(dates, errors="coerce")
    dates = dates[dates <= pd.Timestamp(as_of)]
    return None if dates.empty else dates.max().date()
