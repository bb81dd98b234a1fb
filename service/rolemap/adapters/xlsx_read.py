"""The file side of the xlsx adapter: open, read values, save atomically.

Formulas. openpyxl reads either formulas or their cached results, never both, so `read_snapshot`
loads with `data_only=True` (cached results, which is what the user sees). openpyxl cannot compute
formulas and saves them without cached results, so a workbook last saved by openpyxl (our own
`apply` included) has no results until Excel or LibreOffice opens and saves it again. Such a cell
is read as its formula text (`=SUM(B2:B9)`) rather than as empty, so the core reports it as an
unreadable cell instead of silently treating it as blank. The second, formula-mode load only
happens when the file actually contains formulas.

Speed. Values come from python-calamine (a Rust reader, ~10× faster than openpyxl on a big
Daily tab), converted to exactly what openpyxl's `data_only` load gives: integral numbers as
`int`, dates as midnight `datetime`, blanks as None. A sheet whose XML holds anything calamine
reads differently (formulas, error cells, ISO-date cells, integers too long for a float) is read
by openpyxl as before, from an in-memory copy of the file in which every other sheet is empty,
so openpyxl never parses the big tabs. Anything calamine cannot open falls back to openpyxl.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

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


def _has_formulas(source: Path | io.BytesIO) -> bool:
    try:
        with zipfile.ZipFile(source) as archive:
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
    try:
        tabs = _read_fast(path)
    except Exception:  # anything calamine or our zip reading cannot handle: openpyxl decides
        tabs = None
    if tabs is None:
        tabs = _read_openpyxl(path, None)
    return Snapshot(tabs=tabs, source=path.name)


def _read_openpyxl(source: Path | io.BytesIO, only: set[str] | None) -> dict[str, Grid]:
    """Cached values, and formula text where a formula has no cached value (see the top)."""
    values = _load(source, data_only=True)
    formulas = _load(source, data_only=False) if _has_formulas(source) else None
    tabs: dict[str, Grid] = {}
    for ws in values.worksheets:
        if only is not None and ws.title not in only:
            continue
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        if formulas is not None:
            for row in formulas[ws.title].iter_rows():
                for cell in row:
                    r, c = cell.row - 1, cell.column - 1
                    missing = r < len(rows) and c < len(rows[r]) and rows[r][c] is None
                    if cell.data_type == "f" and missing:
                        rows[r][c] = str(cell.value)
        tabs[ws.title] = _trim(rows)
    return tabs


def _load(source: Path | io.BytesIO, *, data_only: bool) -> Any:
    if isinstance(source, Path):
        return open_workbook(source, data_only=data_only)
    source.seek(0)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        return load_workbook(source, data_only=data_only)


# What calamine reads differently from openpyxl: formulas (openpyxl gives their text when there
# is no cached result), error cells (calamine: blank), `t="d"` ISO dates, and integers with 16+
# digits (calamine: a float, which can round them).
_OPENPYXL_ONLY = re.compile(rb'<f[ >/]|t="e"|t="d"|<v>-?[0-9]{16,}</v>')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EMPTY_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)
_MAX_EXACT = 2**53  # beyond this a float no longer holds every integer


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part in the archive (`xl/worksheets/sheet1.xml`), in workbook order."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): str(r.get("Target")) for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(f"{_REL}id")]
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[str(sheet.get("name"))] = str(PurePosixPath(part))
    return parts


def _read_fast(path: Path) -> dict[str, Grid] | None:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    if not path.is_file() or path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return None  # openpyxl gives the one-line error
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        slow = {t for t, p in parts.items() if _OPENPYXL_ONLY.search(archive.read(p))}
        reduced = (
            _only_sheets(archive, {parts[t] for t in slow}, set(parts.values())) if slow else None
        )
    book = CalamineWorkbook.from_path(str(path))
    try:
        titles = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if set(titles) - set(parts):
            return None
        exact = _read_openpyxl(reduced, slow) if reduced is not None else {}
        tabs: dict[str, Grid] = {}
        for title in titles:
            if title in exact:
                tabs[title] = exact[title]
            else:
                rows = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
                tabs[title] = _trim([[_openpyxl_value(v) for v in row] for row in rows])
        return tabs
    finally:
        book.close()


def _only_sheets(archive: zipfile.ZipFile, keep: set[str], sheets: set[str]) -> io.BytesIO:
    """An uncompressed in-memory copy of the workbook whose other sheets are empty."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
        for info in archive.infolist():
            empty = info.filename in sheets and info.filename not in keep
            copy.writestr(info.filename, EMPTY_SHEET if empty else archive.read(info))
    return buffer


def _openpyxl_value(value: Any) -> Any:
    """A calamine value as openpyxl's data_only load gives it."""
    kind = type(value)
    if kind is str:
        return value if value else None
    if kind is float:
        return int(value) if value.is_integer() and -_MAX_EXACT < value < _MAX_EXACT else value
    if kind is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


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
