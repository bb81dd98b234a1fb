'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ADDON_DIR, listSources } = require('./harness');

const read = (name) => fs.readFileSync(path.join(ADDON_DIR, name), 'utf8');
const manifest = JSON.parse(read('appsscript.json'));

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.send_mail',
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
];

test('manifest: V8, Stackdriver logging, a time zone', () => {
  assert.equal(manifest.runtimeVersion, 'V8');
  assert.equal(manifest.exceptionLogging, 'STACKDRIVER');
  assert.ok(manifest.timeZone);
});

test('manifest: exactly the scopes the code needs, each justified in the README', () => {
  assert.deepEqual([...manifest.oauthScopes].sort(), [...SCOPES].sort());
  const readme = read('README.md');
  for (const scope of SCOPES) assert.ok(readme.includes(scope), `README does not justify ${scope}`);
});

test('no broad scopes and no service the scopes would not cover', () => {
  assert.ok(!manifest.oauthScopes.includes('https://www.googleapis.com/auth/spreadsheets'));
  const code = listSources().map(read).join('\n');
  // Services that would need more scopes than the manifest grants (MailApp is covered by
  // script.send_mail, which can only send, never read the user's mail).
  for (const service of ['DriveApp', 'GmailApp', 'CalendarApp', 'DocumentApp', 'openById', 'openByUrl']) {
    assert.ok(!code.includes(service), `${service} would need another scope`);
  }
});

test('.clasp.json.example points clasp at this folder; .claspignore keeps tests out of the push', () => {
  const clasp = JSON.parse(read('.clasp.json.example'));
  assert.equal(clasp.rootDir, '.');
  assert.ok(clasp.scriptId);
  const ignore = read('.claspignore');
  assert.match(ignore, /^\*\*\/\*\*$/m);
  assert.match(ignore, /^!\*\.gs$/m);
  assert.match(ignore, /^!\*\.html$/m);
  assert.match(ignore, /^!appsscript\.json$/m);
});
