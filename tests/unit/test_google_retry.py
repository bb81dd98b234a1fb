"""Bounded retries and error mapping, with a scripted session, a fake clock and no sleeping."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest
import requests

from rolemap.adapters.google.retry import Retrier, retry_after_seconds
from rolemap.adapters.google.storage import METADATA_FIELDS, GoogleSheetStorage
from rolemap.core.plan.model import Cell, OutputTab, WritePlan
from rolemap.errors import (
    AuthError,
    ForbiddenError,
    SheetNotFoundError,
    SheetsApiError,
    SheetsUnavailableError,
)
from rolemap.settings import Settings

API = "http://127.0.0.1:9"
META = {
    "spreadsheetId": "s1",
    "properties": {"title": "Marketing", "locale": "en_US"},
    "sheets": [
        {"properties": {"sheetId": 0, "title": "Settings", "index": 0}},
        {"properties": {"sheetId": 5, "title": "Stop rules", "index": 1}},
        {"properties": {"sheetId": 6, "title": "Notes", "index": 2}},
        {"properties": {"sheetId": 7, "title": "Bob's tab", "index": 3}},
    ],
}
VALUES = {
    "spreadsheetId": "s1",
    "valueRanges": [
        {"range": "Settings!A1:B2", "values": [["Setting", "Value"], ["Language", "en"]]},
        {"range": "'Stop rules'!A1:A1"},
    ],
}

Step = Callable[[], requests.Response] | requests.Response | Exception


def response(
    status: int, body: Any = None, headers: dict[str, str] | None = None
) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    if body is None and status >= 400:
        body = {"error": {"code": status, "message": f"boom {status}", "status": "X"}}
    r._content = json.dumps(body or {}).encode()
    r.headers.update(headers or {})
    r.headers["Content-Type"] = "application/json"
    return r


class ScriptedSession(requests.Session):
    """Answers each request with the next scripted step; records what was asked."""

    def __init__(self, *steps: Step) -> None:
        super().__init__()
        self.steps = list(steps)
        self.calls: list[dict[str, Any]] = []

    def request(self, method: Any, url: Any, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls.append({"method": str(method).upper(), "url": str(url), **kwargs})
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        return step if isinstance(step, requests.Response) else step()


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "sheets_api_url": API,
        "retry_max_seconds": 60.0,
        "retry_base_seconds": 0.5,
        "retry_cap_seconds": 16.0,
    }
    return Settings(**{**values, **overrides})


def storage(session: ScriptedSession, fake: FakeTime, **overrides: Any) -> GoogleSheetStorage:
    return GoogleSheetStorage(
        "s1",
        settings(**overrides),
        session=session,
        sleep=fake.sleep,
        clock=fake.clock,
        rng=random.Random(7),
    )


def test_read_is_two_requests_with_the_right_parameters() -> None:
    session = ScriptedSession(response(200, META), response(200, VALUES))
    snapshot = storage(session, FakeTime()).read()

    meta, batch = session.calls
    assert meta["method"] == "GET"
    assert meta["url"].endswith("/v4/spreadsheets/s1")
    assert meta["params"] == {"fields": METADATA_FIELDS}
    assert batch["url"].endswith("/v4/spreadsheets/s1/values:batchGet")
    assert batch["params"]["ranges"] == ["'Settings'", "'Stop rules'"]
    assert batch["params"]["valueRenderOption"] == "UNFORMATTED_VALUE"
    assert batch["params"]["dateTimeRenderOption"] == "SERIAL_NUMBER"
    assert snapshot.tabs == {
        "Settings": [["Setting", "Value"], ["Language", "en"]],
        "Stop rules": [],
    }
    assert snapshot.source == "s1"


def test_429_then_success() -> None:
    fake = FakeTime()
    session = ScriptedSession(response(429), response(200, META), response(200, VALUES))
    store = storage(session, fake)
    store.read()
    assert store.requests_made == 3
    assert store.retries == 1
    assert len(fake.slept) == 1
    assert 0 <= fake.slept[0] <= 0.5  # full jitter on the first backoff step


def test_retry_after_is_honoured() -> None:
    fake = FakeTime()
    session = ScriptedSession(
        response(503, headers={"Retry-After": "7"}), response(200, META), response(200, VALUES)
    )
    storage(session, fake).read()
    assert fake.slept == [7.0]


def test_retry_after_as_an_http_date() -> None:
    import datetime as dt

    r = response(429, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT"})
    now = dt.datetime(2026, 10, 21, 7, 28, 0, tzinfo=dt.UTC)
    assert retry_after_seconds(r, now) == 30.0
    assert retry_after_seconds(response(429, headers={"Retry-After": "soon"})) is None


def test_persistent_503_gives_a_clear_error_within_the_bound() -> None:
    fake = FakeTime()
    session = ScriptedSession(*(response(503) for _ in range(200)))
    store = storage(session, fake)
    with pytest.raises(SheetsUnavailableError) as caught:
        store.read()
    assert fake.now <= 60.0
    assert sum(fake.slept) <= 60.0
    message = caught.value.message
    assert message.startswith("Google Sheets is not answering (503 after ")
    assert "Nothing was written" in message
    assert "\n" not in message
    assert store.requests_made == len(session.calls)
    assert store.requests_made > 3  # it did back off and retry


def test_backoff_is_capped_and_jittered() -> None:
    fake = FakeTime()
    retrier = Retrier(
        settings(retry_max_seconds=600), sleep=fake.sleep, clock=fake.clock, rng=random.Random(1)
    )
    calls = iter([requests.ConnectionError("reset")] * 12 + [None])

    def flaky(timeout: float) -> str:
        step = next(calls)
        if step is not None:
            raise step
        return "ok"

    assert retrier.call(flaky) == "ok"
    assert retrier.attempts == 13
    bounds = [min(16.0, 0.5 * 2**n) for n in range(12)]
    assert all(0 <= s <= b for s, b in zip(fake.slept, bounds, strict=True))


def test_timeout_never_runs_past_the_bound() -> None:
    fake = FakeTime()
    seen: list[float] = []
    retrier = Retrier(
        settings(retry_max_seconds=10, http_timeout_seconds=30), sleep=fake.sleep, clock=fake.clock
    )

    def once(timeout: float) -> int:
        seen.append(timeout)
        return 1

    retrier.call(once)
    assert seen == [10.0]


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, AuthError, "credentials"),
        (403, ForbiddenError, "Share the sheet with"),
        (404, SheetNotFoundError, "s1"),
        (400, SheetsApiError, "boom 400"),
    ],
)
def test_client_errors_are_mapped_and_not_retried(
    status: int, error: type[Exception], words: str
) -> None:
    fake = FakeTime()
    session = ScriptedSession(response(status))
    with pytest.raises(error, match=words) as caught:
        storage(session, fake).read()
    assert type(caught.value) is error
    assert fake.slept == []
    assert len(session.calls) == 1


def test_quota_403_is_retried() -> None:
    quota = {
        "error": {
            "code": 403,
            "message": "Quota",
            "status": "PERMISSION_DENIED",
            "errors": [{"reason": "rateLimitExceeded"}],
        }
    }
    session = ScriptedSession(response(403, quota), response(200, META), response(200, VALUES))
    store = storage(session, FakeTime())
    store.read()
    assert store.requests_made == 3


def test_connection_error_on_read_is_retried() -> None:
    session = ScriptedSession(
        requests.ConnectionError("reset"), response(200, META), response(200, VALUES)
    )
    store = storage(session, FakeTime())
    store.read()
    assert store.requests_made == 3


PLAN = WritePlan("en", outputs=(OutputTab(key="runlog", title="Run log", rows=((Cell("When"),),)),))


def test_apply_is_one_batch_update() -> None:
    session = ScriptedSession(
        response(200, META), response(200, VALUES), response(200, {"spreadsheetId": "s1"})
    )
    store = storage(session, FakeTime())
    store.read()
    store.apply(PLAN)
    assert store.requests_made == 3
    write = session.calls[-1]
    assert write["method"] == "POST"
    assert write["url"].endswith("/v4/spreadsheets/s1:batchUpdate")
    assert write["json"]["requests"][0]["addSheet"]["properties"]["title"] == "Run log"


def test_ambiguous_write_failure_rereads_and_rebuilds() -> None:
    # The batch was applied but the answer was lost; the resend must see the tab that now exists.
    after = json.loads(json.dumps(META))
    after["sheets"].append({"properties": {"sheetId": 1234, "title": "Run log", "index": 4}})
    session = ScriptedSession(
        response(200, META),
        response(200, VALUES),
        requests.ConnectionError("Connection aborted: RemoteDisconnected"),
        response(200, after),
        response(200, {"spreadsheetId": "s1"}),
    )
    store = storage(session, FakeTime())
    store.read()
    store.apply(PLAN)
    assert store.requests_made == 5
    assert [c["method"] for c in session.calls] == ["GET", "GET", "POST", "GET", "POST"]
    first, resent = session.calls[2]["json"]["requests"], session.calls[4]["json"]["requests"]
    assert "addSheet" in first[0]
    assert not any("addSheet" in r for r in resent)
    assert resent[0]["updateCells"]["range"] == {"sheetId": 1234}


def test_a_server_error_on_write_resends_the_same_batch() -> None:
    session = ScriptedSession(
        response(200, META), response(200, VALUES), response(503), response(200, {})
    )
    store = storage(session, FakeTime())
    store.read()
    store.apply(PLAN)
    assert store.requests_made == 4
    assert session.calls[2]["json"] == session.calls[3]["json"]


def test_apply_without_read_fetches_metadata_once() -> None:
    session = ScriptedSession(response(200, META), response(200, {}))
    store = storage(session, FakeTime())
    store.apply(PLAN)
    assert store.requests_made == 2


def test_template_create_shares_through_drive_when_not_local() -> None:
    from rolemap.adapters.google.template import create_spreadsheet

    # 127.0.0.2 is loopback, but not one of the hosts `uses_local_api` treats as the emulator.
    remote = settings(sheets_api_url="http://127.0.0.2:9", drive_api_url="http://127.0.0.2:9")
    session = ScriptedSession(
        response(200, {"spreadsheetId": "new", "sheets": []}),
        response(200, {}),
        response(200, {"id": "perm"}),
    )
    fake = FakeTime()
    new_id = create_spreadsheet(
        remote,
        lang="en",
        share="cmo@example.com",
        session=session,
        sleep=fake.sleep,
        clock=fake.clock,
    )
    assert new_id == "new"
    create, batch, share = session.calls
    assert create["url"].endswith("/v4/spreadsheets")
    assert batch["url"].endswith("/v4/spreadsheets/new:batchUpdate")
    assert share["url"] == "http://127.0.0.2:9/drive/v3/files/new/permissions"
    assert share["json"] == {"type": "user", "role": "writer", "emailAddress": "cmo@example.com"}


def test_a_failed_share_names_the_created_spreadsheet() -> None:
    from rolemap.adapters.google.template import create_spreadsheet

    remote = settings(sheets_api_url="http://127.0.0.2:9", drive_api_url="http://127.0.0.2:9")
    session = ScriptedSession(
        response(200, {"spreadsheetId": "new"}), response(200, {}), response(403)
    )
    with pytest.raises(SheetsApiError, match="Created spreadsheet new, but could not share"):
        create_spreadsheet(remote, lang="ru", share="cmo@example.com", session=session)


def test_a_dropped_create_is_not_resent() -> None:
    from rolemap.adapters.google.template import create_spreadsheet

    session = ScriptedSession(
        requests.ConnectionError("reset"), response(200, {"spreadsheetId": "x"})
    )
    with pytest.raises(SheetsUnavailableError, match="may or may not exist"):
        create_spreadsheet(settings(), lang="en", session=session)
    assert len(session.calls) == 1
