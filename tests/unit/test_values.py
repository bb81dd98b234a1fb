"""Cell parsing (docs/contract.md §3 "Parsing rules"): examples per format, then properties."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.parse.values import (
    parse_bool,
    parse_date,
    parse_date_column,
    parse_number,
    parse_number_column,
)

# --- numbers: examples ---------------------------------------------------------------------


def test_number_accepts_real_numbers() -> None:
    assert parse_number(3) == 3.0
    assert parse_number(2.5) == 2.5
    assert parse_number(np.int64(7)) == 7.0
    assert parse_number(Decimal("1.25")) == 1.25


@pytest.mark.parametrize("sep", [" ", "\u00a0", "\u202f", "\u2009"])
def test_number_with_space_thousands_and_comma_decimal(sep: str) -> None:
    assert parse_number(f"1{sep}234,56") == 1234.56
    assert parse_number(f"1{sep}234{sep}567") == 1234567


def test_number_with_nbsp_thousands_and_comma_decimal() -> None:
    assert parse_number("12\u00a0345\u00a0678,9") == 12345678.9


def test_number_us_style() -> None:
    assert parse_number("1,234.56") == 1234.56
    assert parse_number("1,234,567.5") == 1234567.5
    assert parse_number("1234.5") == 1234.5


def test_number_dot_thousands_and_comma_decimal() -> None:
    assert parse_number("1.234,56") == 1234.56
    assert parse_number("1.234.567") == 1234567


def test_number_percent_is_a_fraction() -> None:
    assert parse_number("12,5%") == pytest.approx(0.125)
    assert parse_number("100%") == 1.0
    assert parse_number("-3 %") == pytest.approx(-0.03)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 000 ₽", 3000),
        ("$1,200", 1200),
        ("€1.200,50", 1200.5),
        ("1200 руб.", 1200),
        ("1200 РУБ", 1200),
        ("1 200 р.", 1200),
        ("USD 1200", 1200),
        ("1200 rub", 1200),
        ("-$1,200", -1200),
        ("$-1,200", -1200),
        ("($1,200)", -1200),
    ],
)
def test_number_with_currency(text: str, expected: float) -> None:
    assert parse_number(text) == expected


def test_number_signs() -> None:
    assert parse_number("-5") == -5
    assert parse_number("−5") == -5  # U+2212
    assert parse_number("+5") == 5
    assert parse_number("(1 200)") == -1200
    assert parse_number("- 5") == -5


def test_number_negative_zero_is_zero() -> None:
    assert math.copysign(1, parse_number("-0") or 0.0) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", 1234),  # 3 digits after, 1-3 before: thousands
        ("1.234", 1234),  # same rule for a dot
        ("123,456", 123456),
        ("12,5", 12.5),
        ("0,5", 0.5),
        ("1,5", 1.5),
        ("0.005", 0.005),  # integer part 0: decimal
        ("0,005", 0.005),
        ("1234,567", 1234.567),  # 4-digit integer part: decimal
        ("1,2345", 1.2345),
        (",5", 0.5),
        (".5", 0.5),
        ("1,5e3", 1500),
    ],
)
def test_number_single_separator_ambiguity_rule(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


def test_number_surrounding_whitespace() -> None:
    assert parse_number("  42 \n") == 42


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0", "\t"])
def test_number_empty_is_none(empty: object) -> None:
    assert parse_number(empty) is None


@pytest.mark.parametrize(
    "bad",
    [
        "#N/A",
        "#DIV/0!",
        "#REF!",
        "#VALUE!",
        "abc",
        "12abc",
        "1,2.3",
        "1.234,5.6",
        "1,2,3",
        "12 34",
        "1 234.5,6",
        "5.",
        ".",
        "--5",
        "(-5)",
        "(5",
        "$5 руб",
        "5%$",
        "1 234 ,5",
        "1e",
        "١٢٣",  # Arabic-Indic digits
    ],
)
def test_number_unreadable_text_raises(bad: str) -> None:
    with pytest.raises(ValueError, match="not"):
        parse_number(bad)


@pytest.mark.parametrize(
    "bad",
    [True, False, np.bool_(True), float("nan"), float("inf"), -math.inf, 10**400],
)
def test_number_bools_nan_inf_and_overflow_raise(bad: object) -> None:
    with pytest.raises(ValueError, match="not"):
        parse_number(bad)


@pytest.mark.parametrize(
    "bad", [dt.date(2026, 1, 1), dt.datetime(2026, 1, 1), pd.Timestamp("2026-01-01"), [1]]
)
def test_number_dates_and_other_types_raise(bad: object) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(bad)


# --- dates: examples -----------------------------------------------------------------------

NOV_23 = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-23",
        "2026-11-23 00:00:00",
        "2026-11-23T10:30:00Z",
        "23.11.2026",
        "23/11/2026",
        "23.11.26",
        "23-11-2026",
        "  23.11.2026 ",
        "23.11.2026 14:05",
    ],
)
def test_date_text_formats_day_first(text: str) -> None:
    assert parse_date(text) == NOV_23


def test_date_objects() -> None:
    assert parse_date(NOV_23) == NOV_23
    assert parse_date(dt.datetime(2026, 11, 23, 23, 59)) == NOV_23
    assert parse_date(pd.Timestamp("2026-11-23 08:00")) == NOV_23


def test_date_serial_numbers_ignore_time_fraction() -> None:
    assert parse_date(46349) == NOV_23
    assert parse_date(46349.99) == NOV_23
    assert parse_date(np.float64(46349.5)) == NOV_23
    assert parse_date(1) == dt.date(1899, 12, 31)
    assert parse_date(2958465) == dt.date(9999, 12, 31)


def test_date_two_digit_year_pivot() -> None:
    assert parse_date("01.01.29") == dt.date(2029, 1, 1)
    assert parse_date("01.01.30") == dt.date(1930, 1, 1)


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_date_empty_is_none(empty: object) -> None:
    assert parse_date(empty) is None


@pytest.mark.parametrize(
    "bad",
    [
        "31.02.2026",
        "2026-13-01",
        "23.11-2026",
        "46349",
        "tomorrow",
        "#N/A",
        "11/23/2026",  # month-first: month 23 does not exist
        0,
        -5,
        2958466,
        True,
        float("nan"),
        float("inf"),
        10**400,
        pd.NaT,
    ],
)
def test_date_unreadable_raises(bad: object) -> None:
    with pytest.raises(ValueError, match=r"not|date"):
        parse_date(bad)


# --- booleans ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["yes", "Yes", "Y", "true", "TRUE", "1", "да", "Да", "д", "✓", "x", "X", "х"]
)
def test_bool_true_words(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["no", "No", "n", "false", "0", "нет", "НЕТ", "н"])
def test_bool_false_words(text: str) -> None:
    assert parse_bool(text) is False


def test_bool_real_values_and_empty() -> None:
    assert parse_bool(True) is True
    assert parse_bool(False) is False
    assert parse_bool(1) is True
    assert parse_bool(0.0) is False
    assert parse_bool(None) is None
    assert parse_bool("  ") is None


@pytest.mark.parametrize("bad", ["maybe", "2", 2, "yes!", dt.date(2026, 1, 1)])
def test_bool_other_values_raise(bad: object) -> None:
    with pytest.raises(ValueError, match="yes or no"):
        parse_bool(bad)


# --- column helpers: examples --------------------------------------------------------------


def test_number_column_all_floats_fast_path() -> None:
    values, bad = parse_number_column([1.5, 2, float("nan"), math.inf])
    assert values[:2].tolist() == [1.5, 2.0]
    assert np.isnan(values[2:]).all()
    assert bad.tolist() == [False, False, False, True]  # NaN is empty, inf is bad


def test_number_column_mixed_cells() -> None:
    cells: list[object] = [1.5, "1 234,5", None, "", "abc", True, "12,5%", "abc", pd.NA]
    values, bad = parse_number_column(cells)
    assert bad.tolist() == [False, False, False, False, True, True, False, True, False]
    np.testing.assert_allclose(
        values, [1.5, 1234.5, np.nan, np.nan, np.nan, np.nan, 0.125, np.nan, np.nan]
    )


def test_number_column_numpy_and_series_inputs() -> None:
    values, bad = parse_number_column(np.array([1, 2, 3]))
    assert values.dtype == np.float64
    assert values.tolist() == [1.0, 2.0, 3.0]
    assert not bad.any()
    values, bad = parse_number_column(pd.Series([1.0, None, 3.0]))
    assert bad.tolist() == [False, False, False]
    assert np.isnan(values[1])
    _, bad = parse_number_column(np.array([True, False]))
    assert bad.all()


def test_number_column_huge_int_is_bad() -> None:
    values, bad = parse_number_column([10**400, 1])
    assert bad.tolist() == [True, False]
    assert values[1] == 1


def test_number_column_empty_input() -> None:
    values, bad = parse_number_column([])
    assert values.shape == (0,)
    assert bad.shape == (0,)


def test_date_column_serials_fast_path() -> None:
    out, bad = parse_date_column([46349, 46349.75, float("nan"), 0, -3.0])
    assert out.dtype == np.dtype("datetime64[D]")
    assert out[:2].tolist() == [NOV_23, NOV_23]
    assert np.isnat(out[2:]).all()
    assert bad.tolist() == [False, False, False, True, True]


def test_date_column_mixed_cells() -> None:
    cells: list[object] = [
        46349,
        "23.11.2026",
        NOV_23,
        dt.datetime(2026, 11, 23, 9),
        None,
        " ",
        "bad",
        True,
        pd.NaT,
    ]
    out, bad = parse_date_column(cells)
    assert out[:4].tolist() == [NOV_23] * 4
    assert np.isnat(out[4:]).all()
    assert bad.tolist() == [False] * 6 + [True, True, False]


def test_date_column_datetime64_series() -> None:
    out, bad = parse_date_column(pd.Series(pd.to_datetime(["2026-11-23 10:00", "NaT"])))
    assert out[0] == np.datetime64("2026-11-23")
    assert np.isnat(out[1])
    assert not bad.any()


# --- properties ----------------------------------------------------------------------------

amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
currencies = st.sampled_from(["{} ₽", "{}₽", "${}", "{} руб.", "{} р.", "USD {}", "€{}", "{}"])


def _ru(x: float, decimals: int) -> str:
    """Russian style: NBSP thousands, comma decimal."""
    return f"{x:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


def _signed(template: str, x: float, body: str) -> str:
    return ("-" if x < 0 else "") + template.format(body)


@given(amounts, st.sampled_from([0, 1, 2, 4]), currencies)
def test_property_russian_style_round_trips(x: float, decimals: int, cur: str) -> None:
    text = _signed(cur, x, _ru(abs(x), decimals))
    assert parse_number(text) == pytest.approx(round(x, decimals), rel=1e-12, abs=1e-9)


@given(amounts, st.sampled_from([0, 1, 2, 4]), currencies)
def test_property_us_style_round_trips(x: float, decimals: int, cur: str) -> None:
    text = _signed(cur, x, f"{abs(x):,.{decimals}f}")
    assert parse_number(text) == pytest.approx(round(x, decimals), rel=1e-12, abs=1e-9)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.booleans())
def test_property_integers_round_trip(n: int, grouped: bool) -> None:
    text = f"{n:,}".replace(",", "\u00a0") if grouped else str(n)
    assert parse_number(text) == n
    assert parse_number(n) == n


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([1, 2]))
def test_property_percent_round_trips(x: float, decimals: int) -> None:
    text = _ru(x, decimals) + "%"
    assert parse_number(text) == pytest.approx(round(x, decimals) / 100, rel=1e-12, abs=1e-12)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_property_real_floats_pass_through(x: float) -> None:
    assert parse_number(x) == x


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
EPOCH = dt.date(1899, 12, 30)


@given(dates, st.sampled_from(["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M"]))
def test_property_date_text_round_trips(d: dt.date, fmt: str) -> None:
    assert parse_date(d.strftime(fmt)) == d


@given(dates, st.floats(min_value=0, max_value=0.999999))
def test_property_serial_dates_round_trip(d: dt.date, fraction: float) -> None:
    serial = (d - EPOCH).days
    assert parse_date(serial) == d
    assert parse_date(serial + fraction) == d


def _outcome(parse: Callable[[object], Any], value: object) -> tuple[str, Any]:
    try:
        return ("ok", parse(value))
    except ValueError:
        return ("bad", None)


@given(st.text(max_size=40))
def test_property_random_text_only_raises_value_error(text: str) -> None:
    for parse in (parse_number, parse_date, parse_bool):
        _outcome(parse, text)


@given(st.text(alphabet="0123456789 .,-−+()%$₽€р.руб\u00a0\u202feE#", max_size=20))
def test_property_number_like_text_only_raises_value_error(text: str) -> None:
    result = _outcome(parse_number, text)
    if result[0] == "ok" and result[1] is not None:
        assert math.isfinite(result[1])


number_cells = st.one_of(
    st.none(),
    st.just(""),
    st.just("  "),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    st.builds(lambda x: _ru(x, 2), amounts),
    st.builds(lambda x: f"${x:,.2f}", amounts),
    st.sampled_from(["12,5%", "abc", "#N/A", "1,234", "(1 200)", "23.11.2026"]),
    st.text(max_size=8),
    st.dates(),
)


@settings(max_examples=200)
@given(st.lists(number_cells, max_size=30))
def test_property_number_column_agrees_with_scalar(cells: list[object]) -> None:
    values, bad = parse_number_column(cells)
    assert values.shape == bad.shape == (len(cells),)
    for cell, value, is_bad in zip(cells, values.tolist(), bad.tolist(), strict=True):
        kind, expected = _outcome(parse_number, cell)
        assert is_bad == (kind == "bad"), cell
        if expected is None:
            assert math.isnan(value), cell
        else:
            assert value == expected, cell


@settings(max_examples=200)
@given(st.lists(st.floats(), max_size=30))
def test_property_number_column_of_floats_nan_is_empty(cells: list[float]) -> None:
    values, bad = parse_number_column(cells)
    for cell, value, is_bad in zip(cells, values.tolist(), bad.tolist(), strict=True):
        assert is_bad == math.isinf(cell)
        assert (math.isnan(value) and not math.isfinite(cell)) or value == cell


date_cells = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.integers(min_value=-10, max_value=3_000_000),
    st.floats(min_value=-10, max_value=3_000_000, allow_nan=False),
    st.builds(lambda d: d.strftime("%d.%m.%Y"), dates),
    st.builds(lambda d: d.isoformat(), dates),
    dates,
    st.datetimes(),
    st.sampled_from(["31.02.2026", "abc", "#REF!", "1 234"]),
    st.text(max_size=8),
)


@settings(max_examples=200)
@given(st.lists(date_cells, max_size=30))
def test_property_date_column_agrees_with_scalar(cells: list[object]) -> None:
    out, bad = parse_date_column(cells)
    assert out.dtype == np.dtype("datetime64[D]")
    for cell, value, is_bad in zip(cells, out.tolist(), bad.tolist(), strict=True):
        kind, expected = _outcome(parse_date, cell)
        assert is_bad == (kind == "bad"), cell
        assert value == expected, cell
