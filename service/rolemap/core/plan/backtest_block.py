"""The backtest block under the flags on `Stop flags`: how often each rule would have fired.

It starts after one blank row, which is also where reading the previous run's flags stops.
"""

from __future__ import annotations

from rolemap.core.checks.backtest import BacktestRow
from rolemap.core.i18n import labels as lbl
from rolemap.core.metrics import registry
from rolemap.core.model.contract import Lang
from rolemap.core.plan.model import Cell, Range, Style

SECTION = Style(bold=True, size=12, tone="blue")
HEADER = Style(bold=True, tone="grey", wrap=True)

# key: (en, ru). Eleven columns, like the flags table above, so the widths fit both.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("rule", "Rule", "Правило"),
    ("channel", "Channel", "Канал"),
    ("metric", "Metric", "Метрика"),
    ("action", "Action", "Действие"),
    ("days", "Days in a row", "Дней подряд"),
    ("days_fired", "Days fired", "Дней сработало"),
    ("episodes", "Episodes", "Эпизодов"),
    ("first_fired", "First fired", "Впервые"),
    ("last_fired", "Last fired", "Последний раз"),
    ("spend_on_fired_days", "Spend on those days", "Расход в эти дни"),
    ("revenue_on_fired_days", "Revenue on those days", "Выручка в эти дни"),
)

_TITLE = {
    "en": "Backtest: how often each rule would have fired on the whole Daily history",
    "ru": "Проверка на истории: сколько раз каждое правило сработало бы на всей вкладке «По дням»",
}
_NOTE = {
    "en": (
        "A rule fires on a day when the streak ending that day is at least its Days in a row. "
        "An episode is one unbroken run of such days. Use it to tune thresholds before they "
        "stop a good campaign."
    ),
    "ru": (
        "Правило срабатывает в день, когда серия, заканчивающаяся этим днём, не короче "
        "«Дней подряд». Эпизод — одна непрерывная цепочка таких дней. Настройте пороги, пока "
        "они не остановили хорошую кампанию."
    ),
}
_EMPTY = {
    "en": "No rule has Daily data to be tested on.",
    "ru": "Нет правил, которые можно проверить на данных вкладки «По дням».",
}


def backtest_rows(
    rows: tuple[BacktestRow, ...], lang: Lang, first_row: int
) -> tuple[list[tuple[Cell, ...]], list[Range]]:
    """The block's rows (starting with the blank separator) and its merges.

    `first_row` is the 0-based row the blank separator lands on.
    """
    out: list[tuple[Cell, ...]] = [(), (Cell(_TITLE[lang], SECTION),), (Cell(_NOTE[lang]),)]
    merges = [Range(first_row + 1, 0, 1, len(COLUMNS)), Range(first_row + 2, 0, 1, len(COLUMNS))]
    if not rows:
        out.append((Cell(_EMPTY[lang], Style(italic=True)),))
        return out, merges
    out.append(tuple(Cell(en if lang == "en" else ru, HEADER) for _, en, ru in COLUMNS))
    metric = {k: registry.metric(k).label(lang) for k in {r.metric for r in rows}}
    action = {k: lbl.say(lbl.ACTION, k, lang) for k in {r.action for r in rows}}
    for r in rows:
        out.append(
            (
                Cell(r.rule),
                Cell(r.channel),
                Cell(metric[r.metric]),
                Cell(action[r.action]),
                Cell(r.days, _INTEGER),
                Cell(r.days_fired, _FIRED if r.days_fired else _INTEGER),
                Cell(r.episodes, _INTEGER),
                Cell(r.first_fired, _DATE),
                Cell(r.last_fired, _DATE),
                Cell(r.spend_on_fired_days, _MONEY),
                Cell(r.revenue_on_fired_days, _MONEY),
            )
        )
    return out, merges


_INTEGER = Style(number_format="integer")
_FIRED = Style(number_format="integer", bold=True, tone="amber")
_DATE = Style(number_format="date")
_MONEY = Style(number_format="money")
