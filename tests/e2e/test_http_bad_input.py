"""Bad input through the service: clear JSON errors with a stable code, nothing written."""

from __future__ import annotations

from typing import Any

import google.auth
import pytest
from google.auth.exceptions import DefaultCredentialsError

from rolemap.adapters.memory import MemoryStorage
from rolemap.web import create_app
from tests.e2e.conftest import base_settings

SHEET = "sheet_ABCdef-123"


def test_a_sheet_without_input_tabs_is_422_and_nothing_is_written(make_harness, clean_json):
    foreign = MemoryStorage({"Sheet1": [["hello"]]}, source=SHEET)
    h = make_harness(real_pipeline=True)
    h.client = create_app(base_settings(), storage_factory=lambda _id: foreign).test_client()
    response = h.post_signed("/recalculate", {"spreadsheet_id": SHEET})
    assert response.status_code == 422
    error = clean_json(response)["error"]
    assert error["code"] == "not_a_rolemap_sheet"
    assert error["message"].startswith(f"{SHEET} is not a Rolemap sheet")
    assert foreign.applied == []


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    def default(*_args: Any, **_kwargs: Any) -> Any:
        raise DefaultCredentialsError("Your default credentials were not found.")  # type: ignore[no-untyped-call]

    monkeypatch.setattr(google.auth, "default", default)


@pytest.mark.usefixtures("no_credentials")
@pytest.mark.parametrize(
    ("path", "body"),
    [("/recalculate", {"spreadsheet_id": SHEET}), ("/template", {"lang": "ru"})],
    ids=["recalculate", "template"],
)
def test_missing_google_credentials_are_a_503_naming_the_variable(
    make_harness, clean_json, path, body
):
    h = make_harness(real_pipeline=True)
    settings = base_settings(sheets_api_url="https://sheets.googleapis.com", credentials_file=None)
    h.client = create_app(settings).test_client()  # the real Google storage and template
    response = h.post_signed(path, body)
    assert response.status_code == 503
    error = clean_json(response, "DefaultCredentialsError")["error"]
    assert error["code"] == "google_credentials_missing"
    assert "GOOGLE_APPLICATION_CREDENTIALS" in error["message"]
