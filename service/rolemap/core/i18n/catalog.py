"""Check messages in the sheet's language: what is wrong, where, and how to fix it.

Each entry is keyed by check code (or `code/variant`) and holds (problem, fix) per language.
Placeholders are filled with `str.format`; `{cell}` is an A1 reference such as `Channels!C5`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rolemap.core.i18n.forms import MessageFormatter, date_text
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import Check, Severity

CATALOG: dict[str, dict[Lang, tuple[str, str]]] = {
    # ---- ownership and roles
    "OWN-NO-CMO": {
        "en": (
            "Nobody holds the CMO role, so nobody owns the money and the right to cut channels.",
            "Add a row to {tab_title} with role CMO and the person's name.",
        ),
        "ru": (
            "Нет директора по маркетингу: за деньги и право отключать каналы никто не отвечает.",
            "Добавьте во вкладку {tab_title} строку с ролью «Директор по маркетингу» и именем.",
        ),
    },
    "OWN-CMO-NO-STOP-RIGHT": {
        "en": (
            "The CMO, {person}, has no right to stop channels.",
            "Put yes in {cell}: the CMO must be able to cut a channel that burns money.",
        ),
        "ru": (
            "У директора по маркетингу ({person}) нет права останавливать каналы.",
            "Поставьте «да» в {cell}: CMO должен иметь право отключить канал, который сжигает деньги.",
        ),
    },
    "OWN-ROLE-NO-PERSON": {
        "en": ('Role "{role}" has no person.', "Put one person's name in {cell}."),
        "ru": ("У роли «{role}» нет исполнителя.", "Впишите имя одного человека в {cell}."),
    },
    "OWN-ROLE-NO-KPI": {
        "en": (
            'Role "{role}" ({person}) has no KPI, so nobody can tell whether it works.',
            "Put an outcome KPI in {cell}: money, leads, CPA, ROAS, LTV.",
        ),
        "ru": (
            "У роли «{role}» ({person}) нет KPI — непонятно, работает ли она.",
            "Впишите KPI результата в {cell}: деньги, лиды, CPA, ROAS, LTV.",
        ),
    },
    "OWN-VANITY-KPI": {
        "en": (
            '"{kpi}" in {cell} is a vanity figure, not a result ({owner}).',
            "Replace it with an outcome: traffic that converts, leads, sales, CPA, ROAS or revenue.",
        ),
        "ru": (
            "«{kpi}» в {cell} — показатель для красоты, а не результат ({owner}).",
            "Замените на KPI результата: конверсии, лиды, продажи, CPA, ROAS или выручку.",
        ),
    },
    "OWN-CONFLICT/error": {
        "en": (
            "{person} holds both {a} and {b}: the person who spends the budget also checks the numbers.",
            "Give {b} to someone else, or name an outside checker in {cell}.",
        ),
        "ru": (
            "{person} совмещает роли «{a}» и «{b}»: кто тратит бюджет, тот сам и проверяет цифры.",
            "Передайте «{b}» другому человеку или укажите внешнего проверяющего в {cell}.",
        ),
    },
    "OWN-CONFLICT/warning": {
        "en": (
            "{person} holds both {a} and {b}, which conflict ({why}).",
            "Name an outside checker in {cell}, or split the roles.",
        ),
        "ru": (
            "{person} совмещает конфликтующие роли «{a}» и «{b}» ({why}).",
            "Укажите внешнего проверяющего в {cell} или разделите роли.",
        ),
    },
    "OWN-OVERLOAD": {
        "en": (
            "{person} holds {n:role}, more than the limit of {max}.",
            'Hand some roles over, or raise "Max roles per person" in Settings if this is deliberate.',
        ),
        "ru": (
            "На {person} — {n:role}, больше допустимых {max}.",
            "Передайте часть ролей или увеличьте «Максимум ролей на человека» в Настройках, если это осознанно.",
        ),
    },
    "OWN-REVIEW-DUE/empty": {
        "en": (
            "Roles and KPIs have never been reviewed.",
            "Review roles and KPIs with the team, then put the date in {cell}.",
        ),
        "ru": (
            "Роли и KPI ещё ни разу не пересматривались.",
            "Пересмотрите роли и KPI с командой и впишите дату в {cell}.",
        ),
    },
    "OWN-REVIEW-DUE": {
        "en": (
            "Roles and KPIs were last reviewed on {date}, {days:day} ago (limit {max:day}).",
            "Hold a review: do the KPIs still move with revenue? Then update {cell}.",
        ),
        "ru": (
            "Роли и KPI пересматривались {date}, {days:day} назад (норма — раз в {max:day}).",
            "Проведите пересмотр: двигают ли KPI выручку? Затем обновите {cell}.",
        ),
    },
    # ---- channels
    "CH-NO-OWNER": {
        "en": ('Channel "{channel}" has no owner.', "Put exactly one person in {cell}."),
        "ru": ("У канала «{channel}» нет владельца.", "Впишите ровно одного человека в {cell}."),
    },
    "CH-MULTI-OWNER": {
        "en": (
            'Channel "{channel}" has more than one owner: "{owner}". When everyone owns it, nobody does.',
            "Keep exactly one person in {cell}; the others can help without owning it.",
        ),
        "ru": (
            "У канала «{channel}» несколько владельцев: «{owner}». Когда отвечают все — не отвечает никто.",
            "Оставьте в {cell} ровно одного человека; остальные могут помогать, не владея каналом.",
        ),
    },
    "CH-OWNER-UNKNOWN": {
        "en": (
            'The owner of "{channel}", {owner}, is not a person in {roles_tab}.',
            "Add {owner} to {roles_tab} with a role and KPI, or fix the name in {cell}.",
        ),
        "ru": (
            "Владелец канала «{channel}» ({owner}) не указан во вкладке {roles_tab}.",
            "Добавьте {owner} во вкладку {roles_tab} с ролью и KPI или исправьте имя в {cell}.",
        ),
    },
    "CH-DUPLICATE": {
        "en": (
            'Channel "{channel}" appears twice (also in {other}).',
            "Keep one row per channel: rename or delete {cell}.",
        ),
        "ru": (
            "Канал «{channel}» указан дважды (ещё в {other}).",
            "Оставьте одну строку на канал: переименуйте или удалите {cell}.",
        ),
    },
    "CH-NO-KPI": {
        "en": (
            'Channel "{channel}" has no primary KPI.',
            "Put the one outcome KPI it answers for in {cell} (CPA, ROAS, leads, revenue).",
        ),
        "ru": (
            "У канала «{channel}» нет главного KPI.",
            "Впишите в {cell} один KPI результата (CPA, ROAS, лиды, выручка).",
        ),
    },
    "CH-NO-BUDGET": {
        "en": (
            'Paid channel "{channel}" has no monthly budget.',
            "Put the monthly budget in {cell}, so spend can be held to it.",
        ),
        "ru": (
            "У платного канала «{channel}» нет бюджета на месяц.",
            "Впишите месячный бюджет в {cell}, чтобы было с чем сверять расход.",
        ),
    },
    # ---- report discipline
    "REP-NO-PLAN/no-row": {
        "en": (
            'Channel "{channel}" has no plan for the week of {week} (owner: {owner}).',
            "Add a row to {tab_title} for week {week} with the plan; plans are due on Monday.",
        ),
        "ru": (
            "У канала «{channel}» нет плана на неделю {week} (владелец: {owner}).",
            "Добавьте во вкладку {tab_title} строку за неделю {week} с планом: план сдаётся в понедельник.",
        ),
    },
    "REP-NO-PLAN": {
        "en": (
            'The week of {week} for "{channel}" has no plan values (owner: {owner}).',
            "Fill in the plan columns in row {row_number} of {tab_title}; plans are due on Monday.",
        ),
        "ru": (
            "За неделю {week} у канала «{channel}» не заполнен план (владелец: {owner}).",
            "Заполните плановые столбцы в строке {row_number} вкладки {tab_title}: план сдаётся в понедельник.",
        ),
    },
    "REP-NO-FACT": {
        "en": (
            'The week of {week} for "{channel}" has no facts (owner: {owner}).',
            "Fill in the fact columns in row {row_number} of {tab_title}; facts are due on Friday.",
        ),
        "ru": (
            "За неделю {week} у канала «{channel}» нет фактов (владелец: {owner}).",
            "Заполните столбцы «факт» в строке {row_number} вкладки {tab_title}: факт сдаётся в пятницу.",
        ),
    },
    "REP-NO-CONCLUSION": {
        "en": (
            'The week of {week} for "{channel}" has facts but no conclusion.',
            "Write in {cell} what the numbers mean, in one sentence.",
        ),
        "ru": (
            "За неделю {week} у канала «{channel}» есть факт, но нет вывода.",
            "Напишите в {cell} одним предложением, что значат цифры.",
        ),
    },
    "REP-NO-ACTION": {
        "en": (
            'The week of {week} for "{channel}" has facts but no action.',
            "Write in {cell} what you will do next week because of them.",
        ),
        "ru": (
            "За неделю {week} у канала «{channel}» есть факт, но нет действия.",
            "Напишите в {cell}, что делаем на следующей неделе.",
        ),
    },
    "REP-FACT-MISMATCH": {
        "en": (
            '{metric} fact for "{channel}", week of {week}, is {fact} but Daily adds up to {daily} ({diff} apart).',
            "Correct {cell} or the Daily rows of that week, so both tell the same story.",
        ),
        "ru": (
            "{metric} (факт) у «{channel}» за неделю {week}: {fact}, а по дням выходит {daily} (расхождение {diff}).",
            "Исправьте {cell} или строки вкладки «По дням» за эту неделю, чтобы цифры сходились.",
        ),
    },
    # ---- data
    "DATA-MISSING-TAB": {
        "en": (
            "The {tab_title} tab is missing.",
            'Add a tab named "{tab_title}" with its header row (see the template).',
        ),
        "ru": (
            "Нет вкладки {tab_title}.",
            "Добавьте вкладку «{tab_title}» со строкой заголовков (см. шаблон).",
        ),
    },
    "DATA-MISSING-COLUMN": {
        "en": (
            'The {tab_title} tab has no "{column_title}" column.',
            'Add a "{column_title}" header to the header row of {tab_title}.',
        ),
        "ru": (
            "Во вкладке {tab_title} нет столбца «{column_title}».",
            "Добавьте заголовок «{column_title}» в строку заголовков вкладки {tab_title}.",
        ),
    },
    "DATA-BAD-NUMBER": {
        "en": (
            '{cell} should hold a number but holds "{value}". The row is left out.',
            "Type a number in {cell}, for example 1 200 or 12,5%.",
        ),
        "ru": (
            "В {cell} должно быть число, а там «{value}». Строка не учтена.",
            "Впишите число в {cell}, например 1 200 или 12,5%.",
        ),
    },
    "DATA-BAD-DATE": {
        "en": (
            '{cell} should hold a date but holds "{value}". The row is left out.',
            "Type a date in {cell}, for example 2026-11-23 or 23.11.2026.",
        ),
        "ru": (
            "В {cell} должна быть дата, а там «{value}». Строка не учтена.",
            "Впишите дату в {cell}, например 23.11.2026.",
        ),
    },
    "DATA-NEGATIVE": {
        "en": (
            "{cell} is negative ({value}). The row is left out.",
            "Spend and counts cannot be below zero: correct {cell}.",
        ),
        "ru": (
            "В {cell} отрицательное значение ({value}). Строка не учтена.",
            "Расход и количества не бывают меньше нуля: исправьте {cell}.",
        ),
    },
    "DATA-UNKNOWN-CHANNEL": {
        "en": (
            '{cell} names channel "{channel}", which is not in {channels_tab}.',
            'Fix the name in {cell}, or add "{channel}" to {channels_tab}.',
        ),
        "ru": (
            "В {cell} указан канал «{channel}», которого нет во вкладке {channels_tab}.",
            "Исправьте название в {cell} или добавьте «{channel}» во вкладку {channels_tab}.",
        ),
    },
    "DATA-DUPLICATE-ROW": {
        "en": (
            '"{channel}" appears {n:time} for {period} ({cells}). The values are summed.',
            "Keep one row per channel and {unit}: merge or delete the extra rows.",
        ),
        "ru": (
            "«{channel}» встречается {n:time} за {period} ({cells}). Значения сложены.",
            "Оставьте одну строку на канал и {unit}: объедините или удалите лишние.",
        ),
    },
    "DATA-WEEK-NOT-MONDAY": {
        "en": (
            "{cell} is {date}, not a Monday. It is counted as the week of {monday}.",
            "Put the week's Monday, {monday}, in {cell}.",
        ),
        "ru": (
            "В {cell} стоит {date} — это не понедельник. Учтено как неделя с {monday}.",
            "Впишите понедельник недели, {monday}, в {cell}.",
        ),
    },
    "RULE-INVALID": {
        "en": ('Stop rule "{rule}" is not valid: {reason}. It is skipped.', "Fix {cell}: {hint}."),
        "ru": (
            "Стоп-правило «{rule}» не работает: {reason}. Оно пропущено.",
            "Исправьте {cell}: {hint}.",
        ),
    },
    "RULE-NO-DATA": {
        "en": (
            'Stop rule "{rule}" needs the "{column_title}" column in {daily_tab}, which is missing.',
            'Add a "{column_title}" column to {daily_tab}, or change the rule\'s metric.',
        ),
        "ru": (
            "Стоп-правилу «{rule}» нужен столбец «{column_title}» во вкладке {daily_tab}, а его нет.",
            "Добавьте столбец «{column_title}» во вкладку {daily_tab} или смените метрику правила.",
        ),
    },
    # ---- KPI drift
    "KPI-DRIFT": {
        "en": (
            'The KPI of "{channel}" no longer moves with revenue: r = {r} over the last {n:week}.',
            "Review the channel's KPI with {owner}: pick one that rises and falls with money.",
        ),
        "ru": (
            "KPI канала «{channel}» больше не связан с выручкой: r = {r} за последние {n:week}.",
            "Пересмотрите KPI канала вместе с {owner}: нужен показатель, который растёт и падает вместе с деньгами.",
        ),
    },
}


def make_check(
    lang: Lang,
    severity: Severity,
    key: str,
    *,
    tab: str | None = None,
    row: int | None = None,
    column: str | None = None,
    channel: str | None = None,
    person: str | None = None,
    topic: str | None = None,
    **fields: Any,
) -> Check:
    """Build a Check from the catalog; `key` is `CODE` or `CODE/variant`."""
    problem, fix = CATALOG[key][lang]
    # Dates are passed as dates and spelt here, in the sheet's style (25.11.2026 in Russian).
    spelt = {k: date_text(v, lang) if isinstance(v, dt.date) else v for k, v in fields.items()}
    values = {"channel": channel, "person": person, "row": row, **spelt}
    return Check(
        severity=severity,
        code=key.split("/", 1)[0],
        tab=tab,
        row=row,
        column=column,
        message=MessageFormatter(lang).format(problem, **values),
        fix=MessageFormatter(lang).format(fix, **values),
        channel=channel,
        person=person,
        topic=topic,
    )
