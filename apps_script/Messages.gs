/**
 * User-facing strings in English and Russian, plus pure formatting helpers.
 * Nothing here touches Apps Script services, so the Node tests can call it directly.
 * Top-level declarations are `var`/functions: every .gs file shares one global scope.
 */

var ROLEMAP_MESSAGES = {
  en: {
    'menu.title': 'Marketing',
    'menu.recalculate': 'Recalculate',
    'menu.preview': 'Preview (dry run)',
    'menu.daily': 'Daily auto-recalculate on/off',
    'menu.notify': 'Notify owners on/off',
    'menu.help': 'Help',

    'title.failed': 'Recalculation did not run',
    'title.preview': 'Preview (dry run) — nothing was written',
    'title.daily': 'Daily auto-recalculate',
    'title.notify': 'Notify owners',
    'title.help': 'Rolemap — help',
    'title.done': 'Rolemap',

    'toast.done': '{flags}, {checks} — {see}',
    'toast.see.default': 'see CMO summary',
    'toast.see.other': 'see the "{tab}" tab',
    'toast.notified': ' · {mails} to owners',
    'toast.not_sent': ', {n} not sent (see Help)',

    'fail.no_url':
      'The Rolemap service address is not set up yet.\n\n' +
      'Open Extensions ▸ Apps Script ▸ Project Settings ▸ Script Properties and add the property ' +
      'ROLEMAP_SERVICE_URL with the service address, for example https://rolemap-xxxx.a.run.app.\n\n' +
      'If someone else set up Rolemap for you, ask them to do it.',
    'fail.bad_url':
      'The Script Property ROLEMAP_SERVICE_URL must be a web address starting with https:// ' +
      '(now it is "{url}"). Fix it in Extensions ▸ Apps Script ▸ Project Settings ▸ Script Properties.',
    'fail.bad_mode':
      'The Script Property ROLEMAP_AUTH_MODE must be "id_token" or "hmac" (now it is "{mode}"). ' +
      'Ask the person who deployed Rolemap which one to use.',
    'fail.no_secret':
      'ROLEMAP_AUTH_MODE is "hmac", but the Script Property ROLEMAP_HMAC_SECRET is empty. ' +
      'Ask the person who deployed Rolemap for the shared secret and add it in ' +
      'Extensions ▸ Apps Script ▸ Project Settings ▸ Script Properties.',
    'fail.no_token':
      'Google did not give the add-on a sign-in token for you, so Rolemap cannot tell who is asking.\n\n' +
      'Reload the sheet and accept the permissions the add-on asks for. If this keeps happening, ' +
      'tell the person who deployed Rolemap.',
    'fail.network':
      'Could not reach the Rolemap service at {url}.\n\n' +
      'Check your internet connection and that ROLEMAP_SERVICE_URL is right. The service may also be ' +
      'down for a moment — try again in a few minutes.',
    'fail.bad_request':
      'The Rolemap service refused the request as malformed (HTTP {status}). Nothing was changed. ' +
      'Please tell the person who deployed Rolemap.',
    'fail.unauthorized':
      'Rolemap could not confirm who you are, so the recalculation was refused (HTTP 401).\n\n' +
      'Ask the person who deployed Rolemap, or your CMO, to check the add-on’s sign-in settings.',
    'fail.forbidden':
      'Your account{email} is not allowed to recalculate this sheet (HTTP 403).\n\n' +
      'Ask the person who deployed Rolemap, or your CMO, to add your e-mail and this sheet ' +
      'to the Rolemap allow-list.',
    'fail.not_found':
      'The Rolemap service did not recognise the address {url}/recalculate (HTTP 404). ' +
      'Check the Script Property ROLEMAP_SERVICE_URL.',
    'fail.busy':
      'A recalculation of this sheet is already running (HTTP 409).\n\n' +
      'Wait for it to finish — usually under a minute — and then open the CMO summary. ' +
      'You probably do not need to run it again.',
    'fail.rate_limited':
      'Too many recalculations of this sheet in the last minute (HTTP 429).\n\n' +
      'Wait a minute, then try again.',
    'fail.not_rolemap':
      'This spreadsheet has none of the Rolemap tabs (Settings, Roles, Channels, Weekly, Daily, ' +
      'Stop rules), so Rolemap wrote nothing to it (HTTP 422).\n\n' +
      'Start from the Rolemap template, or give your tabs these names.',
    'fail.server':
      'The Rolemap service or the Google Sheets API failed this time (HTTP {status}).\n\n' +
      'This is usually temporary: try again in a few minutes. If it keeps failing, ' +
      'tell the person who deployed Rolemap.',
    'fail.bad_response':
      'The Rolemap service answered, but not with results the add-on understands (HTTP {status}). ' +
      'Check that ROLEMAP_SERVICE_URL points to the Rolemap service.',
    'fail.unexpected':
      'The Rolemap service answered with an unexpected error (HTTP {status}). ' +
      'Try again in a few minutes; if it keeps failing, tell the person who deployed Rolemap.',
    'fail.details': '\n\nDetails from the service: {message}',
    'fail.details.network': '\n\nDetails: {message}',

    'daily.on':
      'Daily auto-recalculate is on. The sheet will be recalculated every day between 7:00 and 8:00 ' +
      '({tz}).\n\nChoose this menu item again to turn it off.',
    'daily.off': 'Daily auto-recalculate is off. Use Marketing ▸ Recalculate when you need fresh results.',

    'notify.on':
      'Owners will be notified. After each recalculation that writes the sheet, every owner with an ' +
      'e-mail in the Roles tab gets one e-mail about their new stop flags and new errors, and the CMO ' +
      'gets every Stop and Cut. The e-mails are sent from your account, within Apps Script’s daily ' +
      'e-mail quota.\n\nChoose this menu item again to turn it off.',
    'notify.off': 'Owners will not be notified by e-mail from this sheet.',

    'help.text':
      'Rolemap checks who owns each marketing channel, compares plans with facts and finds ' +
      'channels that should be stopped or fixed.\n\n' +
      '• Recalculate — reads the team’s tabs (Channels, Weekly, Daily, Stop rules, Roles) and rewrites ' +
      'the CMO summary, Stop flags, Checks and Run log tabs. Your own tabs are not changed.\n' +
      '• Preview (dry run) — shows what would be flagged, without writing anything.\n' +
      '• Daily auto-recalculate on/off — recalculates the sheet every morning by itself.\n' +
      '• Notify owners on/off (off at first) — after each written recalculation, e-mails every owner ' +
      'their new stop flags and errors, and the CMO every Stop and Cut; "Remind every (days)" in ' +
      'Settings repeats a flag that keeps firing. Owners need an e-mail in the Roles tab. The mail ' +
      'goes from the account of whoever recalculates, and Apps Script’s daily MailApp quota is the ' +
      'limit (about 100 recipients a day on a free account, 1,500 on Google Workspace): what does ' +
      'not fit is not sent and is counted in the toast.\n\n' +
      'Start with the CMO summary: it lists the decisions needed and who owns each one.',

    'preview.as_of': 'As of',
    'preview.heading.flags': 'Top decisions',
    'preview.heading.checks': 'Errors to fix first',
    'preview.col.channel': 'Channel',
    'preview.col.action': 'Action',
    'preview.col.why': 'Why',
    'preview.col.owner': 'Owner',
    'preview.col.where': 'Where',
    'preview.col.problem': 'Problem',
    'preview.col.fix': 'How to fix',
    'preview.no_flags': 'No stop rule fired.',
    'preview.no_errors': 'No errors in the data.',
    'preview.more': '…and {n} more',
    'preview.decided': 'Already decided (snoozed or overridden), not listed: {n}.',
    'preview.footer': 'Nothing was written to the sheet. Choose Marketing ▸ Recalculate to write the results.',
    'preview.close': 'Close',
    'preview.days': '{n} d in a row',
    'preview.row': 'row {row}',
    'preview.since': 'since {date}',
    'preview.heading.backtest': 'Stop rules on your history',
    'preview.col.rule': 'Rule',
    'preview.col.fired': 'Would have fired',
    'preview.col.spend': 'Spend on those days',
    'preview.backtest_fired': 'on {days} d in {episodes} episode(s), {first} – {last}',
    'preview.backtest_none': 'On the whole Daily history no rule would have fired.',

    'action.stop': 'Stop',
    'action.rewrite': 'Rewrite',
    'action.review': 'Review',
    'action.scale_down': 'Scale down',
    'metric.spend': 'Spend',
    'metric.unsubscribe_rate': 'Unsubscribe rate'
  },

  ru: {
    'menu.title': 'Маркетинг',
    'menu.recalculate': 'Пересчитать',
    'menu.preview': 'Предпросмотр (без записи)',
    'menu.daily': 'Ежедневный пересчёт вкл/выкл',
    'menu.notify': 'Уведомлять владельцев вкл/выкл',
    'menu.help': 'Справка',

    'title.failed': 'Пересчёт не выполнен',
    'title.preview': 'Предпросмотр (без записи) — в таблицу ничего не записано',
    'title.daily': 'Ежедневный пересчёт',
    'title.notify': 'Уведомления владельцам',
    'title.help': 'Rolemap — справка',
    'title.done': 'Rolemap',

    'toast.done': '{flags}, {checks} — {see}',
    'toast.see.default': 'см. Сводку CMO',
    'toast.see.other': 'см. вкладку «{tab}»',
    'toast.notified': ' · владельцам: {mails}',
    'toast.not_sent': ', не отправлено: {n} (см. Справку)',

    'fail.no_url':
      'Адрес сервиса Rolemap ещё не указан.\n\n' +
      'Откройте Расширения ▸ Apps Script ▸ Настройки проекта ▸ Свойства скрипта и добавьте свойство ' +
      'ROLEMAP_SERVICE_URL с адресом сервиса, например https://rolemap-xxxx.a.run.app.\n\n' +
      'Если Rolemap настраивали не вы, попросите об этом того, кто его развернул.',
    'fail.bad_url':
      'Свойство скрипта ROLEMAP_SERVICE_URL должно быть веб-адресом, который начинается с https:// ' +
      '(сейчас там «{url}»). Исправьте его в Расширения ▸ Apps Script ▸ Настройки проекта ▸ Свойства скрипта.',
    'fail.bad_mode':
      'Свойство скрипта ROLEMAP_AUTH_MODE должно быть «id_token» или «hmac» (сейчас там «{mode}»). ' +
      'Уточните у того, кто развернул Rolemap, какой режим нужен.',
    'fail.no_secret':
      'ROLEMAP_AUTH_MODE равно «hmac», но свойство скрипта ROLEMAP_HMAC_SECRET пустое. ' +
      'Попросите секретный ключ у того, кто развернул Rolemap, и добавьте его в ' +
      'Расширения ▸ Apps Script ▸ Настройки проекта ▸ Свойства скрипта.',
    'fail.no_token':
      'Google не выдал надстройке токен входа, поэтому Rolemap не может понять, кто отправил запрос.\n\n' +
      'Перезагрузите таблицу и подтвердите разрешения, которые запрашивает надстройка. Если не поможет, ' +
      'сообщите тому, кто развернул Rolemap.',
    'fail.network':
      'Не удалось связаться с сервисом Rolemap по адресу {url}.\n\n' +
      'Проверьте подключение к интернету и адрес в ROLEMAP_SERVICE_URL. Возможно, сервис ненадолго ' +
      'недоступен — попробуйте ещё раз через несколько минут.',
    'fail.bad_request':
      'Сервис Rolemap отклонил запрос как некорректный (HTTP {status}). В таблице ничего не изменилось. ' +
      'Сообщите, пожалуйста, тому, кто развернул Rolemap.',
    'fail.unauthorized':
      'Rolemap не смог подтвердить, кто вы, и отказал в пересчёте (HTTP 401).\n\n' +
      'Попросите того, кто развернул Rolemap, или директора по маркетингу проверить настройки входа надстройки.',
    'fail.forbidden':
      'Вашему аккаунту{email} не разрешено пересчитывать эту таблицу (HTTP 403).\n\n' +
      'Попросите того, кто развернул Rolemap, или директора по маркетингу добавить вашу почту ' +
      'и эту таблицу в список доступа Rolemap.',
    'fail.not_found':
      'Сервис Rolemap не знает адрес {url}/recalculate (HTTP 404). ' +
      'Проверьте свойство скрипта ROLEMAP_SERVICE_URL.',
    'fail.busy':
      'Пересчёт этой таблицы уже идёт (HTTP 409).\n\n' +
      'Дождитесь, пока он закончится — обычно это меньше минуты, — и откройте Сводку CMO. ' +
      'Скорее всего, запускать пересчёт ещё раз не нужно.',
    'fail.rate_limited':
      'Слишком много пересчётов этой таблицы за последнюю минуту (HTTP 429).\n\n' +
      'Подождите минуту и попробуйте снова.',
    'fail.not_rolemap':
      'В этой таблице нет ни одной вкладки Rolemap (Настройки, Роли, Каналы, Неделя, По дням, ' +
      'Стоп-правила), поэтому Rolemap ничего в неё не записал (HTTP 422).\n\n' +
      'Начните с шаблона Rolemap или назовите вкладки так, как указано выше.',
    'fail.server':
      'Сервис Rolemap или Google Sheets API сейчас дал сбой (HTTP {status}).\n\n' +
      'Обычно это временно: попробуйте ещё раз через несколько минут. Если ошибка повторяется, ' +
      'сообщите тому, кто развернул Rolemap.',
    'fail.bad_response':
      'Сервис ответил, но не результатами, которые понимает надстройка (HTTP {status}). ' +
      'Проверьте, что ROLEMAP_SERVICE_URL указывает на сервис Rolemap.',
    'fail.unexpected':
      'Сервис Rolemap вернул неожиданную ошибку (HTTP {status}). ' +
      'Попробуйте ещё раз через несколько минут; если не поможет, сообщите тому, кто развернул Rolemap.',
    'fail.details': '\n\nПодробности от сервиса: {message}',
    'fail.details.network': '\n\nПодробности: {message}',

    'daily.on':
      'Ежедневный пересчёт включён. Таблица будет пересчитываться каждый день между 7:00 и 8:00 ' +
      '({tz}).\n\nЧтобы выключить, выберите этот пункт меню ещё раз.',
    'daily.off': 'Ежедневный пересчёт выключен. Когда понадобятся свежие цифры, выберите Маркетинг ▸ Пересчитать.',

    'notify.on':
      'Владельцы будут получать уведомления. После каждого пересчёта с записью каждый владелец, у ' +
      'которого во вкладке Роли указана почта, получит одно письмо о своих новых стоп-флагах и ' +
      'ошибках, а директор по маркетингу — о каждом Стопе и Сокращении. Письма уходят с вашего ' +
      'аккаунта, в пределах дневной квоты писем Apps Script.\n\n' +
      'Чтобы выключить, выберите этот пункт меню ещё раз.',
    'notify.off': 'Владельцы не будут получать письма из этой таблицы.',

    'help.text':
      'Rolemap проверяет, у каждого ли канала есть владелец, сравнивает план с фактом и находит ' +
      'каналы, которые пора остановить или поправить.\n\n' +
      '• Пересчитать — читает вкладки команды (Каналы, Неделя, По дням, Стоп-правила, Роли) и заново ' +
      'заполняет вкладки Сводка CMO, Стоп-флаги, Проверки и Журнал. Ваши вкладки не меняются.\n' +
      '• Предпросмотр (без записи) — показывает, что сработает, ничего не записывая.\n' +
      '• Ежедневный пересчёт вкл/выкл — таблица сама пересчитывается каждое утро.\n' +
      '• Уведомлять владельцев вкл/выкл (сначала выключено) — после каждого пересчёта с записью ' +
      'каждый владелец получает письмо о своих новых стоп-флагах и ошибках, а директор по ' +
      'маркетингу — о каждом Стопе и Сокращении; «Напоминать каждые (дней)» в Настройках повторяет ' +
      'флаг, который не проходит. Почта владельцев берётся из вкладки Роли. Письма уходят с ' +
      'аккаунта того, кто пересчитывает, и ограничены дневной квотой MailApp в Apps Script ' +
      '(около 100 получателей в день для бесплатного аккаунта, 1500 в Google Workspace): что не ' +
      'поместилось, не отправляется и отмечается во всплывающем сообщении.\n\n' +
      'Начинайте со Сводки CMO: там перечислены решения, которые нужно принять, и кто за каждое отвечает.',

    'preview.as_of': 'Дата расчёта',
    'preview.heading.flags': 'Главные решения',
    'preview.heading.checks': 'Ошибки, которые стоит исправить первыми',
    'preview.col.channel': 'Канал',
    'preview.col.action': 'Действие',
    'preview.col.why': 'Почему',
    'preview.col.owner': 'Владелец',
    'preview.col.where': 'Где',
    'preview.col.problem': 'Проблема',
    'preview.col.fix': 'Как исправить',
    'preview.no_flags': 'Ни одно стоп-правило не сработало.',
    'preview.no_errors': 'Ошибок в данных нет.',
    'preview.more': '…и ещё {n}',
    'preview.decided': 'Уже решено (отложено или отклонено), здесь не показано: {n}.',
    'preview.footer': 'В таблицу ничего не записано. Чтобы записать результаты, выберите Маркетинг ▸ Пересчитать.',
    'preview.close': 'Закрыть',
    'preview.days': '{n} дн. подряд',
    'preview.row': 'строка {row}',
    'preview.since': 'с {date}',
    'preview.heading.backtest': 'Стоп-правила на вашей истории',
    'preview.col.rule': 'Правило',
    'preview.col.fired': 'Сработало бы',
    'preview.col.spend': 'Расход в эти дни',
    'preview.backtest_fired': '{days} дн., эпизодов: {episodes}, {first} – {last}',
    'preview.backtest_none': 'На всей истории «По дням» ни одно правило не сработало бы.',

    'action.stop': 'Стоп',
    'action.rewrite': 'Переписать',
    'action.review': 'Разобрать',
    'action.scale_down': 'Снизить',
    'metric.spend': 'Расход',
    'metric.unsubscribe_rate': 'Доля отписок'
  }
};

