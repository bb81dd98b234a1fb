"""Numbers and dates in a message, one formatter per language.

English writes 12,500.5 and Russian 12 500,5 (a non-breaking space groups thousands, a comma
marks decimals). Dates are ISO in English, so they never read as month-first, and 25.11.2026 in
Russian, as Russian readers write them.
"""

from __future__ import annotations

import datetime as dt

from rolemap.core.model.contract import Lang
from rolemap.core.plan.model import NumberFormat

_NBSP = "\u00a0"


def localise(text: str, lang: Lang) -> str:
    """English-formatted digits as the language writes them (12,500.5 → 12 500,5)."""
    if lang == "ru":
        return text.replace(",", _NBSP).replace(".", ",")
    return text


def number(value: float, lang: Lang) -> str:
    """12,500.5 / 12 500,5; whole numbers without decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return localise(text, lang)


def decimal(value: float, lang: Lang, places: int = 2) -> str:
    """0.29 / 0,29."""
    return localise(f"{value:.{places}f}", lang)


def delta(value: float, lang: Lang) -> str:
    """A signed change as a percentage: +3.2% / +3,2%."""
    return localise(f"{value:+.1%}", lang)


DATE_PATTERN: dict[Lang, str] = {"en": "%Y-%m-%d", "ru": "%d.%m.%Y"}
# Month names spelt out: strftime's %b follows the process locale, not the sheet's language.
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_text(day: dt.date, lang: Lang) -> str:
    """A date in the sheet's style: 2026-11-25 in English, 25.11.2026 in Russian."""
    return day.strftime(DATE_PATTERN[lang])


def short_date(day: dt.date, lang: Lang) -> str:
    """A week label for a chart axis, short enough not to wrap: "Nov 23" / "23.11"."""
    if lang == "ru":
        return day.strftime("%d.%m")
    return f"{MONTHS_EN[day.month - 1]} {day.day}"


def date_format(lang: Lang, *, with_time: bool = False) -> NumberFormat:
    """The cell number format that shows dates the way `date_text` spells them."""
    if lang == "ru":
        return "datetime_dmy" if with_time else "date_dmy"
    return "datetime" if with_time else "date"
