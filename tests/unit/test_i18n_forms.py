"""Plural forms and dates in the sheet's language, and the output tabs that use them."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.adapters.memory import MemoryStorage
from rolemap.core.i18n.formats import date_format, date_text, short_date
from rolemap.core.i18n.forms import count, russian_form
from rolemap.core.i18n.sentences import flag_sentence
from rolemap.core.model.results import Flag
from rolemap.demo import build_demo
from rolemap.pipeline import run


@pytest.mark.parametrize(
    ("n", "en", "ru"),
    [
        (0, "0 days", "0 дней"),
        (1, "1 day", "1 день"),
        (2, "2 days", "2 дня"),
        (5, "5 days", "5 дней"),
        (11, "11 days", "11 дней"),
        (14, "14 days", "14 дней"),
        (21, "21 days", "21 день"),
        (22, "22 days", "22 дня"),
        (111, "111 days", "111 дней"),
    ],
)
def test_plural_forms(n: int, en: str, ru: str) -> None:
    assert count(n, "day", "en") == en
    assert count(n, "day", "ru") == ru


def test_one_warning_is_singular() -> None:
    assert count(1, "warning", "en") == "1 warning"
    assert count(3, "warning", "ru") == "3 предупреждения"
    assert [russian_form(n) for n in (1, 3, 5, 101, 112)] == [0, 1, 2, 0, 2]


def test_dates_follow_the_sheet_language() -> None:
    day = dt.date(2026, 11, 30)
    assert date_text(day, "en") == "2026-11-30"
    assert date_text(day, "ru") == "30.11.2026"
    assert short_date(day, "en") == "Nov 30"
    assert short_date(day, "ru") == "30.11"
    assert date_format("ru") == "date_dmy"
    assert date_format("ru", with_time=True) == "datetime_dmy"


def test_flag_sentence_says_one_day_and_a_russian_date() -> None:
    flag = Flag(
        channel="E-mail",
        owner="Elena",
        rule="r",
        metric="cpa",
        condition=">",
        threshold=1000,
        days_in_a_row=1,
        since=dt.date(2026, 11, 25),
        last_value=1200,
        action="stop",
    )
    assert "for 1 day (since 2026-11-25)" in flag_sentence(flag, "en")
    assert "1 день подряд (с 25.11.2026)" in flag_sentence(flag, "ru")


def test_russian_sheet_gets_russian_dates_and_run_mode() -> None:
    now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    plan = run(MemoryStorage(build_demo("ru", dt.date(2026, 11, 25))), now=now).plan
    by_key = {t.key: t for t in plan.outputs}
    runlog = by_key["runlog"].rows[-1]
    assert runlog[7].value == "запись"  # Mode
    assert runlog[0].style is not None
    assert runlog[0].style.number_format == "datetime_dmy"
    assert runlog[6].style is not None
    assert runlog[6].style.number_format == "date_dmy"
    flags = by_key["flags"].rows[1]
    assert flags[7].style is not None
    assert flags[7].style.number_format == "date_dmy"
    checks = by_key["checks"]
    problems = " ".join(str(r[5].value) for r in checks.rows[1:])
    assert "23.11.2026" in problems
    assert "2026-11-23" not in problems


def test_checks_rows_fit_their_text_and_nothing_is_clipped() -> None:
    now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    plan = run(MemoryStorage(build_demo("ru", dt.date(2026, 11, 25))), now=now).plan
    checks = next(t for t in plan.outputs if t.key == "checks")
    assert checks.row_heights  # the long Russian messages wrap onto several lines
    assert all(px > 21 for _, px in checks.row_heights)
    assert checks.column_widths[0] >= 8 * len("предупреждение")  # bold, in column A


def test_messages_take_plural_specs() -> None:
    from rolemap.core.i18n.forms import MessageFormatter

    assert MessageFormatter("ru").format("встречается {n:time}", n=2) == "встречается 2 раза"
    assert MessageFormatter("ru").format("{n:role}", n=5) == "5 ролей"
    assert MessageFormatter("en").format("{n:time}, {x}", n=1, x="a") == "1 time, a"
    assert MessageFormatter("en").format("{d:day}", d=92.0) == "92 days"
