'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadAddon, ADDON_DIR } = require('./harness');
const { URL, sampleResult, ok, serviceError } = require('./fixtures');

const PROPS = { ROLEMAP_SERVICE_URL: URL };

test('Preview posts dry_run: true and shows a modal dialog with counts and top decisions', () => {
  const addon = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ dry_run: true }))] });
  const outcome = addon.ctx.previewRecalculation();
  assert.equal(outcome.ok, true);
  assert.equal(addon.calls[0].payload, '{"spreadsheet_id":"test-spreadsheet-id","dry_run":true}');
  assert.equal(addon.dialogs.length, 1);
  const dialog = addon.dialogs[0];
  assert.equal(dialog.kind, 'modal');
  assert.equal(dialog.title, 'Preview (dry run) — nothing was written');
  assert.ok(dialog.width > 0 && dialog.height > 0);
  const html = dialog.html;
  assert.match(html, /2 stop flags, 5 checks \(2 errors, 2 warnings\)/);
  assert.match(html, /As of: 2026-11-25/);
  // Stop comes before Review, whatever order the service used.
  assert.ok(html.indexOf('Yandex Direct') < html.indexOf('Email'));
  assert.match(html, /<span class="tag">Stop<\/span>/);
  assert.match(html, /CPA 4,200 &gt; 3,000 · 3 d in a row · since 2026-11-18/);
  assert.match(html, /Unsubscribe rate 1\.2% &gt; 0\.5%/);
  assert.match(html, /Channels, row 7, Owner/);
  assert.match(html, /CHANNEL_NO_OWNER/);
  assert.doesNotMatch(html, /VANITY_KPI/, 'only error-level checks are listed');
  // Preview never touches the sheet.
  assert.equal(addon.toasts.length, 0);
  assert.equal(addon.spreadsheet.activeSheetName, null);
  assert.equal(addon.alerts.length, 0);
});

test('Preview escapes every value coming from the sheet', () => {
  const evil = '<img src=x onerror="alert(1)">&\'';
  const body = sampleResult({
    as_of: '<b>2026</b>',
    flags: [{ channel: evil, owner: '<script>x()</script>', metric: 'cpa', condition: '>', threshold: 1, last_value: 2, action: 'stop"><i>' }],
    checks: [{ severity: 'error', code: '<C>', tab: 'T', row: 2, column: '<col>', message: evil, fix: '</td></tr></table>' }],
  });
  const addon = loadAddon({ properties: PROPS, responses: [ok(body)] });
  addon.ctx.previewRecalculation();
  const html = addon.dialogs[0].html;
  assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;'));
  assert.ok(html.includes('&lt;script&gt;x()&lt;/script&gt;'));
  assert.ok(html.includes('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;'));
  assert.ok(html.includes('&lt;b&gt;2026&lt;/b&gt;'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<script'));
  assert.ok(!html.includes('<i>'));
  assert.match(html, /<tr class="other">/, 'an unknown action code never reaches the class attribute');
});

test('Preview in Russian', () => {
  const addon = loadAddon({ locale: 'ru_RU', properties: PROPS, responses: [ok()] });
  addon.ctx.previewRecalculation();
  const { title, html } = addon.dialogs[0];
  assert.equal(title, 'Предпросмотр (без записи) — в таблицу ничего не записано');
  assert.match(html, /<html lang="ru">/);
  assert.match(html, /2 стоп-флага, 5 проверок \(2 ошибки, 2 предупреждения\)/);
  assert.match(html, /CPA 4\u00a0200 &gt; 3\u00a0000 · 3 дн\. подряд · с 2026-11-18/);
  assert.match(html, /<span class="tag">Стоп<\/span>/);
  assert.match(html, /<span class="tag">Разобрать<\/span>/);
  assert.match(html, /Channels, строка 7, Owner/);
  assert.match(html, /Закрыть/);
});

test('Preview leaves out the flags the CMO has already snoozed or overridden', () => {
  const decisions = [
    { row: 2, proposed: 'stop', channel: 'yandex  direct', about: 'CPA too high', status: 'open', decision: 'snooze', until: '2026-11-30', holds: true },
    { row: 3, proposed: 'review', channel: 'Email', about: 'Unsubscribes', status: 'open', decision: 'snooze', until: '2026-11-20', holds: false },
    { row: 4, proposed: 'conflict', channel: null, about: 'OWN-CONFLICT', status: 'open', decision: 'override', until: null, holds: true },
  ];
  const addon = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ decisions }))] });
  addon.ctx.previewRecalculation();
  const html = addon.dialogs[0].html;
  assert.match(html, /2 stop flags, 5 checks/, 'the counts still say what fired');
  assert.doesNotMatch(html, /Yandex Direct/, 'a snooze in force keeps its flag out, names compared as the service does');
  assert.match(html, /Email/, 'a snooze whose date has passed does not');
  assert.match(html, /Already decided \(snoozed or overridden\), not listed: 1\./);

  const ru = loadAddon({ locale: 'ru_RU', properties: PROPS, responses: [ok(sampleResult({ decisions }))] });
  ru.ctx.previewRecalculation();
  assert.match(ru.dialogs[0].html, /Уже решено \(отложено или отклонено\), здесь не показано: 1\./);

  const older = loadAddon({ properties: PROPS, responses: [ok(sampleResult())] });
  older.ctx.previewRecalculation();
  assert.doesNotMatch(older.dialogs[0].html, /Already decided/, 'no decisions sent: nothing is held');
});

