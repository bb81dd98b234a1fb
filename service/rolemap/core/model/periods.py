"""Weeks as docs/contract.md §4 defines them: Monday-keyed, finished once their Friday passed."""

from __future__ import annotations

import datetime as dt


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def friday_of(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=4)


def current_week(as_of: dt.date) -> dt.date:
    return monday_of(as_of)


def last_finished_week(as_of: dt.date) -> dt.date:
    """The latest Monday whose Friday is before the as-of date."""
    monday = monday_of(as_of)
    return monday if friday_of(monday) < as_of else monday - dt.timedelta(days=7)


def finished_weeks(as_of: dt.date, count: int) -> tuple[dt.date, ...]:
    """The last `count` finished weeks, oldest first."""
    last = last_finished_week(as_of)
    return tuple(last - dt.timedelta(days=7 * i) for i in reversed(range(count)))
