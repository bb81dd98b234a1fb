"""Who hears about what after a run: one digest per person, only news, the CMO sees every Stop."""

from __future__ import annotations

import datetime as dt

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.model.results import Flag
from rolemap.core.notify.digest import Digest, remind_due
from rolemap.core.recalc import recalculate_snapshot
from rolemap.pipeline import run
from tests.unit.notify_sheet import AS_OF, NOW, stop_team
from tests.unit.sheet_builder import SheetBuilder


def _runs(storage: MemoryStorage, *days: dt.date) -> list[tuple[Digest, ...]]:
    return [run(storage, as_of=day, now=NOW).result.digests for day in days]


def _people(digests: tuple[Digest, ...]) -> list[str]:
    return [d.person for d in digests]


def test_a_new_stop_goes_once_to_its_owner_and_once_to_the_cmo() -> None:
    first, again = _runs(MemoryStorage(stop_team().snapshot().tabs), AS_OF, AS_OF)
    assert _people(first) == ["Maria", "Anna"]
    maria, anna = first
    assert anna.email == "anna@example.com"
    assert anna.telegram == "222"
    assert "New stop flags on your channels:" in anna.text
    assert 'Stop "Google Ads": CPA 5\u00a0000 > 3\u00a0000' in anna.text
    assert "For the CMO: channels to stop:" in maria.text
    assert "Owner: Anna." in maria.text
    assert maria.subject == "Rolemap, 2026-11-25: 1 item(s) for Maria"
    assert again == ()


def test_an_ongoing_flag_is_not_resent_without_reminders() -> None:
    storage = MemoryStorage(stop_team().snapshot().tabs)
    _, next_day = _runs(storage, AS_OF, AS_OF + dt.timedelta(days=1))
    assert next_day == ()


def test_remind_every_day_reminds_the_next_day_but_not_twice_that_day() -> None:
    storage = MemoryStorage(stop_team(remind=1).snapshot().tabs)
    day2 = AS_OF + dt.timedelta(days=1)
    first, same_day, next_day, next_day_again = _runs(storage, AS_OF, AS_OF, day2, day2)
    assert len(first) == 2
    assert same_day == ()
    assert next_day_again == ()
    assert _people(next_day) == ["Maria", "Anna"]
    assert "Still firing (reminder):" in next_day[1].text


def test_reminders_fall_on_multiples_of_the_period_since_the_streak_began() -> None:
    flag = Flag(
        channel="A",
        owner="Anna",
        rule="r",
        metric="cpa",
        condition=">",
        threshold=1,
        days_in_a_row=3,
        since=dt.date(2026, 11, 20),
        last_value=2,
        action="stop",
        status="ongoing",
    )
    due = [d for d in range(21, 30) if remind_due(flag, dt.date(2026, 11, d), 3, frozenset())]
    assert due == [23, 26, 29]
    assert not remind_due(flag, dt.date(2026, 11, 23), 0, frozenset())
    assert not remind_due(flag, dt.date(2026, 11, 23), 3, frozenset({dt.date(2026, 11, 23)}))
    assert not remind_due(
        flag.model_copy(update={"status": "new"}), dt.date(2026, 11, 23), 3, frozenset()
    )


def test_an_owner_without_email_is_reported_to_the_cmo_not_skipped() -> None:
    sheet = stop_team().rule("Blog spends", "Blog", "spend", "gt", 0, action="review")
    sheet.daily(AS_OF, "Blog", spend=100)
    result = recalculate_snapshot(sheet.snapshot(), today=AS_OF, as_of=AS_OF)
    by_person = {d.person: d for d in result.digests}
    assert by_person["Oleg"].email is None
    assert "Not notified: no e-mail in the Roles tab:" in by_person["Maria"].text
    assert "- Oleg: 1 item(s). Add their e-mail in Roles › Email." in by_person["Maria"].text
    assert 'Review "Blog"' in by_person["Maria"].text
    sent_to = [
        n["to"]
        for n in result.to_json(spreadsheet_id="t", api_requests=0, duration_ms=0, dry_run=False)[
            "notifications"
        ]
    ]
    assert sent_to == ["maria@example.com", "anna@example.com"]


def test_a_new_error_goes_to_the_channels_owner_once() -> None:
    sheet = stop_team()
    sheet.channel("Google Ads", owner="Anna")  # a duplicate row: CH-DUPLICATE, an error
    storage = MemoryStorage(sheet.snapshot().tabs)
    first, again = _runs(storage, AS_OF, AS_OF)
    anna = next(d for d in first if d.person == "Anna")
    assert "New errors to fix:" in anna.text
    assert "Google Ads" in anna.text
    assert again == ()


def test_a_cut_reaches_the_cmo_once_per_finished_week() -> None:
    sheet = stop_team()
    for weeks_back in range(5):  # the current week gets facts too: Saturday finishes it
        monday = dt.date(2026, 11, 23) - dt.timedelta(weeks=weeks_back)
        sheet.weekly(
            monday,
            "Blog",
            spend_fact=10_000,
            revenue_fact=1_000,
            leads_fact=5,
            conclusion="c",
            action="a",
        )
    storage = MemoryStorage(sheet.snapshot().tabs)
    friday, saturday = dt.date(2026, 11, 27), dt.date(2026, 11, 28)
    first, same_week, next_finished = _runs(storage, AS_OF, friday, saturday)
    assert 'Cut "Blog": ROMI' in next(d for d in first if d.person == "Maria").text
    assert not any("Cut" in d.text for d in same_week)
    assert any('Cut "Blog"' in d.text for d in next_finished)


def test_digests_speak_the_sheets_language() -> None:
    result = recalculate_snapshot(stop_team("ru").snapshot(), today=AS_OF, as_of=AS_OF)
    maria = result.digests[0]
    assert maria.subject == "Rolemap, 2026-11-25: Maria, пунктов к решению — 1"
    assert "Для CMO: каналы к остановке:" in maria.text
    assert "Остановить «Google Ads»" in maria.text


def test_no_roles_tab_means_no_digests_and_no_crash() -> None:
    result = recalculate_snapshot(
        SheetBuilder().without_tab("roles").snapshot(), today=AS_OF, as_of=AS_OF
    )
    assert result.digests == ()