// Noun forms for counts: English [one, many]; Russian [one, few, many].
var ROLEMAP_NOUNS = {
  en: {
    flag: ['stop flag', 'stop flags'],
    check: ['check', 'checks'],
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    mail: ['e-mail', 'e-mails']
  },
  ru: {
    flag: ['стоп-флаг', 'стоп-флага', 'стоп-флагов'],
    check: ['проверка', 'проверки', 'проверок'],
    error: ['ошибка', 'ошибки', 'ошибок'],
    warning: ['предупреждение', 'предупреждения', 'предупреждений'],
    mail: ['письмо', 'письма', 'писем']
  }
};

/** 'ru' for any Russian locale ("ru", "ru_RU"), otherwise 'en'. */
function rolemapLangFromLocale_(locale) {
  return /^ru/i.test(String(locale || '')) ? 'ru' : 'en';
}

/** Russian plural form: 1 флаг, 2 флага, 5 флагов, 11 флагов, 21 флаг. */
function rolemapPluralRu_(n, forms) {
  var abs = Math.abs(Math.trunc(Number(n) || 0));
  var mod100 = abs % 100;
  var mod10 = abs % 10;
  if (mod100 >= 11 && mod100 <= 14) return forms[2];
  if (mod10 === 1) return forms[0];
  if (mod10 >= 2 && mod10 <= 4) return forms[1];
  return forms[2];
}

