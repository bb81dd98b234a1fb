/**
 * Marketing ▸ Help: what the tool does, in the sheet's language.
 */
function showHelp() {
  var lang = rolemapSheetLang_();
  rolemapAlert_(rolemapT_(lang, 'title.help'), rolemapT_(lang, 'help.text'));
}
