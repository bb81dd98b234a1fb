/**
 * Small helpers shared by the menu handlers: the sheet's language and the alert dialog.
 */

/** Language of the messages: Russian when the spreadsheet's locale is Russian, else English. */
function rolemapSheetLang_(spreadsheet) {
  try {
    var ss = spreadsheet || SpreadsheetApp.getActiveSpreadsheet();
    return rolemapLangFromLocale_(ss.getSpreadsheetLocale());
  } catch (e) {
    return 'en';
  }
}

function rolemapAlert_(title, message) {
  var ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** The user's e-mail for the 403 message; '' when Google does not reveal it (e.g. consumer accounts). */
function rolemapUserEmail_() {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch (e) {
    return '';
  }
}

/** Explain a failed outcome to the person at the keyboard. */
function rolemapShowFailure_(lang, outcome) {
  var text = rolemapFailureText_(lang, outcome, {
    url: outcome.url,
    mode: outcome.mode,
    email: outcome.kind === 'forbidden' ? rolemapUserEmail_() : ''
  });
  rolemapAlert_(text.title, text.message);
}
