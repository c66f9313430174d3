// Print check: each participant "what to expect" page prints on one or two A4 pages.
// Usage: node tests/browser/print.mjs <site-dir>   (exit 0 pass, 1 fail, 2 setup error)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './gate.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Leaflets handed to people in prison: one or two sheets each.
const LEAFLETS = ['/guidance/what-to-expect-low/', '/guidance/what-to-expect-medium/',
  '/guidance/what-to-expect-high/', '/guidance/get-help-now/'];
const MAX_PAGES = 2;

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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage();
    for (const url of LEAFLETS) {
      await page.goto(base + url, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = countPages(pdf);
      if (pages >= 1 && pages <= MAX_PAGES) {
        passed += 1;
        console.log(`ok   ${url}: ${pages} A4 page(s)`);
      } else {
        failed += 1;
        console.log(`FAIL ${url}: ${pages} A4 pages, at most ${MAX_PAGES} allowed`);
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
