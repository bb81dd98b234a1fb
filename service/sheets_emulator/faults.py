"""Fault injection: fail, delay or drop the Nth API request from now."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fault:
    """What to do to the `nth` API request from now (1 = the next one), `times` in a row.

    `status` answers with a Google-shaped error (429, 500, 503, ...); `delay_ms` holds the
    request before it is served (or failed); `reset` drops the connection without a response.
    `retry_after` (seconds) adds a Retry-After header to an error.
    """

    nth: int = 1
    status: int | None = None
    times: int = 1
    delay_ms: int = 0
    reset: bool = False
    retry_after: int | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        allowed = {"nth", "status", "times", "delay_ms", "reset", "retry_after"}
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        fault = cls(**data)
        if fault.nth < 1 or fault.times < 1:
            raise ValueError("nth and times must be at least 1")
        if fault.status is None and not fault.delay_ms and not fault.reset:
            raise ValueError("a fault needs a status, a delay_ms or reset")
        return fault


class FaultPlan:
    """Pending faults keyed by absolute request number; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._planned: dict[int, Fault] = {}

    def add(self, fault: Fault) -> None:
        with self._lock:
            for k in range(fault.times):
                self._planned[self._count + fault.nth + k] = fault

    def next_request(self) -> Fault | None:
        """Count one API request and return the fault planned for it, if any."""
        with self._lock:
            self._count += 1
            return self._planned.pop(self._count, None)

    def clear(self) -> None:
        with self._lock:
            self._planned.clear()
