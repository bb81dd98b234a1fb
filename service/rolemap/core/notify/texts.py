"""The words of a notification digest, in both languages, in the tone of the CMO summary."""

from __future__ import annotations

from rolemap.core.model.contract import Lang

TEXT: dict[str, dict[Lang, str]] = {
    "subject": {
        "en": "Rolemap, {as_of}: {n} item(s) for {person}",
        "ru": "Rolemap, {as_of}: {person}, пунктов к решению — {n}",
    },
    "intro": {
        "en": "{person}, the sheet was recalculated for {as_of}. What needs you:",
        "ru": "{person}, таблица пересчитана на {as_of}. Что требует вашего решения:",
    },
    "new_flags": {
        "en": "New stop flags on your channels",
        "ru": "Новые стоп-флаги по вашим каналам",
    },
    "reminders": {
        "en": "Still firing (reminder)",
        "ru": "Всё ещё срабатывают (напоминание)",
    },
    "new_errors": {"en": "New errors to fix", "ru": "Новые ошибки, которые нужно исправить"},
    "cmo_stops": {
        "en": "For the CMO: channels to stop",
        "ru": "Для CMO: каналы к остановке",
    },
    "cmo_cuts": {
        "en": "For the CMO: channels to cut (ROMI below zero, last 4 finished weeks)",
        "ru": "Для CMO: каналы к сокращению (ROMI ниже нуля за 4 недели)",
    },
    "cut": {
        "en": 'Cut "{channel}": ROMI {romi}. Owner: {owner}.',
        "ru": "Сократить «{channel}»: ROMI {romi}. Владелец: {owner}.",
    },
    "unreached": {
        "en": "Not notified: no e-mail in the {tab} tab",
        "ru": "Не получили уведомление: нет почты во вкладке {tab}",
    },
    "unreached_line": {
        "en": "{person}: {n} item(s). Add their e-mail in {tab} › {column}.",
        "ru": "{person}: пунктов — {n}. Впишите почту в {tab} › {column}.",
    },
    "outro": {
        "en": "Details: the {flags} and {checks} tabs. Rolemap never touches an ad platform.",
        "ru": (
            "Подробности — во вкладках {flags} и {checks}. "
            "Rolemap ничего не меняет в рекламных кабинетах."
        ),
    },
}


def t(key: str, lang: Lang, **fields: object) -> str:
    return TEXT[key][lang].format(**fields)
