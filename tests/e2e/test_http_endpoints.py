"""Endpoints and error statuses of the Flask service, with fakes behind it (hmac auth)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import rolemap
from rolemap.adapters.memory import MemoryStorage
from rolemap.demo import build_demo
from rolemap.errors import (
    SheetNotFoundError,
    SheetsApiError,
    SheetsUnavailableError,
    WorkbookError,
)
from rolemap.web import create_app
from tests.e2e.conftest import Harness, base_settings

SHEET = "sheet_ABCdef-123"
SECTION_7_KEYS = [
    "spreadsheet_id",
    "as_of",
    "flags",
    "checks",
    "totals",
    "channels",
    "api_requests",
    "duration_ms",
    "dry_run",
]


def test_healthz_needs_no_auth(make_harness, clean_json):
    h = make_harness()
    response = h.client.get("/healthz")
    assert response.status_code == 200
    assert clean_json(response) == {"status": "ok", "version": rolemap.__version__}


def test_recalculate_returns_the_section_7_json(make_harness, clean_json):
    h = make_harness()
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET, "dry_run": False})
    assert response.status_code == 200, response.get_json()
    body = clean_json(response)
    assert list(body)[: len(SECTION_7_KEYS)] == SECTION_7_KEYS  # key order kept, not sorted
    assert {f["action"] for f in body["flags"]} == {"stop", "rewrite", "scale_down"}
    assert body["api_requests"] == 3  # from storage.requests_made
    assert isinstance(body["duration_ms"], int)
    [storage] = h.storages
    assert (storage.source, len(storage.applied), storage.run_log_who()) == (SHEET, 1, "hmac")


def test_dry_run_and_as_of_reach_the_pipeline(make_harness):
    h = make_harness()
    response = h.post_signed(
        "/recalculate", {"spreadsheet_id": SHEET, "dry_run": True, "as_of": "2026-11-24"}
    )
    assert response.status_code == 200
    assert response.get_json()["dry_run"] is True
    assert h.storages[0].applied == []
    assert response.get_json()["as_of"] == "2026-11-24"  # the sheet itself says 2026-11-25


def test_dry_run_defaults_to_false_and_unknown_keys_are_ignored(make_harness):
    h = make_harness()
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET, "source": "addon"})
    assert response.status_code == 200
    assert len(h.storages[0].applied) == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"",
        b"not json",
        b"[]",
        b'"spreadsheet_id"',
        b"\xff\xfe\x00",
        b"[" * 5000 + b"]" * 5000,  # nesting deep enough to hit the recursion limit
        b'{"spreadsheet_id": "abc", }',
    ],
)
def test_malformed_json_is_400_signed_or_not(make_harness, clean_json, raw):
    h = make_harness()
    for response in (
        h.post_signed("/recalculate", raw),
        h.client.post("/recalculate", data=raw, content_type="application/json"),
    ):
        assert response.status_code == 400
        assert clean_json(response)["error"]["code"] == "bad_json"
    assert h.storages == []


@pytest.mark.parametrize(
    "sheet",
    [None, 123, "", "a b", "../etc", "abc/def", "a" * 129, "abc\n", "ab\u00e9c", ["abc"]],
)
def test_malformed_spreadsheet_id_is_400(make_harness, clean_json, sheet):
    h = make_harness()
    body: dict[str, Any] = {} if sheet is None else {"spreadsheet_id": sheet}
    response = h.post_signed("/recalculate", body)
    assert response.status_code == 400
    assert clean_json(response)["error"]["code"] == "bad_spreadsheet_id"


@pytest.mark.parametrize(
    "sheet", ["acc", "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", "a" * 128]
)
def test_short_emulator_and_real_google_ids_are_accepted(make_harness, sheet):
    assert make_harness().post_signed("/recalculate", {"spreadsheet_id": sheet}).status_code == 200


@pytest.mark.parametrize(
    "extra", [{"dry_run": "yes"}, {"dry_run": 1}, {"as_of": "25.11.2026"}, {"as_of": "2026-02-30"}]
)
def test_bad_fields_are_400(make_harness, clean_json, extra):
    response = make_harness().post_signed("/recalculate", {"spreadsheet_id": SHEET, **extra})
    assert response.status_code == 400
    assert clean_json(response)["error"]["code"] == "bad_field"


def test_body_too_large_is_413(make_harness, clean_json):
    h = make_harness(max_body_bytes=1000)
    raw = json.dumps({"spreadsheet_id": SHEET, "pad": "x" * 2000}).encode()
    for response in (
        h.post_signed("/recalculate", raw),
        h.client.post("/recalculate", data=raw),
        h.post_signed("/template", raw),
    ):
        assert response.status_code == 413
        body = clean_json(response)
        assert body["error"]["code"] == "body_too_large"
        assert "1000 bytes" in body["error"]["message"]
    assert h.storages == []


def test_unknown_path_is_json_404(make_harness, clean_json):
    response = make_harness().client.get("/nope")
    assert response.status_code == 404
    assert clean_json(response)["error"]["code"] == "not_found"


@pytest.mark.parametrize(("method", "path"), [("get", "/recalculate"), ("post", "/healthz")])
def test_wrong_method_is_json_405(make_harness, clean_json, method, path):
    response = getattr(make_harness().client, method)(path)
    assert response.status_code == 405
    assert clean_json(response)["error"]["code"] == "method_not_allowed"
    assert response.headers["Allow"]


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (SheetsApiError("The Sheets API failed: 500 after 5 tries."), 502, "sheets_api_error"),
        (SheetsUnavailableError("The Sheets API is unavailable."), 503, "sheets_unavailable"),
        (SheetNotFoundError("No such spreadsheet, or not shared."), 404, "sheet_not_found"),
        (WorkbookError("The Channels tab is missing."), 400, "bad_workbook"),
    ],
)
def test_rolemap_errors_keep_their_status_and_message(
    make_harness, clean_json, error, status, code
):
    def fail(storage: Any) -> None:
        raise error

    response = make_harness(fail).post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert response.status_code == status
    assert clean_json(response)["error"] == {"code": code, "message": error.message}


def test_unexpected_error_is_a_generic_500(make_harness, clean_json, caplog):
    def crash(storage: Any) -> None:
        raise RuntimeError("db password is hunter2")

    h = make_harness(crash)
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert response.status_code == 500
    assert clean_json(response, "hunter2", "RuntimeError")["error"]["code"] == "internal"
    assert h.storages[0].applied == []
    logged = [r for r in caplog.records if r.exc_info]
    assert logged  # the traceback is kept server-side


def test_the_pipeline_recalculates_the_sheet_the_factory_opens(clean_json):
    demo = MemoryStorage(build_demo("en", dt.date(2026, 11, 25)), source=SHEET)
    client = create_app(base_settings(), storage_factory=lambda _id: demo).test_client()
    h = Harness(client.application, client)
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert response.status_code == 200
    payload = clean_json(response)
    assert payload["spreadsheet_id"] == SHEET
    assert payload["as_of"] == "2026-11-25"
    assert {f["action"] for f in payload["flags"]} == {"stop", "rewrite", "scale_down"}
    assert len(demo.applied) == 1


def test_template_creates_a_spreadsheet(make_harness, clean_json):
    h = make_harness()
    response = h.post_signed("/template", {"lang": "ru", "title": "  Маркетинг  "})
    assert response.status_code == 200
    assert clean_json(response) == {
        "spreadsheet_id": "newSheet123",
        "url": "https://docs.google.com/spreadsheets/d/newSheet123/edit",
    }
    # In hmac mode there is no caller e-mail to share with.
    assert h.templates == [{"lang": "ru", "title": "Маркетинг", "share": None}]


def test_template_defaults_and_explicit_share(make_harness):
    h = make_harness()
    assert h.post_signed("/template", {"share": "bob@example.com"}).status_code == 200
    assert h.templates == [{"lang": "en", "title": None, "share": "bob@example.com"}]


def test_template_accepts_a_bare_id_as_create_spreadsheet_returns(make_harness):
    h = make_harness(template_result="1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms")
    assert h.post_signed("/template", {"lang": "en"}).get_json() == {
        "spreadsheet_id": "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms",
        "url": "https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit",
    }


@pytest.mark.parametrize(
    "body",
    [{"lang": "de"}, {"title": ""}, {"title": "x" * 201}, {"share": "not-an-email"}, {"title": 5}],
)
def test_template_bad_fields_are_400(make_harness, clean_json, body):
    h = make_harness()
    response = h.post_signed("/template", body)
    assert response.status_code == 400
    clean_json(response)
    assert h.templates == []


def test_template_needs_auth(make_harness, clean_json):
    h = make_harness()
    response = h.client.post("/template", json={"lang": "en"})
    assert response.status_code == 401
    clean_json(response)
    assert h.templates == []


def test_template_errors_map_to_json(make_harness, clean_json):
    h = make_harness(template_result=SheetsUnavailableError("Drive is unavailable."))
    response = h.post_signed("/template", {})
    assert response.status_code == 503
    assert clean_json(response)["error"]["code"] == "sheets_unavailable"
