// Golden queries against the static site's Pagefind bundle, in Node (no browser): the
// bundle's own pagefind.js, fetching its index chunks from a loopback server.
// With a language (`cy`), that language's index (as a page with lang="cy" gets it) and its
// own golden file (tests/search/golden-cy.yaml); every result must be a page of that
// language, under its prefix.
// Usage: node tests/browser/pagefind-golden.mjs <site-dir> [language]  (exit 0 pass, 1 fail, 2 setup)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { startServer } from './gate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const goldenFile = (language) =>
  path.join(HERE, '..', 'search', language ? `golden-${language}.yaml` : 'golden.yaml');
// The site labels kinds for readers; the golden file uses the index's kind keys.
const KIND_LABELS = {
  offer: 'Service', partner: 'Partner', step: 'Protocol step', protocol: 'Protocol',
  guidance: 'Guidance', glossary: 'Glossary', tier: 'Support tier', page: 'Page', commitment: 'Commitment',
};

/** A result URL as a site path: Pagefind prefixes its base URL. */
function sitePath(url) {
  const u = new URL(url, 'http://site.invalid');
  return u.pathname + u.hash;
}

/** URLs a reader sees for a result: the page, and the places on it (steps, terms). */
function urlsOf(data) {
  return [data.url, ...(data.sub_results || []).map((s) => s.url)].map(sitePath);
}

async function main() {
  const root = process.argv[2];
  const language = process.argv[3] || '';
  if (!root || !fs.existsSync(path.join(root, 'pagefind', 'pagefind.js'))) {
    console.error('usage: node pagefind-golden.mjs <built-site-dir with pagefind/>');
    process.exit(2);
  }
  const server = await startServer(path.resolve(root));
  const base = `http://127.0.0.1:${server.address().port}`;
  // Node cannot import over HTTP; load the bundle's script from a copy on disk and point
  // it at the server for everything else.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pagefind-'));
  const script = path.join(tmp, 'pagefind.mjs');
  fs.writeFileSync(script, await (await fetch(`${base}/pagefind/pagefind.js`)).text());
  const pagefind = await import(pathToFileURL(script).href);
  // Pagefind picks the index of the page's language from its <html lang>: Node has no
  // page, so it is given what a page of that language says.
  const lang = language || 'en-GB';
  globalThis.document = {
    querySelector: (s) => (s === 'html' ? { getAttribute: (a) => (a === 'lang' ? lang : null) } : null),
  };
  await pagefind.options({ basePath: `${base}/pagefind/`, noWorker: true, excerptLength: 10 });
  await pagefind.init();

  const golden = parse(fs.readFileSync(goldenFile(language), 'utf8'))
    .filter((g) => !g.engines || g.engines.includes('pagefind'));
  let passed = 0;
  let failed = 0;
  for (const g of golden) {
    const filters = {};
    if (g.kind) filters.kind = KIND_LABELS[g.kind] || g.kind;
    if (g.tier) filters.tier = g.tier;
    const search = await pagefind.search(g.query, { filters });
    const top = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
    const found = top.flatMap(urlsOf);
    const missing = g.expect.filter((want) => !found.includes(want));
    // A language's search finds its own pages only (every result, not just the top 3).
    const all = await Promise.all(search.results.map((r) => r.data()));
    const foreign = language ? all.flatMap(urlsOf).filter((u) => !u.startsWith(`/${language}/`)) : [];
    if (foreign.length > 0) {
      failed += 1;
      console.log(`FAIL ${JSON.stringify(g.query)}: results in another language: ${foreign.slice(0, 5).join(' ')}`);
    } else if (missing.length === 0) {
      passed += 1;
      console.log(`ok   ${JSON.stringify(g.query)}`);
    } else {
      failed += 1;
      console.log(`FAIL ${JSON.stringify(g.query)}: ${missing.join(', ')} not in top 3: ${top.map((d) => urlsOf(d).slice(0, 4).join(' ')).join(' | ')}`);
    }
  }
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`pagefind-golden: ${e.stack || e}`);
  process.exit(2);
});
