"""Bounded retries for Google API calls, and Google errors → Rolemap errors.

Why our own loop: gspread 6.2.1's `BackOffHTTPClient` retries forever, and urllib3's `Retry`
bounds the number of tries but not the total time, nor does it honour `Retry-After` on our
terms. A recalculation must give up within `retry_max_seconds` with a clear message.

Retried: 408, 429, 500, 502, 503, 504, connection errors and timeouts, with capped exponential
backoff and full jitter (`uniform(0, min(cap, base * 2**attempt))`); a `Retry-After` header
replaces the computed delay. Everything else fails at once with a specific error.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from gspread.exceptions import APIError

from rolemap.errors import (
    AuthError,
    ForbiddenError,
    SheetNotFoundError,
    SheetsApiError,
    SheetsUnavailableError,
)
from rolemap.settings import Settings

T = TypeVar("T")

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Old-style quota errors still arrive as 403 with one of these reasons.
_RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
_MIN_TIMEOUT = 1.0


def _status_of(exc: APIError) -> int:
    return int(getattr(exc.response, "status_code", 0) or exc.code or 0)


def _google_message(exc: APIError) -> str:
    error: Any = getattr(exc, "error", {}) or {}
    message = error.get("message") if isinstance(error, dict) else None
    return str(message or getattr(exc.response, "reason", "") or "no message").strip()


def _is_rate_limit_403(exc: APIError) -> bool:
    error: Any = getattr(exc, "error", {}) or {}
    if not isinstance(error, dict):
        return False
    if error.get("status") == "RESOURCE_EXHAUSTED":
        return True
    reasons = {e.get("reason") for e in error.get("errors", []) if isinstance(e, dict)}
    return bool(reasons & _RATE_LIMIT_REASONS)


def retry_after_seconds(
    response: requests.Response | None, now: dt.datetime | None = None
) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date), or None when absent/unreadable."""
    if response is None:
        return None
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    raw = raw.strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def is_ambiguous_send_failure(exc: BaseException) -> bool:
    """A transport failure after which the server may have received (and applied) the body.

    Only a connect timeout is known to fail before anything was sent; a reset, a read timeout or
    a dropped connection may come after Google applied the request.
    """
    if isinstance(exc, requests.ConnectTimeout):
        return False
    return isinstance(exc, requests.ConnectionError | requests.Timeout)


def map_api_error(exc: APIError, *, spreadsheet: str = "", account: str = "") -> SheetsApiError | (
    AuthError
):
    """A non-retryable Google answer as the Rolemap error a user can act on."""
    status = _status_of(exc)
    message = _google_message(exc)
    which = f"spreadsheet {spreadsheet}" if spreadsheet else "the spreadsheet"
    who = f"the service account {account}" if account else "the service account Rolemap uses"
    if status == 401:
        return AuthError(
            f"Google rejected Rolemap's credentials (401: {message}). Check "
            "GOOGLE_APPLICATION_CREDENTIALS or the Application Default Credentials."
        )
    if status == 403:
        return ForbiddenError(
            f"Rolemap may not open {which} (403: {message}). "
            f"Share the sheet with {who} as an Editor."
        )
    if status == 404:
        return SheetNotFoundError(
            f"Google Sheets has no {which} (404). Check the ID in the sheet's URL, "
            f"and that the sheet is shared with {who}."
        )
    return SheetsApiError(f"Google Sheets refused the request ({status}: {message}).")


class Retrier:
    """Runs one API call with bounded retries; counts every HTTP attempt it makes.

    One `call` has its own time budget of `settings.retry_max_seconds`, measured with `clock`
    from the first attempt. `sleep`, `clock` and `rng` are injectable for tests.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        spreadsheet: str = "",
        account: str = "",
    ) -> None:
        self.max_seconds = settings.retry_max_seconds
        self.base = settings.retry_base_seconds
        self.cap = settings.retry_cap_seconds
        self.timeout = settings.http_timeout_seconds
        self.sleep = sleep
        self.clock = clock
        self.rng = rng or random.Random()
        self.spreadsheet = spreadsheet
        self.account = account
        self.attempts = 0  # HTTP requests tried, including retries and failed ones
        self.retries = 0

    def call(
        self,
        fn: Callable[[float], T],
        *,
        write: bool = False,
        on_ambiguous: Callable[[], None] | None = None,
    ) -> T:
        """Call `fn(timeout)` until it succeeds, a non-retryable error, or the time bound.

        `timeout` is the per-request HTTP timeout, shortened so the last try ends near the bound.
        `on_ambiguous` is told when a try may have reached the server before failing, so the
        caller can make the next try safe to repeat (see `GoogleSheetStorage.apply`).
        """
        start = self.clock()
        tries = 0
        maybe_landed = False  # some failed try of this write may have been applied
        while True:
            elapsed = self.clock() - start
            timeout = max(_MIN_TIMEOUT, min(self.timeout, self.max_seconds - elapsed))
            tries += 1
            self.attempts += 1
            try:
                return fn(timeout)
            except APIError as exc:
                status = _status_of(exc)
                if status not in RETRYABLE_STATUSES and not (
                    status == 403 and _is_rate_limit_403(exc)
                ):
                    raise map_api_error(
                        exc, spreadsheet=self.spreadsheet, account=self.account
                    ) from exc
                reason = str(status)
                hinted = retry_after_seconds(exc.response)
                ambiguous = False
                last: BaseException = exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                reason = "timeout" if isinstance(exc, requests.Timeout) else "connection error"
                hinted = None
                ambiguous = write and is_ambiguous_send_failure(exc)
                last = exc
            maybe_landed = maybe_landed or ambiguous
            if ambiguous and on_ambiguous is not None:
                on_ambiguous()
            delay = hinted
            if delay is None:
                delay = self.rng.uniform(0.0, min(self.cap, self.base * 2 ** (tries - 1)))
            elapsed = self.clock() - start
            if elapsed + delay > self.max_seconds:
                raise SheetsUnavailableError(
                    self._give_up_message(reason, tries, elapsed, maybe_landed)
                ) from last
            self.retries += 1
            self.sleep(delay)

    @staticmethod
    def _give_up_message(reason: str, tries: int, elapsed: float, maybe_landed: bool) -> str:
        plural = "try" if tries == 1 else "tries"
        head = (
            f"Google Sheets is not answering ({reason} after {tries} {plural} in {elapsed:.0f} s)."
        )
        if maybe_landed:
            return f"{head} The last write may or may not have landed; recalculate again."
        return f"{head} Nothing was written; try again in a few minutes."
