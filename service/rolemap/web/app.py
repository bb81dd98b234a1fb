"""The Flask service: `POST /recalculate`, `POST /template`, `GET /healthz` (docs/contract.md §7).

Order of checks on a POST: body size (413), JSON and fields (400), caller (401/403/503),
sheet allow-list (403), per-sheet rate limit (429), per-sheet lock (409), then the work.
Syntax comes before auth so a malformed request gets a 400 whether or not it is signed; the
body is at most `max_body_bytes`, so parsing it first costs nothing worth protecting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, g, jsonify, request
from flask.json.provider import DefaultJSONProvider

from rolemap import __version__
from rolemap.bootstrap import GoogleSheet, open_storage
from rolemap.notify import Notifier
from rolemap.ports import Storage
from rolemap.settings import Settings
from rolemap.web import body as parse
from rolemap.web.auth import HMAC_CALLER, Authenticator
from rolemap.web.errors import install_error_handlers
from rolemap.web.limits import RateLimiter, SheetLocks
from rolemap.web.logs import install_request_logging

StorageFactory = Callable[[str], Storage]
TemplateCreator = Callable[..., str]  # settings, lang, title, share -> the new spreadsheet's ID
SHEET_URL = "https://docs.google.com/spreadsheets/d/{}/edit"


def _google_template(settings: Settings, **kwargs: Any) -> str:
    # Imported on first use, so the service starts (and /healthz answers) on its own.
    from rolemap.adapters.google.template import create_spreadsheet

    return create_spreadsheet(settings, **kwargs)


@dataclass(frozen=True)
class _Service:
    settings: Settings
    storage_factory: StorageFactory
    template_creator: TemplateCreator
    notifier: Notifier | None
    auth: Authenticator
    locks: SheetLocks
    limiter: RateLimiter

    def recalculate(self) -> Response:
        from rolemap.pipeline import run

        raw = request.get_data(cache=True)
        body = parse.parse_object(raw)
        sheet = parse.spreadsheet_id(body)
        dry_run = parse.optional_bool(body, "dry_run", False)
        as_of = parse.optional_date(body, "as_of")
        g.spreadsheet_id = sheet
        who = g.caller = self.auth.authenticate(request.headers, raw)
        self.auth.authorize_sheet(sheet)
        self.limiter.admit(sheet)
        with self.locks.hold(sheet):
            storage = self.storage_factory(sheet)
            outcome = run(storage, dry_run=dry_run, as_of=as_of, who=who, notifier=self.notifier)
        return jsonify(outcome.json)

    def template(self) -> Response:
        raw = request.get_data(cache=True)
        body = parse.parse_object(raw)
        lang = parse.optional_choice(body, "lang", ("en", "ru"), "en")
        title = parse.optional_text(body, "title")
        share = parse.optional_email(body, "share")
        who = g.caller = self.auth.authenticate(request.headers, raw)
        if share is None and who != HMAC_CALLER:
            share = who  # otherwise only the service account could open the new sheet
        self.limiter.admit(f"template:{who}")
        created = self.template_creator(self.settings, lang=lang, title=title, share=share)
        return jsonify({"spreadsheet_id": created, "url": SHEET_URL.format(created)})


def _healthz() -> Response:
    return jsonify({"status": "ok", "version": __version__})


def create_app(
    settings: Settings | None = None,
    *,
    storage_factory: StorageFactory | None = None,
    template_creator: TemplateCreator | None = None,
    auth: Authenticator | None = None,
) -> Flask:
    """Build the service. Settings come from the environment (`ROLEMAP_*`) when not given.

    Tests hand in a `storage_factory` (a sheet ID to storage) instead of Google.
    """
    settings = settings if settings is not None else Settings()
    app = Flask("rolemap.web")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        ROLEMAP_AUTH_MODE=settings.auth_mode,
    )
    if isinstance(app.json, DefaultJSONProvider):
        app.json.sort_keys = False  # keep the §7 key order
    service = _Service(
        settings=settings,
        storage_factory=storage_factory
        or (lambda sheet: open_storage(GoogleSheet(sheet), settings)),
        template_creator=template_creator or _google_template,
        notifier=Notifier.from_settings(settings),
        auth=auth or Authenticator(settings),
        locks=SheetLocks(settings.lock_wait_seconds),
        limiter=RateLimiter(settings.rate_limit_per_minute),
    )
    app.extensions["rolemap"] = service
    app.add_url_rule("/recalculate", "recalculate", service.recalculate, methods=["POST"])
    app.add_url_rule("/template", "template", service.template, methods=["POST"])
    app.add_url_rule("/healthz", "healthz", _healthz, methods=["GET"])
    install_error_handlers(app)
    install_request_logging(app)
    return app


def run_dev_server(settings: Settings, host: str = "127.0.0.1", port: int = 8080) -> None:
    """`rolemap serve`; lives in `rolemap.web.serve`, re-exported here for the CLI's import."""
    from rolemap.web.serve import run_dev_server as serve

    serve(settings, host, port)
