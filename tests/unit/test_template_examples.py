"""The untouched template recalculates to one info line, not to errors about its examples."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from rolemap.core.model.contract import Lang
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.plan.template import template_layout
from rolemap.core.recalc import recalculate_snapshot

TODAY = dt.date(2026, 12, 2)


def _template(lang: Lang) -> dict[str, Grid]:
    return {
        tab.title: [[c.title for c in tab.columns], *[list(row) for row in tab.rows]]
        for tab in template_layout(lang)
    }


def _codes(tabs: dict[str, Grid]) -> list[tuple[str, str]]:
    result = recalculate_snapshot(Snapshot(tabs=tabs), today=TODAY)
    return [(c.severity, c.code) for c in result.checks]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_untouched_template_says_once_that_it_holds_examples(lang: Lang) -> None:
    result = recalculate_snapshot(Snapshot(tabs=_template(lang)), today=TODAY)
    (check,) = result.shown_checks
    assert (check.severity, check.code) == ("info", "TEMPLATE-EXAMPLES")
    assert template_layout(lang)[1].title in check.fix  # Roles, in the sheet's language
    assert result.flags == ()


def test_the_template_with_one_example_renamed_gets_the_normal_checks() -> None:
    tabs = copy.deepcopy(_template("en"))
    tabs["Roles"][1][1] = "Masha"
    codes = _codes(tabs)
    assert ("info", "TEMPLATE-EXAMPLES") not in codes
    assert any(severity == "error" for severity, _ in codes)


def test_a_row_of_the_teams_own_next_to_the_examples_gets_the_normal_checks() -> None:
    tabs = copy.deepcopy(_template("en"))
    tabs["Daily"].append([dt.date(2026, 12, 1), "Blog", 0])
    assert ("info", "TEMPLATE-EXAMPLES") not in _codes(tabs)


def test_settings_changes_alone_keep_the_template_untouched() -> None:
    tabs = copy.deepcopy(_template("en"))
    tabs["Settings"][4][1] = 0.5  # gross margin
    assert _codes(tabs) == [("info", "TEMPLATE-EXAMPLES")]


def test_an_example_rule_made_unreadable_is_reported_not_hidden() -> None:
    tabs = copy.deepcopy(_template("en"))
    tabs["Stop rules"][1][4] = "abc"  # the CPA threshold
    codes = _codes(tabs)
    assert ("info", "TEMPLATE-EXAMPLES") not in codes
    assert ("error", "DATA-BAD-NUMBER") in codes
