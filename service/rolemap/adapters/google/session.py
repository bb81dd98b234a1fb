"""The `requests.Session` gspread is given: it sends every Sheets call to `sheets_api_url`.

gspread builds absolute URLs on `https://sheets.googleapis.com`; rewriting them here lets the same
client talk to the local emulator (tests, benchmarks) or to Google, with no monkeypatching.
"""

from __future__ import annotations

from typing import Any, cast

import requests

GOOGLE_SHEETS_URL = "https://sheets.googleapis.com"
SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
DRIVE_SCOPES = (*SCOPES, "https://www.googleapis.com/auth/drive.file")


class _Redirect:
    """Mixin: swap the Sheets origin for another one on every request."""

    api_url: str

    def _rewrite(self, url: str) -> str:
        if self.api_url != GOOGLE_SHEETS_URL and url.startswith(GOOGLE_SHEETS_URL):
            return self.api_url + url[len(GOOGLE_SHEETS_URL) :]
        return url


class RedirectingSession(_Redirect, requests.Session):
    """No credentials: for a loopback emulator."""

    def __init__(self, api_url: str) -> None:
        super().__init__()
        self.api_url = api_url.rstrip("/")

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        return super().request(method, self._rewrite(str(url)), *args, **kwargs)


def make_session(
    api_url: str, credentials_file: str | None, *, local: bool, drive: bool = False
) -> requests.Session:
    """A session for `api_url`: anonymous for a local emulator, else authorised by google-auth.

    Credentials come from a service-account JSON file when given, otherwise from Application
    Default Credentials, with the narrowest scopes that work.
    """
    if local:
        return RedirectingSession(api_url)
    import google.auth
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2 import service_account

    scopes = list(DRIVE_SCOPES if drive else SCOPES)
    # google-auth ships `py.typed` but leaves these callables unannotated: hence the
    # `no-untyped-call` ignores below.
    if credentials_file:
        creds = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
            credentials_file, scopes=scopes
        )
    else:
        creds, _ = google.auth.default(scopes=scopes)

    class _AuthorizedRedirect(_Redirect, AuthorizedSession):
        def request(
            self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
        ) -> requests.Response:
            target = url if isinstance(url, bytes) else self._rewrite(url)
            response = super().request(method, target, *args, **kwargs)  # type: ignore[no-untyped-call]
            return cast(requests.Response, response)

    session = _AuthorizedRedirect(creds)  # type: ignore[no-untyped-call]
    session.api_url = api_url.rstrip("/")
    return session
