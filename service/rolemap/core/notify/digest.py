"""One digest per person per run: the flags and errors that are news to them.

What counts as news is derived from the sheet alone, so a run stays a pure function of it:

- a flag is news when its `Status` is `new` (it was not in the previous `Stop flags` tab);
- an ongoing flag is news again when `Remind every (days)` = N > 0, (as of − since) is a positive
  multiple of N, and no earlier written run in the `Run log` has the same `As of` (so a second
  run on the same day never repeats a reminder);
- an error-level check is news when its code and problem were not in the previous `Checks` tab;
- a channel whose verdict is Cut is news to the CMO once per set of finished weeks: when no
  earlier written run in the `Run log` was computed over the same last finished week.

The CMO also receives every Stop that is news, and the list of people who could not be notified
because `Roles` has no e-mail for them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from rolemap.core.checks.channels import text
from rolemap.core.i18n import sentences
from rolemap.core.i18n.render import ShownCheck
from rolemap.core.i18n.sentences import check_sentence, flag_sentence, number
from rolemap.core.model.contract import Lang, normalize
from rolemap.core.model.periods import last_finished_week
from rolemap.core.model.results import ChannelRow, Flag
from rolemap.core.notify.history import check_key, logged_dates
from rolemap.core.notify.texts import t
from rolemap.core.parse.inputs import Inputs

SECTIONS = ("new_flags", "reminders", "new_errors", "cmo_stops", "cmo_cuts")


class Digest(BaseModel):
    """A message for one person; `email` / `telegram` are None when Roles has none."""

    model_config = ConfigDict(frozen=True)

    person: str
    email: str | None
    telegram: str | None
    subject: str
    text: str
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"to": self.email, "subject": self.subject, "text": self.text}


@dataclass
class _Person:
    name: str
    email: str | None = None
    telegram: str | None = None
    sections: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def items(self) -> int:
        return sum(len(lines) for lines in self.sections.values())


def remind_due(flag: Flag, as_of: dt.date, every: int, logged: frozenset[dt.date]) -> bool:
    """An ongoing flag is re-sent on every N-th day since its streak began, once that day."""
    days = (as_of - flag.since).days
    return (
        flag.status == "ongoing"
        and every > 0
        and days > 0
        and days % every == 0
        and as_of not in logged
    )


def _people(inputs: Inputs) -> dict[str, _Person]:
    """People in Roles order; a person's first non-empty e-mail and chat id win."""
    people: dict[str, _Person] = {}
    if inputs.roles is None:
        return people
    frame = inputs.roles.frame
    for rec in frame.to_dict("records"):
        name = rec.get("person")
        if not name:
            continue
        person = people.setdefault(normalize(name), _Person(str(name)))
        person.email = person.email or text(rec.get("email"))
        person.telegram = person.telegram or text(rec.get("telegram"))
    return people


def build_digests(
    inputs: Inputs,
    as_of: dt.date,
    flags: tuple[Flag, ...],
    checks: tuple[ShownCheck, ...],
    channels: tuple[ChannelRow, ...],
) -> tuple[Digest, ...]:
    lang = inputs.lang
    people = _people(inputs)
    cmo = inputs.cmo()
    logged = logged_dates(inputs.previous_log, inputs.contract)
    every = inputs.settings.remind_every_days

    def add(name: str, section: str, line: str) -> None:
        if not name:
            return
        person = people.setdefault(normalize(name), _Person(name))
        person.sections[section].append(line)

    news = [f for f in flags if f.status == "new"]
    reminders = [f for f in flags if remind_due(f, as_of, every, logged)]
    for section, group in (("new_flags", news), ("reminders", reminders)):
        for flag in group:
            add(flag.owner or cmo, section, flag_sentence(flag, lang))
    owners = {r.channel: r.owner for r in channels}
    for check in checks:
        if check.severity != "error" or check_key(check.code, check.message) in (
            inputs.previous_checks
        ):
            continue
        owner = owners.get(check.channel or "") or check.person or cmo
        add(owner, "new_errors", check_sentence(check, owner, lang))
    if cmo:
        for flag in (*news, *reminders):
            # An ownerless flag already went to the CMO as its owner: once is enough.
            if flag.action == "stop" and normalize(flag.owner or cmo) != normalize(cmo):
                add(cmo, "cmo_stops", flag_sentence(flag, lang))
        if last_finished_week(as_of) not in {last_finished_week(d) for d in logged}:
            for row in channels:
                if row.verdict == "cut":
                    add(cmo, "cmo_cuts", _cut_sentence(row, lang))
    return _render(inputs, as_of, people, cmo)


def _cut_sentence(row: ChannelRow, lang: Lang) -> str:
    romi = number(row.romi, "romi", lang) if row.romi is not None else "?"
    return t(
        "cut", lang, channel=row.channel, romi=romi, owner=row.owner or sentences.t("nobody", lang)
    )


def _render(
    inputs: Inputs, as_of: dt.date, people: dict[str, _Person], cmo: str
) -> tuple[Digest, ...]:
    lang = inputs.lang
    unreached = [
        p for key, p in people.items() if p.items and not p.email and key != normalize(cmo)
    ]
    tail: list[str] = []
    if cmo and unreached:
        roles_tab = inputs.title("roles")
        column = inputs.contract.tab("roles").column("email").title(lang)
        tail.append(t("unreached", lang, tab=roles_tab) + ":")
        for p in unreached:
            line = t("unreached_line", lang, person=p.name, n=p.items, tab=roles_tab, column=column)
            tail.append(f"- {line}")
            tail += [f"    {line}" for s in SECTIONS for line in p.sections.get(s, [])]
    digests = []
    for key, p in people.items():
        extra = tail if key == normalize(cmo) else []
        if not p.items and not extra:
            continue
        body = [t("intro", lang, person=p.name, as_of=as_of.isoformat()), ""]
        for section in SECTIONS:
            lines = p.sections.get(section)
            if lines:
                body.append(t(section, lang) + ":")
                body += [f"{i}. {line}" for i, line in enumerate(lines, 1)]
                body.append("")
        if extra:
            body += [*extra, ""]
        body.append(
            t(
                "outro",
                lang,
                flags=inputs.contract.output("flags").title(lang),
                checks=inputs.contract.output("checks").title(lang),
            )
        )
        items = p.items + len(unreached) * bool(extra)
        digests.append(
            Digest(
                person=p.name,
                email=p.email,
                telegram=p.telegram,
                subject=t("subject", lang, as_of=as_of.isoformat(), n=items, person=p.name),
                text="\n".join(body),
                items=items,
            )
        )
    return tuple(digests)
