"""Structured logs: one JSON object per line, and one line per request.

The request line holds method, path, status, duration, sheet id and caller; never headers,
tokens or bodies, so nothing a sheet contains reaches the log at INFO.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from typing import Any

from flask import Flask, Response, g, request

access_log = logging.getLogger("rolemap.web.access")
_HANDLER_MARK = "_rolemap_json"


class JsonFormatter(logging.Formatter):
    """`severity` and `message` are the keys Cloud Logging reads from a JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "severity": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send the `rolemap` loggers to stderr as JSON lines (idempotent). For process entry points."""
    logger = logging.getLogger("rolemap")
    logger.setLevel(level.upper())
    if not any(getattr(h, _HANDLER_MARK, False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)
    logger.propagate = False


def _start() -> None:
    g.rolemap_started = time.perf_counter()


def _finish(response: Response) -> Response:
    started = g.get("rolemap_started", time.perf_counter())
    fields = {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "spreadsheet_id": g.get("spreadsheet_id"),
        "caller": g.get("caller"),
    }
    access_log.info(
        "%s %s %s", request.method, request.path, response.status_code, extra={"fields": fields}
    )
    return response


def install_request_logging(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
