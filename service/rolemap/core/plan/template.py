"""What a fresh Rolemap sheet looks like: one layout, rendered by both the xlsx and Google paths.

Everything comes from `sheet_templates/template.toml` via the contract, so `template build`
(xlsx) and `template create` (Google) cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rolemap.core.model.contract import ColumnSpec, Contract, Lang, TabSpec, load_contract
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import NumberFormat

_FORMATS: dict[str, NumberFormat] = {
    "money": "money",
    "count": "integer",
    "number": "decimal",
    "percent": "percent",
    "date": "date",
}


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    title: str
    note: str
    width: int
    number_format: NumberFormat | None
    dropdown: tuple[str, ...]  # empty: free input
    strict: bool  # reject values outside the dropdown (else only warn)


@dataclass(frozen=True, slots=True)
class TemplateTab:
    title: str
    columns: tuple[TemplateColumn, ...]
    rows: tuple[tuple[CellValue, ...], ...]  # example rows under the header
    frozen_rows: int


def _localize(value: Any, col: ColumnSpec, contract: Contract, lang: Lang) -> CellValue:
    if isinstance(value, dict):
        value = value[lang]
    if col.type == "date" and isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    if col.type in {"choice", "bool"} and isinstance(value, str) and value:
        return contract.choice_label(col.choices or "bool", value, lang)
    return value if value != "" else None


def _dropdown(col: ColumnSpec, contract: Contract, lang: Lang) -> tuple[str, ...]:
    if col.type == "bool":
        return tuple(contract.choice_label("bool", k, lang) for k in ("yes", "no"))
    if col.type == "choice" and col.choices:
        return tuple(c.label(lang) for c in contract.choice_list(col.choices))
    return ()


def _settings_tab(contract: Contract, lang: Lang) -> TemplateTab:
    spec = contract.tab("settings")
    by_key = {s.key: s for s in contract.settings}
    rows = []
    for example in contract.examples.get("settings", ()):
        setting = by_key[example["setting"]]
        value = example["value"]
        if isinstance(value, dict):
            value = value[lang]
        rows.append((setting.title(lang), value if value != "" else None))
    columns = tuple(
        TemplateColumn(c.title(lang), c.note(lang) if c.note else "", c.width, None, (), False)
        for c in spec.columns
    )
    return TemplateTab(spec.title(lang), columns, tuple(rows), spec.frozen_rows)


def template_layout(lang: Lang, contract: Contract | None = None) -> tuple[TemplateTab, ...]:
    contract = contract or load_contract()
    tabs = [_settings_tab(contract, lang)]
    tabs += [table_layout(spec, contract, lang) for spec in contract.tabs if spec.layout == "table"]
    return tuple(tabs)


def table_layout(spec: TabSpec, contract: Contract, lang: Lang) -> TemplateTab:
    """One table tab as a fresh sheet shows it: headers with notes, dropdowns, formats."""
    columns = tuple(
        TemplateColumn(
            title=c.title(lang),
            note=c.note(lang) if c.note else "",
            width=c.width,
            number_format=_FORMATS.get(c.type),
            dropdown=_dropdown(c, contract, lang),
            strict=c.strict and c.type != "bool",
        )
        for c in spec.columns
    )
    rows = tuple(
        tuple(_localize(example.get(c.key), c, contract, lang) for c in spec.columns)
        for example in contract.examples.get(spec.key, ())
    )
    return TemplateTab(spec.title(lang), columns, rows, spec.frozen_rows)
