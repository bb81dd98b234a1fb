"""hmac mode: the signature, the timestamp window, and the vector shared with the add-on."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rolemap.web.auth import sign_hmac, verify_hmac

SHEET = "sheet_ABCdef-123"
VECTOR = Path(__file__).resolve().parents[1] / "vectors" / "hmac.json"
BODY = {"spreadsheet_id": SHEET, "dry_run": False}


def test_signed_request_is_accepted(make_harness, clean_json):
    h = make_harness()
    response = h.post_signed("/recalculate", BODY)
    assert response.status_code == 200
    clean_json(response)
    assert h.storages[0].run_log_who() == "hmac"


def test_uppercase_hex_signature_is_accepted(make_harness):
    h = make_harness()
    raw = json.dumps(BODY).encode()
    stamp = str(int(time.time()))
    headers = {
        "X-Rolemap-Timestamp": stamp,
        "X-Rolemap-Signature": sign_hmac(h.secret, stamp, raw).upper(),
    }
    assert h.client.post("/recalculate", data=raw, headers=headers).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Rolemap-Timestamp": "1764300000"},
        {"X-Rolemap-Signature": "0" * 64},
        {"X-Rolemap-Timestamp": "", "X-Rolemap-Signature": ""},
        {"Authorization": "Bearer abc.def.ghi"},
    ],
)
def test_missing_headers_are_401(make_harness, clean_json, headers):
    h = make_harness()
    response = h.client.post("/recalculate", json=BODY, headers=headers)
    assert response.status_code == 401
    body = clean_json(response)
    assert body["error"]["code"] == "unauthenticated"
    assert h.storages == []


@pytest.mark.parametrize(
    "signature",
    ["0" * 64, "zz" * 32, "abc", "", "é" * 64, "0" * 65],
)
def test_bad_signature_is_401(make_harness, clean_json, signature):
    h = make_harness()
    headers = {"X-Rolemap-Timestamp": str(int(time.time())), "X-Rolemap-Signature": signature}
    headers = {k: v.encode("utf-8").decode("latin-1") for k, v in headers.items()}
    response = h.client.post("/recalculate", json=BODY, headers=headers)
    assert response.status_code == 401
    clean_json(response)


def test_signature_with_the_wrong_secret_is_401(make_harness, clean_json):
    h = make_harness()
    raw = json.dumps(BODY).encode()
    stamp = str(int(time.time()))
    headers = {"X-Rolemap-Timestamp": stamp, "X-Rolemap-Signature": sign_hmac("guess", stamp, raw)}
    response = h.client.post("/recalculate", data=raw, headers=headers)
    assert response.status_code == 401
    assert "signature does not match" in clean_json(response)["error"]["message"]


@pytest.mark.parametrize("offset", [-301, 301, -86_400, 10**9])
def test_stale_or_future_timestamp_is_401(make_harness, clean_json, offset):
    now = 1_800_000_000
    h = make_harness(clock=lambda: now)
    response = h.post_signed("/recalculate", BODY, ts=now + offset)
    assert response.status_code == 401
    assert "300 s" in clean_json(response)["error"]["message"]
    assert h.storages == []


@pytest.mark.parametrize("offset", [-300, 0, 300])
def test_timestamp_within_the_window_is_accepted(make_harness, offset):
    now = 1_800_000_000
    h = make_harness(clock=lambda: now)
    assert h.post_signed("/recalculate", BODY, ts=now + offset).status_code == 200


@pytest.mark.parametrize("stamp", ["-5", "1.5e9", "17643OOOOO", " ", "1764300000.0"])
def test_non_numeric_timestamp_is_401(make_harness, clean_json, stamp):
    h = make_harness()
    raw = json.dumps(BODY).encode()
    headers = {"X-Rolemap-Timestamp": stamp, "X-Rolemap-Signature": "0" * 64}
    assert h.client.post("/recalculate", data=raw, headers=headers).status_code == 401


def test_replay_with_a_modified_body_is_401(make_harness, clean_json):
    h = make_harness()
    raw = json.dumps(BODY).encode()
    stamp = str(int(time.time()))
    headers = {"X-Rolemap-Timestamp": stamp, "X-Rolemap-Signature": sign_hmac(h.secret, stamp, raw)}
    assert h.client.post("/recalculate", data=raw, headers=headers).status_code == 200
    for tampered in (
        json.dumps({"spreadsheet_id": "anotherSheet", "dry_run": False}).encode(),
        json.dumps({**BODY, "dry_run": True}).encode(),
        raw + b" ",
    ):
        response = h.client.post("/recalculate", data=tampered, headers=headers)
        assert response.status_code == 401
        clean_json(response)
    # The same signature with a shifted timestamp does not verify either.
    headers["X-Rolemap-Timestamp"] = str(int(stamp) + 1)
    assert h.client.post("/recalculate", data=raw, headers=headers).status_code == 401
    assert len(h.storages) == 1


def test_empty_secret_refuses_everyone(make_harness, clean_json):
    h = make_harness(hmac_secret="")
    raw = json.dumps(BODY).encode()
    stamp = str(int(time.time()))
    headers = {"X-Rolemap-Timestamp": stamp, "X-Rolemap-Signature": sign_hmac("", stamp, raw)}
    response = h.client.post("/recalculate", data=raw, headers=headers)
    assert response.status_code == 503
    body = clean_json(response)
    assert body["error"]["code"] == "auth_not_configured"
    assert "ROLEMAP_HMAC_SECRET" in body["error"]["message"]


def test_sheet_allow_list_applies_in_hmac_mode(make_harness, clean_json):
    h = make_harness(allowed_spreadsheets="onlyThisOne")
    response = h.post_signed("/recalculate", BODY)
    assert response.status_code == 403
    clean_json(response)
    assert h.post_signed("/recalculate", {"spreadsheet_id": "onlyThisOne"}).status_code == 200


def test_shared_vector_matches_the_python_signer():
    vector = json.loads(VECTOR.read_text(encoding="utf-8"))
    assert set(vector) >= {"secret", "timestamp", "body", "signature"}
    body = vector["body"].encode("utf-8")
    assert sign_hmac(vector["secret"], vector["timestamp"], body) == vector["signature"]
    assert verify_hmac(vector["secret"], vector["timestamp"], body, vector["signature"])
    assert not verify_hmac(vector["secret"], vector["timestamp"], body + b" ", vector["signature"])


def test_shared_vector_is_accepted_by_the_service(make_harness):
    vector = json.loads(VECTOR.read_text(encoding="utf-8"))
    stamp = int(vector["timestamp"])
    h = make_harness(hmac_secret=vector["secret"], clock=lambda: stamp + 5)
    headers = {
        "X-Rolemap-Timestamp": vector["timestamp"],
        "X-Rolemap-Signature": vector["signature"],
        "Content-Type": "application/json",
    }
    response = h.client.post("/recalculate", data=vector["body"].encode(), headers=headers)
    assert response.status_code == 200
    assert h.storages[0].source == json.loads(vector["body"])["spreadsheet_id"]
