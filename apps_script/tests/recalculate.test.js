'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { loadAddon } = require('./harness');
const { URL, sampleResult, ok, serviceError } = require('./fixtures');

const ID_TOKEN = { ROLEMAP_SERVICE_URL: URL };
const HMAC = { ROLEMAP_SERVICE_URL: URL, ROLEMAP_AUTH_MODE: 'hmac', ROLEMAP_HMAC_SECRET: 's3cret' };

test('success: one POST to /recalculate with the §7 body, a toast, and the summary tab activated', () => {
  const addon = loadAddon({ properties: ID_TOKEN, responses: [ok()], sheets: ['Channels', 'CMO summary'] });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.ok, true);
  assert.equal(addon.calls.length, 1);
  const call = addon.calls[0];
  assert.equal(call.url, `${URL}/recalculate`);
  assert.equal(call.method, 'POST');
  assert.equal(call.options.contentType, 'application/json');
  assert.equal(call.options.muteHttpExceptions, true);
  assert.equal(call.payload, '{"spreadsheet_id":"test-spreadsheet-id","dry_run":false}');
  assert.deepEqual(addon.toasts.map((t) => t.message), ['2 stop flags, 5 checks — see CMO summary']);
  assert.equal(addon.spreadsheet.activeSheetName, 'CMO summary');
  assert.equal(addon.alerts.length, 0);
});

test('success in Russian: plural forms and the Russian summary tab', () => {
  const addon = loadAddon({ locale: 'ru_RU', properties: ID_TOKEN, responses: [ok()], sheets: ['Каналы', 'Сводка CMO'] });
  addon.ctx.recalculate();
  assert.equal(addon.toasts[0].message, '2 стоп-флага, 5 проверок — см. Сводку CMO');
  assert.equal(addon.spreadsheet.activeSheetName, 'Сводка CMO');

  const one = loadAddon({ locale: 'ru_RU', properties: ID_TOKEN, responses: [ok(sampleResult({ flags: [sampleResult().flags[0]], checks: [] }))] });
  one.ctx.recalculate();
  assert.equal(one.toasts[0].message, '1 стоп-флаг, 0 проверок — см. Сводку CMO');
});

test('success names the summary tab that exists when its language differs from the locale', () => {
  const addon = loadAddon({ locale: 'ru_RU', properties: ID_TOKEN, responses: [ok()], sheets: ['CMO summary'] });
  addon.ctx.recalculate();
  assert.equal(addon.toasts[0].message, '2 стоп-флага, 5 проверок — см. вкладку «CMO summary»');
  assert.equal(addon.spreadsheet.activeSheetName, 'CMO summary');

  const en = loadAddon({ properties: ID_TOKEN, responses: [ok(sampleResult({ flags: [], checks: [{}] }))], sheets: ['Сводка CMO'] });
  en.ctx.recalculate();
  assert.equal(en.toasts[0].message, '0 stop flags, 1 check — see the "Сводка CMO" tab');
});

test('success without a summary tab still toasts and changes nothing else', () => {
  const addon = loadAddon({ properties: ID_TOKEN, responses: [ok()], sheets: [] });
  addon.ctx.recalculate();
  assert.equal(addon.toasts[0].message, '2 stop flags, 5 checks — see CMO summary');
  assert.equal(addon.spreadsheet.activeSheetName, null);
});

test('a trailing slash in the service URL does not double the slash', () => {
  const addon = loadAddon({ properties: { ROLEMAP_SERVICE_URL: ` ${URL}// ` }, responses: [ok()] });
  addon.ctx.recalculate();
  assert.equal(addon.calls[0].url, `${URL}/recalculate`);
});

test('id_token mode (the default) sends Authorization: Bearer <identity token> and no HMAC headers', () => {
  for (const properties of [ID_TOKEN, { ...ID_TOKEN, ROLEMAP_AUTH_MODE: 'id_token' }, { ...ID_TOKEN, ROLEMAP_AUTH_MODE: ' ID_TOKEN ' }]) {
    const addon = loadAddon({ properties, identityToken: 'eyJ.token.sig', responses: [ok()] });
    addon.ctx.recalculate();
    assert.deepEqual({ ...addon.calls[0].headers }, { Authorization: 'Bearer eyJ.token.sig' });
  }
});

test('id_token mode without a token explains instead of calling the service', () => {
  const addon = loadAddon({ properties: ID_TOKEN, identityToken: null, responses: [] });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.kind, 'no_token');
  assert.equal(addon.calls.length, 0);
  assert.match(addon.alerts[0].message, /sign-in token/);
});

