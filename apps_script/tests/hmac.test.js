'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { loadAddon } = require('./harness');

// Shared with the Python verifier's tests: both sides must produce this exact signature.
const VECTOR_FILE = path.resolve(__dirname, '..', '..', 'tests', 'vectors', 'hmac.json');
const vector = JSON.parse(fs.readFileSync(VECTOR_FILE, 'utf8'));

test('the shared vector is self-consistent under node:crypto', () => {
  const hex = crypto.createHmac('sha256', vector.secret).update(`${vector.timestamp}.${vector.body}`).digest('hex');
  assert.equal(hex, vector.signature);
  assert.match(vector.signature, /^[0-9a-f]{64}$/);
});

test('the .gs signature code reproduces the shared vector', () => {
  const { ctx } = loadAddon();
  assert.equal(ctx.rolemapSignature_(vector.secret, vector.timestamp, vector.body), vector.signature);
});

test('the .gs auth headers for the vector carry the vector timestamp and signature', () => {
  const { ctx } = loadAddon();
  const headers = ctx.rolemapAuthHeaders_(
    { mode: 'hmac', secret: vector.secret, url: 'https://x.test' },
    vector.body,
    Number(vector.timestamp),
  );
  assert.equal(headers['X-Rolemap-Timestamp'], vector.timestamp);
  assert.equal(headers['X-Rolemap-Signature'], vector.signature);
  assert.equal(headers.Authorization, undefined);
});

test('the vector exercises signed bytes and zero padding (otherwise it would prove little)', () => {
  const bytes = Buffer.from(vector.signature, 'hex');
  assert.ok(bytes.some((b) => b > 127), 'has a byte Apps Script returns as negative');
  assert.ok(bytes.some((b) => b < 16), 'has a byte that needs a leading zero');
});

test('the fake Utilities returns signed bytes like Apps Script', () => {
  const { ctx } = loadAddon();
  const bytes = ctx.Utilities.computeHmacSha256Signature('value', 'key');
  assert.equal(bytes.length, 32);
  assert.ok(bytes.every((b) => Number.isInteger(b) && b >= -128 && b <= 127));
  assert.ok(bytes.some((b) => b < 0));
});

test('bytes -> hex handles negative bytes and zero padding', () => {
  const { ctx } = loadAddon();
  assert.equal(ctx.rolemapBytesToHex_([0, 1, 15, 16, 127, -128, -1, -86]), '00010f107f80ffaa');
  assert.equal(ctx.rolemapBytesToHex_([]), '');
});

test('random bodies and secrets: .gs signature always equals node:crypto', () => {
  const { ctx } = loadAddon();
  for (let i = 0; i < 200; i++) {
    const secret = crypto.randomBytes(1 + (i % 40)).toString('base64');
    const ts = String(1700000000 + i * 7919);
    const body = JSON.stringify({ spreadsheet_id: crypto.randomBytes(1 + (i % 30)).toString('base64url'), dry_run: i % 2 === 0 });
    const expected = crypto.createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    assert.equal(ctx.rolemapSignature_(secret, ts, body), expected);
  }
});
