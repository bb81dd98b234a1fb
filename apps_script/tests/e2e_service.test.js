'use strict';
/**
 * The whole chain, for real: the Recalculate menu handler → UrlFetchApp (real HTTP) → the Flask
 * service (`rolemap serve`, hmac mode) → the Sheets API emulator (`python -m sheets_emulator`), then the
 * emulator's sheet state and the toast. Both servers run as separate processes on 127.0.0.1
 * because the harness's synchronous fetch blocks this one.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { loadAddon } = require('./harness');
const { BIN, freePort, skip, start, waitFor } = require('./servers');

const SECRET = 'e2e-secret-not-for-production';
const SHEET_ID = 'e2e-sheet';


test('Recalculate from the menu recalculates the sheet through the real service', { skip, timeout: 60000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolemap-e2e-'));
  const seed = path.join(dir, 'seed.xlsx');
  execFileSync(path.join(BIN, 'python'), [
    '-c',
    'import sys, datetime as dt\n' +
      'from rolemap.adapters.xlsx_template import write_grids\n' +
      'from rolemap.demo import build_demo\n' +
      'write_grids(sys.argv[1], build_demo("en", dt.date(2026, 11, 25)))',
    seed,
  ]);
  const [emuPort, apiPort] = [await freePort(), await freePort()];
  const emulator = start('python', ['-m', 'sheets_emulator', '--port', String(emuPort), '--seed', seed, '--id', SHEET_ID]);
  const service = start('rolemap', ['serve', '--port', String(apiPort)], {
    ROLEMAP_AUTH_MODE: 'hmac',
    ROLEMAP_HMAC_SECRET: SECRET,
    ROLEMAP_SHEETS_API_URL: `http://127.0.0.1:${emuPort}`,
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
  await fetch(`${emu}/_emulator/requests`, { method: 'DELETE' });

  const addon = loadAddon({
    fetchMode: 'real',
    spreadsheetId: SHEET_ID,
    properties: {
      ROLEMAP_SERVICE_URL: `http://127.0.0.1:${apiPort}`,
      ROLEMAP_AUTH_MODE: 'hmac',
      ROLEMAP_HMAC_SECRET: SECRET,
    },
  });
  const started = Date.now();
  addon.ctx.recalculate();
  const wallMs = Date.now() - started;
  t.diagnostic(`menu → service → emulator → toast: ${wallMs} ms`);

  assert.deepEqual(addon.alerts, [], `unexpected alert; service said: ${service.stderrText()}`);
  assert.equal(addon.calls.length, 1);
  assert.equal(addon.calls[0].response.status, 200);
  const payload = JSON.parse(addon.calls[0].response.body);
  assert.equal(payload.spreadsheet_id, SHEET_ID);
  assert.equal(payload.api_requests, 3);
  const flags = payload.flags.length;
  const checks = payload.checks.length;
  assert.ok(flags >= 2, 'the demo plants at least two flags');
  assert.equal(addon.toasts.length, 1);
  assert.equal(addon.toasts[0].message, `${flags} stop flags, ${checks} checks — see CMO summary`);
  assert.equal(addon.spreadsheet.activeSheetName, 'CMO summary');

  const log = await (await fetch(`${emu}/_emulator/requests`)).json();
  assert.equal(log.length, 3);
  assert.deepEqual(log.map((r) => r.kind), ['read', 'read', 'write']);

  const state = await (await fetch(`${emu}/_emulator/spreadsheets/${SHEET_ID}`)).json();
  const byTitle = Object.fromEntries(state.sheets.map((s) => [s.properties.title, s]));
  for (const title of ['CMO summary', 'Stop flags', 'Checks', 'Run log']) {
    assert.ok(byTitle[title], `${title} was written`);
    assert.equal(byTitle[title].protectedRanges.length, 1);
  }
  // The flags end at the first blank row; the stop-rule backtest block follows it.
  const stopRows = byTitle['Stop flags'].values;
  const blank = stopRows.findIndex((row) => !row || row.every((v) => v === '' || v === null));
  const flagRows = stopRows.slice(1, blank);
  assert.equal(flagRows.length, flags);
  assert.ok(flagRows.some((row) => row[0] === 'Yandex Direct' && row[9] === 'Stop'));
  const channels = byTitle.Channels.values;
  const flagCol = channels[0].indexOf('Flag (auto)');
  assert.ok(flagCol > 0, 'the Flag (auto) column was added');
  const direct = channels.find((row) => row[0] === 'Yandex Direct');
  assert.equal(direct[flagCol], 'STOP');
  assert.equal(byTitle['Run log'].values.length, 2);
});
