"""Faults at each of the three Sheets API requests (issue 5, "Faults").

429, 500, 503, a timeout (the request is held longer than the client waits) and a dropped
connection, injected at the metadata `spreadsheets.get`, the `values:batchGet` and the one
`spreadsheets.batchUpdate`, once (transient) or until the retry bound runs out (persistent).
A transient fault must be retried and the result land exactly once (the sheet then equals the
sheet of a clean run: one set of rules, protections and charts). A persistent fault must end in a
clear `RolemapError` within the bound, with the sheet byte-for-byte unchanged.

The one honest exception: a write that timed out may still be applied by the server after the
client gave up (Google behaves the same). Then the error says so, and the sheet must be either
unchanged or exactly the clean result: never half-written, never doubled.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.errors import RolemapError, SheetsUnavailableError
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator, Fault
from tests.reliability.sheets import NOW, is_output, small_demo

REQUESTS = {"metadata": 1, "values": 2, "write": 3}
OPERATIONS = ["spreadsheets.get", "spreadsheets.values.batchGet", "spreadsheets.batchUpdate"]
RETRY_MAX = 1.2  # seconds; the client never waits less than 1 s for one answer
HELD_MS = 1300  # longer than the client's per-request timeout
FAULTS: dict[str, dict[str, Any]] = {
    "429": {"status": 429},
    "500": {"status": 500},
    "503": {"status": 503},
    "timeout": {"delay_ms": HELD_MS},
    "reset": {"reset": True},
}
_IDS = ("spreadsheetId", "protectedRangeId", "chartId")


def fast_settings(emulator: Emulator) -> Settings:
    return Settings(
        sheets_api_url=emulator.url,
        http_timeout_seconds=0.5,
        retry_base_seconds=0.01,
        retry_cap_seconds=0.05,
        retry_max_seconds=RETRY_MAX,
    )


def _recalc(emulator: Emulator, book: str) -> tuple[GoogleSheetStorage, dict[str, Any]]:
    storage = GoogleSheetStorage(book, fast_settings(emulator))
    return storage, run(storage, now=NOW).json


def seed(emulator: Emulator, book: str, *, recalculated: bool) -> None:
    emulator.seed_grid(book, small_demo("en"))
    if recalculated:  # a second run deletes our old rules, charts and merges: the risky write
        _recalc(emulator, book)


def frozen(export: dict[str, Any]) -> str:
    return json.dumps(export, sort_keys=True, ensure_ascii=False, default=repr)


def normalised(export: dict[str, Any]) -> Any:
    """The export without ids the server picks at random and the run's own duration."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in _IDS}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    out = strip(export)
    out["properties"].pop("title", None)
    for sheet in out["sheets"]:
        if sheet["properties"]["title"] == "Run log":
            for row in sheet["values"][1:]:
                if len(row) > 2:
                    row[2] = None  # duration in ms
    return out


def reference(emulator: Emulator, *, recalculated: bool) -> Any:
    """The sheet after a clean run, on a twin spreadsheet."""
    seed(emulator, "twin", recalculated=recalculated)
    _recalc(emulator, "twin")
    return normalised(emulator.export("twin"))


