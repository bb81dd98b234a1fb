"""A1 notation parsing used by the emulator."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheets_emulator import a1
from sheets_emulator.errors import ApiError


@given(st.integers(min_value=0, max_value=18_277))
def test_column_letters_round_trip(index: int) -> None:
    assert a1.col_to_index(a1.index_to_col(index)) == index


@given(st.text(min_size=1, max_size=20).filter(lambda t: t.strip() == t and "!" not in t))
def test_quoted_sheet_titles_round_trip(title: str) -> None:
    parsed = a1.parse(f"{a1.quote_title(title)}!B2:C3", [])
    assert parsed == a1.A1Range(title, 1, 3, 1, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'My tab'!A1:B2", a1.A1Range("My tab", 0, 2, 0, 2)),
        ("'Bob''s'!C5", a1.A1Range("Bob's", 4, 5, 2, 3)),
        ("Стоп-правила", a1.A1Range("Стоп-правила")),
        ("'Стоп-правила'", a1.A1Range("Стоп-правила")),
        ("Data!A:C", a1.A1Range("Data", None, None, 0, 3)),
        ("Data!A2:F", a1.A1Range("Data", 1, None, 0, 6)),
        ("Data!2:4", a1.A1Range("Data", 1, 4, None, None)),
        ("B2:A1", a1.A1Range(None, 0, 2, 0, 2)),
    ],
)
def test_ranges_parse_to_half_open_boxes(text: str, expected: a1.A1Range) -> None:
    assert a1.parse(text, ["Стоп-правила", "Data"]) == expected


@pytest.mark.parametrize("text", ["'unclosed!A1", "Data!A0", "Data!A1:B2:C3", "Data!1A"])
def test_malformed_ranges_are_refused(text: str) -> None:
    with pytest.raises(ApiError, match="Unable to parse range"):
        a1.parse(text, ["Data"])
