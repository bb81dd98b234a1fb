"""Read a raw table (an export's rows or a connector's tab) into Daily's fields.

Pure: a Grid in, a typed DataFrame out. The header is the row, among the first ones, whose cells
name the most of the preset's columns, so title and date-range lines above it are passed over.
Totals rows ("Total: Account", "Итого", "Всего") and blank rows are skipped; unreadable cells are
returned, not raised, so each caller reports them its own way (checks, or a one-line error).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rolemap.core.model.contract import normalize
from rolemap.core.model.snapshot import Grid
from rolemap.core.parse.tabs import object_map
from rolemap.core.parse.values import parse_date_column, parse_number_column
from rolemap.core.sources.presets import FIELDS, Preset, header_key

HEADER_SEARCH_ROWS = 30
_TOTALS = ("total", "итого", "итог", "всего", "summary")
_NO_DATA = {"-", "--", "—", "–", "n/a", "н/д"}  # how exports print "nothing"
_PLAIN = r"-?[0-9]+(?:\.[0-9]+)?"


class NoHeaderError(ValueError):
    """No row names the date column and at least one number column."""


@dataclass(frozen=True)
class BadCell:
    row: int  # 1-based row in the grid
    col: int  # 0-based column
    field: str
    header: str
    value: str
    kind: str  # "number", "negative" or "date"


@dataclass
class SourceTable:
    header_row: int  # 0-based
    cols: dict[str, int]  # field → 0-based column
    headers: dict[str, str]  # field → the header as written
    frame: pd.DataFrame  # row, date, campaign and the FIELDS found (NaN where empty)
    bad: list[BadCell] = field(default_factory=list)
    totals: int = 0  # totals rows skipped
    undated: int = 0  # non-blank rows with no date, skipped

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if f in self.cols)


def locate_header(grid: Grid, aliases: dict[str, frozenset[str]]) -> tuple[int, dict[str, int]]:
    best: tuple[int, int, dict[str, int]] = (0, -1, {})
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            key = header_key(value)
            for name, names in aliases.items():
                if key in names and name not in cols:
                    cols[name] = c
                    break
        numbers = sum(name in FIELDS for name in cols)
        if "date" in cols and numbers and len(cols) > best[0]:
            best = (len(cols), r, cols)
    if best[1] < 0:
        raise NoHeaderError("no header row")
    return best[1], best[2]


def _is_text(values: pd.Series) -> np.ndarray:
    arr = values.to_numpy(dtype=object)
    return np.fromiter((type(v) is str for v in arr), dtype=bool, count=len(arr))


def _blank(values: pd.Series, text: np.ndarray) -> np.ndarray:
    """Empty cells: None, NaN, or text that is only spaces (`text` marks the text cells)."""
    arr = values.to_numpy(dtype=object)
    blank = pd.isna(arr)
    blank[text] = [not v.strip() for v in arr[text]]
    return blank


def _text_number(values: pd.Series, is_text: np.ndarray, decimal: str | None) -> np.ndarray:
    """Text with a known decimal mark turned into floats; other cells left for the parser."""
    out = values.to_numpy(dtype=object).copy()
    if not is_text.any():
        return out
    text = values[is_text].astype(str).str.strip()
    blank = text.str.lower().isin(_NO_DATA).to_numpy()
    if decimal:
        # Only text holding the file's decimal mark is read by it (`12,345` is 12.345 in a
        # comma-decimal file); the rest goes to the tolerant parser, so an API export with dot
        # decimals under the same preset still reads `1800.5` as 1800.5.
        other = "," if decimal == "." else "."
        plain = text.str.replace(r"[\s\u00a0\u202f]", "", regex=True).str.replace(
            other, "", regex=False
        )
        plain = plain.str.replace(decimal, ".", regex=False)
        marked = text.str.contains(decimal, regex=False) & plain.str.fullmatch(_PLAIN)
        quick = pd.to_numeric(plain.where(marked), errors="coerce")
        idx = np.flatnonzero(is_text)
        ok = quick.notna().to_numpy()
        out[idx[ok]] = quick.to_numpy()[ok]
    out[np.flatnonzero(is_text)[blank]] = None
    return out


def _dates(
    values: pd.Series, is_text: np.ndarray, date_format: str | None
) -> tuple[np.ndarray, np.ndarray]:
    arr = values.to_numpy(dtype=object)
    if date_format:
        parsed = pd.to_datetime(
            values[is_text].astype(str).str.strip(), format=date_format, errors="coerce"
        )
        ok = parsed.notna().to_numpy()
        arr = arr.copy()
        idx = np.flatnonzero(is_text)[ok]
        arr[idx] = list(parsed[ok].dt.date)
    dates, bad = parse_date_column(arr)
    return dates, bad


def read_table(grid: Grid, preset: Preset, overrides: dict[str, str] | None = None) -> SourceTable:
    """The grid's rows as Daily fields; raises NoHeaderError if no header row is found."""
    aliases = preset.aliases(overrides)
    header_row, cols = locate_header(grid, aliases)
    headers = {name: str(grid[header_row][c]) for name, c in cols.items()}
    body = grid[header_row + 1 :]
    width = max(cols.values()) + 1
    pad: list[object] = [None] * width
    fitted = [r if len(r) == width else (list(r) + pad)[:width] for r in body]
    raw = pd.DataFrame(fitted, columns=range(width), dtype=object)
    rows = np.arange(header_row + 2, header_row + 2 + len(body))
    used = sorted(cols.values())
    text = {c: _is_text(raw[c]) for c in used}
    filled = pd.DataFrame({c: ~_blank(raw[c], text[c]) for c in used}, index=raw.index)
    blank = ~filled.any(axis=1).to_numpy() if len(raw) else np.zeros(0, dtype=bool)
    first = raw.where(filled.reindex(columns=raw.columns, fill_value=False)).bfill(axis=1)
    lead = first.iloc[:, 0] if len(raw) else pd.Series([], dtype=object)
    totals = object_map(
        lead, lambda v: isinstance(v, str) and normalize(v).startswith(_TOTALS)
    ).to_numpy(dtype=bool)
    frame = pd.DataFrame({"row": rows})
    dates, bad_date = _dates(raw[cols["date"]], text[cols["date"]], preset.date_format)
    frame["date"] = pd.to_datetime(dates)
    undated = ~blank & ~totals & ~bad_date & np.isnat(dates)
    live = ~blank & ~totals & ~undated
    frame["campaign"] = (
        object_map(raw[cols["campaign"]], lambda v: None if v is None else str(v).strip() or None)
        if "campaign" in cols
        else None
    )
    bad: list[BadCell] = []
    keep = live & ~bad_date
    bad += _bad_cells(raw, rows, cols["date"], "date", headers, bad_date & live, "date")
    for name in FIELDS:
        if name not in cols:
            continue
        values, wrong = parse_number_column(
            _text_number(raw[cols[name]], text[cols[name]], preset.decimal)
        )
        negative = np.nan_to_num(values, nan=0.0) < 0
        bad += _bad_cells(raw, rows, cols[name], name, headers, wrong & live, "number")
        bad += _bad_cells(raw, rows, cols[name], name, headers, negative & live, "negative")
        frame[name] = values
        keep &= ~(wrong | negative)
    bad.sort(key=lambda b: (b.row, b.col))
    return SourceTable(
        header_row=header_row,
        cols=cols,
        headers=headers,
        frame=frame[keep].reset_index(drop=True),
        bad=bad,
        totals=int((totals & ~blank).sum()),
        undated=int(undated.sum()),
    )


def _bad_cells(
    raw: pd.DataFrame,
    rows: np.ndarray,
    col: int,
    name: str,
    headers: dict[str, str],
    mask: np.ndarray,
    kind: str,
) -> list[BadCell]:
    return [
        BadCell(int(rows[i]), col, name, headers[name], str(raw.iat[int(i), col]), kind)
        for i in np.flatnonzero(mask)
    ]
