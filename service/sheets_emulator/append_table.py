"""Where `values.append` writes: after the table Google detects in the given range.

Google's rule, as its recorded answers show: take the last non-empty cell inside the range
(bottom row, then rightmost), grow a box around it while any cell bordering the box (diagonals
too) holds data, the way a spreadsheet's "current region" grows. That box is the table: rows are
appended below it, starting at its first column. A range with no data has no table, and the
rows go at the range's top-left cell. So appending to a whole sheet whose first row is
`a, (empty), c` appends under `c`, while appending to `A1` appends under `a`.
"""

from __future__ import annotations

from sheets_emulator.state import Sheet

Box = tuple[int, int, int, int]  # half-open: r1, r2, c1, c2


def _filled(sheet: Sheet, r: int, c: int) -> bool:
    cell = sheet.cells.get((r, c))
    return bool(cell and cell.get("userEnteredValue"))


def _grow(sheet: Sheet, box: Box) -> Box:
    r1, r2, c1, c2 = box
    while True:
        top, bottom = max(r1 - 1, 0), min(r2 + 1, sheet.row_count)
        left, right = max(c1 - 1, 0), min(c2 + 1, sheet.col_count)
        grown = (r1, r2, c1, c2)
        if r1 > 0 and any(_filled(sheet, r1 - 1, c) for c in range(left, right)):
            grown = (r1 - 1, *grown[1:])
        if r2 < sheet.row_count and any(_filled(sheet, r2, c) for c in range(left, right)):
            grown = (grown[0], r2 + 1, *grown[2:])
        if c1 > 0 and any(_filled(sheet, r, c1 - 1) for r in range(top, bottom)):
            grown = (*grown[:2], c1 - 1, grown[3])
        if c2 < sheet.col_count and any(_filled(sheet, r, c2) for r in range(top, bottom)):
            grown = (*grown[:3], c2 + 1)
        if grown == (r1, r2, c1, c2):
            return grown
        r1, r2, c1, c2 = grown


def detect(sheet: Sheet, box: Box) -> Box | None:
    """The table Google appends after, or None when the range holds no data."""
    r1, r2, c1, c2 = box
    inside = [
        (r, c)
        for (r, c), cell in sheet.cells.items()
        if r1 <= r < r2 and c1 <= c < c2 and cell.get("userEnteredValue")
    ]
    if not inside:
        return None
    r, c = max(inside)
    return _grow(sheet, (r, r + 1, c, c + 1))
