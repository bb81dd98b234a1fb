"""Words the output tabs show, in the sheet's language. JSON keeps the stable English codes."""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.core.model.contract import Lang
from rolemap.core.model.results import ACTION_ORDER, ActionKey
from rolemap.core.plan.model import Tone


@dataclass(frozen=True)
class ActionWords:
    """How one stop-rule action reads: in the Action column (the Stop rules dropdown word), in
    the `Flag (auto)` column, and as the verb that opens a decision sentence."""

    label: dict[Lang, str]
    flag: dict[Lang, str]
    verb: dict[Lang, str]
    tone: Tone


# In ACTION_ORDER, most severe first.
ACTIONS: dict[ActionKey, ActionWords] = {
    "stop": ActionWords(
        {"en": "Stop", "ru": "Стоп"},
        {"en": "STOP", "ru": "СТОП"},
        {"en": "Stop", "ru": "Остановить"},
        "red",
    ),
    "rewrite": ActionWords(
        {"en": "Rewrite", "ru": "Переписать"},
        {"en": "REWRITE", "ru": "ПЕРЕПИСАТЬ"},
        {"en": "Rewrite", "ru": "Переписать"},
        "amber",
    ),
    "review": ActionWords(
        {"en": "Review", "ru": "Разобрать"},
        {"en": "REVIEW", "ru": "РАЗОБРАТЬ"},
        {"en": "Review", "ru": "Разобрать"},
        "amber",
    ),
    "scale_down": ActionWords(
        {"en": "Scale down", "ru": "Снизить"},
        {"en": "SCALE DOWN", "ru": "СНИЗИТЬ"},
        {"en": "Scale down", "ru": "Снизить бюджет"},
        "yellow",
    ),
}
assert tuple(ACTIONS) == ACTION_ORDER
ACTION: dict[str, dict[Lang, str]] = {k: a.label for k, a in ACTIONS.items()}
FLAG: dict[str, dict[Lang, str]] = {k: a.flag for k, a in ACTIONS.items()}
ACTION_TONE: dict[str, Tone] = {k: a.tone for k, a in ACTIONS.items()}
VERDICT: dict[str, dict[Lang, str]] = {
    "stopped": {"en": "Stopped", "ru": "Остановлен"},
    "stop": {"en": "Stop", "ru": "Стоп"},
    "fix_data": {"en": "Fix data", "ru": "Исправить данные"},
    "test": {"en": "Test", "ru": "Тест"},
    "cut": {"en": "Cut", "ru": "Сократить"},
    "scale": {"en": "Scale", "ru": "Масштабировать"},
    "keep": {"en": "Keep", "ru": "Держать"},
}
VERDICT_TONE: dict[str, Tone] = {
    "stopped": "grey",
    "stop": "red",
    "fix_data": "amber",
    "test": "blue",
    "cut": "amber",
    "scale": "green",
    "keep": "none",
}
STATUS: dict[str, dict[Lang, str]] = {
    "active": {"en": "Active", "ru": "Активен"},
    "test": {"en": "Test", "ru": "Тест"},
    "paused": {"en": "Paused", "ru": "Пауза"},
    "stopped": {"en": "Stopped", "ru": "Остановлен"},
}
SEVERITY: dict[str, dict[Lang, str]] = {
    "error": {"en": "error", "ru": "ошибка"},
    "warning": {"en": "warning", "ru": "предупреждение"},
    "info": {"en": "info", "ru": "инфо"},
}
FLAG_STATUS: dict[str, dict[Lang, str]] = {
    "new": {"en": "new", "ru": "новый"},
    "ongoing": {"en": "ongoing", "ru": "продолжается"},
}

PROTECTION_NOTE: dict[Lang, str] = {
    "en": "Rolemap: this tab is rewritten on every recalculation; edits here will be lost.",
    "ru": "Rolemap: вкладка перезаписывается при каждом пересчёте, правки здесь пропадут.",
}
# Run log `Mode`: the RunInfo mode as the sheet's language says it.
RUN_MODE: dict[str, dict[Lang, str]] = {
    "write": {"en": "write", "ru": "запись"},
    "dry run": {"en": "dry run", "ru": "без записи"},
}


def say(table: dict[str, dict[Lang, str]], key: str, lang: Lang) -> str:
    return table[key][lang]


def all_values(table: dict[str, dict[Lang, str]]) -> frozenset[str]:
    return frozenset(v for by_lang in table.values() for v in by_lang.values())
