/* Signpost release-date planner: fills in the dates on /planner/.
   The page already lists every step with its deadline in words; this script only adds
   the form, the worked-out dates and the calendar files. The date rules live in
   planner-dates.js (tested with `node --test tests/js/`); this file is the page glue.
   Its words, and the names of weekdays and months, are the page's: the theme's wording,
   in the page's `signpost-words` block. Without them the page stays as it is without
   JavaScript.
   Classic script, no dependencies, ES2015 at most, so it runs on old phones. */
(function () {
  'use strict';
  const D = self.SignpostDates;
  const root = document.getElementById('planner');
  const wordsNode = document.getElementById('signpost-words');
  let words = null;
  try {
    words = wordsNode ? JSON.parse(wordsNode.textContent) : null;
  } catch (e) {
    words = null;
  }
  if (!D || !root || !words || !words.text) return;
  const text = words.text;
  const names = { weekdays: words.weekdays, months: words.months };
  const form = document.getElementById('planner-form');
  const status = document.getElementById('planner-status');
  const data = document.getElementById('planner-holidays');
  let holidays = new Map();
  try {
    holidays = new Map(data ? JSON.parse(data.textContent) : []);
  } catch (e) {
    holidays = new Map();
  }
  const until = root.getAttribute('data-holidays-until');
  const since = root.getAttribute('data-holidays-from');
  const inputs = Array.prototype.slice.call(form.querySelectorAll('input[type="date"]'));
  const items = Array.prototype.slice.call(root.querySelectorAll('.planner-item'));
  const labelOf = function (input) {
    const label = form.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : input.name;
  };

  function today() {
    const now = new Date();
    const pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  }

  function el(tag, content, className) {
    const node = document.createElement(tag);
    if (content) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  /**
   * The words of `key` cut at each {name}, its value (text or a node) in its place. One
   * pass, so a {name} inside a value is left as it is.
   */
  function pieces(key, values) {
    const phrase = text[key] || '';
    const out = [];
    const pattern = /\{(\w+)\}/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(phrase)) !== null) {
      out.push(phrase.slice(last, match.index));
      out.push(Object.prototype.hasOwnProperty.call(values, match[1]) ? values[match[1]] : match[0]);
      last = pattern.lastIndex;
    }
    out.push(phrase.slice(last));
    return out.filter(function (part) { return part !== ''; });
  }

  /** The words of `key` with each {name} filled in with its text. */
  function say(key, values) {
    return pieces(key, values || {}).join('');
  }

  function time(iso) {
    const t = el('time', D.formatDay(iso, names));
    t.setAttribute('datetime', iso);
    return t;
  }

  function sentence(parts) {
    const p = el('p');
    parts.forEach(function (part) {
      p.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
    });
    return p;
  }

  /** Why a day is not a working day, e.g. "a Saturday" or "Good Friday, a bank holiday". */
  function notWorking(iso) {
    if (holidays.has(iso)) return say('planner_not_working_holiday', { holiday: holidays.get(iso) });
    return say('planner_not_working_weekday', { weekday: D.weekday(iso, names) });
  }

  function setError(input, message) {
    const id = input.id + '-error';
    const old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    const hint = input.id + '-hint';
    if (!message) {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', hint);
      input.parentNode.classList.remove('field-invalid');
      return;
    }
    const p = el('p', message, 'field-error');
    p.id = id;
    input.parentNode.insertBefore(p, input);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', hint + ' ' + id);
    input.parentNode.classList.add('field-invalid');
  }

  /** The entered dates by anchor name, or null (with the errors shown) if one is not a date. */
  function readDates() {
    const dates = {};
    let firstBad = null;
    inputs.forEach(function (input) {
      const text = input.value.trim();
      // A date box gives '' for a half-typed or impossible date: that is an error, not a blank.
      const bad = input.validity && input.validity.badInput;
      if (!text && !bad) {
        setError(input, null);
        return;
      }
      const iso = D.parseDate(text);
      if (iso) {
        dates[input.name] = iso;
        setError(input, null);
      } else {
        setError(input, say('planner_field_error', { field: labelOf(input) }));
        if (!firstBad) firstBad = input;
      }
    });
    if (firstBad) {
      const details = firstBad.closest ? firstBad.closest('details') : null;
      if (details) details.open = true;
      firstBad.focus();
      return null;
    }
    return dates;
  }

  function timingOf(item) {
    const num = function (name) {
      const v = item.getAttribute('data-' + name);
      return v === null ? null : Number(v);
    };
    return {
      anchor: item.getAttribute('data-anchor'),
      relation: item.getAttribute('data-relation'),
      min: num('min'),
      max: num('max'),
      unit: item.getAttribute('data-unit'),
    };
  }

  /** Works out every item's window; an item that marks an event stands in for its date. */
  function plan(entered) {
    const anchors = {};
    Object.keys(entered).forEach(function (k) { anchors[k] = { iso: entered[k], from: null }; });
    const results = new Map();
    // A mark can feed another mark, so go round until nothing new is dated.
    for (let round = 0; round <= items.length; round += 1) {
      let changed = false;
      items.forEach(function (item) {
        if (results.has(item)) return;
        const t = timingOf(item);
        const anchor = anchors[t.anchor];
        if (!anchor) return;
        const w = D.window(t, anchor.iso, holidays);
        results.set(item, { window: w, anchor: anchor, timing: t });
        const marks = item.getAttribute('data-marks');
        if (marks && !anchors[marks] && (w.to || w.from)) {
          anchors[marks] = { iso: w.to || w.from, from: item };
        }
        changed = true;
      });
      if (!changed) break;
    }
    return results;
  }

  /** A step's title as the page shows it; `numbered: false` leaves out its number ("Step 3:"). */
  function title(item, numbered) {
    const h = item.querySelector('.planner-item-title');
    if (!h) return '';
    const copy = h.cloneNode(true);
    if (numbered === false) {
      Array.prototype.forEach.call(copy.querySelectorAll('.step-number-inline'), function (n) {
        n.parentNode.removeChild(n);
      });
    }
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  /** Whether the bank-holiday list spans the days between a and b. */
  function covered(a, b) {
    if (!until) return false;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    return (!since || lo >= since) && hi <= until;
  }

  /** Takes the worked-out dates off the page (before new ones, or when the dates are wrong). */
  function clear() {
    items.forEach(function (item) {
      const box = item.querySelector('.planner-date');
      box.innerHTML = '';
      box.hidden = true;
      item.removeAttribute('data-from');
      item.removeAttribute('data-to');
      item.removeAttribute('data-anchor-date');
    });
    Array.prototype.forEach.call(root.querySelectorAll('.planner-download'), function (p) { p.hidden = true; });
  }

  /** A status message is read out again even when its text is the same as before. */
  function announce(text) {
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function show(item, result, now) {
    const box = item.querySelector('.planner-date');
    box.innerHTML = '';
    box.classList.toggle('planner-date-none', !result);
    if (!result) {
      const input = form.querySelector('input[name="' + item.getAttribute('data-anchor') + '"]');
      const field = input ? labelOf(input).toLowerCase() : text.planner_no_date_field;
      box.appendChild(el('p', say('planner_no_date', { field: field }), 'planner-nodate'));
      box.hidden = false;
      return;
    }
    const w = result.window;
    item.setAttribute('data-anchor-date', result.anchor.iso);
    if (w.from) item.setAttribute('data-from', w.from);
    if (w.to) item.setAttribute('data-to', w.to);
    let line;
    // "Within 10 days of referral" starts on the referral itself: only its end is news.
    if (w.from && w.to && w.from !== w.to && w.from !== result.anchor.iso) line = sentence(pieces('planner_between', { from: time(w.from), to: time(w.to) }));
    else if (w.to) line = sentence(pieces('planner_by', { date: time(w.to) }));
    else line = sentence(pieces('planner_from', { date: time(w.from) }));
    line.className = 'planner-when-date';
    box.appendChild(line);
    if (result.anchor.from) {
      box.appendChild(sentence(pieces('planner_counted_from', { step: title(result.anchor.from), date: time(result.anchor.iso) })));
    }
    if (w.to && !D.isWorkingDay(w.to, holidays)) {
      box.appendChild(sentence(pieces('planner_not_working_day', { reason: notWorking(w.to), date: time(D.lastWorkingDayOnOrBefore(w.to, holidays)) })));
    }
    const last = w.to || w.from;
    if (result.timing.unit === 'working_days' && !covered(result.anchor.iso, last)) {
      const range = since
        ? say('planner_holidays_range', { from: D.formatDay(since, names), until: D.formatDay(until, names) })
        : say('planner_holidays_until', { until: D.formatDay(until, names) });
      box.appendChild(el('p', say('planner_beyond_holidays', { range: range }), 'planner-warning'));
    }
    if (last < now) box.appendChild(el('p', text.planner_passed, 'planner-warning'));
    box.hidden = false;
  }

  function run(entered, announced) {
    clear();
    const results = plan(entered);
    const now = today();
    items.forEach(function (item) { show(item, results.get(item), now); });
    Array.prototype.forEach.call(root.querySelectorAll('.planner-section'), function (section) {
      const dated = section.querySelectorAll('.planner-item[data-to], .planner-item[data-from]').length;
      section.querySelector('.planner-download').hidden = dated === 0;
    });
    const given = inputs.filter(function (i) { return entered[i.name]; }).map(function (i) {
      return say('planner_given', { field: labelOf(i).toLowerCase(), date: D.formatDay(entered[i.name], names) });
    });
    if (announced) {
      announce(given.length === 0
        ? text.planner_enter_date
        : say('planner_worked_out', {
          count: String(results.size),
          dates: given.reduce(function (a, b) { return say('planner_given_and', { a: a, b: b }); }),
        }));
    }
  }

  function download(section) {
    const name = section.getAttribute('data-title');
    const events = [];
    Array.prototype.forEach.call(section.querySelectorAll('.planner-item'), function (item) {
      const from = item.getAttribute('data-from');
      const to = item.getAttribute('data-to');
      if (!from && !to) return;
      const link = item.getAttribute('data-url');
      const anchor = item.getAttribute('data-anchor');
      // One day in the calendar: the deadline, moved to the working day before if it falls on
      // a weekend or bank holiday; or, with no deadline, the first day it may happen.
      const day = to ? D.lastWorkingDayOnOrBefore(to, holidays) : from;
      const shown = item.querySelector('.planner-date');
      events.push({
        // The same step counted from the same date keeps its UID, so importing the same plan
        // twice does not duplicate it; another person's plan (other dates) is kept apart.
        uid: [section.getAttribute('data-section'), item.getAttribute('data-item'), anchor, item.getAttribute('data-anchor-date')].join('-') + '@' + (location.hostname || 'signpost'),
        summary: title(item, false),
        description: item.getAttribute('data-timing') + '. ' + (shown ? shown.textContent.replace(/\s+/g, ' ').trim() + ' ' : '') + name + '.',
        url: link ? new URL(link, location.href).href : location.href.split('#')[0],
        start: day,
      });
    });
    const text = D.ics(events, { now: new Date(), name: name });
    const file = new Blob([text], { type: 'text/calendar;charset=utf-8' });
    const a = el('a');
    if (!('download' in a)) {
      // Browsers without download links (iOS Safari before 13) open the calendar instead.
      location.href = 'data:text/calendar;charset=utf-8,' + encodeURIComponent(text);
      return;
    }
    a.href = URL.createObjectURL(file);
    a.download = section.getAttribute('data-section') + '-dates.ics';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function fromAddress() {
    const entered = {};
    location.search.replace(/^\?/, '').split('&').forEach(function (pair) {
      const kv = pair.split('=');
      let name;
      let value;
      try {
        name = decodeURIComponent(kv[0] || '');
        value = decodeURIComponent((kv[1] || '').replace(/\+/g, ' '));
      } catch (e) {
        return; // a mangled address: ignore that part
      }
      const input = inputs.filter(function (i) { return i.name === name; })[0];
      if (input && value) input.value = D.parseDate(value) || '';
    });
    inputs.forEach(function (input) {
      const iso = D.parseDate(input.value);
      if (iso) entered[input.name] = iso;
    });
    return entered;
  }

  form.hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll('.planner-nojs'), function (n) { n.hidden = true; });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const dates = readDates();
    if (!dates) {
      clear();
      announce(text.planner_check_dates);
      return;
    }
    const query = Object.keys(dates).map(function (k) { return k + '=' + dates[k]; }).join('&');
    if (history.replaceState) history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
    run(dates, true);
  });
  Array.prototype.forEach.call(root.querySelectorAll('[data-download]'), function (button) {
    button.addEventListener('click', function () {
      download(document.getElementById('plan-' + button.getAttribute('data-download')));
    });
  });
  const entered = fromAddress();
  if (Object.keys(entered).length > 0) run(entered, true);
}());
