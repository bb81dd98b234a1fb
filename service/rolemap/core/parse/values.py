"""Cell value parsing (docs/contract.md §3 "Parsing rules"): numbers, dates and yes/no flags.

Scalar parsers return None for an empty cell and raise ValueError for an unreadable one.
Number text follows these rules:

* Spaces (incl. U+00A0, U+202F, U+2009) group thousands; then a single `.` or `,` is the decimal.
* With both `.` and `,` the last one is the decimal and the other groups thousands.
* One kind of mark repeated (`1,234,567`) groups thousands.
* A single `.` or `,` is ambiguous. It groups thousands only when exactly 3 digits follow and
  the integer part is 1-3 digits not starting with 0 (`1,234` and `1.234` are 1234); otherwise
  it is the decimal (`12,5`, `0,005`, `1234.567`). Both marks get the same rule, so one reading
  never depends on the sheet's locale.
* Thousand groups must be exactly 3 digits. `%` divides by 100; one currency sign or word
  (₽ $ € £, руб., р., RUB, USD, EUR) may lead or trail; `-`, `−`, `+` or `(…)` set the sign.

Dates: date/datetime objects, Sheets/Excel serials (epoch 1899-12-30, 1..2958465, fraction
ignored), `YYYY-MM-DD[ time]`, and day-first `DD.MM.YYYY`, `DD/MM/YYYY`, `DD-MM-YYYY` with a
2- or 4-digit year (00-29 → 20xx, 30-99 → 19xx, as in Sheets).

The column helpers treat None, blank text, NaN, NaT and pd.NA as empty, since pandas uses NaN
for missing; the scalar parsers reject NaN as a bad number.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api.types import infer_dtype

Column: TypeAlias = "Sequence[object] | npt.NDArray[Any] | pd.Series[Any]"
_EPOCH = dt.date(1899, 12, 30)
_EPOCH64 = np.datetime64("1899-12-30", "D")
_MAX_SERIAL = 2958465  # 9999-12-31
_NUMERIC_KINDS = {"floating", "integer", "mixed-integer-float"}
_BAD = object()  # cache marker for unreadable text
# Exact types, so bool (an int subclass) goes through the scalar parser and is rejected.
_FAST_TYPES = {float, int, np.float64, np.float32, np.int64, np.int32}

_CUR = r"(?:[₽$€£]|руб\.?|р\.?|rub|rur|usd|eur)"
_NUMBER_RE = re.compile(
    rf"""\A(?P<open>\()?\s*(?P<s1>[-+−])?\s*(?P<c1>{_CUR})?\s*(?P<s2>[-+−])?\s*
    (?P<body>[0-9.,][0-9.,\s]*)(?P<exp>[eE][-+]?[0-9]+)?\s*
    (?P<pct>%)?\s*(?P<c2>{_CUR})?\s*(?P<close>\))?\Z""",
    re.IGNORECASE | re.VERBOSE,
)
_GROUPED = {m: re.compile(rf"[0-9]{{1,3}}(?:{re.escape(m)}[0-9]{{3}})+") for m in ".,"}
_SPACE = re.compile(r"\s")
_NON_DIGIT = re.compile(r"[^0-9]")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?:\s[0-9]{3})+")
_TIME = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[-+][0-9]{2}:?[0-9]{2})?)?"
_ISO_RE = re.compile(rf"([0-9]{{4}})-([0-9]{{1,2}})-([0-9]{{1,2}}){_TIME}")
_DMY_RE = re.compile(rf"([0-9]{{1,2}})([./-])([0-9]{{1,2}})\2([0-9]{{4}}|[0-9]{{2}}){_TIME}")
_TRUE = {"yes", "y", "true", "1", "да", "д", "✓", "✔", "x", "х"}  # the last is Cyrillic х
_FALSE = {"no", "n", "false", "0", "нет", "н"}


def _float_or_inf(value: Any) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _text(value: str) -> str | None:
    """Strip a text cell; None if blank. Spreadsheet errors (#N/A, #REF!) are unreadable."""
    text = value.strip()
    if not text:
        return None
    if text.startswith("#") or len(text) > 100:  # long text: no cell value, and bounds regex work
        raise ValueError(f"not a value: {value!r:.60}")
    return text


def _canonical(body: str, original: str) -> str:
    """Turn the digits-and-marks part into `int.frac`, following the module rules."""
    dots, commas = body.count("."), body.count(",")
    grouping: re.Pattern[str] | None = None
    int_part, dec, frac = body, "", ""
    if _SPACE.search(body):
        if dots + commas > 1:
            raise ValueError(f"not a number: {original!r:.60}")
        grouping = _SPACE_GROUPED
        if dots + commas:
            int_part, dec, frac = body.partition("." if dots else ",")
    elif dots and commas:
        int_part, dec, frac = body.rpartition("." if body.rindex(".") > body.rindex(",") else ",")
        grouping = _GROUPED["," if dec == "." else "."]
    elif dots + commas > 1:
        grouping = _GROUPED["." if dots else ","]
    elif dots + commas:
        int_part, dec, frac = body.partition("." if dots else ",")
        if len(frac) == 3 and 1 <= len(int_part) <= 3 and int_part[0] != "0":
            int_part, dec, frac = int_part + frac, "", ""
    # A decimal mark needs digits after it (`5.` is rejected); groups must be exactly 3 digits.
    if (grouping and not grouping.fullmatch(int_part)) or (dec and not frac.isdigit()):
        raise ValueError(f"not a number: {original!r:.60}")
    digits = _NON_DIGIT.sub("", int_part) if grouping else int_part
    return f"{digits or '0'}.{frac or '0'}"


def parse_number(value: object) -> float | None:
    """Read a number cell; None if empty, ValueError if unreadable (see module docstring)."""
    if isinstance(value, str):
        text = _text(value)
        if text is None:
            return None
        m = _NUMBER_RE.match(text)
        if (
            m is None
            or bool(m["open"]) != bool(m["close"])
            or (m["s1"] and m["s2"])
            or (m["c1"] and m["c2"])
            or (m["open"] and (m["s1"] or m["s2"]))
            or (m["pct"] and (m["c1"] or m["c2"]))
        ):
            raise ValueError(f"not a number: {value!r:.60}")
        number = float(_canonical(m["body"].strip(), value) + (m["exp"] or ""))
        if m["pct"]:
            number /= 100
        if m["open"] or (m["s1"] or m["s2"]) in ("-", "−"):
            number = -number
    elif value is None:
        return None
    elif isinstance(value, numbers.Real | Decimal) and not isinstance(value, bool | np.bool_):
        number = _float_or_inf(value)
    else:  # text, a number, or empty: anything else (a bool, a date) is a bad number
        raise ValueError(f"not a number: {value!r:.60}")
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r:.60}")
    return number + 0.0  # -0.0 → 0.0


