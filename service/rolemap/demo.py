"""The demo workbook (docs/contract.md §8) and a large synthetic one for benchmarks. Pure: no I/O.

Both return tab title → rows (row 0 is the localized header) for the six input tabs; `Channels`
has no `Flag (auto)` column (the service adds it). The demo's numbers are the same in both
languages; only labels, names and (with `text_values`) how numbers and dates are typed differ.

Planted in the demo, all at the as-of date D (the data and plans live in `demo_data`):

1. Yandex Direct: CPA > 4000 on D-3..D (sales 3, 2, 0, 3) → "CPA too high" Stop, streak 4.
2. E-mail newsletter: 172 unsubscribes of 24 600 sent on D (0.7%) → "Unsubscribes too high".
3. Telegram channel: Active with no owner, vanity KPI "Followers", no plan this week.
4. Anna holds Performance and Analytics with no external check.
5. PR's role KPI is "Reach; mentions".
6. PR and Telegram channel have no facts (and no conclusion) in the last finished week.

Also: VK Ads CTR < 0.4% on D-2..D → "CTR dropped" Scale down; Telegram Ads' "Lead too
expensive" rule stays quiet; PR's weekly "Mentions" are uncorrelated with total revenue (KPI
drift). Verdicts over the last 4 finished weeks: Google Ads Stopped, Yandex Direct Stop, VK Ads
Cut (ROMI < 0), Telegram Ads Test, SEO / Blog Keep, E-mail newsletter Scale, PR and Telegram
channel Fix data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from rolemap.core import CellValue, Contract, Grid, Lang, load_contract
from rolemap.demo_data import (
    CHANNELS,
    EMAIL_DOMAIN,
    PEOPLE,
    REVIEW_DAYS_AGO,
    ROLES,
    RULES,
    SETTING_VALUES,
    simulate,
    weekly_records,
)

_DAILY = ("spend", "impressions", "clicks", "leads", "sales", "revenue")
_DAILY_KEYS = (*_DAILY, "emails_sent", "unsubscribes")
_PERCENT = {"gross_margin", "target_romi"}


class _Fmt:
    """Typed values, or text the way a Russian team types it (`10 000`, `0,5%`, `26.11.2026`)."""

    def __init__(self, text: bool) -> None:
        self.text = text

    def num(self, value: object, unit: str = "") -> CellValue:
        """`unit` is "%" for a fraction shown as a percent, or "₽" for money with its sign."""
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        number = float(value)  # type: ignore[arg-type]
        if not self.text:
            return int(number) if number.is_integer() else number
        if unit == "%":
            return f"{number * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
        body = f"{round(number):,}".replace(",", " ")
        return f"{body} {unit}" if unit else body

    def date(self, value: dt.date) -> CellValue:
        return value.strftime("%d.%m.%Y") if self.text else value


def _table(
    contract: Contract, key: str, lang: Lang, records: Iterable[Mapping[str, CellValue]]
) -> Grid:
    """Header + one row per record, in the contract's column order (service columns left out)."""
    cols = [c for c in contract.tab(key).columns if not c.service_owned]
    return [[c.title(lang) for c in cols], *([r.get(c.key) for c in cols] for r in records)]


def _columns(contract: Contract, key: str, lang: Lang, cols: Mapping[str, Sequence[Any]]) -> Grid:
    """Header + rows from whole columns (fast for big tabs); absent columns are empty."""
    specs = [c for c in contract.tab(key).columns if not c.service_owned]
    n = len(next(iter(cols.values())))
    empty = [None] * n
    body = zip(*(cols.get(c.key, empty) for c in specs), strict=True)
    return [[c.title(lang) for c in specs], *(list(row) for row in body)]


