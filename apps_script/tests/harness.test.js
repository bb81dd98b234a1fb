'use strict';
// The harness's real-HTTP mode, used by the end-to-end test against the Flask service.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { loadAddon, realFetch, listSources } = require('./harness');

// A tiny HTTP server in another process: UrlFetchApp.fetch blocks this one while it waits.
// It answers /recalculate with a §7-like body that echoes what it received; /status/N with N.
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const m = req.url.match(/^\\/status\\/(\\d+)\\/recalculate$/);
    if (m) {
      res.writeHead(Number(m[1]), { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'x', message: 'status ' + m[1] } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      flags: [{ channel: 'A', action: 'stop' }], checks: [],
      echo: { method: req.method, url: req.url, headers: req.headers, body },
    }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

let child;
let base;

test.before(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim()));
    child.once('exit', (code) => reject(new Error(`test server exited ${code}`)));
  });
  base = `http://127.0.0.1:${port}`;
});

test.after(() => {
  if (child) child.kill();
});

async function closedPort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

test('real mode: Recalculate makes a real signed POST and shows the toast', () => {
  const secret = 'real-mode-secret';
  const addon = loadAddon({
    fetchMode: 'real',
    properties: { ROLEMAP_SERVICE_URL: base, ROLEMAP_AUTH_MODE: 'hmac', ROLEMAP_HMAC_SECRET: secret },
    spreadsheetId: 'sheet-123',
  });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.ok, true, JSON.stringify(outcome));
  const echo = outcome.data.echo;
  assert.equal(echo.method, 'POST');
  assert.equal(echo.url, '/recalculate');
  assert.equal(echo.headers['content-type'], 'application/json');
  assert.equal(echo.body, '{"spreadsheet_id":"sheet-123","dry_run":false}');
  const ts = echo.headers['x-rolemap-timestamp'];
  assert.equal(
    echo.headers['x-rolemap-signature'],
    crypto.createHmac('sha256', secret).update(`${ts}.${echo.body}`).digest('hex'),
  );
  assert.equal(addon.toasts[0].message, '1 stop flag, 0 checks — see CMO summary');
  assert.equal(addon.calls[0].response.status, 200);
});

test('real mode: HTTP errors come back as responses (muteHttpExceptions) and become alerts', () => {
  const addon = loadAddon({ fetchMode: 'real', properties: { ROLEMAP_SERVICE_URL: `${base}/status/429` } });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.kind, 'rate_limited');
  assert.equal(outcome.serviceMessage, 'status 429');
  assert.match(addon.alerts[0].message, /Too many recalculations/);
});

test('real mode: an unreachable service makes fetch throw, shown as the network alert', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const addon = loadAddon({ fetchMode: 'real', locale: 'ru_RU', properties: { ROLEMAP_SERVICE_URL: url } });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.kind, 'network');
  assert.match(addon.alerts[0].message, /Не удалось связаться с сервисом Rolemap/);
  assert.ok(addon.calls[0].response.error);
});

test('realFetch returns the status and body of an error response', () => {
  const res = realFetch(`${base}/status/503/recalculate`, { method: 'post', payload: '{}', contentType: 'application/json' });
  assert.equal(res.status, 503);
  assert.equal(JSON.parse(res.body).error.message, 'status 503');
});

test('fake mode: a fetch without a scripted response fails loudly', () => {
  const addon = loadAddon({ properties: { ROLEMAP_SERVICE_URL: 'https://x.test' } });
  assert.throws(() => addon.ctx.UrlFetchApp.fetch('https://x.test/recalculate', { method: 'post' }), /no scripted response/);
});

test('fake mode: responses may be a function of the request', () => {
  const addon = loadAddon({
    properties: { ROLEMAP_SERVICE_URL: 'https://x.test' },
    responses: (req) => ({ status: 200, body: { flags: [], checks: [], seen: req.json } }),
  });
  const outcome = addon.ctx.recalculate();
  assert.equal(outcome.data.seen.spreadsheet_id, 'test-spreadsheet-id');
});

test('every .gs file is loaded', () => {
  assert.deepEqual(listSources(), ['Client.gs', 'Help.gs', 'Menu.gs', 'Messages.gs', 'Notify.gs', 'Preview.gs', 'Recalculate.gs', 'Triggers.gs', 'Ui.gs']);
});
