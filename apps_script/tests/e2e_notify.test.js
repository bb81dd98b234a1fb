'use strict';
/**
 * Notify owners, for real: Recalculate from the menu → the Flask service (hmac) → the Sheets API
 * emulator, and the add-on's MailApp sends built from the service's own `notifications`.
 * A new Stop e-mails its owner and the CMO once each; a second run the same day e-mails nobody;
 * with `Remind every (days)` = 1, a run the next day reminds both.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { loadAddon } = require('./harness');
const { BIN, ROOT, freePort, skip, start, waitFor } = require('./servers');

const SECRET = 'e2e-notify-secret';
const SHEET_ID = 'e2e-notify-sheet';


test('Notify owners e-mails the service’s digests once, and reminds the next day', { skip, timeout: 90000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolemap-notify-'));
  const seed = path.join(dir, 'seed.xlsx');
  execFileSync(
    path.join(BIN, 'python'),
    [
      '-c',
      'import sys, datetime as dt\n' +
        'from rolemap.adapters.xlsx_template import write_grids\n' +
        'from tests.unit.notify_sheet import stop_team\n' +
        'sheet = stop_team(remind=1).setting("as_of", dt.date(2026, 11, 25))\n' +
        'write_grids(sys.argv[1], sheet.snapshot().tabs)',
      seed,
    ],
    { cwd: ROOT },
  );
  const [emuPort, apiPort] = [await freePort(), await freePort()];
  const emulator = start('python', ['-m', 'sheets_emulator', '--port', String(emuPort), '--seed', seed, '--id', SHEET_ID]);
  const service = start('rolemap', ['serve', '--port', String(apiPort)], {
    ROLEMAP_AUTH_MODE: 'hmac',
    ROLEMAP_HMAC_SECRET: SECRET,
    ROLEMAP_SHEETS_API_URL: `http://127.0.0.1:${emuPort}`,
    ROLEMAP_SMTP_URL: '',
    ROLEMAP_TELEGRAM_BOT_TOKEN: '',
  });
  t.after(() => {
    emulator.kill();
    service.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const emu = `http://127.0.0.1:${emuPort}`;
  try {
    await waitFor(`${emu}/_emulator/requests`);
    await waitFor(`http://127.0.0.1:${apiPort}/healthz`);
  } catch (e) {
    throw new Error(`${e.message}\nemulator: ${emulator.stderrText()}\nservice: ${service.stderrText()}`);
  }

  const addon = loadAddon({
    fetchMode: 'real',
    spreadsheetId: SHEET_ID,
    documentProperties: { ROLEMAP_NOTIFY_OWNERS: 'on' },
    properties: { ROLEMAP_SERVICE_URL: `http://127.0.0.1:${apiPort}`, ROLEMAP_AUTH_MODE: 'hmac', ROLEMAP_HMAC_SECRET: SECRET },
  });
  const run = () => {
    const outcome = addon.ctx.recalculate();
    assert.deepEqual(addon.alerts, [], `unexpected alert; service said: ${service.stderrText()}`);
    return outcome;
  };

  const first = run();
  assert.equal(first.data.notifications.length, 2);
  assert.deepEqual(addon.mails.map((m) => m.to), ['maria@example.com', 'anna@example.com']);
  assert.equal(addon.mails[1].subject, 'Rolemap, 2026-11-25: 1 item(s) for Anna');
  assert.match(addon.mails[1].body, /New stop flags on your channels:\n1\. Stop "Google Ads"/);
  assert.match(addon.mails[0].body, /For the CMO: channels to stop:/);
  assert.match(addon.toasts[0].message, / · 2 e-mails to owners$/);

  const again = run();
  assert.equal(again.data.notifications.length, 0);
  assert.equal(addon.mails.length, 2);

  // The next day: the team moves `As of` on, as the daily trigger's "today" would.
  const state = await (await fetch(`${emu}/_emulator/spreadsheets/${SHEET_ID}`)).json();
  const settings = state.sheets.find((s) => s.properties.title === 'Settings').values;
  const row = settings.findIndex((r) => r[0] === 'As of') + 1;
  assert.ok(row > 0, 'the seed has an As of row');
  const put = await fetch(
    `${emu}/v4/spreadsheets/${SHEET_ID}/values/${encodeURIComponent(`Settings!B${row}`)}?valueInputOption=RAW`,
    { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ values: [['2026-11-26']] }) },
  );
  assert.equal(put.status, 200, await put.text());

  const nextDay = run();
  assert.equal(nextDay.data.as_of, '2026-11-26');
  assert.deepEqual(addon.mails.slice(2).map((m) => m.to), ['maria@example.com', 'anna@example.com']);
  assert.match(addon.mails[3].body, /Still firing \(reminder\):/);
});
