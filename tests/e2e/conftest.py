"""Fixtures for the HTTP service tests (`test_http_*.py`): fakes, signers, a local certs server."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from flask import Flask
from flask.testing import FlaskClient
from google.auth import crypt, jwt
from werkzeug.test import TestResponse

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.demo import build_demo
from rolemap.settings import Settings
from rolemap.web import create_app
from rolemap.web.auth import Authenticator, sign_hmac

HMAC_SECRET = "test-hmac-secret-do-not-leak"
CLIENT_ID = "1234567890-rolemap.apps.googleusercontent.com"
KEY_ID = "rolemap-test-key"
SHEET = "sheet_ABCdef-123"

AS_OF = dt.date(2026, 11, 25)


@cache
def _sheet() -> dict[str, Grid]:
    """A small real team sheet: the demo, so a recalculation has flags and checks to report."""
    return build_demo("en", AS_OF)


def base_settings(**overrides: Any) -> Settings:
    """Explicit values for every auth and load setting, so the environment cannot leak in."""
    values: dict[str, Any] = {
        "auth_mode": "hmac",
        "hmac_secret": HMAC_SECRET,
        "oauth_client_id": CLIENT_ID,
        "allowed_emails": "",
        "allowed_domains": "",
        "allowed_spreadsheets": "",
        "google_certs_url": "http://127.0.0.1:9/unused",
        "max_body_bytes": 16_384,
        "rate_limit_per_minute": 100,
        "lock_wait_seconds": 5.0,
        "hmac_max_skew_seconds": 300,
    }
    values.update(overrides)
    return Settings(**values)


class RecordingStorage(MemoryStorage):
    """The team's sheet in memory, as the service sees it; `on_read` can stall or fail the run."""

    def __init__(self, sheet: str, on_read: Callable[[RecordingStorage], Any] | None) -> None:
        super().__init__(_sheet(), source=sheet)
        self.on_read = on_read

    def read(self) -> Snapshot:
        if self.on_read is not None:
            self.on_read(self)
        return super().read()

    @property
    def requests_made(self) -> int:
        return 3  # as the Google adapter reports a recalculation

    def run_log_who(self) -> str:
        """Who the newest Run log row names: how the caller's identity reached the pipeline."""
        return str(self.tabs["Run log"][-1][1])


@dataclass
class Harness:
    """An app over in-memory sheets, and what it did: one storage per recalculation started."""

    app: Flask
    client: FlaskClient
    secret: str = HMAC_SECRET
    storages: list[RecordingStorage] = field(default_factory=list)
    templates: list[dict[str, Any]] = field(default_factory=list)

    def post_signed(
        self, path: str, body: bytes | dict[str, Any], *, ts: int | None = None, **kw: Any
    ) -> TestResponse:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        stamp = str(int(time.time()) if ts is None else ts)
        headers = {
            "Content-Type": "application/json",
            "X-Rolemap-Timestamp": stamp,
            "X-Rolemap-Signature": sign_hmac(HMAC_SECRET, stamp, raw),
            **kw.pop("headers", {}),
        }
        return self.client.post(path, data=raw, headers=headers, **kw)


MakeHarness = Callable[..., Harness]


@pytest.fixture
def make_harness() -> MakeHarness:
    def build(
        on_read: Callable[[RecordingStorage], Any] | None = None,
        *,
        clock: Callable[[], float] | None = None,
        template_result: str | Exception | None = None,
        **overrides: Any,
    ) -> Harness:
        settings = base_settings(**overrides)
        storages: list[RecordingStorage] = []
        templates: list[dict[str, Any]] = []

        def storage_factory(sheet: str) -> RecordingStorage:
            storages.append(RecordingStorage(sheet, on_read))
            return storages[-1]

        def template_creator(settings_: Settings, **kwargs: Any) -> str:
            templates.append(kwargs)
            if isinstance(template_result, Exception):
                raise template_result
            return template_result or "newSheet123"

        auth = Authenticator(settings, clock=clock) if clock else None
        app = create_app(
            settings, storage_factory=storage_factory, template_creator=template_creator, auth=auth
        )
        return Harness(app, app.test_client(), storages=storages, templates=templates)

    return build


def assert_clean(response: TestResponse, *secrets: str) -> dict[str, Any]:
    """An error body is the JSON error shape, with no traceback and none of `secrets`."""
    text = response.get_data(as_text=True)
    assert "Traceback" not in text
    assert 'File "' not in text
    for secret in (HMAC_SECRET, *secrets):
        assert secret not in text
    body = response.get_json()
    assert isinstance(body, dict)
    if response.status_code >= 400:
        assert set(body) == {"error"}
        assert set(body["error"]) == {"code", "message"}
        assert body["error"]["message"]
    return body


@pytest.fixture
def clean_json() -> Callable[..., dict[str, Any]]:
    return assert_clean


# --- a Google-like identity token issuer, verified for real through a local certs server ---


def _signer(pem: bytes, key_id: str) -> crypt.RSASigner:
    # google-auth ships without type hints for its signers.
    signer: crypt.RSASigner = crypt.RSASigner.from_string(pem, key_id=key_id)  # type: ignore[no-untyped-call]
    return signer


@dataclass
class TokenIssuer:
    signer: crypt.RSASigner
    cert_pem: str
    other_signer: crypt.RSASigner  # a different key, same key id: a forged signature
    unknown_kid_signer: crypt.RSASigner  # a key id the certs server does not publish
    client_id: str = CLIENT_ID

    def mint(self, *, signer: crypt.RSASigner | None = None, **claims: Any) -> str:
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": "https://accounts.google.com",
            "aud": CLIENT_ID,
            "sub": "1000001",
            "email": "ann@example.com",
            "email_verified": True,
            "iat": now,
            "exp": now + 3600,
        }
        payload.update(claims)
        payload = {k: v for k, v in payload.items() if v is not None}
        token: bytes = jwt.encode(signer or self.signer, payload)  # type: ignore[no-untyped-call]
        return token.decode()


def _rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="session")
def token_issuer() -> TokenIssuer:
    key = _rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rolemap-test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    other = _pem(_rsa_key())
    return TokenIssuer(
        signer=_signer(_pem(key), KEY_ID),
        cert_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        other_signer=_signer(other, KEY_ID),
        unknown_kid_signer=_signer(other, "rotated-key"),
    )


@dataclass
class CertsServer:
    url: str
    hits: list[str]


@pytest.fixture(scope="session")
def certs_server(token_issuer: TokenIssuer) -> Iterator[CertsServer]:
    """Serves `{key id: PEM certificate}` like Google's v1 certs endpoint, on 127.0.0.1."""
    hits: list[str] = []
    document = json.dumps({KEY_ID: token_issuer.cert_pem}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            if self.path != "/certs":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "public, max-age=3600")
            self.send_header("Content-Length", str(len(document)))
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield CertsServer(f"http://127.0.0.1:{server.server_port}/certs", hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def restore_rolemap_logging() -> Iterator[None]:
    """For tests that call `configure_logging`, which changes process-wide logger state."""
    names = ("rolemap", "werkzeug")
    saved = {
        n: (list(lg.handlers), list(lg.filters), lg.level, lg.propagate)
        for n in names
        for lg in [logging.getLogger(n)]
    }
    yield
    for n, (handlers, filters, level, propagate) in saved.items():
        logger = logging.getLogger(n)
        logger.handlers[:] = handlers
        logger.filters[:] = filters
        logger.setLevel(level)
        logger.propagate = propagate
