"""The emulator's brain, free of HTTP: route, validate, apply, log, inject faults."""

from __future__ import annotations

import gc
import json
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from sheets_emulator import batch_update, discovery, fields, formula_engine, spreadsheet, values
from sheets_emulator.errors import ApiError
from sheets_emulator.faults import Fault, FaultPlan
from sheets_emulator.state import Spreadsheet, Store, new_spreadsheet_id

_log = logging.getLogger(__name__)
_ID = r"(?P<id>[^/:]+)"
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(p), i)
    for m, p, i in (
        ("POST", r"^/v4/spreadsheets$", "spreadsheets.create"),
        ("GET", rf"^/v4/spreadsheets/{_ID}$", "spreadsheets.get"),
        ("POST", rf"^/v4/spreadsheets/{_ID}:batchUpdate$", "spreadsheets.batchUpdate"),
        ("POST", rf"^/v4/spreadsheets/{_ID}:getByDataFilter$", "spreadsheets.getByDataFilter"),
        ("GET", rf"^/v4/spreadsheets/{_ID}/values:batchGet$", "spreadsheets.values.batchGet"),
        (
            "POST",
            rf"^/v4/spreadsheets/{_ID}/values:batchUpdate$",
            "spreadsheets.values.batchUpdate",
        ),
        ("POST", rf"^/v4/spreadsheets/{_ID}/values:batchClear$", "spreadsheets.values.batchClear"),
        (
            "POST",
            rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+):clear$",
            "spreadsheets.values.clear",
        ),
        (
            "POST",
            rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+):append$",
            "spreadsheets.values.append",
        ),
        ("GET", rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+)$", "spreadsheets.values.get"),
        ("PUT", rf"^/v4/spreadsheets/{_ID}/values/(?P<range>.+)$", "spreadsheets.values.update"),
    )
]
READS = {
    "spreadsheets.get",
    "spreadsheets.getByDataFilter",
    "spreadsheets.values.get",
    "spreadsheets.values.batchGet",
}


@dataclass
class Answer:
    status: int
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    text: str = ""  # `body` as JSON, encoded within the latency like the rest of the work


def route(method: str, raw_path: str) -> tuple[str, str | None, str | None] | None:
    """(method id, spreadsheet id, A1 range) for a raw (still percent-encoded) path."""
    for http_method, pattern, method_id in ROUTES:
        m = pattern.match(raw_path)
        if m and http_method == method:
            groups = m.groupdict()
            rng = groups.get("range")
            return (
                method_id,
                unquote(groups["id"]) if groups.get("id") else None,
                (unquote(rng) if rng else None),
            )
    return None


