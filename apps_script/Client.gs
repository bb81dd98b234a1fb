/**
 * Talking to the Rolemap service: configuration, auth headers, the HTTP call,
 * and turning a response into an outcome the UI code can explain.
 */

var ROLEMAP_PROPERTY_URL = 'ROLEMAP_SERVICE_URL';
var ROLEMAP_PROPERTY_AUTH_MODE = 'ROLEMAP_AUTH_MODE';
var ROLEMAP_PROPERTY_SECRET = 'ROLEMAP_HMAC_SECRET';

/** Script Properties, trimmed; the URL loses trailing slashes so we never send "//recalculate". */
function rolemapReadConfig_() {
  var props = PropertiesService.getScriptProperties();
  var url = String(props.getProperty(ROLEMAP_PROPERTY_URL) || '').trim().replace(/\/+$/, '');
  var mode = String(props.getProperty(ROLEMAP_PROPERTY_AUTH_MODE) || '').trim().toLowerCase() || 'id_token';
  var secret = String(props.getProperty(ROLEMAP_PROPERTY_SECRET) || '');
  return { url: url, mode: mode, secret: secret };
}

/** A failed outcome if the configuration cannot work, otherwise null. Pure. */
function rolemapCheckConfig_(config) {
  if (!config.url) return { ok: false, kind: 'no_url' };
  // http:// is accepted for local development; Cloud Run always serves https://.
  if (!/^https?:\/\/[^\s\/]+/i.test(config.url)) return { ok: false, kind: 'bad_url' };
  if (config.mode !== 'id_token' && config.mode !== 'hmac') return { ok: false, kind: 'bad_mode' };
  if (config.mode === 'hmac' && !config.secret) return { ok: false, kind: 'no_secret' };
  return null;
}

/** Lowercase hex of a byte array; Apps Script bytes are signed (-128..127), hence the mask. */
function rolemapBytesToHex_(bytes) {
  var hex = '';
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i] & 0xff;
    hex += (b < 16 ? '0' : '') + b.toString(16);
  }
  return hex;
}

/** HMAC-SHA256(secret, "<timestamp>.<body>") as lowercase hex — what the service verifies. */
function rolemapSignature_(secret, timestamp, body) {
  // The body is JSON.stringify output of ASCII ids and booleans, so the default charset is safe.
  var bytes = Utilities.computeHmacSha256Signature(String(timestamp) + '.' + body, secret);
  return rolemapBytesToHex_(bytes);
}

/**
 * Auth headers for the configured mode. Returns null in id_token mode when Google gives no token.
 * `nowSeconds` is injectable for tests; the service refuses timestamps more than 300 s off.
 */
function rolemapAuthHeaders_(config, body, nowSeconds) {
  if (config.mode === 'hmac') {
    var ts = String(nowSeconds === undefined ? Math.floor(Date.now() / 1000) : nowSeconds);
    return {
      'X-Rolemap-Timestamp': ts,
      'X-Rolemap-Signature': rolemapSignature_(config.secret, ts, body)
    };
  }
  var token = ScriptApp.getIdentityToken();
  if (!token) return null;
  return { Authorization: 'Bearer ' + token };
}

/** The service's `{"error": {"message": ...}}`, or '' when the body is not that shape. Pure. */
function rolemapServiceErrorMessage_(text) {
  try {
    var parsed = JSON.parse(text);
    var err = parsed && parsed.error;
    if (err && typeof err === 'object' && err.message) return String(err.message);
    if (typeof err === 'string') return err;
  } catch (e) {
    // Not JSON (e.g. a proxy's HTML error page): nothing useful to quote.
  }
  return '';
}

/**
 * HTTP status + body -> outcome. Pure.
 * ok:   {ok: true, kind: 'ok', status, data}
 * fail: {ok: false, kind, status, serviceMessage}
 */
function rolemapClassifyResponse_(status, text) {
  status = Number(status);
  if (status === 200) {
    var data = null;
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
    if (!data || !Array.isArray(data.flags) || !Array.isArray(data.checks)) {
      return { ok: false, kind: 'bad_response', status: status, serviceMessage: '' };
    }
    return { ok: true, kind: 'ok', status: status, data: data };
  }
  var kind;
  if (status === 400 || status === 413) kind = 'bad_request';
  else if (status === 401) kind = 'unauthorized';
  else if (status === 403) kind = 'forbidden';
  else if (status === 404) kind = 'not_found';
  else if (status === 409) kind = 'busy';
  else if (status === 422) kind = 'not_rolemap';
  else if (status === 429) kind = 'rate_limited';
  else if (status >= 500 && status <= 599) kind = 'server';
  else kind = 'unexpected';
  return { ok: false, kind: kind, status: status, serviceMessage: rolemapServiceErrorMessage_(text) };
}

/**
 * POST {url}/recalculate for one spreadsheet. Never throws: every problem becomes an outcome,
 * so the caller (menu or trigger) decides whether to alert or log.
 */
function rolemapCallRecalculate_(spreadsheetId, dryRun) {
  var config = rolemapReadConfig_();
  var bad = rolemapCheckConfig_(config);
  if (bad) return rolemapWithConfig_(bad, config);

  var body = JSON.stringify({ spreadsheet_id: spreadsheetId, dry_run: !!dryRun });
  var headers = rolemapAuthHeaders_(config, body);
  if (!headers) return rolemapWithConfig_({ ok: false, kind: 'no_token' }, config);

  var response;
  try {
    response = UrlFetchApp.fetch(config.url + '/recalculate', {
      method: 'post',
      contentType: 'application/json',
      payload: body,
      headers: headers,
      muteHttpExceptions: true
    });
  } catch (e) {
    // With muteHttpExceptions, fetch only throws when no HTTP answer came back at all.
    return rolemapWithConfig_({ ok: false, kind: 'network', detail: String((e && e.message) || e) }, config);
  }
  return rolemapWithConfig_(
    rolemapClassifyResponse_(response.getResponseCode(), response.getContentText()),
    config
  );
}

function rolemapWithConfig_(outcome, config) {
  outcome.url = config.url;
  outcome.mode = config.mode;
  return outcome;
}
