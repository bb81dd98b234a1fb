# mypy: disable-error-code="list-item,arg-type,operator,type-var,unused-ignore,attr-defined"
# (hand-typed grids and exports: lists of str where the API takes any cell value)
"""Properties of export reading and of the Daily merge, over generated data (hypothesis)."""

from __future__ import annotations

import codecs
import datetime as dt
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.core.model.contract import load_contract
from rolemap.core.model.snapshot import Grid
from rolemap.core.sources.daily_merge import plan_merge
from rolemap.core.sources.exports import read_export
from rolemap.core.sources.presets import PRESETS

DAYS = st.dates(min_value=dt.date(2026, 10, 1), max_value=dt.date(2026, 11, 30))
CENTS = st.integers(min_value=0, max_value=10**9)
ROWS = st.lists(
    st.tuples(DAYS, st.sampled_from(["Бренд", "РСЯ | ретаргет", "Поиск; общий"]), CENTS,
              st.integers(min_value=0, max_value=10**7)),
    min_size=1,
    max_size=15,
)  # fmt: skip


def _ru_money(cents: int) -> str:
    whole, frac = divmod(cents, 100)
    return f"{whole:,}".replace(",", "\u00a0") + f",{frac:02d}"


@settings(max_examples=40, deadline=None)
@given(rows=ROWS, bom=st.booleans(), title=st.booleans())
def test_yandex_exports_read_back_exactly_what_was_written(
    rows: list[tuple[dt.date, str, int, int]], bom: bool, title: bool
) -> None:
    lines = ['"Статистика по кампаниям"'] if title else []
    lines.append("Дата;Кампания;Показы;Расход (руб.)")
    for day, campaign, cents, shows in rows:
        name = f'"{campaign}"' if ";" in campaign else campaign
        grouped = f"{shows:,}".replace(",", " ")
        lines.append(f"{day:%d.%m.%Y};{name};{grouped};{_ru_money(cents)}")
    lines.append("Итого;;-;-")
    data = ("\r\n".join(lines) + "\r\n").encode()
    table = read_export(codecs.BOM_UTF8 + data if bom else data, PRESETS["yandex_direct"])
    assert not table.bad
    assert table.totals == 1
    assert table.frame["campaign"].tolist() == [r[1] for r in rows]
    assert table.frame["impressions"].tolist() == [float(r[3]) for r in rows]
    assert [round(v * 100) for v in table.frame["spend"]] == [r[2] for r in rows]


def _apply(grid: Grid, writes: list[tuple[int, dict[str, Any]]], cols: dict[str, int]) -> Grid:
    out = [list(r) for r in grid]
    width = max(len(r) for r in out)
    for row, values in writes:
        while len(out) < row:
            out.append([None] * width)
        target = out[row - 1] + [None] * (width - len(out[row - 1]))
        for key, value in values.items():
            target[cols[key]] = value
        out[row - 1] = target
    return out


def _incoming(days: list[dt.date], channel: str) -> pd.DataFrame:
    unique = sorted(set(days))
    return pd.DataFrame(
        {
            "date": pd.to_datetime(unique),
            "channel": [channel] * len(unique),
            "spend": [float(d.day) for d in unique],
        }
    )


@settings(max_examples=40, deadline=None)
@given(
    typed=st.lists(st.tuples(DAYS, st.sampled_from(["Google Ads", "Blog"])), max_size=10),
    first=st.lists(DAYS, min_size=1, max_size=10),
    second=st.lists(DAYS, min_size=1, max_size=10),
)
def test_merging_twice_changes_nothing_and_no_day_is_ever_doubled(
    typed: list[tuple[dt.date, str]], first: list[dt.date], second: list[dt.date]
) -> None:
    contract = load_contract()
    header = [c.en for c in contract.tab("daily").columns]
    grid: Grid = [header, *([d, ch, 1] for d, ch in typed)]
    for days in (first, second):
        plan = plan_merge(grid, _incoming(days, "Google Ads"), contract)
        grid = _apply(grid, plan.writes, plan.cols)
        again = plan_merge(grid, _incoming(days, "Google Ads"), contract)
        assert _apply(grid, again.writes, again.cols) == grid
        assert again.added == 0
    lo, hi = min(second), max(second)
    ours = [r[0] for r in grid[1:] if r and r[1] == "Google Ads" and lo <= r[0] <= hi]
    assert sorted(ours) == sorted(set(second))
