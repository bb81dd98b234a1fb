"""Recorded Google traffic: the cassettes, their Sheets v4 interactions and Drive stand-ins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "google-recorded"
SHEETS_HOST = "sheets.googleapis.com"

# Cassettes whose Sheets traffic depends on something outside the Sheets API, so a replay
# cannot reproduce Google's answers. Kept short: everything else is replayed.
EXCLUDED: dict[str, str] = {
    "ClientTest.test_access_private_spreadsheet": (
        "the book belongs to another Google account: a 403 from Drive sharing, not a Sheets rule"
    ),
}


@dataclass(frozen=True)
class Interaction:
    method: str
    uri: str
    body: str | None
    status: int
    answer: str

    @property
    def is_sheets(self) -> bool:
        return urlsplit(self.uri).hostname == SHEETS_HOST

    def answer_json(self) -> Any:
        try:
            return json.loads(self.answer) if self.answer.strip() else {}
        except ValueError:
            return None

    def body_json(self) -> Any:
        return json.loads(self.body) if self.body else {}


def _text(raw: Any) -> str:
    if isinstance(raw, dict):
        raw = raw.get("string", "")
    if isinstance(raw, bytes):
        return raw.decode("utf-8")
    return raw or ""


def load(path: Path) -> list[Interaction]:
    data = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for item in data["interactions"]:
        request, response = item["request"], item["response"]
        body = request.get("body")
        found.append(
            Interaction(
                method=request["method"],
                uri=request["uri"],
                body=_text(body) if body is not None else None,
                status=int(response["status"]["code"]),
                answer=_text(response.get("body")),
            )
        )
    return found


def all_cassettes() -> Iterator[tuple[str, Path]]:
    for path in sorted(FIXTURES.glob("*.json")):
        if path.stem not in EXCLUDED:
            yield path.stem, path
