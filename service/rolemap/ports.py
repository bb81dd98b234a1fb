"""The storage port: read the input tabs, apply one write plan.

Three adapters implement it (in-memory, xlsx, Google Sheets). The service layer (`pipeline`)
only ever talks to this protocol, so swapping storage never touches the core.
"""

from __future__ import annotations

from typing import Protocol

from rolemap.core import Snapshot, WritePlan


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
