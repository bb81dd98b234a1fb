"""The decisions log on both backends: three runs, team edits between them and one landing
between our read and our write. No team cell ever changes; a Snooze hides until its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import requests
from openpyxl import load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.google.values import date_to_serial
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import write_grids
from rolemap.core.model.snapshot import CellValue, Snapshot
from rolemap.core.parse.values import parse_date
from rolemap.core.plan.model import WritePlan
from rolemap.pipeline import run
from rolemap.ports import Storage
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.unit.sheet_builder import SheetBuilder

D = [dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(6)]
SHEET = "decisions"
TEAM = {"decision": 8, "until": 9, "reason": 10}  # 0-based columns I, J, K
Edit = Mapping[tuple[int, int], CellValue]  # (0-based row, 0-based col) → value


def _book(path: Path) -> Path:
    sheet = (
        SheetBuilder("en")
        .role("cmo", "Maria", can_stop="yes")
        .channel("Direct", owner="Anna")
        .channel("VK", owner="Ivan")
        .rule("CPA too high", "*", "cpa", ">", 3000, days=2)
        .without_tab("decisions")
    )
    # Direct breaches every day from Nov 2; VK from Nov 2 to Nov 4 only.
    for i, day in enumerate(D):
        sheet.daily(day, "Direct", spend=5000 if i else 1000, sales=1)
        sheet.daily(day, "VK", spend=5000 if i in (1, 2, 3) else 1000, sales=1)
    write_grids(path, {t: [list(r) for r in g] for t, g in sheet.snapshot().tabs.items()})
    return path


class _EditAfterRead:
    """A storage whose team edit lands after our read and before our write."""

    def __init__(self, storage: Storage, edit: Callable[[], None]) -> None:
        self.storage, self.edit = storage, edit

    def read(self) -> Snapshot:
        snapshot = self.storage.read()
        self.edit()
        return snapshot

    def apply(self, plan: WritePlan) -> None:
        self.storage.apply(plan)

    @property
    def requests_made(self) -> int:
        return self.storage.requests_made


class _Xlsx:
    def __init__(self, tmp_path: Path) -> None:
        self.path = _book(tmp_path / "book.xlsx")

    def storage(self) -> Storage:
        return XlsxStorage(self.path)

    def edit(self, cells: Edit) -> None:
        wb = load_workbook(self.path)
        ws = wb["Decisions"]
        for (r, c), value in cells.items():
            ws.cell(row=r + 1, column=c + 1).value = value
        wb.save(self.path)

    def summary_lines(self) -> list[str]:
        wb = load_workbook(self.path)
        return _first_column([list(r) for r in wb["CMO summary"].iter_rows(values_only=True)])

    def add_team_rule(self, value: str, col: int) -> None:
        wb = load_workbook(self.path)
        letter = get_column_letter(col + 1)
        wb["Decisions"].conditional_formatting.add(
            f"{letter}2:{letter}50",
            CellIsRule(
                operator="equal", formula=[f'"{value}"'], fill=PatternFill("solid", "FFFF00")
            ),
        )
        wb.save(self.path)

    def rules(self) -> list[tuple[str, int, int]]:
        """(matched text, 0-based column, rows covered) of every rule on Decisions."""
        ws = load_workbook(self.path)["Decisions"]
        return sorted(
            (str(rule.formula[0]).strip('"'), rng.min_col - 1, rng.max_row - rng.min_row + 1)
            for cf in ws.conditional_formatting
            for rule in cf.rules
            for rng in cf.sqref.ranges
        )


class _Google:
    def __init__(self, tmp_path: Path, emulator: Emulator) -> None:
        self.emulator = emulator
        emulator.seed_xlsx(SHEET, _book(tmp_path / "book.xlsx"))

    def storage(self) -> Storage:
        return GoogleSheetStorage(SHEET, Settings(sheets_api_url=self.emulator.url))

    def edit(self, cells: Edit) -> None:
        """A teammate typing in the browser: a batchUpdate of their own, over HTTP."""
        sheets = self.emulator.export(SHEET)["sheets"]
        sheet_id = next(
            s["properties"]["sheetId"] for s in sheets if s["properties"]["title"] == "Decisions"
        )
        reqs = [
            {
                "updateCells": {
                    "rows": [{"values": [{"userEnteredValue": _entered(value)}]}],
                    "fields": "userEnteredValue",
                    "start": {"sheetId": sheet_id, "rowIndex": r, "columnIndex": c},
                }
            }
            for (r, c), value in cells.items()
        ]
        answer = requests.post(
            f"{self.emulator.url}/v4/spreadsheets/{SHEET}:batchUpdate",
            json={"requests": reqs},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text

    def summary_lines(self) -> list[str]:
        sheets = self.emulator.export(SHEET)["sheets"]
        return _first_column(
            next(s["values"] for s in sheets if s["properties"]["title"] == "CMO summary")
        )

    def _decisions(self) -> dict[str, Any]:
        sheets = self.emulator.export(SHEET)["sheets"]
        return next(s for s in sheets if s["properties"]["title"] == "Decisions")

    def add_team_rule(self, value: str, col: int) -> None:
        sheet_id = self._decisions()["properties"]["sheetId"]
        rng = {"sheetId": sheet_id, "startRowIndex": 1, "endRowIndex": 50}
        rule = {
            "ranges": [rng | {"startColumnIndex": col, "endColumnIndex": col + 1}],
            "booleanRule": {
                "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": value}]},
                "format": {"backgroundColor": {"red": 1, "green": 1}},
            },
        }
        answer = requests.post(
            f"{self.emulator.url}/v4/spreadsheets/{SHEET}:batchUpdate",
            json={"requests": [{"addConditionalFormatRule": {"rule": rule, "index": 0}}]},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text

    def rules(self) -> list[tuple[str, int, int]]:
        """(matched text, 0-based column, rows covered) of every rule on Decisions."""
        return sorted(
            (
                rule["booleanRule"]["condition"]["values"][0]["userEnteredValue"],
                rng.get("startColumnIndex", 0),
                rng["endRowIndex"] - rng.get("startRowIndex", 0),
            )
            for rule in self._decisions().get("conditionalFormats", [])
            for rng in rule["ranges"]
        )


def _entered(value: CellValue) -> dict[str, Any]:
    if isinstance(value, dt.date):
        return {"numberValue": date_to_serial(value)}
    return {"stringValue": str(value)}


def _team_cells(storage: Storage) -> list[tuple[CellValue, dt.date | None, CellValue]]:
    rows = storage.read().tabs["Decisions"][1:]

    def at(row: list[CellValue], c: int) -> CellValue:
        return row[c] if c < len(row) and row[c] != "" else None

    return [
        (at(r, TEAM["decision"]), parse_date(at(r, TEAM["until"])), at(r, TEAM["reason"]))
        for r in rows
    ]


def _first_column(rows: list[list[Any]]) -> list[str]:
    return [str(r[0]) for r in rows if r and r[0]]


@pytest.fixture(params=["xlsx", "google"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> _Xlsx | _Google:
    if request.param == "xlsx":
        return _Xlsx(tmp_path)
    return _Google(tmp_path, request.getfixturevalue("emulator"))


def test_three_runs_with_team_edits_never_change_a_team_cell(backend: _Xlsx | _Google) -> None:
    now = dt.datetime(2026, 11, 6, 9)
    # Run 1, as of Nov 3: Direct and VK fire (since Nov 2); the tab is created.
    first = run(backend.storage(), as_of=D[2], now=now)
    assert [(r["channel"], r["status"]) for r in first.json["decisions"]] == [
        ("Direct", "open"),
        ("VK", "open"),
    ]
    if isinstance(backend, _Google):
        assert first.json["api_requests"] == 3  # the new tab is in the one batchUpdate
    rows = backend.storage().read().tabs["Decisions"]
    assert rows[0][:3] == ["Proposed", "Channel", "Rule or check"]
    assert rows[1][:3] == ["Stop", "Direct", "CPA too high"]

    # Between runs the CMO snoozes Direct until Nov 4 and approves VK.
    backend.edit(
        {
            (1, TEAM["decision"]): "Snooze",
            (1, TEAM["until"]): D[3],
            (1, TEAM["reason"]): "waiting for the CRM sync",
            (2, TEAM["decision"]): "Approve",
        }
    )
    # Run 2, as of Nov 4, and the CMO sharpens the reason while it runs.
    concurrent = {(1, TEAM["reason"]): "waiting for the CRM sync; Anna checks"}
    storage = _EditAfterRead(backend.storage(), lambda: backend.edit(concurrent))
    second = run(storage, as_of=D[3], now=now)
    team = [
        ("Snooze", D[3], "waiting for the CRM sync; Anna checks"),
        ("Approve", None, None),
    ]
    assert _team_cells(backend.storage()) == team
    assert [f["channel"] for f in second.json["flags"]] == ["Direct", "VK"]
    lines = backend.summary_lines()
    assert "Decided" in lines
    # The summary shows the reason as this run read it; the sharper one arrived after.
    assert (
        "• Stop Direct (CPA too high): snoozed until 2026-11-04 — waiting for the CRM sync" in lines
    )
    assert not any('Stop "Direct"' in line for line in lines), "snoozed: not among the decisions"
    assert any('Stop "VK"' in line for line in lines), "approved: still listed"

    # Run 3, as of Nov 5: the snooze has passed; VK no longer fires and is resolved.
    backend.edit({(3, TEAM["reason"]): "a note under the log"})  # a team row below ours
    third = run(backend.storage(), as_of=D[4], now=now)
    assert [(r["channel"], r["status"]) for r in third.json["decisions"][:2]] == [
        ("Direct", "open"),
        ("VK", "resolved"),
    ]
    assert _team_cells(backend.storage())[:2] == team
    lines = backend.summary_lines()
    assert "Decided" not in lines
    assert any('Stop "Direct"' in line for line in lines), "the snooze is over: back"
    rows = backend.storage().read().tabs["Decisions"]
    assert [r[1] for r in rows[1:3]] == ["Direct", "VK"]  # never reordered
    assert rows[3][TEAM["reason"]] == "a note under the log"


def test_status_is_coloured_and_reruns_replace_its_rules_not_the_teams(
    backend: _Xlsx | _Google,
) -> None:
    now = dt.datetime(2026, 11, 6, 9)
    run(backend.storage(), as_of=D[2], now=now)  # creates Decisions with two open rows
    status = 6  # column G
    assert backend.rules() == [("open", status, 2), ("resolved", status, 2)]

    backend.add_team_rule("waiting", TEAM["reason"])
    run(backend.storage(), as_of=D[3], now=now)
    run(backend.storage(), as_of=D[4], now=now)  # VK resolved; the log keeps both rows

    assert backend.rules() == [
        ("open", status, 2),
        ("resolved", status, 2),
        ("waiting", TEAM["reason"], 49),
    ]
