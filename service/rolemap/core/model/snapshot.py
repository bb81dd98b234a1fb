"""What storage hands the core: every tab's values as stored, and the time zone of "today"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CellValue = str | float | int | bool | dt.date | dt.datetime | None

Grid = list[list[CellValue]]


@dataclass(frozen=True)
class Snapshot:
    """Every tab's values as stored: unformatted numbers, serial or native dates, text.

    `tabs` maps the tab title exactly as it is in the workbook to its rows (row 0 is the
    sheet's row 1). Trailing empty rows and cells may be absent.
    """

    tabs: dict[str, Grid] = field(default_factory=dict)
    source: str = ""  # the spreadsheet ID, or the workbook's file name: the JSON's spreadsheet_id
    time_zone: str = ""  # IANA name; "as of today" is today there (empty: UTC)
