'use strict';
/**
 * Notify owners: after a written recalculation the add-on e-mails the service's `notifications`
 * with MailApp, once each, only when switched on; the daily quota and bad addresses never break
 * the recalculation.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon } = require('./harness');
const { URL, sampleResult, ok } = require('./fixtures');

const PROPS = { ROLEMAP_SERVICE_URL: URL };
const ON = { ROLEMAP_NOTIFY_OWNERS: 'on' };
const DIGESTS = [
  { to: 'maria@example.com', subject: 'Rolemap, 2026-11-25: 1 item(s) for Maria', text: 'For the CMO: channels to stop:\n1. Stop "Yandex Direct"' },
  { to: 'anna@example.com', subject: 'Rolemap, 2026-11-25: 1 item(s) for Anna', text: 'New stop flags on your channels:\n1. Stop "Yandex Direct"' },
];
const withDigests = (notifications = DIGESTS, extra = {}) => ok(sampleResult({ notifications, ...extra }));
const plain = (v) => JSON.parse(JSON.stringify(v));

test('notifications are off until someone turns them on: nothing is e-mailed', () => {
  const addon = loadAddon({ properties: PROPS, responses: [withDigests()] });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.ok, true);
  assert.deepEqual(addon.mails, []);
  assert.equal(addon.toasts[0].message, '2 stop flags, 5 checks — see CMO summary');
});

test('switched on: one e-mail per digest, as the service wrote it, and the toast says so', () => {
  const addon = loadAddon({ properties: PROPS, documentProperties: ON, responses: [withDigests()] });
  const outcome = addon.ctx.recalculate();
  assert.deepEqual(plain(outcome.notified), { sent: 2, failed: 0 });
  assert.deepEqual(
    addon.mails.map((m) => [m.to, m.subject, m.body, m.name]),
    DIGESTS.map((d) => [d.to, d.subject, d.text, 'Rolemap']),
  );
  assert.equal(addon.toasts[0].message, '2 stop flags, 5 checks — see CMO summary · 2 e-mails to owners');
});

test('a second run whose answer has no news sends nothing more', () => {
  const addon = loadAddon({ properties: PROPS, documentProperties: ON, responses: [withDigests(), withDigests([])] });
  addon.ctx.recalculate();
  addon.ctx.recalculate();
  assert.equal(addon.mails.length, 2);
  assert.equal(addon.toasts[1].message, '2 stop flags, 5 checks — see CMO summary');
});

test('a preview (dry run) never e-mails, even when switched on', () => {
  const addon = loadAddon({
    properties: PROPS,
    documentProperties: ON,
    responses: [withDigests(DIGESTS, { dry_run: true })],
  });
  addon.ctx.previewRecalculation();
  assert.deepEqual(addon.mails, []);
});

test('the daily MailApp quota is the limit: what does not fit is counted, not thrown', () => {
  const addon = loadAddon({ properties: PROPS, documentProperties: ON, mailQuota: 1, responses: [withDigests()] });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.ok, true);
  assert.deepEqual(plain(outcome.notified), { sent: 1, failed: 1 });
  assert.deepEqual(addon.mails.map((m) => m.to), ['maria@example.com']);
  assert.match(addon.toasts[0].message, /· 1 e-mail to owners, 1 not sent \(see Help\)$/);
});

test('a refused address is skipped and logged; the others still go', () => {
  const addon = loadAddon({
    properties: PROPS,
    documentProperties: ON,
    mailFailsTo: ['maria@example.com'],
    responses: [withDigests([...DIGESTS, { to: null, subject: 's', text: 't' }])],
  });
  const outcome = addon.ctx.recalculate();
  assert.deepEqual(plain(outcome.notified), { sent: 1, failed: 1 });
  assert.deepEqual(addon.mails.map((m) => m.to), ['anna@example.com']);
  assert.ok(addon.logs.some((l) => l.message.includes('could not e-mail maria@example.com')));
});

test('the daily trigger e-mails too, without any dialog', () => {
  const addon = loadAddon({ properties: PROPS, documentProperties: ON, responses: [withDigests()] });
  addon.ctx.dailyRecalculate();
  assert.equal(addon.mails.length, 2);
  assert.deepEqual(addon.alerts, []);
  assert.ok(addon.logs.some((l) => l.message.includes('2 e-mails sent')));
});

test('the menu item toggles a per-sheet Document Property and explains the quota', () => {
  const addon = loadAddon({ properties: PROPS });
  assert.equal(addon.ctx.toggleNotifyOwners(), true);
  assert.equal(addon.documentProperties.ROLEMAP_NOTIFY_OWNERS, 'on');
  assert.match(addon.alerts[0].message, /daily e-mail quota/);
  assert.equal(addon.ctx.toggleNotifyOwners(), false);
  assert.equal(addon.documentProperties.ROLEMAP_NOTIFY_OWNERS, undefined);

  const ru = loadAddon({ locale: 'ru_RU', properties: PROPS });
  ru.ctx.toggleNotifyOwners();
  assert.match(ru.alerts[0].message, /дневной квоты писем Apps Script/);
});

test('Help names the MailApp daily quota in both languages', () => {
  for (const [locale, pattern] of [['en_US', /daily MailApp quota is the limit/], ['ru_RU', /дневной квотой MailApp/]]) {
    const addon = loadAddon({ locale, properties: PROPS });
    addon.ctx.showHelp();
    assert.match(addon.alerts[0].message, pattern);
  }
});

test('Russian toast counts letters in Russian', () => {
  const addon = loadAddon({ locale: 'ru_RU', properties: PROPS, documentProperties: ON, responses: [withDigests()] });
  addon.ctx.recalculate();
  assert.match(addon.toasts[0].message, / · владельцам: 2 письма$/);
});
