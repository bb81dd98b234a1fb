"""20 simultaneous recalculations of one sheet through the Flask service (issue 5, "Concurrency").

The service runs on werkzeug's threaded server on 127.0.0.1 with HMAC auth; its storage is the
Google adapter pointed at the Sheets API emulator. 20 threads are released together by a
barrier. Every request must succeed or get a clear JSON 409/429; afterwards the sheet must equal
a sheet recalculated once, apart from the run log (one row per successful run) and the Stop
flags `Status` column: no duplicated rules, protections or charts.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.pipeline import run
from rolemap.settings import Settings
from rolemap.web.auth import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign_hmac
from rolemap.web.serve import make_dev_server
from sheets_emulator import Emulator
from tests.reliability.sheets import is_output, small_demo

SECRET = "reliability-suite-secret"
BOOK = "concurrent-sheet_1"
CALLERS = 20
_IDS = ("spreadsheetId", "protectedRangeId", "chartId")


def service_settings(emulator: Emulator, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "sheets_api_url": emulator.url,
        "auth_mode": "hmac",
        "hmac_secret": SECRET,
        "allowed_spreadsheets": "",
        "rate_limit_per_minute": 100,
        "lock_wait_seconds": 60.0,
        "retry_base_seconds": 0.01,
        "retry_cap_seconds": 0.05,
        "retry_max_seconds": 5.0,
    }
    values.update(overrides)
    return Settings(**values)


class Service:
    """The real service on a free port, in a thread; stopped and joined on exit."""

    def __init__(self, settings: Settings) -> None:
        self.server = make_dev_server(
            settings,
            "127.0.0.1",
            0,
            storage_factory=lambda sheet: GoogleSheetStorage(sheet, settings),
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Service:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def service(emulator: Emulator) -> Iterator[Service]:
    with Service(service_settings(emulator)) as svc:
        yield svc


def recalculate(url: str, sheet: str) -> tuple[int, dict[str, Any]]:
    body = json.dumps({"spreadsheet_id": sheet, "dry_run": False}).encode()
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: sign_hmac(SECRET, stamp, body),
    }
    with requests.Session() as session:
        response = session.post(f"{url}/recalculate", data=body, headers=headers, timeout=60)
        try:
            return response.status_code, response.json()
        finally:
            response.close()


def all_at_once(url: str, sheet: str, n: int) -> list[tuple[int, dict[str, Any]]]:
    barrier = threading.Barrier(n)
    results: list[tuple[int, dict[str, Any]] | None] = [None] * n
    errors: list[BaseException] = []

    def call(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = recalculate(url, sheet)
        except BaseException as exc:  # reported below, never lost in a thread
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def normalised(export: dict[str, Any]) -> dict[str, Any]:
    """Everything but the run log, random server ids, and the Stop flags `Status` column."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in _IDS}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    sheets = {}
    for s in strip(export)["sheets"]:
        title = s["properties"]["title"]
        if title == "Run log":
            continue
        if title == "Stop flags":
            for row in s["values"][1:]:
                if len(row) > 10:
                    row[10] = None  # Status: new on the first run, ongoing after
        sheets[title] = s
    return sheets


def twin_recalculated(emulator: Emulator) -> dict[str, Any]:
    """The same sheet recalculated in sequence (twice: from the second run on, a rerun also
    resets the column widths it does not use to the default, so that is the steady state)."""
    emulator.seed_grid("twin", small_demo("en"))
    for _ in range(2):
        run(GoogleSheetStorage("twin", service_settings(emulator)))
    return emulator.export("twin")


def run_log(export: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in export["sheets"] if s["properties"]["title"] == "Run log")


def assert_one_set_of_everything(export: dict[str, Any], twin: dict[str, Any]) -> None:
    for ours, theirs in zip(export["sheets"], twin["sheets"], strict=True):
        title = ours["properties"]["title"]
        assert title == theirs["properties"]["title"]
        for key in ("conditionalFormats", "protectedRanges", "charts", "merges"):
            assert len(ours[key]) == len(theirs[key]), (title, key)
        if is_output(title):
            assert len(ours["protectedRanges"]) == 1, title


def test_twenty_simultaneous_recalculations_equal_one_apart_from_the_run_log(
    emulator: Emulator, service: Service
) -> None:
    emulator.seed_grid(BOOK, small_demo("en"))
    twin = twin_recalculated(emulator)

    results = all_at_once(service.url, BOOK, CALLERS)

    statuses = [status for status, _ in results]
    ok = [body for status, body in results if status == 200]
    refused = [body for status, body in results if status != 200]
    print(f"\n{len(ok)} of {CALLERS} simultaneous recalculations succeeded; statuses {statuses}")
    assert set(statuses) <= {200, 409, 429}, results
    for body in refused:
        assert set(body) == {"error"}, body
        assert body["error"]["message"], body
    assert ok, "not one recalculation succeeded"
    assert all(body["api_requests"] == 3 for body in ok)
    # Like a flag's status, the digests are news only to the first run that lands.
    varying = ("duration_ms", "flags", "notifications")
    first = {k: v for k, v in ok[0].items() if k not in varying}
    for body in ok[1:]:
        assert {k: v for k, v in body.items() if k not in varying} == first

    export = emulator.export(BOOK)
    assert normalised(export) == normalised(twin)
    assert_one_set_of_everything(export, twin)
    log_rows = run_log(export)["values"][1:]
    assert len(log_rows) == len(ok)
    writes = [
        e for e in emulator.requests_log() if e["path"].startswith(f"/v4/spreadsheets/{BOOK}")
    ]
    assert [e["operation"] for e in writes].count("spreadsheets.batchUpdate") == len(ok)


def test_two_service_instances_without_a_shared_lock_never_corrupt_the_sheet(
    emulator: Emulator,
) -> None:
    """Scaled out (two instances, each with its own in-process lock), simultaneous runs race for
    real: each write is one atomic batchUpdate, so a stale one is refused whole. Every response is
    a success or a clear JSON error, and the sheet is still exactly one run's result."""
    emulator.seed_grid(BOOK, small_demo("en"))
    twin = twin_recalculated(emulator)
    emulator.set_latency(20)  # widen the read-to-write window so the runs interleave
    settings = service_settings(emulator, retry_max_seconds=2.0)
    with Service(settings) as a, Service(settings) as b:
        results = all_at_once(a.url, BOOK, 10) + all_at_once(b.url, BOOK, 10)
        mixed = threading.Thread(target=lambda: results.extend(all_at_once(a.url, BOOK, 5)))
        mixed.start()
        results += all_at_once(b.url, BOOK, 5)
        mixed.join(timeout=120)
    emulator.set_latency(0)
    ok = [body for status, body in results if status == 200]
    for status, body in results:
        if status != 200:
            assert status in {409, 429, 502, 503}, (status, body)
            assert set(body) == {"error"}, body
            assert body["error"]["message"], body
    print(f"\ntwo instances: {len(ok)} of {len(results)} succeeded")
    assert ok
    export = emulator.export(BOOK)
    assert normalised(export) == normalised(twin)
    assert_one_set_of_everything(export, twin)
    assert len(run_log(export)["values"][1:]) == len(ok)
