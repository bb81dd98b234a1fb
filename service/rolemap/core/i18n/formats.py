"""Numbers and dates in a message, one formatter per language.

English writes 12,500.5 and Russian 12 500,5 (a non-breaking space groups thousands, a comma
marks decimals). Dates are ISO in English, so they never read as month-first, and 25.11.2026 in
Russian, as Russian readers write them.
"""

from __future__ import annotations

import datetime as dt

from rolemap.core.model.contract import Lang

_NBSP = "\u00a0"


def _localise(text: str, lang: Lang) -> str:
    if lang == "ru":
        return text.replace(",", _NBSP).replace(".", ",")
    return text


def number(value: float, lang: Lang) -> str:
    """12,500.5 / 12 500,5; whole numbers without decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return _localise(text, lang)


def decimal(value: float, lang: Lang, places: int = 2) -> str:
    """0.29 / 0,29."""
    return _localise(f"{value:.{places}f}", lang)


def delta(value: float, lang: Lang) -> str:
    """A signed change as a percentage: +3.2% / +3,2%."""
    return _localise(f"{value:+.1%}", lang)


def date(value: dt.date, lang: Lang) -> str:
    return value.strftime("%d.%m.%Y") if lang == "ru" else value.isoformat()
