"""Fault injection, latency and the request log, seen by plain HTTP clients."""

from __future__ import annotations

import time
from typing import Any

import gspread
import pytest
import requests

from sheets_emulator import Emulator


def test_injected_429_then_success_is_seen_by_a_plain_client(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    emulator.fail_nth(1, 429)
    url = f"{emulator.url}/v4/spreadsheets/book"

    first = requests.get(url, timeout=5)
    second = requests.get(url, timeout=5)

    assert first.status_code == 429
    assert first.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert second.status_code == 200


def test_faults_target_the_nth_request_and_repeat_times(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    emulator.fail_nth(2, 503, times=2)
    url = f"{emulator.url}/v4/spreadsheets/book"

    codes = [requests.get(url, timeout=5).status_code for _ in range(4)]

    assert codes == [200, 503, 503, 200]


def test_faults_can_be_injected_over_http_with_retry_after(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    planned = requests.post(
        f"{emulator.url}/_emulator/faults",
        json={"nth": 1, "status": 500, "retry_after": 3},
        timeout=5,
    )

    response = requests.get(f"{emulator.url}/v4/spreadsheets/book", timeout=5)

    assert planned.status_code == 200
    assert response.status_code == 500
    assert response.headers["Retry-After"] == "3"
    assert response.json()["error"]["status"] == "INTERNAL"


def test_a_reset_fault_drops_the_connection(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    emulator.inject({"reset": True})

    with pytest.raises(requests.ConnectionError):
        requests.get(f"{emulator.url}/v4/spreadsheets/book", timeout=5)
    assert requests.get(f"{emulator.url}/v4/spreadsheets/book", timeout=5).status_code == 200


def test_delay_fault_and_latency_slow_requests_down(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    url = f"{emulator.url}/v4/spreadsheets/book"
    emulator.inject({"delay_ms": 200})
    emulator.set_latency(50)

    started = time.perf_counter()
    requests.get(url, timeout=5)
    delayed = time.perf_counter() - started
    started = time.perf_counter()
    requests.get(url, timeout=5)
    plain = time.perf_counter() - started

    assert delayed >= 0.25
    assert 0.05 <= plain < 0.25


def test_latency_is_the_least_an_answer_takes_and_the_emulators_own_work_fits_within_it(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    serve = emulator.core._serve

    def slow_serve(*args: Any) -> Any:
        time.sleep(0.1)  # a big body's validation and apply
        return serve(*args)

    monkeypatch.setattr(emulator.core, "_serve", slow_serve)
    emulator.set_latency(300)
    started = time.perf_counter()
    requests.get(f"{emulator.url}/v4/spreadsheets/book", timeout=5)
    took = time.perf_counter() - started

    assert 0.3 <= took < 0.39  # not 0.3 + 0.1
    assert emulator.requests_log()[-1]["served_ms"] >= 100


def test_request_log_classifies_reads_and_writes(
    emulator: Emulator, emulator_client: gspread.Client
) -> None:
    emulator.seed_grid("book", {"Data": [["x"]]})
    book = emulator_client.open_by_key("book")
    book.values_batch_get(["Data!A1"])
    book.batch_update({"requests": [{"addSheet": {"properties": {"title": "New"}}}]})
    book.values_update("Data!B1", params={"valueInputOption": "RAW"}, body={"values": [[1]]})

    log = emulator.requests_log()
    over_http = requests.get(f"{emulator.url}/_emulator/requests", timeout=5).json()

    assert [(e["method"], e["path"], e["kind"], e["status"]) for e in log] == [
        ("GET", "/v4/spreadsheets/book", "read", 200),
        ("GET", "/v4/spreadsheets/book/values:batchGet", "read", 200),
        ("POST", "/v4/spreadsheets/book:batchUpdate", "write", 200),
        ("PUT", "/v4/spreadsheets/book/values/Data!B1", "write", 200),
    ]
    assert over_http == log
    requests.delete(f"{emulator.url}/_emulator/requests", timeout=5)
    assert emulator.requests_log() == []


def test_state_export_is_served_over_http(emulator: Emulator) -> None:
    emulator.seed_grid("book", {"Data": [["x", 1]]})

    state = requests.get(f"{emulator.url}/_emulator/spreadsheets/book", timeout=5).json()

    assert state == emulator.export("book")
    assert state["sheets"][0]["values"] == [["x", 1]]
