"""The benchmark's fixed clock, shared by every path so they compute the same outputs."""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
