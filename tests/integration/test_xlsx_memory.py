"""MemoryStorage: the test double behaves like a workbook across runs."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.contract import Lang
from rolemap.core.model.snapshot import Grid
from rolemap.core.plan.model import Cell, ColumnWrite, OutputTab, WritePlan


def _plan(lang: Lang, flag: str) -> WritePlan:
    flags = OutputTab(
        "flags",
        "Stop flags" if lang == "en" else "Стоп-флаги",
        ((Cell("Channel"), Cell("Action")), (Cell("Email"), Cell(flag))),
    )
    log = OutputTab(
        "runlog",
        "Run log" if lang == "en" else "Журнал",
        ((Cell("When"),), (Cell(dt.datetime(2026, 12, 14, 9)),)),
    )
    column = ColumnWrite(
        "Channels", 0, 2, "Flag (auto)" if lang == "en" else None, (Cell(None), Cell(flag))
    )
    return WritePlan(lang, (flags, log), (column,))


def test_memory_storage_round_trip() -> None:
    grids: dict[str, Grid] = {
        "Channels": [["Channel", "Owner"], ["Search", "Anna"], ["Email", "Oleg"]]
    }
    storage = MemoryStorage(grids)
    snap = storage.read()
    snap.tabs["Channels"][0][0] = "changed"  # a deep copy: the storage is untouched
    assert storage.read().tabs == grids

    storage.apply(_plan("en", "STOP"))
    after = storage.read()
    assert list(after.tabs) == ["Channels", "Stop flags", "Run log"]
    assert after.tabs["Stop flags"][1] == ["Email", "STOP"]
    assert after.tabs["Channels"] == [
        ["Channel", "Owner", "Flag (auto)"],
        ["Search", "Anna", None],
        ["Email", "Oleg", "STOP"],
    ]
    assert storage.applied == [_plan("en", "STOP")]
    assert storage.requests_made == 0
    assert grids["Channels"][0] == ["Channel", "Owner"]  # the caller's grids are not touched


def test_memory_storage_renames_on_language_switch_in_place() -> None:
    storage = MemoryStorage({"Channels": [["Channel", "Owner"], ["Email", "Oleg"]]})
    storage.apply(_plan("en", "STOP"))
    storage.apply(_plan("ru", "СТОП"))
    tabs = storage.read().tabs
    assert list(tabs) == ["Channels", "Стоп-флаги", "Журнал"]
    assert tabs["Channels"][0][2] == "Flag (auto)"  # header None: the existing one is kept
    assert tabs["Channels"][2][2] == "СТОП"


def test_memory_storage_rejects_a_missing_tab_and_changes_nothing() -> None:
    storage = MemoryStorage({"Other": [["x"]]})
    with pytest.raises(KeyError):
        storage.apply(_plan("en", "STOP"))
    assert list(storage.read().tabs) == ["Other"]
