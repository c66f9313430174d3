// Print check: each participant "what to expect" page prints on one or two A4 pages, and
// each protocol prints as a handout: every step shown, the flowchart within the page width,
// nothing cut off at the side, and no more than MAX_HANDOUT_PAGES A4 pages.
// Usage: node tests/browser/print.mjs <site-dir>   (exit 0 pass, 1 fail, 2 setup error)
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServer } from './gate.mjs';


// Leaflets handed to people in prison: one or two sheets each.
const LEAFLETS = ['/guidance/what-to-expect-low/', '/guidance/what-to-expect-medium/',
  '/guidance/what-to-expect-high/', '/guidance/get-help-now/'];
const MAX_PAGES = 2;
// Welsh takes about a sixth more words (and longer ones) to say the same: the Welsh
// leaflets are held to three pages until a Welsh editor has tightened them.
const MAX_PAGES_WELSH = 3;
// A protocol handout holds every step in full (the integrated model has 46). The limit
// catches a print style that stops shrinking the chart or expands the layout.
const MAX_HANDOUT_PAGES = 24;
// Layout is measured at the width of A4's printable area, not a screen's: 210 mm less
// the theme's print margins (14 mm a side; 15 mm here, to leave room), at 96 px an inch.
const A4_PRINT_WIDTH = Math.floor(((210 - 2 * 15) / 25.4) * 96);

/** Pages in a PDF: Chromium writes one `/Type /Page` object per page. */
function countPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}

async function main() {
  const root = process.argv[2];
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    console.error('usage: node print.mjs <built-site-dir>');
    process.exit(2);
  }
  const server = await startServer(path.resolve(root));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage();
    // The leaflets in Welsh too, where the site has them.
    const welsh = LEAFLETS.map((u) => `/cy${u}`)
      .filter((u) => fs.existsSync(path.join(root, u, 'index.html')));
    for (const url of [...LEAFLETS, ...welsh]) {
      await page.goto(base + url, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = countPages(pdf);
      const max = url.startsWith('/cy/') ? MAX_PAGES_WELSH : MAX_PAGES;
      if (pages >= 1 && pages <= max) {
        passed += 1;
        console.log(`ok   ${url}: ${pages} A4 page(s)`);
      } else {
        failed += 1;
        console.log(`FAIL ${url}: ${pages} A4 pages, at most ${max} allowed`);
      }
    }
    // Protocol handouts, found from the site's own list of protocols.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${base}/protocols/`, { waitUntil: 'load' });
    const handouts = await page.$$eval('main a[href^="/protocols/"]', (links) =>
      [...new Set(links.map((a) => a.getAttribute('href')).filter((h) => h !== '/protocols/'))].sort());
    if (handouts.length === 0) {
      failed += 1;
      console.log('FAIL no protocols found on /protocols/');
    }
    await page.setViewportSize({ width: A4_PRINT_WIDTH, height: 1000 });
    for (const url of handouts) {
      await page.emulateMedia({ media: 'print' });
      await page.goto(base + url, { waitUntil: 'load' });
      const layout = await page.evaluate(() => {
        const steps = [...document.querySelectorAll('ol.step-by-step li.step')];
        const hidden = steps.filter((s) => s.getBoundingClientRect().height === 0).length;
        const chart = document.querySelector('svg.flowchart');
        const main = document.querySelector('main');
        const overflow = document.documentElement.scrollWidth > document.documentElement.clientWidth;
        const chartFits = !chart || chart.getBoundingClientRect().width <= main.getBoundingClientRect().width + 1;
        return { steps: steps.length, hidden, chartFits, overflow, charted: !!chart };
      });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = countPages(pdf);
      const problems = [];
      if (layout.steps === 0 || layout.hidden > 0) problems.push(`${layout.hidden} of ${layout.steps} steps hidden`);
      if (!layout.charted) problems.push('no flowchart');
      if (!layout.chartFits) problems.push('flowchart wider than the page');
      if (layout.overflow) problems.push('content runs off the side');
      if (pages < 1 || pages > MAX_HANDOUT_PAGES) problems.push(`${pages} A4 pages, at most ${MAX_HANDOUT_PAGES} allowed`);
      if (problems.length === 0) {
        passed += 1;
        console.log(`ok   ${url} handout: ${layout.steps} steps, ${pages} A4 page(s)`);
      } else {
        failed += 1;
        console.log(`FAIL ${url} handout: ${problems.join('; ')}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`print: ${e.stack || e}`);
  process.exit(2);
});
