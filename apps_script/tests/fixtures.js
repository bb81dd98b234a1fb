'use strict';
/** Canned §7 responses for the fake UrlFetchApp. */

const URL = 'https://rolemap.example.test';

function sampleResult(overrides = {}) {
  return {
    spreadsheet_id: 'test-spreadsheet-id',
    as_of: '2026-11-25',
    flags: [
      { channel: 'Email', owner: 'Oleg', rule: 'Unsubscribes', metric: 'unsubscribe_rate', condition: '>', threshold: 0.005, days_in_a_row: 1, since: '2026-11-24', last_value: 0.012, action: 'review', status: 'new' },
      { channel: 'Yandex Direct', owner: 'Anna', rule: 'CPA too high', metric: 'cpa', condition: '>', threshold: 3000, days_in_a_row: 3, since: '2026-11-18', last_value: 4200, action: 'stop', status: 'ongoing' },
    ],
    checks: [
      { severity: 'error', code: 'CHANNEL_NO_OWNER', tab: 'Channels', row: 7, column: 'Owner', message: 'Channel "SEO" has no owner.', fix: 'Name exactly one owner.' },
      { severity: 'warning', code: 'FACTS_MISSING', tab: 'Weekly', row: null, column: null, message: 'No facts for Telegram, week 2026-11-16.', fix: 'Fill in the facts.' },
      { severity: 'warning', code: 'VANITY_KPI', tab: 'Roles', row: 4, column: 'KPI', message: 'Reach is a vanity KPI.', fix: 'Use leads.' },
      { severity: 'info', code: 'REVIEW_DUE', tab: 'Settings', row: null, column: null, message: 'Roles review due.', fix: 'Review roles.' },
      { severity: 'error', code: 'ROLE_CONFLICT', tab: 'Roles', row: 3, column: 'Role', message: 'Performance and analytics are one person.', fix: 'Add an external check.' },
    ],
    totals: { spend: 100000, leads: 120, sales: 12, revenue: 400000, cpl: 833.3, cpa: 8333.3, cac: 9000, roas: 4, romi: 3 },
    channels: [],
    api_requests: 3,
    duration_ms: 412,
    dry_run: false,
    ...overrides,
  };
}

function ok(body = sampleResult()) {
  return { status: 200, body };
}

function serviceError(status, code, message) {
  return { status, body: { error: { code, message } } };
}

module.exports = { URL, sampleResult, ok, serviceError };
