'use strict';
/**
 * The real servers an end-to-end test starts beside the add-on: the Rolemap service and the
 * Sheets API emulator, as child processes from the project's `.venv`, on free loopback ports.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, '.venv', 'bin');
const skip = fs.existsSync(path.join(BIN, 'rolemap')) ? false : 'needs .venv (make test builds it)';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(url, deadlineMs = 20000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `.venv/bin/<command> args…`, its stderr kept for the failure message. */
function start(command, args, env) {
  const child = spawn(path.join(BIN, command), args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stderrText = () => stderr;
  return child;
}

module.exports = { BIN, ROOT, freePort, skip, start, waitFor };
