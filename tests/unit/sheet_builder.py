"""A tiny fluent builder of test workbooks: a few rows per tab, English or Russian headers.

Rows are dicts keyed by the contract's column keys. A value that is a choice key (`paid`,
`active`, `cmo`, `yes`…) is written as that choice's label in the sheet's language, so the same
test reads naturally in both languages. Columns follow the template's order, so in `Channels`
the owner is column C and the first data row is row 2 (e.g. `Channels!C2`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from rolemap.core.i18n.render import ShownCheck, render
from rolemap.core.model.contract import Lang, load_contract
from rolemap.core.model.results import Check
from rolemap.core.model.snapshot import CellValue, Grid, Snapshot
from rolemap.core.parse.inputs import Inputs, read_inputs

_CHOICE_LISTS = {  # (tab, column) → the choice list its keys come from
    ("roles", "role"): "role",
    ("roles", "can_stop"): "bool",
    ("channels", "group"): "group",
    ("channels", "status"): "status",
    ("stop_rules", "metric"): "metric",
    ("stop_rules", "condition"): "condition",
    ("stop_rules", "action"): "action",
}


class SheetBuilder:
    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang
        self.contract = load_contract()
        self._rows: dict[str, list[dict[str, Any]]] = {
            t.key: [] for t in self.contract.tabs if t.layout == "table"
        }
        self._settings: dict[str, CellValue] = {"language": lang}
        self._missing: set[str] = set()
        self._drop_columns: dict[str, set[str]] = {}

    # ---- tabs
    def setting(self, key: str, value: CellValue) -> SheetBuilder:
        self._settings[key] = value
        return self

    def role(
        self, role: str, person: str | None, kpi: str | None = "Revenue", **extra: Any
    ) -> SheetBuilder:
        self._rows["roles"].append({"role": role, "person": person, "kpi": kpi, **extra})
        return self

    def channel(
        self,
        name: str,
        *,
        group: str = "paid",
        owner: str | None = "Anna",
        status: str = "active",
        budget: float | None = 100_000,
        kpi: str | None = "CPA",
        **extra: Any,
    ) -> SheetBuilder:
        row: dict[str, Any] = {"channel": name, "group": group, "owner": owner, "status": status}
        row |= {"monthly_budget": budget, "primary_kpi": kpi, **extra}
        self._rows["channels"].append(row)
        return self

    def weekly(self, week: dt.date | str, channel: str, **values: Any) -> SheetBuilder:
        self._rows["weekly"].append({"week": week, "channel": channel, **values})
        return self

    def daily(self, date: dt.date | str, channel: str, **values: Any) -> SheetBuilder:
        self._rows["daily"].append({"date": date, "channel": channel, **values})
        return self

    def rule(
        self,
        name: str,
        channel: str,
        metric: str,
        condition: str,
        threshold: float | str | None,
        *,
        days: int | None = None,
        min_spend: float | None = None,
        action: str = "stop",
    ) -> SheetBuilder:
        row: dict[str, Any] = {"rule": name, "channel": channel, "metric": metric}
        row["condition"] = condition
        row |= {"threshold": threshold, "days_in_a_row": days, "min_spend": min_spend}
        self._rows["stop_rules"].append({**row, "action": action})
        return self

    def without_tab(self, key: str) -> SheetBuilder:
        self._missing.add(key)
        return self

    def without_column(self, tab: str, key: str) -> SheetBuilder:
        self._drop_columns.setdefault(tab, set()).add(key)
        return self

    # ---- output
    def _label(self, tab: str, key: str, value: Any) -> CellValue:
        name = _CHOICE_LISTS.get((tab, key))
        if name and isinstance(value, str):
            keys = {c.key for c in self.contract.choice_list(name)}
            if value in keys:
                return self.contract.choice_label(name, value, self.lang)
        return value  # type: ignore[no-any-return]  # a cell value, as the test wrote it

    def snapshot(self) -> Snapshot:
        tabs: dict[str, Grid] = {}
        for spec in self.contract.tabs:
            if spec.key in self._missing:
                continue
            title = spec.title(self.lang)
            if spec.layout == "key_value":
                grid: Grid = [[spec.columns[0].title(self.lang), spec.columns[1].title(self.lang)]]
                for s in self.contract.settings:
                    if s.key in self._settings:
                        grid.append([s.title(self.lang), self._settings[s.key]])
                tabs[title] = grid
                continue
            drop = self._drop_columns.get(spec.key, set())
            cols = [c for c in spec.columns if c.key not in drop]
            grid = [[c.title(self.lang) for c in cols]]
            for row in self._rows[spec.key]:
                grid.append([self._label(spec.key, c.key, row.get(c.key)) for c in cols])
            tabs[title] = grid
        return Snapshot(tabs=tabs, source="test")

    def inputs(self) -> ShownInputs:
        """The parsed sheet, its parsing checks already in words, as the outputs show them."""
        inputs = read_inputs(self.snapshot())
        fields = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
        return ShownInputs(**(fields | {"checks": shown(inputs.checks, inputs)}))


@dataclasses.dataclass
class ShownInputs(Inputs):
    """Inputs whose parsing checks are in words, so a test reads their message and fix."""

    checks: list[ShownCheck]  # type: ignore[assignment]  # a narrower list, never mutated


def shown(checks: Iterable[Check], inputs: Inputs) -> list[ShownCheck]:
    """Checks in the sheet's language, as every output renders them."""
    return [render(c, inputs.lang, inputs.contract) for c in checks]


def clean_team(lang: Lang = "en") -> SheetBuilder:
    """A small team with nothing wrong in Roles and Channels (rows 2-4 and 2-3)."""
    return (
        SheetBuilder(lang)
        .setting("last_roles_review", dt.date(2026, 11, 1))
        .role("cmo", "Maria", kpi="Revenue; ROMI", can_stop="yes")
        .role("performance", "Anna", kpi="CPA; ROAS", can_stop="no")
        .role("content", "Oleg", kpi="Organic traffic; Leads")
        .channel("Google Ads", owner="Anna", budget=300_000, kpi="CPA")
        .channel("Blog", group="organic", owner="Oleg", budget=None, kpi="Leads")
    )
