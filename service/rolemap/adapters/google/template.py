"""`rolemap template create`: a fresh Rolemap spreadsheet in one create plus one batchUpdate.

The layout comes from `core.template_layout`, the same definition `template build` renders to
xlsx, so the two cannot drift apart. Sharing (optional) is one Drive v3 `permissions.create`.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any

import gspread
import requests
from gspread.urls import SPREADSHEETS_API_V4_BASE_URL

from rolemap.adapters.google.retry import Retrier
from rolemap.adapters.google.session import make_session
from rolemap.adapters.google.values import (
    NUMBER_FORMATS,
    cell_data,
    column_widths,
    extended_value,
    tone_colors,
)
from rolemap.core.contract import Lang
from rolemap.core.plan import Cell
from rolemap.core.template_layout import TemplateTab, template_layout
from rolemap.errors import RolemapError, SheetsApiError, SheetsUnavailableError
from rolemap.settings import Settings

log = logging.getLogger(__name__)

TEMPLATE_ROWS = 1000  # grid rows; dropdowns and number formats cover rows 2..1000
MIN_COLS = 26
_TITLES = {"en": "Rolemap — marketing map", "ru": "Rolemap — карта маркетинга"}
_LOCALES = {"en": "en_US", "ru": "ru_RU"}


def create_body(lang: Lang, title: str, tabs: tuple[TemplateTab, ...]) -> dict[str, Any]:
    """The `spreadsheets.create` body: the tabs with ids we choose, titles, frozen rows, sizes."""
    sheets = [
        {
            "properties": {
                "sheetId": index,
                "title": tab.title,
                "index": index,
                "gridProperties": {
                    "rowCount": TEMPLATE_ROWS,
                    "columnCount": max(len(tab.columns), MIN_COLS),
                    "frozenRowCount": tab.frozen_rows,
                },
            }
        }
        for index, tab in enumerate(tabs)
    ]
    return {"properties": {"title": title, "locale": _LOCALES[lang]}, "sheets": sheets}


def _column_range(sheet_id: int, col: int) -> dict[str, int]:
    return {
        "sheetId": sheet_id,
        "startRowIndex": 1,
        "endRowIndex": TEMPLATE_ROWS,
        "startColumnIndex": col,
        "endColumnIndex": col + 1,
    }


def tab_requests(tab: TemplateTab, sheet_id: int) -> list[dict[str, Any]]:
    """Headers (bold, with notes), number formats, dropdowns, widths and example rows."""
    background, foreground = tone_colors("grey")
    header_format = {
        "textFormat": {"bold": True, "foregroundColor": foreground},
        "backgroundColor": background,
        "wrapStrategy": "WRAP",
    }
    header: list[dict[str, Any]] = []
    for col in tab.columns:
        cell: dict[str, Any] = {
            "userEnteredValue": extended_value(col.title),
            "userEnteredFormat": header_format,
        }
        if col.note:
            cell["note"] = col.note
        header.append(cell)
    out: list[dict[str, Any]] = [
        {
            "updateCells": {
                "rows": [{"values": header}],
                "fields": "userEnteredValue,userEnteredFormat,note",
                "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
            }
        }
    ]
    for index, col in enumerate(tab.columns):
        if col.number_format is not None:
            out.append(
                {
                    "repeatCell": {
                        "range": _column_range(sheet_id, index),
                        "cell": {
                            "userEnteredFormat": {
                                "numberFormat": dict(NUMBER_FORMATS[col.number_format])
                            }
                        },
                        "fields": "userEnteredFormat.numberFormat",
                    }
                }
            )
        if col.dropdown:
            condition = {
                "type": "ONE_OF_LIST",
                "values": [{"userEnteredValue": choice} for choice in col.dropdown],
            }
            rule = {"condition": condition, "strict": col.strict, "showCustomUi": True}
            out.append(
                {"setDataValidation": {"range": _column_range(sheet_id, index), "rule": rule}}
            )
    out += column_widths(sheet_id, [c.width for c in tab.columns])
    if tab.rows:
        # Values only: the columns' number formats set above already show them right.
        rows = [
            {
                "values": [
                    {k: v for k, v in cell_data(Cell(value)).items() if k != "userEnteredFormat"}
                    for value in row
                ]
            }
            for row in tab.rows
        ]
        out.append(
            {
                "updateCells": {
                    "rows": rows,
                    "fields": "userEnteredValue",
                    "start": {"sheetId": sheet_id, "rowIndex": 1, "columnIndex": 0},
                }
            }
        )
    return out


def _share(
    http: Any, retrier: Retrier, settings: Settings, spreadsheet_id: str, email: str
) -> None:
    url = f"{settings.drive_api_url.rstrip('/')}/drive/v3/files/{spreadsheet_id}/permissions"
    params = {"sendNotificationEmail": "true", "supportsAllDrives": "true"}
    body = {"type": "user", "role": "writer", "emailAddress": email}

    def post(timeout: float) -> Any:
        http.set_timeout(timeout)
        return http.request("post", url, params=params, json=body)

    try:
        # permissions.create is idempotent for one e-mail and role, so a resend is harmless.
        retrier.call(post)
    except RolemapError as exc:
        raise SheetsApiError(
            f"Created spreadsheet {spreadsheet_id}, but could not share it with {email}: "
            f"{exc.message} Check that the Drive API is enabled, or share it by hand."
        ) from exc


def create_spreadsheet(
    settings: Settings,
    *,
    lang: Lang,
    title: str | None = None,
    share: str | None = None,
    session: requests.Session | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: random.Random | None = None,
) -> str:
    """Create a Rolemap spreadsheet and return its id: one create + one batchUpdate (+ a share).

    With a local emulator `share` is skipped (there is no Drive to call) and a warning is logged.
    """
    if session is None:
        session = make_session(
            settings.sheets_api_url,
            settings.credentials_file,
            local=settings.uses_local_api,
            drive=share is not None,
        )
    http = gspread.Client(auth=None, session=session).http_client  # type: ignore[arg-type]
    retrier = Retrier(settings, sleep=sleep, clock=clock, rng=rng)
    tabs = template_layout(lang)
    body = create_body(lang, title or _TITLES[lang], tabs)

    def refuse_ambiguous() -> None:
        # A create is not idempotent: resending after a dropped connection could leave two.
        raise SheetsUnavailableError(
            "The connection to Google Sheets dropped while creating the spreadsheet; it may or "
            "may not exist. Check your Drive before trying again."
        )

    def create(timeout: float) -> Any:
        http.set_timeout(timeout)
        return http.request("post", SPREADSHEETS_API_V4_BASE_URL, json=body).json()

    created = retrier.call(create, write=True, on_ambiguous=refuse_ambiguous)
    spreadsheet_id = str(created["spreadsheetId"])
    ids = {
        s["properties"]["title"]: int(s["properties"]["sheetId"])
        for s in created.get("sheets", [])
        if "properties" in s
    }
    batch: list[dict[str, Any]] = []
    for index, tab in enumerate(tabs):
        batch += tab_requests(tab, ids.get(tab.title, index))

    def update(timeout: float) -> Any:
        http.set_timeout(timeout)
        return http.batch_update(spreadsheet_id, {"requests": batch})

    # Every request here sets cells or properties (nothing is added), so a resend is safe.
    retrier.call(update, write=True)
    if share:
        if settings.uses_local_api:
            log.warning(
                "Sharing skipped: %s is a local emulator with no Drive API; %s was not shared "
                "with %s.",
                settings.sheets_api_url,
                spreadsheet_id,
                share,
            )
        else:
            _share(http, retrier, settings, spreadsheet_id, share)
    return spreadsheet_id
