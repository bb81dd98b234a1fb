"""The HTTP side: a Flask app on werkzeug's threaded server, started in a thread or in the
foreground (`python -m sheets_emulator`)."""

from __future__ import annotations

import json
import socket
import struct
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from flask import Flask, Response, request
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from sheets_emulator import formula_engine, spreadsheet
from sheets_emulator.core import Core
from sheets_emulator.errors import ApiError
from sheets_emulator.faults import Fault
from sheets_emulator.seed import load_xlsx


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status=status,
        headers=headers,
        mimetype="application/json",
    )


def _drop_connection() -> None:
    """Reset the client's connection: linger 0 makes the close send RST, and the shutdown makes
    werkzeug's own write fail quietly as a dropped connection."""
    sock = request.environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)


def create_app(core: Core) -> Flask:
    app = Flask("sheets_emulator")

    @app.get("/_emulator/requests")
    def get_log() -> Response:
        return _json(core.requests_log())

    @app.delete("/_emulator/requests")
    def clear_log() -> Response:
        core.clear_log()
        return _json({})

    @app.get("/_emulator/spreadsheets/<book_id>")
    def export(book_id: str) -> Response:
        try:
            with core.lock:
                return _json(spreadsheet.export(core.store.get(book_id)))
        except ApiError as err:
            return _json(err.body(), err.code)

    @app.post("/_emulator/faults")
    def add_fault() -> Response:
        try:
            fault = Fault.from_json(request.get_json(force=True))
        except (TypeError, ValueError) as err:
            return _json(ApiError(400, str(err)).body(), 400)
        core.faults.add(fault)
        return _json({"planned": fault.__dict__})

    @app.post("/_emulator/latency")
    def set_latency() -> Response:
        core.latency_ms = int(request.get_json(force=True).get("ms", 0))
        return _json({"latency_ms": core.latency_ms})

    @app.route("/v4/<path:_rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    @app.route("/v4", methods=["GET", "POST"], defaults={"_rest": ""})
    def api(_rest: str) -> Response:
        # The raw URI keeps %3A apart from the literal ":clear" / ":append" suffixes.
        raw_path = str(request.environ.get("RAW_URI") or request.path).split("?", 1)[0]
        query = {k: request.args.getlist(k) for k in request.args}
        answer = core.handle(request.method, raw_path, query, request.get_data())
        if answer.reset:
            _drop_connection()
            return Response(b"", status=500)
        return Response(
            answer.text, status=answer.status, headers=answer.headers, mimetype="application/json"
        )

    @app.errorhandler(404)
    def not_found(_: Exception) -> Response:
        return _json(ApiError(404, "Method not found.").body(), 404)

    @app.errorhandler(405)
    def not_allowed(_: Exception) -> Response:
        return _json(ApiError(404, "Method not found.").body(), 404)

    return app


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class Emulator:
    """A Sheets API v4 emulator on 127.0.0.1; `port=0` picks a free port.

    Use as a context manager, or call `start()` / `stop()`. Faults count only Sheets API
    requests (`/v4/...`), never the `/_emulator/...` introspection endpoints.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        *,
        log_requests: bool = False,
    ) -> None:
        self.core = Core(latency_ms)
        self.host = host
        self.port = port
        self._log_requests = log_requests
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _make_server(self) -> BaseWSGIServer:
        handler = WSGIRequestHandler if self._log_requests else _QuietHandler
        server = make_server(
            self.host, self.port, create_app(self.core), threaded=True, request_handler=handler
        )
        self.port = server.port
        return server

    def start(self) -> Emulator:
        if self._server is None:
            formula_engine.warm_up()
            self._server = self._make_server()
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"sheets-emulator-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()  # serve_forever closes the listening socket on its way out
            if self._thread is not None:
                self._thread.join()
            self._server = None
            self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def seed_xlsx(self, spreadsheet_id: str, path: str | Path) -> None:
        self.core.put(load_xlsx(spreadsheet_id, path))

    def seed_grid(self, spreadsheet_id: str, tabs: dict[str, list[list[Any]]]) -> None:
        self.core.put(spreadsheet.from_rows(spreadsheet_id, tabs))

    def export(self, spreadsheet_id: str) -> dict[str, Any]:
        with self.core.lock:
            return spreadsheet.export(self.core.store.get(spreadsheet_id))

    def requests_log(self) -> list[dict[str, Any]]:
        return self.core.requests_log()

    def clear_log(self) -> None:
        self.core.clear_log()

    def inject(self, fault: Fault | dict[str, Any]) -> None:
        self.core.faults.add(fault if isinstance(fault, Fault) else Fault.from_json(fault))

    def fail_nth(self, n: int, status: int, times: int = 1) -> None:
        self.inject(Fault(nth=n, status=status, times=times))

    def set_latency(self, ms: int) -> None:
        self.core.latency_ms = ms


def serve_forever(
    host: str = "127.0.0.1",
    port: int = 0,
    seeds: dict[str, str] | None = None,
    latency_ms: int = 0,
) -> None:
    """Run the emulator in the foreground until interrupted; `seeds` maps id -> .xlsx path."""
    emulator = Emulator(host, port, latency_ms, log_requests=True)
    for book_id, path in (seeds or {}).items():
        emulator.seed_xlsx(book_id, path)
    formula_engine.warm_up()
    server = emulator._make_server()
    print(f"Sheets API emulator on {emulator.url}", file=sys.stderr, flush=True)
    for book_id in seeds or {}:
        print(f"  spreadsheet {book_id!r} seeded", file=sys.stderr, flush=True)
    server.serve_forever()  # returns on KeyboardInterrupt and closes the socket
