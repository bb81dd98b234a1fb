"""Parse and validate request bodies. Every failure is a 400 with a message naming the field."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from typing import Any

from rolemap.errors import BadFieldError, BadJsonError, BadSpreadsheetIdError

# Google ids are [A-Za-z0-9_-]{10,100}; the emulator uses short ones, hence 1..128.
SPREADSHEET_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested arrays
        raise BadJsonError("The request body is not valid JSON.") from None
    if not isinstance(value, dict):
        raise BadJsonError("The request body must be a JSON object.")
    return value


def spreadsheet_id(body: dict[str, Any]) -> str:
    value = body.get("spreadsheet_id")
    if not isinstance(value, str) or not SPREADSHEET_ID.fullmatch(value):
        raise BadSpreadsheetIdError(
            "spreadsheet_id must be the spreadsheet's ID: the part of its URL between /d/ and "
            "the next slash (letters, digits, - and _)."
        )
    return value


def optional_bool(body: dict[str, Any], key: str, default: bool) -> bool:
    value = body.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise BadFieldError(f"{key} must be true or false.")
    return value


def optional_date(body: dict[str, Any], key: str) -> dt.date | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise BadFieldError(f"{key} must be a date as YYYY-MM-DD.")


def optional_choice(body: dict[str, Any], key: str, choices: Collection[str], default: str) -> str:
    value = body.get(key, default)
    if value is None:
        return default
    if value not in choices:
        raise BadFieldError(f"{key} must be one of: {', '.join(sorted(choices))}.")
    return str(value)


def optional_text(body: dict[str, Any], key: str, max_length: int = 200) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise BadFieldError(f"{key} must be text of 1 to {max_length} characters.")
    return value.strip()


def optional_email(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 254 or not _EMAIL.fullmatch(value):
        raise BadFieldError(f"{key} must be an e-mail address.")
    return value
