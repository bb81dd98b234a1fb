/**
 * Marketing ▸ Preview (dry run): the same call with dry_run, shown in a dialog; nothing is written.
 */

var ROLEMAP_PREVIEW_LIMIT = 5;
var ROLEMAP_ACTION_ORDER = { stop: 0, rewrite: 1, review: 2, scale_down: 3 };
var ROLEMAP_PERCENT_METRICS = { cr: true, ctr: true, roas: true, romi: true, unsubscribe_rate: true };

/** 4200 -> "4,200" (en) / "4 200" (ru); null -> "—"; "inf" -> "∞". Pure. */
function rolemapFormatNumber_(value, lang) {
  if (value === null || value === undefined || value === '') return '—';
  if (value === 'inf') return '∞';
  if (value === '-inf') return '−∞';
  var n = Number(value);
  if (typeof value !== 'number' && (typeof value !== 'string' || isNaN(n))) return String(value);
  var digits = Math.abs(n) >= 100 ? 0 : 2;
  var fixed = Math.abs(n).toFixed(digits);
  if (digits) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  var parts = fixed.split('.');
  var group = lang === 'ru' ? '\u00a0' : ',';
  var intPart = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, group);
  var out = intPart + (parts[1] ? (lang === 'ru' ? ',' : '.') + parts[1] : '');
  return (n < 0 && Number(fixed) !== 0 ? '−' : '') + out;
}

/** A metric's value as people read it: ratios are fractions in the JSON, shown as percents. */
function rolemapFormatMetricValue_(metric, value, lang) {
  if (ROLEMAP_PERCENT_METRICS[metric] && typeof value === 'number') {
    return rolemapFormatNumber_(Math.round(value * 1000) / 10, lang) + '%';
  }
  return rolemapFormatNumber_(value, lang);
}

function rolemapMetricLabel_(metric, lang) {
  var key = 'metric.' + metric;
  if (Object.prototype.hasOwnProperty.call(ROLEMAP_MESSAGES.en, key)) return rolemapT_(lang, key);
  return String(metric || '').toUpperCase();
}

function rolemapActionLabel_(action, lang) {
  var key = 'action.' + action;
  if (Object.prototype.hasOwnProperty.call(ROLEMAP_MESSAGES.en, key)) return rolemapT_(lang, key);
  return String(action || '');
}

/** One flag as a row: "CPA 4,200 > 3,000 · 3 d in a row · since 2026-11-18". */
function rolemapFlagRow_(flag, lang) {
  var why = rolemapMetricLabel_(flag.metric, lang) + ' ' +
    rolemapFormatMetricValue_(flag.metric, flag.last_value, lang);
  if (flag.condition) why += ' ' + flag.condition + ' ' + rolemapFormatMetricValue_(flag.metric, flag.threshold, lang);
  if (flag.days_in_a_row) why += ' · ' + rolemapT_(lang, 'preview.days', { n: flag.days_in_a_row });
  if (flag.since) why += ' · ' + rolemapT_(lang, 'preview.since', { date: flag.since });
  return {
    channel: String(flag.channel || '—'),
    // Used as a CSS class, so only a known code may pass through.
    actionCode: Object.prototype.hasOwnProperty.call(ROLEMAP_ACTION_ORDER, flag.action) ? flag.action : 'other',
    action: rolemapActionLabel_(flag.action, lang),
    why: why,
    owner: String(flag.owner || '—')
  };
}

function rolemapCheckRow_(check, lang) {
  var where = [check.tab, check.row ? rolemapT_(lang, 'preview.row', { row: check.row }) : '', check.column]
    .filter(function (part) { return part; })
    .join(', ');
  return {
    code: String(check.code || ''),
    where: where || '—',
    problem: String(check.message || ''),
    fix: String(check.fix || '')
  };
}

/**
 * The rule × channel pairs that would have fired most often on the whole Daily history.
 * Null when the service sent no backtest (an older service): the section is then not shown.
 */
function rolemapBacktestModel_(backtest, lang, limit) {
  if (!Array.isArray(backtest)) return null;
  var fired = backtest.filter(function (row) { return Number(row.days_fired) > 0; });
  fired.sort(function (a, b) { return Number(b.days_fired) - Number(a.days_fired); });
  return {
    rows: fired.slice(0, limit).map(function (row) {
      return {
        rule: String(row.rule || '—'),
        channel: String(row.channel || '—'),
        fired: rolemapT_(lang, 'preview.backtest_fired', {
          days: row.days_fired,
          episodes: row.episodes,
          first: row.first_fired || '—',
          last: row.last_fired || '—'
        }),
        spend: rolemapFormatNumber_(row.spend_on_fired_days, lang)
      };
    }),
    more: fired.length > limit ? rolemapT_(lang, 'preview.more', { n: fired.length - limit }) : ''
  };
}

/** A channel or rule name as the service compares them (`contract.normalize`). Pure. */
function rolemapNameKey_(text) {
  return String(text === null || text === undefined ? '' : text)
    .replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
}

/**
 * The flags the CMO has already decided (an Override, or a Snooze until a date not yet passed):
 * channel + rule keys of the `decisions` rows that hold. They stay out of "Top decisions", as
 * they stay out of the summary's decisions. An older service sends no `holds`: nothing is held.
 */
