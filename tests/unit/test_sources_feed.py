"""The Sources tab: raw tabs summed per day and channel, and what a marketer sees when it is off."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.core.model.snapshot import CellValue, Grid
from rolemap.core.parse.inputs import read_inputs
from tests.unit.sheet_builder import ShownInputs, clean_team, shown

HEADER = ["Tab", "Preset", "Channel", "Campaign contains", "Date column", "Spend column"]
RAW: Grid = [
    ["Report"],
    ["Day", "Campaign", "Cost", "Clicks"],
    [dt.date(2026, 11, 23), "Brand", 100, 3],
    [dt.date(2026, 11, 23), "Generic", 50, 2],
    [dt.date(2026, 11, 24), "Brand", 70, 1],
    ["Total: Account", "", 220, 6],
]


def _inputs(sources: list[list[CellValue]], raw: Grid = RAW, **daily: object) -> ShownInputs:
    builder = clean_team()
    if daily:
        builder.daily(dt.date(2026, 11, 23), "Google Ads", **daily)
    snapshot = builder.snapshot()
    snapshot.tabs["Sources"] = [list(HEADER), *sources]
    snapshot.tabs["Ads raw"] = raw
    inputs = read_inputs(snapshot)
    fields = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    return ShownInputs(**(fields | {"checks": shown(inputs.checks, inputs)}))


def _codes(inputs: ShownInputs) -> list[str]:
    return [c.code for c in inputs.checks]


def test_a_fixed_channel_gets_the_raw_rows_summed_per_day() -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "google ads", "", "", ""]])
    got = inputs.daily_sum[["channel", "spend", "clicks"]].to_dict("records")
    assert got == [
        {"channel": "Google Ads", "spend": 150.0, "clicks": 5.0},
        {"channel": "Google Ads", "spend": 70.0, "clicks": 1.0},
    ]
    assert _codes(inputs) == []


def test_campaign_rules_split_a_raw_tab_and_the_catch_all_takes_the_rest() -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "Blog", "brand=Google Ads", "", ""]])
    by_channel = inputs.daily_sum.groupby("channel")["spend"].sum().to_dict()
    assert by_channel == {"Google Ads": 170.0, "Blog": 50.0}


def test_no_preset_needs_only_the_columns_named_in_the_row() -> None:
    raw: Grid = [["When", "Money"], ["2026-11-23", "1 200,50"]]
    inputs = _inputs([["Ads raw", "", "Google Ads", "", "When", "Money"]], raw=raw)
    assert inputs.daily_sum["spend"].tolist() == [1200.5]


def test_a_typed_day_wins_over_the_source_with_one_warning() -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "Google Ads", "", "", ""]], spend=999)
    spend = dict(zip(inputs.daily_sum["date"].dt.day, inputs.daily_sum["spend"], strict=True))
    assert spend == {23: 999.0, 24: 70.0}
    (check,) = [c for c in inputs.checks if c.code == "SRC-DOUBLE-FEED"]
    assert check.severity == "warning"
    assert check.tab == "Daily"
    assert "Daily!A2" in check.fix
    assert "Ads raw" in check.message


def test_each_sources_mistake_names_its_cell() -> None:
    inputs = _inputs(
        [
            ["Nope", "Google Ads", "Google Ads", "", "", ""],
            ["Ads raw", "TikTok", "Google Ads", "", "", ""],
        ]
    )
    messages = {c.code: c.message for c in inputs.checks}
    assert "Sources!A2" in messages["SRC-UNKNOWN-TAB"]
    assert "Sources!B3" in messages["SRC-UNKNOWN-PRESET"]


def test_a_sources_row_naming_one_of_rolemaps_own_tabs_is_refused_and_counts_nothing() -> None:
    inputs = _inputs(
        [
            ["Daily", "", "Google Ads", "", "Date", "Spend"],
            ["  стоп-флаги ", "", "Google Ads", "", "", ""],
            ["Ads raw", "Google Ads", "Google Ads", "", "", ""],
        ]
    )
    own = [c for c in inputs.checks if c.code == "SRC-OWN-TAB"]
    assert [(c.severity, c.row) for c in own] == [("error", 2), ("error", 3)]
    assert "Sources!A2" in own[0].message
    assert '"Daily"' in own[0].message
    assert inputs.daily_sum["spend"].sum() == 220.0  # only the raw tab's rows


def test_rules_that_are_not_rules_and_rows_without_a_channel_are_reported() -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "", "brand; generic=", "", ""]])
    assert _codes(inputs).count("SRC-BAD-RULE") == 2
    assert "SRC-NO-CHANNEL" in _codes(inputs)


def test_a_raw_tab_without_the_presets_header_is_one_error() -> None:
    inputs = _inputs([["Ads raw", "Mailchimp", "Google Ads", "", "", ""]])
    (check,) = inputs.checks
    assert check.code == "SRC-NO-HEADER"
    assert "Send Date" in check.fix


def test_an_unknown_channel_in_sources_points_at_its_cell() -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "TikTok", "", "", ""]])
    (check,) = inputs.checks
    assert check.code == "DATA-UNKNOWN-CHANNEL"
    assert "Sources!C2" in check.message


def test_bad_raw_cells_are_data_checks_on_the_raw_tab() -> None:
    raw = [list(r) for r in RAW]
    raw[2][2] = "a lot"
    raw[3][0] = "yesterday"
    inputs = _inputs([["Ads raw", "Google Ads", "Google Ads", "", "", ""]], raw=raw)
    assert [(c.code, c.tab, c.row) for c in inputs.checks] == [
        ("DATA-BAD-NUMBER", "Ads raw", 3),
        ("DATA-BAD-DATE", "Ads raw", 4),
    ]
    assert "'Ads raw'!C3" in inputs.checks[0].message
    assert inputs.daily_sum["spend"].tolist() == [70.0]


CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.sampled_from(["Day", "Cost", "Campaign", "Total", "Итого", "-", "1 234,5", "brand"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.lists(st.lists(CELLS, max_size=6), max_size=12),
    rule=st.sampled_from(["", "brand=Google Ads", "x=Nope; =", "brand"]),
)
def test_any_raw_tab_gives_checks_never_a_crash(raw: Grid, rule: str) -> None:
    inputs = _inputs([["Ads raw", "Google Ads", "Google Ads", rule, "", ""]], raw=raw)
    for check in inputs.checks:
        assert check.tab in {"Sources", "Ads raw", "Daily"}
    assert set(inputs.daily_sum["channel"]) <= {"Google Ads"}