def build_demo(
    lang: Lang, as_of: dt.date, *, text_values: bool | None = None, seed: int = 7
) -> dict[str, Grid]:
    """The demo's input tabs; `text_values` defaults to True for ru and False for en."""
    contract = load_contract()
    label = contract.choice_label
    f = _Fmt(lang == "ru" if text_values is None else text_values)
    i = int(lang == "ru")
    name = {c.key: c.name[i] for c in CHANNELS}
    money = "₽" if f.text else ""
    sim = simulate(as_of, seed)

    values: dict[str, CellValue] = {
        "language": lang,
        "as_of": f.date(as_of),
        "last_roles_review": f.date(as_of - dt.timedelta(days=REVIEW_DAYS_AGO)),
    }
    for key, value in SETTING_VALUES.items():
        unit = "%" if key in _PERCENT else "₽" if key == "fixed_costs_monthly" else ""
        values[key] = value if isinstance(value, str) else f.num(value, unit)
    if f.text:  # a Russian team types thousands with NBSP here, as Sheets shows them
        values["fixed_costs_monthly"] = str(values["fixed_costs_monthly"]).replace(" ", "\u00a0")
    settings: Grid = [[s.title(lang) for s in contract.tab("settings").columns]]
    settings += [[s.title(lang), values.get(s.key)] for s in contract.settings]

    roles = _table(contract, "roles", lang, (
        {
            "role": label("role", r.role, lang), "person": PEOPLE[r.person][i],
            "email": f"{r.person}@{EMAIL_DOMAIN}", "responsibilities": r.duties[i],
            "kpi": r.kpi[i], "kpi_target": r.target[i],
            "can_stop": label("bool", "yes" if r.can_stop else "no", lang),
            "external_check": PEOPLE[r.check_by][i] if r.check_by else None,
        }
        for r in ROLES
    ))  # fmt: skip
    channels = _table(contract, "channels", lang, (
        {
            "channel": c.name[i], "group": label("group", c.group, lang),
            "owner": PEOPLE[c.owner][i] if c.owner else None,
            "status": label("status", c.status, lang), "monthly_budget": f.num(c.budget, money),
            "primary_kpi": c.kpi[i], "kpi_target": f.num(c.kpi_target),
        }
        for c in CHANNELS
    ))  # fmt: skip

    # Daily: date-major (a team appends one block a day), every active channel every day.
    keys = list(sim.daily)
    cols: dict[str, list[CellValue]] = {
        "date": [f.date(sim.start + dt.timedelta(days=t)) for t in range(sim.days) for _ in keys],
        "channel": [name[k] for _ in range(sim.days) for k in keys],
    }
    for col in _DAILY_KEYS:
        stack = np.stack([sim.daily[k].get(col, np.full(sim.days, np.nan)) for k in keys])
        cols[col] = [f.num(v) for v in stack.T.ravel().tolist()]
    daily = _columns(contract, "daily", lang, cols)

    weekly = _table(contract, "weekly", lang, (
        {
            **{k: f.num(v, money if k in {"spend_plan", "revenue_plan"} else "")
               for k, v in rec.items() if k.endswith(("_plan", "_fact"))},
            "week": f.date(rec["week"]),
            "channel": name[str(rec["channel"])],
            "conclusion": _words(rec, "conclusion", i),
            "action": _words(rec, "action", i),
        }
        for rec in weekly_records(sim, as_of)
    ))  # fmt: skip
    rules = _table(contract, "stop_rules", lang, (
        {
            "rule": r.name[i], "channel": name[r.channel] if r.channel else "*",
            "metric": label("metric", r.metric, lang),
            "condition": label("condition", r.condition, lang),
            "threshold": f.num(r.threshold, "%" if r.metric in {"ctr", "unsubscribe_rate"} else ""),
            "days_in_a_row": f.num(r.days), "min_spend": f.num(r.min_spend),
            "action": label("action", r.action, lang),
        }
        for r in RULES
    ))  # fmt: skip
    tabs = {"settings": settings, "roles": roles, "channels": channels, "weekly": weekly}
    tabs |= {"daily": daily, "stop_rules": rules}
    return {contract.tab(key).title(lang): grid for key, grid in tabs.items()}


def _words(rec: Mapping[str, object], kind: str, i: int) -> str | None:
    """Conclusion or action text for a row with facts; None while the facts are missing."""
    if "below" not in rec:
        return None
    spec = next(c for c in CHANNELS if c.key == rec["channel"])
    pair = (spec.conclusion if kind == "conclusion" else spec.action)[int(bool(rec["below"]))]
    return pair[i]


