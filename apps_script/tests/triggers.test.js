'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon } = require('./harness');
const { URL, ok, serviceError } = require('./fixtures');

const PROPS = { ROLEMAP_SERVICE_URL: URL };

test('toggle on installs one daily trigger at 7 in the sheet time zone, and says so', () => {
  const addon = loadAddon({ properties: PROPS, timeZone: 'Europe/Moscow' });
  assert.equal(addon.ctx.toggleDailyRecalculate(), true);
  assert.equal(addon.triggers.length, 1);
  const t = addon.triggers[0];
  assert.equal(t.getHandlerFunction(), 'dailyRecalculate');
  assert.equal(t.everyDays, 1);
  assert.equal(t.atHour, 7);
  assert.equal(t.timeZone, 'Europe/Moscow');
  assert.equal(addon.alerts.length, 1);
  assert.match(addon.alerts[0].message, /Daily auto-recalculate is on/);
  assert.match(addon.alerts[0].message, /between 7:00 and 8:00 \(Europe\/Moscow\)/);
});

test('turning on twice keeps one trigger; off removes it; off again stays at zero', () => {
  const addon = loadAddon({ properties: PROPS });
  addon.ctx.rolemapEnableDaily_('Etc/UTC');
  addon.ctx.rolemapEnableDaily_('Etc/UTC');
  assert.equal(addon.triggers.length, 1);
  assert.equal(addon.ctx.rolemapDisableDaily_(), 1);
  assert.equal(addon.triggers.length, 0);
  assert.equal(addon.ctx.rolemapDisableDaily_(), 0);
  assert.equal(addon.triggers.length, 0);
});

test('the menu toggle alternates on/off and never makes two triggers', () => {
  const addon = loadAddon({ properties: PROPS, locale: 'ru_RU' });
  const states = [];
  for (let i = 0; i < 5; i++) {
    states.push(addon.ctx.toggleDailyRecalculate());
    assert.ok(addon.triggers.length <= 1);
    assert.equal(addon.triggers.length, states[i] ? 1 : 0);
  }
  assert.deepEqual(states, [true, false, true, false, true]);
  assert.match(addon.alerts[0].message, /Ежедневный пересчёт включён/);
  assert.match(addon.alerts[1].message, /Ежедневный пересчёт выключен/);
  assert.equal(addon.alerts[0].title, 'Ежедневный пересчёт');
});

test('duplicates left by someone else are cleaned up: on keeps one, toggle turns all off', () => {
  const addon = loadAddon({ properties: PROPS });
  const { ScriptApp } = addon.ctx;
  ScriptApp.newTrigger('dailyRecalculate').timeBased().everyDays(1).atHour(7).create();
  ScriptApp.newTrigger('dailyRecalculate').timeBased().everyDays(1).atHour(9).create();
  ScriptApp.newTrigger('somethingElse').timeBased().everyHours(1).create();
  addon.ctx.rolemapEnableDaily_('Etc/UTC');
  assert.equal(addon.triggers.filter((t) => t.handler === 'dailyRecalculate').length, 1);
  assert.equal(addon.ctx.toggleDailyRecalculate(), false);
  assert.deepEqual(addon.triggers.map((t) => t.handler), ['somethingElse'], 'other triggers are left alone');
});

test('turning on without a service URL explains the setup problem and installs nothing', () => {
  const addon = loadAddon({ properties: {} });
  assert.equal(addon.ctx.toggleDailyRecalculate(), false);
  assert.equal(addon.triggers.length, 0);
  assert.match(addon.alerts[0].message, /ROLEMAP_SERVICE_URL/);
});

test('turning off works even when the configuration is broken', () => {
  const addon = loadAddon({ properties: {} });
  addon.ctx.rolemapEnableDaily_('Etc/UTC');
  assert.equal(addon.ctx.toggleDailyRecalculate(), false);
  assert.equal(addon.triggers.length, 0);
  assert.match(addon.alerts[0].message, /is off/);
});

test('dailyRecalculate runs without any UI and logs the result', () => {
  const addon = loadAddon({ properties: PROPS, responses: [ok()] });
  const outcome = addon.ctx.dailyRecalculate();
  assert.equal(outcome.ok, true);
  assert.equal(addon.calls.length, 1);
  assert.equal(addon.calls[0].json.dry_run, false);
  assert.equal(addon.alerts.length + addon.toasts.length + addon.dialogs.length, 0);
  assert.match(addon.logs.at(-1).message, /done: 2 flags, 5 checks/);
});

test('dailyRecalculate failures are logged, not shown and not thrown', () => {
  for (const response of [serviceError(429, 'rate_limited', 'Slow down.'), { error: 'DNS error' }]) {
    const addon = loadAddon({ properties: PROPS, responses: [response] });
    const outcome = addon.ctx.dailyRecalculate();
    assert.equal(outcome.ok, false);
    assert.equal(addon.alerts.length + addon.toasts.length + addon.dialogs.length, 0);
    assert.match(addon.logs.at(-1).message, /failed: (rate_limited \(HTTP 429\) Slow down\.|network \(HTTP -\) .*DNS error)/);
  }
  const noUrl = loadAddon({ properties: {} });
  assert.equal(noUrl.ctx.dailyRecalculate().kind, 'no_url');
  assert.equal(noUrl.alerts.length, 0);
});
