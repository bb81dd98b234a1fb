"""Which existing tab a write lands on: one rule for every storage adapter.

An output tab is found by its own title, exactly and then ignoring case and spacing (sheet
titles are unique regardless of case), and then by its title in the other language, so a
language switch renames our earlier tab in place instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolemap.core.model.contract import load_contract, normalize


def existing_title(titles: Iterable[str], wanted: str, also: Iterable[str] = ()) -> str | None:
    """The title in `titles` that `wanted` should rewrite; `also` holds normalised alternates."""
    candidates = list(titles)
    if wanted in candidates:
        return wanted
    key = normalize(wanted)
    for names in ({key}, set(also) - {key}):
        for title in candidates:
            if normalize(title) in names:
                return title
    return None


def output_names(key: str) -> frozenset[str]:
    """The normalised titles an output tab has had in either language."""
    return frozenset(load_contract().output(key).names)
