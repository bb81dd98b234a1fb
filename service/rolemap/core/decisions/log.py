"""Reconcile this run's proposals with the `Decisions` tab as the team left it.

Rows are never reordered or deleted. A proposal that matches a row (same subject and rule or
check; for a streak, the same first day) refreshes that row's service cells; an open row that no
longer fires becomes resolved; a new proposal is appended. The team's cells (CMO decision, Until,
Reason) are only ever read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rolemap.core.decisions.proposals import KIND_LABEL, Proposal
from rolemap.core.model.contract import Lang, normalize
from rolemap.core.model.snapshot import CellValue
from rolemap.core.parse.inputs import Inputs
from rolemap.core.parse.values import parse_date

SERVICE_KEYS = ("proposed", "channel", "about", "owner", "evidence", "since", "status", "last_seen")
DATE_KEYS = frozenset({"since", "last_seen", "until"})
STATUS: dict[str, dict[Lang, str]] = {
    "open": {"en": "open", "ru": "открыто"},
    "resolved": {"en": "resolved", "ru": "снято"},
}
_STATUS_KEYS = {normalize(text): key for key, names in STATUS.items() for text in names.values()}


@dataclass(frozen=True)
class DecisionRow:
    row: int  # the sheet's 1-based row
    service: dict[str, CellValue]  # the service-owned cells, as they are to be written
    decision: str | None = None  # approve / override / snooze, as the CMO set it
    until: dt.date | None = None
    reason: str = ""
    proposal: Proposal | None = None  # what fires now; None when it no longer does
    status: str | None = None  # open / resolved

    def holds(self, as_of: dt.date) -> bool:
        """An Override (until its date, if any) or a Snooze until a date not yet passed."""
        if self.proposal is None or self.status != "open":
            return False
        if self.decision == "override":
            return self.until is None or as_of <= self.until
        return self.decision == "snooze" and self.until is not None and as_of <= self.until

    def to_json(self, as_of: dt.date) -> dict[str, Any]:
        def day(key: str) -> str | None:
            value = self.service.get(key)
            return value.isoformat() if isinstance(value, dt.date) else None

        return {
            "row": self.row,
            "proposed": self.proposal.kind if self.proposal else None,
            "channel": self.service.get("channel"),
            "about": self.service.get("about"),
            "owner": self.service.get("owner"),
            "since": day("since"),
            "status": self.status,
            "last_seen": day("last_seen"),
            "decision": self.decision,
            "until": self.until.isoformat() if self.until else None,
            "reason": self.reason or None,
            # Out of the CMO's decisions on `as_of`: the add-on's Preview leaves it out too.
            "holds": self.holds(as_of),
        }


@dataclass(frozen=True)
class DecisionLog:
    rows: tuple[DecisionRow, ...]  # in sheet order; appended rows last
    header_row: int  # 0-based
    exists: bool  # False: the tab is to be created
    cols: dict[str, int] = field(default_factory=dict)  # where each column is or will be
    new_headers: frozenset[str] = frozenset()  # service columns the tab lacks

    def decided(self, as_of: dt.date) -> list[DecisionRow]:
        return [r for r in self.rows if r.holds(as_of)]


def _date(value: CellValue) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None  # a typo in a date is the team's to fix; the row stays


def _text(value: CellValue) -> str:
    return "" if value is None else str(value).strip()


def reconcile(inputs: Inputs, current: list[Proposal], as_of: dt.date) -> DecisionLog:
    lang = inputs.lang
    spec = inputs.contract.tab("decisions")
    tab = inputs.decisions
    decisions = inputs.contract.choice_lookup("decision")
    if tab is None:
        header_row, cols, last_row, grid = 0, {c.key: i for i, c in enumerate(spec.columns)}, 1, []
        missing: set[str] = set()
    else:
        header_row, cols, grid = tab.header_row, dict(tab.cols), inputs.decisions_grid
        last_row = max(tab.last_row, header_row + 1)
        missing = {k for k in SERVICE_KEYS if k not in cols}
        for i, key in enumerate(k for k in SERVICE_KEYS if k in missing):
            cols[key] = tab.width + i  # a service column someone removed comes back at the end

    def cell(line: list[CellValue], key: str) -> CellValue:
        c = cols.get(key)
        return line[c] if c is not None and c < len(line) and key not in missing else None

    by_key: dict[tuple[str, str], list[int]] = {}
    rows: list[DecisionRow] = []
    for number in range(header_row + 2, last_row + 1):
        line = list(grid[number - 1]) if number - 1 < len(grid) else []
        service = {k: cell(line, k) for k in SERVICE_KEYS}
        for key in ("since", "last_seen"):
            service[key] = _date(service[key]) or service[key]
        status = _STATUS_KEYS.get(normalize(_text(service["status"])))
        choice = decisions.get(normalize(_text(cell(line, "decision"))))
        until, reason = _date(cell(line, "until")), _text(cell(line, "reason"))
        rows.append(DecisionRow(number, service, choice, until, reason, None, status))
        subject = _text(service["channel"]) or _text(service["owner"])
        if subject and _text(service["about"]):
            ident = (normalize(subject), normalize(_text(service["about"])))
            by_key.setdefault(ident, []).append(len(rows) - 1)

    matched: set[int] = set()
    appended: list[DecisionRow] = []
    for p in current:
        index = next(
            (
                i
                for i in by_key.get(p.key, [])
                if i not in matched
                and (
                    (p.since is None and rows[i].status == "open")
                    or (p.since is not None and rows[i].service["since"] == p.since)
                )
            ),
            None,
        )
        if index is None:
            since = p.since or as_of
            number = last_row + 1 + len(appended)
            appended.append(
                DecisionRow(number, _service(p, since, as_of, lang), proposal=p, status="open")
            )
            continue
        matched.add(index)
        old = rows[index]
        since = p.since or _date(old.service["since"]) or as_of
        rows[index] = DecisionRow(
            old.row, _service(p, since, as_of, lang), old.decision, old.until, old.reason, p, "open"
        )
    for i, row in enumerate(rows):
        if i not in matched and row.status == "open":
            service = {**row.service, "status": STATUS["resolved"][lang]}
            rows[i] = DecisionRow(
                row.row, service, row.decision, row.until, row.reason, None, "resolved"
            )
    return DecisionLog(
        rows=(*rows, *appended),
        header_row=header_row,
        exists=tab is not None,
        cols=cols,
        new_headers=frozenset(missing),
    )


def _service(p: Proposal, since: dt.date, as_of: dt.date, lang: Lang) -> dict[str, CellValue]:
    return {
        "proposed": KIND_LABEL[p.kind][lang],
        "channel": p.channel or None,
        "about": p.about,
        "owner": p.owner or None,
        "evidence": p.evidence,
        "since": since,
        "status": STATUS["open"][lang],
        "last_seen": as_of,
    }
