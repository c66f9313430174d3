// Release-date planner in a real browser (Chromium).
//   - Without JavaScript, /planner/ lists every timed step with its deadline in words.
//   - With JavaScript, for release 2027-03-26 and referral 2027-03-19, the "at least 28 days
//     before release" steps are dated 2027-02-26, and the assessment and action plan dates
//     skip weekends and the Easter 2027 bank holidays. The form gives the same dates as
//     the address, and each calendar file (.ics) holds one event per dated step.
// Usage: node tests/browser/planner.mjs <site-dir>   (exit 0 pass, 1 fail, 2 setup error)
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServer } from './gate.mjs';

// Worked out by hand from the England and Wales bank holidays (Good Friday 26 March and
// Easter Monday 29 March 2027), not by the code under test.
const RELEASE = '2027-03-26';
const REFERRAL = '2027-03-19'; // a Friday
const EXPECT = [
  // [what, selector, data-to]
  ['at least 28 days before release', '.planner-item[data-anchor="release"][data-relation="before"][data-min="28"][data-unit="days"]:not([data-max])', '2027-02-26'],
  ['at least 13 weeks before release', '.planner-item[data-anchor="release"][data-min="13"][data-unit="weeks"]', '2026-12-25'],
  ['at least 14 days before release', '.planner-item[data-anchor="release"][data-min="14"][data-unit="days"]', '2027-03-12'],
  // Mon 22, 23, 24, 25 (Good Friday and Easter Monday skipped), 30, 31, 1, 2, 5, 6 April.
  ['assessment within 10 working days of referral', '.planner-item[data-item="assessment"]', '2027-04-06'],
  // From the last assessment day: 7, 8, 9, 12, 13 April.
  ['action plan within 5 working days of the assessment', '.planner-item[data-item="action-plan"]', '2027-04-13'],
];

