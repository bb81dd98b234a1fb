"""Colours as Google answers them.

Every colour comes twice: the legacy `Color` field and its `ColorStyle` twin. A format written
with only `backgroundColor` is read back with `backgroundColorStyle.rgbColor` too, and the other
way round; the emulator fills in whichever twin the writer left out.

Google keeps 8 bits per channel and prints them as 32-bit floats: a blue of 0.5 is read back as
0.49803922 (127/255), and a channel at 0 is left out. Red, green and blue are answered that way;
alpha is left be.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np

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


def _channel(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    # Truncated, not rounded: a blue of 0.5 comes back as 127/255 in recorded answers.
    stored = math.floor(min(max(float(value), 0.0), 1.0) * 255 + 1e-7) / 255
    shown = float(str(np.float32(stored)))  # the shortest text of the 32-bit float
    return int(shown) if shown.is_integer() else shown


def as_stored(value: Any) -> Any:
    """`value` with every RGB colour channel (keys `red`, `green`, `blue`) as Google stores it."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            shown = _channel(v) if k in ("red", "green", "blue") else as_stored(v)
            if k not in ("red", "green", "blue") or shown != 0:  # proto3 leaves out a 0
                out[k] = shown
        return out
    if isinstance(value, list):
        return [as_stored(v) for v in value]
    return value
