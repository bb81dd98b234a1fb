"""What each common export looks like: one record per preset (docs/contract-sources.md).

A preset lists, per Daily column, the header names an export uses for it (both the platform's
English and Russian interfaces), the campaign column, and the number conventions of its CSV
files. Headers are compared after `header_key`, so "Amount spent (RUB)", "Расход (руб.)" and
"Потрачено, ₽" match "amount spent", "расход" and "потрачено".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rolemap.core.model.contract import DAILY_NUMBERS, normalize

# The Daily columns a source may feed, in Daily's order.
FIELDS = DAILY_NUMBERS
_CURRENCY = r"(?:₽|\$|€|£|руб\.?|р\.|rub|rur|usd|eur|kzt|byn|uah)"
_TRAILING_NOTE = re.compile(rf"\s*(?:\([^)]*\)|\[[^\]]*\]|,\s*{_CURRENCY})\s*$")


def header_key(text: object) -> str:
    """A header as the presets spell it: normalised, a trailing "(RUB)" or ", ₽" dropped."""
    key = normalize(text)
    while (stripped := _TRAILING_NOTE.sub("", key)) != key and stripped:
        key = stripped
    return key


@dataclass(frozen=True)
class Preset:
    key: str
    title: str  # also the default channel name of `rolemap import`
    date: tuple[str, ...]
    campaign: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # Daily field → header names
    # Number text in its CSV files: the decimal mark, or None when it follows the account's
    # locale (then the tolerant rules of core/parse/values.py read it).
    decimal: Literal[".", ","] | None = None
    date_format: str | None = None  # a strftime format for dates the tolerant parser can't read
    notes: str = ""

    @property
    def expected_columns(self) -> str:
        """The first spelling of each column it reads, for "expected columns like …"."""
        return ", ".join(names[0] for names in (self.date, *self.columns.values()) if names)

    def aliases(self, overrides: dict[str, str] | None = None) -> dict[str, frozenset[str]]:
        """Field (`date`, `campaign` and FIELDS) → accepted header keys; an override replaces."""
        table = {"date": self.date, "campaign": self.campaign, **self.columns}
        for name, header in (overrides or {}).items():
            if header:
                table[name] = (header,)
        return {name: frozenset(header_key(h) for h in names) for name, names in table.items()}


@dataclass(frozen=True)
class _Words:
    """Shared spellings, so presets differ only where the platforms do."""

    impressions: tuple[str, ...] = ("Impressions", "Impr.", "Показы")
    clicks: tuple[str, ...] = ("Clicks", "Клики")
    campaign: tuple[str, ...] = ("Campaign", "Campaign name", "Кампания", "Название кампании")


_W = _Words()

PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            key="google_ads",
            title="Google Ads",
            date=("Day", "Date", "День", "Дата"),
            campaign=_W.campaign,
            columns={
                "spend": ("Cost", "Стоимость", "Расходы"),
                "impressions": _W.impressions,
                "clicks": _W.clicks,
                "leads": ("Conversions", "Конверсии"),
                "revenue": (
                    "Conv. value",
                    "Conversion value",
                    "Ценность конв.",
                    "Ценность конверсии",
                ),
            },
            notes="Reports ▸ Download ▸ CSV: UTF-16, tab-separated, a title and a date range "
            "above the header, Total rows at the bottom.",
        ),
        Preset(
            key="meta_ads",
            title="Meta Ads",
            date=("Day", "Reporting starts", "День", "Начало отчетности"),
            campaign=("Campaign name", "Название кампании"),
            columns={
                "spend": ("Amount spent", "Потраченная сумма"),
                "impressions": ("Impressions", "Показы"),
                "clicks": ("Link clicks", "Clicks (all)", "Клики по ссылке", "Клики (все)"),
                "leads": ("Leads", "Results", "Лиды", "Результаты"),
                "sales": ("Purchases", "Покупки"),
                "revenue": ("Purchases conversion value", "Ценность конверсии покупок"),
            },
            decimal=".",
            notes="Ads Manager ▸ Export table data ▸ CSV, broken down by Day.",
        ),
        Preset(
            key="yandex_direct",
            title="Yandex Direct",
            date=("Дата", "Date", "День"),
            campaign=("Кампания", "Название кампании", "Campaign", "CampaignName"),
            columns={
                "spend": ("Расход", "Расход, всего", "Cost"),
                "impressions": _W.impressions,
                "clicks": _W.clicks,
                "leads": ("Конверсии", "Conversions"),
                "revenue": ("Доход", "Revenue"),
            },
            decimal=",",
            notes="Report wizard ▸ CSV: semicolons, comma decimals, the report name and period "
            "above the header, an Итого row at the bottom. The Reports API's TSV (field names "
            "Date, CampaignName, Cost…, a `Total rows: N` line) reads too.",
        ),
        Preset(
            key="vk_ads",
            title="VK Ads",
            date=("Дата", "Date"),
            campaign=("Кампания", "Название кампании", "Campaign"),
            columns={
                "spend": ("Потрачено", "Списания", "Расход", "Spent"),
                "impressions": _W.impressions,
                "clicks": _W.clicks,
                "leads": ("Результат", "Лиды", "Results", "Leads"),
            },
            decimal=",",
            notes="Statistics ▸ Export ▸ CSV: semicolons, comma decimals, a Всего row.",
        ),
        Preset(
            key="supermetrics",
            title="Supermetrics",
            date=("Date",),
            campaign=("Campaign name", "Campaign"),
            columns={
                "spend": ("Cost", "Amount spent", "Spend"),
                "impressions": ("Impressions",),
                "clicks": ("Clicks", "Link clicks"),
                "leads": ("Conversions", "Leads"),
                "sales": ("Purchases", "Transactions"),
                "revenue": ("Total conversion value", "Conversion value", "Revenue"),
            },
            decimal=".",
            notes="Supermetrics for Google Sheets: Date, Campaign name and the chosen metrics.",
        ),
        Preset(
            key="coupler",
            title="Coupler.io",
            date=("date_start", "Date", "Day"),
            campaign=("campaign_name", "Campaign name", "Campaign"),
            columns={
                "spend": ("spend", "cost", "Amount spent"),
                "impressions": ("impressions",),
                "clicks": ("clicks", "inline_link_clicks"),
                "leads": ("leads", "conversions"),
                "sales": ("purchases",),
                "revenue": ("revenue", "purchase_value", "conversions_value"),
            },
            decimal=".",
            notes="Coupler.io keeps the source API's field names (date_start, spend, …).",
        ),
        Preset(
            key="unisender",
            title="Unisender",
            date=("Дата отправки", "Дата", "Send date"),
            campaign=("Название рассылки", "Тема письма", "Рассылка", "Campaign"),
            columns={
                "emails_sent": ("Отправлено", "Sent"),
                "clicks": ("Переходы", "Клики", "Clicks"),
                "unsubscribes": ("Отписались", "Отписки", "Unsubscribed"),
            },
            decimal=",",
            notes="Campaigns ▸ Statistics ▸ Export to CSV.",
        ),
        Preset(
            key="mailchimp",
            title="Mailchimp",
            date=("Send Date", "Send Time"),
            campaign=("Title", "Campaign Title", "Subject"),
            columns={
                "emails_sent": ("Total Recipients", "Emails Sent"),
                "clicks": ("Unique Clicks", "Total Clicks"),
                "unsubscribes": ("Unsubscribes",),
            },
            decimal=".",
            date_format="%b %d, %Y %I:%M %p",
            notes="Reports ▸ Download all reports (CSV); Send Date like 'Nov 23, 2026 10:00 am'.",
        ),
    )
}
_BY_NAME = {normalize(n): p for p in PRESETS.values() for n in (p.key, p.title)}
_BY_NAME |= {normalize(p.key.replace("_", " ")): p for p in PRESETS.values()}
_BY_NAME |= {"coupler io": PRESETS["coupler"], "vk": PRESETS["vk_ads"], "meta": PRESETS["meta_ads"]}
_BY_NAME |= {"яндекс директ": PRESETS["yandex_direct"], "вк реклама": PRESETS["vk_ads"]}
_BY_NAME |= {"vk реклама": PRESETS["vk_ads"], "google": PRESETS["google_ads"]}
_BY_NAME |= {"юнисендер": PRESETS["unisender"]}
_BY_NAME |= {"facebook ads": PRESETS["meta_ads"], "директ": PRESETS["yandex_direct"]}


def find_preset(name: str) -> Preset | None:
    """A preset by key or title, any case (`google_ads`, `Google Ads`, `Яндекс Директ`)."""
    return _BY_NAME.get(normalize(name))


CUSTOM = Preset(key="custom", title="Custom", date=("Date", "Дата"), campaign=(), columns={})
