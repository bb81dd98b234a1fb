'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon } = require('./harness');

const { ctx } = loadAddon();

test('Russian plural forms', () => {
  const forms = ['флаг', 'флага', 'флагов'];
  const say = (n) => `${n} ${ctx.rolemapPluralRu_(n, forms)}`;
  assert.equal(say(1), '1 флаг');
  assert.equal(say(2), '2 флага');
  assert.equal(say(5), '5 флагов');
  assert.equal(say(11), '11 флагов');
  assert.equal(say(21), '21 флаг');
  assert.equal(say(0), '0 флагов');
  assert.equal(say(4), '4 флага');
  assert.equal(say(12), '12 флагов');
  assert.equal(say(14), '14 флагов');
  assert.equal(say(22), '22 флага');
  assert.equal(say(25), '25 флагов');
  assert.equal(say(101), '101 флаг');
  assert.equal(say(111), '111 флагов');
  assert.equal(say(112), '112 флагов');
});

test('counts in both languages', () => {
  assert.equal(ctx.rolemapCount_('en', 1, 'flag'), '1 stop flag');
  assert.equal(ctx.rolemapCount_('en', 0, 'flag'), '0 stop flags');
  assert.equal(ctx.rolemapCount_('en', 2, 'check'), '2 checks');
  assert.equal(ctx.rolemapCount_('ru', 3, 'check'), '3 проверки');
  assert.equal(ctx.rolemapCount_('ru', 21, 'check'), '21 проверка');
  assert.equal(ctx.rolemapCount_('ru', 7, 'error'), '7 ошибок');
});

test('success text', () => {
  assert.equal(ctx.rolemapSuccessText_('en', 2, 5, 'CMO summary'), '2 stop flags, 5 checks — see CMO summary');
  assert.equal(ctx.rolemapSuccessText_('ru', 2, 5, 'Сводка CMO'), '2 стоп-флага, 5 проверок — см. Сводку CMO');
  assert.equal(ctx.rolemapSuccessText_('en', 1, 1, ''), '1 stop flag, 1 check — see CMO summary');
  assert.equal(ctx.rolemapSuccessText_('ru', 11, 21, ''), '11 стоп-флагов, 21 проверка — см. Сводку CMO');
});

test('language from locale', () => {
  assert.equal(ctx.rolemapLangFromLocale_('ru_RU'), 'ru');
  assert.equal(ctx.rolemapLangFromLocale_('ru'), 'ru');
  assert.equal(ctx.rolemapLangFromLocale_('RU_ru'), 'ru');
  assert.equal(ctx.rolemapLangFromLocale_('en_GB'), 'en');
  assert.equal(ctx.rolemapLangFromLocale_('uk_UA'), 'en');
  assert.equal(ctx.rolemapLangFromLocale_(''), 'en');
  assert.equal(ctx.rolemapLangFromLocale_(null), 'en');
});

test('both languages have exactly the same message keys', () => {
  const en = Object.keys(ctx.ROLEMAP_MESSAGES.en).sort();
  const ru = Object.keys(ctx.ROLEMAP_MESSAGES.ru).sort();
  assert.deepEqual(ru, en);
  for (const key of en) {
    const placeholders = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
    assert.equal(placeholders(ctx.ROLEMAP_MESSAGES.ru[key]), placeholders(ctx.ROLEMAP_MESSAGES.en[key]), key);
  }
});

test('format and lookup fall back sensibly', () => {
  assert.equal(ctx.rolemapFormat_('{a} and {b}', { a: 1 }), '1 and {b}');
  assert.equal(ctx.rolemapT_('de', 'menu.title'), 'Marketing');
  assert.equal(ctx.rolemapT_('en', 'no.such.key'), 'no.such.key');
});

test('response classification', () => {
  const kind = (status, body = '') => ctx.rolemapClassifyResponse_(status, body).kind;
  assert.equal(kind(200, '{"flags":[],"checks":[]}'), 'ok');
  assert.equal(kind(200, '{"flags":[]}'), 'bad_response');
  assert.equal(kind(200, 'not json'), 'bad_response');
  assert.equal(kind(400), 'bad_request');
  assert.equal(kind(413), 'bad_request');
  assert.equal(kind(401), 'unauthorized');
  assert.equal(kind(403), 'forbidden');
  assert.equal(kind(404), 'not_found');
  assert.equal(kind(409), 'busy');
  assert.equal(kind(429), 'rate_limited');
  assert.equal(kind(422), 'not_rolemap');
  assert.equal(kind(500), 'server');
  assert.equal(kind(502), 'server');
  assert.equal(kind(503), 'server');
  assert.equal(kind(302), 'unexpected');
  assert.equal(ctx.rolemapClassifyResponse_(403, '{"error":{"code":"forbidden","message":"Nope."}}').serviceMessage, 'Nope.');
  assert.equal(ctx.rolemapClassifyResponse_(403, '{"error":"plain"}').serviceMessage, 'plain');
  assert.equal(ctx.rolemapClassifyResponse_(500, '<html>').serviceMessage, '');
});

test('a sheet without Rolemap tabs (422) says nothing was written, in the sheet language', () => {
  const outcome = ctx.rolemapClassifyResponse_(422, '{"error":{"code":"not_a_rolemap_sheet","message":"X is not a Rolemap sheet."}}');
  const en = ctx.rolemapFailureText_('en', outcome, {});
  assert.match(en.message, /none of the Rolemap tabs .* wrote nothing to it \(HTTP 422\)/s);
  assert.match(en.message, /Details from the service: X is not a Rolemap sheet\./);
  const ru = ctx.rolemapFailureText_('ru', outcome, {});
  assert.match(ru.message, /нет ни одной вкладки Rolemap/);
});