async function main() {
  const root = process.argv[2];
  if (!root || !fs.existsSync(path.join(root, 'planner', 'index.html'))) {
    console.error('usage: node planner.mjs <built-site-dir with a planner>');
    process.exit(2);
  }
  const server = await startServer(path.resolve(root));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    // Without JavaScript: the deadlines in words, no form.
    const off = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await off.goto(`${base}/planner/`, { waitUntil: 'load' });
    const items = await off.locator('.planner-item').count();
    const worded = await off.locator('.planner-item .planner-when').allInnerTexts();
    check(items > 10 && worded.length === items, `without JavaScript: ${items} steps, each with its deadline in words`);
    check(worded.some((t) => t.includes('At least 28 days before release')), 'without JavaScript: "At least 28 days before release" is shown');
    check(!(await off.locator('#planner-form').isVisible()), 'without JavaScript: the form is hidden');
    check(await off.locator('.planner-nojs').isVisible(), 'without JavaScript: the page says how to count the dates');

    // With JavaScript, dates from the address.
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/planner/?release=${RELEASE}&referral=${REFERRAL}`, { waitUntil: 'load' });
    await page.waitForSelector('.planner-item[data-to]');
    const expectDates = async (how) => {
      for (const [what, selector, to] of EXPECT) {
        const found = page.locator(selector);
        const n = await found.count();
        const dates = n === 0 ? [] : await found.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
        check(n > 0 && dates.every((d) => d === to), `${how}: ${what} → ${to} (${n} step(s): ${dates.join(', ')})`);
      }
      const shown = await page.locator(EXPECT[0][1]).first().locator('.planner-date').innerText();
      check(shown.includes('Friday 26 February 2027'), `${how}: the page reads "By Friday 26 February 2027" (${shown.split('\n')[0]})`);
    };
    await expectDates('from the address');
    const christmas = await page.locator(EXPECT[1][1]).first().locator('.planner-date').innerText();
    check(/Christmas Day, a bank holiday\. The working day before is Thursday 24 December 2026/.test(christmas),
      'a deadline on Christmas Day names the working day before');

    // Every working-day due date is a weekday that is not a bank holiday.
    const holidays = new Map(JSON.parse(await page.locator('#planner-holidays').textContent()));
    const working = await page.locator('.planner-item[data-unit="working_days"][data-to]').evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    const bad = working.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) || holidays.has(d));
    check(working.length >= 2 && bad.length === 0, `working-day due dates fall on working days (${working.join(', ')})`);

    // The form: typing the dates gives the same plan and puts the dates in the address.
    await page.goto(`${base}/planner/`, { waitUntil: 'load' });
    check(await page.locator('#planner-form').isVisible(), 'with JavaScript: the form is shown');
    await page.fill('#date-release', RELEASE);
    await page.fill('#date-referral', REFERRAL);
    await page.click('#planner-form button[type="submit"]');
    await page.waitForSelector('.planner-item[data-to]');
    await expectDates('from the form');
    check(page.url().includes(`release=${RELEASE}`) && page.url().includes(`referral=${REFERRAL}`), `the address holds the dates (${page.url()})`);
    check((await page.locator('#planner-status').innerText()).includes('dates worked out'), 'the result is announced in the status region');

    // A calendar file per section, one event per dated step. The sections checked by name
    // below must be among those downloaded, so a renamed section fails instead of skipping.
    const sections = page.locator('.planner-section');
    const downloaded = new Set();
    let withTwentyEight = 0;
    for (let i = 0; i < await sections.count(); i += 1) {
      const section = sections.nth(i);
      const id = await section.getAttribute('data-section');
      const dated = await section.locator('.planner-item[data-to], .planner-item[data-from]').count();
      if (dated === 0) continue;
      const [download] = await Promise.all([page.waitForEvent('download'), section.locator('[data-download]').click()]);
      const text = fs.readFileSync(await download.path(), 'utf8');
      downloaded.add(id);
      const events = (text.match(/BEGIN:VEVENT\r\n/g) || []).length;
      check(text.startsWith('BEGIN:VCALENDAR\r\n') && events === dated, `${download.suggestedFilename()}: ${events} event(s) for ${dated} dated step(s) in ${id}`);
      if (id === 'service-levels') {
        check(text.includes('DTSTART;VALUE=DATE:20270406\r\nDTEND;VALUE=DATE:20270407\r\n'),
          'the assessment is a one-day event on its deadline, 6 April 2027');
      }
      if (id === 'protocol-kent-resettlement') {
        check(/DTSTART;VALUE=DATE:20261224\r\n/.test(text), 'the 13-weeks deadline on Christmas Day is in the calendar on 24 December 2026');
      }
      if (text.includes('28 days before release')) {
        withTwentyEight += 1;
        check(/DTSTART;VALUE=DATE:20270226\r\n/.test(text), `${id}: the 28-days-before-release event is on 26 February 2027`);
      }
    }
    for (const id of ['service-levels', 'protocol-kent-resettlement', 'protocol-integrated-housing-model']) {
      check(downloaded.has(id), `a calendar file was downloaded for ${id} (got: ${[...downloaded].join(', ')})`);
    }
    check(withTwentyEight > 0, `a calendar holds a 28-days-before-release event (${withTwentyEight})`);

    // A half-typed date is an error at the field, and the old dates go.
    await page.locator('#date-release').fill('');
    await page.locator('#date-release').focus();
    await page.keyboard.type('26');
    await page.click('#planner-form button[type="submit"]');
    await page.waitForSelector('#date-release-error');
    const error = await page.locator('#date-release-error').innerText();
    check(error.includes('must be a real date'), `a half-typed date is reported at its field ("${error}")`);
    check(await page.locator('#date-release').getAttribute('aria-invalid') === 'true'
      && (await page.locator('#date-release').getAttribute('aria-describedby')).includes('date-release-error'),
      'the field is marked invalid and described by its error');
    check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'date-release', 'focus moves to the field with the error');
    check(await page.locator('.planner-item[data-to], .planner-item[data-from]').count() === 0, 'no dates from the old entry stay on the page');
    check(errors.length === 0, `no script errors (${errors.join('; ')})`);

    // In Welsh (when the site has the planner in Welsh): the same dates, in Welsh words.
    if (fs.existsSync(path.join(root, 'cy', 'planner', 'index.html'))) {
      const cyOff = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await cyOff.goto(`${base}/cy/planner/`, { waitUntil: 'load' });
      const cyWorded = await cyOff.locator('.planner-item .planner-when').allInnerTexts();
      check(await cyOff.locator('html').getAttribute('lang') === 'cy', 'Welsh: the planner is marked lang="cy"');
      check(cyWorded.some((t) => t.includes('28 diwrnod cyn rhyddhau')), `Welsh, without JavaScript: "28 diwrnod cyn rhyddhau" is shown (${cyWorded[0]})`);
      const cy = await context.newPage();
      const cyErrors = [];
      cy.on('pageerror', (e) => cyErrors.push(String(e)));
      await cy.goto(`${base}/cy/planner/?release=${RELEASE}&referral=${REFERRAL}`, { waitUntil: 'load' });
      await cy.waitForSelector('.planner-item[data-to]');
      for (const [what, selector, to] of EXPECT) {
        const dates = await cy.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
        check(dates.length > 0 && dates.every((d) => d === to), `Welsh: ${what} → ${to} (${dates.join(', ')})`);
      }
      const shown = await cy.locator(EXPECT[0][1]).first().locator('.planner-date').innerText();
      check(shown.includes('Dydd Gwener 26 Chwefror 2027'), `Welsh: the page reads "Dydd Gwener 26 Chwefror 2027" (${shown.split('\n')[0]})`);
      const allDates = (await cy.locator('.planner-date').allInnerTexts()).join(' ');
      const english = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
        'January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
        .filter((w) => allDates.includes(w));
      check(english.length === 0, `Welsh: no English day or month names in the dates (${english.join(', ')})`);
      // Its calendar file words each date in Welsh too.
      const section = cy.locator('[data-section="service-levels"]');
      const [download] = await Promise.all([cy.waitForEvent('download'), section.locator('[data-download]').click()]);
      const ics = fs.readFileSync(await download.path(), 'utf8');
      const icsEnglish = english.length ? [] : ['February', 'March', 'April', 'Friday', 'Monday', 'Tuesday']
        .filter((w) => ics.includes(w));
      check(ics.startsWith('BEGIN:VCALENDAR') && /Ebrill|Mawrth|Chwefror/.test(ics) && icsEnglish.length === 0,
        `Welsh: the calendar file's dates are in Welsh (${icsEnglish.join(', ')})`);
      check(cyErrors.length === 0, `Welsh: no script errors (${cyErrors.join('; ')})`);
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  console.log(`${failures.length} failure(s)`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`planner: ${e.stack || e}`);
  process.exit(2);
});
