"""The `Settings` tab: key/value rows, recognised by English or Russian key names."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from rolemap.core.model.cells import a1
from rolemap.core.model.contract import Contract, Lang, normalize
from rolemap.core.model.results import Check, make_check
from rolemap.core.model.snapshot import Grid
from rolemap.core.parse.values import parse_date, parse_number


class SheetSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    language: Lang = "en"
    currency: str = "RUB"
    as_of: dt.date | None = None
    gross_margin: float = 1.0
    fixed_costs_monthly: float = 0.0
    target_romi: float = 0.0
    last_roles_review: dt.date | None = None
    review_every_days: int = 92
    max_roles_per_person: int = 4
    remind_every_days: int = 0  # notifications: 0 = an ongoing flag is never re-sent
    data_lag_days: int = 0  # stop-rule streaks end this many days before `as_of`
    # Where each setting lives, for messages that point at it.
    cells: dict[str, str] = {}


def _key_value_rows(grid: Grid) -> list[tuple[int, object, object]]:
    rows: list[tuple[int, object, object]] = []
    for r, row in enumerate(grid):
        if len(row) >= 1 and row[0] not in (None, ""):
            rows.append((r + 1, row[0], row[1] if len(row) > 1 else None))
    return rows


def parse_settings(
    grid: Grid | None, title: str, contract: Contract, fallback_lang: Lang, checks: list[Check]
) -> SheetSettings:
    """Read the Settings tab; a bad value is a check and falls back to the default."""
    specs = {}
    for spec in contract.settings:
        for name in (spec.en, spec.ru, spec.key):
            specs[normalize(name)] = spec
    values: dict[str, object] = {}
    cells: dict[str, str] = {}
    found: list[tuple[int, str, object]] = []
    for row, key, value in _key_value_rows(grid or []):
        match = specs.get(normalize(key))
        if match is not None:
            found.append((row, match.key, value))
            cells[match.key] = a1(title, row, 1)
    language = fallback_lang
    for _, key, value in found:
        if key == "language" and isinstance(value, str) and normalize(value)[:2] in {"en", "ru"}:
            language = "ru" if normalize(value).startswith("ru") else "en"
    for row, key, value in found:
        spec = next(s for s in contract.settings if s.key == key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            if spec.type == "date":
                values[key] = parse_date(value)
            elif spec.type in {"money", "percent", "count", "number"}:
                number = parse_number(value)
                if number is not None and spec.type == "count":
                    number = int(number)
                if (
                    number is not None
                    and spec.type == "percent"
                    and number > 1.5
                    and key == "gross_margin"
                ):
                    number = number / 100  # "55" typed into a % setting means 55%
                values[key] = number
            elif key == "language":
                values[key] = language
            else:
                values[key] = str(value).strip()
        except ValueError:
            code = "DATA-BAD-DATE" if spec.type == "date" else "DATA-BAD-NUMBER"
            checks.append(
                make_check(
                    "error",
                    code,
                    tab="Settings",
                    row=row,
                    column="Value",
                    cell=a1(title, row, 1),
                    value=str(value)[:40],
                )
            )
    values["language"] = language
    return SheetSettings(cells=cells, **{k: v for k, v in values.items() if v is not None})
