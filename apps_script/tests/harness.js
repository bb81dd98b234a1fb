'use strict';
/**
 * Loads every apps_script/*.gs file into one node:vm context with hand-made Apps Script globals,
 * the way Apps Script shares one global scope between files. Records what the add-on does
 * (requests, menus, alerts, toasts, dialogs, triggers, logs) so tests can assert on it.
 *
 *   const { loadAddon } = require('./harness');
 *   const addon = loadAddon({ properties, locale: 'en_US', fetchMode: 'fake', responses: [...] });
 *   addon.ctx.recalculate();
 *   addon.toasts[0].message;
 *
 * fetchMode 'real' performs real HTTP (for the end-to-end test against the Flask service).
 * Node has no synchronous HTTP, and UrlFetchApp.fetch is synchronous, so each request runs
 * fetch() in a child node process via execFileSync.
 */

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const ADDON_DIR = path.resolve(__dirname, '..');

/** The .gs files, in name order (Apps Script order does not matter: top level only declares). */
function listSources() {
  return fs
    .readdirSync(ADDON_DIR)
    .filter((name) => name.endsWith('.gs'))
    .sort();
}

// Runs in the child process: reads {url, method, headers, body, timeoutMs} on stdin and prints
// {status, body, headers} or {error}. Any network failure is reported, never thrown.
const CHILD_FETCH = `
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const req = JSON.parse(input);
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: req.followRedirects === false ? 'manual' : 'follow',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const body = await res.text();
    process.stdout.write(JSON.stringify({ status: res.status, body, headers: Object.fromEntries(res.headers) }));
  } catch (e) {
    const cause = e && e.cause ? ' (' + (e.cause.code || e.cause.message || e.cause) + ')' : '';
    process.stdout.write(JSON.stringify({ error: String((e && e.message) || e) + cause }));
  }
});
`;

/**
 * Synchronous real HTTP request with UrlFetchApp-style options.
 * Returns {status, body, headers}; throws an Error like Apps Script when no answer comes back.
 */
