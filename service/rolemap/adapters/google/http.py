"""The four Sheets API calls Rolemap makes, on a `requests.Session`, and the error they raise.

This replaces gspread's `HTTPClient`, of which we used only these calls: importing gspread costs
a CLI run about 60 ms (it pulls in google-auth-oauthlib and its OAuth flows) for nothing. The
URLs, parameters and error shape are the ones gspread 6 uses, so retries and error mapping
(`retry.py`) see the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

SPREADSHEETS_URL = "https://sheets.googleapis.com/v4/spreadsheets"


class GoogleApiError(Exception):
    """A non-2xx answer from a Google API: the response, its `error` object and its code."""

    def __init__(self, response: requests.Response) -> None:
        try:
            error = response.json()["error"]
            if not isinstance(error, dict):
                raise TypeError("error is not an object")
        except Exception as exc:  # not Google's JSON error shape: keep the raw text
            error = {"code": -1, "message": response.text, "status": f"invalid JSON: {exc}"}
        super().__init__(error)
        self.response = response
        self.error: Mapping[str, Any] = error
        self.code = error.get("code", -1)

    def __str__(self) -> str:
        return f"GoogleApiError: [{self.code}]: {self.error.get('message')}"


class SheetsHttp:
    """Sheets API v4 over a session; each call uses the timeout last given to `set_timeout`."""

    def __init__(self, session: requests.Session) -> None:
        self.session = session
        self.timeout: float | None = None

    def set_timeout(self, timeout: float | None) -> None:
        self.timeout = timeout

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> requests.Response:
        response = self.session.request(method, url, params=params, json=json, timeout=self.timeout)
        if not response.ok:
            raise GoogleApiError(response)
        return response

    def fetch_sheet_metadata(
        self, spreadsheet_id: str, params: Mapping[str, Any] | None = None
    ) -> Any:
        """`spreadsheets.get` without cell data."""
        query = {"includeGridData": "false"} if params is None else params
        return self.request("get", f"{SPREADSHEETS_URL}/{spreadsheet_id}", params=query).json()

    def values_batch_get(
        self, spreadsheet_id: str, ranges: list[str], params: Mapping[str, Any] | None = None
    ) -> Any:
        """`spreadsheets.values.batchGet` of `ranges` (one `ranges=` parameter each)."""
        query = {**(params or {}), "ranges": ranges}
        url = f"{SPREADSHEETS_URL}/{spreadsheet_id}/values:batchGet"
        return self.request("get", url, params=query).json()

    def batch_update(self, spreadsheet_id: str, body: Mapping[str, Any]) -> Any:
        """`spreadsheets.batchUpdate`: all of `body["requests"]` is applied, or none."""
        url = f"{SPREADSHEETS_URL}/{spreadsheet_id}:batchUpdate"
        return self.request("post", url, json=body).json()