function rolemapPluralEn_(n, forms) {
  return Number(n) === 1 ? forms[0] : forms[1];
}

/** "2 stop flags" / "2 стоп-флага". */
function rolemapCount_(lang, n, noun) {
  var forms = ROLEMAP_NOUNS[lang === 'ru' ? 'ru' : 'en'][noun];
  var word = lang === 'ru' ? rolemapPluralRu_(n, forms) : rolemapPluralEn_(n, forms);
  return n + ' ' + word;
}

/** Replace {name} placeholders; unknown placeholders stay visible so mistakes show up in tests. */
function rolemapFormat_(template, params) {
  return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
    return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
  });
}

/** Message by key in the given language, falling back to English. */
function rolemapT_(lang, key, params) {
  var table = ROLEMAP_MESSAGES[lang] || ROLEMAP_MESSAGES.en;
  var template = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : ROLEMAP_MESSAGES.en[key];
  if (template === undefined) return key;
  return rolemapFormat_(template, params);
}

/** Success toast: "2 stop flags, 5 checks — see CMO summary". */
function rolemapSuccessText_(lang, flagCount, checkCount, summaryTabName) {
  var defaultTab = lang === 'ru' ? 'Сводка CMO' : 'CMO summary';
  var see = !summaryTabName || summaryTabName === defaultTab
    ? rolemapT_(lang, 'toast.see.default')
    : rolemapT_(lang, 'toast.see.other', { tab: summaryTabName });
  return rolemapT_(lang, 'toast.done', {
    flags: rolemapCount_(lang, flagCount, 'flag'),
    checks: rolemapCount_(lang, checkCount, 'check'),
    see: see
  });
}

/** {title, message} for a failed outcome (see rolemapClassifyResponse_ for the kinds). */
function rolemapFailureText_(lang, outcome, context) {
  context = context || {};
  var kind = outcome.kind;
  var key = 'fail.' + kind;
  if (!Object.prototype.hasOwnProperty.call(ROLEMAP_MESSAGES.en, key)) key = 'fail.unexpected';
  var email = context.email ? ' (' + context.email + ')' : '';
  var message = rolemapT_(lang, key, {
    url: context.url || '',
    mode: context.mode || '',
    status: outcome.status === undefined || outcome.status === null ? '' : outcome.status,
    email: email
  });
  if (outcome.serviceMessage) {
    message += rolemapT_(lang, 'fail.details', { message: rolemapClip_(outcome.serviceMessage, 300) });
  } else if (kind === 'network' && outcome.detail) {
    message += rolemapT_(lang, 'fail.details.network', { message: rolemapClip_(outcome.detail, 300) });
  }
  return { title: rolemapT_(lang, 'title.failed'), message: message };
}

function rolemapClip_(text, max) {
  text = String(text);
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
