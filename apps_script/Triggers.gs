/**
 * Marketing ▸ Daily auto-recalculate on/off: one time-driven trigger, never two.
 */

var ROLEMAP_DAILY_HANDLER = 'dailyRecalculate';
var ROLEMAP_DAILY_HOUR = 7;

/** This project's triggers that run dailyRecalculate (only the current user's are visible). */
function rolemapDailyTriggers_() {
  return ScriptApp.getProjectTriggers().filter(function (trigger) {
    return trigger.getHandlerFunction() === ROLEMAP_DAILY_HANDLER;
  });
}

/** Idempotent: keeps exactly one daily trigger, removing duplicates left by earlier versions. */
function rolemapEnableDaily_(timeZone) {
  var existing = rolemapDailyTriggers_();
  if (existing.length) {
    for (var i = 1; i < existing.length; i++) ScriptApp.deleteTrigger(existing[i]);
    return existing[0];
  }
  var builder = ScriptApp.newTrigger(ROLEMAP_DAILY_HANDLER).timeBased().everyDays(1).atHour(ROLEMAP_DAILY_HOUR);
  // Run at 7 in the sheet's own time zone, which is also what "today" means to the service.
  if (timeZone) builder = builder.inTimezone(timeZone);
  return builder.create();
}

/** Removes every daily trigger; returns how many there were. */
function rolemapDisableDaily_() {
  var existing = rolemapDailyTriggers_();
  existing.forEach(function (trigger) {
    ScriptApp.deleteTrigger(trigger);
  });
  return existing.length;
}

function rolemapSheetTimeZone_(spreadsheet) {
  try {
    return spreadsheet.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  } catch (e) {
    return Session.getScriptTimeZone();
  }
}

/** Menu handler: on if off, off if on. Returns true when the trigger is now on. */
function toggleDailyRecalculate() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var lang = rolemapSheetLang_(ss);
  if (rolemapDailyTriggers_().length) {
    rolemapDisableDaily_();
    rolemapAlert_(rolemapT_(lang, 'title.daily'), rolemapT_(lang, 'daily.off'));
    return false;
  }
  // A trigger that can only fail every morning helps nobody: explain the setup problem now.
  var config = rolemapReadConfig_();
  var bad = rolemapCheckConfig_(config);
  if (bad) {
    bad.url = config.url;
    bad.mode = config.mode;
    rolemapShowFailure_(lang, bad);
    return false;
  }
  var tz = rolemapSheetTimeZone_(ss);
  rolemapEnableDaily_(tz);
  rolemapAlert_(rolemapT_(lang, 'title.daily'), rolemapT_(lang, 'daily.on', { tz: tz }));
  return true;
}

/** Trigger handler: nobody is looking at the sheet, so log instead of showing dialogs. */
function dailyRecalculate() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var outcome = rolemapCallRecalculate_(ss.getId(), false);
  if (outcome.ok) {
    outcome.notified = rolemapSendNotifications_(outcome.data);
    Logger.log(
      'Rolemap daily recalculation done: %s flags, %s checks, %s e-mails sent.',
      outcome.data.flags.length,
      outcome.data.checks.length,
      outcome.notified.sent
    );
  } else {
    Logger.log(
      'Rolemap daily recalculation failed: %s (HTTP %s) %s',
      outcome.kind,
      outcome.status === undefined ? '-' : outcome.status,
      outcome.serviceMessage || outcome.detail || ''
    );
  }
  return outcome;
}
