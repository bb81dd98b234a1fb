"""`GoogleSheetStorage`: the Storage port on a Google Sheet, in three HTTP requests.

`read()` = one `spreadsheets.get` (metadata, no cells) + one `values:batchGet` of the tabs the
core needs; `apply()` = one atomic `spreadsheets.batchUpdate`. Only gspread's low-level
`HTTPClient` is used: `Client.open_by_key` would spend an extra metadata request.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import gspread
import requests

from rolemap.adapters.google.retry import Retrier
from rolemap.adapters.google.session import make_session
from rolemap.core.model.snapshot import Grid, Snapshot
from rolemap.settings import Settings

if TYPE_CHECKING:
    from rolemap.core.plan.model import WritePlan

# The contract (pydantic models) and the request builder (the plan, the template, numpy) are
# imported where first used: the CLI starts its reads before they load (`prefetch`).

# Exactly what `build_requests` needs, so the metadata answer stays small on a big sheet.
METADATA_FIELDS = (
    "spreadsheetId,properties(title,locale,timeZone),"
    "sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount,frozenRowCount)),"
    "conditionalFormats,protectedRanges(protectedRangeId,range,description,warningOnly),"
    "charts(chartId),merges)"
)
# Locale-independent reads: numbers as numbers, dates as serials.
VALUE_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
# Outputs whose previous content the core reads back (`checks`: which errors are new).
_READ_OUTPUTS = ("flags", "runlog", "checks")


def wanted_names() -> frozenset[str]:
    """Normalised titles (both languages) of every input tab plus `Stop flags` and `Run log`."""
    from rolemap.core.model.contract import load_contract

    contract = load_contract()
    names: set[str] = set()
    for tab in contract.tabs:
        names |= tab.names
    for key in _READ_OUTPUTS:
        names |= contract.output(key).names
    return frozenset(names)


def unread_names() -> frozenset[str]:
    """Normalised titles of the output tabs the core never reads back (CMO summary, Checks).

    Every other tab is read: a Sources row may name any tab as raw data, and Sources itself is
    only known once read, so the one `values:batchGet` takes them all (docs/contract-sources.md).
    """
    from rolemap.core.model.contract import load_contract

    contract = load_contract()
    names: set[str] = set()
    for spec in contract.outputs:
        if spec.key not in _READ_OUTPUTS:
            names |= spec.names
    return frozenset(names)


def read_titles(titles: list[str]) -> list[str]:
    """The tabs the one batchGet reads: the contract's, or with a Sources tab, all but outputs."""
    from rolemap.core.model.contract import load_contract, normalize

    names = [normalize(t) for t in titles]
    if load_contract().tab("sources").names.isdisjoint(names):
        wanted = wanted_names()
        return [t for t, n in zip(titles, names, strict=True) if n in wanted]
    unread = unread_names()
    return [t for t, n in zip(titles, names, strict=True) if n not in unread]


def _service_account(session: requests.Session) -> str:
    credentials = getattr(session, "credentials", None)
    return str(getattr(credentials, "service_account_email", "") or "")


