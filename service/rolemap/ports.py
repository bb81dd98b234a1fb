"""The storage port: read the input tabs, apply one write plan.

Three adapters implement it (in-memory, xlsx, Google Sheets). The service layer (`pipeline`)
only ever talks to this protocol, so swapping storage never touches the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rolemap.core.plan import CellValue, WritePlan

Grid = list[list[CellValue]]


@dataclass(frozen=True)
class Snapshot:
    """Every tab's values as stored: unformatted numbers, serial or native dates, text.

    `tabs` maps the tab title exactly as it is in the workbook to its rows (row 0 is the
    sheet's row 1). Trailing empty rows and cells may be absent.
    """

    tabs: dict[str, Grid] = field(default_factory=dict)
    source: str = ""  # a path or a spreadsheet id, for messages
    time_zone: str = ""  # IANA name; "as of today" is today there (empty: UTC)


class Storage(Protocol):
    """A workbook we can recalculate."""

    def read(self) -> Snapshot:
        """Read every tab the core needs (input tabs, `Stop flags`, `Run log`) in one go."""
        ...

    def apply(self, plan: WritePlan) -> None:
        """Write the whole plan, all or nothing."""
        ...

    @property
    def requests_made(self) -> int:
        """API requests made so far (0 for local storage)."""
        ...
