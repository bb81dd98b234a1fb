"""A1 notation: `'My tab'!A1:B2`, `Sheet1!A:C`, `A2:F`, `1:3`, a bare sheet title, and back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sheets_emulator.errors import invalid

_CELL = re.compile(r"^([A-Za-z]*)(\d*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z0-9_]+$")
CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*)$")


@dataclass(frozen=True)
class A1Range:
    """A parsed range. Indexes are zero-based and half-open; None means unbounded."""

    sheet: str | None
    start_row: int | None = None
    end_row: int | None = None
    start_col: int | None = None
    end_col: int | None = None


def col_to_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


def index_to_col(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def quote_title(title: str) -> str:
    """Sheet titles are quoted unless plain ASCII word characters, as Google echoes them; a
    title that reads as a cell reference (`D3`, `R1C2`) is quoted too."""
    if _PLAIN_TITLE.match(title) and not CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_sheet(text: str) -> tuple[str | None, str]:
    """('My tab', 'A1:B2') from "'My tab'!A1:B2"; (None, text) when no sheet part is present."""
    if text.startswith("'"):
        i, title = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    title.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest and not rest.startswith("!"):
                    raise invalid(f"Unable to parse range: {text}")
                return "".join(title), rest[1:]
            title.append(text[i])
            i += 1
        raise invalid(f"Unable to parse range: {text}")
    if "!" in text:
        sheet, _, cells = text.rpartition("!")
        return sheet, cells
    return None, text


def parse_cells(cells: str, original: str) -> tuple[int | None, int | None, int | None, int | None]:
    """(start_row, end_row, start_col, end_col) for `A1`, `A1:B2`, `A:C`, `A2:F`, `1:3`."""
    parts = cells.split(":")
    if len(parts) > 2 or not all(parts):
        raise invalid(f"Unable to parse range: {original}")
    parsed = []
    for part in parts:
        m = _CELL.match(part.strip())
        if not m or not (m.group(1) or m.group(2)):
            raise invalid(f"Unable to parse range: {original}")
        col = col_to_index(m.group(1)) if m.group(1) else None
        row = int(m.group(2)) - 1 if m.group(2) else None
        if row is not None and row < 0:
            raise invalid(f"Unable to parse range: {original}")
        parsed.append((row, col))
    (r1, c1), (r2, c2) = parsed[0], parsed[-1]
    if len(parts) == 1:
        if r1 is None or c1 is None:
            raise invalid(f"Unable to parse range: {original}")
        return r1, r1 + 1, c1, c1 + 1
    if (r1 is None) != (r2 is None) and c1 is None:
        raise invalid(f"Unable to parse range: {original}")
    if r1 is not None and r2 is not None and r1 > r2:
        r1, r2 = r2, r1
    if c1 is not None and c2 is not None and c1 > c2:
        c1, c2 = c2, c1
    start_row = r1 if r1 is not None else (0 if r2 is not None else None)
    end_row = r2 + 1 if r2 is not None else None
    start_col = c1 if c1 is not None else (0 if c2 is not None else None)
    end_col = c2 + 1 if c2 is not None else None
    return start_row, end_row, start_col, end_col


def parse(text: str, titles: list[str]) -> A1Range:
    """Parse `text`; a bare word that is a sheet title means that whole sheet (titles win)."""
    text = text.strip()
    sheet, cells = split_sheet(text)
    if sheet is None:
        if text in titles:
            return A1Range(text)
        return A1Range(None, *parse_cells(cells, text))
    if not cells:
        return A1Range(sheet)
    return A1Range(sheet, *parse_cells(cells, text))


def format_range(title: str, r1: int, r2: int, c1: int, c2: int) -> str:
    """`'Title'!A1:C3` for the half-open box; a single cell is written as `A1`."""
    start = f"{index_to_col(c1)}{r1 + 1}"
    end = f"{index_to_col(max(c1, c2 - 1))}{max(r1, r2 - 1) + 1}"
    body = start if start == end else f"{start}:{end}"
    return f"{quote_title(title)}!{body}"