test('hmac mode signs "<timestamp>.<raw body>" with lowercase hex and sends no Authorization', () => {
  const addon = loadAddon({ properties: HMAC, responses: [ok()] });
  const before = Math.floor(Date.now() / 1000);
  addon.ctx.recalculate();
  const after = Math.floor(Date.now() / 1000);
  const { headers, payload } = addon.calls[0];
  assert.deepEqual(Object.keys(headers).sort(), ['X-Rolemap-Signature', 'X-Rolemap-Timestamp']);
  const ts = headers['X-Rolemap-Timestamp'];
  assert.match(ts, /^\d{10}$/);
  assert.ok(Number(ts) >= before && Number(ts) <= after);
  const expected = crypto.createHmac('sha256', 's3cret').update(`${ts}.${payload}`).digest('hex');
  assert.equal(headers['X-Rolemap-Signature'], expected);
  assert.match(headers['X-Rolemap-Signature'], /^[0-9a-f]{64}$/);
});

// ---- failures --------------------------------------------------------------------------

function failOnce({ locale = 'en_US', properties = ID_TOKEN, response, userEmail }) {
  const addon = loadAddon({ locale, properties, responses: response === undefined ? [] : [response], userEmail });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.ok, false);
  assert.equal(addon.toasts.length, 0, 'no success toast on failure');
  assert.equal(addon.alerts.length, 1, 'exactly one alert');
  assert.equal(addon.spreadsheet.activeSheetName, null);
  return { addon, outcome, alert: addon.alerts[0] };
}

test('no service URL: says which Script Property to set, and makes no request', () => {
  for (const properties of [{}, { ROLEMAP_SERVICE_URL: '   ' }]) {
    const { addon, outcome, alert } = failOnce({ properties });
    assert.equal(outcome.kind, 'no_url');
    assert.equal(addon.calls.length, 0);
    assert.equal(alert.title, 'Recalculation did not run');
    assert.match(alert.message, /ROLEMAP_SERVICE_URL/);
    assert.match(alert.message, /Script Properties/);
  }
  const ru = failOnce({ locale: 'ru_RU', properties: {} });
  assert.equal(ru.alert.title, 'Пересчёт не выполнен');
  assert.match(ru.alert.message, /Адрес сервиса Rolemap ещё не указан/);
  assert.match(ru.alert.message, /ROLEMAP_SERVICE_URL/);
  assert.match(ru.alert.message, /Свойства скрипта/);
});

test('configuration mistakes: bad URL, unknown auth mode, hmac without a secret', () => {
  let r = failOnce({ properties: { ROLEMAP_SERVICE_URL: 'rolemap.example.test' } });
  assert.equal(r.outcome.kind, 'bad_url');
  assert.match(r.alert.message, /ROLEMAP_SERVICE_URL.*"rolemap\.example\.test"/);
  r = failOnce({ properties: { ...ID_TOKEN, ROLEMAP_AUTH_MODE: 'password' } });
  assert.equal(r.outcome.kind, 'bad_mode');
  assert.match(r.alert.message, /ROLEMAP_AUTH_MODE.*"password"/);
  r = failOnce({ properties: { ...HMAC, ROLEMAP_HMAC_SECRET: '' } });
  assert.equal(r.outcome.kind, 'no_secret');
  assert.match(r.alert.message, /ROLEMAP_HMAC_SECRET/);
  assert.equal(r.addon.calls.length, 0);
});

test('401: says who to ask and quotes the service message', () => {
  const { alert, outcome } = failOnce({ response: serviceError(401, 'unauthorized', 'Token expired.') });
  assert.equal(outcome.kind, 'unauthorized');
  assert.match(alert.message, /could not confirm who you are/);
  assert.match(alert.message, /person who deployed Rolemap, or your CMO/);
  assert.match(alert.message, /Details from the service: Token expired\./);

  const ru = failOnce({ locale: 'ru_RU', response: serviceError(401, 'unauthorized', 'Bad signature.') });
  assert.match(ru.alert.message, /не смог подтвердить, кто вы/);
  assert.match(ru.alert.message, /того, кто развернул Rolemap, или директора по маркетингу/);
  assert.match(ru.alert.message, /Подробности от сервиса: Bad signature\./);
});

test('403: names the account, says who to ask, quotes the service message', () => {
  const { alert, outcome } = failOnce({
    userEmail: 'maria@shop.example',
    response: serviceError(403, 'forbidden', 'maria@shop.example is not in the allow-list.'),
  });
  assert.equal(outcome.kind, 'forbidden');
  assert.match(alert.message, /Your account \(maria@shop\.example\) is not allowed to recalculate this sheet/);
  assert.match(alert.message, /person who deployed Rolemap, or your CMO/);
  assert.match(alert.message, /Details from the service: maria@shop\.example is not in the allow-list\./);

  const noEmail = failOnce({ userEmail: '', response: serviceError(403, 'forbidden', 'Sheet not allowed.') });
  assert.match(noEmail.alert.message, /^Your account is not allowed/);

  const ru = failOnce({ locale: 'ru_RU', userEmail: 'maria@shop.example', response: serviceError(403, 'forbidden', 'x') });
  assert.match(ru.alert.message, /Вашему аккаунту \(maria@shop\.example\) не разрешено/);
  assert.match(ru.alert.message, /директора по маркетингу/);
});