test('Preview with nothing to show says so, and caps long lists', () => {
  const empty = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ flags: [], checks: [] }))] });
  empty.ctx.previewRecalculation();
  assert.match(empty.dialogs[0].html, /0 stop flags, 0 checks</);
  assert.match(empty.dialogs[0].html, /No stop rule fired\./);
  assert.match(empty.dialogs[0].html, /No errors in the data\./);

  const many = Array.from({ length: 8 }, (_, i) => ({ channel: `Ch${i}`, action: 'review', metric: 'cpl', last_value: i, condition: '>', threshold: 0 }));
  const addon = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ flags: many }))] });
  addon.ctx.previewRecalculation();
  const html = addon.dialogs[0].html;
  assert.equal((html.match(/<tr class="review">/g) || []).length, 5);
  assert.match(html, /…and 3 more/);
});

test('Preview failures use the same alerts and open no dialog', () => {
  const addon = loadAddon({ properties: PROPS, responses: [serviceError(409, 'already_running', 'busy')] });
  const outcome = addon.ctx.previewRecalculation();
  assert.equal(outcome.kind, 'busy');
  assert.equal(addon.dialogs.length, 0);
  assert.match(addon.alerts[0].message, /already running/);
});

test('Preview.html is self-contained and prints values only through escaping scriptlets', () => {
  const source = fs.readFileSync(path.join(ADDON_DIR, 'Preview.html'), 'utf8');
  assert.doesNotMatch(source, /<\?!=/, 'no raw (unescaped) output');
  assert.doesNotMatch(source, /<link\b|<script\b|@import|url\(|src=/i, 'no external assets');
  assert.doesNotMatch(source, /https?:\/\//i);
});

test('number formatting for people', () => {
  const { ctx } = loadAddon();
  assert.equal(ctx.rolemapFormatNumber_(4200, 'en'), '4,200');
  assert.equal(ctx.rolemapFormatNumber_(4200, 'ru'), '4\u00a0200');
  assert.equal(ctx.rolemapFormatNumber_(1234567.89, 'en'), '1,234,568');
  assert.equal(ctx.rolemapFormatNumber_(12.5, 'ru'), '12,5');
  assert.equal(ctx.rolemapFormatNumber_(3, 'en'), '3');
  assert.equal(ctx.rolemapFormatNumber_(-2.25, 'en'), '−2.25');
  assert.equal(ctx.rolemapFormatNumber_(null, 'en'), '—');
  assert.equal(ctx.rolemapFormatNumber_('inf', 'en'), '∞');
  assert.equal(ctx.rolemapFormatMetricValue_('romi', -0.25, 'en'), '−25%');
  assert.equal(ctx.rolemapFormatMetricValue_('ctr', 0.0123, 'ru'), '1,2%');
  assert.equal(ctx.rolemapFormatMetricValue_('cpa', 'inf', 'en'), '∞');
});

test('Preview shows the stop rules backtest, most frequent first, and hides pairs that never fired', () => {
  const backtest = [
    { rule: 'CPA too high', channel: 'VK', metric: 'cpa', days_fired: 0, episodes: 0, first_fired: null, last_fired: null, spend_on_fired_days: 0, revenue_on_fired_days: 0 },
    { rule: 'CPA too high', channel: 'Yandex Direct', metric: 'cpa', days_fired: 5, episodes: 3, first_fired: '2026-11-02', last_fired: '2026-11-12', spend_on_fired_days: 22300, revenue_on_fired_days: 36000 },
    { rule: 'CTR dropped', channel: 'VK', metric: 'ctr', days_fired: 9, episodes: 2, first_fired: '2026-10-01', last_fired: '2026-11-20', spend_on_fired_days: 4000, revenue_on_fired_days: 0 },
  ];
  const addon = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ dry_run: true, backtest }))] });
  addon.ctx.previewRecalculation();
  const html = addon.dialogs[0].html;
  assert.match(html, /Stop rules on your history/);
  assert.match(html, /on 5 d in 3 episode\(s\), 2026-11-02 – 2026-11-12/);
  assert.match(html, /22,300/);
  assert.ok(html.indexOf('CTR dropped') < html.indexOf('on 5 d in 3'), 'most frequent first');
  assert.equal((html.match(/episode\(s\)/g) || []).length, 2, 'a pair that never fired is not listed');
});

test('Preview backtest speaks Russian and says so when no rule would have fired', () => {
  const backtest = [
    { rule: 'Дорогой лид', channel: 'VK', metric: 'cpl', days_fired: 0, episodes: 0, first_fired: null, last_fired: null, spend_on_fired_days: 0, revenue_on_fired_days: 0 },
  ];
  const model = loadAddon({ properties: PROPS }).ctx.rolemapPreviewModel_(sampleResult({ backtest }), 'ru');
  assert.equal(model.labels.backtestHeading, 'Стоп-правила на вашей истории');
  assert.deepEqual(model.backtest.rows, []);
  assert.equal(model.labels.noBacktest, 'На всей истории «По дням» ни одно правило не сработало бы.');
});

test('Preview without a backtest in the response shows no backtest section', () => {
  const addon = loadAddon({ properties: PROPS, responses: [ok(sampleResult({ dry_run: true }))] });
  addon.ctx.previewRecalculation();
  assert.doesNotMatch(addon.dialogs[0].html, /Stop rules on your history/);
});
