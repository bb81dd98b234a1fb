"""Formula references follow inserted and deleted rows and columns, as Google rewrites them.

`=SUM(C2:C9)` becomes `=SUM(C3:C10)` when a row is inserted above it; a reference whose cells
are all deleted becomes `#REF!`. Text inside string literals is left alone, and so are names
that only look like cells when a `(` follows (`LOG10(`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sheets_emulator import a1

_STRING = r'"(?:[^"]|"")*"'
_SHEET = r"(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!"
_REF = re.compile(
    rf"(?P<str>{_STRING})"
    rf"|(?<![A-Za-z0-9_.$])(?P<sheet>{_SHEET})?"
    r"(?P<c1>\$?[A-Za-z]{1,3})(?P<r1>\$?\d+)(?::(?P<c2>\$?[A-Za-z]{1,3})(?P<r2>\$?\d+))?"
    r"(?![A-Za-z0-9_(])"
)
Move = Callable[[int], int]  # new zero-based index, or -1 when the row/column is deleted


def _title(sheet_part: str | None) -> str | None:
    if not sheet_part:
        return None
    name = sheet_part[:-1]
    return name[1:-1].replace("''", "'") if name.startswith("'") else name


def _index(text: str, is_row: bool) -> tuple[str, int]:
    dollar = "$" if text.startswith("$") else ""
    body = text.lstrip("$")
    return dollar, int(body) - 1 if is_row else a1.col_to_index(body)


def _show(dollar: str, index: int, is_row: bool) -> str:
    return dollar + (str(index + 1) if is_row else a1.index_to_col(index))


def shift(formula: str, home: str, target: str, dim: str, move: Move) -> str:
    """`formula` (in a cell of sheet `home`) with its references into sheet `target` moved."""
    rows = dim == "ROWS"

    def edit(m: re.Match[str]) -> str:
        if m.group("str") or (_title(m.group("sheet")) or home) != target:
            return m.group(0)
        part = "r" if rows else "c"
        first, last = m.group(f"{part}1"), m.group(f"{part}2") or m.group(f"{part}1")
        (d1, i1), (d2, i2) = _index(first, rows), _index(last, rows)
        kept = [move(i) for i in range(i1, i2 + 1) if move(i) >= 0]
        if not kept:
            return "#REF!"
        start, end = _show(d1, min(kept), rows), _show(d2, max(kept), rows)
        other = "c" if rows else "r"
        o1, o2 = m.group(f"{other}1"), m.group(f"{other}2")
        pieces = (o1, start) if rows else (start, o1)
        out = (m.group("sheet") or "") + "".join(pieces)
        if m.group("c2"):
            out += ":" + "".join((o2, end) if rows else (end, o2))
        return out

    return _REF.sub(edit, formula)
