"""Wiring: the one place that turns what a caller names into storage.

The CLI and the service both open storage here, so "a workbook path means the xlsx adapter, a
spreadsheet ID means Google" is decided once. Adapters are imported on first use: the xlsx path
never loads gspread, and the service starts (and answers `/healthz`) without either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rolemap.ports import Storage
from rolemap.settings import Settings


@dataclass(frozen=True)
class GoogleSheet:
    """A Google spreadsheet, by its ID."""

    spreadsheet_id: str


Target = Path | GoogleSheet


def open_storage(target: Target, settings: Settings, *, prefetch: bool = False) -> Storage:
    """Storage for `target`; with `prefetch`, a Google sheet starts its reads at once, so they
    travel while the caller imports the core (the CLI's cold start)."""
    if isinstance(target, GoogleSheet):
        from rolemap.adapters.google.storage import GoogleSheetStorage

        storage = GoogleSheetStorage(target.spreadsheet_id, settings)
        if prefetch:
            storage.prefetch()
        return storage
    from rolemap.adapters.xlsx import XlsxStorage

    return XlsxStorage(target)
