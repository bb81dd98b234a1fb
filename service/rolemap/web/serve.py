"""The development server behind `rolemap serve` (threaded werkzeug; gunicorn in production)."""

from __future__ import annotations

import sys
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from rolemap.settings import Settings
from rolemap.web.app import create_app
from rolemap.web.logs import configure_logging


class _QuietHandler(WSGIRequestHandler):
    """The app logs one structured line per request; werkzeug's own line would duplicate it."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


def make_dev_server(
    settings: Settings, host: str = "127.0.0.1", port: int = 8080, **app_options: Any
) -> BaseWSGIServer:
    """A ready, not yet serving, threaded server; port 0 picks a free port (`.server_port`).

    `app_options` go to `create_app` (tests pass fakes).
    """
    app = create_app(settings, **app_options)
    return make_server(host, port, app, threaded=True, request_handler=_QuietHandler)


def run_dev_server(settings: Settings, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Serve until interrupted (Ctrl-C), logging JSON lines to stderr."""
    configure_logging(settings.log_level)
    server = make_dev_server(settings, host, port)
    print(
        f"Rolemap serving on http://{host}:{server.server_port} "
        f"(auth: {settings.auth_mode}); Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