def _serial_date(serial: float) -> dt.date:
    if not (math.isfinite(serial) and 1 <= serial < _MAX_SERIAL + 1):
        raise ValueError(f"serial date out of range: {serial!r}")
    return _EPOCH + dt.timedelta(days=math.floor(serial))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 30 else 1900
    return year


def parse_date(value: object) -> dt.date | None:
    """Read a date cell; None if empty, ValueError if unreadable (see module docstring)."""
    if isinstance(value, str):
        return _text_date(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if pd.isna(value):
            raise ValueError("not a date: NaT")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool | np.bool_):
        raise ValueError(f"not a date: {value!r:.60}")
    if isinstance(value, numbers.Real | Decimal):
        return _serial_date(_float_or_inf(value))
    raise ValueError(f"not a date: {value!r:.60}")


def _text_date(value: str) -> dt.date | None:
    text = _text(value)
    if text is None:
        return None
    if m := _ISO_RE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY_RE.fullmatch(text):
        year, month, day = _year(m[4]), int(m[3]), int(m[1])
    else:
        raise ValueError(f"not a date: {value!r:.60}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"no such date: {value!r:.60}") from None


def parse_bool(value: object) -> bool | None:
    """Read a yes/no cell (yes/no, да/нет, true/false, 1/0, y/n, д/н, ✓, x); None if empty."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Real) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if not text:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(f"not yes or no: {value!r:.60}")


def _floats(arr: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """Numeric cells as float64; an int too large for a float becomes inf (then bad)."""
    try:
        return arr.astype(np.float64)
    except OverflowError:
        return np.array([_float_or_inf(v) for v in arr], dtype=np.float64)


def _split(values: Column) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_] | None]:
    """Flat array of the cells, and a mask of plain numeric cells (None if all are)."""
    if isinstance(values, pd.Series):
        values = values.to_numpy()
    arr = values.ravel() if isinstance(values, np.ndarray) else np.array(values, dtype=object)
    if arr.dtype.kind == "M":  # datetime64: as datetime objects, NaT as None
        arr = arr.astype("datetime64[us]").astype(object)
    if arr.dtype.kind in "fiu" or infer_dtype(arr, skipna=False) in _NUMERIC_KINDS:
        return arr, None
    if arr.dtype != object:
        arr = arr.astype(object)
    fast = np.fromiter(map(_FAST_TYPES.__contains__, map(type, arr)), dtype=bool, count=arr.size)
    return arr, fast


def _slow(
    arr: npt.NDArray[Any], mask: npt.NDArray[np.bool_], parse: Callable[[object], Any]
) -> tuple[list[int], list[Any], list[int]]:
    """Parse the masked non-missing cells one by one: (good indices, values, bad indices).

    Repeated text and dates are parsed once, since sheets repeat values (a million Daily rows
    hold a few hundred distinct dates).
    """
    idx = np.flatnonzero(mask & ~pd.isna(arr))
    cache: dict[object, Any] = {}
    good: list[int] = []
    values: list[Any] = []
    bad: list[int] = []
    for i, value in zip(idx.tolist(), arr[idx].tolist(), strict=True):
        if isinstance(value, str | dt.date) and value in cache:
            result = cache[value]
        else:
            try:
                result = parse(value)
            except ValueError:
                result = _BAD
            if isinstance(value, str | dt.date):
                cache[value] = result
        if result is _BAD:
            bad.append(i)
        elif result is not None:
            good.append(i)
            values.append(result)
    return good, values, bad


def parse_number_column(
    values: Column,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Parse a column of number cells: (values with NaN for empty or bad, bad mask)."""
    arr, fast = _split(values)
    if fast is None:
        out = _floats(arr)
        return np.where(np.isinf(out), np.nan, out), np.isinf(out)
    out = np.full(arr.size, np.nan)
    out[fast] = _floats(arr[fast])
    bad = np.isinf(out)
    out[bad] = np.nan
    if not fast.all():
        good, parsed, bad_idx = _slow(arr, ~fast, parse_number)
        out[good] = parsed
        bad[bad_idx] = True
    return out, bad


def _serials(
    arr: npt.NDArray[Any],
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    x = _floats(arr)
    with np.errstate(invalid="ignore"):
        ok = (x >= 1) & (x < _MAX_SERIAL + 1)
    out = np.full(x.size, np.datetime64("NaT"), dtype="datetime64[D]")
    out[ok] = _EPOCH64 + np.floor(x[ok]).astype(np.int64).astype("timedelta64[D]")
    return out, ~ok & ~np.isnan(x)


def parse_date_column(
    values: Column,
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """Parse a column of date cells: (datetime64[D] with NaT for empty or bad, bad mask)."""
    arr, fast = _split(values)
    if fast is None:
        return _serials(arr)
    out = np.full(arr.size, np.datetime64("NaT"), dtype="datetime64[D]")
    bad = np.zeros(arr.size, dtype=bool)
    out[fast], bad[fast] = _serials(arr[fast])
    if not fast.all():
        good, parsed, bad_idx = _slow(arr, ~fast, parse_date)
        out[good] = np.array(parsed, dtype="datetime64[D]")
        bad[bad_idx] = True
    return out, bad
