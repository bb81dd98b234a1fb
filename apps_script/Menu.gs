/**
 * The "Marketing" menu. Captions follow the spreadsheet's locale; handlers are global functions.
 */

/** Menu items for a language; null is a separator. Pure, so tests can check names and captions. */
function rolemapMenuItems_(lang) {
  return [
    { caption: rolemapT_(lang, 'menu.recalculate'), handler: 'recalculate' },
    { caption: rolemapT_(lang, 'menu.preview'), handler: 'previewRecalculation' },
    null,
    { caption: rolemapT_(lang, 'menu.daily'), handler: 'toggleDailyRecalculate' },
    { caption: rolemapT_(lang, 'menu.notify'), handler: 'toggleNotifyOwners' },
    null,
    { caption: rolemapT_(lang, 'menu.help'), handler: 'showHelp' }
  ];
}

/** Simple trigger: runs in limited auth mode, so it only reads the locale and builds the menu. */
function onOpen(e) {
  var lang = rolemapSheetLang_();
  var menu = SpreadsheetApp.getUi().createMenu(rolemapT_(lang, 'menu.title'));
  rolemapMenuItems_(lang).forEach(function (item) {
    if (item) menu.addItem(item.caption, item.handler);
    else menu.addSeparator();
  });
  menu.addToUi();
}

/** Same menu right after installation, without reopening the sheet. */
function onInstall(e) {
  onOpen(e);
}
