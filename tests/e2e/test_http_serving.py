"""Structured logs, the real HTTP dev server, the WSGI entry point and the container files."""

from __future__ import annotations

import http.client
import importlib
import json
import logging
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gunicorn.util import import_app

from rolemap.web import make_dev_server
from rolemap.web.auth import sign_hmac
from rolemap.web.logs import JsonFormatter, configure_logging

SHEET = "sheet_ABCdef-123"
ROOT = Path(__file__).resolve().parents[2]


def access_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(r)) for r in caplog.records if r.name == "rolemap.web.access"
    ]


def test_one_json_access_line_per_request(make_harness, caplog):
    caplog.set_level(logging.INFO, logger="rolemap.web")
    h = make_harness()
    h.post_signed("/recalculate", {"spreadsheet_id": SHEET, "dry_run": True})
    h.client.get("/healthz")
    h.client.post("/recalculate", data=b"{")
    lines = access_lines(caplog)
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("POST", "/recalculate", 200),
        ("GET", "/healthz", 200),
        ("POST", "/recalculate", 400),
    ]
    first = lines[0]
    assert first["spreadsheet_id"] == SHEET
    assert first["caller"] == "hmac"
    assert first["severity"] == "INFO"
    assert isinstance(first["duration_ms"], float)


def test_logs_hold_no_token_signature_secret_or_cell_contents(
    make_harness, caplog, token_issuer, certs_server
):
    caplog.set_level(logging.DEBUG, logger="rolemap")
    h = make_harness(
        auth_mode="id_token", google_certs_url=certs_server.url, allowed_emails="ann@example.com"
    )
    good, bad = token_issuer.mint(), token_issuer.mint(aud="other")
    for token in (good, bad, "abc.def", good + "x"):
        h.client.post(
            "/recalculate",
            json={"spreadsheet_id": SHEET},
            headers={"Authorization": f"Bearer {token}"},
        )
    h2 = make_harness()
    signed = h2.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert signed.status_code == 200
    formatter = JsonFormatter()
    text = "\n".join(formatter.format(r) for r in caplog.records)
    for secret in (good, bad, "abc.def", h2.secret, "Yandex Direct"):
        assert secret not in text
    assert "ann@example.com" in text  # the caller is logged, by design


def test_json_formatter_keeps_tracebacks_server_side():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "rolemap.test", logging.ERROR, __file__, 1, "failed %s", ("x",), sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed x"
    assert line["severity"] == "ERROR"
    assert "ValueError: boom" in line["exception"]


def test_configure_logging_is_idempotent_and_writes_json(restore_rolemap_logging, capsys):
    configure_logging("info")
    configure_logging("INFO")
    logger = logging.getLogger("rolemap")
    assert sum(1 for h in logger.handlers if getattr(h, "_rolemap_json", False)) == 1
    logging.getLogger("rolemap.web.access").info("hello", extra={"fields": {"status": 200}})
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "hello"
    assert line["status"] == 200


@pytest.fixture
def live_server(make_harness) -> Iterator[tuple[int, Any]]:
    """The real threaded dev server on 127.0.0.1, with fakes behind it."""
    h = make_harness(max_body_bytes=2000)
    service = h.app.extensions["rolemap"]
    server = make_dev_server(
        service.settings,
        "127.0.0.1",
        0,
        storage_factory=service.storage_factory,
        template_creator=service.template_creator,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, h
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def request(port: int, method: str, path: str, body: bytes = b"", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_real_http_round_trip(live_server):
    port, h = live_server
    raw = json.dumps({"spreadsheet_id": SHEET, "dry_run": False}).encode()
    stamp = str(int(time.time()))
    signed = {
        "Content-Type": "application/json",
        "X-Rolemap-Timestamp": stamp,
        "X-Rolemap-Signature": sign_hmac(h.secret, stamp, raw),
    }
    status, headers, body = request(port, "POST", "/recalculate", raw, signed)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["flags"][0]["action"] == "stop"

    cases = [
        ("POST", "/recalculate", raw, {}, 401),
        ("POST", "/recalculate", raw.replace(b"false", b"true"), signed, 401),
        ("POST", "/recalculate", b"{oops", {}, 400),
        ("POST", "/recalculate", b"x" * 5000, {}, 413),
        ("GET", "/healthz", b"", {}, 200),
        ("GET", "/missing", b"", {}, 404),
        ("PUT", "/recalculate", b"", {}, 405),
    ]
    for method, path, data, hdrs, expected in cases:
        status, _, body = request(port, method, path, data, hdrs)
        assert status == expected, (method, path, body)
        assert b"Traceback" not in body
        assert h.secret.encode() not in body
        json.loads(body)


def test_wsgi_entry_point_builds_the_app_lazily(monkeypatch, restore_rolemap_logging):
    monkeypatch.setenv("ROLEMAP_AUTH_MODE", "hmac")
    monkeypatch.setenv("ROLEMAP_HMAC_SECRET", "from-the-environment")
    wsgi = importlib.import_module("rolemap.web.wsgi")
    monkeypatch.setattr(wsgi, "_app", None)
    app = import_app("rolemap.web.wsgi:app")  # what gunicorn does
    assert app is wsgi.app
    assert app.extensions["rolemap"].settings.hmac_secret.get_secret_value() == (
        "from-the-environment"
    )
    assert app.test_client().get("/healthz").status_code == 200
    with pytest.raises(AttributeError):
        _ = wsgi.not_there


def test_gunicorn_config_binds_port(monkeypatch):
    monkeypatch.setenv("PORT", "9321")
    conf = importlib.reload(importlib.import_module("rolemap.web.gunicorn_conf"))
    assert conf.bind == "0.0.0.0:9321"
    assert conf.workers == 1  # locks and rate limits are per process
    assert conf.worker_class == "gthread"


def test_dockerfile_runs_gunicorn_as_non_root():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    assert "\nUSER rolemap" in text
    assert 'pip install ".[serve]"' in text
    assert "rolemap.web.wsgi:app" in text
    assert "python:rolemap.web.gunicorn_conf" in text
    assert "${PORT}" in text
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ignore[ignore.index("*") :][:1] == ["*"]
    for needed in ("!pyproject.toml", "!README.md", "!service/", "!sheet_templates/"):
        assert needed in ignore
