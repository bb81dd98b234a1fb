"""Pure helpers of the xlsx styling module."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.adapters.xlsx_styles import (
    argb,
    px_to_cm,
    px_to_width,
    quote_list,
    quote_text,
    unquote_text,
)


@given(st.text())
def test_quote_text_round_trips(text: str) -> None:
    assert unquote_text(quote_text(text)) == text


@pytest.mark.parametrize("formula", ["A1", '"a"b"', '"', "1", '"x" & "y"'])
def test_unquote_rejects_anything_but_one_literal(formula: str) -> None:
    assert unquote_text(formula) is None


def test_colour_and_size_conversions() -> None:
    assert argb("#f4c7c3") == "FFF4C7C3"
    assert px_to_width(140) == 20
    assert px_to_cm(96) == pytest.approx(2.54)


def test_dropdown_list_limits() -> None:
    assert quote_list(("Stop", "Review")) == '"Stop,Review"'
    with pytest.raises(ValueError, match="commas"):
        quote_list(("a,b",))
    with pytest.raises(ValueError, match="255"):
        quote_list(("x" * 300,))
