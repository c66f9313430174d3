#!/usr/bin/env node
// Browser accessibility gate for a built Signpost site.
//
//   node tests/browser/gate.mjs <site-dir>
//
// Serves <site-dir> on 127.0.0.1 (ephemeral port), opens every *.html page in
// Debian's headless Chromium (via playwright-core) and fails a page when:
//   - axe-core reports a WCAG 2.0/2.1/2.2 A/AA violation (viewport 1280x900),
//   - the page scrolls horizontally at 320x800,
//   - the page requests anything from a host other than the local server,
//   - the page or one of its local subresources fails to load (HTTP >= 400),
//   - a script on the page throws.
// Prints one line per page, failure details, and a final "N passed, M failed".
// When a page's CSS has a prefers-color-scheme: dark rule, colour contrast is
// also checked in the dark scheme (reported as "color-contrast(dark)").
// Exit codes: 0 all pages passed, 1 some page failed, 2 usage/setup error.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Debian's Chromium, headless and quiet (no network of its own): every browser check uses it. */
function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 320, height: 800 };
const NAV_TIMEOUT_MS = 30_000;
const MAX_NODES = 3;
const MAX_OVERFLOW_REPORT = 5;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
};

function usage(msg) {
  if (msg) console.error(`gate: ${msg}`);
  console.error('usage: node tests/browser/gate.mjs <site-dir>');
  process.exit(2);
}

// ---------------------------------------------------------------- server