class _CollectorPause:
    """The cyclic collector stays off while any request is being served.

    A big body decodes, validates and applies into ~10^5 young objects, each pass of the
    collector over them costs more than the work itself, and they hold no cycles: reference
    counting frees them. Counted, so concurrent requests resume it only when the last ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._resume = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        with self._lock:
            if self._active == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                if self._active == 0 and self._resume:
                    gc.enable()


_COLLECTOR = _CollectorPause()


class Core:
    def __init__(self, latency_ms: int = 0) -> None:
        self.store = Store()
        self.lock = threading.RLock()
        self.faults = FaultPlan()
        self.latency_ms = latency_ms
        self._log: list[dict[str, Any]] = []
        self._log_lock = threading.Lock()

    def requests_log(self) -> list[dict[str, Any]]:
        with self._log_lock:
            return [dict(e) for e in self._log]

    def clear_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def put(self, book: Spreadsheet) -> None:
        with self.lock:
            self.store.spreadsheets[book.spreadsheet_id] = book
        # A stored book is long-lived and acyclic (plain JSON values, freed by reference
        # counting), so the cyclic collector need not walk its ~10^6 objects on every request.
        gc.freeze()

    def handle(self, method: str, raw_path: str, query: dict[str, list[str]], raw: bytes) -> Answer:
        found = route(method, raw_path)
        read = found[0] in READS if found else method == "GET"
        fault = self.faults.next_request()
        if fault is not None and fault.delay_ms:  # a held request: Google slow to start on it
            time.sleep(fault.delay_ms / 1000)
        started = time.monotonic()
        with _COLLECTOR.paused():
            answer = self._answer(found, query, raw, fault, method, raw_path)
        served = time.monotonic() - started
        # `latency_ms` is how long an answer takes at least: the network and Google's own work.
        # The emulator's work happens within it, so a client sees the latency it asked for,
        # not the latency plus the time a Python emulator spends on a big body.
        if self.latency_ms > served * 1000:
            time.sleep(self.latency_ms / 1000 - served)
        entry = {
            "method": method,
            "path": unquote(raw_path),
            "kind": "read" if read else "write",
            "status": answer.status,
            "operation": found[0] if found else None,
            "time": time.time(),
            "served_ms": round(served * 1000, 1),
        }
        if fault is not None:
            entry["fault"] = True
        with self._log_lock:
            self._log.append(entry)
        return answer

    def _answer(
        self,
        found: tuple[str, str | None, str | None] | None,
        query: dict[str, list[str]],
        raw: bytes,
        fault: Fault | None,
        method: str,
        raw_path: str,
    ) -> Answer:
        if fault is not None and fault.reset:
            return Answer(0, reset=True)
        if fault is not None and fault.status is not None:
            answer = _fault_answer(fault)
        else:
            try:
                answer = Answer(200, self._serve(found, query, raw))
            except ApiError as err:
                answer = Answer(err.code, err.body())
            except Exception:  # an emulator bug must still look like Google's 500
                _log.exception("emulator failed on %s %s", method, raw_path)
                answer = Answer(500, ApiError(500, "Internal error encountered.").body())
        answer.text = json.dumps(answer.body, ensure_ascii=False)
        return answer

    def _serve(
        self,
        found: tuple[str, str | None, str | None] | None,
        query: dict[str, list[str]],
        raw: bytes,
    ) -> dict[str, Any]:
        if found is None:
            raise ApiError(404, "Method not found.")
        method_id, book_id, rng = found
        method = discovery.methods()[method_id]
        params = discovery.validate_query(method, query)
        body: dict[str, Any] = {}
        if method.request_schema:
            try:
                data = json.loads(raw.decode("utf-8")) if raw.strip() else {}
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, "Invalid JSON payload received. Unexpected token.") from None
            root = discovery.BODY_FIELD.get(method_id, "")
            body = discovery.validate_body(method.request_schema, data, root)
        with self.lock:
            result = self._apply(method_id, book_id, rng or "", params, body)
        if params.get("fields") and method_id != "spreadsheets.get":
            result = fields.apply(result, fields.parse(params["fields"]))
        return result

    def _apply(
        self, method_id: str, book_id: str | None, rng: str, params: dict[str, Any], body: Any
    ) -> dict[str, Any]:
        if method_id == "spreadsheets.create":
            book = spreadsheet.create(new_spreadsheet_id(), body)
            formula_engine.recalculate(book)
            self.put(book)
            return spreadsheet.get(book, {})
        book = self.store.get(book_id or "")
        if method_id == "spreadsheets.get":
            return spreadsheet.get(book, params)
        if method_id == "spreadsheets.values.get":
            return values.get(book, rng, params)
        if method_id == "spreadsheets.values.batchGet":
            return values.batch_get(book, params)
        if method_id == "spreadsheets.batchUpdate":
            work, response = batch_update.apply(book, body)
            formula_engine.recalculate(work)
            if body.get("includeSpreadsheetInResponse"):
                response["updatedSpreadsheet"] = spreadsheet.get(
                    work,
                    {
                        "includeGridData": body.get("responseIncludeGridData"),
                        "ranges": body.get("responseRanges"),
                    },
                )
            self.put(work)
            return response
        work = book.copy()  # values writes are all-or-nothing too
        if method_id == "spreadsheets.values.update":
            result = values.update(work, rng, params, body)
        elif method_id == "spreadsheets.values.batchUpdate":
            result = values.batch_update(work, body)
        elif method_id == "spreadsheets.values.append":
            result = values.append(work, rng, params, body)
        elif method_id == "spreadsheets.values.clear":
            result = values.clear(work, rng)
        elif method_id == "spreadsheets.values.batchClear":
            result = values.batch_clear(work, body)
        else:
            raise ApiError(501, f"The emulator does not implement {method_id}.")
        formula_engine.recalculate(work)
        self.put(work)
        return result


def _fault_answer(fault: Fault) -> Answer:
    status = int(fault.status or 500)
    messages = {
        429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
        "minute per user' of service 'sheets.googleapis.com'.",
        500: "Internal error encountered.",
        503: "The service is currently unavailable.",
    }
    err = ApiError(status, messages.get(status, "Injected fault."))
    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
    return Answer(status, err.body(), headers)
