"""The id_token auth matrix, with real RS256 signatures checked by google-auth.

Tokens are signed with a locally generated RSA key whose certificate a local HTTP server on
127.0.0.1 serves the way Google's certs endpoint does. Nothing leaves the machine.
"""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

SHEET = "sheet_ABCdef-123"


@pytest.fixture
def id_app(make_harness, certs_server):
    def build(**overrides: Any):
        values = {
            "auth_mode": "id_token",
            "google_certs_url": certs_server.url,
            "allowed_emails": "ann@example.com",
        }
        values.update(overrides)
        return make_harness(**values)

    return build


def call(h, token: str | None, sheet: str = SHEET, header: str | None = None):
    headers = {}
    if header is not None:
        headers["Authorization"] = header
    elif token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return h.client.post("/recalculate", json={"spreadsheet_id": sheet}, headers=headers)


def expect(response, status: int, clean_json, *secrets: str, says: str = "") -> dict[str, Any]:
    assert response.status_code == status, response.get_json()
    body: dict[str, Any] = clean_json(response, *secrets)
    if says:
        assert says in body["error"]["message"]
    return body


def test_valid_token_runs_as_the_caller(id_app, token_issuer, clean_json):
    h = id_app()
    token = token_issuer.mint()
    response = call(h, token)
    assert response.status_code == 200
    clean_json(response, token)
    assert h.storages[0].run_log_who() == "ann@example.com"


def test_both_google_issuer_spellings_are_accepted(id_app, token_issuer):
    h = id_app()
    for iss in ("accounts.google.com", "https://accounts.google.com"):
        assert call(h, token_issuer.mint(iss=iss)).status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic YW5uOnB3", "Token abc.def.ghi"],
)
def test_missing_token_is_401(id_app, clean_json, header):
    h = id_app()
    response = call(h, None, header=header)
    body = expect(response, 401, clean_json, says="Sign-in required")
    assert body["error"]["code"] == "unauthenticated"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert h.storages == []


@pytest.mark.parametrize(
    "token",
    ["abc", "abc.def", "a.b.c", "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.", "x" * 3000],
)
def test_malformed_token_is_401_without_echoing_it(id_app, clean_json, token):
    expect(call(id_app(), token), 401, clean_json, token, says="invalid")


def test_forged_signature_is_401(id_app, token_issuer, clean_json):
    token = token_issuer.mint(signer=token_issuer.other_signer)
    expect(call(id_app(), token), 401, clean_json, token, says="invalid")


def test_tampered_payload_is_401(id_app, token_issuer, clean_json):
    header, _, signature = token_issuer.mint().split(".")
    _, payload, _ = token_issuer.mint(email="eve@example.com").split(".")
    expect(call(id_app(), f"{header}.{payload}.{signature}"), 401, clean_json, says="invalid")


def test_expired_token_is_401(id_app, token_issuer, clean_json):
    now = int(time.time())
    token = token_issuer.mint(iat=now - 7200, exp=now - 3600)
    expect(call(id_app(), token), 401, clean_json, token, says="expired")


def test_token_from_the_future_is_401(id_app, token_issuer, clean_json):
    now = int(time.time())
    expect(call(id_app(), token_issuer.mint(iat=now + 600, exp=now + 4200)), 401, clean_json)


def test_wrong_audience_is_401(id_app, token_issuer, clean_json):
    token = token_issuer.mint(aud="someone-else.apps.googleusercontent.com")
    expect(call(id_app(), token), 401, clean_json, token, says="audience")


@pytest.mark.parametrize("iss", ["https://evil.example.com", "accounts.google.com.evil", None])
def test_wrong_issuer_is_401(id_app, token_issuer, clean_json, iss):
    expect(call(id_app(), token_issuer.mint(iss=iss)), 401, clean_json, says="not issued by Google")


@pytest.mark.parametrize("verified", [False, "false", None])
def test_unverified_email_is_401(id_app, token_issuer, clean_json, verified):
    expect(
        call(id_app(), token_issuer.mint(email_verified=verified)),
        401,
        clean_json,
        says="not verified",
    )


