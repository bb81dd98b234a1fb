"""The file side of the xlsx adapter: open, read values, save atomically.

Formulas. openpyxl reads either formulas or their cached results, never both, so `read_snapshot`
loads with `data_only=True` (cached results, which is what the user sees). openpyxl cannot compute
formulas and saves them without cached results, so a workbook last saved by openpyxl (our own
`apply` included) has no results until Excel or LibreOffice opens and saves it again. Such a cell
is read as its formula text (`=SUM(B2:B9)`) rather than as empty, so the core reports it as an
unreadable cell instead of silently treating it as blank. The second, formula-mode load only
happens when the file actually contains formulas.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from rolemap.core.model.snapshot import CellValue, Grid, Snapshot
from rolemap.errors import WorkbookError

_FORMULA = re.compile(rb"<f[ >/]")


def open_workbook(path: Path, *, data_only: bool = False) -> Any:
    """Load a workbook for reading or editing, or raise a one-line WorkbookError."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if not path.is_file():
        raise WorkbookError(f"{path}: not a file")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel extensions it drops (slicers, some validations). A user
            # file may have any of them; the warning is noise for the CLI, not a failure.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return load_workbook(path, data_only=data_only, keep_vba=path.suffix.lower() == ".xlsm")
    except PermissionError as exc:
        raise WorkbookError(f"{path}: cannot open the file ({exc.strerror})") from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError(f"{path}: not a readable .xlsx workbook ({exc})") from exc


def _has_formulas(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return any(
                _FORMULA.search(archive.read(name))
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (OSError, zipfile.BadZipFile):
        return False


def _trim(rows: list[list[CellValue]]) -> Grid:
    grid: Grid = []
    for row in rows:
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        grid.append(row[:end])
    while grid and not grid[-1]:
        grid.pop()
    return grid


def read_snapshot(path: Path) -> Snapshot:
    values = open_workbook(path, data_only=True)
    formulas = open_workbook(path) if _has_formulas(path) else None
    tabs: dict[str, Grid] = {}
    for ws in values.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        if formulas is not None:
            for row in formulas[ws.title].iter_rows():
                for cell in row:
                    r, c = cell.row - 1, cell.column - 1
                    missing = r < len(rows) and c < len(rows[r]) and rows[r][c] is None
                    if cell.data_type == "f" and missing:
                        rows[r][c] = str(cell.value)
        tabs[ws.title] = _trim(rows)
    return Snapshot(tabs=tabs, source=path.name)


def check_not_open(path: Path) -> None:
    """Refuse to write a workbook open in Excel or LibreOffice: its next save would undo ours."""
    for lock in (path.with_name(f".~lock.{path.name}#"), path.with_name(f"~${path.name}")):
        if lock.exists():
            raise WorkbookError(
                f"{path}: the file is open in another program ({lock.name} exists); "
                "close it and retry, or delete the lock file if nothing has it open"
            )


def save_atomic(wb: Any, path: Path) -> None:
    """Save to a temp file in the same directory, then `os.replace`: all or nothing."""
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".rolemap-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        wb.save(tmp)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except PermissionError as exc:
        raise WorkbookError(f"{path}: cannot write the file ({exc.strerror})") from exc
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot save the workbook ({exc})") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _mode_for(path: Path) -> int:
    """The original file's permissions, or the usual ones for a new file (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