class GoogleSheetStorage:
    """One spreadsheet, read and written through gspread's HTTP client with bounded retries."""

    def __init__(
        self,
        spreadsheet_id: str,
        settings: Settings,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.spreadsheet_id = spreadsheet_id
        self.settings = settings
        if session is None:
            session = make_session(
                settings.sheets_api_url,
                settings.credentials_file,
                local=settings.uses_local_api,
            )
        # gspread documents `auth=None` with a ready session; its annotation says otherwise.
        self._http = gspread.Client(auth=None, session=session).http_client  # type: ignore[arg-type]
        self._retrier = Retrier(
            settings,
            sleep=sleep,
            clock=clock,
            rng=rng,
            spreadsheet=spreadsheet_id,
            account=_service_account(session),
        )
        self._rereads = 0  # metadata re-reads after an ambiguous write failure
        self.metadata: dict[str, Any] | None = None
        self._pending: Future[Snapshot] | None = None

    @property
    def requests_made(self) -> int:
        """HTTP requests tried so far, including retries and failed tries."""
        return self._retrier.attempts + self._rereads

    @property
    def retries(self) -> int:
        """How many of `requests_made` were retries after a retryable failure."""
        return self._retrier.retries

    # -- reading

    def _fetch_metadata(self, timeout: float) -> dict[str, Any]:
        self._http.set_timeout(timeout)
        answer = self._http.fetch_sheet_metadata(
            self.spreadsheet_id, params={"fields": METADATA_FIELDS}
        )
        return dict(answer)

    def prefetch(self) -> None:
        """Start `read()` in the background; the next `read()` waits for it.

        The two reads mostly wait on the network, so a caller can do its own slow work meanwhile:
        the CLI imports pandas and the core while they are in flight.
        """
        if self._pending is None:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolemap-read")
            self._pending = pool.submit(self._read)
            pool.shutdown(wait=False)

    def read(self) -> Snapshot:
        """Metadata, then every tab but the unread outputs, in one `values:batchGet`."""
        pending, self._pending = self._pending, None
        return pending.result() if pending is not None else self._read()

    def _read(self) -> Snapshot:
        self.metadata = self._retrier.call(self._fetch_metadata)
        sheets = sorted(
            self.metadata.get("sheets", []),
            key=lambda s: s.get("properties", {}).get("index", 0),
        )
        titles = read_titles([str(s.get("properties", {}).get("title", "")) for s in sheets])
        # The sheet's own zone decides "today": a Moscow team at 01:00 is already on the next day.
        zone = str(self.metadata.get("properties", {}).get("timeZone", "") or "")
        if not titles:  # nothing to read: the core decides whether that is a Rolemap sheet
            return Snapshot(tabs={}, source=self.spreadsheet_id, time_zone=zone)
        from rolemap.adapters.google.values import a1_sheet

        ranges = [a1_sheet(t) for t in titles]

        def batch_get(timeout: float) -> Any:
            self._http.set_timeout(timeout)
            return self._http.values_batch_get(
                self.spreadsheet_id, ranges, params=dict(VALUE_PARAMS)
            )

        answer = self._retrier.call(batch_get)
        value_ranges = answer.get("valueRanges", [])
        # Google answers in the order asked; an empty tab comes back with no `values`.
        tabs: dict[str, Grid] = {
            title: [list(row) for row in vr.get("values", [])]
            for title, vr in zip(titles, value_ranges, strict=False)
        }
        return Snapshot(tabs=tabs, source=self.spreadsheet_id, time_zone=zone)

    # -- writing

    def apply(self, plan: WritePlan) -> None:
        """The whole plan in ONE `spreadsheets.batchUpdate`: all of it lands, or none."""
        from rolemap.adapters.google.requests_builder import build_requests

        if self.metadata is None:  # apply without read: the plan needs current sheet ids
            self.metadata = self._retrier.call(self._fetch_metadata)
        requests_ = build_requests(plan, self.metadata)
        if not requests_:
            return
        stale = False

        def mark_stale() -> None:
            nonlocal stale
            stale = True

        def send(timeout: float) -> Any:
            nonlocal requests_, stale
            if stale:
                # The connection broke after the body may have reached Google, so the batch may
                # have been applied. Resending it blindly could fail (addSheet of an existing
                # id) or delete the wrong rules (indexes moved), so re-read the metadata and
                # rebuild from the same plan: the rebuilt batch is correct either way. Only in
                # this fault case; it costs one extra read, within the same time bound.
                self.metadata = self._fetch_metadata(timeout)
                self._rereads += 1
                requests_ = build_requests(plan, self.metadata)
                stale = False
            self._http.set_timeout(timeout)
            return self._http.batch_update(self.spreadsheet_id, {"requests": requests_})

        try:
            self._retrier.call(send, write=True, on_ambiguous=mark_stale)
        finally:
            # Sheet ids, rules and protections have changed (or may have): never reuse it.
            self.metadata = None
