"""Google answers every colour twice: the legacy `Color` field and its `ColorStyle` twin.

A format written with only `backgroundColor` is read back with `backgroundColorStyle.rgbColor`
too, and the other way round; the emulator fills in whichever twin the writer left out.
"""

from __future__ import annotations

import copy
from typing import Any

_TWINS = (("backgroundColor", "backgroundColorStyle"),)
_TEXT_TWINS = (("foregroundColor", "foregroundColorStyle"),)


def _pair(fmt: dict[str, Any], twins: tuple[tuple[str, str], ...]) -> None:
    for legacy, style in twins:
        if legacy in fmt and style not in fmt:
            fmt[style] = {"rgbColor": copy.deepcopy(fmt[legacy])}
        elif style in fmt and legacy not in fmt and "rgbColor" in fmt[style]:
            fmt[legacy] = copy.deepcopy(fmt[style]["rgbColor"])


def with_twins(fmt: dict[str, Any]) -> dict[str, Any]:
    """A copy of a CellFormat with both forms of its background and text colours."""
    out = copy.deepcopy(fmt)
    _pair(out, _TWINS)
    if isinstance(out.get("textFormat"), dict):
        _pair(out["textFormat"], _TEXT_TWINS)
    return out
