// Edit-to-reload latency of `signpost serve`: time from saving a content file to the
// server's reload event (the rebuild is done and pages would reload).
// Usage: node tests/browser/reload-bench.mjs <signpost-binary> <site-dir (edited)> [runs=5]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [bin, root, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const server = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'ignore'] });
const base = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/[0-9.:]+\//);
    if (m) resolve(m[0]);
  });
});

// One reload event stream, read as it arrives.
const res = await fetch(`${base}__signpost/events`);
const reader = res.body.getReader();
const decoder = new TextDecoder();
async function nextEvent() {
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream closed');
    buf += decoder.decode(value);
    if (buf.includes('data:')) return;
  }
}

const dir = path.join(root, 'content', 'guidance');
const file = path.join(dir, fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()[0]);
const original = fs.readFileSync(file, 'utf8');
const times = [];
for (let i = 0; i < runs; i++) {
  await new Promise((r) => setTimeout(r, 300));
  const waiting = nextEvent();
  const t = performance.now();
  fs.writeFileSync(file, `${original}\nEdit ${i}.\n`);
  await waiting;
  times.push(performance.now() - t);
}
fs.writeFileSync(file, original);
server.kill('SIGINT');
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
console.log(JSON.stringify({ runs, median_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)) }));
process.exit(0);
