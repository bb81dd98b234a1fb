"""An export file's bytes → rows: encoding, delimiter and header row, found, not assumed.

Handles what the platforms actually send: UTF-8 with or without a BOM, UTF-16 with a BOM (Google
Ads' default "CSV", which is tab-separated), Windows-1251, semicolons with comma decimals (Yandex
Direct, VK Ads), commas (Meta, Mailchimp), and title lines above the header. The delimiter is the
one under which a header row naming the preset's columns appears. Splitting is the stdlib `csv`
module's.
"""

from __future__ import annotations

import codecs
import csv
import io

from rolemap.core.model.snapshot import Grid
from rolemap.core.sources.presets import Preset
from rolemap.core.sources.table import NoHeaderError, SourceTable, locate_header, read_table

DELIMITERS = ("\t", ";", ",", "|")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ExportError(ValueError):
    """The export cannot be read; the message is one line a marketer can act on."""


def decode(data: bytes) -> str:
    """The export's text. A BOM or NUL bytes say UTF-16; otherwise UTF-8, and failing that
    Windows-1251, in which Russian platforms and Excel's "CSV" still save. That fallback needs no
    detector library: 1251 decodes nearly any bytes, and the preset's header, which must then be
    found, is what tells a right guess from a wrong one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    head = data[:4096]
    if head.count(0) > len(head) // 4:  # UTF-16 without a BOM: every other byte is NUL
        return _decode(data, "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
    try:
        return _decode(data, "utf-8")
    except ExportError:
        return _decode(data, "cp1251", shown="UTF-8 or Windows-1251")


def _decode(data: bytes, encoding: str, shown: str = "") -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = shown or encoding.upper().removesuffix("-SIG")
        raise ExportError(f"the file is not {name} text; save it again as CSV UTF-8") from None
    if "\x00" in text:
        raise ExportError("the file is not a text export (binary content); export it as CSV")
    return text


def split_rows(text: str, preset: Preset, overrides: dict[str, str] | None = None) -> Grid:
    """The rows under the delimiter that reveals the preset's header; NoHeaderError if none does."""
    aliases = preset.aliases(overrides)
    best: tuple[int, Grid] | None = None
    for delimiter in DELIMITERS:
        rows: Grid = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
        try:
            _, cols = locate_header(rows, aliases)
        except NoHeaderError:
            continue
        if best is None or len(cols) > best[0]:
            best = (len(cols), rows)
    if best is None:
        raise NoHeaderError("no header row")
    return best[1]


def read_export(
    data: bytes, preset: Preset, overrides: dict[str, str] | None = None
) -> SourceTable:
    """Decode, split and read an export; ExportError with a one-line reason if unreadable."""
    text = decode(data)
    try:
        return read_table(split_rows(text, preset, overrides), preset, overrides)
    except NoHeaderError:
        raise ExportError(
            f"no header row found for {preset.title} in the first lines "
            f"(expected columns like {preset.expected_columns}); check --preset"
        ) from None
