"""The decisions log's rules, on in-memory sheets: what is proposed, matched, resolved, held."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.contract import Lang
from rolemap.core.model.snapshot import CellValue
from rolemap.pipeline import Outcome, run
from tests.unit.sheet_builder import SheetBuilder

D = [dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(6)]
DECISION, UNTIL, REASON = 8, 9, 10
NOW = dt.datetime(2026, 11, 6, 9)


def _storage(lang: Lang = "en", conflict: bool = False) -> MemoryStorage:
    sheet = (
        SheetBuilder(lang)
        .role("cmo", "Maria", can_stop="yes")
        .channel("Direct", owner="Anna")
        .rule("CPA too high", "*", "cpa", ">", 3000, days=2)
    )
    if conflict:
        sheet.role("performance", "Anna").role("analytics", "Anna")
    for i, day in enumerate(D):
        sheet.daily(day, "Direct", spend=5000 if 1 <= i <= 3 else 1000, sales=1)
    return MemoryStorage(sheet.snapshot().tabs)


def _run(storage: MemoryStorage, day: dt.date) -> Outcome:
    return run(storage, as_of=day, now=NOW)


def _tab(storage: MemoryStorage, title: str = "Decisions") -> list[list[Any]]:
    return storage.tabs[title]


def _set(storage: MemoryStorage, row: int, col: int, value: CellValue) -> None:
    line = _tab(storage)[row]
    line.extend([None] * (col + 1 - len(line)))
    line[col] = value


def _summary(storage: MemoryStorage) -> list[str]:
    return [str(r[0]) for r in _tab(storage, "CMO summary") if r and r[0]]


def test_a_flag_becomes_one_open_row_and_a_rerun_changes_nothing() -> None:
    storage = _storage()
    _run(storage, D[2])
    rows = _tab(storage)
    assert rows[1][:8] == [
        "Stop",
        "Direct",
        "CPA too high",
        "Anna",
        "CPA 5\u00a0000 > 3\u00a0000 for 2 days (since 2026-11-02)",
        D[1],
        "open",
        D[2],
    ]
    before = [list(r) for r in rows]
    _run(storage, D[2])
    assert _tab(storage) == before


def test_a_streak_that_ends_resolves_its_row_and_keeps_it() -> None:
    storage = _storage()
    _run(storage, D[3])
    third = _run(storage, D[4])  # Nov 5 does not breach
    assert third.json["decisions"][0]["status"] == "resolved"
    row = _tab(storage)[1]
    assert (row[1], row[6], row[7]) == ("Direct", "resolved", D[3])  # last seen stays


def test_a_new_streak_of_the_same_rule_is_a_new_row() -> None:
    storage = _storage()
    _run(storage, D[2])
    tab = _tab(storage)
    tab[1][5] = D[0]  # as if an earlier streak had started on Nov 1
    _run(storage, D[3])
    assert [(r[1], r[5], r[6]) for r in _tab(storage)[1:]] == [
        ("Direct", D[0], "resolved"),
        ("Direct", D[1], "open"),
    ]


def test_an_override_without_a_date_holds_while_the_item_fires() -> None:
    storage = _storage()
    _run(storage, D[2])
    _set(storage, 1, DECISION, "Override")
    _set(storage, 1, REASON, "brand campaign, CPA is not the point")
    _run(storage, D[3])
    lines = _summary(storage)
    assert (
        "• Stop Direct (CPA too high): overridden — brand campaign, CPA is not the point" in lines
    )
    assert not any('Stop "Direct"' in line for line in lines)


def test_a_snooze_without_a_date_hides_nothing_and_approve_only_records() -> None:
    for choice in ("Snooze", "Approve"):
        storage = _storage()
        _run(storage, D[2])
        _set(storage, 1, DECISION, choice)
        _run(storage, D[3])
        lines = _summary(storage)
        assert "Decided" not in lines
        assert any('Stop "Direct"' in line for line in lines)
        assert _tab(storage)[1][DECISION] == choice


def test_a_snooze_holds_through_its_date_and_not_a_day_after() -> None:
    storage = _storage()
    _run(storage, D[2])
    _set(storage, 1, DECISION, "Snooze")
    _set(storage, 1, UNTIL, D[2])
    held = _run(storage, D[2])
    assert "Decided" in _summary(storage)
    assert held.json["decisions"][0]["holds"] is True
    back = _run(storage, D[3])
    assert "Decided" not in _summary(storage)
    assert any('Stop "Direct"' in line for line in _summary(storage))
    assert back.json["decisions"][0]["holds"] is False


def test_a_role_conflict_is_proposed_and_can_be_overridden() -> None:
    storage = _storage(conflict=True)
    first = _run(storage, D[2])
    conflict = next(r for r in first.json["decisions"] if r["about"] == "OWN-CONFLICT")
    assert (conflict["channel"], conflict["owner"], conflict["since"]) == (
        None,
        "Anna",
        "2026-11-03",
    )
    row = next(i for i, r in enumerate(_tab(storage)) if len(r) > 2 and r[2] == "OWN-CONFLICT")
    assert _tab(storage)[row][0] == "Resolve conflict"
    _set(storage, row, DECISION, "Override")
    _set(storage, row, REASON, "two-person team")
    second = _run(storage, D[3])
    again = next(r for r in second.json["decisions"] if r["about"] == "OWN-CONFLICT")
    assert again["since"] == "2026-11-03"  # the same row, first seen on the first run
    assert "• Resolve conflict Anna (OWN-CONFLICT): overridden — two-person team" in _summary(
        storage
    )


def test_a_service_column_the_team_deleted_comes_back_at_the_end() -> None:
    storage = _storage()
    _run(storage, D[2])
    for line in _tab(storage):
        del line[4]  # Evidence, gone; the team's columns shift left
    _run(storage, D[2])
    header = _tab(storage)[0]
    assert header[4:] == [
        "Since",
        "Status",
        "Last seen",
        "CMO decision",
        "Until",
        "Reason",
        "Evidence",
    ]
    assert _tab(storage)[1][-1].startswith("CPA 5\u00a0000")


def test_russian_sheet_gets_russian_labels_and_reads_russian_choices() -> None:
    storage = _storage("ru")
    _run(storage, D[2])
    rows = _tab(storage, "Решения")
    assert rows[0][:3] == ["Предложено", "Канал", "Правило или проверка"]
    assert (rows[1][0], rows[1][6]) == ("Стоп", "открыто")
    rows[1].extend([None] * (REASON + 1 - len(rows[1])))
    rows[1][DECISION], rows[1][UNTIL], rows[1][REASON] = "Отложить", D[3], "ждём выгрузку"
    _run(storage, D[3])
    summary = [str(r[0]) for r in _tab(storage, "Сводка CMO") if r and r[0]]
    assert "• Стоп Direct (CPA too high): отложено до 04.11.2026 — ждём выгрузку" in summary
