"""How an emulator answer is held against Google's: status, key structure, values."""

from __future__ import annotations

from typing import Any


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every JSON key path of `value`; list items are merged under `[]`, so the set describes
    the shape Google answers with, not how many rows it holds."""
    found: set[str] = set()
    if isinstance(value, dict):
        for name, sub in value.items():
            path = f"{prefix}.{name}" if prefix else name
            found.add(path)
            found |= key_paths(sub, path)
    elif isinstance(value, list):
        for item in value:
            found |= key_paths(item, f"{prefix}[]")
    return found


def read_values(method_path: str, body: Any) -> list[Any] | None:
    """The value matrices of a `values.get` / `values.batchGet` answer, None for other calls."""
    if not isinstance(body, dict):
        return None
    if method_path.endswith("values:batchGet"):
        return [r.get("values", []) for r in body.get("valueRanges", [])]
    if "/values/" in method_path:
        return [body.get("values", [])]
    return None


def parallel_ids(google: Any, ours: Any, keys: frozenset[str], into: dict[Any, Any]) -> None:
    """Record Google's id -> the emulator's id wherever both answers hold an id key at the same
    place (addSheet replies, spreadsheets.get sheets, named ranges...)."""
    if isinstance(google, dict) and isinstance(ours, dict):
        for name, sub in google.items():
            if name not in ours:
                continue
            if name in keys and not isinstance(sub, dict | list):
                into.setdefault(sub, ours[name])
            else:
                parallel_ids(sub, ours[name], keys, into)
    elif isinstance(google, list) and isinstance(ours, list):
        for g, o in zip(google, ours, strict=False):
            parallel_ids(g, o, keys, into)


def rewrite_ids(value: Any, keys: frozenset[str], ids: dict[Any, Any]) -> Any:
    """`value` with Google's ids (under `keys`) swapped for the emulator's."""
    if isinstance(value, dict):
        return {
            k: (
                ids.get(v, v)
                if k in keys and not isinstance(v, dict | list)
                else rewrite_ids(v, keys, ids)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [rewrite_ids(v, keys, ids) for v in value]
    return value


ECHOED = frozenset(
    {
        "updatedRange",
        "updatedRows",
        "updatedColumns",
        "updatedCells",
        "clearedRange",
        "clearedRanges",
        "tableRange",
        "totalUpdatedRows",
        "totalUpdatedColumns",
        "totalUpdatedCells",
        "totalUpdatedSheets",
    }
)


def write_echo(body: Any, prefix: str = "") -> dict[str, Any]:
    """What a values write answers about itself: ranges written or cleared and the counts."""
    found: dict[str, Any] = {}
    if isinstance(body, dict):
        for name, sub in body.items():
            path = f"{prefix}.{name}" if prefix else name
            if name in ECHOED:
                found[path] = sub
            else:
                found.update(write_echo(sub, path))
    elif isinstance(body, list):
        for i, sub in enumerate(body):
            found.update(write_echo(sub, f"{prefix}[{i}]"))
    return found
