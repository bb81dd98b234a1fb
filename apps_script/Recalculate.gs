/**
 * Marketing ▸ Recalculate: ask the service to recalculate this sheet, then point at the summary.
 */

var ROLEMAP_SUMMARY_TABS = { en: 'CMO summary', ru: 'Сводка CMO' };

/** The summary tab in either language, the sheet's own language first. */
function rolemapFindSummarySheet_(spreadsheet, lang) {
  var order = lang === 'ru'
    ? [ROLEMAP_SUMMARY_TABS.ru, ROLEMAP_SUMMARY_TABS.en]
    : [ROLEMAP_SUMMARY_TABS.en, ROLEMAP_SUMMARY_TABS.ru];
  for (var i = 0; i < order.length; i++) {
    var sheet = spreadsheet.getSheetByName(order[i]);
    if (sheet) return sheet;
  }
  return null;
}

/** Menu handler. Returns the outcome so tests can inspect it; Apps Script ignores it. */
function recalculate() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var lang = rolemapSheetLang_(ss);
  var outcome = rolemapCallRecalculate_(ss.getId(), false);
  if (!outcome.ok) {
    rolemapShowFailure_(lang, outcome);
    return outcome;
  }
  var summary = rolemapFindSummarySheet_(ss, lang);
  if (summary) ss.setActiveSheet(summary);
  var text = rolemapSuccessText_(
    lang,
    outcome.data.flags.length,
    outcome.data.checks.length,
    summary ? summary.getName() : ''
  );
  outcome.notified = rolemapSendNotifications_(outcome.data);
  if (outcome.notified.sent || outcome.notified.failed) {
    text += rolemapT_(lang, 'toast.notified', { mails: rolemapCount_(lang, outcome.notified.sent, 'mail') });
    if (outcome.notified.failed) text += rolemapT_(lang, 'toast.not_sent', { n: outcome.notified.failed });
  }
  ss.toast(text, rolemapT_(lang, 'title.done'), 10);
  return outcome;
}
