"""Stop rules from the `Stop rules` tab, each validated into a `StopRule`."""

from __future__ import annotations

import math

import pandas as pd
from pydantic import BaseModel, ConfigDict

from rolemap.core.metrics import registry
from rolemap.core.model.contract import Contract, normalize
from rolemap.core.model.results import ActionKey, Check, Term, make_check, phrase
from rolemap.core.parse.tabs import ParsedTab

CONDITIONS = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}


class StopRule(BaseModel):
    model_config = ConfigDict(frozen=True)

    row: int
    name: str
    channel: str  # a channel name, or "*"
    metric: str
    condition: str  # > >= < <=
    threshold: float
    days: int = 1
    min_spend: float = 0.0
    action: ActionKey


def parse_rules(tab: ParsedTab, contract: Contract, checks: list[Check]) -> list[StopRule]:
    metrics = contract.choice_lookup("metric")
    conditions = contract.choice_lookup("condition")
    actions = contract.choice_lookup("action")
    rules: list[StopRule] = []
    for rec in tab.frame.to_dict("records"):
        row = int(rec["row"])
        name = rec.get("rule") or f"#{row}"
        metric = metrics.get(normalize(rec.get("metric") or ""))
        condition = conditions.get(normalize(rec.get("condition") or ""))
        action = actions.get(normalize(rec.get("action") or ""))
        threshold = rec.get("threshold")
        problems = [
            (field, rec.get(field))
            for field, ok in (
                ("metric", metric),
                ("condition", condition),
                ("action", action),
            )
            if ok is None
        ]
        if threshold is None or (isinstance(threshold, float) and math.isnan(threshold)):
            problems.append(("threshold", None))
        if problems:
            field, value = problems[0]
            checks.append(
                make_check(
                    "error",
                    "RULE-INVALID",
                    tab="Stop rules",
                    row=row,
                    column=tab.spec.column(field).en,
                    rule=name,
                    cell=tab.cell(row, field),
                    reason=phrase(f"rule_reason/{field}", value=value or ""),
                    hint=phrase(f"rule_hint/{field}"),
                    column_title=Term("column", field, tab=tab.spec.key),
                )
            )
            continue
        if metric is None or condition is None or action is None or threshold is None:
            continue  # unreachable: reported above; keeps the types narrow
        threshold = float(threshold)
        if registry.metric(metric).share and threshold > 1:
            threshold /= 100  # "2" for a rate means 2%, the only reading that can ever fire
        days = rec.get("days_in_a_row")
        min_spend = rec.get("min_spend")
        rules.append(
            StopRule(
                row=row,
                name=name,
                channel=(rec.get("channel") or "*").strip(),
                metric=metric,
                condition=CONDITIONS[condition],
                threshold=threshold,
                days=max(1, int(days)) if days is not None and not pd.isna(days) else 1,
                min_spend=float(min_spend)
                if min_spend is not None and not pd.isna(min_spend)
                else 0.0,
                action=action,
            )
        )
    return rules
