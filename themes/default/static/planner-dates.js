/*
 * Date arithmetic for the release-date planner: turns a protocol step's timing ("at least
 * 28 days before release", "within 10 working days of referral") and an anchor date into the
 * dates a person can act on, counts working days around England and Wales bank holidays, and
 * writes the plan as an iCalendar file.
 *
 * Words are the page's, not this file's: the weekday and month names come as `names`,
 * { weekdays: 7 names, Monday first, months: 12 names, January first } (the theme's
 * `[dates]`, which the page carries in its `signpost-words` block).
 *
 * Dates are 'YYYY-MM-DD' strings at the edges. Inside, a date is a whole number of days since
 * 1970-01-01 in UTC, so the phone's time zone and clock changes can never move a date.
 * Classic script, ES2015 at most (old phone browsers): window.SignpostDates in a browser,
 * module.exports under Node (for the tests).
 */
(function (root) {
  'use strict';

  const DAY_MS = 86400000;

  function pad(n, width) {
    let s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }

  function isLeap(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  // Bad input is a programming error in the planner, so fail loudly rather than show NaN.
  function parts(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const p = m && { y: +m[1], m: +m[2], d: +m[3] };
    if (!p || p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.m)) {
      throw new TypeError('Expected a YYYY-MM-DD date, got ' + String(iso));
    }
    return p;
  }

  function toDay(iso) {
    const p = parts(iso);
    // Date.UTC maps years 0-99 to 1900-1999, so set the year separately.
    const date = new Date(Date.UTC(2000, p.m - 1, p.d));
    date.setUTCFullYear(p.y);
    return Math.round(date.getTime() / DAY_MS);
  }

  function fromDay(day) {
    const date = new Date(day * DAY_MS);
    return pad(date.getUTCFullYear(), 4) + '-' + pad(date.getUTCMonth() + 1, 2) + '-' +
      pad(date.getUTCDate(), 2);
  }

  function whole(n) {
    if (!Number.isInteger(n)) throw new RangeError('Expected a whole number, got ' + n);
    return n;
  }

  /** 'YYYY-MM-DD' (from <input type=date>) or UK day-first 'D/M/YYYY' with '/', '-', '.' or spaces (GOV.UK's '26 3 2027'); null if not a real date. */
  function parseDate(text) {
    if (typeof text !== 'string') return null;
    const s = text.trim();
    let y, m, d;
    let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (match) {
      y = +match[1]; m = +match[2]; d = +match[3];
    } else if ((match = /^(\d{1,2})([\/.-]|\s+)(\d{1,2})\2(\d{4})$/.exec(s.replace(/\s+/g, ' ')))) {
      d = +match[1]; m = +match[3]; y = +match[4];
    } else {
      return null;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
    return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(d, 2);
  }

  /** 0 for Monday to 6 for Sunday. */
  function weekdayIndex(iso) {
    // 1970-01-01 was a Thursday (index 3); the double modulo keeps earlier dates positive.
    return ((toDay(iso) + 3) % 7 + 7) % 7;
  }

  // Names without 7 weekdays and 12 months are a mistake in the page: fail loudly.
  function checked(names) {
    if (!names || !names.weekdays || names.weekdays.length !== 7 || !names.months ||
      names.months.length !== 12) {
      throw new TypeError('Expected names: { weekdays: 7, Monday first, months: 12, January first }');
    }
    return names;
  }

  /** The weekday's name in `names` ('Monday'..'Sunday' in English). */
  function weekday(iso, names) {
    return checked(names).weekdays[weekdayIndex(iso)];
  }

  /** True on Saturday and Sunday. */
  function isWeekend(iso) {
    return weekdayIndex(iso) >= 5;
  }

  /** Monday to Friday and not in `holidays` (a Map from ISO date to holiday name). */
  function isWorkingDay(iso, holidays) {
    return !isWeekend(iso) && !(holidays && holidays.has(iso));
  }

  /** `n` calendar days later (earlier if negative). */
  function addDays(iso, n) {
    return fromDay(toDay(iso) + whole(n));
  }

  /** `n` calendar months later (earlier if negative); a day past the month's end becomes its last day. */
  function addMonths(iso, n) {
    const p = parts(iso);
    const total = p.y * 12 + (p.m - 1) + whole(n);
    const y = Math.floor(total / 12);
    const m = total - y * 12 + 1;
    return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(Math.min(p.d, daysInMonth(y, m)), 2);
  }

  /** The n-th working day after `iso` (before, if n < 0); `iso` itself never counts. n = 0 gives `iso`. */
  function addWorkingDays(iso, n, holidays) {
    let day = toDay(iso);
    const step = whole(n) < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (isWorkingDay(fromDay(day), holidays)) left -= 1;
    }
    return fromDay(day);
  }

  /** Moves `amount` units ('days', 'weeks', 'months', 'working_days') after (sign +1) or before (sign -1) `iso`. */
  function shift(iso, amount, unit, sign, holidays) {
    if (sign !== 1 && sign !== -1) throw new RangeError('sign must be 1 or -1, got ' + sign);
    const n = whole(amount) * sign;
    if (unit === 'days') return addDays(iso, n);
    if (unit === 'weeks') return addDays(iso, 7 * n);
    if (unit === 'months') return addMonths(iso, n);
    if (unit === 'working_days') return addWorkingDays(iso, n, holidays);
    throw new RangeError('Unknown unit: ' + unit);
  }

  /**
   * The dates a step can happen on: { from, to }, either null when open-ended.
   * `timing` is { relation: 'before'|'after', min, max, unit } as in the protocol files.
   */
  function dateWindow(timing, anchorIso, holidays) {
    const hasMin = timing.min !== null && timing.min !== undefined;
    const hasMax = timing.max !== null && timing.max !== undefined;
    const at = function (amount, sign) { return shift(anchorIso, amount, timing.unit, sign, holidays); };
    parts(anchorIso); // throws on a bad anchor even when nothing is added to it
    if (!hasMin && !hasMax) return { from: anchorIso, to: anchorIso };
    if (timing.relation === 'before') {
      // "At least N before" closes at anchor - N; "no more than M before" runs up to the anchor.
      return { from: hasMax ? at(timing.max, -1) : null, to: hasMin ? at(timing.min, -1) : anchorIso };
    }
    if (timing.relation === 'after') {
      // "Within M of" starts at the anchor; "at least N after" has no end.
      return { from: hasMin ? at(timing.min, 1) : anchorIso, to: hasMax ? at(timing.max, 1) : null };
    }
    throw new RangeError('Unknown relation: ' + timing.relation);
  }

  /** `iso` if it is a working day, otherwise the working day before it. */
  function lastWorkingDayOnOrBefore(iso, holidays) {
    let day = toDay(iso);
    while (!isWorkingDay(fromDay(day), holidays)) day -= 1;
    return fromDay(day);
  }

  /** The weekday, day, month and year with `names`: 'Friday 26 February 2027' in English. */
  function formatDay(iso, names) {
    const p = parts(iso);
    return weekday(iso, names) + ' ' + p.d + ' ' + checked(names).months[p.m - 1] + ' ' + p.y;
  }

  /** The latest date in `holidays`, or null: working-day counts after it may miss a bank holiday. */
  function coveredUntil(holidays) {
    let last = null;
    if (holidays) {
      holidays.forEach(function (name, iso) {
        // ISO dates sort as strings.
        if (last === null || iso > last) last = iso;
      });
    }
    return last;
  }

  // RFC 5545 TEXT: backslash first, so the escapes added after it are not doubled.
  function escapeText(value) {
    return String(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n');
  }

  function utf8Length(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  // RFC 5545 3.1: at most 75 octets a line, continued after CRLF + space (which counts).
  // for...of walks code points, so a surrogate pair, and so a UTF-8 sequence, is never split.
  function fold(line) {
    const out = [];
    let current = '';
    let octets = 0;
    for (const ch of line) {
      const size = utf8Length(ch.codePointAt(0));
      if (octets + size > 75) {
        out.push(current);
        current = ' ';
        octets = 1;
      }
      current += ch;
      octets += size;
    }
    out.push(current);
    return out.join('\r\n');
  }

  function stamp(date) {
    return pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) +
      'T' + pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + 'Z';
  }

  function icsDate(iso) {
    return iso.replace(/-/g, '');
  }

  /**
   * An iCalendar file with one all-day event per item of `events` ({ uid, summary, description,
   * url, start, end }; `end` is inclusive and defaults to `start`).
   * `options`: { now: Date for DTSTAMP, prodId, name (calendar name) }.
   */
  function ics(events, options) {
    const opts = options || {};
    const now = stamp(opts.now || new Date());
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0',
      'PRODID:' + escapeText(opts.prodId || '-//Signpost//Release-date planner//EN'),
      'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
    if (opts.name) lines.push('X-WR-CALNAME:' + escapeText(opts.name));
    events.forEach(function (event) {
      // UID is required, and a stable one lets a re-import update events instead of duplicating them.
      if (!event.uid) throw new TypeError('Every calendar event needs a uid');
      const end = event.end || event.start;
      if (toDay(end) < toDay(event.start)) throw new RangeError('Event ends before it starts: ' + event.uid);
      lines.push('BEGIN:VEVENT', 'UID:' + escapeText(event.uid), 'DTSTAMP:' + now,
        'DTSTART;VALUE=DATE:' + icsDate(event.start),
        // DTEND is exclusive for all-day events: the day after the last day.
        'DTEND;VALUE=DATE:' + icsDate(addDays(end, 1)));
      if (event.summary) lines.push('SUMMARY:' + escapeText(event.summary));
      if (event.description) lines.push('DESCRIPTION:' + escapeText(event.description));
      // URL is a URI, not TEXT: escaping its commas would change it. Line breaks would break the file.
      if (event.url) lines.push('URL:' + String(event.url).replace(/[\r\n]/g, ''));
      lines.push('END:VEVENT');
    });
    lines.push('END:VCALENDAR');
    return lines.map(fold).join('\r\n') + '\r\n';
  }

  const api = {
    parseDate: parseDate, isWeekend: isWeekend, isWorkingDay: isWorkingDay, weekday: weekday,
    addDays: addDays, addMonths: addMonths, addWorkingDays: addWorkingDays, shift: shift,
    window: dateWindow, lastWorkingDayOnOrBefore: lastWorkingDayOnOrBefore, formatDay: formatDay,
    coveredUntil: coveredUntil, ics: ics
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.SignpostDates = api;
  }
})(typeof self !== 'undefined' ? self : this);
