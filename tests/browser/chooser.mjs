// Tier chooser in a real browser, with JavaScript turned off: from /chooser/, click every
// answer on every route. Each route must end on an outcome page that suggests a tier and
// lists one answer per question asked; every tier must be reachable.
// With a language's prefix (`/cy`), the same from /cy/chooser/: every page of every route
// is that language's (under the prefix, `lang` set to it) and the outcomes carry the note.
// Usage: node tests/browser/chooser.mjs <site-dir> [prefix]   (exit 0 pass, 1 fail, 2 setup error)
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServer } from './gate.mjs';

const MAX_PAGES = 1000;

async function main() {
  const root = process.argv[2];
  const prefix = (process.argv[3] || '').replace(/\/$/, '');
  const lang = prefix.replace(/^\//, '');
  if (!root || !fs.existsSync(path.join(root, prefix, 'chooser', 'index.html'))) {
    console.error('usage: node chooser.mjs <built-site-dir with a chooser>');
    process.exit(2);
  }
  const server = await startServer(path.resolve(root));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  const failures = [];
  const tiers = new Set();
  let outcomes = 0;
  let visited = 0;
  // Each route: the answers clicked so far (by position), replayed from the start.
  const routes = [[]];
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    while (routes.length > 0 && visited < MAX_PAGES) {
      const route = routes.pop();
      await page.goto(`${base}${prefix}/chooser/`, { waitUntil: 'load' });
      for (const choice of route) {
        await Promise.all([
          page.waitForNavigation({ waitUntil: 'load' }),
          page.locator('ul.chooser-answers a').nth(choice).click(),
        ]);
      }
      visited += 1;
      const answers = await page.locator('ul.chooser-answers a').count();
      const given = await page.locator('dl.chooser-given > div').count();
      const pathname = new URL(page.url()).pathname;
      const where = `${pathname} (after ${route.length} answer(s))`;
      if (given !== route.length) failures.push(`${where}: lists ${given} answers`);
      if (lang) {
        const pageLang = await page.locator('html').getAttribute('lang');
        if (!pathname.startsWith(`${prefix}/`) || pageLang !== lang) {
          failures.push(`${where}: not a page in ${lang} (lang="${pageLang}")`);
        }
      }
      const tier = page.locator('.chooser-tier a');
      if ((await tier.count()) > 0) {
        outcomes += 1;
        tiers.add(await tier.first().getAttribute('href'));
        if (answers > 0) failures.push(`${where}: an outcome that still asks`);
        const text = await page.locator('main').innerText();
        const note = (await page.locator('.chooser-judgement').count()) > 0
          && (lang || text.includes('professional judgement'));
        if (!note) failures.push(`${where}: no judgement note`);
        console.log(`ok   ${where} -> ${await tier.first().innerText()}`);
      } else if (answers === 0) {
        failures.push(`${where}: a dead end`);
      } else {
        for (let i = answers - 1; i >= 0; i -= 1) routes.push([...route, i]);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  // Every route was walked, or the check says it was not.
  const left = routes.length;
  if (left > 0) failures.push(`stopped after ${MAX_PAGES} pages with ${left} route(s) not walked`);
  if (tiers.size !== 3) failures.push(`tiers reached: ${[...tiers].join(', ') || 'none'}`);
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`${outcomes} outcome(s) over ${visited} page(s), tiers ${[...tiers].sort().join(' ')}; ${failures.length} failure(s)`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`chooser: ${e.stack || e}`);
  process.exit(2);
});
