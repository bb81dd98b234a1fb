"""A workbook with none of the input tabs is refused before anything is parsed or written."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.core.recalc import recalculate_snapshot
from rolemap.errors import NotRolemapSheetError, WorkbookError
from rolemap.pipeline import run
from tests.unit.sheet_builder import clean_team

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    "tabs",
    [{}, {"Sheet1": [["hello"]]}, {"Run log": [["When"]], "Notes": []}],
    ids=["no tabs", "hello", "only our outputs"],
)
def test_a_workbook_without_input_tabs_is_not_a_rolemap_sheet(tabs: dict[str, Grid]) -> None:
    with pytest.raises(NotRolemapSheetError) as caught:
        recalculate_snapshot(Snapshot(tabs=tabs, source="book.xlsx"), today=TODAY)
    error = caught.value
    assert isinstance(error, WorkbookError)
    assert (error.exit_code, error.status, error.code) == (1, 422, "not_a_rolemap_sheet")
    assert error.message.startswith("book.xlsx is not a Rolemap sheet")
    assert "\n" not in error.message


def test_the_pipeline_writes_nothing_to_a_foreign_workbook() -> None:
    storage = MemoryStorage({"Sheet1": [["hello"]]})
    with pytest.raises(NotRolemapSheetError):
        run(storage)
    assert storage.applied == []
    assert storage.tabs == {"Sheet1": [["hello"]]}


def test_one_input_tab_is_enough_the_rest_become_missing_tab_checks() -> None:
    snapshot = clean_team("ru").snapshot()
    only = {t: g for t, g in snapshot.tabs.items() if t == "Роли"}
    result = recalculate_snapshot(Snapshot(tabs=only), today=TODAY)
    missing = {c.tab for c in result.checks if c.code == "DATA-MISSING-TAB"}
    assert missing == {"Settings", "Channels", "Weekly", "Daily", "Stop rules"}
