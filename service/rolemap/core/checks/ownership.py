"""Ownership and role checks (docs/contract.md §3 "Ownership and roles").

The Roles tab is small (one row per hat), so plain loops over its rows are fine here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rolemap.core.checks.channels import text
from rolemap.core.model.cells import a1
from rolemap.core.model.contract import normalize
from rolemap.core.model.results import Check, Severity, Term, make_check, phrase
from rolemap.core.parse.inputs import Inputs

# A vanity figure on its own: reach, views, likes, followers, posts… in either language.
_RU_END = r"(?:|ы|и|ов|а|ам|е|у|ом|ами|ах)"
_VANITY = re.compile(
    r"reach(?:es)?|impressions?|(?:page)?views?|likes?|followers?|subscribers?|subs|posts?"
    r"|releases?|publications?"
    rf"|охват{_RU_END}|показ{_RU_END}|просмотр{_RU_END}|лайк{_RU_END}|подписчик{_RU_END}"
    rf"|пост{_RU_END}|релиз{_RU_END}|публикаци(?:я|и|й|ю|ям|ями|ях)",
)
# Words that tie a figure to money or customers: "Subscribers → sales", "Cost per follower".
_OUTCOME_EN = re.compile(
    r"sales?|revenue|money|income|profit|margin|conversions?|convert\w*|cr|cpa|cpl|cpc|cac|ltv"
    r"|roas|romi|roi|ctr|costs?|price|orders?|purchases?|payments?|paying|repeat|retention"
    r"|churn|leads?|customers?|clients?"
)
_OUTCOME_RU = (
    "продаж", "выручк", "доход", "прибыл", "марж", "конверс", "лид", "заявк", "стоимост", "цен",
    "заказ", "покуп", "оплат", "повторн", "удержан", "отток", "деньг", "денег", "клиент",
)  # fmt: skip
_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"[;,]")

# Conflicting hats (docs/contract.md §1): (a, b, severity); b is the hat to hand over.
CONFLICTS: tuple[tuple[str, str, Severity], ...] = (
    ("performance", "analytics", "error"),
    ("content", "performance", "warning"),
    ("analytics", "cmo", "warning"),
)
_NOBODY = phrase("no_person")


def is_vanity_kpi(kpi: str) -> bool:
    """True when a single KPI names a vanity figure and nothing that ties it to money."""
    words = _WORD.findall(normalize(kpi))
    if not any(_VANITY.fullmatch(w) for w in words):
        return False
    return not any(_OUTCOME_EN.fullmatch(w) or w.startswith(_OUTCOME_RU) for w in words)


def vanity_items(cell: str | None) -> list[str]:
    """The vanity KPIs in a cell that lists several, separated by `;` or `,`."""
    if not cell:
        return []
    return [item.strip() for item in _SPLIT.split(cell) if is_vanity_kpi(item)]


def ownership_checks(inputs: Inputs, as_of: dt.date) -> list[Check]:
    out = _review_due(inputs, as_of)
    roles = inputs.roles
    if roles is not None:
        out += _role_rows(inputs, roles.frame)
        if roles.has("person"):
            out += _conflicts_and_overload(inputs, roles.frame)
    out += _channel_vanity(inputs)
    return out


def _role_rows(inputs: Inputs, frame: pd.DataFrame) -> list[Check]:
    roles = inputs.roles
    assert roles is not None
    out: list[Check] = []

    def add(severity: Severity, key: str, row: int, column: str, cell: str, **fields: Any) -> None:
        out.append(
            make_check(
                severity, key, tab="Roles", row=row, column=column,
                cell=roles.cell(row, cell), **fields,
            )
        )  # fmt: skip

    cmo = frame[(frame["role_key"] == "cmo") & frame["person"].notna()]
    if roles.has("role") and roles.has("person") and cmo.empty:
        out.append(
            make_check("error", "OWN-NO-CMO", tab="Roles", column="Role", tab_title=roles.title)
        )  # fmt: skip
    for rec in cmo.to_dict("records"):
        if text(rec["can_stop_key"]) != "yes":
            add("warning", "OWN-CMO-NO-STOP-RIGHT", int(rec["row"]), "Can stop channels",
                "can_stop", person=text(rec["person"]))  # fmt: skip
    for rec in frame.to_dict("records"):
        row, role, person = int(rec["row"]), text(rec["role"]) or "—", text(rec["person"])
        if roles.has("person") and not person:
            add("error", "OWN-ROLE-NO-PERSON", row, "Person", "person", role=role)
        if roles.has("kpi") and not text(rec["kpi"]):
            # The message names the holder; a row with nobody says so instead.
            add("error", "OWN-ROLE-NO-KPI", row, "KPI", "kpi", role=role,
                person=person or _NOBODY)  # fmt: skip
            continue
        for item in vanity_items(text(rec["kpi"])):
            add("warning", "OWN-VANITY-KPI", row, "KPI", "kpi", person=person, kpi=item,
                owner=phrase("role_holder", role=role, person=person or _NOBODY))  # fmt: skip
    return out


def _channel_vanity(inputs: Inputs) -> list[Check]:
    tab = inputs.channels
    if tab is None or not tab.has("primary_kpi"):
        return []
    out: list[Check] = []
    for rec in tab.frame.to_dict("records"):
        channel, person, row = text(rec["channel"]), text(rec["owner"]), int(rec["row"])
        for item in vanity_items(text(rec["primary_kpi"])):
            owner = (
                phrase("channel_named_person", channel=channel or "—", person=person)
                if person
                else phrase("channel_named", channel=channel or "—")
            )
            out.append(
                make_check(
                    "warning",
                    "OWN-VANITY-KPI",
                    tab="Channels",
                    row=row,
                    column="Primary KPI",
                    channel=channel,
                    person=person,
                    kpi=item,
                    cell=tab.cell(row, "primary_kpi"),
                    owner=owner,
                )
            )
    return out


@dataclass(frozen=True)
class HatConflict:
    """Two hats one person must not wear without an outside check (docs/contract.md §1)."""

    role: str  # role key of the first hat
    with_role: str  # role key of the hat to hand over
    severity: Severity
    why: Term  # the reason the pair conflicts, worded when rendered
    external_check: str | None  # who checks it from outside, when a row names someone
    row: int  # the second hat's row, where OWN-CONFLICT is reported
    labels: tuple[str, str]  # both roles as the team spelt them


Record = dict[Hashable, Any]


def people(frame: pd.DataFrame) -> list[tuple[str, list[Record]]]:
    """Role rows grouped by person (case- and space-insensitively), in sheet order."""
    groups: dict[str, list[Record]] = {}
    for rec in frame.to_dict("records"):
        name = text(rec["person"])
        if name:
            groups.setdefault(normalize(name), []).append(rec)
    return [(str(rows[0]["person"]), rows) for rows in groups.values()]


def hat_count(hats: list[Record]) -> int:
    """Distinct roles one person holds: what `Max roles per person` limits."""
    return len({normalize(role) for rec in hats if (role := text(rec["role"]))})


def hat_conflicts(hats: list[Record]) -> list[HatConflict]:
    """Every conflicting pair one person holds, checked from outside or not."""
    by_role: dict[Any, Record] = {}
    for rec in hats:
        by_role.setdefault(rec["role_key"], rec)
    out: list[HatConflict] = []
    for a, b, severity in CONFLICTS:
        if a not in by_role or b not in by_role:
            continue
        checkers = [
            c for rec in hats if rec["role_key"] in (a, b) and (c := text(rec["external_check"]))
        ]
        out.append(
            HatConflict(
                role=a,
                with_role=b,
                severity=severity,
                why=phrase(f"conflict/{a}-{b}"),
                external_check=checkers[0] if checkers else None,
                row=int(by_role[b]["row"]),
                labels=(str(by_role[a]["role"]), str(by_role[b]["role"])),
            )
        )
    return out


def _conflicts_and_overload(inputs: Inputs, frame: pd.DataFrame) -> list[Check]:
    roles = inputs.roles
    assert roles is not None
    out: list[Check] = []
    for person, hats in people(frame):
        for conflict in hat_conflicts(hats):
            if conflict.external_check is not None:
                continue  # someone outside checks this combination
            row = conflict.row
            out.append(
                make_check(
                    conflict.severity,
                    f"OWN-CONFLICT/{conflict.severity}",
                    tab="Roles",
                    row=row,
                    column="External check",
                    person=person,
                    a=conflict.labels[0],
                    b=conflict.labels[1],
                    why=conflict.why,
                    cell=roles.cell(row, "external_check"),
                )
            )
        count = hat_count(hats)
        limit = inputs.settings.max_roles_per_person
        if count > limit:
            row = min(int(rec["row"]) for rec in hats)
            out.append(
                make_check(
                    "warning",
                    "OWN-OVERLOAD",
                    tab="Roles",
                    row=row,
                    column="Person",
                    person=person,
                    n=count,
                    max=limit,
                    cell=roles.cell(row, "person"),
                )
            )
    return out


def _review_due(inputs: Inputs, as_of: dt.date) -> list[Check]:
    settings = inputs.settings
    found = settings.cells.get("last_roles_review")
    row = int(found.rsplit("!", 1)[-1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) if found else None
    # Without the key in Settings, point at the tab and name the setting.
    cell: str | Term = found or phrase(
        "setting_cell",
        tab=a1(inputs.title("settings")),
        setting=Term("setting", "last_roles_review"),
    )
    column = "Value" if row else None
    last = settings.last_roles_review
    if last is None:
        return [
            make_check(
                "warning",
                "OWN-REVIEW-DUE/empty",
                tab="Settings",
                row=row,
                column=column,
                cell=cell,
            )
        ]
    days = (as_of - last).days
    if days <= settings.review_every_days:
        return []
    return [
        make_check(
            "warning",
            "OWN-REVIEW-DUE",
            tab="Settings",
            row=row,
            column=column,
            cell=cell,
            date=last,
            days=days,
            max=settings.review_every_days,
        )
    ]
