"""A1 cell references for messages: `Daily!C14`, `'Stop rules'!D3`."""

from __future__ import annotations

import re

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def column_letter(col: int) -> str:
    """0-based column index → letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def quote_title(title: str) -> str:
    """A tab title as Sheets writes it in a formula: quoted unless it is a plain word."""
    if _PLAIN.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def a1(title: str, row: int | None = None, col: int | None = None) -> str:
    """`row` is the sheet's 1-based row; `col` is 0-based. Either may be missing."""
    ref = quote_title(title)
    if col is None and row is None:
        return ref
    letters = column_letter(col) if col is not None else ""
    number = str(row) if row is not None else ""
    if not letters:
        return f"{ref}!{number}:{number}"
    return f"{ref}!{letters}{number}"
