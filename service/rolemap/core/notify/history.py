"""What earlier runs already told people, read back from the output tabs they left.

Stateless on purpose: the previous `Checks` tab and the `Run log`'s `As of` dates are all the
memory notifications need, so nothing is stored outside the sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rolemap.core.model.contract import Contract, normalize
from rolemap.core.model.snapshot import Grid
from rolemap.core.parse.values import parse_date


def _column(header: Sequence[object], names: frozenset[str]) -> int | None:
    for i, value in enumerate(header):
        if isinstance(value, str) and normalize(value) in names:
            return i
    return None


def check_key(code: str, message: str) -> tuple[str, str]:
    """A check is "the same" across runs when its code and problem text are."""
    return (normalize(code), normalize(message))


def previous_checks(grid: Grid | None, contract: Contract) -> frozenset[tuple[str, str]]:
    """(code, problem) of every row the previous written run left in the `Checks` tab."""
    if not grid:
        return frozenset()
    header = list(grid[0])
    code = _column(header, _names(contract, "checks", "code"))
    problem = _column(header, _names(contract, "checks", "problem"))
    if code is None or problem is None:
        return frozenset()
    keys = set()
    for row in grid[1:]:
        if len(row) > max(code, problem) and row[code] and row[problem]:
            keys.add(check_key(str(row[code]), str(row[problem])))
    return frozenset(keys)


def logged_dates(grid: Grid | None, contract: Contract) -> frozenset[dt.date]:
    """The `As of` dates of the written runs in the previous `Run log`."""
    if not grid:
        return frozenset()
    col = _column(list(grid[0]), _names(contract, "runlog", "as_of"))
    if col is None:
        return frozenset()
    dates = set()
    for row in grid[1:]:
        if len(row) > col:
            try:
                day = parse_date(row[col])
            except ValueError:
                continue
            if day is not None:
                dates.add(day)
    return frozenset(dates)


def _names(contract: Contract, output: str, column: str) -> frozenset[str]:
    spec = next(c for c in contract.output(output).columns if c.key == column)
    return frozenset({normalize(spec.en), normalize(spec.ru), normalize(spec.key)})
