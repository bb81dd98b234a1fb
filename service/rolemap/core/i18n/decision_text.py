# ruff: noqa: E501  (messages read better unbroken)
"""Wording of the decision-first CMO summary, in both languages.

Every figure names its period: "on the last day" for a stop-rule value (one `Daily` date),
"last week" or "last 4 weeks" for `Weekly` sums.
"""

from __future__ import annotations

from rolemap.core.model.contract import Lang

TEXT: dict[str, dict[Lang, str]] = {
    "header": {
        "en": "As of {as_of} · current week from {week} · {freshness}",
        "ru": "На {as_of} · текущая неделя с {week} · {freshness}",
    },
    "daily_until": {"en": "Daily data up to {date}", "ru": "данные по дням до {date}"},
    "no_daily": {
        "en": "no Daily data on or before this date",
        "ru": "данных по дням на эту дату нет",
    },
    "stale": {"en": " ({days} old)", "ru": " (отстают на {days})"},
    "decisions": {"en": "Decisions for the CMO ({n})", "ru": "Решения CMO ({n})"},
    "no_decisions": {
        "en": "Nothing to decide: no stop flags, no loss-making channels, no role conflicts.",
        "ru": "Решать нечего: стоп-флагов, убыточных каналов и конфликтов ролей нет.",
    },
    "chores": {"en": "To fix in the sheet ({n})", "ru": "Исправить в таблице ({n})"},
    "no_chores": {
        "en": "Nothing to fix: every report and cell is in order.",
        "ru": "Исправлять нечего: отчёты и ячейки в порядке.",
    },
    "more_chores": {
        "en": "…and {n} more: see the {tab} tab.",
        "ru": "…и ещё {n}: см. вкладку {tab}.",
    },
    "channels": {
        "en": "Channels, last 4 finished weeks ({start} – {end})",
        "ru": "Каналы за последние 4 недели ({start} – {end})",
    },
    "flag_line": {
        "en": "{verb} {name}: {metric} {last} {cond} {limit} on the last day ({day}), {streak} in a row since {since}.",
        "ru": "{verb} {name}: {metric} {last} {cond} {limit} за последний день ({day}), {streak} подряд с {since}.",
    },
    "context": {
        "en": "Last 4 weeks: {figures}.",
        "ru": "За 4 недели: {figures}.",
    },
    "context_keep": {
        "en": "The channel itself is fine over the last 4 weeks ({figures}, verdict {verdict}): fix this, keep the channel.",
        "ru": "Сам канал за 4 недели в порядке ({figures}, вердикт «{verdict}»): исправьте это, канал оставьте.",
    },
    "cut_line": {
        "en": "Cut {name}: ROMI {romi} over the last 4 weeks (spend {spend}, revenue {revenue}).",
        "ru": "Сократить {name}: ROMI {romi} за последние 4 недели (расход {spend}, выручка {revenue}).",
    },
    "cut_hidden": {
        "en": "Cut {name} once its data is fixed: ROMI {romi} over the last 4 weeks, with the gaps below.",
        "ru": "Сократить {name}, когда исправят данные: ROMI {romi} за последние 4 недели, с пропусками ниже.",
    },
    "then": {
        "en": "{fix} · then {verdict}: ROMI {romi}",
        "ru": "{fix} · затем {verdict}: ROMI {romi}",
    },
    "roles": {"en": "Roles", "ru": "Роли"},
    "assign": {"en": "Assign", "ru": "Назначить"},
    "owner_tail": {"en": "Owner: {owner}.", "ru": "Владелец: {owner}."},
    "decider_tail": {"en": "Decides: {owner}.", "ru": "Решает: {owner}."},
    # Channel table headers
    "kpi": {"en": "Primary KPI", "ru": "Главный KPI"},
    "kpi_target": {"en": "KPI target", "ru": "Цель KPI"},
    "kpi_fact": {"en": "KPI fact, 4 wk", "ru": "KPI факт, 4 нед."},
    "kpi_change": {"en": "vs previous 4 wk", "ru": "к прошлым 4 нед."},
    # Totals and charts
    "totals": {"en": "Totals", "ru": "Итоги"},
    "chart_channels": {
        "en": "Revenue as % of plan by channel, last 4 weeks",
        "ru": "Выручка к плану по каналам за 4 недели, %",
    },
    "channel_chart_table": {
        "en": "Revenue by channel, last 4 weeks (Stopped channels left out)",
        "ru": "Выручка по каналам за 4 недели (без остановленных)",
    },
}


def say(key: str, lang: Lang, **fields: object) -> str:
    return TEXT[key][lang].format(**fields)
