"""The write plan: a backend-neutral description of everything one recalculation writes.

The core builds it; each storage adapter renders it (openpyxl cells, or one Sheets
`spreadsheets.batchUpdate`). Coordinates are 0-based (row, column) within a tab. Keeping the
plan this plain is what makes the two backends give the same result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rolemap.core.model.snapshot import CellValue

if TYPE_CHECKING:
    from rolemap.core.plan.template import TemplateTab


class Formula(str):
    """A formula the core writes on purpose (every other string is written as plain text).

    Only the summary's "last run" cell uses one, reading the newest `Run log` time, so the
    summary itself stays identical from one recalculation to the next.
    """

    __slots__ = ()


# Number formats are named, not spelled: each backend maps a name to its own pattern.
# `date_dmy` / `datetime_dmy` are the Russian date style (25.11.2026); `change` is a signed %.
NumberFormat = Literal[
    "text",
    "integer",
    "money",
    "decimal",
    "percent",
    "change",
    "date",
    "datetime",
    "date_dmy",
    "datetime_dmy",
]

# Named colours keep the palette in one place (`STYLE_COLORS`) and out of the core's logic.
Tone = Literal["red", "amber", "yellow", "green", "grey", "blue", "none"]

TONE_COLORS: dict[Tone, tuple[str, str]] = {
    # tone: (background, text)
    "red": ("#F4C7C3", "#9C0006"),
    "amber": ("#FCE8B2", "#7F4F00"),
    "yellow": ("#FFF2CC", "#7F6000"),
    "green": ("#D9EAD3", "#274E13"),
    "grey": ("#EFEFEF", "#434343"),
    "blue": ("#DDEBF7", "#1F3864"),
    "none": ("#FFFFFF", "#000000"),
}


@dataclass(frozen=True, slots=True)
class Style:
    bold: bool = False
    italic: bool = False
    size: int | None = None  # points; None is the backend's default
    tone: Tone | None = None  # background + text colour
    number_format: NumberFormat | None = None
    wrap: bool = False
    align: Literal["left", "center", "right"] | None = None


SIGNIFICANT_DIGITS = 12


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue = None
    style: Style | None = None

    def __post_init__(self) -> None:
        # xlsx keeps ~15 significant digits and Sheets 17: rounding here makes both backends
        # store the very same number, and no one reads a CPA to the 13th digit.
        if isinstance(self.value, float) and self.value and math.isfinite(self.value):
            digits = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(self.value)))
            object.__setattr__(self, "value", round(self.value, max(digits, 0)))


@dataclass(frozen=True, slots=True)
class Range:
    """A block of cells on one tab, 0-based and half-open like the Sheets GridRange."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1

    @property
    def end_row(self) -> int:
        return self.row + self.rows

    @property
    def end_col(self) -> int:
        return self.col + self.cols


@dataclass(frozen=True, slots=True)
class ConditionalFormat:
    """Colour a range when its cells match. `text_eq` compares whole cell text."""

    range: Range
    kind: Literal["text_eq", "number_lt", "number_gte"]
    value: str | float
    tone: Tone
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Series:
    title: str
    values: Range  # one column, no header


@dataclass(frozen=True, slots=True)
class Chart:
    kind: Literal["column", "line"]
    title: str
    categories: Range  # one column, no header
    series: tuple[Series, ...]
    anchor_row: int
    anchor_col: int
    width_px: int = 560
    height_px: int = 300
    y_title: str = ""


@dataclass(frozen=True, slots=True)
class OutputTab:
    """A tab the service owns: rewritten whole on every run, warning-protected."""

    key: Literal["summary", "flags", "checks", "runlog", "role_map", "channel_pages"]
    title: str
    rows: tuple[tuple[Cell, ...], ...]
    column_widths: tuple[int, ...] = ()  # pixels
    frozen_rows: int = 0
    merges: tuple[Range, ...] = ()
    conditional_formats: tuple[ConditionalFormat, ...] = ()
    charts: tuple[Chart, ...] = ()
    protection_note: str = ""
    # Rows that start a new printed page (xlsx row breaks). The Sheets API has no page breaks,
    # so the Google adapter leaves them out; a printed Google tab breaks where it fits.
    page_breaks: tuple[int, ...] = ()
    # (row, pixels) for rows taller than one line: LibreOffice and a fresh Sheets tab do not
    # grow a row for wrapped or merged text written by a program, so the core sizes them.
    row_heights: tuple[tuple[int, int], ...] = ()
    tab_color: str | None = None  # "#RRGGBB"

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class ColumnWrite:
    """A service-owned column on a tab the team also writes: `Channels` › `Flag (auto)`, and the
    service's columns of `Decisions`.

    `col` is where the column is or will be; `header` is written only when the column is new.
    `values` start on the row below the header and may run past the tab's last row (appending).
    Only these cells may change on such a tab, so a team edit anywhere else survives.
    """

    tab: str
    header_row: int
    col: int
    header: str | None
    values: tuple[Cell, ...]
    conditional_formats: tuple[ConditionalFormat, ...] = ()


@dataclass(frozen=True, slots=True)
class SharedTab:
    """A tab the team and the service share (`Decisions`), created as the template draws it
    (headers, notes, dropdowns, formats) only when missing and never cleared; its cells are
    then written by `ColumnWrite`s alone."""

    layout: TemplateTab
    names: frozenset[str]  # its normalised titles in either language


@dataclass(frozen=True, slots=True)
class WritePlan:
    lang: Literal["en", "ru"]
    outputs: tuple[OutputTab, ...] = ()
    column_writes: tuple[ColumnWrite, ...] = ()
    # Every text value our rules on the team's tabs ever match, in both languages (`Flag (auto)`
    # actions, `Decisions` statuses): a rule there is ours when it is a text_eq on exactly one of
    # these values over the one column a ColumnWrite writes.
    owned_rule_values: frozenset[str] = field(default_factory=frozenset)
    shared_tabs: tuple[SharedTab, ...] = ()  # created before the column writes land on them
    # The output tab (by key) the workbook opens on after a run; the first output comes first
    # among the output tabs.
    open_on: str | None = None
