"""Check messages in the sheet's language: what is wrong, where, and how to fix it.

Each entry is keyed by check code (or `code/variant`) and holds (problem, fix) per language.
Placeholders are filled with `str.format` by `render.py`; `{cell}` is an A1 reference such as
`Channels!C5`. `PHRASES` are the smaller words a message borrows (`Term("phrase", …)`).
"""

from __future__ import annotations

from rolemap.core.model.contract import Lang

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
    # ---- data freshness (core/checks/freshness.py)
    "DATA-STALE": {
        "en": (
            "{daily_tab} ends on {latest} ({cell}), but the as-of date is {as_of}: stop flags and "
            "daily figures describe {latest}, not {as_of}.",
            "Add the {daily_tab} rows up to {as_of}, or set As of in {settings_tab} to {latest}.",
        ),
        "ru": (
            "Вкладка {daily_tab} заканчивается {latest} ({cell}), а дата расчёта — {as_of}: "
            "стоп-флаги и дневные цифры описывают {latest}, а не {as_of}.",
            "Внесите во вкладку {daily_tab} строки до {as_of} или поставьте «Дата расчёта» "
            "{latest} во вкладке {settings_tab}.",
        ),
    },
    "DATA-AS-OF-BEFORE-DATA": {
        "en": (
            "The as-of date {as_of} is before the first data ({first}): the totals, verdicts and "
            "stop flags of this run have nothing to count.",
            "Set As of in {settings_tab} (or --as-of) to {first} or later, or clear it for today.",
        ),
        "ru": (
            "Дата расчёта {as_of} раньше первых данных ({first}): итогам, вердиктам и стоп-флагам "
            "этого пересчёта нечего считать.",
            "Поставьте «Дата расчёта» во вкладке {settings_tab} не раньше {first} или очистите её, "
            "чтобы считать на сегодня.",
        ),
    },
    # ---- the untouched template (core/checks/examples.py)
    "TEMPLATE-EXAMPLES": {
        "en": (
            "This sheet still holds only the template's example rows, so there is nothing of "
            "yours to check yet.",
            "Replace the examples in {tabs} with your team, channels, plans and facts, then "
            "recalculate.",
        ),
        "ru": (
            "В таблице пока только примеры из шаблона — проверять ещё нечего.",
            "Замените примеры во вкладках {tabs} на свою команду, каналы, планы и факты и "
            "пересчитайте.",
        ),
    },
    # ---- sources: raw tabs that feed Daily (docs/contract-sources.md)
    "SRC-UNKNOWN-TAB": {
        "en": (
            '{cell} names the tab "{name}", which is not in this sheet. Its rows are not counted.',
            "Type the raw tab's exact name in {cell}, or add the tab.",
        ),
        "ru": (
            "В {cell} указана вкладка «{name}», которой нет в таблице. Её строки не учтены.",
            "Впишите в {cell} точное название вкладки с выгрузкой или добавьте вкладку.",
        ),
    },
    "SRC-OWN-TAB": {
        "en": (
            '{cell} names "{name}", one of Rolemap\'s own tabs, as raw data. Its rows are not '
            "counted.",
            "Put the platform's export in a tab of its own and type that tab's name in {cell}.",
        ),
        "ru": (
            "В {cell} как выгрузка указана вкладка «{name}» — это собственная вкладка Rolemap. "
            "Её строки не учтены.",
            "Положите выгрузку площадки в отдельную вкладку и впишите её название в {cell}.",
        ),
    },
    "SRC-UNKNOWN-PRESET": {
        "en": (
            '{cell} names the preset "{preset}", which Rolemap does not know.',
            "Use one of: {presets}; or leave it empty and name the columns in that row.",
        ),
        "ru": (
            "В {cell} указан шаблон выгрузки «{preset}», которого Rolemap не знает.",
            "Укажите один из: {presets}; или оставьте пусто и впишите названия столбцов.",
        ),
    },
    "SRC-NO-HEADER": {
        "en": (
            "No header row found in {tab_title} for the {preset} preset, so none of its rows "
            "are counted.",
            "Check the preset in the row of {cell}, or type the tab's own headers in its "
            "column cells (expected columns like {expected}).",
        ),
        "ru": (
            "Во вкладке {tab_title} не найдена строка заголовков для шаблона {preset}: "
            "её строки не учтены.",
            "Проверьте шаблон в строке {cell} или впишите в ней заголовки столбцов этой "
            "вкладки (ожидаются столбцы вроде {expected}).",
        ),
    },
    "SRC-NO-CHANNEL": {
        "en": (
            "{cell} is empty: Rolemap cannot tell which channel the rows of {tab_title} feed.",
            "Put a channel from Channels in {cell}, or rules like brand=Brand search in "
            "Campaign contains.",
        ),
        "ru": (
            "{cell} пуста: непонятно, какой канал питают строки вкладки {tab_title}.",
            "Впишите в {cell} канал из вкладки Каналы или правила вида бренд=Брендовый поиск "
            "в «Кампания содержит».",
        ),
    },
    "SRC-BAD-RULE": {
        "en": (
            '"{piece}" in {cell} is not a rule, so it is ignored.',
            "Write rules as text=Channel, separated by semicolons: brand=Brand search; "
            "retarget=Retargeting.",
        ),
        "ru": (
            "«{piece}» в {cell} — не правило, оно не учтено.",
            "Пишите правила как текст=Канал через точку с запятой: бренд=Брендовый поиск; "
            "ретаргет=Ретаргетинг.",
        ),
    },
    "SRC-UNMAPPED-CAMPAIGN": {
        "en": (
            "{n} rows of {tab_title} match no channel rule (campaigns: {campaigns}). "
            "They are not counted.",
            "Add a rule for them in Sources (row of {cell}), or a channel that takes the rest.",
        ),
        "ru": (
            "{n} строк вкладки {tab_title} не подошли ни под одно правило (кампании: "
            "{campaigns}). Они не учтены.",
            "Добавьте для них правило в Источниках (строка {cell}) или канал для остальных "
            "кампаний.",
        ),
    },
    "SRC-DOUBLE-FEED": {
        "en": (
            '"{channel}" has typed rows in {daily_tab} and rows from {source_tabs} for {n} days '
            "({first}..{last}). The typed rows are used, not both.",
            "Keep one source of numbers: delete the typed rows (from {cell}) or take the "
            "channel out of Sources.",
        ),
        "ru": (
            "У канала «{channel}» за {n} дн. ({first}..{last}) есть и строки во вкладке "
            "{daily_tab}, и строки из {source_tabs}. Учтены введённые вручную, не обе.",
            "Оставьте один источник цифр: удалите введённые строки (с {cell}) или уберите "
            "канал из Источников.",
        ),
    },
}


