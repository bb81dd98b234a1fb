/**
 * Marketing ▸ Notify owners on/off: after a written recalculation, e-mail the digests the service
 * prepared (`notifications` in its answer) with MailApp, from the account of whoever ran it.
 *
 * Off by default: mail goes out in the user's name, so someone has to choose it; and a deployment
 * whose service already e-mails by SMTP would otherwise send every digest twice. The switch lives
 * in Document Properties, so it belongs to this sheet and the daily trigger sees it too.
 */

var ROLEMAP_NOTIFY_PROPERTY = 'ROLEMAP_NOTIFY_OWNERS';

function rolemapNotifyEnabled_() {
  return PropertiesService.getDocumentProperties().getProperty(ROLEMAP_NOTIFY_PROPERTY) === 'on';
}

/**
 * Send each digest once; never throws. Apps Script's daily MailApp quota is the limit: what does
 * not fit today is counted as failed and logged, and the recalculation itself has already landed.
 */
function rolemapSendNotifications_(data) {
  var report = { sent: 0, failed: 0 };
  if (!data || data.dry_run || !rolemapNotifyEnabled_()) return report;
  var list = (data.notifications || []).filter(function (n) {
    return n && n.to;
  });
  if (!list.length) return report;
  var left;
  try {
    left = MailApp.getRemainingDailyQuota();
  } catch (e) {
    left = list.length;
  }
  list.forEach(function (n) {
    if (left <= 0) {
      report.failed++;
      return;
    }
    try {
      MailApp.sendEmail({ to: n.to, subject: n.subject, body: n.text, name: 'Rolemap' });
      report.sent++;
      left--;
    } catch (e) {
      report.failed++;
      Logger.log('Rolemap could not e-mail %s: %s', n.to, e && e.message ? e.message : e);
    }
  });
  if (report.failed) {
    Logger.log('Rolemap notifications: %s sent, %s not sent (daily MailApp quota or errors).', report.sent, report.failed);
  }
  return report;
}

/** Menu handler: on if off, off if on. Returns true when notifications are now on. */
function toggleNotifyOwners() {
  var lang = rolemapSheetLang_();
  var props = PropertiesService.getDocumentProperties();
  var on = !rolemapNotifyEnabled_();
  if (on) props.setProperty(ROLEMAP_NOTIFY_PROPERTY, 'on');
  else props.deleteProperty(ROLEMAP_NOTIFY_PROPERTY);
  rolemapAlert_(rolemapT_(lang, 'title.notify'), rolemapT_(lang, on ? 'notify.on' : 'notify.off'));
  return on;
}
