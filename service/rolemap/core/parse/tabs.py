"""Find the input tabs and their headers in a snapshot, and turn each into a typed DataFrame.

Tabs and headers are matched by their English or Russian names, case- and space-insensitively,
with columns in any order. Every unreadable cell becomes a `DATA-*` check naming the cell, and
its row is left out; nothing here ever stops the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rolemap.core.model.cells import a1
from rolemap.core.model.contract import ColumnSpec, Contract, OutputSpec, TabSpec, normalize
from rolemap.core.model.results import Check, Term, make_check
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.parse.values import parse_date_column, parse_number_column

NUMERIC = {"money", "count", "number", "percent"}
NON_NEGATIVE = {"money", "count"}
HEADER_SEARCH_ROWS = 5  # a title row or two above the header is common


@dataclass
class ParsedTab:
    spec: TabSpec
    title: str  # as it is in the workbook
    header_row: int  # 0-based index into the grid; the sheet's row is header_row + 1
    cols: dict[str, int]  # column key → 0-based column index
    frame: pd.DataFrame  # one row per usable data row; `row` is the sheet's 1-based row
    width: int = 0  # columns used anywhere on the tab: a new column goes right after them
    last_row: int = 0  # the sheet's last used row, 1-based

    def has(self, key: str) -> bool:
        return key in self.cols

    def cell(self, row: int | None, key: str) -> str:
        return a1(self.title, row, self.cols.get(key))


@dataclass
class TabIndex:
    """Which workbook title holds which contract tab."""

    titles: dict[str, str] = field(default_factory=dict)  # key → actual title

    @classmethod
    def build(cls, snapshot: Snapshot, contract: Contract) -> TabIndex:
        by_name = {normalize(title): title for title in snapshot.tabs}
        found: dict[str, str] = {}
        specs: tuple[TabSpec | OutputSpec, ...] = (*contract.tabs, *contract.outputs)
        for spec in specs:
            for name in sorted(spec.names):
                if name in by_name:
                    found[spec.key] = by_name[name]
                    break
        return cls(found)


def _find_header(grid: Grid, spec: TabSpec) -> tuple[int, dict[str, int]]:
    best: tuple[int, int, dict[str, int]] = (-1, 0, {})
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            name = normalize(value)
            for col in spec.columns:
                if name in col.names and col.key not in cols:
                    cols[col.key] = c
                    break
        score = sum(2 if spec.column(k).required else 1 for k in cols)
        if score > best[0]:
            best = (score, r, cols)
    return best[1], best[2]


def object_map(values: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """`Series.map` over distinct values only, keeping None as None.

    Text columns repeat a few values over many rows (channel names in Daily), so mapping the
    distinct ones is much cheaper; and pandas 3 would otherwise infer `str` and turn None into NaN.
    """
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)  # the last slot serves the -1 (empty) code
    mapped[:] = [*(fn(v) for v in uniques), fn(None)]
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def _clean_text(v: object) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def parse_table(grid: Grid, spec: TabSpec, title: str, checks: list[Check]) -> ParsedTab:
    header_row, cols = _find_header(grid, spec)
    for col in spec.columns:
        if col.required and col.key not in cols:
            checks.append(
                make_check(
                    "error",
                    "DATA-MISSING-COLUMN",
                    tab=spec.en,
                    row=header_row + 1,
                    column=col.en,
                    tab_title=title,
                    column_title=Term("column", col.key, tab=spec.key),
                )
            )
    body = grid[header_row + 1 :]
    width = max(cols.values(), default=-1) + 1
    pad = [None] * width
    raw = pd.DataFrame(
        [r if len(r) == width else (list(r) + pad)[:width] for r in body], dtype=object
    )
    rows = np.arange(header_row + 2, header_row + 2 + len(body))
    frame = pd.DataFrame({"row": rows})
    keep = ~_blank_rows(raw, list(cols.values()))
    live = keep.copy()
    for col in spec.columns:
        if col.key not in cols:
            frame[col.key] = np.nan if col.type in NUMERIC else None
            continue
        series = raw[cols[col.key]] if len(body) else pd.Series([], dtype=object)
        where = _Where(spec.en, title, cols[col.key], rows, live)
        keep &= _parse_column(series, col, frame, where, checks)
    frame = frame[keep].reset_index(drop=True)
    if not any(c.service_owned for c in spec.columns):
        return ParsedTab(spec, title, header_row, cols, frame)
    # Only a tab with a service-owned column needs to know where its used area ends.
    return ParsedTab(
        spec, title, header_row, cols, frame, width=_used_width(grid), last_row=used_rows(grid)
    )


def _used_width(grid: Grid) -> int:
    width = 0
    for row in grid:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c] is not None and row[c] != "":
                width = c + 1
                break
    return width


def used_rows(grid: Grid) -> int:
    """How many rows the grid uses: the last row holding anything, 1-based."""
    for r in range(len(grid) - 1, -1, -1):
        if any(v is not None and v != "" for v in grid[r]):
            return r + 1
    return 0


@dataclass(frozen=True)
class _Where:
    tab_en: str
    title: str
    col: int
    rows: np.ndarray
    live: np.ndarray  # rows that are not blank: only they deserve a check

    def checks(
        self, code: str, col: ColumnSpec, series: pd.Series, mask: np.ndarray
    ) -> list[Check]:
        return [
            make_check(
                "error",
                code,
                tab=self.tab_en,
                row=int(self.rows[i]),
                column=col.en,
                cell=a1(self.title, int(self.rows[i]), self.col),
                value=_show(series.iat[int(i)]),
            )
            for i in np.flatnonzero(mask & self.live)
        ]


def _blank_rows(raw: pd.DataFrame, positions: list[int]) -> np.ndarray:
    if raw.empty or not positions:
        return np.zeros(len(raw), dtype=bool)
    empty = np.ones(len(raw), dtype=bool)
    for c in positions:
        # Only rows still blank so far need a look: usually none after the first column.
        rows = np.flatnonzero(empty)
        if not len(rows):
            break
        column = raw[c].iloc[rows]
        text = object_map(column, lambda v: v is None or (isinstance(v, str) and not v.strip()))
        empty[rows] = column.isna().to_numpy() | text.to_numpy(dtype=bool)
    return empty


def _parse_column(
    series: pd.Series, col: ColumnSpec, frame: pd.DataFrame, where: _Where, checks: list[Check]
) -> np.ndarray:
    """Parse one column into `frame`; return the mask of rows that stay in."""
    n = len(series)
    values = series.to_numpy(dtype=object)
    if col.type in NUMERIC:
        parsed, bad = parse_number_column(values)
        negative = np.zeros(n, dtype=bool)
        if col.type in NON_NEGATIVE:
            negative = np.nan_to_num(parsed, nan=0.0) < 0
        checks += where.checks("DATA-BAD-NUMBER", col, series, bad)
        checks += where.checks("DATA-NEGATIVE", col, series, negative)
        frame[col.key] = parsed
        return ~(bad | negative)
    if col.type == "date":
        dates, bad = parse_date_column(values)
        checks += where.checks("DATA-BAD-DATE", col, series, bad)
        frame[col.key] = pd.to_datetime(dates) if n else pd.Series([], dtype="datetime64[ns]")
        return ~bad
    # object dtype on purpose: pandas 3 would infer `str` and turn empty cells into NaN.
    frame[col.key] = object_map(series, _clean_text).set_axis(frame.index) if n else None
    return np.ones(n, dtype=bool)


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
