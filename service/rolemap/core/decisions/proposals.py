"""What the service proposes this run: a Stop/Rewrite/Review/Scale down per flag, a Cut per
channel losing money, a conflict to resolve per person. Each is keyed by what it is about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.render import render
from rolemap.core.i18n.sentences import flag_evidence, number
from rolemap.core.model.contract import Lang, normalize
from rolemap.core.model.results import ChannelRow, Check, Flag

CUT = "VERDICT-CUT"  # `Rule or check` of a Cut: a stable code, whatever the sheet's language
CONFLICT = "OWN-CONFLICT"

KIND_LABEL: dict[str, dict[Lang, str]] = {
    **lbl.ACTION,
    "cut": lbl.VERDICT["cut"],
    "conflict": {"en": "Resolve conflict", "ru": "Развести роли"},
}
_CUT_EVIDENCE = {
    "en": "ROMI {romi} over the last 4 weeks: spend {spend}, revenue {revenue}",
    "ru": "ROMI {romi} за последние 4 недели: расход {spend}, выручка {revenue}",
}


@dataclass(frozen=True)
class Proposal:
    kind: str  # stop / rewrite / review / scale_down / cut / conflict
    channel: str  # empty for a role conflict
    about: str  # the rule's name, or a check's code
    owner: str
    evidence: str
    since: dt.date | None  # a streak's first day; None: the first run that saw it

    @property
    def key(self) -> tuple[str, str]:
        return normalize(self.channel or self.owner), normalize(self.about)


def proposals(
    flags: tuple[Flag, ...], channels: tuple[ChannelRow, ...], checks: tuple[Check, ...], lang: Lang
) -> list[Proposal]:
    out = [
        Proposal(f.action, f.channel, f.rule, f.owner, flag_evidence(f, lang), f.since)
        for f in flags
    ]
    for row in channels:
        if row.verdict == "cut" and row.romi is not None:
            evidence = _CUT_EVIDENCE[lang].format(
                romi=f"{row.romi * 100:.0f}%",
                spend=number(row.spend, "spend", lang),
                revenue=number(row.revenue, "revenue", lang),
            )
            out.append(Proposal("cut", row.channel, CUT, row.owner, evidence, None))
    seen: set[str] = set()
    for check in checks:
        if check.code == CONFLICT and check.person and normalize(check.person) not in seen:
            seen.add(normalize(check.person))
            out.append(
                Proposal("conflict", "", CONFLICT, check.person, render(check, lang).message, None)
            )
    return out