def settle(emulator: Emulator, storage: GoogleSheetStorage, book: str) -> None:
    """Wait until every request the client sent has been served (held ones included)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        served = [
            e for e in emulator.requests_log() if e["path"].startswith(f"/v4/spreadsheets/{book}")
        ]
        if len(served) >= storage.requests_made:
            return
        time.sleep(0.05)
    raise AssertionError("the emulator never served every request")


def assert_written_once(export: dict[str, Any]) -> None:
    for s in export["sheets"]:
        if is_output(s["properties"]["title"]):
            assert len(s["protectedRanges"]) == 1, s["properties"]["title"]
    charts = [c for s in export["sheets"] for c in s["charts"]]
    assert len({json.dumps(c["spec"], sort_keys=True) for c in charts}) == len(charts)


def _case(
    emulator: Emulator, fault: str, at: str, times: int, *, recalculated: bool
) -> tuple[Any, str, str, GoogleSheetStorage, RolemapError | None, float]:
    expected = reference(emulator, recalculated=recalculated)
    seed(emulator, "book", recalculated=recalculated)
    before = frozen(emulator.export("book"))
    emulator.clear_log()
    emulator.inject(Fault(nth=REQUESTS[at], times=times, **FAULTS[fault]))
    storage = GoogleSheetStorage("book", fast_settings(emulator))
    error: RolemapError | None = None
    started = time.monotonic()
    try:
        run(storage, now=NOW)
    except RolemapError as exc:
        error = exc
    elapsed = time.monotonic() - started
    settle(emulator, storage, "book")
    emulator.core.faults.clear()
    return expected, before, frozen(emulator.export("book")), storage, error, elapsed


@pytest.mark.parametrize("at", list(REQUESTS))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_transient_fault_is_retried_and_the_result_lands_exactly_once(
    emulator: Emulator, fault: str, at: str
) -> None:
    expected, _, _, storage, error, _ = _case(emulator, fault, at, 1, recalculated=False)
    assert error is None, error
    export = emulator.export("book")
    assert normalised(export) == expected
    assert_written_once(export)
    assert storage.retries >= 1
    ops = [e["operation"] for e in emulator.requests_log()]
    assert ops.count("spreadsheets.batchUpdate") == 1 + (at == "write")


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_transient_fault_on_the_write_of_a_recalculated_sheet_leaves_no_duplicates(
    emulator: Emulator, fault: str
) -> None:
    expected, _, _, _, error, _ = _case(emulator, fault, "write", 1, recalculated=True)
    assert error is None, error
    export = emulator.export("book")
    assert normalised(export) == expected
    assert_written_once(export)


PERSISTENT = [
    pytest.param(fault, at, recalculated, id=f"{fault}-{at}{'-recalculated' * recalculated}")
    for fault in FAULTS
    for at, recalculated in (
        ("metadata", False),
        ("values", False),
        ("write", False),
        ("write", True),  # reads do not depend on the sheet's history; the write does
    )
]


@pytest.mark.parametrize(("fault", "at", "recalculated"), PERSISTENT)
def test_a_persistent_fault_is_a_clear_error_within_the_bound(
    emulator: Emulator, fault: str, at: str, recalculated: bool
) -> None:
    expected, before, after, _, error, elapsed = _case(
        emulator, fault, at, 10_000, recalculated=recalculated
    )
    assert isinstance(error, SheetsUnavailableError), error
    assert "Google Sheets is not answering" in error.message
    # The bound, one held request, and the run's own work (slower on a loaded machine).
    assert elapsed < RETRY_MAX + HELD_MS / 1000 + 1.0
    if fault == "timeout" and at == "write":
        # The held write may land after the client gave up, and the message says so.
        assert "may or may not have landed" in error.message
        assert after == before or normalised(json.loads(after)) == expected
    else:
        assert "Nothing was written" in error.message or at == "write"
        assert after == before  # byte for byte


def test_a_retry_after_longer_than_the_bound_gives_up_at_once(emulator: Emulator) -> None:
    seed(emulator, "book", recalculated=False)
    before = frozen(emulator.export("book"))
    emulator.inject(Fault(nth=1, status=429, retry_after=3600))
    started = time.monotonic()
    with pytest.raises(SheetsUnavailableError, match="Nothing was written"):
        _recalc(emulator, "book")
    assert time.monotonic() - started < 1.0
    emulator.core.faults.clear()
    assert frozen(emulator.export("book")) == before


def test_a_short_retry_after_is_honoured(emulator: Emulator) -> None:
    seed(emulator, "book", recalculated=False)
    emulator.inject(Fault(nth=2, status=503, retry_after=1))
    patient = fast_settings(emulator).model_copy(update={"retry_max_seconds": 3.0})
    storage = GoogleSheetStorage("book", patient)
    started = time.monotonic()
    run(storage, now=NOW)
    assert time.monotonic() - started >= 1.0
    log = emulator.requests_log()
    assert [e["status"] for e in log] == [200, 503, 200, 200]
    assert [e["operation"] for e in log] == [OPERATIONS[0], OPERATIONS[1], *OPERATIONS[1:]]
