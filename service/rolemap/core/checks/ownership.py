"""Ownership and role checks (docs/contract.md §3 "Ownership and roles").

The Roles tab is small (one row per hat), so plain loops over its rows are fine here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from typing import Any

import pandas as pd

from rolemap.core.checks.channels import text
from rolemap.core.i18n.catalog import make_check
from rolemap.core.model.cells import a1
from rolemap.core.model.contract import Lang, normalize
from rolemap.core.model.results import Check, Severity
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

# Conflicting hats (docs/contract.md §1): (a, b, severity, why); b is the hat to hand over.
_CONFLICTS: tuple[tuple[str, str, Severity, dict[Lang, str]], ...] = (
    ("performance", "analytics", "error", {"en": "", "ru": ""}),
    (
        "content",
        "performance",
        "warning",
        {"en": '"write" vs "launch"', "ru": "«написать» и «запустить»"},
    ),
    (
        "analytics",
        "cmo",
        "warning",
        {"en": '"analyse" vs "decide"', "ru": "«проанализировать» и «решить»"},
    ),
)
_NOBODY: dict[Lang, str] = {"en": "no person", "ru": "без исполнителя"}


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
    roles, lang = inputs.roles, inputs.lang
    assert roles is not None
    out: list[Check] = []

    def add(severity: Severity, key: str, row: int, column: str, cell: str, **fields: Any) -> None:
        out.append(
            make_check(
                lang, severity, key, tab="Roles", row=row, column=column,
                cell=roles.cell(row, cell), **fields,
            )
        )  # fmt: skip

    cmo = frame[(frame["role_key"] == "cmo") & frame["person"].notna()]
    if roles.has("role") and roles.has("person") and cmo.empty:
        out.append(
            make_check(lang, "error", "OWN-NO-CMO", tab="Roles", column="Role",
                       tab_title=roles.title)
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
                person=person or _NOBODY[lang])  # fmt: skip
            continue
        for item in vanity_items(text(rec["kpi"])):
            add("warning", "OWN-VANITY-KPI", row, "KPI", "kpi", person=person, kpi=item,
                owner=f"{role}, {person or _NOBODY[lang]}")  # fmt: skip
    return out


def _channel_vanity(inputs: Inputs) -> list[Check]:
    tab = inputs.channels
    if tab is None or not tab.has("primary_kpi"):
        return []
    label = {"en": 'channel "{}"', "ru": "канал «{}»"}[inputs.lang]
    out: list[Check] = []
    for rec in tab.frame.to_dict("records"):
        channel, person, row = text(rec["channel"]), text(rec["owner"]), int(rec["row"])
        for item in vanity_items(text(rec["primary_kpi"])):
            owner = ", ".join(filter(None, (label.format(channel or "—"), person)))
            out.append(
                make_check(
                    inputs.lang,
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


def _conflicts_and_overload(inputs: Inputs, frame: pd.DataFrame) -> list[Check]:
    roles, lang = inputs.roles, inputs.lang
    assert roles is not None
    out: list[Check] = []
    held = frame[frame["person"].notna()].assign(who=lambda f: f["person"].map(normalize))
    for _, hats in held.groupby("who", sort=False):
        person = str(hats["person"].iat[0])
        by_role: dict[str, dict[Hashable, Any]] = {}
        for rec in hats.to_dict("records"):
            by_role.setdefault(rec["role_key"], rec)
        for a, b, severity, why in _CONFLICTS:
            if a not in by_role or b not in by_role:
                continue
            if hats.loc[hats["role_key"].isin([a, b]), "external_check"].notna().any():
                continue  # someone outside checks this combination
            row = int(by_role[b]["row"])
            out.append(
                make_check(
                    lang,
                    severity,
                    f"OWN-CONFLICT/{severity}",
                    tab="Roles",
                    row=row,
                    column="External check",
                    person=person,
                    a=by_role[a]["role"],
                    b=by_role[b]["role"],
                    why=why[lang],
                    cell=roles.cell(row, "external_check"),
                )
            )
        count = hats["role"].dropna().map(normalize).nunique()
        limit = inputs.settings.max_roles_per_person
        if count > limit:
            row = int(hats["row"].min())
            out.append(
                make_check(
                    lang,
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
    settings, lang = inputs.settings, inputs.lang
    cell = settings.cells.get("last_roles_review")
    row = int(cell.rsplit("!", 1)[-1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) if cell else None
    if cell is None:  # the key isn't in Settings: point at the tab and name the setting
        spec = next(s for s in inputs.contract.settings if s.key == "last_roles_review")
        quote = '"{}"' if lang == "en" else "«{}»"
        cell = f"{a1(inputs.title('settings'))} ({quote.format(spec.title(lang))})"
    column = "Value" if row else None
    last = settings.last_roles_review
    if last is None:
        return [
            make_check(
                lang,
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
            lang,
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