function rolemapHeldFlags_(decisions) {
  var held = {};
  (Array.isArray(decisions) ? decisions : []).forEach(function (row) {
    if (row && row.holds === true && ROLEMAP_ACTION_ORDER.hasOwnProperty(row.proposed)) {
      held[rolemapNameKey_(row.channel) + '\u0000' + rolemapNameKey_(row.about)] = true;
    }
  });
  return held;
}

/** Everything the Preview template shows, already translated and formatted. Pure. */
function rolemapPreviewModel_(data, lang, limit) {
  limit = limit || ROLEMAP_PREVIEW_LIMIT;
  var held = rolemapHeldFlags_(data.decisions);
  var decided = 0;
  var flags = [];
  (data.flags || []).forEach(function (flag, index) {
    if (held[rolemapNameKey_(flag.channel) + '\u0000' + rolemapNameKey_(flag.rule)]) {
      decided += 1;
      return;
    }
    flags.push({ flag: flag, index: index });
  });
  // Most severe action first, then the longest streak; index keeps the service's order otherwise.
  flags.sort(function (a, b) {
    var ra = ROLEMAP_ACTION_ORDER.hasOwnProperty(a.flag.action) ? ROLEMAP_ACTION_ORDER[a.flag.action] : 9;
    var rb = ROLEMAP_ACTION_ORDER.hasOwnProperty(b.flag.action) ? ROLEMAP_ACTION_ORDER[b.flag.action] : 9;
    if (ra !== rb) return ra - rb;
    var da = Number(a.flag.days_in_a_row) || 0;
    var db = Number(b.flag.days_in_a_row) || 0;
    if (da !== db) return db - da;
    return a.index - b.index;
  });
  var checks = data.checks || [];
  var errors = checks.filter(function (c) { return c.severity === 'error'; });
  var warnings = checks.filter(function (c) { return c.severity === 'warning'; });

  var counts = rolemapCount_(lang, flags.length + decided, 'flag') + ', ' + rolemapCount_(lang, checks.length, 'check');
  var detail = [];
  if (errors.length) detail.push(rolemapCount_(lang, errors.length, 'error'));
  if (warnings.length) detail.push(rolemapCount_(lang, warnings.length, 'warning'));
  if (detail.length) counts += ' (' + detail.join(', ') + ')';

  return {
    lang: lang,
    title: rolemapT_(lang, 'title.preview'),
    asOfLabel: rolemapT_(lang, 'preview.as_of'),
    asOf: String(data.as_of || '—'),
    counts: counts,
    flagCount: flags.length + decided,
    checkCount: checks.length,
    errorCount: errors.length,
    flags: flags.slice(0, limit).map(function (item) { return rolemapFlagRow_(item.flag, lang); }),
    flagsMore: flags.length > limit ? rolemapT_(lang, 'preview.more', { n: flags.length - limit }) : '',
    decidedNote: decided ? rolemapT_(lang, 'preview.decided', { n: decided }) : '',
    checks: errors.slice(0, limit).map(function (check) { return rolemapCheckRow_(check, lang); }),
    checksMore: errors.length > limit ? rolemapT_(lang, 'preview.more', { n: errors.length - limit }) : '',
    backtest: rolemapBacktestModel_(data.backtest, lang, limit),
    labels: {
      flagsHeading: rolemapT_(lang, 'preview.heading.flags'),
      checksHeading: rolemapT_(lang, 'preview.heading.checks'),
      channel: rolemapT_(lang, 'preview.col.channel'),
      action: rolemapT_(lang, 'preview.col.action'),
      why: rolemapT_(lang, 'preview.col.why'),
      owner: rolemapT_(lang, 'preview.col.owner'),
      where: rolemapT_(lang, 'preview.col.where'),
      problem: rolemapT_(lang, 'preview.col.problem'),
      fix: rolemapT_(lang, 'preview.col.fix'),
      noFlags: rolemapT_(lang, 'preview.no_flags'),
      noErrors: rolemapT_(lang, 'preview.no_errors'),
      backtestHeading: rolemapT_(lang, 'preview.heading.backtest'),
      rule: rolemapT_(lang, 'preview.col.rule'),
      fired: rolemapT_(lang, 'preview.col.fired'),
      spend: rolemapT_(lang, 'preview.col.spend'),
      noBacktest: rolemapT_(lang, 'preview.backtest_none'),
      footer: rolemapT_(lang, 'preview.footer'),
      close: rolemapT_(lang, 'preview.close')
    }
  };
}

/** Menu handler. Returns the outcome so tests can inspect it. */
function previewRecalculation() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var lang = rolemapSheetLang_(ss);
  var outcome = rolemapCallRecalculate_(ss.getId(), true);
  if (!outcome.ok) {
    rolemapShowFailure_(lang, outcome);
    return outcome;
  }
  var model = rolemapPreviewModel_(outcome.data, lang);
  var template = HtmlService.createTemplateFromFile('Preview');
  template.model = model; // Preview.html prints it only through <?= ?>, which HTML-escapes.
  var html = template.evaluate().setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, model.title);
  return outcome;
}
