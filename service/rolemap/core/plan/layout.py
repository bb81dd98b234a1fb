"""Sizes for text a program writes: column widths that fit a word, row heights that fit wrapped
text. Neither LibreOffice nor a Sheets tab filled through the API grows a row by itself, so
wrapped text needs an explicit height or it spills over the rows below.

The estimate is deliberately generous (Cyrillic and bold text run wider than Latin).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rolemap.core.plan.model import Cell, Range

CHAR_PX = 6.6  # average 11-pt Carlito character in LibreOffice (~6.2 px measured), with a margin
BOLD_FACTOR = 1.1
LINE_PX = 19
PADDING_PX = 6
CELL_MARGIN_PX = 10
DEFAULT_ROW_PX = 21
BASE_FONT_PT = 11


def text_px(text: str, *, bold: bool = False) -> int:
    return math.ceil(len(text) * CHAR_PX * (BOLD_FACTOR if bold else 1.0))


def fit_width(texts: list[str], minimum: int, *, bold: bool = False) -> int:
    """A column width that shows the longest of `texts` on one line."""
    widest = max((text_px(t, bold=bold) for t in texts), default=0)
    return max(minimum, widest + CELL_MARGIN_PX)


def lines(text: str, width_px: int) -> int:
    """How many lines `text` wraps to in a cell `width_px` wide (words are not split)."""
    room = max(width_px - CELL_MARGIN_PX, 1)
    total = 0
    for paragraph in text.split("\n"):
        used, count = 0.0, 1
        for word in paragraph.split(" "):
            w = len(word) * CHAR_PX
            step = w if used == 0 else used + CHAR_PX + w
            if used and step > room:
                count, used = count + 1, w
            else:
                used = step
        total += count
    return total


def height(n_lines: int) -> int:
    return max(DEFAULT_ROW_PX, n_lines * LINE_PX + PADDING_PX)


def big_text_height(size_pt: int) -> int:
    """A one-line row of large text: 1.5 × the font size in points, in pixels."""
    return round(size_pt * 1.5 / 0.75)


def row_lines(row: Sequence[Cell], widths: Sequence[int]) -> int:
    """Lines the tallest wrapped cell of `row` needs (1 when nothing wraps)."""
    return max(
        (
            lines(str(c.value), widths[col])
            for col, c in enumerate(row)
            if c.style is not None and c.style.wrap and c.value is not None and col < len(widths)
        ),
        default=1,
    )


def fit_rows(
    rows: Sequence[Sequence[Cell]], widths: Sequence[int], merges: Sequence[Range] = ()
) -> tuple[tuple[int, int], ...]:
    """(row, pixels) for every row whose wrapped or multi-line text needs more than one line; a
    one-row merge gives its text the width of all the columns it spans."""
    spans = {(m.row, m.col): sum(widths[m.col : m.end_col]) for m in merges if m.rows == 1}
    out = []
    for r, row in enumerate(rows):
        n = 1
        for c, cell in enumerate(row):
            if not isinstance(cell.value, str) or c >= len(widths):
                continue
            if (cell.style is not None and cell.style.wrap) or "\n" in cell.value:
                n = max(n, lines(cell.value, spans.get((r, c), widths[c])))
        if n > 1:
            out.append((r, height(n)))
    return tuple(out)
