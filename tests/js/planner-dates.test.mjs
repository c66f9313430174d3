// Tests for the release-date planner's date library (themes/default/static/planner-dates.js).
// Run from the repository root: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import dates from '../../themes/default/static/planner-dates.js';

// The names a page gives the library: the default theme's [dates], as the page's
// `signpost-words` block carries them (each list a TOML array of plain strings, which is JSON).
function themeNames() {
  const toml = fs.readFileSync(new URL('../../themes/default/wording.toml', import.meta.url), 'utf8');
  const table = toml.split(/^\[dates\]$/m)[1].split(/^\[/m)[0];
  const list = (key) => JSON.parse(new RegExp(`^${key} = (\\[.*\\])$`, 'm').exec(table)[1]);
  return { weekdays: list('weekdays'), months: list('months') };
}
const EN = themeNames();
// Other names: Welsh.
const CY = {
  weekdays: ['Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn', 'Dydd Sul'],
  months: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi',
    'Hydref', 'Tachwedd', 'Rhagfyr'],
};

// A zone that is never UTC and changes its clocks, so any use of local-time Date methods
// (or adding 24 hours across a clock change) gives wrong dates below. Node re-reads TZ on
// assignment, and the library reads no dates while loading.
process.env.TZ = 'America/Los_Angeles';

