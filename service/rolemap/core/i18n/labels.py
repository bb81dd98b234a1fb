"""Words the output tabs show, in the sheet's language. JSON keeps the stable English codes."""

from __future__ import annotations

from rolemap.core.model.contract import Lang
from rolemap.core.plan.model import Tone

ACTION: dict[str, dict[Lang, str]] = {
    "stop": {"en": "Stop", "ru": "Стоп"},
    "rewrite": {"en": "Rewrite", "ru": "Переписать"},
    "review": {"en": "Review", "ru": "Разобрать"},
    "scale_down": {"en": "Scale down", "ru": "Снизить"},
}
FLAG: dict[str, dict[Lang, str]] = {
    "stop": {"en": "STOP", "ru": "СТОП"},
    "rewrite": {"en": "REWRITE", "ru": "ПЕРЕПИСАТЬ"},
    "review": {"en": "REVIEW", "ru": "РАЗОБРАТЬ"},
    "scale_down": {"en": "SCALE DOWN", "ru": "СНИЗИТЬ"},
}
ACTION_TONE: dict[str, Tone] = {
    "stop": "red",
    "rewrite": "amber",
    "review": "amber",
    "scale_down": "yellow",
}
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
METRIC: dict[str, dict[Lang, str]] = {
    "cpl": {"en": "CPL", "ru": "CPL"},
    "cpa": {"en": "CPA", "ru": "CPA"},
    "cr": {"en": "CR", "ru": "CR"},
    "ctr": {"en": "CTR", "ru": "CTR"},
    "roas": {"en": "ROAS", "ru": "ROAS"},
    "romi": {"en": "ROMI", "ru": "ROMI"},
    "spend": {"en": "Spend", "ru": "Расход"},
    "unsubscribe_rate": {"en": "Unsubscribe rate", "ru": "Доля отписок"},
    "leads": {"en": "Leads", "ru": "Лиды"},
    "sales": {"en": "Sales", "ru": "Продажи"},
    "revenue": {"en": "Revenue", "ru": "Выручка"},
    "cac": {"en": "CAC", "ru": "CAC"},
}
RATE_METRICS = frozenset({"cr", "ctr", "unsubscribe_rate", "romi"})
SEVERITY: dict[str, dict[Lang, str]] = {
    "error": {"en": "error", "ru": "ошибка"},
    "warning": {"en": "warning", "ru": "предупреждение"},
    "info": {"en": "info", "ru": "инфо"},
}
FLAG_STATUS: dict[str, dict[Lang, str]] = {
    "new": {"en": "new", "ru": "новый"},
    "ongoing": {"en": "ongoing", "ru": "продолжается"},
}
# Run log `Mode`: the RunInfo mode as the sheet's language says it.
RUN_MODE: dict[str, dict[Lang, str]] = {
    "write": {"en": "write", "ru": "запись"},
    "dry run": {"en": "dry run", "ru": "без записи"},
}
INFINITE: dict[str, dict[Lang, str]] = {
    "cpl": {"en": "∞ (no leads)", "ru": "∞ (нет лидов)"},
    "cpa": {"en": "∞ (no sales)", "ru": "∞ (нет продаж)"},
}


def say(table: dict[str, dict[Lang, str]], key: str, lang: Lang) -> str:
    return table[key][lang]


def all_values(table: dict[str, dict[Lang, str]]) -> frozenset[str]:
    return frozenset(v for by_lang in table.values() for v in by_lang.values())
