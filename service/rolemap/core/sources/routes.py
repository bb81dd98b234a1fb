"""Which channel a raw row feeds: a fixed channel, or "campaign contains" rules.

A rule reads `brand=Brand search; generic=Google Ads` (also `→` or `->` for `=`): a campaign
whose name contains `brand` (any case) feeds Brand search. Rules are tried in order and the first
match wins; a fixed channel, when given, takes every campaign no rule matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_ARROW = re.compile(r"\s*(?:=|→|->)\s*")
_SPLIT = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Route:
    contains: str  # "" matches every campaign
    channel: str


def has_rules(text: str) -> bool:
    """Whether a cell holds `text=Channel` rules rather than one word to look for."""
    return bool(_ARROW.search(text))


def parse_routes(text: str | None) -> tuple[list[Route], list[str]]:
    """Rules from a `text=Channel; text2=Channel2` cell, and the pieces that are not rules."""
    routes: list[Route] = []
    bad: list[str] = []
    for piece in _SPLIT.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        parts = _ARROW.split(piece, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            routes.append(Route(parts[0], parts[1]))
        else:
            bad.append(piece)
    return routes, bad


def assign(campaigns: pd.Series, routes: list[Route]) -> pd.Series:
    """The channel of each row (None where nothing matches), first matching route winning."""
    if not routes:
        return pd.Series([None] * len(campaigns), index=campaigns.index, dtype=object)
    # Campaign names repeat over days: route the distinct names, then spread them back.
    codes, uniques = pd.factorize(campaigns.to_numpy(dtype=object), use_na_sentinel=True)
    text = pd.Series([str(v).casefold() for v in uniques] + [""], dtype=object).astype(str)
    conditions = [
        np.ones(len(text), dtype=bool)
        if not r.contains
        else text.str.contains(r.contains.casefold(), regex=False).to_numpy(dtype=bool)
        for r in routes
    ]
    chosen = np.select(conditions, [r.channel for r in routes], default="").astype(object)
    chosen[chosen == ""] = None
    return pd.Series(chosen[codes], index=campaigns.index, dtype=object)
