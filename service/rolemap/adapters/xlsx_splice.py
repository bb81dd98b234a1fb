"""Apply a plan without openpyxl parsing or re-writing the tabs the plan does not touch.

A plan rewrites the output tabs and one column of a user tab; the big tabs (Daily, Weekly) are
untouched, yet openpyxl would parse every one of their cells on load and write every one back
on save: most of an xlsx recalculation's time. Here openpyxl loads a copy of the workbook in
which those tabs are empty, renders the plan as before (`xlsx_render`), saves to memory, and the
untouched tabs' original XML goes back in, byte for byte.

That is sound because an untouched tab's XML refers outside itself only to
- cell styles (`s="7"`): openpyxl keeps the file's cell formats in their order and appends new
  ones, so every index still means what it meant;
- conditional-format styles (`dxfId`): the same, kept in order, new ones appended;
- shared strings (`t="s"`): openpyxl writes inline strings and no string table, so the file's
  own table goes back in unchanged, with its content type and workbook relationship;
- anything through the sheet's relationships (comments, drawings, tables, hyperlinks): a tab
  with any relationship is not spliced; openpyxl handles it as before.
`apply_spliced` returns False when no tab qualifies, and the caller renders the usual way.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from openpyxl import load_workbook

from rolemap.adapters.xlsx_read import EMPTY_SHEET, sheet_parts
from rolemap.adapters.xlsx_render import render_plan
from rolemap.core.plan.model import WritePlan
from rolemap.core.plan.targets import existing_title, output_names

_SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_PART = "xl/sharedStrings.xml"
_SST_REL_ID = "rIdRolemapSharedStrings"


def touched_titles(titles: list[str], plan: WritePlan) -> set[str]:
    """The existing tabs `render_plan` changes: the outputs it rewrites and the flag columns."""
    touched = {w.tab for w in plan.column_writes}
    for tab in plan.outputs:
        title = existing_title(titles, tab.title, output_names(tab.key))
        if title is not None:
            touched.add(title)
    return touched


def _rels_part(part: str) -> str:
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / f"{path.name}.rels")


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    for chunk in rels.split("<Relationship ")[1:]:
        if f'Type="{_SST_TYPE}"' in chunk:
            target = chunk.split('Target="', 1)[1].split('"', 1)[0]
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


class SplicedWorkbook:
    """The final file's bytes, with the `save(path)` that `save_atomic` calls."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def save(self, path: Path) -> None:
        path.write_bytes(self.data)


def apply_spliced(path: Path, plan: WritePlan) -> SplicedWorkbook | None:
    """The plan applied to `path` in memory, or None when no tab can be kept verbatim."""
    with zipfile.ZipFile(path) as source:
        parts = sheet_parts(source)
        names = set(source.namelist())
        touched = touched_titles(list(parts), plan)
        kept = {
            title: part
            for title, part in parts.items()
            if title not in touched and part in names and _rels_part(part) not in names
        }
        if not kept:
            return None
        originals = {title: source.read(part) for title, part in kept.items()}
        sst_part = _shared_strings_part(source)
        uses_sst = any(b't="s"' in xml for xml in originals.values())
        sst = source.read(sst_part) if uses_sst and sst_part in names else None
        if uses_sst and sst is None:
            return None
        reduced = io.BytesIO()
        stubs = set(kept.values())
        with zipfile.ZipFile(reduced, "w", zipfile.ZIP_STORED) as copy:
            for info in source.infolist():
                data = EMPTY_SHEET if info.filename in stubs else source.read(info)
                copy.writestr(info.filename, data)
    reduced.seek(0)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        wb: Any = load_workbook(reduced, keep_vba=path.suffix.lower() == ".xlsm")
    render_plan(wb, plan)
    for title in kept:
        if title not in wb.sheetnames or _written(wb[title]):
            # The plan touched a tab we emptied (`touched_titles` missed a change to
            # `render_plan`): its original cells are not in this workbook, so do not splice.
            raise ValueError(f"the plan writes to the tab {title!r}, which was not loaded")
    wb.calculation.fullCalcOnLoad = True
    saved = io.BytesIO()
    wb.save(saved)
    return SplicedWorkbook(_compose(saved, originals, sst))


def _written(ws: Any) -> bool:
    """Whether anything was put on an emptied sheet."""
    return bool(
        ws._cells
        or ws.merged_cells.ranges
        or len(ws.conditional_formatting)
        or ws._charts
        or ws._images
        or ws.data_validations.dataValidation
        or ws.column_dimensions
        or ws.row_dimensions
    )


def _compose(saved: io.BytesIO, originals: dict[str, bytes], sst: bytes | None) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as new,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as final,
    ):
        new_parts = sheet_parts(new)
        replace = {new_parts[title]: xml for title, xml in originals.items()}
        if sst is not None and _SST_PART in new.namelist():
            raise ValueError("openpyxl wrote a shared-string table")  # caller falls back
        for info in new.infolist():
            data = replace.get(info.filename)
            if data is None:
                data = new.read(info)
                if sst is not None and info.filename == "[Content_Types].xml":
                    data = _add_before(
                        data,
                        b"</Types>",
                        f'<Override PartName="/{_SST_PART}" ContentType="{_SST_CONTENT}"/>',
                    )
                elif sst is not None and info.filename == "xl/_rels/workbook.xml.rels":
                    data = _add_before(
                        data,
                        b"</Relationships>",
                        f'<Relationship Id="{_SST_REL_ID}" Type="{_SST_TYPE}" '
                        f'Target="/{_SST_PART}"/>',
                    )
                final.writestr(info.filename, data)
            else:  # big verbatim XML: fast compression keeps the save cheap
                final.writestr(info.filename, data, compresslevel=1)
        if sst is not None:
            final.writestr(_SST_PART, sst)
    return out.getvalue()


def _add_before(data: bytes, closing: bytes, element: str) -> bytes:
    at = data.rindex(closing)
    return data[:at] + element.encode() + data[at:]
