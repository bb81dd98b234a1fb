"""The fast xlsx apply keeps untouched tabs byte for byte, also in Excel's shared-string layout.

openpyxl writes inline strings; Excel and LibreOffice write a shared-string table that the
tabs refer to by index. `to_shared_strings` turns an openpyxl file into that layout so the
splice's string-table path is exercised too.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rolemap.adapters import xlsx_splice
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_read import read_snapshot, sheet_parts
from tests.integration.test_xlsx_storage import make_workbook, sample_plan, state

_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>')
_SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def to_shared_strings(path: Path) -> None:
    """Rewrite every inline string as an index into xl/sharedStrings.xml, as Excel saves."""
    strings: list[bytes] = []

    def index(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(3))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), len(strings) - 1)

    with zipfile.ZipFile(path) as source:
        items = [(info.filename, source.read(info)) for info in source.infolist()]
    out = []
    for name, data in items:
        if name.startswith("xl/worksheets/sheet"):
            data = _INLINE.sub(index, data)
        elif name == "[Content_Types].xml":
            override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_CONTENT}"/>'
            data = data.replace(b"</Types>", override.encode() + b"</Types>")
        elif name == "xl/_rels/workbook.xml.rels":
            rel = f'<Relationship Id="rIdSst" Type="{_SST_TYPE}" Target="sharedStrings.xml"/>'
            data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
        out.append((name, data))
    items_xml = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="%d" uniqueCount="%d">%s</sst>' % (len(strings), len(strings), items_xml)
    )
    out.append(("xl/sharedStrings.xml", sst))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in out:
            target.writestr(name, data)


def _sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {title: archive.read(part) for title, part in sheet_parts(archive).items()}


@pytest.fixture(params=["inline", "shared"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = make_workbook(tmp_path / "team.xlsx")
    if request.param == "shared":
        to_shared_strings(path)
        assert b't="s"' in _sheet_xml(path)["Weekly"]
    return path


def test_untouched_tabs_are_kept_byte_for_byte(book: Path) -> None:
    before = _sheet_xml(book)
    XlsxStorage(book).apply(sample_plan("en"))
    after = _sheet_xml(book)
    # Settings and Weekly are the team's and the plan does not touch them.
    assert after["Settings"] == before["Settings"]
    assert after["Weekly"] == before["Weekly"]
    assert after["Channels"] != before["Channels"]  # the flag column


def test_spliced_file_reads_the_same_in_openpyxl_and_in_rolemap(book: Path) -> None:
    values_before = read_snapshot(book).tabs
    cells_before = state(book)
    XlsxStorage(book).apply(sample_plan("en"))
    XlsxStorage(book).apply(sample_plan("ru"))
    values_after = read_snapshot(book).tabs
    cells_after = state(book)
    for title in ("Settings", "Weekly"):
        assert values_after[title] == values_before[title]
        assert cells_after[title] == cells_before[title]
    wb = load_workbook(book, data_only=True)
    assert wb["Weekly"]["D2"].value == "=looks like a formula"
    assert wb.calculation.fullCalcOnLoad


def test_shared_strings_with_markup_characters_survive(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "team.xlsx")
    wb = load_workbook(path)
    wb["Weekly"]["D3"] = "<b> & \"quotes\" 'x'"
    wb.save(path)
    to_shared_strings(path)
    XlsxStorage(path).apply(sample_plan("en"))
    assert read_snapshot(path).tabs["Weekly"][2][3] == "<b> & \"quotes\" 'x'"


def test_a_write_to_a_tab_the_splice_emptied_falls_back_to_the_full_save(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If `touched_titles` ever misses a tab `render_plan` writes, nothing is lost."""
    expected = book.with_name("expected.xlsx")
    expected.write_bytes(book.read_bytes())
    XlsxStorage(expected).apply(sample_plan("en"))
    monkeypatch.setattr(xlsx_splice, "touched_titles", lambda titles, plan: set())
    with pytest.raises(ValueError, match="not loaded"):
        xlsx_splice.apply_spliced(book, sample_plan("en"))
    XlsxStorage(book).apply(sample_plan("en"))  # the full openpyxl path takes over
    assert state(book)["Channels"] == state(expected)["Channels"]
