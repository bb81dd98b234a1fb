"""Google prints its protos as proto3 JSON: fields holding their default are left out.

The emulator stores what clients send (a `hidden: false`, a `sheetId: 0` in a GridRange, empty
editor lists) so exports stay faithful; answers go through `omit_defaults` on their way out.
Not every zero is dropped: GridRange and DimensionRange indexes, `index`, and a sheet's own
`sheetId` have explicit presence in Google's protos and are printed even when 0, and empty
messages such as `editors: {}` or a black `rgbColor: {}` are printed too.
"""

from __future__ import annotations

from typing import Any

_ZERO_DROPPED = frozenset(
    {"sheetId", "red", "green", "blue", "alpha", "frozenRowCount", "frozenColumnCount"}
)


def omit_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for name, sub in value.items():
            if sub is None or sub is False or sub == "" or sub == []:
                continue
            if name in _ZERO_DROPPED and sub == 0 and not isinstance(sub, bool):
                continue
            out[name] = omit_defaults(sub)
        return out
    if isinstance(value, list):
        return [omit_defaults(v) for v in value]
    return value


def sheet_properties(props: dict[str, Any]) -> dict[str, Any]:
    """A sheet's own `sheetId` is printed even when it is 0."""
    out: dict[str, Any] = omit_defaults(props)
    if "sheetId" in props:
        out = {"sheetId": props["sheetId"], **out}
    return out
