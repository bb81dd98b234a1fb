"""Checks become words here, once, in the sheet's language (docs/contract.md §3).

The core creates a `Check` as a code and parameters; the output tabs, the JSON and the terminal
all show the `ShownCheck` this module renders, so a message is worded in exactly one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rolemap.core.i18n import formats
from rolemap.core.i18n.catalog import CATALOG, PHRASES
from rolemap.core.i18n.forms import MessageFormatter
from rolemap.core.metrics import registry
from rolemap.core.model.contract import Contract, Lang, load_contract
from rolemap.core.model.results import Check, Num, Term


class ShownCheck(Check):
    """A check with its problem and fix in words: what every output shows."""

    message: str
    fix: str

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "tab": self.tab,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "fix": self.fix,
        }


def show_value(value: Any, lang: Lang, contract: Contract | None = None) -> Any:
    """A parameter as the sheet's language writes it."""
    if isinstance(value, Term):
        return _term(value, lang, contract or load_contract())
    if isinstance(value, Num):
        if value.style == "decimal":
            return formats.decimal(value.value, lang)
        if value.style == "delta":
            return formats.delta(value.value, lang)
        return formats.number(value.value, lang)
    if isinstance(value, dt.date):
        return formats.date_text(value, lang)
    return value


def _term(term: Term, lang: Lang, contract: Contract) -> str:
    if term.kind == "metric":
        return registry.metric(term.key).label(lang)
    if term.kind == "tab":
        return contract.tab(term.key).title(lang)
    if term.kind == "column":
        return contract.tab(term.tab).column(term.key).title(lang)
    if term.kind == "setting":
        return next(s for s in contract.settings if s.key == term.key).title(lang)
    fields = {k: show_value(v, lang, contract) for k, v in term.fields}
    return PHRASES[term.key][lang].format(**fields)


def render(check: Check, lang: Lang, contract: Contract | None = None) -> ShownCheck:
    problem, fix = CATALOG[check.key][lang]
    values = {k: show_value(v, lang, contract) for k, v in check.params.items()}
    fields = {name: getattr(check, name) for name in Check.model_fields}
    words = MessageFormatter(lang)  # `{n:day}` spells "1 day" / "5 дней"
    return ShownCheck(
        **fields, message=words.format(problem, **values), fix=words.format(fix, **values)
    )