def build_large(channels: int, days: int, as_of: dt.date, seed: int = 1) -> dict[str, Grid]:
    """A big typed English workbook for benchmarks: `channels` x `days` Daily rows, no plants."""
    contract = load_contract()
    label = contract.choice_label
    rng = np.random.default_rng(seed)
    names = [f"Channel {c + 1:03d}" for c in range(channels)]
    owners = [f"Person {c + 1:03d}" for c in range(channels)]
    groups = ("paid", "paid", "organic", "crm", "pr", "site")
    start = as_of - dt.timedelta(days=days - 1)
    dates = [start + dt.timedelta(days=t) for t in range(days)]

    shape = (channels, days)
    spend = np.round(rng.uniform(1_000, 20_000, (channels, 1)) * rng.lognormal(0.0, 0.2, shape))
    impressions = np.round(spend * rng.uniform(3, 6, (channels, 1)))
    clicks = rng.binomial(impressions.astype(np.int64), 0.006)
    leads = rng.poisson(spend / rng.uniform(500, 1_500, (channels, 1)))
    sales = rng.binomial(leads, 0.3)
    revenue = np.round(sales * rng.uniform(8_000, 20_000, shape), -1)
    metrics = {"spend": spend, "impressions": impressions, "clicks": clicks, "leads": leads}
    metrics |= {"sales": sales, "revenue": revenue}

    cols: dict[str, list[Any]] = {
        "date": [d for d in dates for _ in range(channels)],
        "channel": names * days,
    }
    cols |= {k: m.T.ravel().astype(np.int64).tolist() for k, m in metrics.items()}
    daily = _columns(contract, "daily", "en", cols)

    # Weekly: one row per channel per Monday; facts of finished weeks are the Daily sums.
    mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in dates})
    cuts = np.array([max((m - start).days, 0) for m in mondays])
    wcols: dict[str, list[Any]] = {"week": [m for m in mondays for _ in range(channels)]}
    wcols["channel"] = names * len(mondays)
    done = np.repeat([m + dt.timedelta(days=4) < as_of for m in mondays], channels)
    for k in ("spend", "leads", "sales", "revenue"):
        sums = np.add.reduceat(metrics[k], cuts, axis=1).T.ravel().astype(np.int64)
        plan = np.round(sums * 1.05, -2 if k in {"spend", "revenue"} else 0)
        wcols[f"{k}_plan"] = plan.astype(np.int64).tolist()
        wcols[f"{k}_fact"] = [v if ok else None for v, ok in zip(sums.tolist(), done, strict=True)]
    wcols["conclusion"] = ["On plan" if ok else None for ok in done]
    wcols["action"] = ["Keep the budget" if ok else None for ok in done]
    weekly = _columns(contract, "weekly", "en", wcols)

    review = as_of - dt.timedelta(days=REVIEW_DAYS_AGO)
    settings_values: dict[str, CellValue] = {"language": "en", "as_of": as_of}
    settings_values["last_roles_review"] = review
    settings_values |= SETTING_VALUES
    settings: Grid = [[c.en for c in contract.tab("settings").columns]]
    settings += [[s.en, settings_values.get(s.key)] for s in contract.settings]
    roles = _table(contract, "roles", "en", [
        {"role": label("role", "cmo", "en"), "person": "Director", "kpi": "Revenue; ROMI",
         "can_stop": "yes"},
        *({"role": label("role", "performance", "en"), "person": o, "kpi": "CPA; ROAS",
           "can_stop": "no", "external_check": "Director"} for o in owners),
    ])  # fmt: skip
    channel_rows = _table(contract, "channels", "en", (
        {"channel": n, "group": label("group", groups[c % len(groups)], "en"),
         "owner": owners[c], "status": label("status", "active", "en"),
         "monthly_budget": 300_000, "primary_kpi": "CPA", "kpi_target": 3000}
        for c, n in enumerate(names)
    ))  # fmt: skip
    rules = _table(contract, "stop_rules", "en", (
        {"rule": r, "channel": ch, "metric": label("metric", m, "en"),
         "condition": label("condition", cond, "en"), "threshold": thr, "days_in_a_row": n,
         "min_spend": 1000, "action": label("action", act, "en")}
        for r, ch, m, cond, thr, n, act in (
            ("CPA too high", "*", "cpa", "gt", 4000, 3, "stop"),
            ("CTR dropped", "*", "ctr", "lt", 0.004, 2, "scale_down"),
            ("Overspend", names[0], "spend", "gt", 30_000, 1, "review"),
            ("ROAS too low", "*", "roas", "lt", 1.0, 5, "review"),
        )
    ))  # fmt: skip
    tabs = {"settings": settings, "roles": roles, "channels": channel_rows, "weekly": weekly}
    tabs |= {"daily": daily, "stop_rules": rules}
    return {contract.tab(key).en: grid for key, grid in tabs.items()}
