"""`rolemap import`: an ad platform's export file into a workbook's Daily tab.

Edge orchestration only: read the file and the workbook, let the core plan the merge
(`core/sources/imports.py`), write Daily's cells unless it is a dry run or nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rolemap.adapters.xlsx_daily import DailyBook
from rolemap.core.model.contract import load_contract
from rolemap.core.sources.exports import ExportError
from rolemap.core.sources.imports import PreparedImport, prepare_import
from rolemap.core.sources.presets import PRESETS, find_preset
from rolemap.errors import UsageError, WorkbookError


@dataclass
class ImportOutcome:
    prepared: PreparedImport
    written: bool
    changed_cells: int
    dry_run: bool = False

    def summary(self) -> str:
        """One line: what was added, replaced, cleared and skipped, and whether it was written."""
        p, t = self.prepared.plan, self.prepared.table
        days = self.prepared.incoming["date"]
        span = (
            f" for {days.min().date().isoformat()}..{days.max().date().isoformat()}"
            if len(days)
            else ""
        )
        skipped = [
            f"{n} {what.replace('rows', 'row') if n == 1 else what}"
            for n, what in (
                (t.totals, "totals rows"),
                (t.undated, "rows without a date"),
                (self.prepared.unrouted, "rows matching no channel rule"),
            )
            if n
        ]
        line = (
            f"Daily{span}: {p.added} added, {p.replaced} replaced, {p.cleared} cleared; "
            f"skipped {', '.join(skipped) if skipped else 'nothing'}."
        )
        if p.unwritable:
            line += f" Daily has no column for: {', '.join(p.unwritable)}."
        if self.dry_run:
            return line + " Dry run: nothing was written."
        return line + ("" if self.written else " Nothing changed.")


def preset_names() -> list[str]:
    return sorted(PRESETS)


def import_export(
    export: Path, workbook: Path, preset_name: str, channel: str | None, *, dry_run: bool
) -> ImportOutcome:
    preset = find_preset(preset_name)
    if preset is None:
        raise UsageError(f"unknown preset {preset_name!r}; use one of: {', '.join(preset_names())}")
    try:
        data = export.read_bytes()
    except OSError as exc:
        raise WorkbookError(f"{export}: cannot read the file ({exc.strerror})") from exc
    contract = load_contract()
    book = DailyBook(workbook, contract)
    try:
        try:
            prepared = prepare_import(data, preset, channel, book.grid, contract)
        except ExportError as exc:
            raise WorkbookError(f"{export.name}: {exc}") from exc
        changed = book.changes(prepared.plan)
        written = bool(changed) and not dry_run
        if written:
            book.write(prepared.plan)
        return ImportOutcome(prepared, written, changed, dry_run)
    finally:
        book.close()