test('403 with a non-JSON body still explains, without a details line', () => {
  const { alert } = failOnce({ response: { status: 403, body: '<html>Forbidden</html>' } });
  assert.match(alert.message, /not allowed/);
  assert.doesNotMatch(alert.message, /Details/);
  assert.doesNotMatch(alert.message, /<html>/);
});

test('409: already running', () => {
  const { alert, outcome } = failOnce({ response: serviceError(409, 'already_running', 'Recalculation already running.') });
  assert.equal(outcome.kind, 'busy');
  assert.match(alert.message, /already running/);
  const ru = failOnce({ locale: 'ru_RU', response: serviceError(409, 'already_running', 'x') });
  assert.match(ru.alert.message, /Пересчёт этой таблицы уже идёт/);
});

test('429: too many recalculations, wait a minute', () => {
  const { alert, outcome } = failOnce({ response: serviceError(429, 'rate_limited', 'Limit 6 per minute.') });
  assert.equal(outcome.kind, 'rate_limited');
  assert.match(alert.message, /Too many recalculations/);
  assert.match(alert.message, /Wait a minute/);
  assert.match(alert.message, /Limit 6 per minute/);
  const ru = failOnce({ locale: 'ru_RU', response: serviceError(429, 'rate_limited', 'x') });
  assert.match(ru.alert.message, /Слишком много пересчётов/);
  assert.match(ru.alert.message, /Подождите минуту/);
});

test('5xx (500, 502, 503): Google API or service failure, try later', () => {
  for (const status of [500, 502, 503]) {
    const { alert, outcome } = failOnce({ response: serviceError(status, 'sheets_api', 'Sheets API unavailable.') });
    assert.equal(outcome.kind, 'server');
    assert.match(alert.message, new RegExp(`Google Sheets API failed this time \\(HTTP ${status}\\)`));
    assert.match(alert.message, /try again in a few minutes/);
  }
  const bare = failOnce({ response: { status: 503, body: 'Service Unavailable' } });
  assert.match(bare.alert.message, /HTTP 503/);
  const ru = failOnce({ locale: 'ru_RU', response: { status: 500, body: '' } });
  assert.match(ru.alert.message, /Google Sheets API сейчас дал сбой \(HTTP 500\)/);
});

test('network unreachable (fetch throws): names the URL and what to check', () => {
  const { alert, outcome } = failOnce({ response: { error: 'Address unavailable: https://rolemap.example.test/recalculate' } });
  assert.equal(outcome.kind, 'network');
  assert.match(alert.message, /Could not reach the Rolemap service at https:\/\/rolemap\.example\.test\./);
  assert.match(alert.message, /internet connection/);
  assert.match(alert.message, /Details: Exception: Address unavailable/);
  const ru = failOnce({ locale: 'ru_RU', response: { error: 'DNS error' } });
  assert.match(ru.alert.message, /Не удалось связаться с сервисом Rolemap/);
});

test('other statuses: 400, 404 and odd ones are still explained', () => {
  let r = failOnce({ response: serviceError(400, 'bad_request', 'Malformed spreadsheet ID.') });
  assert.equal(r.outcome.kind, 'bad_request');
  assert.match(r.alert.message, /Malformed spreadsheet ID/);
  r = failOnce({ response: { status: 404, body: 'Not Found' } });
  assert.equal(r.outcome.kind, 'not_found');
  assert.match(r.alert.message, /ROLEMAP_SERVICE_URL/);
  r = failOnce({ response: { status: 418, body: '' } });
  assert.equal(r.outcome.kind, 'unexpected');
  assert.match(r.alert.message, /HTTP 418/);
  r = failOnce({ response: { status: 200, body: '<html>login page</html>' } });
  assert.equal(r.outcome.kind, 'bad_response');
});

test('a very long service message is clipped in the alert', () => {
  const { alert } = failOnce({ response: serviceError(403, 'forbidden', 'x'.repeat(2000)) });
  assert.ok(alert.message.length < 1000);
  assert.match(alert.message, /…$/);
});

test('no alert text is left with an unfilled {placeholder}', () => {
  const responses = [401, 403, 409, 429, 500, 503, 400, 404, 418].map((s) => serviceError(s, 'c', 'm'));
  for (const locale of ['en_US', 'ru_RU']) {
    for (const response of [...responses, { error: 'down' }, undefined]) {
      const { alert } = failOnce({ locale, response, properties: response === undefined ? {} : ID_TOKEN });
      assert.doesNotMatch(alert.message, /\{\w+\}/);
      assert.doesNotMatch(alert.title, /\{\w+\}/);
    }
  }
});