def test_token_without_email_is_401(id_app, token_issuer, clean_json):
    expect(call(id_app(), token_issuer.mint(email=None)), 401, clean_json, says="no e-mail")


def test_email_not_allowed_is_403(id_app, token_issuer, clean_json):
    h = id_app()
    body = expect(call(h, token_issuer.mint(email="eve@example.com")), 403, clean_json)
    assert body["error"]["code"] == "forbidden"
    assert "ROLEMAP_ALLOWED_EMAILS" in body["error"]["message"]
    assert h.storages == []


def test_email_allow_list_ignores_case(id_app, token_issuer):
    assert call(id_app(), token_issuer.mint(email="Ann@Example.COM")).status_code == 200


def test_domain_allowed(id_app, token_issuer, clean_json):
    h = id_app(allowed_emails="", allowed_domains="@team.example, other.example")
    assert call(h, token_issuer.mint(email="zoe@team.example")).status_code == 200
    assert call(h, token_issuer.mint(email="zoe@other.example")).status_code == 200
    # A look-alike domain is not the allowed one.
    expect(call(h, token_issuer.mint(email="zoe@evilteam.example")), 403, clean_json)
    expect(call(h, token_issuer.mint(email="zoe@team.example.evil")), 403, clean_json)


def test_empty_allow_lists_refuse_everyone(id_app, token_issuer, clean_json):
    h = id_app(allowed_emails="", allowed_domains="")
    body = expect(
        call(h, token_issuer.mint()), 403, clean_json, says="No one may use this service yet"
    )
    assert "ROLEMAP_ALLOWED_DOMAINS" in body["error"]["message"]


def test_sheet_not_allowed_is_403(id_app, token_issuer, clean_json):
    h = id_app(allowed_spreadsheets="otherSheet1, otherSheet2")
    expect(call(h, token_issuer.mint()), 403, clean_json, says="ROLEMAP_ALLOWED_SPREADSHEETS")
    assert call(h, token_issuer.mint(), sheet="otherSheet2").status_code == 200


def test_missing_client_id_refuses_everyone(id_app, token_issuer, clean_json):
    # Without an audience google-auth would skip the audience check: never run like that.
    body = expect(call(id_app(oauth_client_id=""), token_issuer.mint()), 503, clean_json)
    assert body["error"]["code"] == "auth_not_configured"


def test_unreachable_certs_is_503(id_app, token_issuer, clean_json):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    h = id_app(google_certs_url=f"http://127.0.0.1:{port}/certs")
    body = expect(call(h, token_issuer.mint()), 503, clean_json)
    assert body["error"]["code"] == "auth_unavailable"


def test_certs_error_status_is_503(id_app, token_issuer, clean_json, certs_server):
    h = id_app(google_certs_url=certs_server.url.replace("/certs", "/missing"))
    expect(call(h, token_issuer.mint()), 503, clean_json)


def test_certs_are_fetched_once_then_cached(id_app, token_issuer, certs_server):
    h = id_app()
    before = len(certs_server.hits)
    for _ in range(5):
        assert call(h, token_issuer.mint()).status_code == 200
    assert len(certs_server.hits) - before == 1


def test_unknown_key_id_refetches_at_most_once_a_minute(
    id_app, token_issuer, certs_server, clean_json
):
    h = id_app()
    assert call(h, token_issuer.mint()).status_code == 200
    before = len(certs_server.hits)
    for _ in range(3):
        expect(call(h, token_issuer.mint(signer=token_issuer.unknown_kid_signer)), 401, clean_json)
    assert len(certs_server.hits) - before == 1


def test_template_shares_with_the_caller_by_default(id_app, token_issuer):
    h = id_app()
    headers = {"Authorization": f"Bearer {token_issuer.mint()}"}
    assert h.client.post("/template", json={"lang": "en"}, headers=headers).status_code == 200
    assert h.templates[0]["share"] == "ann@example.com"


def test_hmac_headers_do_not_work_in_id_token_mode(id_app, clean_json):
    h = id_app()
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    expect(response, 401, clean_json)
