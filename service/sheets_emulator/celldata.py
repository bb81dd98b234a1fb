"""Field-masked writes of `CellData` and sheet properties (updateCells, repeatCell, ...)."""

from __future__ import annotations

import copy
from typing import Any

from sheets_emulator import fields
from sheets_emulator.errors import invalid

WRITABLE = ("userEnteredValue", "userEnteredFormat", "note", "dataValidation", "textFormatRuns")


def mask_paths(text: str | None, where: str) -> list[list[str]] | None:
    """Dotted paths of a FieldMask; None for `*` (every field)."""
    if not text:
        raise invalid(f"Invalid {where}: At least one field must be specified.")
    if text.strip() == "*":
        return None
    paths: list[list[str]] = []

    def walk(node: fields.Mask, prefix: list[str]) -> None:
        for name, sub in node.items():
            if sub:
                walk(sub, [*prefix, name])
            else:
                paths.append([*prefix, name])

    walk(fields.parse(text), [])
    return paths


def masked(
    old: dict[str, Any], new: dict[str, Any], paths: list[list[str]] | None, *, deep: bool = True
) -> dict[str, Any]:
    """`old` with every masked path taken from `new` (absent in `new` means cleared).

    With deep=False only the dicts along each path are copied: cell dicts are never mutated in
    place, so sharing the untouched parts is safe and keeps 100k-cell writes fast.
    """
    if paths is None:
        return copy.deepcopy(new) if deep else dict(new)
    out = copy.deepcopy(old) if deep else dict(old)
    for path in paths:
        src: Any = new
        for name in path:
            src = src.get(name) if isinstance(src, dict) else None
        dst = out
        for name in path[:-1]:
            nxt = dst.get(name)
            nxt = dict(nxt) if isinstance(nxt, dict) else {}
            dst[name] = nxt
            dst = nxt
        if src is None:
            dst.pop(path[-1], None)
        else:
            dst[path[-1]] = copy.deepcopy(src) if deep else src
    return out


def merge_cell(
    old: dict[str, Any], new: dict[str, Any], paths: list[list[str]] | None
) -> dict[str, Any]:
    """Apply a CellData write; read-only fields such as formattedValue are ignored."""
    if paths is None:
        paths = [[name] for name in WRITABLE]
    out = masked(old, new, paths, deep=False)
    if any(p[0] == "userEnteredValue" for p in paths):
        out.pop("effectiveValue", None)  # stale once the entered value is rewritten
    return out


def top_level(paths: list[list[str]] | None) -> tuple[str, ...] | None:
    """The field names of a mask that names only whole top-level fields (`*` means every
    writable one), else None: such writes take `write_fields`, the fast path."""
    if paths is None:
        return WRITABLE
    if all(len(p) == 1 for p in paths):
        return tuple(p[0] for p in paths)
    return None


def write_fields(old: dict[str, Any] | None, new: dict[str, Any], names: tuple[str, ...]) -> Any:
    """`merge_cell` for a top-level mask, already cleaned as `Sheet.set_cell` stores cells:
    the new dict, or None for a cell left empty. A 20k-cell output tab is written through here.
    """
    out = {k: v for k, v in old.items() if k not in names and not _empty(v)} if old else {}
    for name in names:
        value = new.get(name)
        if not _empty(value):
            out[name] = value
    if "userEnteredValue" in names:
        out.pop("effectiveValue", None)  # stale once the entered value is rewritten
    return out or None


def _empty(value: Any) -> bool:
    return value is None or value == {} or value == ""
