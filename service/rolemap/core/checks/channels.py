"""Channel checks (docs/contract.md §3.2): one owner, a known person, a KPI and a budget."""

from __future__ import annotations

import math
import re
from typing import Any

from rolemap.core.model.contract import normalize
from rolemap.core.model.results import Check, Severity, make_check
from rolemap.core.parse.inputs import Inputs

# Several people ("Anna, Ivan", "Anna/Ivan", "Anna и Ivan") or a group instead of a person.
_SEPARATORS = re.compile(r"[,/&+;]|\s(?:and|и)\s", re.IGNORECASE)
_GROUP_WORDS = re.compile(
    r"\b(?:team|all|everyone|everybody|команд[аыеуой]*|все|всем|вся|отдел[аеуом]*)\b",
    re.IGNORECASE,
)


def text(value: Any) -> str | None:
    """A text cell from a frame record: str, or None for empty (pandas may hold NaN there)."""
    if isinstance(value, str):
        return value.strip() or None
    return None


def is_multi_owner(owner: str) -> bool:
    return bool(_SEPARATORS.search(owner) or _GROUP_WORDS.search(owner))


def channel_checks(inputs: Inputs) -> list[Check]:
    tab = inputs.channels
    if tab is None:
        return []
    people: set[str] | None = None  # None: Roles is missing, so "unknown owner" can't be told
    if inputs.roles is not None and inputs.roles.has("person"):
        people = {normalize(p) for p in inputs.roles.frame["person"] if text(p)}
    out: list[Check] = []
    first_row: dict[str, int] = {}
    for rec in tab.frame.to_dict("records"):
        name, row = text(rec["channel"]), int(rec["row"])
        if not name:
            continue  # nothing to name it by: a half-filled row
        owner = text(rec["owner"]) or ""
        status = text(rec["status_key"]) or "active"
        found: list[tuple[Severity, str, str, str, dict[str, Any]]] = []
        key = normalize(name)
        if key in first_row:
            other = tab.cell(first_row[key], "channel")
            found.append(("error", "CH-DUPLICATE", "Channel", "channel", {"other": other}))
        else:
            first_row[key] = row
        if not owner:
            if status != "stopped":
                found.append(("error", "CH-NO-OWNER", "Owner", "owner", {}))
        elif is_multi_owner(owner):
            found.append(("error", "CH-MULTI-OWNER", "Owner", "owner", {"owner": owner}))
        elif people is not None and normalize(owner) not in people:
            fields = {"owner": owner, "roles_tab": inputs.title("roles")}
            found.append(("warning", "CH-OWNER-UNKNOWN", "Owner", "owner", fields))
        if tab.has("primary_kpi") and not text(rec["primary_kpi"]):
            found.append(("warning", "CH-NO-KPI", "Primary KPI", "primary_kpi", {}))
        no_budget = not isinstance(rec["monthly_budget"], float) or math.isnan(
            rec["monthly_budget"]
        )
        if text(rec["group_key"]) == "paid" and status in ("active", "test") and no_budget:
            found.append(("warning", "CH-NO-BUDGET", "Monthly budget", "monthly_budget", {}))
        out += [
            make_check(
                severity,
                code,
                tab="Channels",
                row=row,
                column=column,
                channel=name,
                person=owner or None,
                cell=tab.cell(row, cell_key),
                **fields,
            )
            for severity, code, column, cell_key, fields in found
        ]
    return out
