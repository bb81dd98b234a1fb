"""What the CMO has decided: out of "Decisions" on the CMO summary, into a short "Decided" list.

An Override, or a Snooze until a date, holds while the item still fires and until that date
(inclusive); after it the item is back among the decisions. An Approve is recorded only.
"""

from __future__ import annotations

import dataclasses

from rolemap.core.decisions.proposals import CONFLICT, KIND_LABEL
from rolemap.core.i18n import formats
from rolemap.core.model.contract import Lang, normalize
from rolemap.core.model.results import ACTION_ORDER
from rolemap.core.plan.model import Style
from rolemap.core.recalc import RunResult

_TEXT = {
    "title": {"en": "Decided", "ru": "Решено"},
    "override": {"en": "overridden", "ru": "отклонено"},
    "snooze": {"en": "snoozed", "ru": "отложено"},
    "until": {"en": "until {date}", "ru": "до {date}"},
    "no_reason": {"en": "no reason given", "ru": "причина не указана"},
}
SECTION = Style(bold=True, size=12, tone="blue")


def without_decided(result: RunResult) -> RunResult:
    """The result as the summary's "Decisions" should see it: decided items taken out."""
    if result.decisions is None:
        return result
    held = [r.proposal for r in result.decisions.decided(result.as_of) if r.proposal]
    flags = {(normalize(p.channel), normalize(p.about)) for p in held if p.kind in _FLAG_KINDS}
    people = {normalize(p.owner) for p in held if p.kind == "conflict"}
    return dataclasses.replace(
        result,
        flags=tuple(
            f for f in result.flags if (normalize(f.channel), normalize(f.rule)) not in flags
        ),
        checks=tuple(
            c
            for c in result.checks
            if not (c.code == CONFLICT and c.person and normalize(c.person) in people)
        ),
    )


_FLAG_KINDS = frozenset(ACTION_ORDER)  # the proposals that come from a stop-rule flag


def decided_lines(result: RunResult) -> list[tuple[str, Style | None]]:
    """The "Decided" block: a title and one line per held decision; nothing when there is none."""
    if result.decisions is None:
        return []
    lang: Lang = result.lang
    rows = result.decisions.decided(result.as_of)
    if not rows:
        return []
    lines: list[tuple[str, Style | None]] = [(_TEXT["title"][lang], SECTION)]
    for r in rows:
        p = r.proposal
        if p is None or r.decision is None:
            continue
        what = f"{KIND_LABEL[p.kind][lang]} {p.channel or p.owner} ({p.about})"
        how = _TEXT[r.decision][lang]
        if r.until:
            how += " " + _TEXT["until"][lang].format(date=formats.date_text(r.until, lang))
        lines.append((f"• {what}: {how} — {r.reason or _TEXT['no_reason'][lang]}", None))
    return lines
