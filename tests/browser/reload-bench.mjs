// Edit-to-reload latency of `signpost serve`: time from saving a content file to the
// reload event naming the edited page (it is re-rendered and the search index updated),
// and to the last reload event of that edit (every page that shows it is re-rendered).
// After each edit it checks that the page and /api/search show the edit (not timed).
// Usage: node tests/browser/reload-bench.mjs <signpost-binary> <site-dir (edited)> [runs=5] [text|title] [gap-ms=300]
//   text:  a paragraph added to a guidance page (only that page changes)
//   title: a service's title changed (its lists, tier, provider and browse pages change too)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [bin, root, runsArg, kindArg, gapArg] = process.argv.slice(2);
const kind = kindArg || 'text';
// Pause before each edit. Over 2 s, the server's background build (related services,
// static search) is running when the next edit comes.
const gap = Number(gapArg || 300);
const runs = Number(runsArg || 5);
// Events of one edit end after this much quiet.
const QUIET_MS = 400;
const server = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
// The server's own account of each update ("Updated N page(s) in M ms").
const updates = [];
let errText = '';
server.stderr.on('data', (d) => {
  errText += d;
  let nl;
  while ((nl = errText.indexOf('\n')) >= 0) {
    const line = errText.slice(0, nl);
    errText = errText.slice(nl + 1);
    const m = line.match(/^Updated (\d+) page\(s\) in (\d+) ms/);
    if (m) updates.push({ pages: Number(m[1]), ms: Number(m[2]) });
  }
});
const base = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/[0-9.:]+\//);
    if (m) resolve(m[0]);
  });
});

// Reload events as they arrive, with the time each came.
const events = [];
const res = await fetch(`${base}__signpost/events`);
(async () => {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value);
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith('data:')) {
        let data = {};
        try { data = JSON.parse(line.slice(5)); } catch { /* keep-alive or old server */ }
        events.push({ at: performance.now(), pages: data.pages ?? null });
      }
    }
  }
})();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const folder = kind === 'title' ? 'offers' : 'guidance';
const dir = path.join(root, 'content', folder);
const name = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()[0];
const file = path.join(dir, name);
const pagePath = `/${folder}/${name.replace(/\.md$/, '')}/`;
const pageUrl = `${base}${pagePath.slice(1)}`;
const original = fs.readFileSync(file, 'utf8');
// The server's processor time per edit (user + system, from /proc: Linux only, in clock
// ticks of 10 ms), the checks after each edit included: less swayed by a busy host than
// wall time.
const cpuMs = () => {
  try {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
};
const cpuBefore = cpuMs();
const toPage = [];
const toAll = [];
for (let i = 0; i < runs; i++) {
  await sleep(gap);
  const word = `Quillwort${i}x`;
  const edited = kind === 'title'
    ? original.replace(/^title: (.*)$/m, `title: ${word} $1`)
    : `${original}\n${word} was added.\n`;
  const from = events.length;
  const t = performance.now();
  fs.writeFileSync(file, edited);
  // The event naming the page (or every page), then quiet.
  let page;
  for (;;) {
    await sleep(2);
    page ??= events.slice(from).find((e) => e.pages === null || e.pages.includes(pagePath));
    const last = events[events.length - 1];
    if (page && performance.now() - last.at > QUIET_MS) break;
  }
  toPage.push(page.at - t);
  toAll.push(events[events.length - 1].at - t);
  const html = await (await fetch(pageUrl)).text();
  const found = await (await fetch(`${base}api/search?q=${word}`)).json();
  if (!html.includes(word) || !JSON.stringify(found).includes(pagePath)) {
    console.error(`edit ${i} not shown: page ${html.includes(word)}, search ${JSON.stringify(found).slice(0, 200)}`);
    process.exitCode = 1;
  }
}
const cpuPerEdit = (cpuMs() - cpuBefore) / runs;
fs.writeFileSync(file, original);
server.kill('SIGINT');
const quantile = (list, q) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
};
const serverMs = updates.map((u) => u.ms);
console.log(JSON.stringify({
  kind,
  runs,
  gap_ms: gap,
  page_median_ms: Math.round(quantile(toPage, 0.5)),
  page_p95_ms: Math.round(quantile(toPage, 0.95)),
  all_median_ms: Math.round(quantile(toAll, 0.5)),
  all_p95_ms: Math.round(quantile(toAll, 0.95)),
  server_update_median_ms: quantile(serverMs, 0.5),
  server_update_p95_ms: quantile(serverMs, 0.95),
  pages_per_update: quantile(updates.map((u) => u.pages), 0.5),
  server_cpu_ms_per_edit: Math.round(cpuPerEdit),
}));
process.exit(process.exitCode || 0);