function realFetch(url, options = {}, { timeoutMs = 60000 } = {}) {
  const method = String(options.method || 'get').toUpperCase();
  const headers = { ...(options.headers || {}) };
  let body;
  if (options.payload !== undefined && method !== 'GET') {
    if (typeof options.payload !== 'string') {
      throw new Error('harness realFetch: only string payloads are supported');
    }
    body = options.payload;
    headers['Content-Type'] = options.contentType || 'application/x-www-form-urlencoded';
  }
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // keep the child out of the node:test runner protocol
  const out = execFileSync(process.execPath, ['-e', CHILD_FETCH], {
    input: JSON.stringify({ url, method, headers, body, timeoutMs, followRedirects: options.followRedirects }),
    encoding: 'utf8',
    env,
    timeout: timeoutMs + 10000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const res = JSON.parse(out);
  if (res.error) throw new Error(`Exception: Address unavailable: ${url} — ${res.error}`);
  return res;
}

function makeHttpResponse(status, body, headers) {
  const text = body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    getResponseCode: () => status,
    getContentText: () => text,
    getHeaders: () => ({ ...(headers || {}) }),
    getAllHeaders: () => ({ ...(headers || {}) }),
  };
}

function htmlEscape(value) {
  if (value === undefined || value === null) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Compiles an HtmlService template: <? code ?>, <?= printed escaped ?>, <?!= printed raw ?>.
 * Returns JS source of a function body that fills `__o`.
 */
function compileTemplate(source) {
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let code = 'var __o = "";\n';
  let last = 0;
  let match;
  while ((match = re.exec(source)) !== null) {
    code += `__o += ${JSON.stringify(source.slice(last, match.index))};\n`;
    const body = match[2].trim();
    if (match[1] === '=') code += `__o += __esc(${body});\n`;
    else if (match[1] === '!=') code += `__o += __raw(${body});\n`;
    else code += `${body}\n`;
    last = re.lastIndex;
  }
  code += `__o += ${JSON.stringify(source.slice(last))};\nreturn __o;\n`;
  return code;
}

function formatLog(args) {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first === 'string' && rest.length && first.includes('%s')) {
    let i = 0;
    return first.replace(/%s/g, () => (i < rest.length ? String(rest[i++]) : '%s'));
  }
  return args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

/**
 * Build a context and load the add-on.
 *
 * Options (all optional):
 *   properties     Script Properties, e.g. {ROLEMAP_SERVICE_URL, ROLEMAP_AUTH_MODE, ROLEMAP_HMAC_SECRET}
 *   locale         spreadsheet locale, default 'en_US' ('ru_RU' for Russian)
 *   spreadsheetId  default 'test-spreadsheet-id'
 *   sheets         tab names that exist; default ['CMO summary'] (en) / ['Сводка CMO'] (ru)
 *   timeZone       spreadsheet time zone, default 'Europe/Moscow'
 *   scriptTimeZone default 'Etc/UTC'
 *   userEmail      Session.getActiveUser().getEmail(), default 'owner@example.com'
 *   identityToken  ScriptApp.getIdentityToken(), default 'test-identity-token' (null = none)
 *   fetchMode      'fake' (default) or 'real'
 *   responses      fake mode: an array consumed in order, or a function(request) -> spec.
 *                  A spec is {status, body (string or object, sent as JSON), headers}
 *                  or {error: 'message'} to make fetch throw (network unreachable).
 *   fetchTimeoutMs real mode: per-request timeout, default 60000
 *   documentProperties  Document Properties, e.g. {ROLEMAP_NOTIFY_OWNERS: 'on'}
 *   mailQuota      MailApp.getRemainingDailyQuota(), default 100
 *   mailFailsTo    addresses MailApp.sendEmail throws for (a bounced or invalid address)
 *
 * Returns {ctx, calls, ui, toasts, alerts, dialogs, menus, triggers, logs, properties,
 *          responses, spreadsheet, mails, documentProperties}. Each mail is {to, subject, body, name}. Arrays are live. `spreadsheet.activeSheetName` is the last
 * sheet passed to setActiveSheet (or null). Each call is {url, method, headers, payload, json,
 * options, response: {status, body} | {error}}.
 */
function loadAddon(options = {}) {
  const {
    properties = {},
    locale = 'en_US',
    spreadsheetId = 'test-spreadsheet-id',
    timeZone = 'Europe/Moscow',
    scriptTimeZone = 'Etc/UTC',
    userEmail = 'owner@example.com',
    identityToken = 'test-identity-token',
    fetchMode = 'fake',
    fetchTimeoutMs = 60000,
    mailQuota = 100,
    mailFailsTo = [],
  } = options;
  if (fetchMode !== 'fake' && fetchMode !== 'real') throw new Error(`unknown fetchMode ${fetchMode}`);
  const isRu = /^ru/i.test(locale);
  const sheetNames = options.sheets || [isRu ? 'Сводка CMO' : 'CMO summary'];
  const responses = Array.isArray(options.responses) ? options.responses.slice() : [];
  const responder = typeof options.responses === 'function' ? options.responses : null;

  const calls = [];
  const toasts = [];
  const alerts = [];
  const dialogs = [];
  const menus = [];
  const triggers = [];
  const logs = [];
  const props = { ...properties };
  const spreadsheet = { id: spreadsheetId, activeSheetName: null, sheetNames };

  // ---- SpreadsheetApp -------------------------------------------------------------------
  const sheets = new Map();
  const makeSheet = (name) => {
    const sheet = {
      getName: () => name,
      getSheetName: () => name,
      activate: () => {
        spreadsheet.activeSheetName = name;
        return sheet;
      },
    };
    return sheet;
  };
  for (const name of sheetNames) sheets.set(name, makeSheet(name));

  const ss = {
    getId: () => spreadsheetId,
    getName: () => 'Rolemap test sheet',
    getUrl: () => `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
    getSpreadsheetLocale: () => locale,
    getSpreadsheetTimeZone: () => timeZone,
    getSheetByName: (name) => sheets.get(name) || null,
    getSheets: () => [...sheets.values()],
    getActiveSheet: () => sheets.get(spreadsheet.activeSheetName) || [...sheets.values()][0] || null,
    setActiveSheet: (sheet) => {
      spreadsheet.activeSheetName = sheet.getName();
      return sheet;
    },
    toast: (message, title, timeoutSeconds) => {
      toasts.push({ message: String(message), title: title === undefined ? '' : String(title), timeout: timeoutSeconds });
    },
  };

  const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  const isButtonSet = (v) => Object.values(ButtonSet).includes(v);

  const ui = {
    ButtonSet,
    Button,
    menus,
    alerts,
    dialogs,
    createMenu(title) {
      const menu = { title: String(title), items: [] };
      const builder = {
        addItem(caption, functionName) {
          menu.items.push({ caption: String(caption), handler: String(functionName) });
          return builder;
        },
        addSeparator() {
          menu.items.push({ separator: true });
          return builder;
        },
        addSubMenu(sub) {
          menu.items.push({ submenu: sub });
          return builder;
        },
        addToUi() {
          menus.push(menu);
        },
      };
      return builder;
    },
    // alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons)
    alert(...args) {
      let title = '';
      let message;
      let buttons = ButtonSet.OK;
      if (args.length === 1) [message] = args;
      else if (args.length === 2 && isButtonSet(args[1])) [message, buttons] = args;
      else [title, message, buttons = ButtonSet.OK] = args;
      alerts.push({ title: String(title), message: String(message), buttons });
      return buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? Button.YES : Button.OK;
    },
    showModalDialog(output, title) {
      dialogs.push({ kind: 'modal', title: String(title), html: output.getContent(), width: output.getWidth(), height: output.getHeight() });
    },
    showModelessDialog(output, title) {
      dialogs.push({ kind: 'modeless', title: String(title), html: output.getContent(), width: output.getWidth(), height: output.getHeight() });
    },
    showSidebar(output) {
      dialogs.push({ kind: 'sidebar', title: output.getTitle(), html: output.getContent() });
    },
  };

  const SpreadsheetApp = {
    getActiveSpreadsheet: () => ss,
    getActive: () => ss,
    getUi: () => ui,
    flush: () => {},
  };

  // ---- UrlFetchApp ----------------------------------------------------------------------
  const nextSpec = (request) => {
    if (responder) return responder(request);
    if (!responses.length) throw new Error(`harness: no scripted response left for ${request.method} ${request.url}`);
    return responses.shift();
  };

  const UrlFetchApp = {
    fetch(url, params = {}) {
      const method = String(params.method || 'get').toUpperCase();
      let json;
      try {
        json = typeof params.payload === 'string' ? JSON.parse(params.payload) : undefined;
      } catch (e) {
        json = undefined;
      }
      const call = {
        url: String(url),
        method,
        headers: { ...(params.headers || {}) },
        payload: params.payload,
        json,
        options: { ...params, headers: { ...(params.headers || {}) } },
        response: null,
      };
      calls.push(call);
      let status;
      let body;
      let headers;
      if (fetchMode === 'real') {
        try {
          ({ status, body, headers } = realFetch(String(url), params, { timeoutMs: fetchTimeoutMs }));
        } catch (e) {
          call.response = { error: e.message };
          throw e;
        }
      } else {
        let spec = nextSpec(call);
        if (typeof spec === 'number') spec = { status: spec };
        if (spec.error) {
          call.response = { error: String(spec.error) };
          throw new Error(`Exception: ${spec.error}`);
        }
        status = spec.status === undefined ? 200 : spec.status;
        body = spec.body;
        headers = spec.headers;
      }
      const response = makeHttpResponse(status, body, headers);
      call.response = { status, body: response.getContentText() };
      if (status >= 400 && !params.muteHttpExceptions) {
        throw new Error(`Exception: Request failed for ${url} returned code ${status}`);
      }
      return response;
    },
  };

  // ---- PropertiesService ----------------------------------------------------------------
  const makeStore = (data) => {
    const store = {
      getProperty: (key) => (Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : null),
      setProperty: (key, value) => {
        data[key] = String(value);
        return store;
      },
      deleteProperty: (key) => {
        delete data[key];
        return store;
      },
      getProperties: () => ({ ...data }),
      getKeys: () => Object.keys(data),
      setProperties: (values) => {
        Object.assign(data, values);
        return store;
      },
    };
    return store;
  };
  const userProps = {};
  const documentProps = { ...(options.documentProperties || {}) };
  const PropertiesService = {
    getScriptProperties: () => makeStore(props),
    getUserProperties: () => makeStore(userProps),
    getDocumentProperties: () => makeStore(documentProps),
  };

  // ---- MailApp --------------------------------------------------------------------------
  const mails = [];
  let quotaLeft = mailQuota;
  const MailApp = {
    getRemainingDailyQuota: () => quotaLeft,
    sendEmail(message) {
      if (typeof message !== 'object' || !message.to) throw new Error('Exception: Invalid argument: recipient');
      if (quotaLeft <= 0) throw new Error('Exception: Service invoked too many times for one day: email.');
      if (mailFailsTo.includes(message.to)) throw new Error(`Exception: Invalid email: ${message.to}`);
      quotaLeft -= 1;
      mails.push({ to: message.to, subject: message.subject, body: message.body, name: message.name });
    },
  };

  // ---- ScriptApp ------------------------------------------------------------------------
  let triggerSeq = 0;
  const EventType = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT' };
  const TriggerSource = { CLOCK: 'CLOCK', SPREADSHEETS: 'SPREADSHEETS' };
  const ScriptApp = {
    EventType,
    TriggerSource,
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    getIdentityToken: () => identityToken,
    getOAuthToken: () => 'test-oauth-token',
    getScriptId: () => 'test-script-id',
    getProjectTriggers: () => triggers.slice(),
    deleteTrigger(trigger) {
      const index = triggers.findIndex((t) => t.getUniqueId() === trigger.getUniqueId());
      if (index < 0) throw new Error('Exception: trigger not found');
      triggers.splice(index, 1);
    },
    newTrigger(functionName) {
      const config = { handler: String(functionName) };
      const clock = {
        everyDays(n) { config.everyDays = n; return clock; },
        everyHours(n) { config.everyHours = n; return clock; },
        everyMinutes(n) { config.everyMinutes = n; return clock; },
        atHour(h) { config.atHour = h; return clock; },
        nearMinute(m) { config.nearMinute = m; return clock; },
        inTimezone(tz) { config.timeZone = tz; return clock; },
        create() {
          const id = `trigger-${++triggerSeq}`;
          const trigger = {
            ...config,
            getHandlerFunction: () => config.handler,
            getUniqueId: () => id,
            getEventType: () => EventType.CLOCK,
            getTriggerSource: () => TriggerSource.CLOCK,
          };
          triggers.push(trigger);
          return trigger;
        },
      };
      return { timeBased: () => clock };
    },
  };

  // ---- Utilities ------------------------------------------------------------------------
  const toBuffer = (v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(Array.from(v, (b) => b & 0xff)));
  const Utilities = {
    Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
    // Apps Script returns Java bytes: signed, -128..127.
    computeHmacSha256Signature(value, key) {
      const digest = crypto.createHmac('sha256', toBuffer(key)).update(toBuffer(value)).digest();
      return Array.from(digest, (b) => (b > 127 ? b - 256 : b));
    },
    sleep: () => {},
  };

  // ---- HtmlService ----------------------------------------------------------------------
  const makeOutput = (initial) => {
    let content = initial;
    let width = null;
    let height = null;
    let title = '';
    const output = {
      getContent: () => content,
      setContent: (html) => { content = String(html); return output; },
      append: (html) => { content += String(html); return output; },
      setWidth: (w) => { width = w; return output; },
      setHeight: (h) => { height = h; return output; },
      getWidth: () => width,
      getHeight: () => height,
      setTitle: (t) => { title = String(t); return output; },
      getTitle: () => title,
      setSandboxMode: () => output,
      setXFrameOptionsMode: () => output,
      addMetaTag: () => output,
    };
    return output;
  };
  let ctx; // assigned below; templates run inside it so .gs globals are visible to scriptlets
  const makeTemplate = (source) => {
    const template = {};
    Object.defineProperties(template, {
      getCode: { value: () => compileTemplate(source) },
      getRawContent: { value: () => source },
      evaluate: {
        value: () => {
          const fn = vm.runInContext(
            `(function (__scope, __esc, __raw) { with (__scope) {\n${compileTemplate(source)}} })`,
            ctx,
            { filename: 'template.html' },
          );
          const scope = { ...template };
          return makeOutput(fn(scope, htmlEscape, (v) => (v === undefined || v === null ? '' : String(v))));
        },
      },
    });
    return template;
  };
  const readHtmlFile = (name) => {
    const file = path.join(ADDON_DIR, name.endsWith('.html') ? name : `${name}.html`);
    return fs.readFileSync(file, 'utf8');
  };
  const HtmlService = {
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    createTemplateFromFile: (name) => makeTemplate(readHtmlFile(name)),
    createTemplate: (source) => makeTemplate(String(source)),
    createHtmlOutput: (html) => makeOutput(html === undefined ? '' : String(html)),
    createHtmlOutputFromFile: (name) => makeOutput(readHtmlFile(name)),
  };

  // ---- Session / Logger / console -------------------------------------------------------
  const user = { getEmail: () => userEmail };
  const Session = {
    getActiveUser: () => user,
    getEffectiveUser: () => user,
    getScriptTimeZone: () => scriptTimeZone,
    getActiveUserLocale: () => locale.split('_')[0],
  };
  const Logger = {
    log(...args) {
      logs.push({ level: 'log', message: formatLog(args) });
      return Logger;
    },
    getLog: () => logs.map((l) => l.message).join('\n'),
    clear: () => { logs.length = 0; },
  };
  const consoleFake = {};
  for (const level of ['log', 'info', 'warn', 'error']) {
    consoleFake[level] = (...args) => logs.push({ level, message: formatLog(args) });
  }

  ctx = vm.createContext({
    SpreadsheetApp,
    UrlFetchApp,
    PropertiesService,
    MailApp,
    ScriptApp,
    Utilities,
    HtmlService,
    Session,
    Logger,
    console: consoleFake,
  });
  for (const file of listSources()) {
    vm.runInContext(fs.readFileSync(path.join(ADDON_DIR, file), 'utf8'), ctx, { filename: file });
  }

  return {
    ctx,
    calls,
    ui,
    toasts,
    alerts,
    dialogs,
    menus,
    triggers,
    logs,
    properties: props,
    documentProperties: documentProps,
    responses,
    spreadsheet,
    mails,
  };
}

module.exports = { loadAddon, realFetch, listSources, compileTemplate, htmlEscape, ADDON_DIR };
