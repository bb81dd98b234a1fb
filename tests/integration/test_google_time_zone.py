"""The sheet's own time zone decides "today": a Moscow team at 01:30 is on the next day."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.demo import build_demo
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator

LATE_EVENING_UTC = dt.datetime(2026, 11, 25, 22, 30, tzinfo=dt.UTC)


def _seed(emulator: Emulator, zone: str | None) -> GoogleSheetStorage:
    tabs = build_demo("en", dt.date(2026, 11, 25))
    tabs["Settings"] = [row for row in tabs["Settings"] if row and row[0] != "As of"]
    emulator.seed_grid("book", tabs)
    if zone is not None:
        emulator.core.store.get("book").properties["timeZone"] = zone
    return GoogleSheetStorage("book", Settings(sheets_api_url=emulator.url))


@pytest.mark.parametrize(
    ("zone", "today"),
    [("Europe/Moscow", "2026-11-26"), ("America/New_York", "2026-11-25"), (None, "2026-11-25")],
)
def test_as_of_is_today_in_the_sheets_time_zone(
    emulator: Emulator, zone: str | None, today: str
) -> None:
    storage = _seed(emulator, zone)
    outcome = run(storage, dry_run=True, now=LATE_EVENING_UTC)
    assert outcome.json["as_of"] == today


def test_the_snapshot_carries_the_sheets_time_zone(emulator: Emulator) -> None:
    storage = _seed(emulator, "Europe/Moscow")
    assert storage.read().time_zone == "Europe/Moscow"
