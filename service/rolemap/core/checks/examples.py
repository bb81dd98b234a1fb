"""The untouched template: one info line instead of checks about its own example rows.

`rolemap template build` / `template create` fill every tab with a few example rows dated when
the template was written, so recalculating the sheet before the team has typed anything would
report the examples' missing plans and facts as errors. When every row of every input tab is
still one of the template's examples (docs/contract.md, `[examples]` of the template), the run
says exactly that, once, at `info` level, and nothing else.

Decisions where the spec is silent: an example row counts as untouched when every value the
template gave it is still there, in either language (columns the template left empty may have
been filled in); any cell the parser could not read counts as an edit, so its check is shown;
`Settings` rows are not compared (changing the language or the margin is not "starting to use
the sheet"); as soon as one row is the team's own, the normal checks run on everything, the
examples included, since the team may have meant to keep them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from rolemap.core.model.contract import ColumnSpec, Contract, normalize
from rolemap.core.model.results import Check, make_check
from rolemap.core.parse.inputs import Inputs
from rolemap.core.parse.tabs import ParsedTab, object_map

_TABLES = ("roles", "channels", "weekly", "daily")


def _texts(value: Any, col: ColumnSpec, contract: Contract) -> set[str]:
    """Every normalised spelling the template could have written for `value`."""
    values = value.values() if isinstance(value, dict) else [value]
    out: set[str] = set()
    for v in values:
        if col.type in {"choice", "bool"}:
            choices = col.choices or "bool"
            out |= {normalize(contract.choice_label(choices, v, lang)) for lang in ("en", "ru")}
        else:
            out.add(normalize(v))
    return out


def _one_of(series: pd.Series, wanted: set[str]) -> np.ndarray:
    same = object_map(series, lambda v: normalize(v) in wanted if v else False)
    return same.to_numpy(dtype=bool)


def _matches(tab: ParsedTab, example: dict[str, Any], contract: Contract) -> np.ndarray:
    frame = tab.frame
    mask = np.ones(len(frame), dtype=bool)
    for key, value in example.items():
        if value == "" or value is None:
            continue
        if key not in frame:
            return np.zeros(len(frame), dtype=bool)
        col = tab.spec.column(key)
        series = frame[key]
        if col.type == "date":
            mask &= (series == pd.Timestamp(dt.date.fromisoformat(value))).to_numpy()
        elif isinstance(value, int | float) and not isinstance(value, bool):
            mask &= (series == float(value)).to_numpy()
        else:
            mask &= _one_of(series, _texts(value, col, contract))
    return mask


def _only_examples(tab: ParsedTab | None, contract: Contract) -> bool:
    if tab is None:
        return False
    examples = contract.examples.get(tab.spec.key, ())
    hit = np.zeros(len(tab.frame), dtype=bool)
    for example in examples:
        hit |= _matches(tab, example, contract)
    return bool(len(hit)) and bool(hit.all())


def _rule_names(contract: Contract) -> set[str]:
    names: set[str] = set()
    for example in contract.examples.get("stop_rules", ()):
        rule = example["rule"]
        names |= {normalize(v) for v in (rule.values() if isinstance(rule, dict) else [rule])}
    return names


def untouched_template(inputs: Inputs) -> Check | None:
    """The one info check of a sheet that still holds only the template's examples, or None."""
    if inputs.checks:  # a cell the parser could not read is the team's edit, not an example
        return None
    contract = inputs.contract
    tabs = {key: getattr(inputs, key) for key in _TABLES}
    if not all(_only_examples(tab, contract) for tab in tabs.values()):
        return None
    examples = _rule_names(contract)
    if any(normalize(rule.name) not in examples for rule in inputs.rules):
        return None
    titles = [inputs.title(key) for key in (*_TABLES, "stop_rules")]
    return make_check("info", "TEMPLATE-EXAMPLES", tabs=", ".join(titles))
