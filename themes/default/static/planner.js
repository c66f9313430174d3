/* Signpost release-date planner: fills in the dates on /planner/.
   The page already lists every step with its deadline in words; this script only adds
   the form, the worked-out dates and the calendar files. The date rules live in
   planner-dates.js (tested with `node --test tests/js/`); this file is the page glue.
   Classic script, no dependencies, ES2015 at most, so it runs on old phones. */
(function () {
  'use strict';
  const D = self.SignpostDates;
  const root = document.getElementById('planner');
  if (!D || !root) return;
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

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function time(iso) {
    const t = el('time', D.formatDay(iso));
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
    if (holidays.has(iso)) return holidays.get(iso) + ', a bank holiday';
    return 'a ' + D.weekday(iso);
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
        setError(input, labelOf(input) + ' must be a real date, for example 26 3 2027');
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

  function title(item) {
    const h = item.querySelector('.planner-item-title');
    return h ? h.textContent.replace(/\s+/g, ' ').trim() : '';
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
      box.appendChild(el('p', 'No date yet: enter the ' + (input ? labelOf(input).toLowerCase() : 'date') + ' to see it.', 'planner-nodate'));
      box.hidden = false;
      return;
    }
    const w = result.window;
    item.setAttribute('data-anchor-date', result.anchor.iso);
    if (w.from) item.setAttribute('data-from', w.from);
    if (w.to) item.setAttribute('data-to', w.to);
    let line;
    // "Within 10 days of referral" starts on the referral itself: only its end is news.
    if (w.from && w.to && w.from !== w.to && w.from !== result.anchor.iso) line = sentence(['Between ', time(w.from), ' and ', time(w.to)]);
    else if (w.to) line = sentence(['By ', time(w.to)]);
    else line = sentence(['From ', time(w.from)]);
    line.className = 'planner-when-date';
    box.appendChild(line);
    if (result.anchor.from) {
      box.appendChild(sentence(['Counted from the last day for: ' + title(result.anchor.from) + ' (', time(result.anchor.iso), ').']));
    }
    if (w.to && !D.isWorkingDay(w.to, holidays)) {
      box.appendChild(sentence(['That is ' + notWorking(w.to) + '. The working day before is ', time(D.lastWorkingDayOnOrBefore(w.to, holidays)), '.']));
    }
    const last = w.to || w.from;
    if (result.timing.unit === 'working_days' && !covered(result.anchor.iso, last)) {
      box.appendChild(el('p', 'This count goes beyond the bank holidays listed (' + (since ? D.formatDay(since) + ' to ' : 'up to ') + D.formatDay(until) + '), so it may be a day or two out.', 'planner-warning'));
    }
    if (last < now) box.appendChild(el('p', 'This date has passed.', 'planner-warning'));
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
      return labelOf(i).toLowerCase() + ' ' + D.formatDay(entered[i.name]);
    });
    if (announced) {
      announce(given.length === 0
        ? 'Enter a date to work out the others.'
        : results.size + ' dates worked out from the ' + given.join(' and the ') + '.');
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
        summary: title(item).replace(/^Step \d+:\s*/, ''),
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
      announce('Check the dates: one is not a real date.');
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
