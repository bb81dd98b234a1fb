"""The WSGI entry point for gunicorn: `rolemap.web.wsgi:app`.

The app is built on first access, from the environment, so importing this module is cheap.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask

_app: Flask | None = None
_mutex = threading.Lock()


def _build() -> Flask:
    from rolemap.settings import Settings
    from rolemap.web.app import create_app
    from rolemap.web.logs import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def __getattr__(name: str) -> Any:
    global _app
    if name != "app":
        raise AttributeError(name)
    with _mutex:
        if _app is None:
            _app = _build()
        return _app
