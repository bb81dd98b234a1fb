"""Words of the `Role map` and `Channel pages` tabs, in both languages."""

from __future__ import annotations

from rolemap.core.model.contract import Lang

TEXT: dict[str, dict[Lang, str]] = {
    # Role map
    "map_intro": {
        "en": "As of {as_of}. Each cell is the KPI of that hat and its target.",
        "ru": "На {as_of}. В клетке — KPI этой шляпы и его цель.",
    },
    "legend": {"en": "Colours:", "ru": "Цвета:"},
    "legend_error": {
        "en": "Must not be combined (error)",
        "ru": "Нельзя совмещать (ошибка)",
    },
    "legend_warning": {
        "en": "Combine only with an outside check",
        "ru": "Совмещать только с внешней проверкой",
    },
    "legend_gap": {
        "en": "Nobody holds the role / owns the channel",
        "ru": "Роль без исполнителя / канал без владельца",
    },
    "legend_over": {"en": "More hats than allowed", "ru": "Шляп больше допустимого"},
    "nobody_holds": {"en": "{role}\n(nobody)", "ru": "{role}\n(никто)"},
    "target": {"en": "target: {target}", "ru": "цель: {target}"},
    "no_kpi": {"en": "no KPI", "ru": "нет KPI"},
    "checked_by": {"en": "checked by {who}", "ru": "проверяет {who}"},
    "unchecked": {"en": "no outside check", "ru": "нет внешней проверки"},
    "pair": {"en": "{a} + {b}: {severity}, {check}", "ru": "{a} + {b}: {severity}, {check}"},
    "channels": {"en": "Channels and their owners", "ru": "Каналы и их владельцы"},
    "channel": {"en": "Channel", "ru": "Канал"},
    "owner": {"en": "Owner", "ru": "Владелец"},
    "status": {"en": "Status", "ru": "Статус"},
    "primary_kpi": {"en": "Primary KPI", "ru": "Главный KPI"},
    "problem": {"en": "Problem", "ru": "Проблема"},
    "CH-NO-OWNER": {"en": "nobody owns it", "ru": "нет владельца"},
    "CH-MULTI-OWNER": {"en": "more than one owner", "ru": "больше одного владельца"},
    "CH-OWNER-UNKNOWN": {"en": "owner is not in Roles", "ru": "владельца нет в ролях"},
    "no_people": {
        "en": "No one is listed in Roles yet.",
        "ru": "В ролях пока никого нет.",
    },
    # Channel pages
    "group": {"en": "Group", "ru": "Группа"},
    "kpi_target": {"en": "KPI target", "ru": "Цель KPI"},
    "verdict": {"en": "Verdict", "ru": "Вердикт"},
    "weeks": {
        "en": "Last 4 finished weeks, {start} – {end}",
        "ru": "Последние 4 завершённые недели, {start} – {end}",
    },
    "four_weeks": {"en": "4 weeks", "ru": "4 недели"},
    "plan": {"en": "plan", "ru": "план"},
    "fact": {"en": "fact", "ru": "факт"},
    "attainment": {"en": "% of plan", "ru": "% плана"},
    "kpi": {"en": "KPI: {name}", "ru": "KPI: {name}"},
    "conclusion": {"en": "Conclusion", "ru": "Вывод"},
    "action": {"en": "Action", "ru": "Действие"},
    "team_says": {
        "en": "The team's latest word (week of {week})",
        "ru": "Последнее слово команды (неделя с {week})",
    },
    "no_words": {
        "en": "The team has not written a conclusion or an action yet.",
        "ru": "Команда ещё не написала ни вывода, ни действия.",
    },
    "flags": {"en": "Active flags", "ru": "Активные флаги"},
    "no_flags": {"en": "No stop rule fires.", "ru": "Ни одно стоп-правило не сработало."},
    "missing": {"en": "Missing from the report", "ru": "Чего не хватает в отчёте"},
    "nothing_missing": {"en": "Nothing: the report is complete.", "ru": "Ничего: отчёт полный."},
    "no_channels": {
        "en": "No channels are listed in Channels yet.",
        "ru": "На вкладке каналов пока нет ни одного канала.",
    },
}


def pt(key: str, lang: Lang, **fields: object) -> str:
    return TEXT[key][lang].format(**fields)
