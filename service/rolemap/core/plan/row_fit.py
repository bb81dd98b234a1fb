"""Row heights for wrapped text, estimated from the text's length and its column widths.

Neither LibreOffice (opening our xlsx) nor Sheets (filled through the API) grows a row for text
that wraps, so a long KPI or conclusion would spill over the rows below. An estimate that errs
on the tall side reads better than a clipped line.
"""

from __future__ import annotations

import math

from rolemap.core.plan.model import Cell, Range

CHAR_PX = 6.4  # an average character of the default 10-pt sans font, a little over
PADDING_PX = 8  # cell padding left and right
LINE_PX = 17
ROW_PX = 21  # the backends' default row


def _lines(text: str, width_px: int) -> int:
    per_line = max(int((width_px - PADDING_PX) / CHAR_PX), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def fit_rows(
    rows: tuple[tuple[Cell, ...], ...], widths: tuple[int, ...], merges: tuple[Range, ...] = ()
) -> tuple[tuple[int, int], ...]:
    """(row, pixels) for every row whose wrapped or multi-line text needs more than one line."""
    spans = {(m.row, m.col): sum(widths[m.col : m.end_col]) for m in merges if m.rows == 1}
    out = []
    for r, row in enumerate(rows):
        lines = 1
        for c, cell in enumerate(row):
            if not isinstance(cell.value, str) or c >= len(widths):
                continue
            wraps = cell.style is not None and cell.style.wrap
            if not wraps and "\n" not in cell.value:
                continue
            lines = max(lines, _lines(cell.value, spans.get((r, c), widths[c])))
        if lines > 1:
            out.append((r, max(ROW_PX, lines * LINE_PX + 4)))
    return tuple(out)
