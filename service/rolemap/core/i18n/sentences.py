"""Sentences and captions of the CMO summary, in both languages."""

from __future__ import annotations

import math

from rolemap.core.i18n import formats
from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.formats import date_text
from rolemap.core.i18n.forms import count
from rolemap.core.i18n.render import ShownCheck
from rolemap.core.metrics import registry
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import Flag

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "CMO summary", "ru": "Сводка CMO"},
    "as_of": {
        "en": "As of {as_of} · current week from {week}",
        "ru": "На {as_of} · текущая неделя с {week}",
    },
    "last_run": {"en": "Last run", "ru": "Последний пересчёт"},
    "totals": {"en": "Totals", "ru": "Итоги"},
    "last_week": {"en": "Last week (from {start})", "ru": "Прошлая неделя (с {start})"},
    "four_weeks": {"en": "Last 4 weeks (from {start})", "ru": "4 недели (с {start})"},
    "metric": {"en": "Metric", "ru": "Показатель"},
    "plan": {"en": "Plan", "ru": "План"},
    "fact": {"en": "Fact", "ru": "Факт"},
    "attainment": {"en": "% of plan", "ru": "% плана"},
    "channels": {"en": "Channels, last 4 finished weeks", "ru": "Каналы за последние 4 недели"},
    "decisions": {"en": "Decisions needed this week", "ru": "Что решить на этой неделе"},
    "no_decisions": {
        "en": "Nothing to decide: no flags and no errors.",
        "ru": "Решать нечего: флагов и ошибок нет.",
    },
    "more": {
        "en": "…and {n} more errors: see the {tab} tab.",
        "ru": "…и ещё {n} ошибок: см. вкладку {tab}.",
    },
    "discipline": {
        "en": "Report discipline: what is missing",
        "ru": "Дисциплина отчётов: чего не хватает",
    },
    "all_reported": {
        "en": "Every owner reported on time.",
        "ru": "Все владельцы отчитались вовремя.",
    },
    "owner": {"en": "Owner", "ru": "Владелец"},
    "health": {"en": "Ownership health", "ru": "Здоровье ролей"},
    "one_owner": {"en": "Channels with exactly one owner", "ru": "Каналы ровно с одним владельцем"},
    "conflicts": {"en": "Role conflicts", "ru": "Конфликты ролей"},
    "vanity": {"en": "Vanity KPIs", "ru": "KPI для красоты"},
    "review": {"en": "Roles and KPI review", "ru": "Пересмотр ролей и KPI"},
    "review_due": {"en": "due now", "ru": "пора провести"},
    "review_ok": {"en": "up to date", "ru": "в порядке"},
    "drift": {"en": "KPIs that no longer move with revenue", "ru": "KPI, оторванные от выручки"},
    "none": {"en": "none", "ru": "нет"},
    "weekly": {
        "en": "Revenue by week, last 8 finished weeks",
        "ru": "Выручка по неделям, последние 8 недель",
    },
    "week": {"en": "Week", "ru": "Неделя"},
    "revenue_plan": {"en": "Revenue plan", "ru": "Выручка план"},
    "revenue_fact": {"en": "Revenue fact", "ru": "Выручка факт"},
    "chart_spend": {"en": "Spend and revenue by channel", "ru": "Расход и выручка по каналам"},
    "chart_weekly": {"en": "Weekly revenue: fact vs plan", "ru": "Выручка по неделям: факт и план"},
    "spend": {"en": "Spend", "ru": "Расход"},
    "revenue": {"en": "Revenue", "ru": "Выручка"},
    "share": {"en": "Revenue share", "ru": "Доля выручки"},
    "rev_attainment": {"en": "Revenue vs plan", "ru": "Выручка к плану"},
    "flag": {"en": "Flag", "ru": "Флаг"},
    "verdict": {"en": "Verdict", "ru": "Вердикт"},
    "status": {"en": "Status", "ru": "Статус"},
    "channel": {"en": "Channel", "ru": "Канал"},
    "topic_plan": {"en": "Plan", "ru": "План"},
    "topic_fact": {"en": "Facts", "ru": "Факт"},
    "topic_conclusion": {"en": "Conclusion", "ru": "Вывод"},
    "topic_action": {"en": "Action", "ru": "Действие"},
    "owner_tail": {"en": "Owner: {owner}.", "ru": "Владелец: {owner}."},
    "nobody": {"en": "nobody — assign one", "ru": "никто — назначьте"},
    "days": {"en": "for {days} (since {since})", "ru": "{days} подряд (с {since})"},
}

FIX: dict[Lang, str] = {"en": "Fix", "ru": "Исправить"}


def t(key: str, lang: Lang, **fields: object) -> str:
    return TEXT[key][lang].format(**fields)


def number(value: float, metric: str, lang: Lang) -> str:
    """A value as a person would say it: 4 200, 0.8%, 2.5, ∞."""
    record = registry.metric(metric)
    if math.isinf(value):
        return record.infinite_label(lang)
    if record.percent:
        text = f"{value * 100:.1f}%"
    elif record.fmt == "decimal":
        text = f"{value:.2f}"
    else:
        text = f"{value:,.0f}".replace(",", "\u00a0")
    text = text.replace("-", "\u2212")  # a minus sign: no line break between it and the digits
    return formats.localise(text, lang)


def flag_evidence(flag: Flag, lang: Lang) -> str:
    """What fired: CPA 4 200 > 3 000 for 3 days (since 2026-11-22)."""
    metric = registry.metric(flag.metric).label(lang)
    last = number(flag.last_value, flag.metric, lang)
    limit = number(flag.threshold, flag.metric, lang)
    days = count(flag.days_in_a_row, "day", lang)
    streak = t("days", lang, days=days, since=date_text(flag.since, lang))
    return f"{metric} {last} {flag.condition} {limit} {streak}"


def quoted(name: str, lang: Lang) -> str:
    """A channel's name in the sentence's quotes: «…» in Russian, "…" in English."""
    return f"«{name}»" if lang == "ru" else f'"{name}"'


def flag_sentence(flag: Flag, lang: Lang) -> str:
    """One sentence: Stop "Yandex Direct": CPA 4 200 > 3 000 for 3 days … Owner: Anna."""
    owner = t("owner_tail", lang, owner=flag.owner or t("nobody", lang))
    name = quoted(flag.channel, lang)
    verb = lbl.ACTIONS[flag.action].verb[lang]
    return f"{verb} {name}: {flag_evidence(flag, lang)}. {owner}"


def check_sentence(check: ShownCheck, owner: str, lang: Lang) -> str:
    tail = t("owner_tail", lang, owner=owner or t("nobody", lang))
    return f"{FIX[lang]}: {check.message} {check.fix} {tail}"
