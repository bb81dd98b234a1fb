'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon } = require('./harness');

const plain = (menu) => JSON.parse(JSON.stringify(menu)); // vm objects come from another realm

test('onOpen adds the English "Marketing" menu', () => {
  const addon = loadAddon({ locale: 'en_US' });
  addon.ctx.onOpen({ authMode: 'LIMITED' });
  assert.equal(addon.menus.length, 1);
  assert.deepEqual(plain(addon.menus[0]), {
    title: 'Marketing',
    items: [
      { caption: 'Recalculate', handler: 'recalculate' },
      { caption: 'Preview (dry run)', handler: 'previewRecalculation' },
      { separator: true },
      { caption: 'Daily auto-recalculate on/off', handler: 'toggleDailyRecalculate' },
      { caption: 'Notify owners on/off', handler: 'toggleNotifyOwners' },
      { separator: true },
      { caption: 'Help', handler: 'showHelp' },
    ],
  });
});

test('onOpen adds the Russian "Маркетинг" menu for a ru locale', () => {
  for (const locale of ['ru_RU', 'ru']) {
    const addon = loadAddon({ locale });
    addon.ctx.onOpen();
    const menu = plain(addon.menus[0]);
    assert.equal(menu.title, 'Маркетинг');
    assert.deepEqual(
      menu.items.filter((i) => !i.separator).map((i) => [i.caption, i.handler]),
      [
        ['Пересчитать', 'recalculate'],
        ['Предпросмотр (без записи)', 'previewRecalculation'],
        ['Ежедневный пересчёт вкл/выкл', 'toggleDailyRecalculate'],
        ['Уведомлять владельцев вкл/выкл', 'toggleNotifyOwners'],
        ['Справка', 'showHelp'],
      ],
    );
  }
});

test('every menu handler is a global function, and not a private (underscore) one', () => {
  for (const locale of ['en_US', 'ru_RU']) {
    const addon = loadAddon({ locale });
    addon.ctx.onOpen();
    const handlers = addon.menus[0].items.filter((i) => !i.separator).map((i) => i.handler);
    assert.equal(handlers.length, 5);
    for (const name of handlers) {
      assert.equal(typeof addon.ctx[name], 'function', `${name} is not defined`);
      assert.ok(!name.endsWith('_'), `${name} would be hidden from the menu by Apps Script`);
    }
  }
  assert.equal(typeof loadAddon().ctx.dailyRecalculate, 'function');
});

test('other locales get English; a broken locale call falls back to English', () => {
  const addon = loadAddon({ locale: 'de_DE' });
  addon.ctx.onOpen();
  assert.equal(addon.menus[0].title, 'Marketing');
  addon.ctx.SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale = () => {
    throw new Error('boom');
  };
  addon.ctx.onOpen();
  assert.equal(addon.menus[1].title, 'Marketing');
});

test('Help shows a short explanation in the sheet language', () => {
  const en = loadAddon({ locale: 'en_US' });
  en.ctx.showHelp();
  assert.equal(en.alerts.length, 1);
  assert.match(en.alerts[0].title, /help/i);
  assert.match(en.alerts[0].message, /CMO summary/);
  assert.match(en.alerts[0].message, /Preview \(dry run\)/);

  const ru = loadAddon({ locale: 'ru_RU' });
  ru.ctx.showHelp();
  assert.match(ru.alerts[0].title, /справка/);
  assert.match(ru.alerts[0].message, /Сводк/);
  assert.match(ru.alerts[0].message, /Предпросмотр \(без записи\)/);
});
