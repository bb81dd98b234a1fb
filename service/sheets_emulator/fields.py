"""Partial-response `fields` masks: `sheets(properties,charts)`, `sheets.properties`, `a/b`, `*`."""

from __future__ import annotations

from typing import Any

from sheets_emulator.discovery import camel
from sheets_emulator.errors import invalid

Mask = dict[str, Any]  # name -> sub-mask; an empty dict means "everything below"


def _merge(into: Mask, name: str, sub: Mask) -> None:
    if name in into and (not into[name] or not sub):
        into[name] = {}  # one side selects everything
    elif name in into:
        for k, v in sub.items():
            _merge(into[name], k, v)
    else:
        into[name] = sub


def parse(text: str) -> Mask:
    pos = 0

    def parse_list() -> Mask:
        nonlocal pos
        out: Mask = {}
        while pos < len(text) and text[pos] != ")":
            start = pos
            while pos < len(text) and text[pos] not in ",()":
                pos += 1
            path = [camel(p.strip()) for p in text[start:pos].replace("/", ".").split(".")]
            if not all(path):
                raise invalid(f"Invalid field selection {text}")
            sub: Mask = {}
            if pos < len(text) and text[pos] == "(":
                pos += 1
                sub = parse_list()
                if pos >= len(text) or text[pos] != ")":
                    raise invalid(f"Invalid field selection {text}")
                pos += 1
            for name in reversed(path[1:]):
                sub = {name: sub}
            _merge(out, path[0], sub)
            if pos < len(text) and text[pos] == ",":
                pos += 1
        return out

    mask = parse_list()
    if pos != len(text):
        raise invalid(f"Invalid field selection {text}")
    return mask


def selects(mask: Mask | None, *path: str) -> bool:
    """Whether `mask` asks for anything at `path` (None: no mask, everything)."""
    node = mask
    for name in path:
        if node is None or not node or "*" in node:
            return True
        if name not in node:
            return False
        node = node[name]
    return True


def apply(value: Any, mask: Mask) -> Any:
    if not mask or "*" in mask:
        return value
    if isinstance(value, list):
        return [apply(v, mask) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for name, sub in mask.items():
        if name in value:
            picked = apply(value[name], sub)
            # A message that is present stays, as `{}`, even when none of the fields picked
            # inside it is set: Google answers `sheets.properties.tabColorStyle` that way.
            if picked != [] and (picked != {} or isinstance(value[name], dict)):
                out[name] = picked
    return out
