"""Rolemap's one exception family. Every error a user can meet is one of these.

    RolemapError                 a clear one-line message, with `exit_code` and HTTP `status`
    ├── UsageError               bad arguments or settings (exit 2, HTTP 400)
    │   ├── BadJsonError             a request body that is not a JSON object (HTTP 400)
    │   ├── BadSpreadsheetIdError    a malformed spreadsheet ID (HTTP 400)
    │   └── BadFieldError            a request field of the wrong type or value (HTTP 400)
    ├── WorkbookError            a workbook that cannot be opened or read (exit 1, HTTP 400)
    │   └── NotRolemapSheetError     none of the input tabs: refused, nothing written (HTTP 422)
    ├── CredentialsMissingError  no usable Google credentials on this machine (exit 1, HTTP 503)
    ├── AuthError                no credentials, or bad ones (HTTP 401)
    │   └── ForbiddenError       a known caller who may not do this (HTTP 403)
    ├── AuthNotConfiguredError   the service lacks its auth settings (HTTP 503)
    ├── AuthUnavailableError     Google's signing certificates could not be fetched (HTTP 503)
    ├── BusyError                the sheet's recalculation is already running (HTTP 409)
    ├── RateLimitedError         too many recalculations (HTTP 429)
    │   └── SheetRateLimitedError    of one sheet, knowing when to retry (`Retry-After`)
    └── SheetsApiError           the Google Sheets API failed (exit 1, HTTP 502)
        ├── SheetsUnavailableError   it still failed after bounded retries (HTTP 503)
        └── SheetNotFoundError       no such spreadsheet, or not shared with us (HTTP 404)

Checks and stop flags are results, never exceptions: bad cells become `DATA-*` checks.
"""

from __future__ import annotations


class RolemapError(Exception):
    exit_code = 1
    status = 500
    code = "internal"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(RolemapError):
    exit_code = 2
    status = 400
    code = "bad_request"


class BadJsonError(UsageError):
    code = "bad_json"


class BadSpreadsheetIdError(UsageError):
    code = "bad_spreadsheet_id"


class BadFieldError(UsageError):
    code = "bad_field"


class WorkbookError(RolemapError):
    exit_code = 1
    status = 400
    code = "bad_workbook"


class NotRolemapSheetError(WorkbookError):
    """The core found none of the input tabs: writing our tabs into it would only do harm."""

    status = 422
    code = "not_a_rolemap_sheet"


class CredentialsMissingError(RolemapError):
    """Our own Google credentials are missing or unreadable: the caller is not at fault."""

    status = 503
    code = "google_credentials_missing"


class AuthError(RolemapError):
    status = 401
    code = "unauthenticated"


class ForbiddenError(AuthError):
    status = 403
    code = "forbidden"


class AuthNotConfiguredError(RolemapError):
    """The service lacks the settings its auth mode needs: it refuses every request."""

    status = 503
    code = "auth_not_configured"


class AuthUnavailableError(RolemapError):
    """Google's signing certificates could not be fetched: not the caller's fault."""

    status = 503
    code = "auth_unavailable"


class BusyError(RolemapError):
    status = 409
    code = "already_running"


class RateLimitedError(RolemapError):
    status = 429
    code = "rate_limited"


class SheetRateLimitedError(RateLimitedError):
    """A 429 that knows when to try again (sent as `Retry-After`)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SheetsApiError(RolemapError):
    status = 502
    code = "sheets_api_error"


class SheetsUnavailableError(SheetsApiError):
    status = 503
    code = "sheets_unavailable"


class SheetNotFoundError(SheetsApiError):
    status = 404
    code = "sheet_not_found"
