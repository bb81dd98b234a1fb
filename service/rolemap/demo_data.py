"""Static content of the demo workbook: an online furniture store's marketing team.

Text is a pair (en, ru); numbers are language-free. `demo.py` turns these into grids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

T = tuple[str, str]  # (en, ru)

PEOPLE: dict[str, T] = {
    "maria": ("Maria", "Мария"),
    "anna": ("Anna", "Анна"),
    "ivan": ("Ivan", "Иван"),
    "oleg": ("Oleg", "Олег"),
    "elena": ("Elena", "Елена"),
    "dmitry": ("Dmitry", "Дмитрий"),
    "olga": ("Olga", "Ольга"),
}


@dataclass(frozen=True)
class RoleRow:
    role: str  # choice key of the "role" list
    person: str  # key of PEOPLE
    duties: T
    kpi: T
    target: T
    can_stop: bool
    check_by: str | None = None  # key of PEOPLE


ROLES: tuple[RoleRow, ...] = (
    RoleRow(
        "cmo",
        "maria",
        (
            "Budget, channel mix, weekly CMO summary; cuts channels",
            "Бюджет, микс каналов, сводка по пятницам; отключает каналы",
        ),
        ("Revenue; CAC; ROMI", "Выручка; CAC; ROMI"),
        ("ROMI 30%", "ROMI 30%"),
        True,
    ),
    # Planted: Anna launches ads and also owns the final analytics, with no outside check.
    RoleRow(
        "performance",
        "anna",
        ("Yandex Direct: campaigns, bids, creatives", "Яндекс Директ: кампании, ставки, креативы"),
        ("CPA; ROAS", "CPA; ROAS"),
        ("CPA 3000", "CPA 3000"),
        False,
    ),
    RoleRow(
        "analytics",
        "anna",
        (
            "End-to-end analytics, weekly numbers, CRM reconciliation",
            "Сквозная аналитика, цифры недели, сверка с CRM",
        ),
        ("Data accuracy; Reports on time", "Точность данных; Отчёты в срок"),
        ("100%", "100%"),
        False,
    ),
    RoleRow(
        "performance",
        "ivan",
        ("VK Ads and Telegram Ads: targeting, tests", "VK Реклама и Telegram Ads: таргет, тесты"),
        ("CPL; ROAS", "CPL; ROAS"),
        ("CPL 700", "CPL 700"),
        False,
        "maria",
    ),
    RoleRow(
        "content",
        "oleg",
        (
            "Blog articles, product descriptions, landing pages",
            "Статьи блога, описания товаров, посадочные",
        ),
        ("Organic traffic; Leads", "Органический трафик; Лиды"),
        ("180 leads", "180 лидов"),
        False,
    ),
    RoleRow(
        "seo",
        "oleg",
        ("SEO, site speed, conversion of the catalogue", "SEO, скорость сайта, конверсия каталога"),
        ("Site conversion; Organic revenue", "Конверсия сайта; Выручка с органики"),
        ("CR 2%", "CR 2%"),
        False,
    ),
    RoleRow(
        "crm",
        "elena",
        (
            "E-mail newsletter, triggers, repeat purchases",
            "E-mail рассылка, триггеры, повторные покупки",
        ),
        ("Repeat sales; LTV", "Повторные продажи; LTV"),
        ("40 sales", "40 продаж"),
        False,
    ),
    # Planted: a vanity KPI.
    RoleRow(
        "pr",
        "dmitry",
        ("Press, interior bloggers, collaborations", "Публикации, блогеры-дизайнеры, коллаборации"),
        ("Reach; mentions", "Охваты; упоминания"),
        ("10 mentions", "10 упоминаний"),
        False,
    ),
    RoleRow(
        "pm",
        "olga",
        (
            "Monday plans, Friday facts, launch deadlines",
            "Планы по понедельникам, факты по пятницам, сроки запусков",
        ),
        ("Reports on time; Launch lead time", "Отчёты в срок; Срок запуска"),
        ("5 days", "5 дней"),
        False,
    ),
)


@dataclass(frozen=True)
class ChannelSpec:
    key: str
    name: T
    group: str  # choice key
    owner: str | None  # key of PEOPLE; None is planted "no owner"
    status: str  # choice key
    budget: int | None
    kpi: T
    kpi_kind: str  # how the weekly KPI plan/fact is computed
    kpi_target: int
    # Daily model at demand 1: spend, impressions, clicks, leads, sales, average check.
    base: tuple[float, float, float, float, float, float] = (0, 0, 0, 0, 0, 0)
    spend_elasticity: float = 2.0  # paid: auctions heat up in season, so CPA rises too
    plan_factor: float = 1.0  # revenue plan = expected revenue x this
    conclusion: tuple[T, T] = (("", ""), ("", ""))  # (on plan, below plan)
    action: tuple[T, T] = (("", ""), ("", ""))


_PAID_OK: T = ("Revenue on plan, CPA within target", "Выручка в плане, CPA в цели")
_PAID_LOW: T = ("Below plan: fewer sales than planned", "Ниже плана: продаж меньше плана")
_KEEP: T = ("Keep bids, test one new creative", "Ставки держим, тестируем новый креатив")
_FIX: T = ("Review bids and the landing page", "Разобрать ставки и посадочную")

CHANNELS: tuple[ChannelSpec, ...] = (
    ChannelSpec(
        "yandex",
        ("Yandex Direct", "Яндекс Директ"),
        "paid",
        "anna",
        "active",
        420_000,
        ("CPA", "CPA"),
        "cpa",
        3000,
        (11_500, 52_000, 2_300, 17, 4.8, 14_500),
        plan_factor=0.95,
        conclusion=(_PAID_OK, _PAID_LOW),
        action=(_KEEP, _FIX),
    ),
    ChannelSpec(
        "vk",
        ("VK Ads", "VK Реклама"),
        "paid",
        "ivan",
        "active",
        150_000,
        ("CPL", "CPL"),
        "cpl",
        700,
        (4_300, 62_000, 340, 6.5, 0.55, 11_800),
        plan_factor=1.3,
        conclusion=(_PAID_OK, _PAID_LOW),
        action=(_KEEP, _FIX),
    ),
    ChannelSpec(
        "tg_ads",
        ("Telegram Ads", "Telegram Ads"),
        "paid",
        "ivan",
        "test",
        60_000,
        ("CPL", "CPL"),
        "cpl",
        1200,
        (1_700, 38_000, 210, 2.0, 0.25, 12_500),
        plan_factor=1.0,
        conclusion=(
            ("Test: leads at planned cost", "Тест: лиды по плановой цене"),
            ("Test: leads dearer than planned", "Тест: лиды дороже плана"),
        ),
        action=(
            ("Continue the test for two weeks", "Продолжаем тест две недели"),
            ("Change audiences and texts", "Меняем аудитории и тексты"),
        ),
    ),
    ChannelSpec(
        "seo",
        ("SEO / Blog", "SEO и блог"),
        "organic",
        "oleg",
        "active",
        80_000,
        ("Leads", "Лиды"),
        "leads",
        180,
        (2_600, 9_500, 420, 6.0, 0.6, 15_000),
        spend_elasticity=0.0,
        plan_factor=1.2,
        conclusion=(
            ("Organic on plan", "Органика в плане"),
            ("Organic below plan: rankings dipped", "Органика ниже плана: просели позиции"),
        ),
        action=(
            ("Two new articles on sofas", "Две новые статьи про диваны"),
            ("Refresh the top-10 category pages", "Обновить топ-10 страниц каталога"),
        ),
    ),
    ChannelSpec(
        "email",
        ("E-mail newsletter", "E-mail рассылка"),
        "crm",
        "elena",
        "active",
        25_000,
        ("Repeat sales", "Повторные продажи"),
        "sales",
        40,
        (820, 0, 260, 3.2, 1.3, 12_800),
        spend_elasticity=0.0,
        plan_factor=0.8,
        conclusion=(
            ("Repeat sales above plan", "Повторные продажи выше плана"),
            ("Repeat sales below plan", "Повторные продажи ниже плана"),
        ),
        action=(
            ("Add a cart-abandonment trigger", "Добавить триггер брошенной корзины"),
            (
                "Segment the base before the next send",
                "Сегментировать базу перед следующей рассылкой",
            ),
        ),
    ),
    ChannelSpec(
        "pr",
        ("PR", "PR"),
        "pr",
        "dmitry",
        "active",
        60_000,
        ("Mentions", "Упоминания"),
        "mentions",
        10,
        (0, 0, 45, 0.6, 0.08, 21_000),
        spend_elasticity=0.0,
        plan_factor=1.0,
        conclusion=(
            ("Two publications went out", "Вышли две публикации"),
            ("Publications moved to next week", "Публикации перенесены"),
        ),
        action=(
            ("Pitch a designer collaboration", "Предложить коллаборацию с дизайнером"),
            ("Agree dates with the editors", "Согласовать даты с редакциями"),
        ),
    ),
    # Planted: nobody owns it, and its KPI is a vanity figure.
    ChannelSpec(
        "tg_channel",
        ("Telegram channel", "Telegram-канал"),
        "organic",
        None,
        "active",
        None,
        ("Followers", "Подписчики"),
        "followers",
        6000,
        (0, 5_200, 70, 0.8, 0.1, 13_000),
        spend_elasticity=0.0,
        plan_factor=1.0,
        conclusion=(
            ("Posts went out as planned", "Посты вышли по плану"),
            ("Fewer posts than planned", "Постов меньше плана"),
        ),
        action=(
            ("Keep the schedule", "Держать график"),
            ("Find an owner for the channel", "Найти владельца канала"),
        ),
    ),
    ChannelSpec(
        "google",
        ("Google Ads", "Google Ads"),
        "paid",
        "ivan",
        "stopped",
        None,
        ("CPA", "CPA"),
        "cpa",
        3000,
    ),
)


@dataclass(frozen=True)
class RuleRow:
    name: T
    channel: str | None  # channel key, None for "*"
    metric: str
    condition: str
    threshold: float
    days: int
    min_spend: int | None
    action: str


RULES: tuple[RuleRow, ...] = (
    RuleRow(
        ("CPA too high", "Слишком дорогой клиент"), "yandex", "cpa", "gt", 4000, 3, 1000, "stop"
    ),
    RuleRow(
        ("Unsubscribes too high", "Много отписок"),
        None,
        "unsubscribe_rate",
        "gt",
        0.005,
        1,
        None,
        "rewrite",
    ),
    RuleRow(("CTR dropped", "Упал CTR"), "vk", "ctr", "lt", 0.004, 2, 500, "scale_down"),
    RuleRow(("Lead too expensive", "Дорогой лид"), "tg_ads", "cpl", "gt", 1500, 3, 1000, "review"),
)

SETTING_VALUES: dict[str, str | int | float] = {
    "currency": "RUB",
    "gross_margin": 0.55,
    "fixed_costs_monthly": 450_000,
    "target_romi": 0.3,
    "review_every_days": 92,
    "max_roles_per_person": 4,
    "remind_every_days": 0,
    "data_lag_days": 0,
}
REVIEW_DAYS_AGO = 40
EMAIL_DOMAIN = "uyut-dom.ru"


# ---------------------------------------------------------------- simulation

Arr = npt.NDArray[np.float64]
FULL_WEEKS = 12
_WEEKDAY = np.array([1.0, 1.0, 0.98, 0.97, 0.93, 1.02, 1.1])  # furniture: busier weekends


def _dither(x: Arr) -> Arr:
    """Whole numbers whose running total tracks `x` (weekly sums stay close to expected)."""
    return np.diff(np.round(np.cumsum(x)), prepend=0.0)


@dataclass
class Sim:
    start: dt.date
    days: int
    trend: Arr  # planned demand per week
    daily: dict[str, dict[str, Arr]] = field(default_factory=dict)
    extra_kpi: dict[str, Arr] = field(default_factory=dict)  # mentions, followers per week


def simulate(as_of: dt.date, seed: int) -> Sim:
    rng = np.random.default_rng(seed)
    start = as_of - dt.timedelta(days=as_of.weekday() + 7 * FULL_WEEKS)
    n = (as_of - start).days + 1
    t = np.arange(n)
    week, wday = t // 7, t % 7
    trend = 0.8 + 0.03 * np.arange(week[-1] + 1)
    demand = trend * rng.lognormal(0.0, 0.06, trend.size)
    sim = Sim(start, n, trend)
    for ch in CHANNELS:
        if ch.status == "stopped":
            continue
        spend0, imp0, clicks0, leads0, sales0, check0 = ch.base
        d = demand[week] * _WEEKDAY[wday]

        def noise(sigma: float) -> Arr:
            return rng.lognormal(0.0, sigma, n)

        cols = {
            "spend": np.round(spend0 * demand[week] ** ch.spend_elasticity * noise(0.05)),
            "impressions": np.round(imp0 * d * noise(0.1)),
            "clicks": _dither(clicks0 * d * noise(0.12)),
            "leads": _dither(leads0 * d * noise(0.1)),
            "sales": _dither(sales0 * d * noise(0.12)),
            "check": check0 * noise(0.08),
        }
        if ch.key == "pr":  # one paid placement on Tuesdays, with its reach
            placement = wday == 1
            cols["spend"] = np.where(placement, np.round(14_000 * noise(0.1), -2), 0.0)
            cols["impressions"] = np.where(placement, np.round(36_000 * noise(0.3)), 0.0)
        if ch.group == "crm":
            blast = np.isin(wday, (1, 4))  # campaign sends on Tuesdays and Fridays
            cols["emails_sent"] = np.round(
                1_800 * noise(0.1) + np.where(blast, 23_000 * noise(0.05), 0.0)
            )
            cols["unsubscribes"] = np.round(cols["emails_sent"] * rng.uniform(0.001, 0.003, n))
            cols["impressions"] = np.full(n, np.nan)
        cols["leads"] = np.maximum(cols["leads"], cols["sales"])
        sim.daily[ch.key] = cols
    weeks = trend.size
    sim.extra_kpi["mentions"] = rng.integers(6, 15, weeks).astype(np.float64)
    sim.extra_kpi["followers"] = 4_100 + np.cumsum(rng.integers(30, 120, weeks)).astype(np.float64)
    _plant(sim)
    for cols in sim.daily.values():
        cols["revenue"] = np.round(cols["sales"] * cols.pop("check"), -1)
    return sim


def _plant(sim: Sim) -> None:
    """The problems the demo must show at the as-of date (index L)."""
    last = sim.days - 1
    ya = sim.daily["yandex"]
    # 1. Yandex Direct: CPA > 4000 for the last 4 days (one with no sales), not the day before.
    streak = slice(last - 3, last + 1)
    ya["spend"][streak] = np.maximum(ya["spend"][streak], 12_600)
    ya["sales"][streak] = [3, 2, 0, 3]
    ya["leads"][streak] = np.maximum(np.round(ya["leads"][streak] * 0.7), 3)
    ya["sales"][last - 4] = max(ya["sales"][last - 4], np.ceil(ya["spend"][last - 4] / 3_200))
    ya["leads"][last - 4] = max(ya["leads"][last - 4], ya["sales"][last - 4])
    # VK Ads: CTR falls under 0.4% for the last 3 days (creative burn-out).
    vk = sim.daily["vk"]
    ctr = np.array([0.0046, 0.0036, 0.0034, 0.0031])
    vk["clicks"][last - 3 :] = np.round(vk["impressions"][last - 3 :] * ctr)
    # 2. E-mail: today's send lost 0.7% of the list.
    em = sim.daily["email"]
    em["emails_sent"][last], em["unsubscribes"][last] = 24_600, 172
    # Telegram Ads: keep its "Lead too expensive" rule quiet today.
    tg = sim.daily["tg_ads"]
    tg["leads"][last] = max(tg["leads"][last], 3)


def weekly_records(sim: Sim, as_of: dt.date) -> list[dict[str, Any]]:
    """Weekly rows as numbers: plans from the planned trend, facts as sums of Daily.

    Planted: the ownerless channel has no row this week (no plan), and PR and that channel have
    no facts in the last finished week. PR's "Mentions" do not move with revenue (KPI drift).
    """
    mondays = [sim.start + dt.timedelta(weeks=w) for w in range(sim.trend.size)]
    finished = [m + dt.timedelta(days=4) < as_of for m in mondays]
    last_finished = max(w for w, done in enumerate(finished) if done)
    current = (as_of - sim.start).days // 7
    records: list[dict[str, Any]] = []
    for w, monday in enumerate(mondays):
        for ch in CHANNELS:
            if ch.key not in sim.daily or (ch.key == "tg_channel" and w == current):
                continue
            b, trend, days = ch.base, float(sim.trend[w]), slice(7 * w, 7 * w + 7)
            spend_plan = 14_000.0 if ch.key == "pr" else b[0] * trend**ch.spend_elasticity * 7
            plan = {
                "spend": round(spend_plan, -3),
                "leads": float(round(b[3] * trend * 7)),
                "sales": float(round(b[4] * trend * 7)),
                "revenue": round(b[4] * b[5] * trend * 7 * ch.plan_factor, -3),
            }
            rec: dict[str, Any] = {"week": monday, "channel": ch.key}
            rec |= {f"{k}_plan": v for k, v in plan.items()}
            rec["kpi_plan"] = _kpi(ch, plan, sim, w, planned=True)
            if finished[w] and not (w == last_finished and ch.key in {"pr", "tg_channel"}):
                fact = {k: float(sim.daily[ch.key][k][days].sum()) for k in plan}
                rec |= {f"{k}_fact": v for k, v in fact.items()}
                rec["kpi_fact"] = _kpi(ch, fact, sim, w, planned=False)
                rec["below"] = fact["revenue"] < 0.95 * plan["revenue"]
            records.append(rec)
    _decorrelate(records, "pr", [m for m, done in zip(mondays, finished, strict=True) if done][-8:])
    return records


def _decorrelate(records: list[dict[str, Any]], channel: str, weeks: list[dt.date]) -> None:
    """Make a channel's KPI fact uncorrelated with weekly total revenue (r close to 0)."""
    total = {w: sum(r.get("revenue_fact", 0.0) for r in records if r["week"] == w) for w in weeks}
    rows = [r for r in records if r["channel"] == channel and r["week"] in total]
    rows = [r for r in rows if r.get("kpi_fact") is not None]
    x = np.array([r["kpi_fact"] for r in rows], dtype=np.float64)
    y = np.array([total[r["week"]] for r in rows], dtype=np.float64)
    y -= y.mean()
    fitted = x - (x - x.mean()) @ y / (y @ y) * y
    for rec, value in zip(rows, fitted.tolist(), strict=True):
        rec["kpi_fact"] = float(max(1, round(value)))


def _kpi(ch: ChannelSpec, v: dict[str, float], sim: Sim, w: int, *, planned: bool) -> float | None:
    kind = ch.kpi_kind
    if kind in {"cpa", "cpl"}:
        if planned:
            return float(ch.kpi_target)
        denom = v["sales" if kind == "cpa" else "leads"]
        return float(round(v["spend"] / denom)) if denom else None
    if kind in {"leads", "sales"}:
        return v[kind]
    if planned:  # mentions: the target; followers: a steady growth plan
        return (
            float(ch.kpi_target) if kind == "mentions" else float(round(4_100 + 90 * (w + 1), -1))
        )
    return float(sim.extra_kpi[kind][w])
