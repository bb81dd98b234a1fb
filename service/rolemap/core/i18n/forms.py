"""Word forms in the sheet's language: "1 warning", "5 дней", and `{n:day}` in a message.

Two languages with fixed rules do not need a locale library: the English and Russian plural
rules are a few lines. Numbers and dates are `formats.py`'s.
"""

from __future__ import annotations

import string
from typing import Any

from rolemap.core.model.contract import Lang

# Each word: English (one, other), Russian (one, few, many): 1 день, 2 дня, 5 дней.
WORDS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "day": (("day", "days"), ("день", "дня", "дней")),
    "week": (("week", "weeks"), ("неделя", "недели", "недель")),
    "error": (("error", "errors"), ("ошибка", "ошибки", "ошибок")),
    "warning": (("warning", "warnings"), ("предупреждение", "предупреждения", "предупреждений")),
    "info": (("info note", "info notes"), ("замечание", "замечания", "замечаний")),
    "check": (("check", "checks"), ("проверка", "проверки", "проверок")),
    "flag": (("stop flag", "stop flags"), ("стоп-флаг", "стоп-флага", "стоп-флагов")),
    "item": (("item", "items"), ("пункт", "пункта", "пунктов")),
    "role": (("role", "roles"), ("роль", "роли", "ролей")),
    "time": (("time", "times"), ("раз", "раза", "раз")),
}


def russian_form(n: int) -> int:
    """0 for 1, 21, 101…; 1 for 2–4, 22–24…; 2 for 0, 5–20, 25–30…"""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def plural(n: int, word: str, lang: Lang) -> str:
    """The word's form for `n`, without the number."""
    en, ru = WORDS[word]
    if lang == "ru":
        return ru[russian_form(n)]
    return en[0] if abs(n) == 1 else en[1]


def count(n: int, word: str, lang: Lang) -> str:
    """`n` and the word: "1 warning", "3 warnings", "2 дня", "11 дней"."""
    return f"{n} {plural(n, word, lang)}"


class MessageFormatter(string.Formatter):
    """`str.format` plus plural specs: `{n:day}` → "1 day" / "2 дня" / "5 дней"."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in WORDS:
            whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
            if whole and not isinstance(value, bool):
                return count(int(value), format_spec, self.lang)
            format_spec = ""
        return str(super().format_field(value, format_spec))
