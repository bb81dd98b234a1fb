"""Result models: checks, stop flags, channel rows and totals, and their §7 JSON."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

ActionKey = Literal["stop", "rewrite", "review", "scale_down"]
# Most severe first: the `Flag (auto)` column shows the first that fires.
ACTION_ORDER: tuple[ActionKey, ...] = ("stop", "rewrite", "review", "scale_down")

VerdictKey = Literal["stopped", "stop", "fix_data", "test", "cut", "scale", "keep"]
StatusKey = Literal["active", "test", "paused", "stopped"]


def json_number(value: float | int | None) -> float | int | str | None:
    """§7: undefined is null, infinite is "inf"."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return round(value, 6)
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True)
class Term:
    """A word a check message needs in the sheet's language, looked up when it is rendered:
    a metric's name, a tab's, column's or setting's title, or a catalogue phrase with its own
    fields (`phrase`)."""

    kind: Literal["metric", "tab", "column", "setting", "phrase"]
    key: str
    tab: str = ""  # the tab of a column
    fields: tuple[tuple[str, Any], ...] = ()  # a phrase's own placeholders


def phrase(key: str, **fields: Any) -> Term:
    return Term("phrase", key, fields=tuple(fields.items()))


@dataclass(frozen=True)
class Num:
    """A number a message shows: `plain` 12 500,5; `decimal` 0,29; `delta` +3,2%."""

    value: float
    style: Literal["plain", "decimal", "delta"] = "plain"


class Check(_Model):
    """A problem found in the sheet: a code and its parameters, not yet words.

    `key` is the catalogue entry (`CODE` or `CODE/variant`); `params` fill its placeholders and
    may hold dates, `Num`s and `Term`s, which the renderer shows in the sheet's language.
    """

    severity: Severity
    code: str
    key: str
    tab: str | None = None  # canonical English tab name
    row: int | None = None  # the sheet's 1-based row
    column: str | None = None  # canonical English column name
    params: dict[str, Any] = {}
    # Attribution used by verdicts and the report-discipline block; not part of the JSON.
    channel: str | None = None
    person: str | None = None
    topic: str | None = None  # plan / fact / conclusion / action for report discipline


def make_check(
    severity: Severity,
    key: str,
    *,
    tab: str | None = None,
    row: int | None = None,
    column: str | None = None,
    channel: str | None = None,
    person: str | Term | None = None,
    topic: str | None = None,
    **params: Any,
) -> Check:
    """A check for catalogue entry `key` (`CODE` or `CODE/variant`).

    `person` is who the check is about; a `Term` (such as "no person") only words the message
    and attributes the check to nobody.
    """
    return Check(
        severity=severity,
        code=key.split("/", 1)[0],
        key=key,
        tab=tab,
        row=row,
        column=column,
        params={"channel": channel, "person": person, "row": row, **params},
        channel=channel,
        person=person if isinstance(person, str) else None,
        topic=topic,
    )


class Flag(_Model):
    channel: str
    owner: str
    rule: str
    metric: str  # stable metric key
    condition: str  # > >= < <=
    threshold: float
    days_in_a_row: int
    since: dt.date
    last_value: float
    action: ActionKey
    status: Literal["new", "ongoing"] = "new"

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "owner": self.owner,
            "rule": self.rule,
            "metric": self.metric,
            "condition": self.condition,
            "threshold": json_number(self.threshold),
            "days_in_a_row": self.days_in_a_row,
            "since": self.since.isoformat(),
            "last_value": json_number(self.last_value),
            "action": self.action,
            "status": self.status,
        }


class Figures(_Model):
    """Summed figures and their ratios for one set of rows."""

    spend: float | None = None
    leads: float | None = None
    sales: float | None = None
    revenue: float | None = None
    cpl: float | None = None
    cpa: float | None = None
    cac: float | None = None
    roas: float | None = None
    romi: float | None = None


class PeriodTotals(_Model):
    """A totals block of the summary: plan, fact and attainment over one period."""

    label: Literal["last_week", "last_4_weeks"]
    weeks: tuple[dt.date, ...]
    plan: Figures
    fact: Figures


class ChannelRow(_Model):
    channel: str
    owner: str
    status: StatusKey | None
    group: str | None = None
    spend: float = 0.0
    leads: float = 0.0
    cpl: float | None = None
    sales: float = 0.0
    cpa: float | None = None
    revenue: float = 0.0
    revenue_share: float | None = None
    roas: float | None = None
    romi: float | None = None
    revenue_plan_attainment: float | None = None
    flag: ActionKey | None = None
    verdict: VerdictKey = "keep"

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "owner": self.owner,
            "status": self.status,
            "spend": json_number(self.spend),
            "leads": json_number(self.leads),
            "cpl": json_number(self.cpl),
            "sales": json_number(self.sales),
            "cpa": json_number(self.cpa),
            "revenue": json_number(self.revenue),
            "revenue_share": json_number(self.revenue_share),
            "roas": json_number(self.roas),
            "romi": json_number(self.romi),
            "revenue_plan_attainment": json_number(self.revenue_plan_attainment),
            "flag": self.flag,
            "verdict": self.verdict,
        }


def totals_json(fig: Figures) -> dict[str, Any]:
    return {
        k: json_number(getattr(fig, k))
        for k in ("spend", "leads", "sales", "revenue", "cpl", "cpa", "cac", "roas", "romi")
    }
