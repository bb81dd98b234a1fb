"""A team whose `Google Ads` CPA streak fires a Stop: the sheet the notification tests share."""

from __future__ import annotations

import datetime as dt

from rolemap.core.model.contract import Lang
from tests.unit.sheet_builder import SheetBuilder

AS_OF = dt.date(2026, 11, 25)  # a Wednesday
NOW = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 23)


def stop_team(
    lang: Lang = "en", *, remind: int | None = None, oleg_email: str | None = None
) -> SheetBuilder:
    """Maria (CMO), Anna owns Google Ads (CPA 5 000 > 3 000 since Monday), Oleg owns Blog.

    Every channel has its plan for the week, so the only news is the Stop flag.
    """
    sheet = (
        SheetBuilder(lang)
        .setting("last_roles_review", dt.date(2026, 11, 1))
        .role(
            "cmo",
            "Maria",
            kpi="Revenue; ROMI",
            can_stop="yes",
            email="maria@example.com",
            telegram="111",
        )
        .role("performance", "Anna", kpi="CPA; ROAS", email="anna@example.com", telegram=222)
        .role("content", "Oleg", kpi="Organic traffic; Leads", email=oleg_email)
        .channel("Google Ads", owner="Anna", budget=300_000, kpi="CPA")
        .channel("Blog", group="organic", owner="Oleg", budget=None, kpi="Leads")
        .weekly(MONDAY, "Google Ads", spend_plan=30_000)
        .weekly(MONDAY, "Blog", leads_plan=40)
        .rule("CPA too high", "*", "cpa", "gt", 3000, days=2)
    )
    for day in range(3):
        sheet.daily(MONDAY + dt.timedelta(days=day), "Google Ads", spend=10_000, sales=2)
    if remind is not None:
        sheet.setting("remind_every_days", remind)
    return sheet