function isInside(root, p) {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function startServer(root) {
  const notFoundPage = path.join(root, '404.html');

  function send(req, res, status, file, headers = {}) {
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    fs.readFile(file, (err, body) => {
      if (err) return sendText(res, 500, 'read error');
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length,
        'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  }
  function sendText(res, status, text, headers = {}) {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(text);
  }
  function notFound(req, res) {
    fs.stat(notFoundPage, (err, st) => {
      if (!err && st.isFile()) send(req, res, 404, notFoundPage);
      else sendText(res, 404, 'not found');
    });
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return sendText(res, 400, 'bad request');
    }
    if (pathname.includes('\0')) return sendText(res, 400, 'bad request');
    // Check the raw (decoded) segments too: URL parsing already collapses
    // "/a/../b", but encoded "%2e%2e" or backslashes must not escape either.
    if (pathname.split(/[\\/]/).includes('..')) return sendText(res, 403, 'forbidden');
    let file = path.resolve(root, '.' + pathname);
    if (!isInside(root, file)) return sendText(res, 403, 'forbidden');
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');

    fs.realpath(file, (err, real) => {
      if (err) return notFound(req, res);
      if (!isInside(root, real)) return sendText(res, 403, 'forbidden');
      fs.stat(real, (err2, st) => {
        if (err2) return notFound(req, res);
        if (st.isDirectory()) {
          // /x -> /x/ when /x/index.html exists, as static hosts do.
          if (fs.existsSync(path.join(real, 'index.html'))) {
            const u = new URL(req.url, 'http://x');
            return sendText(res, 301, 'moved', { Location: u.pathname + '/' + u.search });
          }
          return notFound(req, res);
        }
        send(req, res, 200, real);
      });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- pages

async function findPages(root) {
  const out = [];
  async function walk(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.html')) out.push(full);
    }
  }
  await walk(root);
  const urls = out.map((f) => {
    let rel = path.relative(root, f).split(path.sep).join('/');
    if (rel === 'index.html') return '/';
    if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
    return '/' + rel;
  });
  return [...new Set(urls)].sort().map((u) => ({
    url: u,
    // Request path: percent-encode each segment (file names may contain spaces etc.).
    href: u.split('/').map((s) => encodeURIComponent(s)).join('/'),
  }));
}

// ---------------------------------------------------------------- in-page checks

// Runs in the page: switches loading="lazy" elements to eager and waits
// (bounded) for images to settle.
async function loadLazyInPage() {
  const lazy = [...document.querySelectorAll('[loading="lazy"]')];
  for (const el of lazy) el.loading = 'eager';
  const imgs = [...document.images].filter((i) => !i.complete);
  if (!imgs.length) return;
  const settle = Promise.all(imgs.map((i) => new Promise((r) => {
    i.addEventListener('load', r, { once: true });
    i.addEventListener('error', r, { once: true });
  })));
  await Promise.race([settle, new Promise((r) => setTimeout(r, 3000))]);
}

// Runs in the page: does any same-origin stylesheet adapt to a dark scheme?
function hasDarkSchemeInPage() {
  const walk = (rules) => {
    for (const r of rules) {
      const cond = r.conditionText || (r.media && r.media.mediaText) || '';
      if (/prefers-color-scheme\s*:\s*dark/.test(cond)) return true;
      if (r.cssRules && walk(r.cssRules)) return true;
    }
    return false;
  };
  for (const sh of document.styleSheets) {
    try {
      if (sh.media && /prefers-color-scheme\s*:\s*dark/.test(sh.media.mediaText)) return true;
      if (walk(sh.cssRules)) return true;
    } catch { /* cross-origin sheet */ }
  }
  return false;
}

// Runs in the page. Returns axe violations in a compact form.
async function runAxeInPage({ tags, rules, maxNodes }) {
  // eslint-disable-next-line no-undef
  const results = await axe.run(document, {
    runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, maxNodes).map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | '),
      html: n.html,
      summary: n.failureSummary,
    })),
  }));
}

// Runs in the page at the narrow viewport. Returns null when the page does not
// scroll horizontally, else the measurements and the widest offending elements.
async function checkOverflowInPage({ maxReport }) {
  await document.fonts.ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const iw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  if (sw <= iw + 1) return null;

  const clips = (el) => {
    const ox = getComputedStyle(el).overflowX;
    return ox !== 'visible';
  };
  // True if some ancestor (not el itself) scrolls or clips horizontally:
  // its descendants cannot widen the page.
  const underClipper = (el) => {
    for (let a = el.parentElement; a && a !== document.documentElement && a !== document.body; a = a.parentElement) {
      if (clips(a)) return true;
    }
    return false;
  };
  const selectorOf = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(`${s}#${CSS.escape(e.id)}`); break; }
      const cls = [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      s += cls;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) s += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const snippet = (el) => {
    const h = el.outerHTML.replace(/\s+/g, ' ');
    const open = h.slice(0, h.indexOf('>') + 1) || h;
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return (open.length > 160 ? open.slice(0, 157) + '...' : open) +
      (text ? ` "${text.length > 60 ? text.slice(0, 57) + '...' : text}"` : '');
  };

  const offending = new Map(); // element -> right edge
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right + window.scrollX > iw + 1 && !underClipper(el)) offending.set(el, r.right + window.scrollX);
  }
  // Text that overflows its (non-overflowing) box, e.g. an unbreakable URL.
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim() || !n.parentElement) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    const right = r.right + window.scrollX;
    if (right > iw + 1) {
      const el = n.parentElement;
      if (underClipper(el) || (clips(el) && el !== document.body)) continue;
      if (!offending.has(el) || offending.get(el) < right) offending.set(el, right);
    }
  }
  // Report the outermost offenders (whose parent does not itself offend),
  // widest first: those are the boxes that push the page wider.
  const all = [...offending.entries()];
  const roots = all.filter(([el]) => !offending.has(el.parentElement));
  roots.sort((a, b) => b[1] - a[1]);
  return {
    innerWidth: iw,
    scrollWidth: sw,
    offenderCount: all.length,
    offenders: roots.slice(0, maxReport).map(([el, right]) => ({
      selector: selectorOf(el),
      right: Math.round(right),
      width: Math.round(el.getBoundingClientRect().width),
      html: snippet(el),
    })),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) usage();
  if (args.length !== 1) usage('expected exactly one <site-dir>');
  let root;
  try {
    root = await fsp.realpath(path.resolve(args[0]));
    if (!(await fsp.stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    usage(`site dir ${args[0]}: ${e.message}`);
  }
  if (!fs.existsSync(CHROMIUM)) usage(`${CHROMIUM} not found; run ${path.join(HERE, 'install.sh')}`);

  const pages = await findPages(root);
  if (pages.length === 0) usage(`no *.html files under ${root}`);
  // The search page is checked in its other states too: without its script (what a
  // browser without JavaScript shows), and with results listed for a query.
  if (pages.some((p) => p.url === '/search/')) {
    pages.push({ url: '/search/ (without JavaScript)', href: '/search/', blockScripts: true });
    if (fs.existsSync(path.join(root, 'pagefind', 'pagefind.js'))) {
      pages.push({ url: '/search/?q=housing (results)', href: '/search/?q=housing', waitFor: '#search-results li' });
    }
  }

  // The planner too: without its script (deadlines in words) and with dates worked out.
  if (pages.some((p) => p.url === '/planner/')) {
    pages.push({ url: '/planner/ (without JavaScript)', href: '/planner/', blockScripts: true });
    pages.push({
      url: '/planner/ (dates worked out)',
      href: '/planner/?release=2027-03-26&referral=2027-03-19',
      waitFor: '.planner-item[data-to]',
    });
  }

  const axeSource = await fsp.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const server = await startServer(root);
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;

  const t0 = Date.now();
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    const context = await browser.newContext({
      viewport: DESKTOP,
      bypassCSP: true, // let axe be injected even if a page sets a strict CSP
      reducedMotion: 'reduce', // no half-faded text during contrast checks
      colorScheme: 'light',
      serviceWorkers: 'block',
    });
    // Inject axe into every document (and frame) before its own scripts run.
    await context.addInitScript({ content: axeSource });
    let cur = null; // per-page collectors
    const isLocal = (u) => {
      try {
        const x = new URL(u);
        if (['data:', 'blob:', 'about:', 'javascript:'].includes(x.protocol)) return true;
        return x.origin === origin;
      } catch { return false; }
    };
    const openPage = async () => {
      const pg = await context.newPage();
      pg.setDefaultTimeout(NAV_TIMEOUT_MS);
      pg.on('request', (req) => {
        if (cur && !isLocal(req.url())) cur.external.add(req.url());
      });
      pg.on('websocket', (ws) => { if (cur && !isLocal(ws.url())) cur.external.add(ws.url()); });
      pg.on('response', (res) => {
        if (!cur || res.status() < 400) return;
        if (res.request().isNavigationRequest() && res.request().frame() === pg.mainFrame()) return;
        cur.broken.add(`${res.status()} ${res.url().replace(origin, '')}`);
      });
      pg.on('pageerror', (err) => { if (cur) cur.jsErrors.push(String(err.message || err).split('\n')[0]); });
      // Abort anything non-local at once so a closed network cannot stall us; for a
      // "without JavaScript" check, abort the page's own scripts too.
      await pg.route('**/*', (route) => {
        const req = route.request();
        if (!isLocal(req.url())) return route.abort('blockedbyclient');
        if (cur && cur.blockScripts && req.resourceType() === 'script') return route.abort('blockedbyclient');
        return route.continue();
      });
      return pg;
    };
    // One page reused for every URL; replaced only if it errors (e.g. crashes).
    let page = await openPage();

    for (const p of pages) {
      const started = Date.now();
      cur = { external: new Set(), broken: new Set(), jsErrors: [], blockScripts: Boolean(p.blockScripts) };
      const problems = [];
      const details = [];
      try {
        await page.setViewportSize(DESKTOP);
        const resp = await page.goto(origin + p.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
        const status = resp ? resp.status() : 0;
        if (status >= 400) problems.push(`HTTP ${status}`);
        // Load lazy images/iframes now so their requests are seen and the
        // layout is final; external ones are aborted at once by the route.
        await page.evaluate(loadLazyInPage);
        if (p.waitFor) await page.waitForSelector(p.waitFor, { timeout: NAV_TIMEOUT_MS });

        const violations = await page.evaluate(runAxeInPage, { tags: AXE_TAGS, maxNodes: MAX_NODES });
        // If the theme has a dark colour scheme, check its contrast too.
        if (await page.evaluate(hasDarkSchemeInPage)) {
          // No colour transitions mid-switch (they would be measured half-way).
          await page.addStyleTag({ content: '*,*::before,*::after{transition:none!important;animation:none!important}' });
          await page.emulateMedia({ colorScheme: 'dark' });
          try {
            const dark = await page.evaluate(runAxeInPage, { rules: ['color-contrast'], maxNodes: MAX_NODES });
            for (const v of dark) violations.push({ ...v, id: `${v.id}(dark)`, help: `${v.help} [prefers-color-scheme: dark]` });
          } finally {
            await page.emulateMedia({ colorScheme: 'light' });
          }
        }
        if (violations.length) {
          problems.push(`${violations.length} axe violation${violations.length > 1 ? 's' : ''} (${violations.map((v) => v.id).join(', ')})`);
          for (const v of violations) {
            details.push(`  axe ${v.id} [${v.impact}] ${v.help} (${v.count} node${v.count > 1 ? 's' : ''}) ${v.helpUrl}`);
            for (const n of v.nodes) {
              details.push(`    - ${n.target}`);
              details.push(`      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
              if (n.summary) {
                const s = n.summary.replace(/\s+/g, ' ').replace(/^Fix (any|all) of the following: /, '');
                details.push(`      ${s.slice(0, 240)}`);
              }
            }
          }
        }

        await page.setViewportSize(MOBILE);
        const ov = await page.evaluate(checkOverflowInPage, { maxReport: MAX_OVERFLOW_REPORT });
        if (ov) {
          problems.push(`horizontal scroll at ${MOBILE.width}px (scrollWidth ${ov.scrollWidth} > ${ov.innerWidth})`);
          details.push(`  overflow: scrollWidth ${ov.scrollWidth} > innerWidth ${ov.innerWidth}; ${ov.offenderCount} element(s) extend past the right edge; widest:`);
          if (!ov.offenders.length) details.push('    (no single element found; check pseudo-elements/transforms)');
          for (const o of ov.offenders) {
            details.push(`    - ${o.selector} (right ${o.right}px, width ${o.width}px)`);
            details.push(`      ${o.html}`);
          }
        }
      } catch (e) {
        problems.push(`error: ${String(e.message || e).split('\n')[0]}`);
        await page.close().catch(() => {});
        page = await openPage();
      }
      if (cur.external.size) {
        problems.push(`${cur.external.size} external request${cur.external.size > 1 ? 's' : ''}`);
        for (const u of [...cur.external].sort()) details.push(`  external request: ${u}`);
      }
      if (cur.broken.size) {
        problems.push(`${cur.broken.size} broken subresource${cur.broken.size > 1 ? 's' : ''}`);
        for (const b of [...cur.broken].sort()) details.push(`  broken subresource: ${b}`);
      }
      // A script that throws leaves the page without what it enhances: a failure.
      if (cur.jsErrors.length) {
        problems.push(`${cur.jsErrors.length} JavaScript error${cur.jsErrors.length > 1 ? 's' : ''}`);
        for (const e of cur.jsErrors) details.push(`  JS error: ${e}`);
      }

      const ms = Date.now() - started;
      if (problems.length) {
        failed++;
        console.log(`FAIL ${p.url}: ${problems.join('; ')}`);
        for (const d of details) console.log(d);
      } else {
        passed++;
        console.log(`ok  ${p.url}${process.env.GATE_TIMING ? ` (${ms} ms)` : ''}`);
        for (const d of details) console.log(d);
      }
    }
    cur = null;
    await context.close();
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`gate: ${pages.length} page(s) in ${secs}s (${Math.round((Date.now() - t0) / pages.length)} ms/page) served from ${root}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

export { startServer, findPages, launchBrowser };

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`gate: ${e.stack || e}`);
    process.exit(2);
  });
}
