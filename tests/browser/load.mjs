// Load and fault check for `signpost serve` (loopback only, bounded in time): 50 clients
// for 10 s against pages, /search and /api/search while content files are edited, broken
// and fixed; then checks, one change at a time, that an edit, a broken file and its fix
// each reach the served page. Fails on any failed request, a change not picked up within
// 15 s, a server panic, or a server that died.
// Usage: node tests/browser/load.mjs <signpost-binary> <site-dir (a copy; it is edited)>
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [bin, root] = process.argv.slice(2);
if (!bin || !root) {
  console.error('usage: node load.mjs <signpost-binary> <site-dir copy>');
  process.exit(2);
}
const CLIENTS = 50;
const SECONDS = 10;
const PATHS = ['/', '/offers/', '/tiers/', '/guidance/get-help-now/', '/protocols/kent-resettlement/',
  '/glossary/', '/static/style.css', '/search?q=housing', '/search?q=rent+arrears&kind=offer',
  '/api/search?q=NFA', '/api/search?q=refferal&tier=low'];

const server = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; });
let exited = null;
server.on('exit', (code, signal) => { exited = { code, signal }; });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/[0-9.:]+\//);
    if (m) resolve(m[0].replace(/\/$/, ''));
  });
  setTimeout(() => reject(new Error(`no address from serve: ${stderr}`)), 60_000);
});

// The editor: change a page, break a file, fix it, over and over.
const page = path.join(root, 'content/guidance/get-help-now.md');
const broken = path.join(root, 'content/guidance/load-broken.md');
const original = fs.readFileSync(page, 'utf8');
let edits = 0;
const editor = setInterval(() => {
  edits += 1;
  if (edits % 3 === 1) fs.writeFileSync(page, `${original}\nEdit ${edits}.\n`);
  else if (edits % 3 === 2) fs.writeFileSync(broken, '---\ntitle: Broken\naudience: meduim\nsummary: x\n---\n');
  else fs.rmSync(broken, { force: true });
}, 700);

const latencies = [];
const failures = [];
const deadline = Date.now() + SECONDS * 1000;
async function client(n) {
  let i = n;
  while (Date.now() < deadline) {
    const p = PATHS[i++ % PATHS.length];
    const t = performance.now();
    try {
      const res = await fetch(base + p, { redirect: 'manual' });
      await res.arrayBuffer();
      if (![200, 301, 304].includes(res.status)) failures.push(`${res.status} ${p}`);
    } catch (e) {
      failures.push(`${e.message} ${p}`);
    }
    latencies.push(performance.now() - t);
  }
}
await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
clearInterval(editor);

// Then, one at a time, that serve took each kind of change in: an edit shows on its page,
// a broken file shows the error overlay (the last good page under it), and the fix takes
// the overlay away with the edit kept.
const shown = async (what, ok) => {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      const html = await (await fetch(`${base}/guidance/get-help-now/`)).text();
      if (ok(html)) return true;
    } catch { /* the next try */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  failures.push(`not picked up within 15 s: ${what}`);
  return false;
};
fs.rmSync(broken, { force: true });
const marker = `Checked edit ${Date.now()}.`;
fs.writeFileSync(page, `${original}\n${marker}\n`);
await shown('the edit', (h) => h.includes(marker) && !h.includes('signpost-overlay'));
fs.writeFileSync(broken, '---\ntitle: Broken\naudience: meduim\nsummary: x\n---\n');
await shown('the broken file', (h) => h.includes('signpost-overlay') && h.includes('load-broken.md') && h.includes(marker));
fs.rmSync(broken, { force: true });
await shown('the fix', (h) => !h.includes('signpost-overlay') && h.includes(marker));
fs.writeFileSync(page, original);
const alive = exited === null;
server.kill('SIGINT');
await new Promise((r) => setTimeout(r, 500));

latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] || 0;
const panics = (stderr.match(/panicked/g) || []).length;
console.log(`load: ${latencies.length} requests from ${CLIENTS} clients in ${SECONDS} s, ${edits} edits; ` +
  `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms; ${failures.length} failed, ${panics} panics, server ${alive ? 'alive' : `exited ${JSON.stringify(exited)}`}`);
for (const f of [...new Set(failures)].slice(0, 10)) console.log(`  failed: ${f}`);
process.exit(failures.length === 0 && panics === 0 && alive ? 0 : 1);