// England and Wales bank holidays, 2026-2028 (GOV.UK).
const H = new Map([
  ['2026-01-01', "New Year's Day"],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'],
  ['2026-08-31', 'Summer bank holiday'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', "New Year's Day"],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'],
  ['2027-08-30', 'Summer bank holiday'],
  ['2027-12-27', 'Christmas Day (substitute day)'],
  ['2027-12-28', 'Boxing Day (substitute day)'],
  ['2028-01-03', "New Year's Day (substitute day)"],
  ['2028-04-14', 'Good Friday'],
  ['2028-04-17', 'Easter Monday'],
  ['2028-05-01', 'Early May bank holiday'],
  ['2028-05-29', 'Spring bank holiday'],
  ['2028-08-28', 'Summer bank holiday'],
  ['2028-12-25', 'Christmas Day'],
  ['2028-12-26', 'Boxing Day'],
]);
const NONE = new Map();

test('the tests really run in a zone that is not UTC', () => {
  assert.notEqual(new Date(Date.UTC(2027, 6, 1)).getTimezoneOffset(), 0);
});

test('the bank holiday fixture falls on weekdays', () => {
  for (const iso of H.keys()) assert.equal(dates.isWeekend(iso), false, iso);
});

test('exports exactly the documented API', () => {
  assert.deepEqual(Object.keys(dates).sort(), [
    'addDays', 'addMonths', 'addWorkingDays', 'coveredUntil', 'formatDay', 'ics', 'isWeekend',
    'isWorkingDay', 'lastWorkingDayOnOrBefore', 'parseDate', 'shift', 'weekday', 'window',
  ]);
});

test('parseDate accepts ISO and UK day-first forms', () => {
  assert.equal(dates.parseDate('2027-03-26'), '2027-03-26');
  assert.equal(dates.parseDate('  2027-03-26\n'), '2027-03-26');
  assert.equal(dates.parseDate('26/03/2027'), '2027-03-26');
  assert.equal(dates.parseDate('6/3/2027'), '2027-03-06');
  assert.equal(dates.parseDate('06-03-2027'), '2027-03-06');
  assert.equal(dates.parseDate('6.3.2027'), '2027-03-06');
  // The form's own example, as GOV.UK writes dates in hints.
  assert.equal(dates.parseDate('26 3 2027'), '2027-03-26');
  assert.equal(dates.parseDate('26  03   2027'), '2027-03-26');
  assert.equal(dates.parseDate('26 3/2027'), null);
  assert.equal(dates.parseDate('31/12/2200'), '2200-12-31');
  assert.equal(dates.parseDate('01/01/1900'), '1900-01-01');
});

test('parseDate rejects impossible dates and other text', () => {
  for (const text of [
    '2027-02-29', '31/04/2027', '2027-13-01', '01/13/2027', '0/1/2027', '1/0/2027', '2027-00-10',
    '31/12/1899', '01/01/2201', '1899-12-31', '2201-01-01', '', '   ', 'tomorrow', '26/03/27',
    '2027-3-26', '2027/03/26', '26/03-2027', '26 03 27', '26/03/2027 10:00', '2027-03-26T00:00',
    '１/３/２０２７', '+2027-03-26',
  ]) {
    assert.equal(dates.parseDate(text), null, JSON.stringify(text));
  }
  assert.equal(dates.parseDate(null), null);
  assert.equal(dates.parseDate(undefined), null);
  assert.equal(dates.parseDate(20270326), null);
});

test('leap years', () => {
  assert.equal(dates.addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(dates.addDays('2028-02-29', 1), '2028-03-01');
  assert.equal(dates.addDays('2027-02-28', 1), '2027-03-01');
  assert.equal(dates.addDays('2100-02-28', 1), '2100-03-01');
  assert.equal(dates.addDays('2000-02-28', 1), '2000-02-29');
  assert.equal(dates.parseDate('29/02/2028'), '2028-02-29');
  assert.equal(dates.parseDate('29/02/2027'), null);
  assert.equal(dates.parseDate('2100-02-29'), null);
  assert.equal(dates.parseDate('2000-02-29'), '2000-02-29');
  // A 28-day window that crosses 29 February 2028.
  assert.deepEqual(dates.window({ relation: 'before', min: 28, unit: 'days' }, '2028-03-26', H),
    { from: null, to: '2028-02-27' });
});

test('addDays across months, years and clock changes, both ways', () => {
  assert.equal(dates.addDays('2027-03-26', -28), '2027-02-26');
  assert.equal(dates.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(dates.addDays('2027-01-01', -1), '2026-12-31');
  assert.equal(dates.addDays('2027-03-27', 1), '2027-03-28'); // UK clocks go forward on the 28th
  assert.equal(dates.addDays('2027-03-14', 1), '2027-03-15'); // US clocks go forward on the 14th
  assert.equal(dates.addDays('2027-11-07', -1), '2027-11-06');
  assert.equal(dates.addDays('2027-03-26', 0), '2027-03-26');
  assert.equal(dates.addDays('2027-03-26', 365), '2028-03-25');
  assert.equal(dates.addDays('1970-01-01', -1), '1969-12-31');
  assert.throws(() => dates.addDays('2027-03-26', 1.5), RangeError);
  assert.throws(() => dates.addDays('26/03/2027', 1), TypeError);
  assert.throws(() => dates.addDays('2027-02-30', 1), TypeError);
});

test('addMonths clamps to the end of the month', () => {
  assert.equal(dates.addMonths('2027-05-31', -3), '2027-02-28');
  assert.equal(dates.addMonths('2028-05-31', -3), '2028-02-29');
  assert.equal(dates.addMonths('2027-01-31', 1), '2027-02-28');
  assert.equal(dates.addMonths('2027-03-31', 1), '2027-04-30');
  assert.equal(dates.addMonths('2027-03-26', -4), '2026-11-26');
  assert.equal(dates.addMonths('2027-11-15', 2), '2028-01-15');
  assert.equal(dates.addMonths('2027-01-15', -13), '2025-12-15');
  assert.equal(dates.addMonths('2027-01-15', 0), '2027-01-15');
});

test('weekday, isWeekend and isWorkingDay', () => {
  assert.equal(dates.weekday('2027-03-26', EN), 'Friday');
  assert.equal(dates.weekday('2027-03-27', EN), 'Saturday');
  assert.equal(dates.weekday('2027-03-28', EN), 'Sunday');
  assert.equal(dates.weekday('2027-03-29', EN), 'Monday');
  assert.equal(dates.weekday('1970-01-01', EN), 'Thursday');
  assert.equal(dates.weekday('1969-12-28', EN), 'Sunday');
  assert.equal(dates.weekday('2000-02-29', EN), 'Tuesday');
  assert.equal(dates.weekday('2027-03-27', CY), 'Dydd Sadwrn');
  assert.equal(dates.isWeekend('2027-03-27'), true);
  assert.equal(dates.isWeekend('2027-03-28'), true);
  assert.equal(dates.isWeekend('2027-03-26'), false);
  assert.equal(dates.isWorkingDay('2027-03-25', H), true);
  assert.equal(dates.isWorkingDay('2027-03-26', H), false); // Good Friday
  assert.equal(dates.isWorkingDay('2027-03-26', NONE), true);
  assert.equal(dates.isWorkingDay('2027-03-27', NONE), false);
});

test('formatDay', () => {
  assert.equal(dates.formatDay('2027-02-26', EN), 'Friday 26 February 2027');
  assert.equal(dates.formatDay('2027-03-01', EN), 'Monday 1 March 2027');
  assert.equal(dates.formatDay('2028-02-29', EN), 'Tuesday 29 February 2028');
  assert.equal(dates.formatDay('2026-12-25', EN), 'Friday 25 December 2026');
});

test('formatDay and weekday with other names', () => {
  assert.equal(dates.formatDay('2027-02-26', CY), 'Dydd Gwener 26 Chwefror 2027');
  assert.equal(dates.formatDay('2026-12-25', CY), 'Dydd Gwener 25 Rhagfyr 2026');
  assert.equal(dates.formatDay('2028-01-03', CY), 'Dydd Llun 3 Ionawr 2028');
  // Every day of a year: the weekday's and month's place in the lists, whatever the names.
  const numbered = {
    weekdays: ['1', '2', '3', '4', '5', '6', '7'],
    months: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
  };
  for (let iso = '2027-01-01'; iso < '2028-01-01'; iso = dates.addDays(iso, 1)) {
    const day = new Date(`${iso}T00:00:00Z`);
    const monday = (day.getUTCDay() + 6) % 7 + 1;
    assert.equal(dates.formatDay(iso, numbered),
      `${monday} ${day.getUTCDate()} ${day.getUTCMonth() + 1} 2027`, iso);
    assert.equal(dates.isWeekend(iso), monday >= 6, iso);
  }
});

test('formatDay and weekday need the names', () => {
  assert.throws(() => dates.formatDay('2027-02-26'), TypeError);
  assert.throws(() => dates.weekday('2027-02-26', { weekdays: EN.weekdays }), TypeError);
  assert.throws(() => dates.formatDay('2027-02-26', { weekdays: EN.weekdays.slice(1), months: EN.months }), TypeError);
});

test('working days around Easter 2027', () => {
  // Friday referral: skips the weekend, Good Friday, the weekend and Easter Monday.
  assert.equal(dates.addWorkingDays('2027-03-19', 10, H), '2027-04-06');
  // A referral on Good Friday itself.
  assert.equal(dates.addWorkingDays('2027-03-26', 10, H), '2027-04-12');
  assert.equal(dates.addWorkingDays('2027-04-06', 5, H), '2027-04-13');
  // The start day never counts, even when it is a working day.
  assert.equal(dates.addWorkingDays('2027-03-25', 1, H), '2027-03-30');
  assert.equal(dates.addWorkingDays('2027-03-22', 1, H), '2027-03-23');
  assert.equal(dates.addWorkingDays('2027-03-26', 0, H), '2027-03-26');
});

test('working days across Christmas and New Year 2026-27', () => {
  // Wed 23 Dec: Thu 24 (1); Fri 25 Christmas; 26-27 weekend; Mon 28 substitute Boxing Day;
  // Tue 29 (2), Wed 30 (3), Thu 31 (4); Fri 1 Jan New Year; 2-3 weekend; Mon 4 Jan (5).
  assert.equal(dates.addWorkingDays('2026-12-23', 5, H), '2027-01-04');
  assert.equal(dates.addWorkingDays('2026-12-23', 6, H), '2027-01-05');
  assert.equal(dates.addWorkingDays('2027-01-04', -5, H), '2026-12-23');
  // 2027-28: Christmas and Boxing Day are on a weekend, so the 27th and 28th are the holidays.
  assert.equal(dates.addWorkingDays('2027-12-24', 1, H), '2027-12-29');
  assert.equal(dates.addWorkingDays('2027-12-31', 1, H), '2028-01-04');
});

test('working days from a Saturday', () => {
  assert.equal(dates.addWorkingDays('2027-03-20', 1, H), '2027-03-22');
  // Easter Saturday: Monday is a bank holiday, so Tuesday.
  assert.equal(dates.addWorkingDays('2027-03-27', 1, H), '2027-03-30');
  assert.equal(dates.addWorkingDays('2027-03-27', -1, H), '2027-03-25');
  assert.equal(dates.addWorkingDays('2027-03-20', -1, H), '2027-03-19');
  assert.equal(dates.addWorkingDays('2027-03-20', 0, H), '2027-03-20');
});

test('working days without bank holidays skip only weekends', () => {
  assert.equal(dates.addWorkingDays('2027-03-19', 10, NONE), '2027-04-02');
  assert.equal(dates.addWorkingDays('2027-03-25', 1, NONE), '2027-03-26');
  assert.equal(dates.addWorkingDays('2026-12-23', 5, NONE), '2026-12-30');
});

test('negative working days count backwards', () => {
  assert.equal(dates.addWorkingDays('2027-04-06', -10, H), '2027-03-19');
  assert.equal(dates.addWorkingDays('2027-03-30', -1, H), '2027-03-25');
  assert.equal(dates.addWorkingDays('2027-04-12', -10, H), '2027-03-25');
  assert.equal(dates.addWorkingDays('2027-03-22', -1, NONE), '2027-03-19');
});

test('lastWorkingDayOnOrBefore', () => {
  assert.equal(dates.lastWorkingDayOnOrBefore('2027-03-29', H), '2027-03-25'); // Easter Monday
  assert.equal(dates.lastWorkingDayOnOrBefore('2027-03-25', H), '2027-03-25');
  assert.equal(dates.lastWorkingDayOnOrBefore('2027-03-28', NONE), '2027-03-26');
  assert.equal(dates.lastWorkingDayOnOrBefore('2027-01-03', H), '2026-12-31');
});

test('shift by each unit', () => {
  assert.equal(dates.shift('2027-03-26', 28, 'days', -1, H), '2027-02-26');
  assert.equal(dates.shift('2027-03-26', 13, 'weeks', -1, H), '2026-12-25');
  assert.equal(dates.shift('2027-03-26', 4, 'months', -1, H), '2026-11-26');
  assert.equal(dates.shift('2027-03-19', 10, 'working_days', 1, H), '2027-04-06');
  assert.equal(dates.shift('2027-04-06', 10, 'working_days', -1, H), '2027-03-19');
  assert.equal(dates.shift('2027-03-26', 2, 'weeks', 1, H), '2027-04-09');
  assert.throws(() => dates.shift('2027-03-26', 2, 'fortnights', 1, H), /Unknown unit/);
  assert.throws(() => dates.shift('2027-03-26', 2, 'Days', 1, H), /Unknown unit/);
  assert.throws(() => dates.shift('2027-03-26', 2, 'days', 0, H), RangeError);
});

test('window: before, min only ("at least N before release")', () => {
  const t = (min, unit) => dates.window({ relation: 'before', min, unit }, '2027-03-26', H);
  assert.deepEqual(t(28, 'days'), { from: null, to: '2027-02-26' });
  assert.deepEqual(t(13, 'weeks'), { from: null, to: '2026-12-25' });
  assert.deepEqual(t(4, 'months'), { from: null, to: '2026-11-26' });
  assert.deepEqual(t(3, 'working_days'), { from: null, to: '2027-03-23' });
  assert.deepEqual(dates.window({ relation: 'before', min: 28, max: null, unit: 'days' }, '2027-03-26', H),
    { from: null, to: '2027-02-26' });
});

test('window: before, max only ("no more than N before release")', () => {
  assert.deepEqual(dates.window({ relation: 'before', min: null, max: 14, unit: 'days' }, '2027-03-26', H),
    { from: '2027-03-12', to: '2027-03-26' });
});

test('window: before, min and max ("N to M before")', () => {
  assert.deepEqual(dates.window({ relation: 'before', min: 2, max: 4, unit: 'weeks' }, '2027-03-26', H),
    { from: '2027-02-26', to: '2027-03-12' });
});

test('window: after, max only ("within N of referral")', () => {
  assert.deepEqual(dates.window({ relation: 'after', max: 10, unit: 'working_days' }, '2027-03-19', H),
    { from: '2027-03-19', to: '2027-04-06' });
});

test('window: after, min only ("at least N after")', () => {
  assert.deepEqual(dates.window({ relation: 'after', min: 1, max: undefined, unit: 'months' }, '2027-01-31', H),
    { from: '2027-02-28', to: null });
});

test('window: after, min and max ("N to M after reception")', () => {
  assert.deepEqual(dates.window({ relation: 'after', min: 3, max: 5, unit: 'days' }, '2027-03-26', H),
    { from: '2027-03-29', to: '2027-03-31' });
});

test('window: neither min nor max is the anchor day', () => {
  assert.deepEqual(dates.window({ relation: 'before', min: null, max: null, unit: 'days' }, '2027-03-26', H),
    { from: '2027-03-26', to: '2027-03-26' });
  assert.deepEqual(dates.window({ relation: 'after', unit: 'working_days' }, '2027-03-27', H),
    { from: '2027-03-27', to: '2027-03-27' });
  assert.throws(() => dates.window({ relation: 'during', min: 1, unit: 'days' }, '2027-03-26', H), /relation/);
});

test('coveredUntil', () => {
  assert.equal(dates.coveredUntil(H), '2028-12-26');
  assert.equal(dates.coveredUntil(NONE), null);
  assert.equal(dates.coveredUntil(new Map([['2027-12-28', 'b'], ['2026-01-01', 'a']])), '2027-12-28');
});

// --- iCalendar ---

const NOW = new Date(Date.UTC(2027, 2, 1, 3, 4, 5)); // evening of 28 Feb in Los Angeles
const OPTIONS = { now: NOW, prodId: '-//Signpost//Release planner//EN', name: 'My release plan' };

/** Physical lines of an .ics text; asserts CRLF endings throughout. */
function physicalLines(text) {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  return text.slice(0, -2).split('\r\n');
}

const unfold = (text) => text.replace(/\r\n /g, '');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertFolded(text) {
  for (const line of physicalLines(text)) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `over 75 octets: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, LONE_SURROGATE);
    // A split UTF-8 sequence would not survive an encode/decode round trip.
    assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'utf8')), line);
  }
}

test('ics: calendar structure, all-day dates and DTSTAMP', () => {
  const text = dates.ics([
    { uid: 'step-1@signpost', summary: 'Apply for housing', start: '2027-02-26', end: '2027-03-12', url: 'https://example.org/a?x=1,2' },
    { uid: 'step-2@signpost', summary: 'Release day', start: '2027-12-31' },
    { uid: 'step-3@signpost', summary: 'Leap day', start: '2028-02-29', end: '2028-02-29', description: '' },
  ], OPTIONS);
  assert.deepEqual(physicalLines(text), [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Signpost//Release planner//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:My release plan',
    'BEGIN:VEVENT',
    'UID:step-1@signpost',
    'DTSTAMP:20270301T030405Z',
    'DTSTART;VALUE=DATE:20270226',
    'DTEND;VALUE=DATE:20270313',
    'SUMMARY:Apply for housing',
    'URL:https://example.org/a?x=1,2',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:step-2@signpost',
    'DTSTAMP:20270301T030405Z',
    'DTSTART;VALUE=DATE:20271231',
    'DTEND;VALUE=DATE:20280101',
    'SUMMARY:Release day',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:step-3@signpost',
    'DTSTAMP:20270301T030405Z',
    'DTSTART;VALUE=DATE:20280229',
    'DTEND;VALUE=DATE:20280301',
    'SUMMARY:Leap day',
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
});

test('ics: no calendar name line without a name; no events is still a calendar', () => {
  const text = dates.ics([], { now: NOW, prodId: '-//X//Y//EN' });
  assert.equal(text, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//X//Y//EN\r\nCALSCALE:GREGORIAN\r\n' +
    'METHOD:PUBLISH\r\nEND:VCALENDAR\r\n');
});

test('ics: rejects events without a uid or ending before they start', () => {
  assert.throws(() => dates.ics([{ summary: 'x', start: '2027-03-26' }], OPTIONS), /uid/);
  assert.throws(() => dates.ics([{ uid: 'a', start: '2027-03-26', end: '2027-03-25' }], OPTIONS), RangeError);
});

test('ics: TEXT escaping', () => {
  const text = dates.ics([{
    uid: 'u1',
    summary: 'Call; then write, C:\\docs',
    description: 'Line one\nLine two\r\nLine three',
    start: '2027-03-26',
  }], OPTIONS);
  const lines = physicalLines(unfold(text));
  assert.ok(lines.includes('SUMMARY:Call\\; then write\\, C:\\\\docs'), lines.join('\n'));
  assert.ok(lines.includes('DESCRIPTION:Line one\\nLine two\\nLine three'), lines.join('\n'));
});

test('ics: folds at 75 octets exactly', () => {
  // The SUMMARY line and its continuation lines.
  const at = (summary) => {
    const lines = physicalLines(dates.ics([{ uid: 'u', summary, start: '2027-03-26' }], OPTIONS));
    const first = lines.findIndex((l) => l.startsWith('SUMMARY:'));
    let end = first + 1;
    while (lines[end].startsWith(' ')) end += 1;
    return lines.slice(first, end);
  };
  // 'SUMMARY:' is 8 octets.
  assert.deepEqual(at('a'.repeat(67)), ['SUMMARY:' + 'a'.repeat(67)]);
  assert.deepEqual(at('a'.repeat(68)), ['SUMMARY:' + 'a'.repeat(67), ' a']);
  // A 2-octet 'é' that would straddle the limit moves to the next line whole.
  assert.deepEqual(at('a'.repeat(66) + 'é'), ['SUMMARY:' + 'a'.repeat(66), ' é']);
  // So does a 4-octet emoji (a surrogate pair in JavaScript).
  assert.deepEqual(at('a'.repeat(65) + '🏠'), ['SUMMARY:' + 'a'.repeat(65), ' 🏠']);
  // Continuation lines hold 74 octets after the leading space.
  assert.deepEqual(at('a'.repeat(67 + 74 + 1)), ['SUMMARY:' + 'a'.repeat(67), ' ' + 'a'.repeat(74), ' a']);
});

test('ics: folding by octets with multi-byte text, and unfolding restores it', () => {
  const summary = 'Café – “quote” 🏠 '.repeat(8).trim();
  const description = 'Housing; advice, and more\n' + 'ŵ€🏠'.repeat(40) + '\\end';
  const text = dates.ics([{ uid: 'fold@signpost', summary, description, url: 'https://example.org/' + 'p'.repeat(120), start: '2027-03-26' }], OPTIONS);
  assertFolded(text);
  assert.ok(physicalLines(text).some((l) => l.startsWith(' ')), 'something was folded');
  const lines = physicalLines(unfold(text));
  assert.ok(lines.includes('SUMMARY:' + summary));
  assert.ok(lines.includes('DESCRIPTION:Housing\\; advice\\, and more\\n' + 'ŵ€🏠'.repeat(40) + '\\\\end'));
  assert.ok(lines.includes('URL:https://example.org/' + 'p'.repeat(120)));
  // Every octet-limited line that was folded was filled as far as its next character allows.
  const raw = physicalLines(text);
  raw.forEach((line, i) => {
    const next = raw[i + 1];
    if (next && next.startsWith(' ')) {
      const nextChar = String.fromCodePoint(next.codePointAt(1));
      assert.ok(Buffer.byteLength(line + nextChar, 'utf8') > 75, `folded early: ${JSON.stringify(line)}`);
    }
  });
});

test('ics: DTSTAMP is UTC whatever the local zone', () => {
  const text = dates.ics([{ uid: 'u', start: '2027-06-30' }],
    { now: new Date('2027-07-01T06:30:09Z'), prodId: 'p' });
  assert.match(text, /\r\nDTSTAMP:20270701T063009Z\r\n/);
  assert.doesNotMatch(text, /SUMMARY|DESCRIPTION|URL/);
});
