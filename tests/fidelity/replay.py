"""Replay one cassette's Sheets v4 requests against the emulator, in order, and score them.

Drive calls are stood in for: creating a spreadsheet file becomes `spreadsheets.create` with the
same title, copying one copies the emulator's state, importing a CSV into one rewrites its tabs,
listing files makes the listed books exist, deleting one drops it. Spreadsheet ids and
sheet/range ids Google returned are mapped to the emulator's as the answers come in.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from sheets_emulator import Emulator
from tests.fidelity.cassettes import Interaction
from tests.fidelity.compare import (
    key_paths,
    parallel_ids,
    read_values,
    rewrite_ids,
    write_echo,
)

ID_KEYS = frozenset({"sheetId", "protectedRangeId", "namedRangeId", "chartId", "filterViewId"})
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


@dataclass
class Outcome:
    """One replayed Sheets interaction."""

    cassette: str
    index: int
    method: str
    path: str
    google_status: int
    our_status: int
    google_keys: set[str]
    our_keys: set[str]
    values_equal: bool | None  # None: not a values read answered 2xx by both
    echo_equal: bool | None  # None: not a values write answered 2xx by both
    google_body: Any = field(repr=False, default=None)
    our_body: Any = field(repr=False, default=None)

    @property
    def refused(self) -> bool:
        return 200 <= self.google_status < 300 and not 200 <= self.our_status < 300


class Replayer:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.books: dict[str, str] = {}  # Google spreadsheet id -> the emulator's
        self.ids: dict[Any, Any] = {}

    def _call(self, method: str, target: str, body: str | None) -> tuple[int, Any]:
        conn = http.client.HTTPConnection(self.emulator.host, self.emulator.port, timeout=30)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, target, body=body.encode() if body else None, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        return response.status, (json.loads(raw) if raw.strip() else {})

    def _swap_books(self, text: str) -> str:
        for google_id, ours in self.books.items():
            text = text.replace(google_id, ours)
        return text

    def _create(self, google_id: str, title: str) -> None:
        body = json.dumps({"properties": {"title": title}})
        _, made = self._call("POST", "/v4/spreadsheets", body)
        self.books[google_id] = made["spreadsheetId"]

    def _import_csv(self, book: str, text: str) -> None:
        """Drive's CSV import replaces a book's tabs with one named after the book, holding the
        CSV as if typed in: done here with the Sheets API alone."""
        _, meta = self._call("GET", f"/v4/spreadsheets/{book}", None)
        title = meta["properties"]["title"]
        old = [s["properties"]["sheetId"] for s in meta["sheets"]]
        requests = [{"addSheet": {"properties": {"title": title, "index": 0}}}]
        requests += [{"deleteSheet": {"sheetId": sheet_id}} for sheet_id in old]
        self._call(
            "POST", f"/v4/spreadsheets/{book}:batchUpdate", json.dumps({"requests": requests})
        )
        rows = list(csv.reader(io.StringIO(text)))
        target = quote(f"'{title}'!A1", safe="")
        body = json.dumps({"values": rows})
        self._call(
            "PUT", f"/v4/spreadsheets/{book}/values/{target}?valueInputOption=USER_ENTERED", body
        )

    def drive(self, item: Interaction) -> None:
        """Stand in for the Drive calls that make, copy or remove spreadsheets."""
        parts = urlsplit(item.uri).path.rstrip("/").split("/")
        answer = item.answer_json() or {}
        if item.status >= 300 or "files" not in parts:
            return
        tail = parts[parts.index("files") + 1 :]
        if item.method == "POST" and not tail:
            request = item.body_json()
            if request.get("mimeType") == SPREADSHEET_MIME and answer.get("id"):
                self._create(answer["id"], request.get("name", ""))
        elif item.method == "GET" and not tail:
            # Listing the account's spreadsheets: books made outside this cassette (by other
            # tests) exist too; the best stand-in is an empty book with the listed name.
            for listed in answer.get("files", []):
                if listed.get("id") and listed["id"] not in self.books:
                    self._create(listed["id"], listed.get("name", ""))
        elif item.method == "POST" and tail[-1:] == ["copy"] and answer.get("id"):
            source = self.books.get(tail[0])
            if source is None:
                return
            with self.emulator.core.lock:
                book = self.emulator.core.store.get(source).copy()
            book.spreadsheet_id = f"copy-{len(self.books)}-{source}"
            book.properties["title"] = answer.get("name", book.properties["title"])
            self.emulator.core.put(book)
            self.books[answer["id"]] = book.spreadsheet_id
        elif item.method == "PUT" and "upload" in parts and tail and tail[0] in self.books:
            self._import_csv(self.books[tail[0]], item.body or "")
        elif item.method == "DELETE" and len(tail) == 1 and tail[0] in self.books:
            with self.emulator.core.lock:
                self.emulator.core.store.spreadsheets.pop(self.books[tail[0]], None)

    def sheets(self, cassette: str, index: int, item: Interaction) -> Outcome:
        parts = urlsplit(item.uri)
        target = self._swap_books(parts.path + (f"?{parts.query}" if parts.query else ""))
        body = item.body
        if body:
            body = json.dumps(rewrite_ids(json.loads(self._swap_books(body)), ID_KEYS, self.ids))
        status, ours = self._call(item.method, target, body)
        google = item.answer_json()
        parallel_ids(google, ours, ID_KEYS, self.ids)
        values_equal = echo_equal = None
        if 200 <= item.status < 300 and 200 <= status < 300:
            expected = read_values(parts.path, google)
            if expected is not None and item.method == "GET":
                values_equal = expected == read_values(parts.path, ours)
            echoed = write_echo(google)
            if echoed and item.method != "GET":
                echo_equal = echoed == write_echo(ours)
        return Outcome(
            cassette=cassette,
            index=index,
            method=item.method,
            path=parts.path,
            google_status=item.status,
            our_status=status,
            google_keys=key_paths(google),
            our_keys=key_paths(ours),
            values_equal=values_equal,
            echo_equal=echo_equal,
            google_body=google,
            our_body=ours,
        )


def replay(emulator: Emulator, cassette: str, interactions: list[Interaction]) -> list[Outcome]:
    player = Replayer(emulator)
    outcomes = []
    for index, item in enumerate(interactions):
        if item.is_sheets:
            outcomes.append(player.sheets(cassette, index, item))
        else:
            player.drive(item)
    return outcomes