PHRASES: dict[str, dict[Lang, str]] = {
    "no_person": {"en": "no person", "ru": "без исполнителя"},
    "nobody_yet": {"en": "nobody yet", "ru": "пока никто"},
    "the_team": {"en": "the team", "ru": "командой"},
    "role_holder": {"en": "{role}, {person}", "ru": "{role}, {person}"},
    "channel_named": {"en": 'channel "{channel}"', "ru": "канал «{channel}»"},
    "channel_named_person": {
        "en": 'channel "{channel}", {person}',
        "ru": "канал «{channel}», {person}",
    },
    "setting_cell": {"en": '{tab} ("{setting}")', "ru": "{tab} («{setting}»)"},
    "conflict/performance-analytics": {"en": "", "ru": ""},
    "conflict/content-performance": {"en": '"write" vs "launch"', "ru": "«написать» и «запустить»"},
    "conflict/analytics-cmo": {
        "en": '"analyse" vs "decide"',
        "ru": "«проанализировать» и «решить»",
    },
    "unit/week": {"en": "week", "ru": "неделю"},
    "unit/date": {"en": "day", "ru": "день"},
    "rule_reason/metric": {"en": 'unknown metric "{value}"', "ru": "неизвестная метрика «{value}»"},
    "rule_hint/metric": {
        "en": "use CPL, CPA, CR, CTR, ROAS, ROMI, Spend or Unsubscribe rate",
        "ru": "выберите CPL, CPA, CR, CTR, ROAS, ROMI, Расход или Доля отписок",
    },
    "rule_reason/condition": {
        "en": 'unknown condition "{value}"',
        "ru": "непонятное условие «{value}»",
    },
    "rule_hint/condition": {"en": "use >, >=, < or <=", "ru": "используйте >, >=, < или <="},
    "rule_reason/action": {
        "en": 'unknown action "{value}"',
        "ru": "неизвестное действие «{value}»",
    },
    "rule_hint/action": {
        "en": "use Stop, Rewrite, Review or Scale down",
        "ru": "выберите Стоп, Переписать, Разобрать или Снизить",
    },
    "rule_reason/threshold": {"en": "the threshold is missing", "ru": "не задан порог"},
    "rule_hint/threshold": {
        "en": "put a number or a % in the Threshold column",
        "ru": "впишите число или % в столбец «Порог»",
    },
}
