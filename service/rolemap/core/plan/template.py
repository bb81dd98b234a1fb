"""What a fresh Rolemap sheet looks like: one layout, rendered by both the xlsx and Google paths.

Everything comes from `sheet_templates/template.toml` via the contract, so `template build`
(xlsx) and `template create` (Google) cannot drift apart.

Dropdowns are of two kinds: a fixed list (choices, yes/no, the language) and a range of another
tab (Owner from the people in Roles, every Channel column from Channels), which grows as the team
adds rows. Range dropdowns only warn: Stop rules take `*`, and a typo is already a check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rolemap.core.metrics.registry import METRICS
from rolemap.core.model.contract import (
    ColumnSpec,
    Contract,
    Lang,
    SettingSpec,
    TabSpec,
    load_contract,
)
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import NumberFormat

TEMPLATE_ROWS = 1000  # dropdowns and number formats cover rows 2..1000 in both backends

_FORMATS: dict[str, NumberFormat] = {
    "money": "money",
    "count": "integer",
    "number": "decimal",
    "percent": "percent",
    "date": "date",
}


@dataclass(frozen=True, slots=True)
class RangeSource:
    """A dropdown fed by a column of another tab, rows 2..TEMPLATE_ROWS."""

    tab: str  # the tab's title in the template's language
    col: int  # 0-based column on that tab


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    title: str
    note: str
    width: int
    number_format: NumberFormat | None
    dropdown: tuple[str, ...]  # empty: free input
    strict: bool  # reject values outside the dropdown (else only warn)
    source: RangeSource | None = None  # a dropdown of another tab's column


@dataclass(frozen=True, slots=True)
class TemplateCell:
    """One cell's own format or dropdown: a Settings value, a percent threshold."""

    row: int  # 0-based grid row (0 is the header)
    col: int  # 0-based column
    number_format: NumberFormat | None = None
    dropdown: tuple[str, ...] = ()  # strict


@dataclass(frozen=True, slots=True)
class TemplateTab:
    title: str
    columns: tuple[TemplateColumn, ...]
    rows: tuple[tuple[CellValue, ...], ...]  # example rows under the header
    frozen_rows: int
    cells: tuple[TemplateCell, ...] = ()


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


def _source(col: ColumnSpec, contract: Contract, lang: Lang) -> RangeSource | None:
    if not col.dropdown_from:
        return None
    tab_key, col_key = col.dropdown_from.split(".")
    spec = contract.tab(tab_key)
    return RangeSource(spec.title(lang), [c.key for c in spec.columns].index(col_key))


def _setting_cell(row: int, setting: SettingSpec) -> TemplateCell | None:
    number_format = _FORMATS.get(setting.type)
    if number_format is None and not setting.dropdown:
        return None
    return TemplateCell(row, 1, number_format, setting.dropdown)


def _settings_tab(contract: Contract, lang: Lang) -> TemplateTab:
    spec = contract.tab("settings")
    by_key = {s.key: s for s in contract.settings}
    rows = []
    cells = []
    for r, example in enumerate(contract.examples.get("settings", ()), start=1):
        setting = by_key[example["setting"]]
        value = example["value"]
        if isinstance(value, dict):
            value = value[lang]
        rows.append((setting.title(lang), value if value != "" else None))
        if (cell := _setting_cell(r, setting)) is not None:
            cells.append(cell)
    columns = tuple(
        TemplateColumn(c.title(lang), c.note(lang) if c.note else "", c.width, None, (), False)
        for c in spec.columns
    )
    return TemplateTab(spec.title(lang), columns, tuple(rows), spec.frozen_rows, tuple(cells))


def _percent_thresholds(key: str, contract: Contract) -> tuple[TemplateCell, ...]:
    """Example stop rules on a rate metric show their threshold as a percent (0.5%, not 0.005)."""
    if key != "stop_rules":
        return ()
    col = [c.key for c in contract.tab(key).columns].index("threshold")
    return tuple(
        TemplateCell(r, col, "percent")
        for r, example in enumerate(contract.examples.get(key, ()), start=1)
        if example.get("metric") in METRICS and METRICS[example["metric"]].percent
    )


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
            # A range dropdown only warns: Stop rules take `*`, and a typo is already a check.
            strict=c.strict and c.type != "bool" and c.dropdown_from is None,
            source=_source(c, contract, lang),
        )
        for c in spec.columns
    )
    rows = tuple(
        tuple(_localize(example.get(c.key), c, contract, lang) for c in spec.columns)
        for example in contract.examples.get(spec.key, ())
    )
    cells = _percent_thresholds(spec.key, contract)
    return TemplateTab(spec.title(lang), columns, rows, spec.frozen_rows, cells)
